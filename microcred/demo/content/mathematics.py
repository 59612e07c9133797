"""Mathematics: Open Practice Network's stack on reasoning and discussion in mathematics."""

from .credits import clock_hours
from .organizations import OPEN_PRACTICE
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, Standard, reflection
from .standards import intasc, math_practice

YOUCUBED = Resource(
    "youcubed (Stanford Graduate School of Education)",
    "https://www.youcubed.org/",
    note="Free tasks, number talk videos and research summaries.",
)
NRICH = Resource(
    "NRICH (University of Cambridge)",
    "https://nrich.maths.org/",
    note="Thousands of free low-floor, high-ceiling tasks with notes for teachers.",
)
NCTM = Resource(
    "National Council of Teachers of Mathematics",
    "https://www.nctm.org/",
    note="Publisher of 5 Practices for Orchestrating Productive Mathematics Discussions.",
)
REASONING = math_practice(3, "Construct viable arguments and critique the reasoning of others")

NUMBER_TALKS = MicroCredential(
    title="Number Talks",
    summary=(
        "Build number sense and flexible strategies through short daily discussions of "
        "mental mathematics."
    ),
    competency=(
        "The educator facilitates short, regular number talks in which students solve a "
        "problem mentally, share different strategies and explain their reasoning, while the "
        "educator records the strategies for the class to compare."
    ),
    key_method=(
        "Pose a carefully chosen problem, give silent think time, collect several answers "
        "without judging them, have students explain their strategies, and record each "
        "strategy so that the class can compare them."
    ),
    components=(
        "A problem or problem string chosen to draw out a target strategy",
        "Silent think time, with a thumb held to the chest to signal an answer",
        "All answers collected before any is judged",
        "Students explaining their reasoning",
        "Strategies recorded in notation the class can compare",
    ),
    research=(
        "Number talks, described for classrooms by Parrish (2010), build on research showing "
        "that flexible mental strategies and number sense support later success in "
        "mathematics, while students who rely only on memorized procedures are more likely "
        "to struggle. Boaler (2016) argues that such discussions also change students' "
        "beliefs about mathematics by valuing different ways of thinking. More broadly, "
        "research on classroom discourse finds that students learn more when they explain "
        "their reasoning and respond to other students' ideas."
    ),
    resources=(
        YOUCUBED,
        Resource(
            "Number Talks (Parrish, 2010)",
            note="A guide to planning and leading number talks, with classroom examples.",
        ),
    ),
    requirements=(
        Requirement(
            "Planned problems",
            "Upload plans for five number talks, each naming the target strategy and the "
            "problems chosen.",
            ("file", "text"),
            (
                Criterion(
                    "Purposeful problems",
                    "The problems are chosen to draw out a named strategy.",
                ),
                Criterion(
                    "Anticipated strategies",
                    "The plans list the strategies students are likely to use and how each "
                    "will be recorded.",
                ),
            ),
        ),
        Requirement(
            "Number talk recording",
            "Share a video of a number talk of 10 to 15 minutes, made with consent, or an "
            "audio recording with photos of the board.",
            ("file", "link"),
            (
                Criterion(
                    "Think time and all answers",
                    "Students get silent think time, and several answers are collected before "
                    "any is judged.",
                ),
                Criterion(
                    "Student explanation",
                    "At least three students explain their strategy in their own words.",
                ),
                Criterion(
                    "Recording",
                    "The teacher records the strategies so that they can be compared.",
                ),
            ),
        ),
        reflection("how students' strategies changed over the five number talks."),
    ),
    alignments=(REASONING, math_practice(7, "Look for and make use of structure")),
    fee="0",
    credit=clock_hours("10"),
    hours="10",
    grades=("k-2", "3-5", "6-8"),
    topics=("Classroom discussion",),
)

RICH_TASKS = MicroCredential(
    title="Launching Rich Tasks",
    summary=(
        "Launch a task with a low floor and a high ceiling so that every student can start "
        "and no student runs out of challenge."
    ),
    competency=(
        "The educator selects and launches a rich mathematical task so that all students "
        "begin productively, without the teacher lowering the task's cognitive demand."
    ),
    key_method=(
        "Choose a task with several entry points, anticipate students' approaches, launch it "
        "by making sure students understand the situation without showing them a method, and "
        "respond to struggle with questions rather than steps."
    ),
    components=(
        "A task with a low floor and a high ceiling",
        "Anticipated solutions and misconceptions",
        "A launch that clarifies the situation but not the method",
        "Questions prepared for students who are stuck and for those who finish early",
    ),
    research=(
        "Stein, Grover and Henningsen (1996) found that tasks with high cognitive demand "
        "often lose it during the lesson, most often when the teacher, trying to help, breaks "
        "the task into steps or demonstrates a method, and that tasks which keep their demand "
        "are associated with greater learning. Launching a task well, so that students "
        "understand the situation and the question without being handed a method, and "
        "answering struggle with questions are two ways of protecting that demand."
    ),
    resources=(NRICH, YOUCUBED),
    requirements=(
        Requirement(
            "Task and anticipation",
            "Upload the task, your list of anticipated solutions and misconceptions, and the "
            "questions you prepared.",
            ("file", "text"),
            (
                Criterion(
                    "Low floor, high ceiling",
                    "Every student can start the task, and it offers extension for those who "
                    "go further.",
                ),
                Criterion(
                    "Anticipation",
                    "At least three solution paths and two misconceptions are anticipated, "
                    "each with a prepared question.",
                ),
            ),
        ),
        Requirement(
            "Launch and struggle",
            "Share a video of the launch and the first ten minutes of work, made with consent, "
            "or a detailed description with student work.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Method not given",
                    "The launch clarifies the situation without showing how to solve the task.",
                ),
                Criterion(
                    "Demand maintained",
                    "The teacher responds to struggle with questions that leave the thinking "
                    "to the students.",
                ),
            ),
        ),
        reflection("what students did that you had not anticipated."),
    ),
    alignments=(math_practice(1, "Make sense of problems and persevere in solving them"),),
    fee="25",
    credit=clock_hours("12"),
    hours="12",
    grades=("3-5", "6-8", "9-12"),
    topics=("Problem solving",),
)

DISCUSSION = MicroCredential(
    title="Orchestrating Mathematical Discussion",
    summary=(
        "Use students' own solutions to build a whole-class discussion that reaches the "
        "mathematical goal of the lesson."
    ),
    competency=(
        "The educator plans and leads a whole-class discussion of student solutions using "
        "the five practices: anticipating, monitoring, selecting, sequencing and connecting."
    ),
    key_method=(
        "Anticipate solutions, monitor students' work with a recording chart, select and "
        "sequence solutions to share, and lead students to connect them to each other and to "
        "the lesson's goal."
    ),
    components=(
        "Anticipating student solutions before the lesson",
        "Monitoring with a chart of who used which approach",
        "Selecting solutions that serve the goal",
        "Sequencing them from the most accessible to the most sophisticated",
        "Connecting the solutions to each other and to the key idea",
    ),
    research=(
        "Smith and Stein (5 Practices for Orchestrating Productive Mathematics Discussions, "
        "2011) drew on studies of mathematics classrooms to show how teachers can plan a "
        "discussion rather than improvise it. Research on classroom discourse indicates that "
        "students learn more when they explain and compare ideas, but unplanned discussions "
        "often turn into a sequence of students showing their work without connecting it to "
        "the mathematics. The five practices keep the discussion on the lesson's goal."
    ),
    resources=(NCTM, NRICH),
    requirements=(
        Requirement(
            "Planning",
            "Upload your planning for one lesson: the anticipated solutions, the monitoring "
            "chart, and the solutions you planned to select and their sequence.",
            ("file",),
            (
                Criterion(
                    "Planned toward the goal",
                    "The selection and sequence are chosen to build toward the lesson's "
                    "mathematical goal.",
                ),
                Criterion(
                    "Monitoring tool",
                    "The chart records which students used which approach.",
                ),
            ),
        ),
        Requirement(
            "Discussion",
            "Share a video, made with consent, or a transcript of the whole-class discussion, "
            "and the completed monitoring chart.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Students connect",
                    "Students are asked to compare solutions and explain the connections "
                    "between them.",
                ),
                Criterion(
                    "Goal reached",
                    "The discussion ends with the key mathematical idea made explicit, in "
                    "students' words where possible.",
                ),
            ),
        ),
        reflection("how your selection and sequence worked in practice and what you would change."),
    ),
    alignments=(
        REASONING,
        Standard(
            "Danielson Framework for Teaching (2013)",
            "3b",
            "Using Questioning and Discussion Techniques",
        ),
    ),
    fee="35",
    credit=clock_hours("15"),
    hours="15",
    grades=("3-5", "6-8", "9-12"),
    topics=("Classroom discussion",),
)

VISUAL_MODELS = MicroCredential(
    title="Visual Representations in Mathematics",
    summary=(
        "Teach students to reason about problems with number lines, tape diagrams and other "
        "visual models, and to explain their thinking with them."
    ),
    competency=(
        "The educator teaches students to use a visual representation, such as a number "
        "line, tape diagram or area model, to model and solve problems, and to connect it to "
        "symbolic notation."
    ),
    key_method=(
        "Introduce one representation after concrete experiences, model its use on "
        "problems, have students use it to solve and explain, and connect it explicitly to "
        "the equations it represents."
    ),
    components=(
        "Concrete experiences before drawings",
        "Teacher modelling of the representation",
        "Students using it to solve and explain problems",
        "Explicit connection to symbols",
        "A check that students choose the representation on their own",
    ),
    research=(
        "The What Works Clearinghouse practice guide on helping students who struggle with "
        "mathematics (Gersten and colleagues, 2009) recommends instruction with visual "
        "representations of mathematical ideas, and sequences that move from concrete to "
        "representational to abstract have a long research record with students who find "
        "mathematics difficult. Visual models help students see the structure of a problem, "
        "which supports reasoning rather than guessing at an operation."
    ),
    resources=(
        Resource(
            "What Works Clearinghouse practice guides",
            "https://ies.ed.gov/ncee/wwc/PracticeGuides",
            note="See Assisting Students Struggling with Mathematics (2009).",
        ),
        Resource(
            "Illustrative Mathematics",
            "https://illustrativemathematics.org/",
            note="Curriculum materials that use consistent visual models across the grades.",
        ),
    ),
    requirements=(
        Requirement(
            "Lessons",
            "Upload two lessons showing how you introduced the representation and connected it "
            "to symbols.",
            ("file", "link"),
            (
                Criterion(
                    "Concrete to visual",
                    "The lessons move from concrete experiences to drawn representations.",
                ),
                Criterion(
                    "Connected to symbols",
                    "The lessons explicitly connect the representation to equations or notation.",
                ),
            ),
        ),
        Requirement(
            "Student work",
            "Share the work of four students, with names removed, using the representation to "
            "solve a problem you did not model.",
            ("file",),
            (
                Criterion(
                    "Accurate use",
                    "The students' representations model the problem accurately.",
                ),
                Criterion(
                    "Explanation",
                    "Students explain their solutions with reference to the representation.",
                ),
            ),
        ),
    ),
    alignments=(
        math_practice(4, "Model with mathematics"),
        math_practice(5, "Use appropriate tools strategically"),
    ),
    fee="25",
    credit=clock_hours("12"),
    hours="12",
    grades=("k-2", "3-5", "6-8"),
    topics=("Problem solving",),
)

HINGE_QUESTIONS = MicroCredential(
    title="Checking for Understanding With Hinge Questions",
    summary=(
        "Use one well-designed question at the turning point of a lesson to decide, in a "
        "minute, whether the class is ready to move on."
    ),
    competency=(
        "The educator uses a diagnostic multiple-choice question at a planned point in a "
        "lesson to check every student's understanding at once, and adjusts instruction "
        "according to the responses."
    ),
    key_method=(
        "Write a hinge question whose wrong answers each reveal a specific misconception, "
        "collect every student's answer at the same moment with cards, whiteboards or a "
        "poll, and decide in advance what to do for each pattern of responses."
    ),
    components=(
        "A question whose wrong answers each reveal a misconception",
        "A response from every student at the same moment",
        "A decision rule made before the lesson",
        "Immediate follow-up for the students who need it",
    ),
    research=(
        "Black and Wiliam's review of formative assessment (1998) found substantial gains in "
        "learning when teachers use evidence of students' understanding to adjust teaching "
        "as it happens. Wiliam (Embedded Formative Assessment, 2011) describes hinge "
        "questions as a practical way to gather that evidence from every student in a minute "
        "or two. Their diagnostic power comes from wrong answers built on common "
        "misconceptions, so that each one tells the teacher what to do next."
    ),
    resources=(
        Resource(
            "Embedded Formative Assessment (Wiliam, 2011)",
            note="Hinge questions and techniques for getting a response from every student.",
        ),
        NCTM,
    ),
    requirements=(
        Requirement(
            "Hinge questions",
            "Upload three hinge questions you wrote, with the misconception behind each wrong "
            "answer and your decision rule.",
            ("file", "text"),
            (
                Criterion(
                    "Diagnostic wrong answers",
                    "Each wrong answer corresponds to a named misconception.",
                ),
                Criterion(
                    "Decision rule",
                    "A rule written in advance says what happens for each pattern of responses.",
                ),
            ),
        ),
        Requirement(
            "In the lesson",
            "Share the responses from one lesson (a photo of the whiteboards, a poll result or "
            "a tally) and describe what you did next.",
            ("file", "text"),
            (
                Criterion(
                    "Every student responds",
                    "Responses were collected from every student at the same moment.",
                ),
                Criterion(
                    "Instruction adjusted",
                    "What the teacher did next followed the decision rule and the responses.",
                ),
            ),
        ),
        reflection("what the hinge questions told you that you would not otherwise have known."),
    ),
    alignments=(intasc(6, "Assessment"),),
    fee="25",
    credit=clock_hours("10"),
    hours="10",
    grades=("3-5", "6-8", "9-12"),
    topics=("Assessment and feedback",),
)

STACK = Stack(
    title="Reasoning and Discussion in Mathematics",
    issuer=OPEN_PRACTICE,
    topic="Mathematics",
    colour=(44, 62, 80),
    description=(
        "Practices that put students' mathematical thinking at the centre of the lesson: "
        "number talks, rich tasks, orchestrated discussion, visual models and quick checks "
        "of understanding."
    ),
    micro_credentials=(NUMBER_TALKS, RICH_TASKS, DISCUSSION, VISUAL_MODELS, HINGE_QUESTIONS),
)
