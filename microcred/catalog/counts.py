"""Amounts said the way a person says them: "1 hour", "1.5 hours", "1 continuing
education unit", "2 CPD credits"."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats
from django.utils.translation import ngettext

__all__ = ["amount_with_unit", "hours_text", "plural_number"]


def plural_number(value) -> int:
    """The whole number gettext chooses a plural form by. gettext takes whole numbers
    only; English says "1 hour" but "0.5 hours" and "1.5 hours", so any fraction counts
    as many."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else 2


def number_text(value) -> str:
    """2.50 → "2.5", 1.00 → "1", in the reader's number format."""
    return formats.number_format(Decimal(value).normalize(), use_l10n=True)


def hours_text(hours) -> str:
    return ngettext("%(hours)s hour", "%(hours)s hours", plural_number(hours)) % {
        "hours": number_text(hours)
    }


def amount_with_unit(amount, unit: str) -> str:
    """An amount of credit in the issuer's unit, the unit's last word made singular for
    exactly one and plural otherwise. Issuers write units either way ("CPD credit",
    "clock hours"); the platform only adds or takes off the final s of English."""
    unit = (unit or "").strip()
    text = number_text(amount)
    if not unit:
        return text
    last = unit.rsplit(" ", 1)[-1]
    if plural_number(amount) == 1:
        if len(last) > 1 and last.endswith("s") and not last.endswith("ss"):
            unit = unit[:-1]
    elif not last.endswith("s"):
        unit += "s"
    return f"{text} {unit}"
