"""Figures on the reliability page: shares as percentages, coefficients to two places,
and a dash (never 0) where there is no data to compute from."""

from django import template

register = template.Library()

NO_DATA = "—"


@register.filter
def percent(value) -> str:
    if value is None:
        return NO_DATA
    return f"{float(value) * 100:.0f}%"


@register.filter
def coefficient(value) -> str:
    if value is None:
        return NO_DATA
    return f"{float(value):.2f}"


BAR_WIDTH = 96


@register.filter
def bar(value) -> int:
    """A share (0–1; a coefficient below 0 shows as empty) as the width of a bar, in the
    SVG's units: widths are attributes, since the content policy allows no inline style."""
    if value is None:
        return 0
    return max(0, min(BAR_WIDTH, round(float(value) * BAR_WIDTH)))
