"""What the catalog's pages and checks ask of the apps above it (see microcred/answers.py).

The catalog sits low: micro-credentials are what everything else points at. These
answers come from the apps that own them, which provide them when they load.
"""

from microcred.answers import Answers

answers = Answers(
    staffing="whether a micro-credential's pool can staff a review (assessment)",
    unstaffed="which of these issuers have micro-credentials no pool can staff (assessment)",
    open_duplicate_flags="how many duplicate-evidence flags a user has to handle (duplicates)",
    payment_available="whether the platform can take a fee this way at all (payments)",
    enrollments="the signed-in earner's enrollments by micro-credential id (backpack)",
    stack_progress="how far the signed-in earner is through a stack, or None (backpack)",
    drafts_in_cohort="how many of a cohort's earners still have a draft (submissions)",
)
