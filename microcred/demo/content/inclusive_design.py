"""Universal design for learning and special education: Lakeview's inclusive-practice stack."""

from .credits import CPD
from .organizations import LAKEVIEW
from .remote_learning import ACCESSIBLE_MATERIALS
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, reflection
from .standards import hlp, intasc, iste, udl

UDL_GUIDELINES = Resource("CAST: the UDL Guidelines", "https://udlguidelines.cast.org/")
IRIS = Resource(
    "IRIS Center (Vanderbilt University)",
    "https://iris.peabody.vanderbilt.edu/",
    note="Free online modules on teaching students with disabilities.",
)
HLP_SITE = Resource(
    "High-Leverage Practices for Students with Disabilities",
    "https://highleveragepractices.org/",
)

FIRM_GOALS = MicroCredential(
    title="Firm Goals, Flexible Means",
    summary=(
        "Separate what every student must learn from the ways they may get there, and plan "
        "a lesson around that difference."
    ),
    competency=(
        "The educator writes a learning goal that is separate from the means of reaching it "
        "and plans a lesson with flexible ways to engage with, learn and show progress "
        "toward that goal."
    ),
    key_method=(
        "Write the goal without building a method into it, list the barriers the planned "
        "lesson puts in front of the students in this class, and redesign the lesson with "
        "options that remove those barriers while keeping the goal the same."
    ),
    components=(
        "A goal that does not prescribe a single method (for example, explain the causes, "
        "rather than write an essay on the causes)",
        "A list of likely barriers for the students in the class",
        "Options for engagement, for representation, and for action and expression",
        "A check that every option still leads to the goal",
    ),
    research=(
        "Universal design for learning, developed at CAST (Rose and Meyer, 2002; Meyer, Rose "
        "and Gordon, 2014), draws on learning sciences research showing that learners vary in "
        "how they become interested, how they take in information and how they express what "
        "they know. Instead of retrofitting a lesson for individual students afterwards, the "
        "teacher expects that variability and designs options in from the start. The "
        "distinction between a firm goal and flexible means is central: when the method is "
        "built into the goal, an option that changes the method looks like lowering the bar; "
        "when it is not, the same option simply removes a barrier."
    ),
    resources=(UDL_GUIDELINES, IRIS),
    requirements=(
        Requirement(
            "Goal and barriers",
            "Submit the lesson's learning goal, the standard it comes from, and the barriers "
            "you expect students in this class to meet in the original plan.",
            ("text", "file"),
            (
                Criterion(
                    "Goal separate from means",
                    "The goal states what students will know or be able to do without "
                    "requiring one way of doing it.",
                ),
                Criterion(
                    "Barriers from real students",
                    "The barriers are specific to this class (for example, decoding grade-level "
                    "text, or the fine-motor demands of handwriting) rather than general labels.",
                ),
            ),
        ),
        Requirement(
            "Redesigned lesson",
            "Upload the original and the redesigned lesson plan, with the options you added "
            "marked and linked to the barriers they address.",
            ("file", "link"),
            (
                Criterion(
                    "Options address barriers",
                    "Each option added is tied to a named barrier.",
                ),
                Criterion(
                    "Goal intact",
                    "Every option still leads students to the same goal, and none removes the "
                    "thinking the goal requires.",
                ),
                Criterion(
                    "All three principles",
                    "The lesson includes at least one option for engagement, one for "
                    "representation and one for action and expression.",
                ),
            ),
        ),
        reflection(
            "how students used the options, which ones they chose, and whether more students "
            "reached the goal than before."
        ),
    ),
    alignments=(
        udl("8.1", "Clarify the meaning and purpose of goals"),
        intasc(2, "Learning Differences"),
    ),
    fee="50",
    credit=CPD,
    hours="15",
    grades=("k-2", "3-5", "6-8", "9-12"),
    topics=("Lesson planning",),
)

MULTIPLE_WAYS_IN = MicroCredential(
    title="Multiple Ways In: Representing Content",
    summary=(
        "Present a key concept in more than one way, so that students for whom one form of "
        "presentation is a barrier can still reach the idea."
    ),
    competency=(
        "The educator presents a key concept through at least three different "
        "representations (for example text, image, audio or hands-on materials) and makes the "
        "concept's critical features explicit in each."
    ),
    key_method=(
        "Name the concept's critical features, choose representations that show them, and "
        "point those features out explicitly as students move between representations."
    ),
    components=(
        "The concept's critical features written down before planning",
        "At least three representations of the concept",
        "Explicit highlighting of the critical features in each representation",
        "Support for unfamiliar vocabulary and symbols",
        "A quick check that students can connect the representations",
    ),
    research=(
        "Students differ in how they perceive and make sense of information, and a single "
        "representation, usually print or a spoken explanation, is a barrier for some of "
        "them. Mayer's research on multimedia learning (2009) shows that people learn more "
        "deeply from words and pictures together than from words alone, as long as the two "
        "are integrated and extraneous material is left out. Pointing out critical features "
        "helps novices, who otherwise tend to attend to surface details that experts know to "
        "ignore."
    ),
    resources=(UDL_GUIDELINES, IRIS),
    requirements=(
        Requirement(
            "Representations",
            "Upload the materials for the three or more representations you used, with a note "
            "on which critical feature each one shows.",
            ("file", "link"),
            (
                Criterion(
                    "Three or more",
                    "At least three genuinely different representations of the same concept "
                    "are provided.",
                ),
                Criterion(
                    "Critical features explicit",
                    "Each representation highlights the concept's critical features instead "
                    "of leaving students to find them.",
                ),
            ),
        ),
        Requirement(
            "Student connections",
            "Share student work or a transcript excerpt showing students moving between "
            "representations, for example explaining how a diagram and an equation show the "
            "same thing.",
            ("file", "text"),
            (
                Criterion(
                    "Connections made",
                    "Work from at least three students shows them connecting two or more "
                    "representations.",
                ),
                Criterion(
                    "Language support",
                    "Unfamiliar vocabulary or symbols were clarified, and the evidence shows "
                    "students using them.",
                ),
            ),
        ),
        reflection("which representation opened up the concept for which students."),
    ),
    alignments=(
        udl(
            "3.2", "Highlight and explore patterns, critical features, big ideas, and relationships"
        ),
        udl("2.5", "Illustrate through multiple media"),
    ),
    fee="50",
    credit=CPD,
    hours="12",
    grades=("3-5", "6-8", "9-12"),
    topics=("Lesson planning",),
)

CHOICE_OF_EXPRESSION = MicroCredential(
    title="Choice in Showing What You Know",
    summary=(
        "Let students show mastery of the same goal in different ways, all judged against "
        "one rubric."
    ),
    competency=(
        "The educator designs an assessment that gives students a choice of at least three "
        "formats for showing mastery of one learning goal, and judges every format against "
        "the same criteria."
    ),
    key_method=(
        "Write one rubric for the goal, offer a menu of formats that can all meet it, teach "
        "students how to choose, and score every product with the same rubric."
    ),
    components=(
        "One rubric about the learning goal, not about a format",
        "A menu of at least three formats, such as written, spoken, visual or built",
        "Guidance that helps each student choose the format that shows their learning best",
        "Scoring of every format against the same rubric",
    ),
    research=(
        "When one format, usually writing, is the only way to show learning, a score can "
        "reflect a student's skill with the format rather than their understanding of the "
        "content. Offering options for expression is a core practice of universal design for "
        "learning, and self-determination theory (Ryan and Deci, 2000) links a sense of "
        "autonomy to engagement and persistence. Choice works when every option is equally "
        "demanding with respect to the goal and students get help choosing; an unstructured "
        "menu can overwhelm."
    ),
    resources=(
        UDL_GUIDELINES,
        Resource(
            "Edutopia",
            "https://www.edutopia.org/",
            note="Teacher-written examples of choice boards and student-choice assessments.",
        ),
    ),
    requirements=(
        Requirement(
            "Assessment design",
            "Upload the assessment: the learning goal, the single rubric, and the menu of "
            "formats with the directions students received.",
            ("file", "link"),
            (
                Criterion(
                    "Rubric about the goal",
                    "The rubric's criteria describe the learning goal and apply equally to "
                    "every format.",
                ),
                Criterion(
                    "Real choice",
                    "At least three formats are offered, and each could fully meet the goal.",
                ),
            ),
        ),
        Requirement(
            "Scored student work",
            "Share three scored student products in different formats, with names removed, "
            "and your rubric scores for each.",
            ("file", "link"),
            (
                Criterion(
                    "Same standard",
                    "Products in different formats are scored with the same rubric and "
                    "comparable expectations.",
                ),
                Criterion(
                    "Goal evidenced",
                    "Each scored product shows evidence of the learning goal, whatever its format.",
                ),
            ),
        ),
        reflection(
            "which students chose which formats and whether the choice changed what you "
            "learned about their understanding."
        ),
    ),
    alignments=(
        udl("5.1", "Use multiple media for communication"),
        iste(
            "2.7.a",
            "Provide alternative ways for students to demonstrate competency and reflect on "
            "their learning using technology.",
        ),
    ),
    fee="50",
    credit=CPD,
    hours="12",
    grades=("3-5", "6-8", "9-12"),
    topics=("Assessment and feedback",),
)

CO_PLANNING = MicroCredential(
    title="Co-Planning With a Special Educator",
    summary=(
        "Plan a unit together with a special educator so that students with IEPs are part of "
        "the design rather than an afterthought."
    ),
    competency=(
        "A general educator and a special educator co-plan a unit in which IEP goals and "
        "accommodations are built into the lesson design and both teachers have defined "
        "roles during instruction."
    ),
    key_method=(
        "Hold a structured co-planning meeting with a shared agenda, map students' IEP goals "
        "and accommodations onto the unit's lessons, choose a co-teaching approach for each "
        "lesson, and review the results together."
    ),
    components=(
        "Protected co-planning time with a shared agenda",
        "A map of IEP goals and accommodations against the unit's lessons",
        "A co-teaching approach chosen for each lesson, such as station, parallel or "
        "alternative teaching",
        "A review meeting using student data",
    ),
    research=(
        "Co-teaching is common, but studies repeatedly find that without shared planning "
        "time it slides into one teacher leading while the other assists, which adds little "
        "for students. Reviews of co-teaching research point to co-planning, clearly defined "
        "roles and administrative support as the conditions under which students with "
        "disabilities benefit from instruction in general education classes. Collaborating "
        "with professionals to increase student success is the first of the high-leverage "
        "practices for special education published by the Council for Exceptional Children "
        "and the CEEDAR Center."
    ),
    resources=(HLP_SITE, IRIS),
    requirements=(
        Requirement(
            "Co-planning record",
            "Upload the agenda and notes from your co-planning meeting and the map of IEP "
            "goals and accommodations against the unit's lessons, with students identified "
            "by number only.",
            ("file",),
            (
                Criterion(
                    "Shared design",
                    "The notes show both educators shaping the unit, not only its accommodations.",
                ),
                Criterion(
                    "IEP goals built in",
                    "Each student's relevant IEP goals and accommodations appear in specific "
                    "lessons.",
                ),
            ),
        ),
        Requirement(
            "Roles in the classroom",
            "Describe or show (with a lesson plan or a short video) the co-teaching approach "
            "you used in two lessons and what each teacher did.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Defined roles",
                    "Each teacher's role is defined for each part of the lesson.",
                ),
                Criterion(
                    "Approach fits the purpose",
                    "The co-teaching approach chosen for each lesson suits its purpose and "
                    "the students' needs.",
                ),
            ),
        ),
        reflection(
            "how co-planning changed what happened for students with IEPs, using evidence from "
            "your review meeting."
        ),
    ),
    alignments=(
        hlp(1, "Collaborate with professionals to increase student success"),
        intasc(10, "Leadership and Collaboration"),
    ),
    fee="50",
    credit=CPD,
    hours="15",
    grades=("k-2", "3-5", "6-8", "9-12"),
    topics=("Special education", "Collaboration"),
)

PROGRESS_MONITORING = MicroCredential(
    title="Progress Monitoring for IEP Goals",
    summary=(
        "Measure progress on an IEP goal often enough to see when instruction needs to "
        "change, and then change it."
    ),
    competency=(
        "The educator collects frequent, reliable data on a student's progress toward a "
        "measurable IEP goal, graphs it against an aim line, and adjusts instruction when the "
        "data show the student is not on track."
    ),
    key_method=(
        "Choose a valid measure for the goal, collect data weekly, graph it against an aim "
        "line, and apply a decision rule written in advance (for example, four consecutive "
        "points below the line) to decide when to change instruction."
    ),
    components=(
        "A measurable goal with a baseline",
        "A measure that can be given repeatedly, such as a curriculum-based measure",
        "Weekly data points graphed against an aim line",
        "A decision rule written in advance",
        "Each instructional change marked on the graph",
    ),
    research=(
        "Curriculum-based measurement, developed by Deno (1985) and colleagues, gives "
        "teachers short, repeatable measures of reading, writing and mathematics that are "
        "sensitive to growth over weeks. A review by Stecker, Fuchs and Fuchs (2005) found "
        "that progress monitoring raises achievement when teachers use the data to change "
        "instruction, and not when the data are only collected. Using assessment data to "
        "analyze instruction and make adjustments is one of the high-leverage practices for "
        "special education."
    ),
    resources=(
        Resource(
            "National Center on Intensive Intervention",
            "https://intensiveintervention.org/",
            note="Reviews of progress-monitoring tools and guidance on data-based decisions.",
        ),
        IRIS,
    ),
    requirements=(
        Requirement(
            "Goal, measure and graph",
            "Upload the measurable goal (without the student's name), the measure you chose "
            "and why it fits, and a graph of at least eight weekly data points with the "
            "baseline, the aim line and the decision rule.",
            ("file",),
            (
                Criterion(
                    "Measurable goal",
                    "The goal states the behaviour, the conditions and the criterion, and has "
                    "a baseline.",
                ),
                Criterion(
                    "Fitting measure",
                    "The measure is valid for the goal and has equivalent forms that can be "
                    "given repeatedly.",
                ),
                Criterion(
                    "Complete graph",
                    "The graph shows the baseline, the aim line, at least eight data points "
                    "and the decision rule.",
                ),
            ),
        ),
        Requirement(
            "Data-based decision",
            "Explain the decision you made when you applied the rule, what you changed in "
            "instruction, and what the data showed afterwards.",
            ("text", "file"),
            (
                Criterion(
                    "Rule applied",
                    "The decision follows the written rule rather than an impression.",
                ),
                Criterion(
                    "Change documented",
                    "The instructional change is specific and marked on the graph, and the "
                    "data after it are interpreted.",
                ),
            ),
        ),
    ),
    alignments=(
        hlp(
            6,
            "Use student assessment data, analyze instructional practices, and make necessary "
            "adjustments that improve student outcomes",
        ),
        intasc(6, "Assessment"),
    ),
    fee="60",
    credit=CPD,
    hours="18",
    grades=("k-2", "3-5", "6-8", "9-12"),
    topics=("Special education", "Data use"),
)

STACK = Stack(
    title="Inclusive Classrooms by Design",
    issuer=LAKEVIEW,
    topic="Universal design for learning",
    colour=(142, 68, 173),
    description=(
        "Design lessons and assessments that work for the full range of learners from the "
        "start: firm goals with flexible means, several ways into the content and several "
        "ways to show learning, materials everyone can use, planning with special educators, "
        "and decisions driven by progress data."
    ),
    micro_credentials=(
        FIRM_GOALS,
        MULTIPLE_WAYS_IN,
        CHOICE_OF_EXPRESSION,
        ACCESSIBLE_MATERIALS,
        CO_PLANNING,
        PROGRESS_MONITORING,
    ),
    endorsement="Inclusive Practice Certificate",
)
