"""A facilitator's coaching of a cohort: comments on drafts, and the cohort's deadlines.

Coaching is not the formal review: nothing here is a score, and none of it ever reaches
the assessors (their review packet is built from the evidence alone).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.catalog.models import Cohort, Requirement
from microcred.submissions.models import Submission


class Voice(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    EARNER = "earner", _("Earner")


class CoachingComment(models.Model):
    """One comment on one requirement of a draft: the facilitator's, or the earner's reply."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="coaching_comments"
    )
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    voice = models.CharField(_("from"), max_length=16, choices=Voice.choices)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(voice__in=Voice.values), name="coaching_comment_known_voice"
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="coaching_comment_not_empty"),
        ]
        indexes = [
            models.Index(fields=["submission", "requirement"], name="coaching_comment_thread"),
        ]
        verbose_name = _("coaching comment")
        verbose_name_plural = _("coaching comments")

    def __str__(self):
        return f"{self.submission} · {self.requirement_id} · {self.get_voice_display()}"


class DeadlineKind(models.TextChoices):
    FIRST_DRAFT = "first_draft", _("First draft by")
    SUBMIT = "submit", _("Submit by")


class CohortDeadline(models.Model):
    """A date the facilitator sets for the whole cohort; earners are reminded before it."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=16, choices=DeadlineKind.choices)
    due_on = models.DateField(_("date"))
    note = models.CharField(_("note to the cohort"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="cohort_deadline_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=DeadlineKind.values), name="cohort_deadline_known_kind"
            ),
        ]
        verbose_name = _("cohort deadline")
        verbose_name_plural = _("cohort deadlines")

    def __str__(self):
        return f"{self.cohort}: {self.get_kind_display()} {self.due_on}"


class DeadlineReminder(models.Model):
    """The one reminder an earner gets for one deadline date; its row makes the reminder
    task idempotent. Moving the deadline to another date reminds again."""

    deadline = models.ForeignKey(CohortDeadline, on_delete=models.CASCADE, related_name="reminders")
    earner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "earner", "due_on"], name="deadline_reminder_once"
            )
        ]
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")

    def __str__(self):
        return f"{self.deadline} → {self.earner_id}"
