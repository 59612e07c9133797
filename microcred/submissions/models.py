import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.append_only import AppendOnly
from microcred.backpack.models import Enrollment
from microcred.catalog.models import EvidenceType, Requirement

from .states import Event, State

# Letters and digits that cannot be mistaken for one another when read aloud or typed
# from a screenshot into a help ticket.
_CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"


def new_reference() -> str:
    return "MC-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


class Submission(models.Model):
    """One attempt at a micro-credential: the evidence an earner sends for review."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="submissions")
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    # Written only by submissions.workflow.advance.
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.DRAFT, editable=False
    )
    reference = models.CharField(
        _("submission ID"), max_length=16, unique=True, default=new_reference, editable=False
    )
    collaborated = models.BooleanField(_("I worked with others on this"), default=False)
    collaboration_note = models.TextField(
        _("how the work was divided"),
        blank=True,
        help_text=_("Who did what. Your reflection stays your own."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(_("decision due"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "attempt"], name="submission_unique_attempt"
            ),
            # One attempt at a time: a new one starts only after the last is decided.
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(state__in=["draft", "submitted", "in_review"]),
                name="submission_one_open_attempt",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=State.values), name="submission_known_state"
            ),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"], name="submission_state_time")]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return self.reference

    @property
    def is_editable(self) -> bool:
        return self.state == State.DRAFT


class Removal(models.TextChoices):
    RETENTION = "retention", _("removed under the retention policy")
    ACCOUNT_DELETED = "account_deleted", _("removed when its owner deleted their account")


class Evidence(models.Model):
    """One piece of evidence for one requirement: a file, a link or written text."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=EvidenceType.choices)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the file (or text) was taken away, and why; the row stays so that the
    # submission still says what was there.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True, editable=False)
    removed_because = models.CharField(
        max_length=16, choices=Removal.choices, blank=True, editable=False
    )

    class Meta:
        ordering = ["requirement__position", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EvidenceType.values), name="evidence_known_kind"
            ),
            # Written answers and reflections are one text per requirement, saved in place.
            models.UniqueConstraint(
                fields=["submission", "requirement", "kind"],
                condition=models.Q(kind__in=["text", "reflection"]),
                name="evidence_one_text_per_kind",
            ),
        ]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name or self.url or self.get_kind_display()


class Collaborator(models.Model):
    """Someone the earner declares they worked with, on the platform or off it."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="collaborators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    contribution = models.TextField(_("their part of the work"), blank=True)
    # The line as the earner typed it when collaborators were free text, kept beside the
    # name and e-mail read out of it, so nobody has to trust the reading blindly.
    declared_as = models.CharField(_("as first written"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")

    def __str__(self):
        return self.name


class StateChange(AppendOnly):
    """An append-only record of every move of a submission: who, when, from, to, why."""

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="state_changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.CharField(max_length=16, choices=Event.choices)
    from_state = models.CharField(max_length=16, choices=State.choices)
    to_state = models.CharField(max_length=16, choices=State.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self):
        return f"{self.submission}: {self.from_state} → {self.to_state}"


class Holiday(models.Model):
    """A day an organization does not count toward the service level, besides weekends
    and US federal holidays."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="holidays"
    )
    day = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "day"], name="holiday_unique_day")
        ]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.day} {self.name}"
