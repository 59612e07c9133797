"""What the submission page asks of the apps above submissions (see microcred/answers.py).

Assessment and coaching point at submissions, so submissions cannot import them; they
provide these answers when they load.
"""

from microcred.answers import Answers

answers = Answers(
    review_can_start="whether a micro-credential's pool can staff a review (assessment)",
    feedback_to_revise="the last attempt's feedback, by requirement, for a draft (assessment)",
    results_for_earner="a decided submission's results as its earner sees them (assessment)",
    coaching_threads="a cohort draft's coaching comments, by requirement (coaching)",
    cohort_deadlines="a cohort's deadlines (coaching)",
)
