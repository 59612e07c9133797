from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DeadlineKind
from .services import MAX_COMMENT


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_COMMENT,
        required=False,
    )


class DeadlineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Deadline"), choices=DeadlineKind.choices)
    due_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note to the cohort (optional)"), max_length=300, required=False)
