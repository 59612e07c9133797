"""Digital citizenship: the state center's stack toward the Digital Learning Endorsement."""

from .credits import STATE_RECERTIFICATION
from .organizations import PRAIRIE_CENTER
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, reflection
from .standards import casel, ela, iste

COMMON_SENSE = Resource(
    "Common Sense Education: Digital Citizenship curriculum",
    "https://www.commonsense.org/education/digital-citizenship",
    note="Free lessons for every grade from kindergarten to grade 12.",
)

EVALUATING_SOURCES = MicroCredential(
    title="Evaluating Online Sources",
    summary=(
        "Teach students to find out who is behind a website and what others say about it "
        "before they trust it."
    ),
    competency=(
        "The educator teaches students to judge the credibility of online sources by reading "
        "laterally, and students apply the strategy to sources they have not seen before."
    ),
    key_method=(
        "Model lateral reading (leaving a site to see what other sources say about it), give "
        "students guided practice with real sources, and assess them on unfamiliar sources."
    ),
    components=(
        "A think-aloud modelling lateral reading on a real site",
        "Guided practice with sources of varying credibility",
        "Click restraint: scanning the search results before choosing one",
        "An assessment with sources students have not seen",
    ),
    research=(
        "Wineburg and McGrew (2019) compared how professional fact-checkers, historians and "
        "university students judged unfamiliar websites. The fact-checkers quickly left a "
        "site to find out what other sources said about it and reached sound judgements "
        "faster, while the others read the site closely and were often taken in by its "
        "appearance. A national assessment of high-school students (Breakstone and "
        "colleagues, 2021) found that most struggled to judge online sources, and classroom "
        "studies report that a few lessons in lateral reading can improve students' "
        "judgements."
    ),
    resources=(
        Resource(
            "News Literacy Project",
            "https://newslit.org/",
            note="Free lessons on telling credible information from misinformation.",
        ),
        COMMON_SENSE,
    ),
    requirements=(
        Requirement(
            "Lesson and model",
            "Upload the lesson plan and the materials you used to model lateral reading, "
            "including the sources students practised on.",
            ("file", "link"),
            (
                Criterion(
                    "Strategy modelled",
                    "The lesson shows the teacher modelling lateral reading step by step on a "
                    "real site.",
                ),
                Criterion(
                    "Varied sources",
                    "The practice sources include both credible and misleading examples.",
                ),
            ),
        ),
        Requirement(
            "Student assessment",
            "Share the assessment you gave on unfamiliar sources and the work of five "
            "students, with names removed and your scoring.",
            ("file",),
            (
                Criterion(
                    "Unfamiliar sources",
                    "The assessment uses sources students had not seen in practice.",
                ),
                Criterion(
                    "Students read laterally",
                    "At least four of the five work samples show students checking what other "
                    "sources say.",
                ),
            ),
        ),
        reflection(
            "how students' judgements of sources changed, and which sources still fooled them."
        ),
    ),
    alignments=(
        iste(
            "2.3.b",
            "Establish a learning culture that promotes curiosity and critical examination of "
            "online resources and fosters digital literacy and media fluency.",
        ),
        ela(
            "CCRA.R.8",
            "Delineate and evaluate the argument and specific claims in a text, including the "
            "validity of the reasoning as well as the relevance and sufficiency of the evidence.",
        ),
    ),
    fee="0",
    credit=STATE_RECERTIFICATION,
    hours="10",
    grades=("6-8", "9-12"),
    topics=("Media literacy",),
)

STUDENT_PRIVACY = MicroCredential(
    title="Protecting Student Data Privacy",
    summary=(
        "Check the apps and websites you use with students against privacy law and district "
        "policy before students sign up."
    ),
    competency=(
        "The educator evaluates how a digital tool handles student data against federal "
        "privacy law and district policy before using it with students, and explains the "
        "decision to families."
    ),
    key_method=(
        "Before adopting a tool, check whether the district has approved it, read its "
        "privacy policy and terms for what data it collects and shares, and record a "
        "decision to use it, use it with conditions, or not use it."
    ),
    components=(
        "A check of the district's list of approved tools",
        "A review of what data the tool collects, who it shares it with and how long it keeps it",
        "Attention to FERPA, and to COPPA for students under 13",
        "A plain-language note to families about the tools in use",
    ),
    research=(
        "The records students generate in online tools can be education records that schools "
        "must protect under the Family Educational Rights and Privacy Act (FERPA), and for "
        "children under 13 the Children's Online Privacy Protection Act (COPPA) governs what "
        "operators may collect. Independent reviews of popular education apps have "
        "repeatedly found privacy policies that permit broad sharing of data or advertising. "
        "Teachers are often the first to adopt a new tool, which makes a short, routine "
        "privacy check in the classroom one of the most effective safeguards a school has."
    ),
    resources=(
        Resource(
            "U.S. Department of Education: Protecting Student Privacy",
            "https://studentprivacy.ed.gov/",
        ),
        Resource(
            "Common Sense Privacy Program",
            "https://privacy.commonsense.org/",
            note="Privacy evaluations of widely used education technology products.",
        ),
    ),
    requirements=(
        Requirement(
            "Tool review",
            "Complete a privacy review of two tools you use or plan to use with students: the "
            "data collected, sharing, retention, age requirements and district approval.",
            ("file", "text"),
            (
                Criterion(
                    "Data practices identified",
                    "The review states what data each tool collects, who it is shared with "
                    "and how long it is kept.",
                ),
                Criterion(
                    "Law and policy applied",
                    "The review applies FERPA, COPPA where students are under 13, and "
                    "district policy correctly.",
                ),
            ),
        ),
        Requirement(
            "Decision and family note",
            "Share your decision for each tool and the note you sent, or would send, to families.",
            ("file", "text"),
            (
                Criterion(
                    "Reasoned decision",
                    "Each decision follows from the review and names any conditions of use.",
                ),
                Criterion(
                    "Plain language",
                    "The family note explains what data is used and why, in language families "
                    "can understand.",
                ),
            ),
        ),
    ),
    alignments=(
        iste(
            "2.3.d",
            "Model and promote management of personal data and digital identity and protect "
            "student data privacy.",
        ),
    ),
    fee="25",
    credit=STATE_RECERTIFICATION,
    hours="10",
    grades=("k-2", "3-5", "6-8", "9-12"),
    topics=("Data privacy",),
)

CYBERBULLYING = MicroCredential(
    title="Responding to Cyberbullying",
    summary=(
        "Prepare students to recognize, respond to and report online harassment, and respond "
        "well yourself when it is reported to you."
    ),
    competency=(
        "The educator teaches students what cyberbullying is and how to respond as a target "
        "or a bystander, and follows the school's procedure when an incident is reported."
    ),
    key_method=(
        "Teach a lesson on recognizing and responding to online cruelty with realistic "
        "scenarios, practise bystander responses, and map the school's reporting procedure "
        "for students and staff."
    ),
    components=(
        "Scenarios that distinguish conflict, meanness and bullying",
        "Practice of safe bystander responses",
        "Clear steps for saving evidence and reporting",
        "A map of the school's procedure and who acts at each step",
    ),
    research=(
        "A meta-analysis by Kowalski, Giumetti, Schroeder and Lattanner (2014) found that "
        "being cyberbullied is associated with depression, anxiety and lower academic "
        "performance, and that cyberbullying overlaps substantially with bullying in person. "
        "Studies of bullying in schools find that peers are present in most episodes and that "
        "when a bystander intervenes the bullying often stops quickly; teaching concrete, "
        "safe bystander actions is a common element of prevention programs."
    ),
    resources=(
        Resource("StopBullying.gov", "https://www.stopbullying.gov/"),
        COMMON_SENSE,
    ),
    requirements=(
        Requirement(
            "Lesson",
            "Upload the lesson plan and scenarios you used, and students' responses from the "
            "bystander practice with names removed.",
            ("file", "link"),
            (
                Criterion(
                    "Realistic scenarios",
                    "The scenarios reflect the platforms and situations students actually meet.",
                ),
                Criterion(
                    "Bystander actions",
                    "Students practise at least two safe, specific actions a bystander can take.",
                ),
            ),
        ),
        Requirement(
            "Reporting procedure",
            "Share the map of your school's procedure for reporting cyberbullying that you "
            "gave to students or staff.",
            ("file",),
            (
                Criterion(
                    "Accurate procedure",
                    "The map matches school policy and names who acts at each step.",
                ),
                Criterion(
                    "Usable by students",
                    "A student can tell from it how to save evidence and whom to tell.",
                ),
            ),
        ),
        reflection(
            "what students told you about the online spaces they use and what they need from "
            "adults."
        ),
    ),
    alignments=(
        iste(
            "2.3.a",
            "Create experiences for learners to make positive, socially responsible "
            "contributions and exhibit empathetic behavior online that build relationships and "
            "community.",
        ),
        casel("Responsible decision-making"),
    ),
    fee="25",
    credit=STATE_RECERTIFICATION,
    hours="10",
    grades=("3-5", "6-8", "9-12"),
    topics=("Student well-being",),
)

FAIR_USE = MicroCredential(
    title="Creative Commons and Fair Use in Class",
    summary=(
        "Teach students to find, use and credit other people's work legally, and to choose a "
        "licence for their own."
    ),
    competency=(
        "The educator teaches students to find openly licensed media, attribute it "
        "correctly and reason about fair use, and students apply this in a project."
    ),
    key_method=(
        "Introduce copyright, Creative Commons licences and fair use with examples, show "
        "students how to search for openly licensed media, and require correct attribution "
        "in a project."
    ),
    components=(
        "A short explanation of copyright and the six Creative Commons licences",
        "Searching for openly licensed images, music and video",
        "Attributions that give title, author, source and licence",
        "Discussion of fair-use cases using the four statutory factors",
    ),
    research=(
        "Students routinely copy images and music from search results without knowing the "
        "terms of use, and the line between fair use and infringement is unclear to many "
        "adults as well. Explicit teaching with concrete examples, followed by application in "
        "students' own work, builds lasting habits. The U.S. Copyright Office's Fair Use "
        "Index summarizes court decisions, giving students real cases to reason about with "
        "the four factors the law sets out."
    ),
    resources=(
        Resource(
            "Creative Commons: About CC Licenses",
            "https://creativecommons.org/share-your-work/cclicenses/",
        ),
        Resource("U.S. Copyright Office: Fair Use Index", "https://www.copyright.gov/fair-use/"),
    ),
    requirements=(
        Requirement(
            "Lesson materials",
            "Upload the materials you used to teach licences, attribution and fair use.",
            ("file", "link"),
            (
                Criterion(
                    "Accurate content",
                    "Explanations of copyright, Creative Commons licences and fair use are "
                    "accurate.",
                ),
                Criterion(
                    "Worked examples",
                    "The materials include worked examples of correct attribution.",
                ),
            ),
        ),
        Requirement(
            "Student projects",
            "Share three student projects that use other people's media, with names removed "
            "and the students' attributions.",
            ("file", "link"),
            (
                Criterion(
                    "Licensed or justified",
                    "Media used is openly licensed, in the public domain, or justified as fair "
                    "use.",
                ),
                Criterion(
                    "Correct attribution",
                    "Attributions give title, author, source and licence.",
                ),
            ),
        ),
        reflection("where students found the line between using and copying hardest to draw."),
    ),
    alignments=(
        iste(
            "2.3.c",
            "Mentor students in safe, legal and ethical practices with digital tools and the "
            "protection of intellectual rights and property.",
        ),
    ),
    fee="25",
    credit=STATE_RECERTIFICATION,
    hours="10",
    grades=("6-8", "9-12"),
    topics=("Media literacy",),
)

DIGITAL_FOOTPRINT = MicroCredential(
    title="Building a Positive Digital Footprint",
    summary=(
        "Help students see what their online presence says about them and shape it on purpose."
    ),
    competency=(
        "The educator guides students to examine a digital footprint and to publish a "
        "positive contribution online that reflects who they want to be."
    ),
    key_method=(
        "Have students audit the public traces of a real or fictional person, discuss "
        "permanence and audience, review their own privacy settings, and publish a piece of "
        "work for a real audience."
    ),
    components=(
        "An audit of a digital footprint, real or of a fictional persona",
        "Discussion of permanence, audience and context",
        "A review of privacy settings on platforms students use",
        "A positive contribution published for a real audience",
    ),
    research=(
        "Adolescents are still developing a sense of how audiences and contexts work online, "
        "and what they post can travel to people they never meant to reach. Lessons limited "
        "to warnings give students little to act on; asking them to examine real examples "
        "and then publish something they are proud of turns the topic into a skill they "
        "practise. Common Sense Education's curriculum takes this approach across grade "
        "levels."
    ),
    resources=(
        COMMON_SENSE,
        Resource(
            "ISTE Standards for Students",
            "https://iste.org/standards/students",
            note="See the Digital Citizen standard.",
        ),
    ),
    requirements=(
        Requirement(
            "Footprint audit",
            "Upload the audit activity and three students' completed audits or reflections, "
            "with names removed.",
            ("file",),
            (
                Criterion(
                    "Permanence and audience",
                    "Student work shows an understanding that posts persist and reach "
                    "unintended audiences.",
                ),
                Criterion(
                    "Personal relevance",
                    "Students connect the audit to their own online habits or privacy settings.",
                ),
            ),
        ),
        Requirement(
            "Positive contribution",
            "Share links to, or files of, two student contributions published for a real "
            "audience, with a note on who the audience was.",
            ("link", "file"),
            (
                Criterion(
                    "Real audience",
                    "Each contribution was published or shared beyond the teacher.",
                ),
                Criterion(
                    "Purposeful",
                    "Students explain what their contribution says about them and why they "
                    "chose it.",
                ),
            ),
        ),
        reflection("how students' ideas about their online presence changed."),
    ),
    alignments=(
        iste(
            "2.3.d",
            "Model and promote management of personal data and digital identity and protect "
            "student data privacy.",
        ),
        casel("Self-awareness"),
    ),
    fee="25",
    credit=STATE_RECERTIFICATION,
    hours="10",
    grades=("6-8", "9-12"),
    topics=("Student well-being",),
)

STACK = Stack(
    title="Digital Citizenship in Every Classroom",
    issuer=PRAIRIE_CENTER,
    topic="Digital citizenship",
    colour=(46, 139, 87),
    description=(
        "Teach students to be safe, critical and responsible online: judging sources, "
        "protecting privacy, responding to cyberbullying, using other people's work legally "
        "and building a positive presence. The stack is one of the routes to the state's "
        "Digital Learning Endorsement."
    ),
    micro_credentials=(
        EVALUATING_SOURCES,
        STUDENT_PRIVACY,
        CYBERBULLYING,
        FAIR_USE,
        DIGITAL_FOOTPRINT,
    ),
    endorsement="Digital Learning Endorsement",
)
