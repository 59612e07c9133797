from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TicketStatus
from .services import MAX_MESSAGE, MAX_SUBJECT


class TicketForm(forms.Form):
    # Lengths are checked by the service, so that a too-long text comes back with a message
    # rather than cut.
    submission = forms.CharField(
        label=_("Submission ID"),
        help_text=_("Shown at the top of your submission's page, like MC-7K3QX9TA."),
        required=False,
        max_length=60,
    )
    subject = forms.CharField(label=_("Subject"), required=False, max_length=MAX_SUBJECT * 2)
    body = forms.CharField(
        label=_("What do you need help with?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=MAX_MESSAGE * 2,
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=MAX_MESSAGE * 2,
    )


class StaffReplyForm(ReplyForm):
    status = forms.ChoiceField(
        label=_("Then the ticket is"), choices=TicketStatus.choices, initial=TicketStatus.WAITING
    )
