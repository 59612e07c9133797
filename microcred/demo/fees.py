"""How the demo earner pays a fee without a card processor, for the command's closing lines.

The loader already makes what this needs: the issuers' "Pilot schools" vouchers, Riverbend
(whose admin answers each sponsorship request) with the demo earner in it, and every
micro-credential accepting every way to pay. Maya's enrollment in Live Sessions Where
Everyone Talks is unpaid, so she can try each way from her backpack.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from microcred.payments.models import Voucher

from .content import organizations, people
from .content import remote_learning as rl
from .loader import DOMAIN

MICRO_CREDENTIAL = rl.LIVE_SESSIONS
EARNER = next(person for person in people.PEOPLE if person.key == "earner")


def demo_voucher() -> Voucher | None:
    """An unused pilot voucher of the issuer of the demo earner's unpaid micro-credential."""
    return (
        Voucher.objects.filter(
            batch__organization__micro_credentials__slug=slugify(MICRO_CREDENTIAL.title),
            batch__organization__kind="issuer",
            batch__micro_credential__isnull=True,
            times_used=0,
        )
        .order_by("pk")
        .first()
    )


def pointers() -> list[str]:
    base = settings.BASE_URL
    voucher = demo_voucher()
    lines = [
        _(
            "Paying a fee without a card: %(earner)s starts “%(title)s” from the backpack and "
            "pays by voucher, asks Riverbend to sponsor it, or asks for an invoice"
        )
        % {"earner": f"{EARNER.name} ({EARNER.key}@{DOMAIN})", "title": MICRO_CREDENTIAL.title},
    ]
    if voucher is not None:
        lines.append(_("  A voucher code to try: %(code)s") % {"code": voucher.code})
    lines.append(
        _("  Sponsorship is answered at %(district)s, invoices are marked paid at %(issuer)s")
        % {
            "district": base + reverse("payments:fees", args=[organizations.RIVERBEND]),
            "issuer": base + reverse("payments:fees", args=[organizations.LAKEVIEW]),
        }
    )
    return lines
