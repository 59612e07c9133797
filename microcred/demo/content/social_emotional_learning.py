"""Social-emotional learning: Open Practice Network's stack of everyday classroom practices."""

from .credits import ceu
from .organizations import OPEN_PRACTICE
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, reflection
from .standards import casel, iste, udl

CASEL_FRAMEWORK = Resource(
    "CASEL: What Is the CASEL Framework?",
    "https://casel.org/fundamentals-of-sel/what-is-the-casel-framework/",
)

MORNING_MEETING = MicroCredential(
    title="Morning Meetings That Build Belonging",
    summary=(
        "Open the day with a short, structured class meeting in which every student is "
        "greeted, heard and part of the group."
    ),
    competency=(
        "The educator leads a daily class meeting with a greeting, sharing, a group activity "
        "and a message, in which every student takes part."
    ),
    key_method=(
        "Hold a 15 to 20 minute meeting at the start of each day with the same four parts, "
        "teach and practise its routines, and rotate roles so that over time every student "
        "greets, shares and leads."
    ),
    components=(
        "A greeting in which every student is addressed by name",
        "Sharing with a structure for listening and responding",
        "A short, inclusive group activity",
        "A morning message that previews the day",
        "Routines taught and practised before they are expected",
    ),
    research=(
        "A randomized trial of the Responsive Classroom approach, of which the morning "
        "meeting is a part, found gains in mathematics achievement where teachers put the "
        "practices in place faithfully (Rimm-Kaufman and colleagues, 2014). Research on "
        "belonging (Walton and Cohen, 2011) shows that students' sense that they fit in and "
        "are valued affects their motivation and achievement. A daily routine in which every "
        "student is greeted and heard is a simple, repeatable way to tell each student that "
        "they belong."
    ),
    resources=(
        Resource(
            "Responsive Classroom",
            "https://www.responsiveclassroom.org/",
            note="Guidance and videos on morning meeting.",
        ),
        CASEL_FRAMEWORK,
    ),
    requirements=(
        Requirement(
            "Meeting plans",
            "Upload plans for five consecutive meetings, showing the four parts and how roles "
            "rotate.",
            ("file", "text"),
            (
                Criterion(
                    "Four parts",
                    "Each meeting includes a greeting, sharing, an activity and a message.",
                ),
                Criterion(
                    "Every student included",
                    "The plans show how every student is greeted and how roles rotate.",
                ),
            ),
        ),
        Requirement(
            "A meeting in action",
            "Share a video of one meeting, made with families' consent, or photos and a "
            "detailed description.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Routines in place",
                    "Students know the routines and the meeting runs smoothly.",
                ),
                Criterion(
                    "Respectful listening",
                    "Students listen and respond to one another's sharing.",
                ),
            ),
        ),
        reflection("what has changed in how students treat one another since the meetings began."),
    ),
    alignments=(casel("Relationship skills"), casel("Social awareness")),
    fee="0",
    credit=ceu("1.0"),
    hours="10",
    grades=("k-2", "3-5"),
    topics=("Classroom community",),
)

SELF_REGULATION = MicroCredential(
    title="Teaching Self-Regulation Strategies",
    summary=(
        "Teach students a few strategies to notice and manage strong feelings, and help them "
        "choose one when they need it."
    ),
    competency=(
        "The educator explicitly teaches students strategies for recognizing and managing "
        "emotions and supports them until they apply the strategies on their own."
    ),
    key_method=(
        "Teach a shared vocabulary for feelings and two or three calming and "
        "problem-solving strategies, practise them when students are calm, prompt their use "
        "in difficult moments, and fade the prompts as students become independent."
    ),
    components=(
        "A shared vocabulary for feelings and how strong they are",
        "Two or three strategies taught and practised while students are calm",
        "A calm space or tool that students can choose",
        "Prompts that fade as students become independent",
    ),
    research=(
        "A meta-analysis of school-based social and emotional learning programs (Durlak and "
        "colleagues, 2011) found improvements in students' social and emotional skills, "
        "behaviour and attitudes, and an 11-percentile-point gain in academic achievement. "
        "Self-regulation is at the heart of that work: Diamond and Lee (2011) review evidence "
        "that executive functions, including the control of impulses and emotions, can be "
        "improved through practice and predict later outcomes in school and life."
    ),
    resources=(
        CASEL_FRAMEWORK,
        Resource(
            "Center on the Developing Child, Harvard University",
            "https://developingchild.harvard.edu/",
            note="Clear explanations of executive function and self-regulation.",
        ),
    ),
    requirements=(
        Requirement(
            "Strategy lessons",
            "Upload the lessons and visuals you used to teach the vocabulary for feelings and "
            "the strategies.",
            ("file", "link"),
            (
                Criterion(
                    "Explicit teaching",
                    "Each strategy is named, modelled and practised.",
                ),
                Criterion(
                    "Practised when calm",
                    "Practice happens while students are calm, before they need the strategy.",
                ),
            ),
        ),
        Requirement(
            "Students using the strategies",
            "Share a record of students' use of the strategies over three weeks, such as a "
            "class tally, student check-ins or anecdotal notes, with names removed.",
            ("file", "text"),
            (
                Criterion(
                    "Growing independence",
                    "The record shows students choosing strategies with fewer prompts over time.",
                ),
                Criterion(
                    "Record interpreted",
                    "The earner interprets the record and names the students who need more "
                    "support.",
                ),
            ),
        ),
        reflection("which strategies students reached for and what that told you about them."),
    ),
    alignments=(casel("Self-management"), casel("Self-awareness")),
    fee="30",
    credit=ceu("1.5"),
    hours="15",
    grades=("early-childhood", "k-2", "3-5", "6-8"),
    topics=("Student well-being",),
)

RESTORATIVE = MicroCredential(
    title="Restorative Conversations",
    summary=(
        "Respond to harm in the classroom with a conversation that helps students understand "
        "its effect and make things right."
    ),
    competency=(
        "The educator facilitates a restorative conversation after a conflict or harm, with "
        "questions that help the students involved reflect on what happened, who was affected "
        "and how to repair it."
    ),
    key_method=(
        "Use one consistent set of restorative questions, meet those involved once emotions "
        "have settled, help them agree on a repair, and follow up."
    ),
    components=(
        "A consistent set of restorative questions",
        "Timing chosen after emotions have settled",
        "Every voice heard, including those affected",
        "An agreed repair",
        "A follow-up check",
    ),
    research=(
        "Restorative practices aim to repair relationships rather than only to punish. A "
        "randomized trial in Pittsburgh's public schools by the RAND Corporation (Augustine "
        "and colleagues, 2018) found that restorative practices reduced suspensions and "
        "improved teachers' ratings of school climate, although they did not raise academic "
        "outcomes. Results in this and other studies depend on consistent, skilled "
        "facilitation, which is what this micro-credential asks you to show."
    ),
    resources=(
        Resource(
            "International Institute for Restorative Practices",
            "https://www.iirp.edu/",
        ),
        Resource(
            "Can Restorative Practices Improve School Climate and Curb Suspensions? "
            "(RAND Corporation, 2018)",
            note="The randomized trial in Pittsburgh Public Schools described above.",
        ),
    ),
    requirements=(
        Requirement(
            "Conversation record",
            "Describe two restorative conversations you facilitated, without names: what "
            "happened, the questions you used, and the repair that was agreed.",
            ("text",),
            (
                Criterion(
                    "Restorative questions",
                    "The questions focus on what happened, who was affected and what is "
                    "needed to make it right.",
                ),
                Criterion(
                    "All voices",
                    "Both the student who caused harm and those affected were heard.",
                ),
                Criterion(
                    "Repair agreed",
                    "A specific repair was agreed by those involved.",
                ),
            ),
        ),
        Requirement(
            "Follow-up",
            "Explain how you followed up after each conversation and what happened to the "
            "relationship.",
            ("text", "file"),
            (
                Criterion(
                    "Follow-up done",
                    "The earner checked in with those involved within a week.",
                ),
                Criterion(
                    "Honest outcome",
                    "The outcome is described honestly, including any further harm.",
                ),
            ),
        ),
        reflection(
            "what was hardest for you as facilitator and how students responded to being asked "
            "rather than told."
        ),
    ),
    alignments=(
        casel("Responsible decision-making"),
        udl("9.4", "Cultivate empathy and restorative practices"),
    ),
    fee="30",
    credit=ceu("1.5"),
    hours="15",
    grades=("3-5", "6-8", "9-12"),
    topics=("Classroom community",),
)

COOPERATIVE_LEARNING = MicroCredential(
    title="Cooperative Learning Structures",
    summary=(
        "Structure group work so that every student is responsible for their part and the "
        "group succeeds only when everyone learns."
    ),
    competency=(
        "The educator designs group tasks with positive interdependence and individual "
        "accountability, and teaches the social skills the task requires."
    ),
    key_method=(
        "Design the task so that members need one another, assign roles and individual "
        "accountability, teach and observe one social skill, and have groups reflect on how "
        "they worked together."
    ),
    components=(
        "Positive interdependence built into the task",
        "Individual accountability for every member",
        "Face-to-face interaction during the work",
        "One social skill taught and observed",
        "Group reflection at the end",
    ),
    research=(
        "Johnson and Johnson's long research program on cooperative learning, summarized in "
        "2009, found that cooperative structures lead to higher achievement and better "
        "relationships than competitive or individual work when five elements are present: "
        "positive interdependence, individual accountability, promotive interaction, social "
        "skills and group processing. Without those elements, group work often leaves a few "
        "students doing most of the thinking."
    ),
    resources=(
        Resource(
            "An Educational Psychology Success Story (Johnson and Johnson, 2009)",
            note="Educational Researcher, volume 38: the evidence on cooperative learning in "
            "one article.",
        ),
        CASEL_FRAMEWORK,
    ),
    requirements=(
        Requirement(
            "Task design",
            "Upload the cooperative task with its roles, the individual accountability "
            "measure and the social skill you taught.",
            ("file",),
            (
                Criterion(
                    "Interdependence",
                    "The task cannot be completed without every member's contribution.",
                ),
                Criterion(
                    "Individual accountability",
                    "Each student is assessed on their own learning or contribution.",
                ),
            ),
        ),
        Requirement(
            "Groups at work",
            "Share your observation notes on the social skill and the groups' reflections from "
            "one lesson.",
            ("file", "text"),
            (
                Criterion(
                    "Skill observed",
                    "The notes record specific instances of the skill that was taught.",
                ),
                Criterion(
                    "Group reflection",
                    "Groups reflected on how they worked and set a goal for next time.",
                ),
            ),
        ),
        reflection("whether every student contributed, and how you know."),
    ),
    alignments=(
        casel("Relationship skills"),
        udl("8.3", "Foster collaboration, interdependence, and collective learning"),
    ),
    fee="30",
    credit=ceu("1.0"),
    hours="12",
    grades=("3-5", "6-8", "9-12"),
    topics=("Collaboration",),
)

GOAL_SETTING = MicroCredential(
    title="Student Goal-Setting Conferences",
    summary=(
        "Meet one-to-one with students to set a learning goal, plan how to reach it and "
        "review their progress together."
    ),
    competency=(
        "The educator holds individual conferences in which students set a specific learning "
        "goal, plan strategies and monitor their own progress over several weeks."
    ),
    key_method=(
        "Prepare with each student's recent work, help them write a specific, challenging "
        "goal and a plan, schedule check-ins, and have students track and reflect on their "
        "progress."
    ),
    components=(
        "A look at recent work with the student",
        "A specific, challenging goal in the student's own words",
        "Strategies and support written into a plan",
        "Check-ins every one to two weeks",
        "A progress record kept by the student",
    ),
    research=(
        "Goal-setting theory (Locke and Latham, 2002) shows that specific, challenging goals "
        "combined with feedback improve performance. Zimmerman's account of self-regulated "
        "learning (2002) describes how students who set goals, monitor their progress and "
        "reflect become more independent learners, and argues that these habits can be "
        "taught. Conferences make the process personal and give the teacher a regular view "
        "of each student's thinking."
    ),
    resources=(
        Resource(
            "Becoming a Self-Regulated Learner: An Overview (Zimmerman, 2002)",
            note="Theory Into Practice, volume 41.",
        ),
        CASEL_FRAMEWORK,
    ),
    requirements=(
        Requirement(
            "Goals and plans",
            "Upload the goal-setting plans of three students, with names removed, and the work "
            "you looked at together.",
            ("file",),
            (
                Criterion(
                    "Specific goals",
                    "Each goal is specific, challenging and in the student's own words.",
                ),
                Criterion("A plan", "Each plan names strategies and support."),
            ),
        ),
        Requirement(
            "Progress",
            "Share the students' progress records and your notes from at least two check-ins.",
            ("file", "text"),
            (
                Criterion(
                    "Students monitor",
                    "Students recorded their own progress between check-ins.",
                ),
                Criterion(
                    "Adjustment",
                    "The check-in notes show goals or strategies adjusted in light of progress.",
                ),
            ),
        ),
        reflection("what students said about setting their own goals."),
    ),
    alignments=(
        casel("Self-management"),
        iste(
            "2.6.a",
            "Foster a culture where students take ownership of their learning goals and "
            "outcomes in both independent and group settings.",
        ),
    ),
    fee="30",
    credit=ceu("1.0"),
    hours="12",
    grades=("3-5", "6-8", "9-12"),
    topics=("Student agency",),
)

STACK = Stack(
    title="Social-Emotional Learning in Practice",
    issuer=OPEN_PRACTICE,
    topic="Social-emotional learning",
    colour=(196, 145, 18),
    description=(
        "Everyday classroom practices that build belonging, self-management and "
        "relationships: morning meetings, self-regulation strategies, restorative "
        "conversations, cooperative learning and goal-setting conferences."
    ),
    micro_credentials=(
        MORNING_MEETING,
        SELF_REGULATION,
        RESTORATIVE,
        COOPERATIVE_LEARNING,
        GOAL_SETTING,
    ),
)
