"""Assessors, who may judge what, their assignments, reviews and the decisions they make."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization
from microcred.append_only import AppendOnly
from microcred.catalog.models import MicroCredential, RubricCriterion
from microcred.submissions.models import Submission


class AssessorProfile(models.Model):
    """An assessor, in the pools of one or more issuers.

    `is_active` is the person's own switch across every pool; how much work each issuer
    gives them, and whether that issuer has paused them, is their PoolMember there.
    `capacity` is what a new pool membership starts with.
    """

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
    # Only calibrated pool members receive live work. Someone new to the pool starts
    # uncalibrated and passes a calibration set; a retraining flag clears it again.
    # Assessors in pools before calibration existed keep True (the migration that made
    # calibration leaves their rows as they were).
    is_calibrated = models.BooleanField(_("calibrated"), default=False)
    calibrated_at = models.DateTimeField(_("calibrated on"), null=True, blank=True)
    retraining_since = models.DateTimeField(_("flagged for retraining on"), null=True, blank=True)
    # The agreement with anchors that raised the flag, for the admin and the assessor.
    retraining_agreement = models.DecimalField(
        max_digits=5, decimal_places=4, null=True, blank=True
    )
    # Taken off this micro-credential by the issuer. The row stays, with its calibration
    # attempts, so reliability figures keep their history; put back, it keeps its state.
    withdrawn_at = models.DateTimeField(_("taken off this pool on"), null=True, blank=True)
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


# Reviews in hand at one time from one issuer: enough for a full-time assessor, and a
# bound that catches a mistyped extra zero.
MAX_POOL_CAPACITY = 100


class PoolMember(models.Model):
    """An assessor in one issuer's pool: how many of its reviews they hold at once, and
    whether the issuer has paused them. Someone in two issuers' pools has two rows, and
    pausing or removing them at one changes nothing at the other."""

    assessor = models.ForeignKey(
        AssessorProfile, on_delete=models.CASCADE, related_name="pool_memberships"
    )
    issuer = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="assessor_pool_members"
    )
    capacity = models.PositiveSmallIntegerField(
        _("open reviews at most"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_POOL_CAPACITY)],
    )
    paused_at = models.DateTimeField(_("paused on"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed on"), null=True, blank=True)
    joined_at = models.DateTimeField(_("joined on"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessor", "issuer"], name="pool_member_unique"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="pool_member_capacity_positive"
            ),
        ]
        indexes = [models.Index(fields=["issuer", "removed_at"], name="pool_member_issuer")]
        verbose_name = _("pool member")
        verbose_name_plural = _("pool members")

    def __str__(self):
        return f"{self.assessor} — {self.issuer}"

    @property
    def is_current(self) -> bool:
        return self.removed_at is None


class PoolChange(AppendOnly):
    """Who changed an issuer's assessor pool, how and when. Append-only."""

    class Action(models.TextChoices):
        JOINED = "joined", _("Joined the pool")
        ADDED = "added", _("May assess a micro-credential")
        TAKEN_OFF = "taken_off", _("No longer assesses a micro-credential")
        CAPACITY = "capacity", _("Capacity changed")
        PAUSED = "paused", _("Paused")
        RESUMED = "resumed", _("Resumed")
        REMOVED = "removed", _("Removed from the pool")

    issuer = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    assessor = models.ForeignKey(
        AssessorProfile, on_delete=models.PROTECT, related_name="pool_changes"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    detail = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    action__in=[
                        "joined",
                        "added",
                        "taken_off",
                        "capacity",
                        "paused",
                        "resumed",
                        "removed",
                    ]
                ),
                name="pool_change_known_action",
            )
        ]
        indexes = [models.Index(fields=["issuer", "-at"], name="pool_change_issuer_at")]
        verbose_name = _("pool change")
        verbose_name_plural = _("pool changes")

    def __str__(self):
        return f"{self.get_action_display()}: {self.assessor}"


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
    # An anchor slipped into the live queue: its submission is the anchor's copy, owned by
    # nobody, and its review never decides anything. Never shown on assessors' pages.
    anchor = models.ForeignKey(
        "Anchor", null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )

    class Meta:
        ordering = ["offered_at", "id"]
        constraints = [
            # Nobody reviews the same submission twice at once, and one letter is one person.
            models.UniqueConstraint(
                fields=["submission", "assessor"],
                condition=models.Q(status__in=["offered", "accepted", "completed"]),
                name="assignment_one_live_per_assessor",
            ),
            # An anchor is reviewed by many assessors over time; letters are for earners.
            models.UniqueConstraint(
                fields=["submission", "label"],
                condition=models.Q(
                    status__in=["offered", "accepted", "completed"], anchor__isnull=True
                ),
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


class AssignmentEvent(models.TextChoices):
    OFFER = "offer", _("Offered")
    ACCEPT = "accept", _("Accepted")
    DECLINE = "decline", _("Declined")
    EXPIRE = "expire", _("Not accepted in time")
    TAKE_BACK = "take_back", _("Taken back when overdue")
    HAND_ON = "hand_on", _("Handed on by the pool")
    WITHDRAW = "withdraw", _("Withdrawn by the earner")
    COMPLETE = "complete", _("Review finished")
    CLOSE = "close", _("Closed by the decision")


class AssignmentChange(AppendOnly):
    """An append-only record of every move of an assignment: who, when, from, to, why."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.CharField(max_length=16, choices=AssignmentEvent.choices)
    # Blank for the offer that made the assignment.
    from_status = models.CharField(max_length=16, choices=AssignmentStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=AssignmentStatus.choices)
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("assignment change")
        verbose_name_plural = _("assignment changes")

    def __str__(self):
        return f"{self.assignment}: {self.from_status or '—'} → {self.to_status}"


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


# --- calibration -----------------------------------------------------------------------


class CalibrationSet(models.Model):
    """A few anchors a new assessor scores blind before taking live work."""

    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="calibration_sets"
    )
    title = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    # Empty: settings.CALIBRATION_PASS_PERCENT. A stricter micro-credential sets its own.
    pass_percent = models.PositiveSmallIntegerField(
        _("agreement to pass (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["micro_credential", "title"], name="calibration_set_unique_title"
            )
        ]
        verbose_name = _("calibration set")
        verbose_name_plural = _("calibration sets")

    def __str__(self):
        return self.title


class AnchorSource(models.TextChoices):
    REAL = "real", _("Copied from a real submission")
    WRITTEN = "written", _("Written for training")


class Anchor(models.Model):
    """A submission with expert scores per criterion: the yardstick for assessors.

    Its evidence lives in a submission of its own (a copy, for a real one), held by an
    account nobody signs in to, so reviewing it can never touch an earner's attempt.
    """

    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="anchors"
    )
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="anchor")
    calibration_set = models.ForeignKey(
        CalibrationSet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="anchors",
        verbose_name=_("calibration set"),
    )
    title = models.CharField(_("name for admins"), max_length=160)
    source = models.CharField(max_length=8, choices=AnchorSource.choices)
    rationale = models.TextField(_("overall rationale"))
    in_live_rotation = models.BooleanField(_("also slip into live queues"), default=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__in=AnchorSource.values), name="anchor_known_source"
            )
        ]
        indexes = [models.Index(fields=["micro_credential", "is_active"], name="anchor_mc_active")]
        verbose_name = _("anchor")
        verbose_name_plural = _("anchors")

    def __str__(self):
        return self.title


class ExpertScore(models.Model):
    anchor = models.ForeignKey(Anchor, on_delete=models.CASCADE, related_name="expert_scores")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField()
    rationale = models.TextField(_("rationale"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["anchor", "criterion"], name="expert_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=~models.Q(rationale=""), name="expert_score_has_rationale"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {'Met' if self.met else 'Not met'}"


class CalibrationAttempt(models.Model):
    """One assessor scoring one calibration set, once."""

    qualification = models.ForeignKey(
        Qualification, on_delete=models.CASCADE, related_name="calibration_attempts"
    )
    calibration_set = models.ForeignKey(
        CalibrationSet, on_delete=models.PROTECT, related_name="attempts"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    agreement = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    threshold = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["qualification", "calibration_set"], name="calibration_one_try_per_set"
            )
        ]

    def __str__(self):
        return f"{self.qualification} — {self.calibration_set}"


class CalibrationScore(models.Model):
    attempt = models.ForeignKey(CalibrationAttempt, on_delete=models.CASCADE, related_name="scores")
    anchor = models.ForeignKey(Anchor, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "anchor", "criterion"], name="calibration_one_score"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {'Met' if self.met else 'Not met'}"
