from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_NOTE_CHARS


class ClearForm(forms.Form):
    prefix = "clear"

    note = forms.CharField(
        label=_("Why is this not a concern?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_NOTE_CHARS,
        help_text=_("Kept with the flag for other admins; the earners do not see it."),
    )


class AskForm(forms.Form):
    prefix = "ask"

    note = forms.CharField(
        label=_("Question for both earners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_NOTE_CHARS,
        help_text=_(
            "Each earner reads it with their own submission; neither learns who the other is."
        ),
    )


class ExplainForm(forms.Form):
    text = forms.CharField(
        label=_("Your explanation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_NOTE_CHARS,
    )
