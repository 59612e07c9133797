"""Literacy: the state center's ordered stack toward the Early Literacy Endorsement."""

from .credits import STATE_RECERTIFICATION
from .organizations import PRAIRIE_CENTER
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, reflection
from .standards import ela, learning_forward

READING_ROCKETS = Resource(
    "Reading Rockets",
    "https://www.readingrockets.org/",
    note="Articles and classroom videos on teaching reading, from public broadcaster WETA.",
)
NATIONAL_READING_PANEL = Resource(
    "Report of the National Reading Panel: Teaching Children to Read (2000)",
    note="The review of research on phonemic awareness, phonics, fluency, vocabulary and "
    "comprehension.",
)
WWC_GUIDES = "https://ies.ed.gov/ncee/wwc/PracticeGuides"

PHONEMIC_AWARENESS = MicroCredential(
    title="Phonemic Awareness Routines",
    summary=(
        "Teach young children to hear and work with the individual sounds in spoken words, "
        "in short daily routines."
    ),
    competency=(
        "The educator plans and leads brief daily phonemic awareness routines in which "
        "students blend and segment the sounds of spoken words, and monitors each student's "
        "progress."
    ),
    key_method=(
        "Lead a 5 to 10 minute oral routine every day focused on blending and segmenting "
        "phonemes, move from easier to harder tasks, connect sounds to letters as soon as "
        "students are ready, and check every student's progress every two weeks."
    ),
    components=(
        "A daily oral routine of 5 to 10 minutes",
        "A progression from syllables and onset-rime to individual phonemes",
        "Blending and segmenting as the core tasks",
        "Letters added to the sound work as students are ready",
        "A short check of every student every two weeks",
    ),
    research=(
        "The National Reading Panel (2000) found that teaching phonemic awareness improves "
        "children's reading and spelling. In the meta-analysis by Ehri and colleagues (2001) "
        "behind that finding, instruction worked best when it focused on one or two skills "
        "such as blending and segmenting, used letters, and was brief: programs totalling "
        "between five and eighteen hours had the largest effects. Phonemic awareness is a "
        "means to decoding rather than an end in itself, which is why the sounds are linked "
        "to letters as early as possible."
    ),
    resources=(READING_ROCKETS, NATIONAL_READING_PANEL),
    requirements=(
        Requirement(
            "Routine plans",
            "Upload two weeks of routine plans showing the tasks, the words used and how the "
            "routine moves from easier to harder.",
            ("file",),
            (
                Criterion("Brief and daily", "Routines last 5 to 10 minutes and happen daily."),
                Criterion(
                    "Blending and segmenting",
                    "Blending and segmenting phonemes are the core tasks.",
                ),
                Criterion(
                    "Progression",
                    "Tasks move from larger units of sound toward single phonemes and bring "
                    "in letters.",
                ),
            ),
        ),
        Requirement(
            "Routine in action",
            "Share a video of up to five minutes of the routine with your class, made with "
            "families' consent, or a detailed description with students' responses.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Clear modelling",
                    "The teacher models each task before students respond.",
                ),
                Criterion(
                    "Every child responds",
                    "Students respond in unison or in individual turns, so that the teacher "
                    "can hear each child.",
                ),
            ),
        ),
        Requirement(
            "Progress checks",
            "Upload the results of two checks two weeks apart for the whole class, with "
            "students identified by number, and say what you changed as a result.",
            ("file", "text"),
            (
                Criterion(
                    "Growth measured",
                    "Both checks use the same task and are recorded for every student.",
                ),
                Criterion(
                    "Instruction adjusted",
                    "The earner names students who needed more support and what changed for them.",
                ),
            ),
        ),
    ),
    alignments=(
        ela(
            "RF.K.2", "Demonstrate understanding of spoken words, syllables, and sounds (phonemes)."
        ),
    ),
    fee="0",
    credit=STATE_RECERTIFICATION,
    hours="12",
    grades=("early-childhood", "k-2"),
    topics=("Early literacy",),
)

PHONICS = MicroCredential(
    title="Systematic Phonics Lessons",
    summary=(
        "Teach letter-sound patterns in a planned sequence, with practice in decodable text, "
        "so that students can sound out words they have never seen."
    ),
    competency=(
        "The educator delivers explicit, systematic phonics lessons that follow a planned "
        "scope and sequence and give students practice applying each new pattern in "
        "decodable text."
    ),
    key_method=(
        "Follow a scope and sequence, introduce each new pattern explicitly, practise "
        "blending and building words with it, apply it in connected decodable text, and "
        "review earlier patterns regularly."
    ),
    components=(
        "A documented scope and sequence",
        "Explicit introduction of one new pattern at a time",
        "Blending and word-building practice",
        "Reading connected decodable text with the new pattern",
        "Cumulative review of earlier patterns",
    ),
    research=(
        "The National Reading Panel (2000) concluded that systematic phonics instruction "
        "produces greater gains in early reading than unsystematic instruction or none, with "
        "the strongest effects in kindergarten and first grade. The What Works Clearinghouse "
        "practice guide on foundational reading skills (Foorman and colleagues, 2016) "
        "recommends teaching students to decode words, analyze word parts, and write and "
        "recognize words, and having every student read connected text every day."
    ),
    resources=(
        Resource(
            "What Works Clearinghouse practice guides",
            WWC_GUIDES,
            note="See Foundational Skills to Support Reading for Understanding in "
            "Kindergarten Through 3rd Grade (2016).",
        ),
        READING_ROCKETS,
    ),
    requirements=(
        Requirement(
            "Scope, sequence and lessons",
            "Upload the scope and sequence you follow and three consecutive lesson plans.",
            ("file", "link"),
            (
                Criterion(
                    "Systematic",
                    "The lessons follow the scope and sequence and build on earlier patterns.",
                ),
                Criterion(
                    "Explicit",
                    "Each lesson introduces the new pattern directly, with teacher modelling.",
                ),
                Criterion(
                    "Connected text",
                    "Each lesson includes reading decodable text that uses the pattern.",
                ),
            ),
        ),
        Requirement(
            "Lesson video",
            "Share a video of up to ten minutes of one lesson, made with families' consent.",
            ("file", "link"),
            (
                Criterion(
                    "Modelling and practice",
                    "The teacher models, guides, and then has students practise on their own.",
                ),
                Criterion(
                    "Corrective feedback",
                    "Errors are corrected promptly by directing students back to the sounds.",
                ),
            ),
        ),
        reflection(
            "which students now apply the patterns in their own reading and writing, and what "
            "you will do for those who do not yet."
        ),
    ),
    alignments=(
        ela(
            "RF.1.3",
            "Know and apply grade-level phonics and word analysis skills in decoding words.",
        ),
    ),
    fee="30",
    credit=STATE_RECERTIFICATION,
    hours="15",
    grades=("k-2",),
    topics=("Early literacy",),
)

FLUENCY = MicroCredential(
    title="Building Reading Fluency",
    summary=(
        "Use repeated reading with modelling and feedback to help students read accurately, "
        "at a good pace and with expression."
    ),
    competency=(
        "The educator uses repeated reading with modelling and feedback to improve students' "
        "accuracy, rate and expression, and measures the change."
    ),
    key_method=(
        "Measure each student's fluency, model fluent reading of a passage, have students "
        "reread it several times to a partner or the teacher with feedback, and track words "
        "correct per minute and expression over time."
    ),
    components=(
        "A baseline of words correct per minute and an expression rating",
        "Teacher modelling of each passage",
        "Three or four rereadings with feedback",
        "Weekly graphing of progress with the students",
    ),
    research=(
        "Fluency links word recognition to comprehension: readers who decode without effort "
        "can attend to meaning. The National Reading Panel (2000) found that guided repeated "
        "oral reading with feedback improves word recognition, fluency and comprehension. "
        "Therrien's meta-analysis (2004) found the strongest effects when students read to an "
        "adult, reread passages several times and received corrective feedback. Expression is "
        "part of fluency too, and is best judged with a rating scale alongside rate and "
        "accuracy."
    ),
    resources=(READING_ROCKETS, NATIONAL_READING_PANEL),
    requirements=(
        Requirement(
            "Baseline and plan",
            "Upload baseline fluency data for a group of at least four students identified by "
            "number, the passages you chose, and your repeated-reading routine.",
            ("file",),
            (
                Criterion(
                    "Accurate baseline",
                    "Words correct per minute and an expression rating are recorded for each "
                    "student.",
                ),
                Criterion(
                    "Suitable passages",
                    "Passages are at the students' instructional level and are reread several "
                    "times.",
                ),
            ),
        ),
        Requirement(
            "Progress",
            "Share at least six weeks of graphed progress and a recording of one student's "
            "first and final reading of a passage, made with the family's consent.",
            ("file", "link"),
            (
                Criterion(
                    "Growth shown",
                    "The graphs show data at least weekly, and growth is interpreted against "
                    "expectations for the grade.",
                ),
                Criterion(
                    "Feedback in the routine",
                    "The recording or notes show modelling and corrective feedback.",
                ),
            ),
        ),
        reflection("how students responded to seeing their own progress."),
    ),
    alignments=(
        ela("RF.2.4", "Read with sufficient accuracy and fluency to support comprehension."),
    ),
    fee="30",
    credit=STATE_RECERTIFICATION,
    hours="15",
    grades=("k-2", "3-5"),
    topics=("Early literacy",),
)

VOCABULARY = MicroCredential(
    title="Vocabulary Through Read-Alouds",
    summary=(
        "Choose rich words from the books you read aloud and teach them so that students "
        "understand them and use them."
    ),
    competency=(
        "The educator selects useful words from read-aloud texts and teaches them through "
        "student-friendly explanations, several examples and repeated chances to use the "
        "words over several days."
    ),
    key_method=(
        "Pick three to five useful words per book, read the book aloud, then explain each "
        "word in everyday language, give examples beyond the story, have students use it, "
        "and come back to the words all week."
    ),
    components=(
        "Choosing useful words that students will meet in many texts",
        "Student-friendly explanations instead of dictionary definitions",
        "Examples beyond the story",
        "Student use of each word in talk or writing",
        "Review across the week",
    ),
    research=(
        "Beck, McKeown and Kucan's work on robust vocabulary instruction (Bringing Words to "
        "Life, 2002) showed that young children learn sophisticated words from read-alouds "
        "when the teacher explains them in everyday language and gives children repeated, "
        "varied chances to use them. Vocabulary knowledge is closely related to reading "
        "comprehension, and read-alouds expose children to words they rarely hear in "
        "conversation, which matters especially for children learning English."
    ),
    resources=(
        Resource(
            "Bringing Words to Life: Robust Vocabulary Instruction (Beck, McKeown and Kucan)",
            note="The source of the word-selection tiers and the routine used here.",
        ),
        Resource(
            "Colorín Colorado",
            "https://www.colorincolorado.org/",
            note="Vocabulary instruction for English language learners.",
        ),
        READING_ROCKETS,
    ),
    requirements=(
        Requirement(
            "Word selection and plan",
            "Upload the plan for one week of read-aloud vocabulary instruction: the book, the "
            "words you chose and why, and your explanations and examples.",
            ("file", "text"),
            (
                Criterion(
                    "Useful words",
                    "The words are useful across many contexts and important to the text.",
                ),
                Criterion(
                    "Student-friendly",
                    "Explanations use everyday language rather than dictionary definitions.",
                ),
            ),
        ),
        Requirement(
            "Students using the words",
            "Share evidence of students using the words: audio of a discussion, writing "
            "samples or a word-use chart, with names removed.",
            ("file", "link"),
            (
                Criterion(
                    "Use in new contexts",
                    "Students use the words appropriately outside the story.",
                ),
                Criterion(
                    "Repeated exposure",
                    "The evidence shows the words revisited across several days.",
                ),
            ),
        ),
        reflection("which words students took up in their own talk and why you think those stuck."),
    ),
    alignments=(
        ela(
            "L.K.6",
            "Use words and phrases acquired through conversations, reading and being read to, "
            "and responding to texts.",
        ),
    ),
    fee="30",
    credit=STATE_RECERTIFICATION,
    hours="10",
    grades=("early-childhood", "k-2", "3-5"),
    topics=("Early literacy", "English learners"),
)

COMPREHENSION = MicroCredential(
    title="Teaching Comprehension Strategies",
    summary=(
        "Teach students to use comprehension strategies on their own, through modelling, "
        "guided practice and discussion of text."
    ),
    competency=(
        "The educator explicitly teaches a comprehension strategy, such as summarizing, "
        "questioning or clarifying, through modelling and gradual release, and students "
        "apply it independently to new text."
    ),
    key_method=(
        "Name and model the strategy in a think-aloud, practise it with students in guided "
        "discussion, hand responsibility over through partner and independent work, and "
        "check that students use it on new texts."
    ),
    components=(
        "A think-aloud that makes the strategy visible",
        "Guided practice with discussion of the text",
        "Gradual release to partners and then to individuals",
        "Application to a new text with a check of understanding",
    ),
    research=(
        "Palincsar and Brown's studies of reciprocal teaching (1984) showed that students who "
        "practised predicting, questioning, clarifying and summarizing, first in teacher-led "
        "and then in student-led discussion, made large gains in comprehension. The National "
        "Reading Panel (2000) found comprehension strategy instruction effective, especially "
        "when several strategies are taught together, and the What Works Clearinghouse "
        "practice guide on comprehension in the early grades (Shanahan and colleagues, 2010) "
        "recommends teaching students how to use strategies."
    ),
    resources=(
        Resource(
            "What Works Clearinghouse practice guides",
            WWC_GUIDES,
            note="See Improving Reading Comprehension in Kindergarten Through 3rd Grade (2010).",
        ),
        READING_ROCKETS,
    ),
    requirements=(
        Requirement(
            "Strategy lessons",
            "Upload a sequence of at least three lessons in which the strategy is modelled, "
            "practised with guidance and handed over to students.",
            ("file", "link"),
            (
                Criterion(
                    "Explicit modelling",
                    "A think-aloud shows how and why to use the strategy.",
                ),
                Criterion(
                    "Gradual release",
                    "Responsibility moves from the teacher to the students across the lessons.",
                ),
            ),
        ),
        Requirement(
            "Independent application",
            "Share the work of four students applying the strategy to a new text, with names "
            "removed and your notes on their comprehension.",
            ("file",),
            (
                Criterion(
                    "Independent use",
                    "Students apply the strategy without prompting to a text they have not "
                    "studied.",
                ),
                Criterion(
                    "Understanding shown",
                    "The notes link students' use of the strategy to their understanding of "
                    "the text.",
                ),
            ),
        ),
        reflection(
            "whether the strategy helped students understand more, or only gave them a "
            "routine to follow."
        ),
    ),
    alignments=(
        ela(
            "CCRA.R.1",
            "Read closely to determine what the text says explicitly and to make logical "
            "inferences from it; cite specific textual evidence when writing or speaking to "
            "support conclusions drawn from the text.",
        ),
    ),
    fee="30",
    credit=STATE_RECERTIFICATION,
    hours="15",
    grades=("3-5", "6-8"),
    topics=("Reading comprehension",),
)

STACK = Stack(
    title="Foundations of Reading Instruction",
    issuer=PRAIRIE_CENTER,
    topic="Literacy",
    colour=(192, 57, 43),
    description=(
        "The five components of early reading instruction, earned in order from phonemic "
        "awareness to comprehension. Completing the stack counts toward the state's Early "
        "Literacy Endorsement."
    ),
    micro_credentials=(PHONEMIC_AWARENESS, PHONICS, FLUENCY, VOCABULARY, COMPREHENSION),
    ordered=True,
    endorsement="Early Literacy Endorsement",
    alignments=(
        learning_forward("Curriculum, Assessment, and Instruction"),
        ela("RF", "Reading Standards: Foundational Skills (K–5)"),
    ),
)
