"""Assessors, who may judge what, their assignments, reviews and the decisions they make."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.catalog.models import MicroCredential, RubricCriterion
from microcred.submissions.models import Submission


class AssessorProfile(models.Model):
    """How much live work an assessor takes, and whether they take any now."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor_profile"
    )
    capacity = models.PositiveSmallIntegerField(
        _("open reviews at most"), default=10, help_text=_("Reviews in hand at one time.")
    )
    is_active = models.BooleanField(_("taking new reviews"), default=True)

    class Meta:
        verbose_name = _("assessor profile")
        verbose_name_plural = _("assessor profiles")

    def __str__(self):
        return str(self.user)


class Qualification(models.Model):
    """An assessor in the pool of one micro-credential."""

    assessor = models.ForeignKey(
        AssessorProfile, on_delete=models.CASCADE, related_name="qualifications"
    )
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="qualifications"
    )
    # Calibration (a later stage) clears this; until then every pool member is calibrated.
    is_calibrated = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "micro_credential"], name="qualification_unique"
            )
        ]
        indexes = [models.Index(fields=["micro_credential"], name="qualification_mc")]

    def __str__(self):
        return f"{self.assessor} — {self.micro_credential}"


class Purpose(models.TextChoices):
    REVIEW = "review", _("Review")
    TIE_BREAK = "tie_break", _("Tie-break")


class AssignmentStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Not accepted in time")
    REASSIGNED = "reassigned", _("Reassigned")
    WITHDRAWN = "withdrawn", _("Withdrawn by the earner")
    COMPLETED = "completed", _("Completed")


ACTIVE_ASSIGNMENT = (AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED)


class Assignment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(
        AssessorProfile, on_delete=models.PROTECT, related_name="assignments"
    )
    # What the earner sees instead of a name: "Assessor A", "Assessor B", …
    label = models.CharField(max_length=1)
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.REVIEW)
    status = models.CharField(
        max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.OFFERED
    )
    offered_at = models.DateTimeField(auto_now_add=True)
    respond_by = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Set when the assessor is told of the offer, so a rerun of that task tells nobody twice.
    announced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["offered_at", "id"]
        constraints = [
            # Nobody reviews the same submission twice at once, and one letter is one person.
            models.UniqueConstraint(
                fields=["submission", "assessor"],
                condition=models.Q(status__in=["offered", "accepted", "completed"]),
                name="assignment_one_live_per_assessor",
            ),
            models.UniqueConstraint(
                fields=["submission", "label"],
                condition=models.Q(status__in=["offered", "accepted", "completed"]),
                name="assignment_one_live_per_label",
            ),
        ]
        indexes = [
            models.Index(fields=["assessor", "status"], name="assignment_assessor_status"),
            models.Index(fields=["status", "respond_by"], name="assignment_status_respond"),
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.submission} — Assessor {self.label}"


class Review(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="review")
    overall_comment = models.TextField(_("overall comment"))
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"Review by Assessor {self.assignment.label}"


class CriterionScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField()
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(met=True) | ~models.Q(feedback=""),
                name="score_not_met_has_feedback",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {'Met' if self.met else 'Not met'}"


class TieBreak(models.Model):
    """The reviewers disagreed on at least one criterion: one more assessor decides."""

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="tie_break"
    )
    requested_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Tie-break for {self.submission}"


class Outcome(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class Decision(models.Model):
    """The one decision on a submission, from agreeing reviews or a tie-break."""

    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    by_tie_break = models.BooleanField(default=False)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.submission}: {self.get_outcome_display()}"


class Escalation(models.Model):
    """A submission past its due date, reported once to the issuer's admins."""

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="escalation"
    )
    escalated_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Escalation of {self.submission}"
