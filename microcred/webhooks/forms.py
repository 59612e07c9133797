from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EventType


class EndpointForm(forms.Form):
    # A CharField, not a URLField: the service says what is wrong with an address, once.
    url = forms.CharField(
        label=_("Address"),
        max_length=2000,
        help_text=_("The https address your system receives webhooks at."),
        widget=forms.URLInput(attrs={"autocomplete": "off", "inputmode": "url"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one event to be told of.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("What this endpoint is for, for the people who run it."),
    )
