"""Remote learning: Lakeview College of Education's stack on online and hybrid teaching."""

from .credits import CPD
from .organizations import LAKEVIEW
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, reflection
from .standards import iste, online_teaching, udl

EDUTOPIA = Resource(
    "Edutopia",
    "https://www.edutopia.org/",
    note="Teachers' articles and classroom videos, including many on online teaching.",
)

PREDICTABLE_WEEK = MicroCredential(
    title="Designing a Predictable Online Week",
    summary=(
        "Give students one weekly rhythm they can rely on in every online or hybrid class "
        "you teach."
    ),
    competency=(
        "The educator designs and communicates a consistent weekly structure for an online "
        "or hybrid course, so that every student can say where to find each task, when it is "
        "due and how to get help."
    ),
    key_method=(
        "Map the week's live, independent and collaborative work, build every week's course "
        "page from one template, introduce the structure to students and families, and check "
        "after two weeks that students are using it."
    ),
    components=(
        "A one-page weekly map of live, independent and collaborative work",
        "A course-page template used for every week or unit",
        "A short orientation for students and families",
        "A check of how students use the structure after two weeks",
    ),
    research=(
        "Students in online courses lose time and momentum when instructions, materials and "
        "due dates are scattered or move from week to week. The U.S. Department of "
        "Education's meta-analysis of online learning studies (Means and colleagues, 2009) "
        "found that online and blended courses can match or exceed face-to-face teaching, "
        "and cautioned that the advantages probably came from differences in time, "
        "curriculum and teaching approach rather than from the medium itself. A predictable "
        "structure matters most for younger students, for students new to learning online "
        "and for students with attention or "
        "executive-function difficulties: the effort they would spend finding the work goes "
        "into the work."
    ),
    resources=(
        Resource(
            "Quality Matters",
            "https://www.qualitymatters.org/",
            note="Course design standards and review rubrics for online courses, including K-12.",
        ),
        Resource(
            "Evaluation of Evidence-Based Practices in Online Learning (U.S. Department of "
            "Education, 2009)",
            note="The meta-analysis of online and blended learning studies summarized above.",
        ),
    ),
    requirements=(
        Requirement(
            "Weekly map and course page",
            "Upload your weekly map, and a screenshot or link showing two consecutive weeks of "
            "your course page built from the template.",
            ("file", "link"),
            (
                Criterion(
                    "Consistent structure",
                    "Both weeks use the same sections in the same order, and each due date "
                    "appears once, in the same place.",
                ),
                Criterion(
                    "One place for each task",
                    "Every task has one place to find it and one way to submit it, and the "
                    "page says where to get help.",
                ),
            ),
        ),
        Requirement(
            "Student use",
            "Describe how you checked, two weeks in, whether students were using the "
            "structure (course log data, a three-question survey or exit tickets), what the "
            "check showed and what you changed.",
            ("text", "file"),
            (
                Criterion(
                    "Data from students",
                    "Data from at least one class is reported and interpreted, including who "
                    "was not yet using the structure.",
                ),
                Criterion(
                    "Adjustment",
                    "At least one change to the structure or the orientation follows directly "
                    "from the data.",
                ),
            ),
        ),
        reflection(
            "how a predictable week changed the way your students started and finished work."
        ),
    ),
    alignments=(
        iste(
            "2.5.c",
            "Explore and apply instructional design principles to create innovative digital "
            "learning environments that engage and support learning.",
        ),
        online_teaching("G", "Instructional Design"),
    ),
    fee="45",
    credit=CPD,
    hours="12",
    grades=("6-8", "9-12"),
    topics=("Course design",),
)

LIVE_SESSIONS = MicroCredential(
    title="Live Sessions Where Everyone Talks",
    summary=(
        "Plan and run live online sessions in which every student contributes, not only the "
        "quickest and most confident."
    ),
    competency=(
        "The educator plans and facilitates a synchronous online session in which all "
        "students contribute through talk, chat, breakout work or shared documents."
    ),
    key_method=(
        "Agree participation norms with students, plan a participation structure for each "
        "segment of the session, and keep a simple record of who contributed and how."
    ),
    components=(
        "Norms for cameras, microphones, chat and turn-taking agreed with students",
        "At least two participation structures per session, such as a chat waterfall, "
        "breakout roles or one shared slide per group",
        "Think time before anyone answers",
        "A tracker of who spoke, wrote or shared",
    ),
    research=(
        "Studies of classroom talk find that a few students do most of the speaking unless "
        "the teacher deliberately structures turns, and that giving everyone a few seconds "
        "to think before taking answers increases both the number and the length of "
        "students' responses (Rowe, 1986). Online the pattern is stronger, because a "
        "student can stay silent behind a blank tile for a whole session. Structures that "
        "ask every student for a low-stakes written response first, such as a chat "
        "waterfall or a shared document, widen participation and show the teacher "
        "everyone's thinking at once. Garrison, Anderson and Archer's Community of Inquiry "
        "framework (2000) calls the teacher's work of designing and guiding this kind of "
        "interaction teaching presence."
    ),
    resources=(
        Resource(
            "CAST: the UDL Guidelines",
            "https://udlguidelines.cast.org/",
            note="See the engagement principle for ways to sustain effort and belonging.",
        ),
        EDUTOPIA,
    ),
    requirements=(
        Requirement(
            "Session plan",
            "Upload the plan for one live session of 30 minutes or more. Mark each segment "
            "with its participation structure and how long it lasts, and include the norms "
            "you agreed with students.",
            ("file", "link"),
            (
                Criterion(
                    "Structures planned",
                    "Every segment says how students will take part and for how long, and "
                    "at least two different structures are used.",
                ),
                Criterion(
                    "Norms",
                    "The norms are written in student-friendly language and show that "
                    "students helped to set or review them.",
                ),
            ),
        ),
        Requirement(
            "Participation record",
            "Share your participation tracker from the session with names replaced by "
            "numbers, or a recording excerpt of up to five minutes made with students' "
            "consent, and summarize who contributed.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Broad participation",
                    "The record shows contributions from at least four in five of the "
                    "students present.",
                ),
                Criterion(
                    "Think time",
                    "Students are given time to think or write before answers are taken.",
                ),
            ),
        ),
        reflection("which students were heard more than before, which were still quiet, and why."),
    ),
    alignments=(
        iste(
            "2.6.a",
            "Foster a culture where students take ownership of their learning goals and "
            "outcomes in both independent and group settings.",
        ),
        online_teaching("C", "Community Building"),
    ),
    fee="45",
    credit=CPD,
    hours="15",
    grades=("3-5", "6-8", "9-12"),
    topics=("Classroom discussion",),
)

FEEDBACK_ONLINE = MicroCredential(
    title="Feedback That Travels Online",
    summary=(
        "Give online students feedback they can act on within days, in writing, audio or "
        "video, and make sure they use it."
    ),
    competency=(
        "The educator gives timely, specific feedback on student work in a digital "
        "environment and builds in a way for students to act on it."
    ),
    key_method=(
        "Give feedback against shared success criteria within three school days, choosing "
        "written, audio or screen-recorded comments, and set aside time for students to "
        "revise and respond."
    ),
    components=(
        "Success criteria shared before students begin",
        "Feedback that says where the work stands, where it is going and what to do next",
        "Audio or video comments where they save time or add warmth",
        "A revision window and a way for students to reply",
    ),
    research=(
        "Hattie and Timperley's review of research on feedback (2007) found it among the "
        "strongest influences on learning, but only when it answers three questions for the "
        "learner: where am I going, how am I going, and where to next. Feedback about the "
        "task and the process helps; praise of the person does little. Black and Wiliam "
        "(1998) reached a similar conclusion about formative assessment: the gains come when "
        "students have the chance to use feedback, not from marks alone. In an online course "
        "feedback is often the main personal contact between teacher and student, so its "
        "timing and tone matter as much as its content."
    ),
    resources=(
        Resource(
            "The Power of Feedback (Hattie and Timperley, 2007)",
            note="Review of Educational Research, volume 77; the source of the three questions.",
        ),
        Resource(
            "Inside the Black Box (Black and Wiliam, 1998)",
            note="A short account of the formative assessment research, written for teachers.",
        ),
        Resource(
            "ISTE Standards for Educators",
            "https://iste.org/standards/educators",
            note="The Analyst standard describes timely feedback with digital tools.",
        ),
    ),
    requirements=(
        Requirement(
            "Feedback samples",
            "Upload the feedback you gave on three pieces of student work from one assignment, "
            "with names removed, and the success criteria students were given. At least one "
            "sample should be audio or video feedback.",
            ("file", "link"),
            (
                Criterion(
                    "Tied to the criteria",
                    "Each sample refers to the success criteria and tells the student what "
                    "to do next.",
                ),
                Criterion(
                    "Timely",
                    "The samples show feedback given within three school days of submission.",
                ),
                Criterion(
                    "About the work",
                    "The feedback comments on the work and the strategies used, not on the "
                    "student as a person.",
                ),
            ),
        ),
        Requirement(
            "Students acting on feedback",
            "Show how students used the feedback: a revised piece of work beside the "
            "original, students' replies to your comments, or an account of a revision "
            "lesson.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Evidence of use",
                    "Revisions or replies from at least two students show a change made "
                    "because of the feedback.",
                ),
                Criterion(
                    "Time to revise",
                    "The earner explains when and how students had time to act on feedback.",
                ),
            ),
        ),
        reflection("how students responded to the feedback and which form of it they used most."),
    ),
    alignments=(
        iste(
            "2.7.b",
            "Use technology to design and implement a variety of formative and summative "
            "assessments that accommodate learner needs, provide timely feedback to students "
            "and inform instruction.",
        ),
        online_teaching("F", "Assessment and Measurement"),
    ),
    fee="45",
    credit=CPD,
    hours="12",
    grades=("6-8", "9-12", "adult"),
    topics=("Assessment and feedback",),
)

GONE_QUIET = MicroCredential(
    title="Reaching Students Who Have Gone Quiet",
    summary=(
        "Notice early when an online student stops taking part, reach out, and plan the way "
        "back with the student and their family."
    ),
    competency=(
        "The educator uses participation data to identify students who are disengaging from "
        "online learning, contacts them and their families, and agrees a plan to re-engage "
        "them."
    ),
    key_method=(
        "Check participation data every week against a simple threshold, contact each "
        "flagged student and family personally through a channel they use, and agree one or "
        "two concrete steps back."
    ),
    components=(
        "A weekly check of logins, submissions and live attendance against a threshold",
        "Personal contact with the student and family within two school days",
        "A short re-engagement plan agreed with the student",
        "A follow-up check two weeks later",
    ),
    research=(
        "Research on dropout prevention identifies attendance, missing work and falling "
        "grades as early warning signs that schools can track, and finds that a caring "
        "relationship with an adult who notices is among the most consistent protective "
        "factors. Approaches that pair early-warning data with personal outreach do better "
        "than automated messages alone. Online, a student's withdrawal is easy to miss, so "
        "a deliberate weekly look at the data stands in for the cues a teacher would notice "
        "in a classroom."
    ),
    resources=(
        Resource(
            "Attendance Works",
            "https://www.attendanceworks.org/",
            note="Research and tools on chronic absence, including absence in distance learning.",
        ),
        Resource(
            "What Works Clearinghouse practice guides",
            "https://ies.ed.gov/ncee/wwc/PracticeGuides",
            note="See Preventing Drop-out in Secondary Schools (2017) on early warning systems.",
        ),
    ),
    requirements=(
        Requirement(
            "Early-warning check",
            "Describe the participation data you check each week, the threshold that flags a "
            "student, and the list it produced, with names replaced by numbers.",
            ("text", "file"),
            (
                Criterion(
                    "Clear threshold",
                    "The threshold is measurable, for example two missed live sessions or "
                    "three missing assignments in a week.",
                ),
                Criterion(
                    "Regular check",
                    "The evidence shows the check carried out in at least three weeks.",
                ),
            ),
        ),
        Requirement(
            "Outreach and plan",
            "For two flagged students, share your record of contact with the student and "
            "family and the plan you agreed, with identifying details removed.",
            ("file", "text"),
            (
                Criterion(
                    "Personal contact",
                    "Each student and family was contacted personally, through a channel "
                    "they use, within two school days of being flagged.",
                ),
                Criterion(
                    "Concrete plan",
                    "Each plan names one or two specific steps, who takes them and when "
                    "progress will be checked.",
                ),
                Criterion(
                    "Follow-up",
                    "The earner reports what the follow-up check found.",
                ),
            ),
        ),
        reflection("what students and families told you about why they had gone quiet."),
    ),
    alignments=(
        iste(
            "2.4.d",
            "Demonstrate cultural competency when communicating with students, parents and "
            "colleagues and interact with them as co-collaborators in student learning.",
        ),
        online_teaching("A", "Professional Responsibilities"),
    ),
    fee="0",
    credit=CPD,
    hours="10",
    grades=("6-8", "9-12"),
    topics=("Family engagement",),
)

ACCESSIBLE_MATERIALS = MicroCredential(
    title="Accessible Digital Materials",
    summary=(
        "Make the documents, slides and videos you share with students usable by everyone, "
        "including students who use assistive technology."
    ),
    competency=(
        "The educator creates or repairs digital learning materials so that they meet basic "
        "accessibility practice: real headings, text alternatives for images, captions, "
        "sufficient contrast and descriptive links."
    ),
    key_method=(
        "Audit a unit's materials with a short checklist and the authoring tool's built-in "
        "accessibility checker, fix what fails, and test the result with a screen reader or "
        "with students who use assistive technology."
    ),
    components=(
        "Real headings and lists instead of formatting by hand",
        "Alternative text for images that carry meaning",
        "Captions or transcripts for audio and video",
        "Colour contrast and link text that make sense out of context",
        "A check with a screen reader or an accessibility checker",
    ),
    research=(
        "Accessible materials are the ground floor of universal design for learning: a "
        "student who cannot perceive or navigate a document cannot engage with what it says. "
        "The W3C's Web Content Accessibility Guidelines set out the widely used technical "
        "criteria, and the most common problems in classroom materials (missing headings, "
        "images without alternatives, video without captions) are simple to prevent. "
        "Captions help far more students than those who are deaf or hard of hearing: "
        "Gernsbacher's review of the research (2015) describes benefits for comprehension, "
        "attention and memory across many groups of viewers, including people learning the "
        "language."
    ),
    resources=(
        Resource(
            "W3C Web Accessibility Initiative: WCAG overview",
            "https://www.w3.org/WAI/standards-guidelines/wcag/",
        ),
        Resource("WebAIM: Alternative Text", "https://webaim.org/techniques/alttext/"),
        Resource(
            "CAST National Center on Accessible Educational Materials",
            "https://aem.cast.org/",
        ),
    ),
    requirements=(
        Requirement(
            "Before and after",
            "Upload one document or slide deck from a unit in its original form and after "
            "your changes, with a list of the problems you found and fixed.",
            ("file",),
            (
                Criterion(
                    "Structure",
                    "Headings, lists and tables are real structure, not formatting, and follow "
                    "a logical order.",
                ),
                Criterion(
                    "Text alternatives",
                    "Every meaningful image has alternative text that conveys its purpose, and "
                    "decorative images are marked as decorative.",
                ),
                Criterion(
                    "Contrast and links",
                    "Text meets contrast guidance, and every link says where it goes.",
                ),
            ),
        ),
        Requirement(
            "Media and testing",
            "Share one video or audio resource from the unit with captions or a transcript, "
            "and describe how you tested the materials with a screen reader, an accessibility "
            "checker or students who use assistive technology.",
            ("link", "text"),
            (
                Criterion(
                    "Captions",
                    "Captions or the transcript are accurate and synchronized, including "
                    "changes of speaker and important sounds.",
                ),
                Criterion(
                    "Tested",
                    "The earner reports what the test found and what changed as a result.",
                ),
            ),
        ),
        reflection(
            "which changes mattered most to your students and how you will build accessibility "
            "into new materials from the start."
        ),
    ),
    alignments=(
        udl(
            "4.2",
            "Optimize access to accessible materials and assistive and accessible "
            "technologies and tools",
        ),
        iste(
            "2.5.a",
            "Use technology to create, adapt and personalize learning experiences that foster "
            "independent learning and accommodate learner differences and needs.",
        ),
    ),
    fee="45",
    credit=CPD,
    hours="14",
    grades=("3-5", "6-8", "9-12", "adult"),
    topics=("Accessibility",),
)

STACK = Stack(
    title="Teaching Well at a Distance",
    issuer=LAKEVIEW,
    topic="Remote learning",
    colour=(31, 95, 168),
    description=(
        "Five practices for online and hybrid teaching: a week students can find their way "
        "around, live sessions in which everyone takes part, feedback that arrives in time to "
        "use, outreach to students who drift away, and materials every student can use. "
        "Offered in facilitated cohorts as well as on your own schedule."
    ),
    micro_credentials=(
        PREDICTABLE_WEEK,
        LIVE_SESSIONS,
        FEEDBACK_ONLINE,
        GONE_QUIET,
        ACCESSIBLE_MATERIALS,
    ),
)
