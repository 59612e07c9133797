"""The credit each issuer's micro-credentials carry, and who recognizes it."""

from .schema import Credit

STATE_AGENCY = "Prairie State Department of Education"

# The university's micro-credentials are approved by the state for continuing credit.
CPD = Credit("1", "CPD credit", STATE_AGENCY)
GRADUATE = Credit("1", "graduate credit", "Lakeview College of Education, Graduate Studies")
# The state center's micro-credentials count toward recertification.
STATE_RECERTIFICATION = Credit("0.5", "state recertification credit", STATE_AGENCY)


def clock_hours(hours: str) -> Credit:
    return Credit(hours, "clock hours", "Open Practice Network")


def ceu(amount: str) -> Credit:
    return Credit(amount, "continuing education units", "Open Practice Network")
