"""Instructional coaching: Lakeview's ordered stack, one complete coaching cycle."""

from .credits import GRADUATE
from .organizations import LAKEVIEW
from .schema import Criterion, MicroCredential, Requirement, Resource, Stack, reflection
from .standards import iste_coaches, learning_forward

COACHING_GRADES = ("k-2", "3-5", "6-8", "9-12", "adult")

INSTRUCTIONAL_COACHING_GROUP = Resource(
    "Instructional Coaching Group",
    "https://www.instructionalcoaching.com/",
    note="Jim Knight's resources on the partnership approach and the impact cycle.",
)
LEARNING_FORWARD = Resource(
    "Learning Forward",
    "https://learningforward.org/",
    note="The professional association for educators who lead professional learning.",
)
LF_STANDARDS = Resource(
    "Learning Forward: Standards for Professional Learning",
    "https://learningforward.org/standards-for-professional-learning/",
)

PARTNERSHIP = MicroCredential(
    title="Building a Coaching Partnership",
    summary=(
        "Start a coaching relationship in which the teacher sets the direction and trusts the "
        "coach with real problems of practice."
    ),
    competency=(
        "The coach establishes a coaching partnership with a teacher through an enrollment "
        "conversation that clarifies roles and confidentiality and draws out the teacher's "
        "own goals for their students."
    ),
    key_method=(
        "Hold an enrollment conversation that explains what coaching is and is not, agrees "
        "what stays confidential, listens for what the teacher wants for their students, and "
        "ends with an agreed next step."
    ),
    components=(
        "A clear statement of the coach's role and of confidentiality",
        "Open questions and listening, with the teacher talking more than the coach",
        "The teacher's own goal or concern named in their words",
        "A written agreement on how the partnership will work",
    ),
    research=(
        "Teachers take up coaching when they see the coach as a partner rather than an "
        "evaluator. Knight's partnership approach (2007) sets out principles such as "
        "equality, choice, voice and reflection for coaching conversations, and research on "
        "relational trust in schools (Bryk and Schneider, 2002) shows that trust among adults "
        "predicts whether improvement efforts take hold. A meta-analysis by Kraft, Blazar and "
        "Hogan (2018) found large average effects of coaching on teachers' instruction and "
        "smaller but meaningful effects on student achievement; such effects depend on "
        "teachers being willing to try new practice in front of a colleague."
    ),
    resources=(INSTRUCTIONAL_COACHING_GROUP, LEARNING_FORWARD),
    requirements=(
        Requirement(
            "Enrollment conversation",
            "Upload an audio recording, made with the teacher's consent, or a detailed "
            "transcript of an enrollment conversation of at least 15 minutes, with the "
            "teacher's name removed.",
            ("file", "text"),
            (
                Criterion(
                    "Role and confidentiality",
                    "The coach explains what coaching is, what it is not, and what stays "
                    "confidential.",
                ),
                Criterion(
                    "Teacher's voice",
                    "The teacher talks for more of the conversation than the coach and names "
                    "a goal in their own words.",
                ),
                Criterion(
                    "Questions before advice",
                    "The coach mostly asks open questions and paraphrases, and holds back advice.",
                ),
            ),
        ),
        Requirement(
            "Partnership agreement",
            "Share the agreement you and the teacher made: how often you will meet, how you "
            "will communicate, and what the teacher wants to work on.",
            ("file", "text"),
            (
                Criterion(
                    "Agreed together",
                    "The agreement records decisions made jointly and reflects the teacher's "
                    "choices.",
                ),
                Criterion("Clear next step", "It ends with a dated next step both agreed."),
            ),
        ),
        reflection(
            "what you heard the teacher say they want for their students and how it changed "
            "your plan for the partnership."
        ),
    ),
    alignments=(
        learning_forward("Culture of Collaborative Inquiry"),
        iste_coaches("4.3", "Collaborator"),
    ),
    fee="75",
    credit=GRADUATE,
    hours="15",
    grades=COACHING_GRADES,
    topics=("Professional learning",),
)

COACHING_GOAL = MicroCredential(
    title="Setting a Student-Centered Coaching Goal",
    summary=(
        "Turn a teacher's concern into a measurable goal for student learning that one "
        "coaching cycle of six to eight weeks can reach."
    ),
    competency=(
        "The coach helps a teacher set a coaching goal stated as a measurable change in "
        "student learning or behaviour, with a baseline drawn from student evidence."
    ),
    key_method=(
        "Look at baseline evidence with the teacher, agree what success would look like for "
        "students, and write a goal that is about students, measurable, reachable in one "
        "cycle and important to the teacher."
    ),
    components=(
        "A look at current student work, data or video with the teacher",
        "A goal about what students will do, not what the teacher will do",
        "A baseline and a target that can be measured",
        "A time frame of one coaching cycle",
    ),
    research=(
        "Goal-setting research (Locke and Latham, 2002) shows that specific, challenging "
        "goals with feedback on progress lead to better performance than an intention to do "
        "one's best. Student-centered coaching, as described by Sweeney (2011), anchors each "
        "coaching cycle in a goal for student learning rather than in teacher behaviours, so "
        "that success is checked against student evidence and the conversation stays on "
        "students rather than on the teacher's performance."
    ),
    resources=(
        Resource(
            "Student-Centered Coaching (Sweeney, 2011)",
            note="A guide to coaching cycles anchored in goals for student learning.",
        ),
        LF_STANDARDS,
    ),
    requirements=(
        Requirement(
            "Baseline evidence",
            "Upload the student evidence you and the teacher examined (work samples, "
            "assessment results or observation notes, with names removed) and your notes on "
            "what it showed.",
            ("file",),
            (
                Criterion(
                    "Real student evidence",
                    "The baseline comes from current student work or data, not from impressions.",
                ),
                Criterion(
                    "Analyzed together",
                    "The notes show the teacher taking part in making sense of the evidence.",
                ),
            ),
        ),
        Requirement(
            "Coaching goal",
            "State the coaching goal as you wrote it with the teacher, with the baseline, the "
            "target and the date the cycle ends.",
            ("text",),
            (
                Criterion(
                    "About students",
                    "The goal describes what students will know or do, not what the teacher "
                    "will do.",
                ),
                Criterion(
                    "Measurable and time-bound",
                    "The goal has a baseline, a numeric or clearly observable target, and an "
                    "end date within one cycle.",
                ),
                Criterion(
                    "Owned by the teacher",
                    "The evidence shows the teacher chose the goal and considers it important.",
                ),
            ),
        ),
        reflection(
            "how you moved the conversation from a concern to a goal, and where it was hardest."
        ),
    ),
    alignments=(
        learning_forward("Evidence"),
        iste_coaches("4.6", "Data-Driven Decision-Maker"),
    ),
    fee="75",
    credit=GRADUATE,
    hours="12",
    grades=COACHING_GRADES,
    topics=("Professional learning", "Data use"),
)

MODELING = MicroCredential(
    title="Modeling and Co-Teaching in a Coaching Cycle",
    summary=(
        "Show a teaching strategy in the teacher's own classroom, then teach it together, so "
        "that the teacher sees it work with their students."
    ),
    competency=(
        "The coach models an instructional strategy in the teacher's classroom while the "
        "teacher observes with a focused guide, and then co-teaches the strategy with the "
        "teacher taking a growing share."
    ),
    key_method=(
        "Agree before the lesson what the teacher will watch for, model the strategy with "
        "the teacher's students, debrief against the observation guide, and plan a "
        "co-taught lesson in which the teacher leads more."
    ),
    components=(
        "A pre-lesson conversation naming the strategy and what to watch for",
        "An observation guide for the teacher to use during the model lesson",
        "A debrief within 48 hours",
        "A co-taught lesson with the teacher leading at least half",
    ),
    research=(
        "Joyce and Showers (2002) found that teachers rarely carry a new strategy into "
        "regular classroom use after presentations and demonstrations alone, and that the "
        "rate of transfer rises sharply when practice is followed by coaching in the "
        "classroom. Seeing a strategy work with one's own students is more persuasive than a "
        "workshop example, and moving from modelling to co-teaching to independent use "
        "mirrors the gradual release we use when teaching students a new skill."
    ),
    resources=(
        Resource(
            "Student Achievement Through Staff Development (Joyce and Showers, 2002)",
            note="The findings on training components and transfer to the classroom.",
        ),
        INSTRUCTIONAL_COACHING_GROUP,
    ),
    requirements=(
        Requirement(
            "Model lesson",
            "Upload the plan for the model lesson, the observation guide the teacher used, "
            "and the teacher's completed guide.",
            ("file",),
            (
                Criterion(
                    "Focused observation",
                    "The guide directs the teacher's attention to specific moves of the "
                    "strategy and to students' responses to them.",
                ),
                Criterion(
                    "Strategy serves the goal",
                    "The strategy modelled serves the coaching goal the teacher set.",
                ),
            ),
        ),
        Requirement(
            "Debrief and co-teaching",
            "Share notes or a recording excerpt from the debrief, and the plan for the "
            "co-taught lesson showing who leads each part.",
            ("file", "link", "text"),
            (
                Criterion(
                    "Timely debrief",
                    "The debrief took place within 48 hours and started from the teacher's "
                    "observations.",
                ),
                Criterion(
                    "Gradual release",
                    "The co-teaching plan gives the teacher the lead for at least half of the "
                    "lesson.",
                ),
            ),
        ),
        reflection("what the teacher noticed during the model lesson that you did not expect."),
    ),
    alignments=(
        learning_forward("Implementation"),
        iste_coaches("4.5", "Professional Learning Facilitator"),
    ),
    fee="75",
    credit=GRADUATE,
    hours="15",
    grades=COACHING_GRADES,
    topics=("Professional learning",),
)

OBSERVATION = MicroCredential(
    title="Observation and Evidence-Based Feedback",
    summary=(
        "Observe a lesson by recording what teachers and students say and do, and lead a "
        "feedback conversation that starts from that evidence."
    ),
    competency=(
        "The coach collects low-inference evidence during a lesson and leads a feedback "
        "conversation in which the teacher analyzes the evidence against their goal."
    ),
    key_method=(
        "Script or tally observable teacher and student actions linked to the coaching goal, "
        "share the evidence without judgement, and use questions to help the teacher draw "
        "conclusions and choose a next step."
    ),
    components=(
        "Low-inference notes of what was said and done, with times",
        "Evidence collected for the coaching goal",
        "A conversation that opens with the teacher's view of the lesson",
        "Questions that help the teacher interpret the evidence",
        "An agreed next step",
    ),
    research=(
        "Feedback is most useful when it describes performance against a clear goal and "
        "points to a next step (Hattie and Timperley, 2007). In observation, low-inference "
        "evidence (what was said and done, rather than judgements about it) lets the teacher "
        "examine the lesson instead of defending it. In a randomized trial of the "
        "MyTeachingPartner program, Allen and colleagues (2011) found that coaching "
        "conversations focused on specific moments of recorded lessons improved "
        "teacher-student interactions and raised student achievement."
    ),
    resources=(
        LEARNING_FORWARD,
        Resource(
            "The Danielson Group",
            "https://danielsongroup.org/",
            note="The Framework for Teaching, a common language for describing practice.",
        ),
    ),
    requirements=(
        Requirement(
            "Observation evidence",
            "Upload your observation notes from one lesson, with the teacher and students "
            "anonymized, and the coaching goal they relate to.",
            ("file",),
            (
                Criterion(
                    "Low inference",
                    "The notes record what was said and done, with times, and avoid "
                    "judgements such as good or engaged.",
                ),
                Criterion(
                    "Linked to the goal",
                    "The evidence collected is the evidence the coaching goal calls for.",
                ),
            ),
        ),
        Requirement(
            "Feedback conversation",
            "Share an audio recording, made with consent, or a transcript of the feedback "
            "conversation, 15 to 30 minutes long.",
            ("file", "text"),
            (
                Criterion(
                    "Teacher analyzes",
                    "The teacher does most of the interpreting, while the coach asks "
                    "questions and offers evidence.",
                ),
                Criterion(
                    "Next step",
                    "The conversation ends with a specific next step the teacher chose.",
                ),
                Criterion(
                    "Non-evaluative tone",
                    "The coach's language is descriptive rather than evaluative and keeps the "
                    "focus on students.",
                ),
            ),
        ),
        reflection(
            "how the evidence changed the conversation compared with feedback you have given "
            "or received before."
        ),
    ),
    alignments=(learning_forward("Professional Expertise"),),
    fee="75",
    credit=GRADUATE,
    hours="15",
    grades=COACHING_GRADES,
    topics=("Professional learning", "Assessment and feedback"),
)

IMPACT = MicroCredential(
    title="Measuring the Impact of a Coaching Cycle",
    summary=(
        "Close a coaching cycle by comparing student evidence with the baseline and deciding "
        "with the teacher what comes next."
    ),
    competency=(
        "The coach and teacher compare end-of-cycle student evidence with the baseline, "
        "judge whether the goal was met, and decide together whether to continue, adjust or "
        "close the cycle."
    ),
    key_method=(
        "Collect the same kind of student evidence used for the baseline, present the "
        "comparison clearly, and lead a conversation that attributes results honestly and "
        "sets the next step."
    ),
    components=(
        "End-of-cycle evidence collected the same way as the baseline",
        "A simple chart comparing baseline and end results",
        "A conversation about what caused the change and what did not change",
        "A decision to continue, adjust or close, with a reason",
    ),
    research=(
        "Guskey's model for evaluating professional development (2000) argues that the "
        "question that finally matters is whether student learning changed, not only whether "
        "teachers valued the learning or changed their practice. Coaching cycles that end "
        "with a look at student evidence give teachers a reason to keep a new practice and "
        "give coaches data on which kinds of support work. Comparing like with like, the same "
        "measure with the same students, keeps the conclusion honest."
    ),
    resources=(
        Resource(
            "Evaluating Professional Development (Guskey, 2000)",
            note="Five levels of evaluation, ending with student learning outcomes.",
        ),
        LF_STANDARDS,
    ),
    requirements=(
        Requirement(
            "Baseline and results",
            "Upload the baseline and end-of-cycle student evidence, anonymized, and a chart "
            "or table comparing them.",
            ("file",),
            (
                Criterion(
                    "Like with like",
                    "The end-of-cycle evidence uses the same measure and the same students as "
                    "the baseline.",
                ),
                Criterion(
                    "Clear comparison",
                    "The chart or table shows the change for the class and for any group "
                    "named in the goal.",
                ),
            ),
        ),
        Requirement(
            "Closing conversation",
            "Describe the closing conversation, or share a recording of it made with consent, "
            "including the teacher's conclusions and the decision you made together.",
            ("file", "text"),
            (
                Criterion(
                    "Honest attribution",
                    "The conversation considers what the coaching did and did not influence.",
                ),
                Criterion(
                    "Decision with a reason",
                    "A decision to continue, adjust or close is recorded with its reason.",
                ),
            ),
        ),
        reflection("what this cycle taught you about your own coaching."),
    ),
    alignments=(
        learning_forward("Evidence"),
        iste_coaches("4.6", "Data-Driven Decision-Maker"),
    ),
    fee="75",
    credit=GRADUATE,
    hours="12",
    grades=COACHING_GRADES,
    topics=("Professional learning", "Data use"),
)

STACK = Stack(
    title="Instructional Coaching Cycles",
    issuer=LAKEVIEW,
    topic="Instructional coaching",
    colour=(0, 128, 128),
    description=(
        "One complete coaching cycle in five steps, earned in order: build the partnership, "
        "set a goal for student learning, model and co-teach, observe and give "
        "evidence-based feedback, and measure the impact. Each step carries one graduate "
        "credit, and the stack leads to the college's Instructional Coaching Certificate."
    ),
    micro_credentials=(PARTNERSHIP, COACHING_GOAL, MODELING, OBSERVATION, IMPACT),
    ordered=True,
    endorsement="Instructional Coaching Certificate",
    alignments=(
        learning_forward("Implementation"),
        iste_coaches("4.5", "Professional Learning Facilitator"),
    ),
)
