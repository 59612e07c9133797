"""The states of a submission attempt and the events that move it.

One attempt goes draft → submitted → in review → met or not met. A submission that was
not met stays so; the earner revises in a new attempt. Withdrawing is possible until an
assessor starts reviewing: in review means offered to assessors, and until one of them
accepts, the earner may still take it back (permissions.can_withdraw).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, waiting for assessors")
    IN_REVIEW = "in_review", _("In review")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Event(models.TextChoices):
    SUBMIT = "submit", _("submitted")
    ASSIGN = "assign", _("assigned to assessors")
    UNASSIGN = "unassign", _("returned to the assignment queue")
    MEET = "meet", _("decided: met")
    NOT_MEET = "not_meet", _("decided: not met")
    WITHDRAW = "withdraw", _("withdrawn")


OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.IN_REVIEW)
FINAL_STATES = (State.MET, State.NOT_MET, State.WITHDRAWN)

TRANSITIONS = {
    (State.DRAFT, Event.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Event.ASSIGN): State.IN_REVIEW,
    (State.SUBMITTED, Event.WITHDRAW): State.WITHDRAWN,
    (State.IN_REVIEW, Event.UNASSIGN): State.SUBMITTED,
    (State.IN_REVIEW, Event.WITHDRAW): State.WITHDRAWN,
    (State.IN_REVIEW, Event.MEET): State.MET,
    (State.IN_REVIEW, Event.NOT_MEET): State.NOT_MET,
}
