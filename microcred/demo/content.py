"""The demo catalog: three issuers, eight stacks, forty micro-credentials.

Plain data, loaded through the same services authors use (see loader.py). Each
micro-credential names one observable skill, how an educator shows it, and what the
assessors look for.
"""

ISSUERS = [
    {
        "slug": "lakeview-college-of-education",
        "name": "Lakeview College of Education",
        "description": "A public university's college of education offering facilitated, "
        "credit-bearing micro-credentials for practicing teachers.",
        "website": "https://education.lakeview.example.edu",
    },
    {
        "slug": "prairie-state-teaching-center",
        "name": "Prairie State Teaching and Learning Center",
        "description": "The state's center for educator professional learning, with stacks "
        "that lead to state endorsements.",
        "website": "https://teaching.prairie.example.gov",
    },
    {
        "slug": "open-practice-network",
        "name": "Open Practice Network",
        "description": "A national nonprofit of teacher leaders that publishes free and "
        "low-cost micro-credentials on classroom practice.",
        "website": "https://openpractice.example.org",
    },
]

STATE = {"slug": "prairie-state-department", "name": "Prairie State Department of Education"}
DISTRICTS = [
    {"slug": "riverbend-unified", "name": "Riverbend Unified School District"},
    {"slug": "cedar-hollow-schools", "name": "Cedar Hollow Public Schools"},
]

ISTE = "ISTE Standards for Educators"
ISTE_URL = "https://iste.org/standards/educators"
LF = "Learning Forward Standards for Professional Learning"
LF_URL = "https://learningforward.org/standards-for-professional-learning/"
CASEL = "CASEL SEL Framework"
CASEL_URL = "https://casel.org/fundamentals-of-sel/what-is-the-casel-framework/"
UDL = "CAST UDL Guidelines 3.0"
UDL_URL = "https://udlguidelines.cast.org/"
CCSS_M = "Common Core State Standards for Mathematical Practice"
CCSS_M_URL = "https://www.thecorestandards.org/Math/Practice/"
CCSS_ELA = "Common Core State Standards for English Language Arts"
CCSS_ELA_URL = "https://www.thecorestandards.org/ELA-Literacy/"

CREDIT_CPD = ("1", "CPD credit", "Lakeview College of Education, Office of Continuing Education")
CREDIT_STATE = ("0.5", "state recertification credit", "Prairie State Board of Education")
CREDIT_HOURS = ("15", "clock hours", "Prairie State Board of Education")

# Every stack: its issuer, topic, colour, the micro-credentials in order.
# Every micro-credential: title, summary, competency, key method, method components,
# research, resources, two evidence requirements (what is asked, and the two criteria an
# assessor checks for each), alignments, fee, credit, hours, grade bands.
STACKS = [
    {
        "slug": "teaching-well-at-a-distance",
        "title": "Teaching Well at a Distance",
        "issuer": "lakeview-college-of-education",
        "topic": "Remote learning",
        "colour": (31, 95, 168),
        "ordered": False,
        "endorsement": "",
        "description": "Five practices for online and hybrid classes: clear structure, live "
        "sessions that involve everyone, feedback that travels, and care for students "
        "who are hardest to reach from a screen.",
        "items": [
            {
                "title": "Designing a Predictable Online Week",
                "summary": "Give students one weekly rhythm they can rely on across every "
                "online class you teach.",
                "competency": "The educator designs and communicates a consistent weekly "
                "structure for an online course so that students know where to find work, "
                "when it is due and how to get help.",
                "key_method": "Map the week, build a reusable course-page template, publish "
                "it with a short orientation, and check its use with student data.",
                "components": [
                    "A weekly map of live, independent and collaborative work",
                    "A course-page template used for every unit",
                    "A short orientation for students and families",
                    "A check of student use after two weeks",
                ],
                "research": "Studies of online courses consistently find that clear, "
                "consistent course navigation is associated with better completion and "
                "less time lost searching for materials, especially for younger learners "
                "and students new to online work.",
                "resources": [
                    (
                        "Quality Matters: higher education rubric overview",
                        "https://www.qualitymatters.org/qa-resources/rubric-standards",
                    ),
                    (
                        "Digital Promise: research-based online learning practices",
                        "https://digitalpromise.org/",
                    ),
                ],
                "evidence": [
                    (
                        "Weekly structure",
                        "Upload your weekly map and a screenshot of one week's course page built from your template.",
                        [
                            (
                                "Consistent structure",
                                "The same sections appear in the same order every week, with due dates stated once and clearly.",
                            ),
                            (
                                "Student access",
                                "Every task has one place to find it and one way to submit it.",
                            ),
                        ],
                    ),
                    (
                        "Student use",
                        "Describe how you checked whether students used the structure (log data, a quick survey or exit tickets) and what you changed.",
                        [
                            (
                                "Evidence of use",
                                "The earner reports data from at least one class and names what it shows.",
                            ),
                            (
                                "Adjustment",
                                "At least one change to the structure follows from the data.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.5.b",
                        "Design authentic learning activities that align with content area standards and use digital tools and resources to maximize active, deep learning.",
                        ISTE_URL,
                    )
                ],
                "fee": "35",
                "credit": CREDIT_CPD,
                "hours": "12",
                "grades": ["6-8", "9-12"],
            },
            {
                "title": "Live Sessions Where Everyone Talks",
                "summary": "Run synchronous sessions in which every student contributes, not "
                "only the quick and confident.",
                "competency": "The educator plans and facilitates a live online session in "
                "which all students contribute through talk, chat, breakout work or shared "
                "documents.",
                "key_method": "Plan participation structures for each segment of a live "
                "session, set norms, and track who contributed.",
                "components": [
                    "Norms for cameras, chat and turn-taking agreed with students",
                    "At least two participation structures per session",
                    "A simple tracker of who spoke or wrote",
                ],
                "research": "Classroom discourse research shows that structured turn-taking "
                "and low-stakes written responses widen participation; online, the same "
                "structures counter the tendency of a few voices to dominate.",
                "resources": [
                    ("CAST: engagement in UDL", "https://udlguidelines.cast.org/engagement"),
                    (
                        "Edutopia: strategies for synchronous online discussion",
                        "https://www.edutopia.org/",
                    ),
                ],
                "evidence": [
                    (
                        "Session plan",
                        "Upload the plan for one live session with its participation structures marked.",
                        [
                            (
                                "Structures planned",
                                "Each segment names how students will participate and for how long.",
                            ),
                            (
                                "Norms",
                                "Norms for participation are stated and were shared with students.",
                            ),
                        ],
                    ),
                    (
                        "Participation record",
                        "Share your participation tracker (names removed) or a short recording excerpt, and reflect on who was heard.",
                        [
                            (
                                "Broad participation",
                                "The record shows contributions from at least four in five students.",
                            ),
                            (
                                "Reflection on equity",
                                "The reflection names students who were quieter and a next step for them.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.6.a",
                        "Foster a culture where students take ownership of their learning goals and outcomes in both independent and group settings.",
                        ISTE_URL,
                    )
                ],
                "fee": "35",
                "credit": CREDIT_CPD,
                "hours": "15",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Feedback That Works Online",
                "summary": "Give timely, specific feedback on digital work that students "
                "actually use.",
                "competency": "The educator gives timely, specific, actionable feedback on "
                "student work submitted online and builds in a step where students act on it.",
                "key_method": "Use a short feedback protocol (glow, grow, next step), respond "
                "within an agreed time, and require a revision or response from students.",
                "components": [
                    "A feedback protocol shared with students",
                    "A turnaround promise that is kept",
                    "A required student response to the feedback",
                ],
                "research": "Reviews of feedback research find its effect depends on whether "
                "it tells learners where they are going, how they are doing and what to do "
                "next, and on learners having a chance to use it (Hattie and Timperley, 2007).",
                "resources": [
                    (
                        "Hattie, J. and Timperley, H. (2007). The Power of Feedback. Review of Educational Research 77(1).",
                        "https://doi.org/10.3102/003465430298487",
                    ),
                    (
                        "Digital Promise: feedback in digital learning",
                        "https://digitalpromise.org/",
                    ),
                ],
                "evidence": [
                    (
                        "Feedback samples",
                        "Upload three samples of your written or recorded feedback on student work (names removed).",
                        [
                            (
                                "Specific and actionable",
                                "Each sample names what is working, what to improve and a concrete next step.",
                            ),
                            (
                                "Timely",
                                "The samples show feedback returned within the promised time.",
                            ),
                        ],
                    ),
                    (
                        "Student use",
                        "Show how students used the feedback: a revised piece or a student response.",
                        [
                            (
                                "Feedback used",
                                "At least two students' revisions respond directly to the feedback.",
                            ),
                            (
                                "Reflection",
                                "The earner reflects on which feedback was used and why.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.7.b",
                        "Use technology to design and implement a variety of formative and summative assessments that accommodate learner needs, provide timely feedback to students and inform instruction.",
                        ISTE_URL,
                    )
                ],
                "fee": "35",
                "credit": CREDIT_CPD,
                "hours": "12",
                "grades": ["6-8", "9-12", "adult"],
            },
            {
                "title": "Reaching Disconnected Students",
                "summary": "Notice when a student drops out of online learning, and bring "
                "them back.",
                "competency": "The educator uses engagement data to identify students who "
                "are disengaging from online learning and carries out an outreach plan with "
                "them and their families.",
                "key_method": "Set an engagement signal, review it weekly, reach out through "
                "a planned sequence of contacts, and record what worked.",
                "components": [
                    "An engagement signal reviewed weekly",
                    "An outreach sequence using more than one channel",
                    "A record of contacts and outcomes",
                ],
                "research": "Early-warning research in schools shows that attendance and "
                "assignment completion predict disengagement, and that personal outreach "
                "from a known adult is among the most effective responses.",
                "resources": [
                    (
                        "Attendance Works: tools for reaching students",
                        "https://www.attendanceworks.org/",
                    ),
                    ("U.S. Department of Education: engaging families", "https://www.ed.gov/"),
                ],
                "evidence": [
                    (
                        "Engagement review",
                        "Upload your engagement tracker for three weeks (names removed) with the students you flagged.",
                        [
                            (
                                "Clear signal",
                                "The tracker uses a stated, consistent signal of disengagement.",
                            ),
                            ("Regular review", "The tracker shows a review every week."),
                        ],
                    ),
                    (
                        "Outreach",
                        "Describe your outreach to two flagged students and what happened.",
                        [
                            (
                                "Planned sequence",
                                "Contacts follow a plan using more than one channel.",
                            ),
                            (
                                "Outcome",
                                "The earner reports each student's engagement after the outreach.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.4.c",
                        "Collaborate and co-learn with students to discover and use new digital resources and diagnose and troubleshoot technology issues.",
                        ISTE_URL,
                    )
                ],
                "fee": "0",
                "credit": CREDIT_CPD,
                "hours": "10",
                "grades": ["6-8", "9-12"],
            },
            {
                "title": "Accessible Digital Materials",
                "summary": "Make the documents, slides and videos you post usable by every "
                "student, including those who use assistive technology.",
                "competency": "The educator creates and checks digital course materials so "
                "they meet basic accessibility requirements: structure, alternative text, "
                "captions, contrast and readable files.",
                "key_method": "Audit a unit's materials with a checklist and an accessibility "
                "checker, fix what fails, and ask students how the materials work for them.",
                "components": [
                    "Headings and lists used for structure",
                    "Alternative text for images and captions for video",
                    "Sufficient colour contrast and real text rather than pictures of text",
                ],
                "research": "Accessibility guidance such as WCAG, together with Universal "
                "Design for Learning, holds that materials designed for the widest range of "
                "users remove barriers for students with and without disabilities.",
                "resources": [
                    (
                        "W3C: Web Content Accessibility Guidelines overview",
                        "https://www.w3.org/WAI/standards-guidelines/wcag/",
                    ),
                    ("CAST: UDL Guidelines", "https://udlguidelines.cast.org/"),
                ],
                "evidence": [
                    (
                        "Audit",
                        "Upload your accessibility checklist for one unit, before and after your fixes.",
                        [
                            (
                                "Complete audit",
                                "Every item in the unit was checked against each requirement.",
                            ),
                            ("Fixes made", "Failing items are fixed or have a stated plan."),
                        ],
                    ),
                    (
                        "Sample material",
                        "Upload one corrected document or slide deck.",
                        [
                            (
                                "Structure and text",
                                "The file uses real headings and has alternative text for every image.",
                            ),
                            (
                                "Contrast and captions",
                                "Text contrast is sufficient and any video is captioned.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (UDL, "Representation 1", "Design options for perception.", UDL_URL)
                ],
                "fee": "35",
                "credit": CREDIT_CPD,
                "hours": "12",
                "grades": ["3-5", "6-8", "9-12", "adult"],
            },
        ],
    },
    {
        "slug": "project-based-learning-foundations",
        "title": "Project-Based Learning Foundations",
        "issuer": "open-practice-network",
        "topic": "Project-based learning",
        "colour": (196, 90, 26),
        "ordered": True,
        "endorsement": "",
        "description": "From a driving question to a public product: the core moves of "
        "project-based learning, earned in the order teachers use them.",
        "items": [
            {
                "title": "Writing a Driving Question",
                "summary": "Frame a project around an open, engaging question that keeps "
                "students inquiring.",
                "competency": "The educator writes a driving question for a project that is "
                "open-ended, connected to students' lives and aligned to learning goals.",
                "key_method": "Draft several driving questions, test them against criteria "
                "with colleagues or students, and revise.",
                "components": [
                    "Criteria for a strong driving question",
                    "Drafts and feedback",
                    "A final question tied to standards",
                ],
                "research": "Studies of project-based learning units find that a shared, "
                "open question sustains inquiry and helps students connect activities to a "
                "purpose, while closed questions tend to produce topic reports.",
                "resources": [
                    (
                        "PBLWorks: Gold Standard PBL design elements",
                        "https://www.pblworks.org/what-is-pbl/gold-standard-project-design",
                    )
                ],
                "evidence": [
                    (
                        "Question drafts",
                        "Upload at least three drafts of your driving question with the feedback you received.",
                        [
                            ("Iteration", "The drafts change in response to named feedback."),
                            ("Open-ended", "The final question has no single right answer."),
                        ],
                    ),
                    (
                        "Alignment",
                        "Explain how the final question connects to your learning goals and your students.",
                        [
                            (
                                "Standards",
                                "The question maps to at least one stated learning goal.",
                            ),
                            ("Relevance", "The earner explains why students will care about it."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.5.b",
                        "Design authentic learning activities that align with content area standards.",
                        ISTE_URL,
                    )
                ],
                "fee": "0",
                "credit": CREDIT_HOURS,
                "hours": "10",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Planning a Project Calendar",
                "summary": "Lay out a project's milestones, lessons and checkpoints so "
                "students can finish well.",
                "competency": "The educator plans a project calendar with milestones, "
                "scaffolding lessons and checkpoints that lead students to a final product.",
                "key_method": "Work backward from the final product, set milestones, place "
                "the lessons each milestone needs, and add checkpoints for feedback.",
                "components": [
                    "Milestones working back from the product",
                    "Scaffolding lessons",
                    "Checkpoints with feedback",
                ],
                "research": "Research on complex tasks shows that breaking them into "
                "milestones with feedback reduces cognitive load and improves the quality "
                "of final work.",
                "resources": [
                    ("PBLWorks: project planning resources", "https://www.pblworks.org/")
                ],
                "evidence": [
                    (
                        "Calendar",
                        "Upload your project calendar.",
                        [
                            ("Milestones", "Milestones lead logically to the final product."),
                            ("Scaffolds", "Each milestone is preceded by the lessons it needs."),
                        ],
                    ),
                    (
                        "Checkpoints",
                        "Describe two checkpoints and what students received there.",
                        [
                            ("Feedback", "Each checkpoint gives students feedback they can use."),
                            (
                                "Adjustment",
                                "The earner describes adjusting the plan after a checkpoint.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.5.a",
                        "Use technology to create, adapt and personalize learning experiences that foster independent learning.",
                        ISTE_URL,
                    )
                ],
                "fee": "25",
                "credit": CREDIT_HOURS,
                "hours": "12",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Student Voice and Choice in Projects",
                "summary": "Let students make real decisions in a project without losing "
                "the learning goals.",
                "competency": "The educator builds meaningful student choice into a project "
                "(topics, roles, methods or products) while keeping shared learning goals.",
                "key_method": "Identify decisions students can own, offer structured "
                "choices, and check that every path reaches the learning goals.",
                "components": [
                    "A list of decisions students own",
                    "Structured choice menus",
                    "A check that each path meets the goals",
                ],
                "research": "Self-determination research links autonomy to intrinsic "
                "motivation; classroom studies show choice helps most when it is bounded and "
                "tied to clear goals.",
                "resources": [
                    (
                        "Center for Self-Determination Theory: overview",
                        "https://selfdeterminationtheory.org/",
                    )
                ],
                "evidence": [
                    (
                        "Choice design",
                        "Upload the choice menu or structure you gave students.",
                        [
                            (
                                "Real decisions",
                                "Students decide something that changes their work.",
                            ),
                            ("Goals kept", "Every option leads to the shared learning goals."),
                        ],
                    ),
                    (
                        "Student reflection",
                        "Share two student reflections (names removed) on the choices they made.",
                        [
                            (
                                "Student perspective",
                                "The reflections show students explaining their choices.",
                            ),
                            ("Earner's analysis", "The earner draws a lesson from them."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.6.a",
                        "Foster a culture where students take ownership of their learning goals and outcomes.",
                        ISTE_URL,
                    )
                ],
                "fee": "25",
                "credit": CREDIT_HOURS,
                "hours": "12",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Critique and Revision Protocols",
                "summary": "Teach students to give kind, specific, helpful feedback and to "
                "revise their work because of it.",
                "competency": "The educator facilitates structured peer critique and "
                "revision cycles that measurably improve student work.",
                "key_method": "Model critique with a protocol (kind, specific, helpful), run "
                "critique sessions, and require drafts that show revision.",
                "components": [
                    "A critique protocol taught and modelled",
                    "At least two critique sessions",
                    "Successive drafts",
                ],
                "research": "Studies of peer assessment find gains for both giver and "
                "receiver when criteria are clear and students are taught how to critique.",
                "resources": [
                    (
                        "EL Education: models of excellence and critique",
                        "https://modelsofexcellence.eleducation.org/",
                    )
                ],
                "evidence": [
                    (
                        "Drafts",
                        "Upload first and final drafts from two students (names removed).",
                        [
                            (
                                "Improvement",
                                "Final drafts improve on first drafts in ways the critique named.",
                            ),
                            ("Protocol use", "Feedback shown follows the protocol."),
                        ],
                    ),
                    (
                        "Facilitation",
                        "Describe how you taught the protocol and ran one session.",
                        [
                            ("Modelling", "The earner modelled critique before students used it."),
                            ("Reflection", "The earner names one change for the next session."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_ELA,
                        "W.5",
                        "Develop and strengthen writing as needed by planning, revising, editing, rewriting, or trying a new approach.",
                        CCSS_ELA_URL,
                    )
                ],
                "fee": "25",
                "credit": CREDIT_HOURS,
                "hours": "15",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Presenting to a Public Audience",
                "summary": "End a project with students presenting their work to people "
                "outside the classroom.",
                "competency": "The educator arranges for students to present project work "
                "to an authentic audience and prepares students to do it well.",
                "key_method": "Find an audience with a stake in the question, rehearse with "
                "students, and gather the audience's response.",
                "components": [
                    "An authentic audience",
                    "Rehearsal with feedback",
                    "Audience response gathered",
                ],
                "research": "Project-based learning research associates public products "
                "and audiences with higher quality work and stronger student ownership.",
                "resources": [("PBLWorks: public product", "https://www.pblworks.org/")],
                "evidence": [
                    (
                        "The event",
                        "Upload the program, invitation or a photo of the exhibition (no student faces).",
                        [
                            (
                                "Authentic audience",
                                "The audience includes people outside the school with a stake in the work.",
                            ),
                            ("Student-led", "Students present the work themselves."),
                        ],
                    ),
                    (
                        "Audience response",
                        "Summarize what the audience said and how students responded.",
                        [
                            ("Response gathered", "The earner reports audience feedback."),
                            ("Reflection", "The earner connects the feedback to learning goals."),
                        ],
                    ),
                ],
                "alignments": [(ISTE, "2.5.b", "Design authentic learning activities.", ISTE_URL)],
                "fee": "25",
                "credit": CREDIT_HOURS,
                "hours": "12",
                "grades": ["6-8", "9-12"],
            },
        ],
    },
    {
        "slug": "digital-citizenship-in-every-classroom",
        "title": "Digital Citizenship in Every Classroom",
        "issuer": "prairie-state-teaching-center",
        "topic": "Digital citizenship",
        "colour": (30, 120, 90),
        "ordered": False,
        "endorsement": "Digital Learning Endorsement (with the distance-teaching stack)",
        "description": "Teach students to be safe, fair and discerning online, inside the "
        "subjects you already teach.",
        "items": [
            {
                "title": "Evaluating Online Sources",
                "summary": "Teach students to check who is behind information and whether "
                "to trust it.",
                "competency": "The educator teaches students to evaluate online sources by "
                "reading laterally: leaving a site to find out who is behind it.",
                "key_method": "Model lateral reading, give students sources to investigate, "
                "and assess their reasoning with a short task.",
                "components": [
                    "A modelled lateral-reading think-aloud",
                    "Guided practice with real sources",
                    "A short assessment of student reasoning",
                ],
                "research": "Studies of civic online reasoning found that professional "
                "fact-checkers judge sources more accurately than students or academics "
                "because they read laterally, and that the skill can be taught in short lessons.",
                "resources": [
                    (
                        "Digital Inquiry Group: civic online reasoning curriculum",
                        "https://cor.inquirygroup.org/",
                    )
                ],
                "evidence": [
                    (
                        "Lesson",
                        "Upload your lesson plan and the sources students investigated.",
                        [
                            (
                                "Modelling",
                                "The lesson includes an explicit model of lateral reading.",
                            ),
                            ("Real sources", "Students work with real, current sources."),
                        ],
                    ),
                    (
                        "Student reasoning",
                        "Upload three student responses (names removed) and your analysis.",
                        [
                            (
                                "Assessment",
                                "The task asks students to explain how they judged a source.",
                            ),
                            ("Analysis", "The earner identifies what students still need."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.3.b",
                        "Establish a learning culture that promotes curiosity and critical examination of online resources and fosters digital literacy and media fluency.",
                        ISTE_URL,
                    )
                ],
                "fee": "0",
                "credit": CREDIT_STATE,
                "hours": "10",
                "grades": ["6-8", "9-12"],
            },
            {
                "title": "Protecting Student Privacy",
                "summary": "Choose and use classroom apps in ways that protect students' "
                "personal data.",
                "competency": "The educator reviews the privacy practices of classroom "
                "digital tools and adjusts their use to protect student data.",
                "key_method": "Inventory the tools in use, review each against privacy "
                "criteria and district policy, and change settings or tools as needed.",
                "components": [
                    "An inventory of classroom tools",
                    "A privacy review of each",
                    "Changes made and communicated",
                ],
                "research": "Reviews of educational apps repeatedly find gaps in data "
                "practices; teacher review of settings and terms is a practical safeguard.",
                "resources": [
                    ("Common Sense Privacy Program", "https://privacy.commonsense.org/"),
                    (
                        "U.S. Department of Education: Student Privacy Policy Office",
                        "https://studentprivacy.ed.gov/",
                    ),
                ],
                "evidence": [
                    (
                        "Inventory and review",
                        "Upload your tool inventory with the privacy review of each tool.",
                        [
                            ("Complete", "Every tool used with students is listed and reviewed."),
                            ("Criteria", "Reviews use stated criteria, including district policy."),
                        ],
                    ),
                    (
                        "Action",
                        "Describe the changes you made and how you told students and families.",
                        [
                            ("Changes", "At least one setting or tool was changed for privacy."),
                            ("Communication", "Families were told in plain language."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.3.d",
                        "Model and promote management of personal data and digital identity and protect student data privacy.",
                        ISTE_URL,
                    )
                ],
                "fee": "20",
                "credit": CREDIT_STATE,
                "hours": "8",
                "grades": ["k-2", "3-5", "6-8", "9-12"],
            },
            {
                "title": "Responding to Cyberbullying",
                "summary": "Prevent and respond to online harassment among students with a "
                "clear, caring plan.",
                "competency": "The educator teaches students to recognise and respond to "
                "cyberbullying and follows a clear response plan when it happens.",
                "key_method": "Teach a lesson on upstander responses, post the reporting "
                "route, and document the response to any incident.",
                "components": [
                    "An upstander lesson",
                    "A visible reporting route",
                    "A documented response plan",
                ],
                "research": "Bullying prevention research shows that bystander responses "
                "and clear reporting routes reduce harm, and that school climate matters "
                "as much as rules.",
                "resources": [
                    (
                        "StopBullying.gov: cyberbullying",
                        "https://www.stopbullying.gov/cyberbullying/what-is-it",
                    )
                ],
                "evidence": [
                    (
                        "Lesson",
                        "Upload the lesson and materials you used.",
                        [
                            ("Upstander skills", "Students practise specific upstander responses."),
                            ("Reporting", "Students learn how to report."),
                        ],
                    ),
                    (
                        "Plan",
                        "Upload your response plan and reflect on how it would be (or was) used.",
                        [
                            ("Clear steps", "The plan names who does what and when."),
                            ("Care", "The plan attends to the wellbeing of the targeted student."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.3.a",
                        "Create experiences for learners to make positive, socially responsible contributions and exhibit empathetic behavior online.",
                        ISTE_URL,
                    ),
                    (CASEL, "Social awareness", "Social awareness", CASEL_URL),
                ],
                "fee": "20",
                "credit": CREDIT_STATE,
                "hours": "8",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Creative Commons and Fair Use",
                "summary": "Teach students to find, use and credit others' work legally.",
                "competency": "The educator teaches students to find openly licensed media, "
                "use it within its licence and attribute it correctly.",
                "key_method": "Teach licence basics, have students find openly licensed "
                "media for a project, and check their attributions.",
                "components": [
                    "Licence basics taught",
                    "Students search for open media",
                    "Attributions checked",
                ],
                "research": "Studies of student media use find widespread confusion about "
                "copyright; explicit instruction with practice improves correct attribution.",
                "resources": [
                    (
                        "Creative Commons: about the licences",
                        "https://creativecommons.org/licenses/",
                    )
                ],
                "evidence": [
                    (
                        "Lesson",
                        "Upload your lesson on licences.",
                        [
                            ("Accurate", "The lesson explains licences accurately."),
                            ("Practice", "Students practise finding licensed media."),
                        ],
                    ),
                    (
                        "Student work",
                        "Upload two student products with their attributions (names removed).",
                        [
                            (
                                "Correct attribution",
                                "Attributions name title, author, source and licence.",
                            ),
                            ("Feedback", "The earner gave feedback on errors."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.3.c",
                        "Mentor students in safe, legal and ethical practices with digital tools and the protection of intellectual rights and property.",
                        ISTE_URL,
                    )
                ],
                "fee": "20",
                "credit": CREDIT_STATE,
                "hours": "8",
                "grades": ["6-8", "9-12"],
            },
            {
                "title": "Balanced Technology Use",
                "summary": "Help students reflect on how technology affects their attention, "
                "sleep and relationships.",
                "competency": "The educator guides students to examine their own "
                "technology habits and set a personal goal for balanced use.",
                "key_method": "Students track their use, discuss patterns, set one goal and "
                "review it after two weeks.",
                "components": [
                    "A self-tracking activity",
                    "Discussion of patterns",
                    "A personal goal and review",
                ],
                "research": "Research on adolescents and screens points to effects that "
                "depend on what use displaces, such as sleep; self-monitoring supports "
                "behaviour change.",
                "resources": [
                    (
                        "Common Sense Education: digital citizenship curriculum",
                        "https://www.commonsense.org/education/digital-citizenship",
                    )
                ],
                "evidence": [
                    (
                        "Activity",
                        "Upload the tracking activity and discussion plan.",
                        [
                            (
                                "Self-reflection",
                                "Students examine their own use, not general rules.",
                            ),
                            ("Discussion", "Students discuss patterns respectfully."),
                        ],
                    ),
                    (
                        "Goals",
                        "Share three student goals and reviews (names removed) with your reflection.",
                        [
                            ("Personal goals", "Goals are specific and set by students."),
                            ("Review", "Students review progress after two weeks."),
                        ],
                    ),
                ],
                "alignments": [(CASEL, "Self-management", "Self-management", CASEL_URL)],
                "fee": "0",
                "credit": CREDIT_STATE,
                "hours": "6",
                "grades": ["6-8", "9-12"],
            },
        ],
    },
    {
        "slug": "foundations-of-reading-instruction",
        "title": "Foundations of Reading Instruction",
        "issuer": "prairie-state-teaching-center",
        "topic": "Literacy",
        "colour": (128, 50, 140),
        "ordered": True,
        "endorsement": "Early Literacy Endorsement",
        "description": "Evidence-based early reading practice, from phonemic awareness to "
        "comprehension, in the order young readers need it.",
        "items": [
            {
                "title": "Phonemic Awareness Routines",
                "summary": "Build students' ability to hear and work with the sounds in "
                "spoken words.",
                "competency": "The educator teaches brief, daily phonemic awareness "
                "routines (blending, segmenting and manipulating sounds) and monitors progress.",
                "key_method": "Run a daily oral routine of a few minutes, progress from "
                "simpler to harder tasks, and screen students regularly.",
                "components": [
                    "A daily oral routine",
                    "A sequence from blending to manipulation",
                    "Regular screening",
                ],
                "research": "The National Reading Panel (2000) found that phonemic awareness "
                "instruction improves reading and spelling, especially when brief and "
                "focused on one or two skills at a time.",
                "resources": [
                    (
                        "National Reading Panel report summary",
                        "https://www.nichd.nih.gov/publications/pubs/nrp/smallbook",
                    ),
                    (
                        "Reading Rockets: phonemic awareness",
                        "https://www.readingrockets.org/topics/phonological-and-phonemic-awareness",
                    ),
                ],
                "evidence": [
                    (
                        "Routine",
                        "Upload or link a short video of your routine (students' faces not required) and the plan.",
                        [
                            (
                                "Oral and brief",
                                "The routine is oral, fast-paced and under ten minutes.",
                            ),
                            ("Sequence", "Tasks follow a clear progression."),
                        ],
                    ),
                    (
                        "Progress",
                        "Upload screening results for your class at two points (names removed).",
                        [
                            ("Monitoring", "Results from two points in time are shown."),
                            (
                                "Response",
                                "The earner names how instruction changed for students not progressing.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_ELA,
                        "RF.K.2",
                        "Demonstrate understanding of spoken words, syllables, and sounds (phonemes).",
                        CCSS_ELA_URL,
                    )
                ],
                "fee": "0",
                "credit": CREDIT_STATE,
                "hours": "10",
                "grades": ["early-childhood", "k-2"],
            },
            {
                "title": "Systematic Phonics Lessons",
                "summary": "Teach letter-sound patterns explicitly, in a planned sequence, "
                "with decodable practice.",
                "competency": "The educator delivers explicit, systematic phonics lessons "
                "following a scope and sequence, with practice in decodable text.",
                "key_method": "Introduce one pattern explicitly, practise with words and "
                "decodable text, and review cumulatively.",
                "components": [
                    "A scope and sequence",
                    "Explicit introduction",
                    "Decodable practice",
                    "Cumulative review",
                ],
                "research": "Meta-analyses since the National Reading Panel show that "
                "systematic phonics produces larger gains in early word reading than "
                "unsystematic or no phonics instruction.",
                "resources": [
                    (
                        "Reading Rockets: phonics and decoding",
                        "https://www.readingrockets.org/topics/phonics-and-decoding",
                    )
                ],
                "evidence": [
                    (
                        "Lesson",
                        "Upload a phonics lesson plan showing where it sits in your scope and sequence.",
                        [
                            ("Explicit", "The new pattern is taught directly, with modelling."),
                            ("Systematic", "The lesson follows the published sequence."),
                        ],
                    ),
                    (
                        "Practice and review",
                        "Upload the decodable text and review materials used, with a reflection.",
                        [
                            ("Decodable", "Practice text uses taught patterns."),
                            ("Review", "Earlier patterns are reviewed."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_ELA,
                        "RF.1.3",
                        "Know and apply grade-level phonics and word analysis skills in decoding words.",
                        CCSS_ELA_URL,
                    )
                ],
                "fee": "40",
                "credit": CREDIT_STATE,
                "hours": "15",
                "grades": ["k-2"],
            },
            {
                "title": "Building Reading Fluency",
                "summary": "Help students read accurately, at a good pace and with expression.",
                "competency": "The educator uses repeated and assisted reading to improve "
                "students' oral reading fluency and measures the change.",
                "key_method": "Measure fluency, use repeated reading with feedback for a "
                "period, and measure again.",
                "components": [
                    "A baseline fluency measure",
                    "Repeated reading with feedback",
                    "A follow-up measure",
                ],
                "research": "Reviews of fluency instruction find repeated oral reading with "
                "guidance improves fluency and comprehension for developing readers.",
                "resources": [
                    ("Reading Rockets: fluency", "https://www.readingrockets.org/topics/fluency")
                ],
                "evidence": [
                    (
                        "Measures",
                        "Upload baseline and follow-up fluency data for a group (names removed).",
                        [
                            (
                                "Measured",
                                "Words correct per minute or an equivalent is reported twice.",
                            ),
                            ("Growth", "The earner interprets the change."),
                        ],
                    ),
                    (
                        "Practice",
                        "Describe the repeated-reading routine and feedback given.",
                        [
                            ("Guided", "Students receive feedback while reading."),
                            ("Consistent", "The routine ran at least three times a week."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_ELA,
                        "RF.2.4",
                        "Read with sufficient accuracy and fluency to support comprehension.",
                        CCSS_ELA_URL,
                    )
                ],
                "fee": "40",
                "credit": CREDIT_STATE,
                "hours": "12",
                "grades": ["k-2", "3-5"],
            },
            {
                "title": "Vocabulary Through Read-Alouds",
                "summary": "Teach rich words from the books you read aloud.",
                "competency": "The educator selects and teaches high-utility vocabulary "
                "from read-alouds with student-friendly explanations and repeated use.",
                "key_method": "Choose a few words per book, explain them in everyday "
                "language, and engage students in using them over several days.",
                "components": [
                    "Word selection",
                    "Student-friendly explanations",
                    "Repeated use over days",
                ],
                "research": "Research on robust vocabulary instruction shows that explicit "
                "teaching of useful words with many meaningful encounters improves "
                "word knowledge and comprehension.",
                "resources": [
                    (
                        "Reading Rockets: vocabulary",
                        "https://www.readingrockets.org/topics/vocabulary",
                    )
                ],
                "evidence": [
                    (
                        "Plan",
                        "Upload your word list and plan for one book.",
                        [
                            ("Selection", "Words are useful across texts, not obscure."),
                            ("Explanations", "Explanations are in student-friendly language."),
                        ],
                    ),
                    (
                        "Use",
                        "Show student use of the words over several days.",
                        [
                            (
                                "Repeated encounters",
                                "Students meet and use the words at least three times.",
                            ),
                            ("Evidence", "Student talk or writing shows use."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_ELA,
                        "L.4",
                        "Determine or clarify the meaning of unknown and multiple-meaning words.",
                        CCSS_ELA_URL,
                    )
                ],
                "fee": "40",
                "credit": CREDIT_STATE,
                "hours": "10",
                "grades": ["early-childhood", "k-2", "3-5"],
            },
            {
                "title": "Teaching Comprehension Strategies",
                "summary": "Teach students to monitor their understanding and repair it "
                "when they lose the thread.",
                "competency": "The educator explicitly teaches a comprehension strategy "
                "with gradual release, so students use it independently.",
                "key_method": "Explain and model the strategy, practise it together, then "
                "have students apply it independently with a check.",
                "components": [
                    "Explanation and modelling",
                    "Guided practice",
                    "Independent use with a check",
                ],
                "research": "Reviews of comprehension instruction find that explicit "
                "strategy teaching with gradual release improves comprehension, especially "
                "when strategies are used with rich texts.",
                "resources": [
                    (
                        "Institute of Education Sciences practice guide: improving reading comprehension",
                        "https://ies.ed.gov/ncee/wwc/PracticeGuides",
                    )
                ],
                "evidence": [
                    (
                        "Lesson sequence",
                        "Upload the lessons showing modelling, guided and independent practice.",
                        [
                            ("Gradual release", "Responsibility clearly shifts to students."),
                            ("Modelled", "The teacher models thinking aloud."),
                        ],
                    ),
                    (
                        "Student work",
                        "Upload three samples of independent strategy use (names removed).",
                        [
                            ("Independent use", "Samples show students applying the strategy."),
                            ("Analysis", "The earner notes next steps."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_ELA,
                        "R.10",
                        "Read and comprehend complex literary and informational texts independently and proficiently.",
                        CCSS_ELA_URL,
                    )
                ],
                "fee": "40",
                "credit": CREDIT_STATE,
                "hours": "12",
                "grades": ["3-5", "6-8"],
            },
        ],
    },
    {
        "slug": "thinking-classrooms-in-mathematics",
        "title": "Thinking Classrooms in Mathematics",
        "issuer": "open-practice-network",
        "topic": "Mathematics",
        "colour": (200, 50, 60),
        "ordered": False,
        "endorsement": "",
        "description": "Practices that get students reasoning, talking and persevering in "
        "mathematics, in any grade band.",
        "items": [
            {
                "title": "Number Talks",
                "summary": "Build number sense and flexible strategies through short daily "
                "mental-math discussions.",
                "competency": "The educator facilitates short number talks in which "
                "students solve mentally and explain and compare strategies.",
                "key_method": "Pose a carefully chosen problem, collect strategies without "
                "judgement, record them, and compare.",
                "components": [
                    "A chosen problem string",
                    "Strategy sharing",
                    "Recording and comparing strategies",
                ],
                "research": "Studies of classroom discussion in mathematics show that "
                "explaining and comparing strategies builds flexibility and number sense.",
                "resources": [("youcubed: number talks", "https://www.youcubed.org/")],
                "evidence": [
                    (
                        "Talk",
                        "Upload or link a recording or a detailed transcript of one number talk.",
                        [
                            (
                                "Multiple strategies",
                                "At least three student strategies are shared.",
                            ),
                            ("Recording", "Strategies are recorded so all can compare."),
                        ],
                    ),
                    (
                        "Reflection",
                        "Reflect on what the strategies showed you about students' understanding.",
                        [
                            ("Analysis", "The earner interprets students' strategies."),
                            ("Next step", "A next problem is chosen based on it."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_M,
                        "MP3",
                        "Construct viable arguments and critique the reasoning of others.",
                        CCSS_M_URL,
                    )
                ],
                "fee": "0",
                "credit": CREDIT_HOURS,
                "hours": "8",
                "grades": ["k-2", "3-5", "6-8"],
            },
            {
                "title": "Launching Rich Tasks",
                "summary": "Start a challenging problem so every student can begin and "
                "none is told how.",
                "competency": "The educator launches a rich mathematical task so students "
                "understand the context and question without being shown a method.",
                "key_method": "Discuss the context, clarify the question, and hold back "
                "solution methods.",
                "components": [
                    "Context discussion",
                    "Clarifying the question",
                    "Withholding methods",
                ],
                "research": "Research on cognitively demanding tasks shows their demand is "
                "often lowered during the launch; launches that keep the demand support "
                "deeper learning.",
                "resources": [("NCTM: Principles to Actions", "https://www.nctm.org/PtA/")],
                "evidence": [
                    (
                        "Task and launch plan",
                        "Upload the task and your launch plan.",
                        [
                            ("Rich task", "The task has multiple entry points and solution paths."),
                            ("Launch", "The plan clarifies without giving methods."),
                        ],
                    ),
                    (
                        "Student starts",
                        "Share how three students began the task (names removed).",
                        [
                            ("Access", "All three started productively."),
                            ("Demand kept", "Students chose their own methods."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_M,
                        "MP1",
                        "Make sense of problems and persevere in solving them.",
                        CCSS_M_URL,
                    )
                ],
                "fee": "30",
                "credit": CREDIT_HOURS,
                "hours": "10",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Orchestrating Mathematical Discussion",
                "summary": "Use student work to lead a whole-class discussion toward the "
                "mathematical goal.",
                "competency": "The educator anticipates, monitors, selects, sequences and "
                "connects student solutions in a whole-class discussion.",
                "key_method": "Use the five practices: anticipate, monitor, select, "
                "sequence and connect.",
                "components": [
                    "Anticipated solutions",
                    "Monitoring notes",
                    "A planned sequence and connections",
                ],
                "research": "The five practices (Smith and Stein, 2011) give teachers a way "
                "to use student thinking productively while steering toward the goal.",
                "resources": [
                    (
                        "NCTM: Five Practices for Orchestrating Productive Mathematics Discussions",
                        "https://www.nctm.org/",
                    )
                ],
                "evidence": [
                    (
                        "Planning",
                        "Upload your anticipation and monitoring sheet.",
                        [
                            ("Anticipation", "Several solution paths are anticipated."),
                            ("Monitoring", "Notes record which students used which path."),
                        ],
                    ),
                    (
                        "Discussion",
                        "Describe the sequence you chose and the connections made.",
                        [
                            ("Purposeful sequence", "Solutions are sequenced toward the goal."),
                            (
                                "Connections",
                                "The discussion connects solutions to the mathematics.",
                            ),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        CCSS_M,
                        "MP3",
                        "Construct viable arguments and critique the reasoning of others.",
                        CCSS_M_URL,
                    )
                ],
                "fee": "30",
                "credit": CREDIT_HOURS,
                "hours": "15",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Visual Representations in Mathematics",
                "summary": "Help students use diagrams and models to reason about problems.",
                "competency": "The educator teaches students to use visual representations "
                "(number lines, area models, tape diagrams) to reason and explain.",
                "key_method": "Introduce a representation, connect it to symbols, and ask "
                "students to choose representations for new problems.",
                "components": [
                    "A representation introduced",
                    "Links to symbols",
                    "Student choice of representation",
                ],
                "research": "Research on representations shows that connecting visual "
                "models to symbols deepens conceptual understanding.",
                "resources": [("youcubed: visual mathematics", "https://www.youcubed.org/")],
                "evidence": [
                    (
                        "Lesson",
                        "Upload a lesson using a representation.",
                        [
                            ("Connected", "The lesson links the model to symbolic work."),
                            ("Appropriate", "The representation fits the mathematics."),
                        ],
                    ),
                    (
                        "Student work",
                        "Upload three samples of student representations (names removed).",
                        [
                            ("Use", "Students use representations to reason."),
                            ("Explanation", "Students explain their representations."),
                        ],
                    ),
                ],
                "alignments": [(CCSS_M, "MP4", "Model with mathematics.", CCSS_M_URL)],
                "fee": "30",
                "credit": CREDIT_HOURS,
                "hours": "12",
                "grades": ["k-2", "3-5", "6-8"],
            },
            {
                "title": "Formative Assessment in Mathematics",
                "summary": "Check understanding during lessons and adjust teaching on the spot.",
                "competency": "The educator uses quick formative checks in mathematics "
                "lessons and adjusts instruction based on what they show.",
                "key_method": "Plan hinge questions, collect responses from all students, "
                "and decide a next move for each response pattern.",
                "components": ["Hinge questions", "All-student responses", "Planned next moves"],
                "research": "Reviews of formative assessment report substantial learning "
                "gains when evidence of learning is used to adapt teaching (Black and "
                "Wiliam, 1998).",
                "resources": [
                    (
                        "Black, P. and Wiliam, D. (1998). Assessment and Classroom Learning.",
                        "https://doi.org/10.1080/0969595980050102",
                    )
                ],
                "evidence": [
                    (
                        "Hinge questions",
                        "Upload your hinge questions with planned responses to each answer.",
                        [
                            ("Diagnostic", "Wrong answers reveal specific misconceptions."),
                            ("Planned moves", "Each answer pattern has a next move."),
                        ],
                    ),
                    (
                        "Adjustment",
                        "Describe a lesson where you adjusted instruction from the responses.",
                        [
                            ("Evidence used", "The adjustment follows from the data."),
                            ("Result", "The earner reports what happened next."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.7.c",
                        "Use assessment data to guide progress and communicate with students, parents and education stakeholders.",
                        ISTE_URL,
                    )
                ],
                "fee": "30",
                "credit": CREDIT_HOURS,
                "hours": "12",
                "grades": ["3-5", "6-8", "9-12"],
            },
        ],
    },
    {
        "slug": "social-emotional-learning-in-practice",
        "title": "Social-Emotional Learning in Practice",
        "issuer": "lakeview-college-of-education",
        "topic": "Social-emotional learning",
        "colour": (220, 140, 20),
        "ordered": False,
        "endorsement": "",
        "description": "Everyday classroom practices that build belonging, self-management "
        "and relationships.",
        "items": [
            {
                "title": "Morning Meetings That Build Belonging",
                "summary": "Start the day with a structured meeting that helps every "
                "student feel known.",
                "competency": "The educator leads a regular class meeting with a greeting, "
                "sharing, activity and message that builds community.",
                "key_method": "Run the meeting daily with its four parts and rotate roles "
                "so every student participates.",
                "components": ["Greeting", "Sharing", "Group activity", "Message"],
                "research": "Studies of responsive classroom practices link regular class "
                "meetings to improved climate and relationships.",
                "resources": [("CASEL: SEL in the classroom", "https://casel.org/")],
                "evidence": [
                    (
                        "Meeting plans",
                        "Upload a week of meeting plans.",
                        [
                            ("Structure", "Each plan has all four parts."),
                            ("Inclusion", "Every student has a role during the week."),
                        ],
                    ),
                    (
                        "Student voice",
                        "Share student feedback on the meetings (names removed).",
                        [
                            ("Feedback gathered", "Feedback is from students."),
                            ("Reflection", "The earner acts on it."),
                        ],
                    ),
                ],
                "alignments": [(CASEL, "Relationship skills", "Relationship skills", CASEL_URL)],
                "fee": "30",
                "credit": CREDIT_CPD,
                "hours": "10",
                "grades": ["k-2", "3-5"],
            },
            {
                "title": "Teaching Self-Regulation Strategies",
                "summary": "Give students tools to notice and manage strong feelings.",
                "competency": "The educator explicitly teaches and practises "
                "self-regulation strategies and supports students in choosing one.",
                "key_method": "Teach a small set of strategies, practise them when calm, "
                "and prompt their use in the moment.",
                "components": ["A set of strategies", "Calm practice", "In-the-moment prompts"],
                "research": "Research on self-regulation interventions shows explicit "
                "teaching and practice improve students' emotional and behavioural control.",
                "resources": [("CASEL: self-management", "https://casel.org/")],
                "evidence": [
                    (
                        "Lessons",
                        "Upload the lessons teaching the strategies.",
                        [
                            ("Explicit", "Each strategy is modelled and practised."),
                            ("Developmentally suited", "Strategies fit the students' age."),
                        ],
                    ),
                    (
                        "Use",
                        "Describe two moments when students used a strategy.",
                        [
                            ("Application", "Students chose and used a strategy."),
                            ("Reflection", "The earner reflects on support needed."),
                        ],
                    ),
                ],
                "alignments": [(CASEL, "Self-management", "Self-management", CASEL_URL)],
                "fee": "30",
                "credit": CREDIT_CPD,
                "hours": "10",
                "grades": ["early-childhood", "k-2", "3-5", "6-8"],
            },
            {
                "title": "Restorative Conversations",
                "summary": "Respond to conflict with conversations that repair harm.",
                "competency": "The educator uses restorative questions to help students "
                "understand harm and agree how to repair it.",
                "key_method": "Hold a private conversation with restorative questions, "
                "agree a repair, and follow up.",
                "components": ["Restorative questions", "An agreed repair", "Follow-up"],
                "research": "Evaluations of restorative practices report reductions in "
                "exclusionary discipline and improved relationships when implemented well.",
                "resources": [
                    ("International Institute for Restorative Practices", "https://www.iirp.edu/")
                ],
                "evidence": [
                    (
                        "Conversation record",
                        "Describe one restorative conversation (no names).",
                        [
                            ("Questions", "Restorative questions were used."),
                            ("Repair", "A specific repair was agreed."),
                        ],
                    ),
                    (
                        "Follow-up",
                        "Describe the follow-up and outcome.",
                        [
                            ("Follow-up", "The earner checked in after the repair."),
                            ("Reflection", "The earner reflects on the relationship."),
                        ],
                    ),
                ],
                "alignments": [
                    (CASEL, "Responsible decision-making", "Responsible decision-making", CASEL_URL)
                ],
                "fee": "30",
                "credit": CREDIT_CPD,
                "hours": "12",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Cooperative Learning Structures",
                "summary": "Design group work in which every member is needed.",
                "competency": "The educator designs cooperative tasks with individual "
                "accountability and positive interdependence.",
                "key_method": "Assign roles, design tasks that need every member, and "
                "assess individuals as well as the group.",
                "components": ["Roles", "Interdependent tasks", "Individual accountability"],
                "research": "Meta-analyses of cooperative learning report benefits for "
                "achievement and relationships when tasks need every member.",
                "resources": [("Edutopia: cooperative learning", "https://www.edutopia.org/")],
                "evidence": [
                    (
                        "Task",
                        "Upload the cooperative task and roles.",
                        [
                            (
                                "Interdependence",
                                "The task cannot be finished without every member.",
                            ),
                            ("Roles", "Roles are defined."),
                        ],
                    ),
                    (
                        "Assessment",
                        "Show how you assessed individuals.",
                        [
                            ("Individual accountability", "Each student is assessed."),
                            ("Reflection", "The earner reflects on group dynamics."),
                        ],
                    ),
                ],
                "alignments": [(CASEL, "Relationship skills", "Relationship skills", CASEL_URL)],
                "fee": "30",
                "credit": CREDIT_CPD,
                "hours": "10",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Student Goal-Setting Conferences",
                "summary": "Meet one-on-one with students to set and review learning goals.",
                "competency": "The educator holds goal-setting conferences in which "
                "students set, plan and review their own learning goals.",
                "key_method": "Prepare data with the student, co-write a goal and plan, "
                "and review at a set date.",
                "components": [
                    "Data shared with the student",
                    "A student-written goal and plan",
                    "A review date",
                ],
                "research": "Goal-setting research shows specific, challenging goals with "
                "feedback improve performance; student ownership strengthens the effect.",
                "resources": [("CASEL: self-awareness", "https://casel.org/")],
                "evidence": [
                    (
                        "Goals",
                        "Upload three student goal sheets (names removed).",
                        [
                            ("Student-owned", "Goals are in students' words."),
                            ("Specific", "Goals are specific and measurable."),
                        ],
                    ),
                    (
                        "Review",
                        "Describe the review conferences.",
                        [
                            ("Review held", "Each goal was reviewed."),
                            ("Next goals", "Students set next steps."),
                        ],
                    ),
                ],
                "alignments": [(CASEL, "Self-awareness", "Self-awareness", CASEL_URL)],
                "fee": "30",
                "credit": CREDIT_CPD,
                "hours": "10",
                "grades": ["3-5", "6-8", "9-12"],
            },
        ],
    },
    {
        "slug": "universal-design-for-learning",
        "title": "Universal Design for Learning",
        "issuer": "lakeview-college-of-education",
        "topic": "Universal design for learning",
        "colour": (20, 130, 150),
        "ordered": False,
        "endorsement": "Inclusive Practice Certificate",
        "description": "Design lessons that work for the full range of learners, "
        "including students with disabilities, from the start.",
        "items": [
            {
                "title": "Firm Goals, Flexible Means",
                "summary": "Separate what every student must learn from how they can show it.",
                "competency": "The educator writes lesson goals that separate the learning "
                "target from the means of reaching and showing it.",
                "key_method": "Rewrite a lesson's goals, then list flexible means of "
                "engagement, representation and expression.",
                "components": [
                    "Rewritten goals",
                    "Flexible means listed",
                    "A lesson taught with them",
                ],
                "research": "UDL research describes goals tied to a single method as a "
                "barrier; separating goal from means opens access without lowering "
                "expectations.",
                "resources": [("CAST: UDL Guidelines", "https://udlguidelines.cast.org/")],
                "evidence": [
                    (
                        "Goals",
                        "Upload the original and rewritten goals.",
                        [
                            ("Separated", "Goals no longer prescribe a single method."),
                            ("Rigour kept", "Expectations remain the same."),
                        ],
                    ),
                    (
                        "Lesson",
                        "Upload the lesson with flexible means.",
                        [
                            (
                                "Options",
                                "The lesson offers options in at least two UDL principles.",
                            ),
                            ("Reflection", "The earner reflects on student use."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        UDL,
                        "Action and Expression 6",
                        "Design options for strategy development.",
                        UDL_URL,
                    )
                ],
                "fee": "45",
                "credit": CREDIT_CPD,
                "hours": "12",
                "grades": ["k-2", "3-5", "6-8", "9-12"],
            },
            {
                "title": "Multiple Means of Representation",
                "summary": "Present new content in more than one way.",
                "competency": "The educator presents key content through multiple "
                "representations (text, audio, visual, hands-on) and supports vocabulary.",
                "key_method": "Audit a unit's key content, add alternative representations, "
                "and pre-teach vocabulary and symbols.",
                "components": [
                    "Alternative representations",
                    "Vocabulary supports",
                    "Student feedback",
                ],
                "research": "Research on multimedia learning shows words with relevant "
                "pictures are learned more deeply than words alone.",
                "resources": [
                    ("CAST: representation", "https://udlguidelines.cast.org/representation")
                ],
                "evidence": [
                    (
                        "Materials",
                        "Upload materials showing two or more representations of one concept.",
                        [
                            ("Multiple forms", "The concept is presented in at least two forms."),
                            ("Vocabulary", "Key terms are supported."),
                        ],
                    ),
                    (
                        "Reflection",
                        "Reflect on which students used which form.",
                        [
                            ("Observation", "The earner reports student use."),
                            ("Adjustment", "The earner plans a change."),
                        ],
                    ),
                ],
                "alignments": [
                    (UDL, "Representation 2", "Design options for language and symbols.", UDL_URL)
                ],
                "fee": "45",
                "credit": CREDIT_CPD,
                "hours": "12",
                "grades": ["k-2", "3-5", "6-8", "9-12"],
            },
            {
                "title": "Choice in Demonstrating Learning",
                "summary": "Let students show what they know in more than one way.",
                "competency": "The educator offers students a choice of formats to "
                "demonstrate mastery, assessed against one rubric.",
                "key_method": "Design a shared rubric, offer at least three formats, and "
                "assess all with the same criteria.",
                "components": ["One rubric", "Three or more formats", "Consistent assessment"],
                "research": "UDL's principle of multiple means of action and expression "
                "holds that offering formats removes construct-irrelevant barriers.",
                "resources": [
                    (
                        "CAST: action and expression",
                        "https://udlguidelines.cast.org/action-expression",
                    )
                ],
                "evidence": [
                    (
                        "Design",
                        "Upload the rubric and the format options.",
                        [
                            ("Shared rubric", "All formats are judged by the same criteria."),
                            ("Real options", "At least three formats are offered."),
                        ],
                    ),
                    (
                        "Student work",
                        "Upload two products in different formats (names removed) with your scoring.",
                        [
                            ("Consistent", "Scoring applies the rubric consistently."),
                            ("Reflection", "The earner reflects on fairness."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        UDL,
                        "Action and Expression 5",
                        "Design options for expression and communication.",
                        UDL_URL,
                    )
                ],
                "fee": "45",
                "credit": CREDIT_CPD,
                "hours": "12",
                "grades": ["3-5", "6-8", "9-12"],
            },
            {
                "title": "Co-Planning With Special Educators",
                "summary": "Plan lessons together with a special education colleague.",
                "competency": "The educator co-plans a unit with a special education "
                "colleague, integrating accommodations and specially designed instruction.",
                "key_method": "Hold structured co-planning meetings, divide roles, and "
                "review student progress together.",
                "components": [
                    "Structured co-planning",
                    "Integrated supports",
                    "Shared progress review",
                ],
                "research": "Studies of co-teaching find that the benefits depend on shared "
                "planning time and clear roles.",
                "resources": [
                    ("IRIS Center: collaboration", "https://iris.peabody.vanderbilt.edu/")
                ],
                "evidence": [
                    (
                        "Co-planning notes",
                        "Upload agendas and notes from two co-planning meetings.",
                        [
                            ("Structured", "Meetings follow an agenda with outcomes."),
                            ("Shared roles", "Roles of each educator are clear."),
                        ],
                    ),
                    (
                        "Unit",
                        "Upload the co-planned unit with supports marked.",
                        [
                            ("Integrated", "Supports are part of the plan, not added later."),
                            ("Progress", "Student progress was reviewed together."),
                        ],
                    ),
                ],
                "alignments": [(LF, "Implementation", "Implementation", LF_URL)],
                "fee": "45",
                "credit": CREDIT_CPD,
                "hours": "15",
                "grades": ["k-2", "3-5", "6-8", "9-12"],
            },
            {
                "title": "Assistive Technology in the Classroom",
                "summary": "Choose and teach assistive tools that give students access.",
                "competency": "The educator identifies barriers for a student and "
                "introduces an assistive technology tool, teaching its use.",
                "key_method": "Describe the barrier, select a tool, teach it, and measure "
                "its effect.",
                "components": [
                    "A described barrier",
                    "A selected tool",
                    "Taught use",
                    "Measured effect",
                ],
                "research": "Research on assistive technology shows effects depend on "
                "matching tools to needs and on instruction in their use.",
                "resources": [
                    ("IRIS Center: assistive technology", "https://iris.peabody.vanderbilt.edu/")
                ],
                "evidence": [
                    (
                        "Barrier and tool",
                        "Describe the barrier and why the tool fits (no student names).",
                        [
                            ("Match", "The tool addresses the described barrier."),
                            ("Access", "The tool is available to the student."),
                        ],
                    ),
                    (
                        "Effect",
                        "Share before-and-after evidence of the student's access.",
                        [
                            ("Measured", "Evidence is compared before and after."),
                            ("Reflection", "The earner plans next steps."),
                        ],
                    ),
                ],
                "alignments": [
                    (
                        ISTE,
                        "2.5.a",
                        "Use technology to create, adapt and personalize learning experiences.",
                        ISTE_URL,
                    )
                ],
                "fee": "45",
                "credit": CREDIT_CPD,
                "hours": "10",
                "grades": ["k-2", "3-5", "6-8", "9-12"],
            },
        ],
    },
    {
        "slug": "instructional-coaching-cycles",
        "title": "Instructional Coaching Cycles",
        "issuer": "prairie-state-teaching-center",
        "topic": "Instructional coaching",
        "colour": (90, 90, 160),
        "ordered": True,
        "endorsement": "Instructional Coach Endorsement",
        "description": "For teacher leaders and coaches: the full coaching cycle, from a "
        "goal to evidence of student learning.",
        "items": [
            {
                "title": "Building Coaching Relationships",
                "summary": "Establish trust and clear agreements with the teachers you coach.",
                "competency": "The coach establishes coaching agreements (confidentiality, "
                "roles, goals) and builds a trusting relationship with a teacher.",
                "key_method": "Hold an initial conversation using an agreement template and "
                "revisit it at the cycle's end.",
                "components": ["A coaching agreement", "Listening and questioning", "A revisit"],
                "research": "Research on instructional coaching finds that trust and clear "
                "agreements underpin effective cycles.",
                "resources": [("Learning Forward: coaching", "https://learningforward.org/")],
                "evidence": [
                    (
                        "Agreement",
                        "Upload the coaching agreement (names removed).",
                        [
                            ("Clear agreements", "Confidentiality, roles and goals are stated."),
                            ("Teacher voice", "The teacher shaped the agreement."),
                        ],
                    ),
                    (
                        "Reflection",
                        "Reflect on how the relationship developed.",
                        [
                            ("Evidence of trust", "The earner cites specific signs."),
                            ("Next step", "A next step is named."),
                        ],
                    ),
                ],
                "alignments": [(LF, "Leadership", "Leadership", LF_URL)],
                "fee": "50",
                "credit": CREDIT_STATE,
                "hours": "10",
                "grades": ["adult"],
            },
            {
                "title": "Setting a Student-Centered Coaching Goal",
                "summary": "Start a coaching cycle from a goal about student learning.",
                "competency": "The coach helps a teacher set a coaching goal stated in "
                "terms of student learning, with a measure.",
                "key_method": "Look at student work with the teacher, name a learning "
                "target, and choose how progress will be measured.",
                "components": ["Student work examined", "A learning target", "A measure"],
                "research": "Student-centered coaching models focus cycles on student "
                "outcomes, which studies associate with stronger effects on learning.",
                "resources": [("Learning Forward: outcomes", "https://learningforward.org/")],
                "evidence": [
                    (
                        "Goal",
                        "Upload the goal and measure.",
                        [
                            ("Student-centered", "The goal names student learning."),
                            ("Measurable", "A measure is stated."),
                        ],
                    ),
                    (
                        "Process",
                        "Describe how the goal was set with the teacher.",
                        [
                            ("Collaborative", "The teacher co-wrote the goal."),
                            ("Evidence-based", "Student work informed it."),
                        ],
                    ),
                ],
                "alignments": [(LF, "Outcomes", "Outcomes", LF_URL)],
                "fee": "50",
                "credit": CREDIT_STATE,
                "hours": "10",
                "grades": ["adult"],
            },
            {
                "title": "Modelling and Co-Teaching",
                "summary": "Show a practice in the teacher's classroom, then teach it together.",
                "competency": "The coach models a practice in the teacher's classroom and "
                "co-teaches it, with a debrief after each.",
                "key_method": "Plan the model lesson with a look-for list, model, "
                "co-teach, and debrief.",
                "components": ["A look-for list", "A modelled lesson", "Co-teaching", "Debriefs"],
                "research": "Coaching research indicates that modelling and guided practice "
                "increase the transfer of new practices to classrooms.",
                "resources": [
                    ("Learning Forward: learning designs", "https://learningforward.org/")
                ],
                "evidence": [
                    (
                        "Plan",
                        "Upload the look-for list and the model lesson plan.",
                        [
                            ("Look-fors", "The teacher knew what to watch for."),
                            ("Aligned", "The practice serves the coaching goal."),
                        ],
                    ),
                    (
                        "Debrief",
                        "Summarize the debriefs.",
                        [
                            ("Reflection", "The teacher reflected on the model."),
                            ("Gradual release", "Responsibility moved to the teacher."),
                        ],
                    ),
                ],
                "alignments": [(LF, "Learning Designs", "Learning designs", LF_URL)],
                "fee": "50",
                "credit": CREDIT_STATE,
                "hours": "15",
                "grades": ["adult"],
            },
            {
                "title": "Observation and Evidence-Based Feedback",
                "summary": "Observe a lesson and give feedback grounded in what you saw.",
                "competency": "The coach collects low-inference observation data and uses "
                "it in a feedback conversation.",
                "key_method": "Script or tally during the observation, share the data, and "
                "ask the teacher to interpret it first.",
                "components": [
                    "Low-inference notes",
                    "Data shared",
                    "Teacher interpretation first",
                ],
                "research": "Studies of teacher feedback show that feedback grounded in "
                "specific evidence is more likely to change practice than general praise.",
                "resources": [("Learning Forward: data", "https://learningforward.org/")],
                "evidence": [
                    (
                        "Observation data",
                        "Upload your observation notes (names removed).",
                        [
                            (
                                "Low-inference",
                                "Notes record what was said and done, not judgements.",
                            ),
                            ("Focused", "Data relates to the goal."),
                        ],
                    ),
                    (
                        "Conversation",
                        "Summarize the feedback conversation.",
                        [
                            ("Teacher first", "The teacher interpreted the data first."),
                            ("Next step", "A next step was agreed."),
                        ],
                    ),
                ],
                "alignments": [(LF, "Data", "Data", LF_URL)],
                "fee": "50",
                "credit": CREDIT_STATE,
                "hours": "12",
                "grades": ["adult"],
            },
            {
                "title": "Measuring the Impact of a Coaching Cycle",
                "summary": "Close a cycle with evidence of what changed for students.",
                "competency": "The coach and teacher measure student progress toward the "
                "cycle's goal and reflect on the cycle's impact.",
                "key_method": "Collect pre and post measures, analyse them together, and "
                "write a short impact summary.",
                "components": ["Pre and post measures", "Joint analysis", "An impact summary"],
                "research": "Evaluations of professional learning recommend measuring "
                "effects on student learning, not only on teacher satisfaction.",
                "resources": [("Learning Forward: outcomes", "https://learningforward.org/")],
                "evidence": [
                    (
                        "Data",
                        "Upload pre and post data (names removed).",
                        [
                            ("Comparable", "The measures are comparable."),
                            ("Analysed", "The change is analysed."),
                        ],
                    ),
                    (
                        "Impact summary",
                        "Upload the impact summary written with the teacher.",
                        [
                            ("Joint", "The teacher contributed."),
                            ("Honest", "The summary notes limits and next steps."),
                        ],
                    ),
                ],
                "alignments": [(LF, "Outcomes", "Outcomes", LF_URL)],
                "fee": "50",
                "credit": CREDIT_STATE,
                "hours": "12",
                "grades": ["adult"],
            },
        ],
    },
]

# A draft and a version in review, to show the authoring lifecycle.
UNPUBLISHED = [
    {
        "slug": "classroom-podcasting",
        "issuer": "lakeview-college-of-education",
        "title": "Classroom Podcasting",
        "status": "draft",
        "summary": "Students plan, record and publish a podcast episode on a unit topic.",
    },
    {
        "slug": "math-journaling",
        "issuer": "open-practice-network",
        "title": "Mathematics Journals",
        "status": "in_review",
        "summary": "Students write regularly about their mathematical thinking.",
    },
]
