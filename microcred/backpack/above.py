"""What the backpack page asks of the apps above the backpack (see microcred/answers.py).

Submissions and credentials point at enrollments, and connected apps at the earner's
backpack, so the backpack cannot import them; they provide these answers when they load.
"""

from microcred.answers import Answers

answers = Answers(
    attempts="a Prefetch putting each enrollment's attempts, latest first, in `attempts` "
    "(submissions)",
    earned_awards="an earner's awards by micro-credential and by stack (credentials)",
    held_credentials="the credentials other issuers signed that an earner keeps here, put "
    "there by the apps they connected, in the order they came (connect)",
)
