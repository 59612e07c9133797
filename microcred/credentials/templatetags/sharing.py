from django import template

from microcred.credentials import sharing
from microcred.credentials.issuing import learner_record

register = template.Library()


@register.filter
def linkedin_url(award) -> str:
    return sharing.linkedin_url(award)


@register.inclusion_tag("credentials/_record_form.html", takes_context=True)
def learner_record_form(context):
    """The choice of credentials for a learner record, for the backpack."""
    user = context["request"].user
    return {
        "awards": list(learner_record.recordable_awards(user)),
        "csrf_token": context.get("csrf_token"),
        "error": "",
    }
