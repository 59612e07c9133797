from django import template

from microcred.catalog import counts

register = template.Library()


@register.filter
def with_unit(amount, unit):
    """{{ version.credit_amount|with_unit:version.credit_unit }} → "1 CPD credit"."""
    return "" if amount is None or amount == "" else counts.amount_with_unit(amount, unit)


@register.filter
def hours(value):
    """{{ version.estimated_hours|hours }} → "1 hour", "1.5 hours"."""
    return "" if value is None or value == "" else counts.hours_text(value)
