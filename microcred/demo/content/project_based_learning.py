"""Project-based learning: Open Practice Network's ordered stack, from question to audience."""

from .credits import clock_hours
from .organizations import OPEN_PRACTICE
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, reflection
from .standards import casel, ela, intasc, iste, udl

PROJECT_DESIGN = Resource(
    "PBLWorks: Gold Standard Project Design",
    "https://www.pblworks.org/what-is-pbl/gold-standard-project-design",
)
TEACHING_PRACTICES = Resource(
    "PBLWorks: Gold Standard Teaching Practices",
    "https://www.pblworks.org/what-is-pbl/gold-standard-teaching-practices",
)
EL_EDUCATION = Resource(
    "EL Education",
    "https://eleducation.org/",
    note="Models of student work, critique protocols and presentations of learning.",
)
PBL_GRADES = ("3-5", "6-8", "9-12")

DRIVING_QUESTION = MicroCredential(
    title="Writing a Driving Question",
    summary=(
        "Frame a project around an open, engaging question that students can investigate and "
        "that leads to the standards you need to teach."
    ),
    competency=(
        "The educator writes a driving question for a project that is open-ended, meaningful "
        "to students and aligned to the learning goals, and refines it with feedback from "
        "students and colleagues."
    ),
    key_method=(
        "Draft several driving questions from the project's learning goals and an authentic "
        "context, test them against criteria and with students, and revise the strongest."
    ),
    components=(
        "Learning goals identified first",
        "An authentic context or audience",
        "Several drafts tested against criteria: open, engaging, aligned",
        "Feedback from students and a colleague",
        "The final question posted and returned to throughout the project",
    ),
    research=(
        "Project-based learning organizes instruction around a question or problem that "
        "students investigate over time. A review of the research by Condliffe and "
        "colleagues (2017) identifies a driving question or problem as a design feature "
        "shared by well-studied project-based models, and a randomized study of "
        "project-based Advanced Placement courses, the Knowledge in Action evaluation "
        "(Saavedra and colleagues, 2021), found higher pass rates on AP exams for students in "
        "project-based classes. A good question focuses students' inquiry on the learning "
        "goals while leaving room for different defensible answers."
    ),
    resources=(
        PROJECT_DESIGN,
        Resource(
            "Project-Based Learning: A Literature Review (Condliffe and colleagues, MDRC, 2017)",
            note="What the research does and does not yet show about project-based learning.",
        ),
    ),
    requirements=(
        Requirement(
            "Drafts and revision",
            "Upload the learning goals, at least three drafts of the driving question, and "
            "notes on the feedback that led to the final version.",
            ("file", "text"),
            (
                Criterion(
                    "Aligned to the goals",
                    "Answering the final question requires students to learn the identified goals.",
                ),
                Criterion(
                    "Open and engaging",
                    "The question has more than one defensible answer and connects to "
                    "students' lives or an authentic context.",
                ),
                Criterion(
                    "Revised with feedback",
                    "The notes show feedback from students or colleagues shaping the final "
                    "question.",
                ),
            ),
        ),
        Requirement(
            "The question in use",
            "Share evidence that the question guided the project, such as the launch "
            "activity, the class's need-to-know list or a photo of the project wall.",
            ("file", "link"),
            (
                Criterion(
                    "Need-to-know",
                    "Students generated the questions they needed to answer, linked to the "
                    "driving question.",
                ),
                Criterion(
                    "Returned to",
                    "The question was revisited during the project, not only at the launch.",
                ),
            ),
        ),
    ),
    alignments=(
        iste(
            "2.5.b",
            "Design authentic learning activities that align with content area standards and "
            "use digital tools and resources to maximize active, deep learning.",
        ),
        intasc(7, "Planning for Instruction"),
    ),
    fee="0",
    credit=clock_hours("10"),
    hours="10",
    grades=PBL_GRADES,
    topics=("Curriculum design",),
)

PROJECT_CALENDAR = MicroCredential(
    title="Planning a Project Calendar",
    summary=(
        "Map a project from launch to public product so that teaching, student work and "
        "checkpoints arrive in the right order."
    ),
    competency=(
        "The educator plans a project calendar that sequences instruction, student work "
        "time, milestones and checkpoints toward a public product, and adjusts it as the "
        "project runs."
    ),
    key_method=(
        "Work backward from the final product, identify the knowledge and skills students "
        "need and when, schedule milestones with feedback, and leave time for revision."
    ),
    components=(
        "The final product and its audience defined first",
        "Milestones with deliverables and checkpoints",
        "Lessons scheduled just before students need the skill",
        "Time for critique and revision",
        "A way to track each team's progress",
    ),
    research=(
        "Projects most often founder on logistics: unclear milestones, work that piles up at "
        "the end, and teaching that arrives after students needed it. Backward design "
        "(Wiggins and McTighe, Understanding by Design, 2005) starts from the intended "
        "results and the evidence of learning and then plans the path to them. Milestones "
        "with feedback spread the work across the project and give the teacher regular "
        "chances to reteach before the final product."
    ),
    resources=(
        TEACHING_PRACTICES,
        Resource(
            "Understanding by Design (Wiggins and McTighe, 2005)",
            note="The backward-design framework behind the calendar.",
        ),
    ),
    requirements=(
        Requirement(
            "Project calendar",
            "Upload the calendar for a project of at least three weeks, showing milestones, "
            "lessons, work time and checkpoints.",
            ("file", "link"),
            (
                Criterion(
                    "Backward from the product",
                    "The calendar leads to a defined product and audience.",
                ),
                Criterion(
                    "Milestones with feedback",
                    "At least three milestones have a deliverable and a feedback checkpoint.",
                ),
                Criterion(
                    "Just-in-time teaching",
                    "Lessons are scheduled shortly before students need the skill.",
                ),
            ),
        ),
        Requirement(
            "The calendar in practice",
            "Describe two changes you made to the calendar while the project ran, and why, "
            "with the team progress tracker as evidence.",
            ("text", "file"),
            (
                Criterion("Progress tracked", "Team progress was checked at each milestone."),
                Criterion(
                    "Responsive changes",
                    "The changes respond to evidence of students' progress.",
                ),
            ),
        ),
        reflection("where the calendar kept students on track and where time ran out."),
    ),
    alignments=(intasc(7, "Planning for Instruction"),),
    fee="35",
    credit=clock_hours("12"),
    hours="12",
    grades=PBL_GRADES,
    topics=("Curriculum design",),
)

VOICE_AND_CHOICE = MicroCredential(
    title="Student Voice and Choice in Projects",
    summary=(
        "Give students real decisions in a project, about questions, roles, products or "
        "process, within a structure that helps them choose well."
    ),
    competency=(
        "The educator builds structured opportunities for students to make meaningful "
        "decisions in a project and supports them in making and carrying out their choices."
    ),
    key_method=(
        "Identify where in the project students can decide, offer bounded choices with "
        "criteria, teach students how to choose and plan, and confer with teams about their "
        "decisions."
    ),
    components=(
        "Decision points marked in the project plan",
        "Bounded choices with criteria for success",
        "Team contracts or planning tools",
        "Conferences with teams about their choices",
    ),
    research=(
        "Self-determination theory (Ryan and Deci, 2000) holds that a sense of autonomy "
        "supports motivation and deeper engagement. In project work, choice pays off when it "
        "is meaningful, because it changes the outcome, and structured, because students know "
        "the criteria and have help to choose. Unstructured choice can overwhelm students, "
        "especially those who have had little practice managing their own work."
    ),
    resources=(
        PROJECT_DESIGN,
        Resource(
            "CAST: the UDL Guidelines",
            "https://udlguidelines.cast.org/",
            note="See the checkpoint on optimizing choice and autonomy.",
        ),
    ),
    requirements=(
        Requirement(
            "Decision points",
            "Upload your project plan with each student decision point marked, and the choice "
            "menus or planning tools you gave students.",
            ("file", "link"),
            (
                Criterion(
                    "Meaningful decisions",
                    "Students decide at least two things that shape the outcome, such as the "
                    "question they pursue, the product or the roles.",
                ),
                Criterion(
                    "Structure for choosing",
                    "Each choice comes with criteria or support for making it.",
                ),
            ),
        ),
        Requirement(
            "Team conferences",
            "Share notes from conferences with two teams about their choices, and each team's "
            "plan or contract.",
            ("file", "text"),
            (
                Criterion(
                    "Coaching, not deciding",
                    "The teacher's questions help the team decide rather than deciding for it.",
                ),
                Criterion(
                    "Plan reflects the choices",
                    "Each team's plan shows the choices made and how the team will carry them out.",
                ),
            ),
        ),
        reflection("which choices students took seriously, which they did not, and why."),
    ),
    alignments=(
        udl("7.1", "Optimize choice and autonomy"),
        iste(
            "2.6.a",
            "Foster a culture where students take ownership of their learning goals and "
            "outcomes in both independent and group settings.",
        ),
    ),
    fee="35",
    credit=clock_hours("12"),
    hours="12",
    grades=PBL_GRADES,
    topics=("Student agency",),
)

CRITIQUE = MicroCredential(
    title="Critique and Revision Protocols",
    summary=(
        "Run structured peer critique in which students give kind, specific and helpful "
        "feedback and use it to improve their work."
    ),
    competency=(
        "The educator facilitates a structured critique protocol in which students give "
        "specific feedback against criteria, and students revise their work in response."
    ),
    key_method=(
        "Set the norms of kind, specific and helpful feedback, model critique on an "
        "anonymous example, run a timed protocol such as a gallery critique, and require a "
        "revision with a note on what changed."
    ),
    components=(
        "Norms: be kind, be specific, be helpful",
        "Modelling with a piece of work from outside the class",
        "A timed protocol with roles",
        "Revision with a note on what changed and why",
        "Successive drafts kept for comparison",
    ),
    research=(
        "Berger's account of critique in An Ethic of Excellence (2003), and the widely "
        "shared example of a first-grader's butterfly drawing improved over six drafts, show "
        "how work improves when students get precise feedback from peers. The research on "
        "feedback reviewed by Hattie and Timperley (2007) explains why: feedback about the "
        "task and how to improve it works when learners act on it. Structured protocols keep "
        "peer feedback specific and keep the room safe for sharing unfinished work."
    ),
    resources=(
        EL_EDUCATION,
        Resource(
            "An Ethic of Excellence (Berger, 2003)",
            note="Building a culture of craftsmanship with students, through critique and "
            "revision.",
        ),
    ),
    requirements=(
        Requirement(
            "Critique session",
            "Upload the protocol, the norms and the example you used, and a recording or notes "
            "from the critique session.",
            ("file", "link"),
            (
                Criterion(
                    "Structured protocol",
                    "The protocol has clear steps, roles and time limits.",
                ),
                Criterion(
                    "Specific feedback",
                    "The feedback recorded is tied to the criteria and names a change the "
                    "author could make.",
                ),
            ),
        ),
        Requirement(
            "Drafts",
            "Share first and revised drafts from three students, with names removed, and "
            "their revision notes.",
            ("file",),
            (
                Criterion(
                    "Revision visible",
                    "Each revised draft shows an improvement tied to the feedback received.",
                ),
                Criterion(
                    "Students explain",
                    "The revision notes explain what changed and why.",
                ),
            ),
        ),
        reflection("what changed in the quality of students' feedback over the project."),
    ),
    alignments=(
        ela(
            "CCRA.W.5",
            "Develop and strengthen writing as needed by planning, revising, editing, "
            "rewriting, or trying a new approach.",
        ),
        casel("Relationship skills"),
    ),
    fee="35",
    credit=clock_hours("15"),
    hours="15",
    grades=PBL_GRADES,
    topics=("Assessment and feedback",),
)

PUBLIC_AUDIENCE = MicroCredential(
    title="Presenting to a Public Audience",
    summary=(
        "End a project with students presenting their work to people beyond the classroom "
        "who care about it."
    ),
    competency=(
        "The educator arranges for students to present project work to an authentic public "
        "audience and prepares them to communicate clearly to that audience."
    ),
    key_method=(
        "Find an audience with a real interest in the work, prepare students through "
        "rehearsal and feedback, hold the event, and collect the audience's feedback for the "
        "students."
    ),
    components=(
        "An audience chosen for its interest in the work",
        "Rehearsal with feedback on clarity and delivery",
        "A public event, in person or online",
        "Audience feedback collected and shared with students",
    ),
    research=(
        "A public product is one of the design elements common to high-quality project-based "
        "learning: knowing that real people will see their work raises the stakes for "
        "students and gives them a reason to revise. Presenting also builds communication "
        "skills that appear throughout the standards, such as presenting findings so that "
        "listeners can follow the reasoning."
    ),
    resources=(PROJECT_DESIGN, EL_EDUCATION),
    requirements=(
        Requirement(
            "Event plan and rehearsal",
            "Upload the plan for the public event (audience, format and invitation) and the "
            "rehearsal feedback tool students used.",
            ("file",),
            (
                Criterion(
                    "Authentic audience",
                    "The audience includes people from outside the school with an interest in "
                    "the topic.",
                ),
                Criterion(
                    "Rehearsal",
                    "Students rehearsed and received feedback before the event.",
                ),
            ),
        ),
        Requirement(
            "Presentations and audience feedback",
            "Share a recording or photos of two presentations, made with consent, and the "
            "feedback the audience gave.",
            ("file", "link"),
            (
                Criterion(
                    "Clear communication",
                    "Students present so that the audience can follow their reasoning and "
                    "evidence.",
                ),
                Criterion(
                    "Feedback used",
                    "The audience's feedback was shared with students and discussed.",
                ),
            ),
        ),
        reflection("how presenting to a real audience changed students' effort or their work."),
    ),
    alignments=(
        ela(
            "CCRA.SL.4",
            "Present information, findings, and supporting evidence such that listeners can "
            "follow the line of reasoning and the organization, development, and style are "
            "appropriate to task, purpose, and audience.",
        ),
    ),
    fee="35",
    credit=clock_hours("12"),
    hours="12",
    grades=("6-8", "9-12"),
    topics=("Student agency",),
)

STACK = Stack(
    title="Project-Based Learning Foundations",
    issuer=OPEN_PRACTICE,
    topic="Project-based learning",
    colour=(230, 126, 34),
    description=(
        "Five micro-credentials that follow a project from beginning to end, earned in "
        "order: a driving question, a project calendar, student voice and choice, critique "
        "and revision, and a public audience for the finished work."
    ),
    micro_credentials=(
        DRIVING_QUESTION,
        PROJECT_CALENDAR,
        VOICE_AND_CHOICE,
        CRITIQUE,
        PUBLIC_AUDIENCE,
    ),
    ordered=True,
)
