"""Fingerprints of submitted evidence, and the flags raised when two earners' evidence is
nearly the same.

A fingerprint is made once, when the submission is sent, from the evidence itself; from
then on every check reads fingerprints and band keys only, never the evidence.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.append_only import AppendOnly
from microcred.catalog.models import MicroCredential
from microcred.submissions.models import Evidence, Submission


class Fingerprint(models.Model):
    """What one piece of submitted evidence is compared by."""

    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="+")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    # Copied from the enrollment so that a check filters and excludes without joins.
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="+"
    )
    earner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scheme = models.PositiveSmallIntegerField(default=1)
    # Written evidence: the MinHash signature (text_similarity.BINS little-endian uint32)
    # and how many word runs it was made from.
    minhash = models.BinaryField(null=True, blank=True)
    shingles = models.PositiveIntegerField(default=0)
    # Files: the content hash, and a picture's dHash.
    sha256 = models.CharField(max_length=64, blank=True)
    picture_hash = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # A file hashed as a picture before is found by its content hash, not read again.
            models.Index(
                fields=["sha256"],
                condition=models.Q(picture_hash__isnull=False),
                name="dup_fingerprint_picture_sha",
            ),
        ]
        verbose_name = _("evidence fingerprint")
        verbose_name_plural = _("evidence fingerprints")

    def __str__(self):
        return f"fingerprint of evidence {self.evidence_id}"


class Band(models.Model):
    """One LSH band key of a fingerprint: equal keys make two fingerprints candidates."""

    fingerprint = models.ForeignKey(Fingerprint, on_delete=models.CASCADE, related_name="bands")
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    key = models.BigIntegerField()

    class Meta:
        indexes = [
            # Covers the band lookup: the matching fingerprints are read from the index alone.
            models.Index(
                fields=["micro_credential", "key", "fingerprint"], name="dup_band_lookup_cover"
            )
        ]
        verbose_name = _("band key")
        verbose_name_plural = _("band keys")

    def __str__(self):
        return f"{self.key}"


class Check(models.Model):
    """That a submission was compared with the others, and what was found: a second run
    of the check finds this row and does nothing."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="+")
    checked_at = models.DateTimeField(auto_now_add=True)
    fingerprints = models.PositiveIntegerField(default=0)
    candidates = models.PositiveIntegerField(default=0)
    flags = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("duplicate check")
        verbose_name_plural = _("duplicate checks")

    def __str__(self):
        return f"check of submission {self.submission_id}"


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    EXPLANATION_REQUESTED = "explanation_requested", _("Explanation requested")
    CLEARED = "cleared", _("Cleared")


OPEN_FLAG_STATES = (FlagStatus.OPEN, FlagStatus.EXPLANATION_REQUESTED)


class Flag(models.Model):
    """Two earners' submissions whose evidence is nearly the same, for the issuer's admins.

    A flag never moves either submission: review goes on while an admin looks into it.
    """

    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="+"
    )
    # The later submission, whose check found the match, and the earlier one it matched.
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=24, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    similarity = models.FloatField(_("similarity"))
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "other"], name="dup_flag_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(submission=models.F("other")), name="dup_flag_two_submissions"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=FlagStatus.values), name="dup_flag_known_status"
            ),
            models.CheckConstraint(
                condition=models.Q(status="cleared", closed_at__isnull=False)
                | (~models.Q(status="cleared") & models.Q(closed_at__isnull=True)),
                name="dup_flag_closed_when_cleared",
            ),
        ]
        indexes = [
            models.Index(fields=["micro_credential", "status"], name="dup_flag_mc_status"),
        ]
        verbose_name = _("duplicate flag")
        verbose_name_plural = _("duplicate flags")

    def __str__(self):
        return f"{self.submission} ≈ {self.other}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_FLAG_STATES


class MatchKind(models.TextChoices):
    TEXT = "text", _("Similar text")
    FILE = "file", _("Identical file")
    PICTURE = "picture", _("Similar picture")


class Match(models.Model):
    """One pair of matching evidence behind a flag."""

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="matches")
    kind = models.CharField(max_length=16, choices=MatchKind.choices)
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="+")
    other_evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="+")
    # Estimated share of word runs in common (text), 1.0 (file), or 1 - distance / 64.
    similarity = models.FloatField()
    distance = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-similarity", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["flag", "evidence", "other_evidence", "kind"], name="dup_match_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=MatchKind.values), name="dup_match_known_kind"
            ),
        ]
        verbose_name = _("matching evidence")
        verbose_name_plural = _("matching evidence")

    def __str__(self):
        return f"{self.kind}: {self.evidence_id} ≈ {self.other_evidence_id}"


class FlagAction(models.TextChoices):
    RAISED = "raised", _("Flagged")
    EXPLANATION_REQUESTED = "explanation_requested", _("Asked both earners to explain")
    EXPLAINED = "explained", _("Earner explained")
    CLEARED = "cleared", _("Cleared")


class FlagEvent(AppendOnly):
    """An append-only record of what happened to a flag: who, when, what, why."""

    flag = models.ForeignKey(Flag, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=24, choices=FlagAction.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=FlagAction.values), name="dup_event_known_action"
            ),
            # Each earner answers a request once.
            models.UniqueConstraint(
                fields=["flag", "actor"],
                condition=models.Q(action="explained"),
                name="dup_event_one_explanation",
            ),
        ]
        verbose_name = _("flag event")
        verbose_name_plural = _("flag events")

    def __str__(self):
        return f"{self.flag}: {self.action}"
