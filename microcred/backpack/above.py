"""What the backpack page asks of the apps above the backpack (see microcred/answers.py).

Submissions and credentials point at enrollments, so the backpack cannot import them;
they provide these answers when they load.
"""

from microcred.answers import Answers

answers = Answers(
    attempts="a Prefetch putting each enrollment's attempts, latest first, in `attempts` "
    "(submissions)",
    earned_awards="an earner's awards by micro-credential and by stack (credentials)",
)
