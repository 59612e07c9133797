"""Issuers' identities and keys, awards, their signed credentials and status lists."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization
from microcred.append_only import AppendOnly
from microcred.catalog.models import Cohort, MicroCredentialVersion, Stack


class DidMethod(models.TextChoices):
    WEB = "web", _("did:web — served by this platform at the issuer's address")
    KEY = "key", _("did:key — the key itself, for issuers without a stable domain")


class IssuerIdentity(models.Model):
    """How an issuing organization is named in its credentials."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="identity"
    )
    method = models.CharField(
        _("identifier method"), max_length=8, choices=DidMethod.choices, default=DidMethod.WEB
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("issuer identity")
        verbose_name_plural = _("issuer identities")

    def __str__(self):
        return f"{self.organization} ({self.get_method_display()})"


class KeyType(models.TextChoices):
    ED25519 = "ed25519", _("Ed25519 (Data Integrity proofs)")
    P256 = "p256", _("P-256 (VC-JWT, ES256)")


class SigningKey(models.Model):
    """A key pair of an issuer. Rotation retires a key from signing, never from the DID
    document, so that what it signed still verifies."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="signing_keys"
    )
    key_type = models.CharField(_("type"), max_length=8, choices=KeyType.choices)
    public_multibase = models.CharField(_("public key"), max_length=100, unique=True)
    sealed_private = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(_("retired from signing"), null=True, blank=True)

    class Meta:
        ordering = ["organization", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key_type"],
                condition=models.Q(retired_at__isnull=True),
                name="signing_key_one_active_per_type",
            )
        ]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")

    def __str__(self):
        return f"{self.organization} {self.key_type} {self.public_multibase[:16]}…"


class StatusList(models.Model):
    """A Bitstring Status List (W3C, v1.0) of one issuer for one purpose."""

    SIZE = 131_072  # the spec's minimum length, for group privacy (§6.1)

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="status_lists"
    )
    purpose = models.CharField(max_length=16, default="revocation")
    bits = models.BinaryField(editable=False)
    allocated = models.PositiveIntegerField(default=0, editable=False)
    # The signed BitstringStatusListCredential, written whenever a bit changes.
    credential_json = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization", "pk"]
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")

    def __str__(self):
        return f"{self.organization} {self.purpose} #{self.pk}"

    def get_absolute_url(self):
        return reverse("credentials:status_list", args=[self.pk])


class AwardKind(models.TextChoices):
    MICRO_CREDENTIAL = "micro_credential", _("Micro-credential")
    STACK = "stack", _("Stack")


class Award(models.Model):
    """What an earner has earned, and the verifiable credential that says so."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=16, choices=AwardKind.choices)
    earner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="awards"
    )
    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="awards")
    # Exactly one award per Met decision, and one per completed stack and earner.
    submission = models.OneToOneField(
        "submissions.Submission",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award",
    )
    version = models.ForeignKey(
        MicroCredentialVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    stack = models.ForeignKey(
        Stack, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    awarded_at = models.DateTimeField(_("awarded"))
    include_evidence = models.BooleanField(
        _("show my evidence in the credential"),
        default=False,
        help_text=_("Links to your evidence are part of the credential only if you allow it."),
    )
    # Public is the norm for badges: a page anyone with the link can open. A private page
    # answers 404 to everyone but its earner and the issuer's admins; the credential
    # itself still verifies from its file, since verification never needs the page.
    is_public = models.BooleanField(
        _("anyone with the link can see the badge page"),
        default=True,
        db_default=True,
    )
    status_list = models.ForeignKey(
        StatusList, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_index = models.PositiveIntegerField(null=True, blank=True)
    # The credential as signed, byte for byte, and its VC-JWT form.
    credential_json = models.TextField(blank=True, editable=False)
    credential_jwt = models.TextField(blank=True, editable=False)
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A signing worker claims unsigned awards before signing them; a claim older than
    # batch_signing.CLAIM_TIMEOUT is taken over, so a killed worker loses nothing.
    signing_claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revocation_reason = models.TextField(_("reason"), blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-awarded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["earner", "stack"],
                condition=models.Q(kind="stack"),
                name="award_one_per_stack_and_earner",
            ),
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="award_unique_status_entry"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="micro_credential", version__isnull=False, stack__isnull=True)
                    | models.Q(kind="stack", stack__isnull=False, version__isnull=True)
                ),
                name="award_kind_matches_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["signed_at", "id"], name="award_signing_queue"),
            models.Index(fields=["issuer", "awarded_at"], name="award_issuer_time"),
        ]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return f"{self.title} — {self.earner}"

    def get_absolute_url(self):
        return reverse("credentials:badge", args=[self.public_id])

    @property
    def title(self) -> str:
        return self.version.title if self.version_id else self.stack.title

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class AuditAction(models.TextChoices):
    KEY_CREATED = "key_created", _("key created")
    KEY_ROTATED = "key_rotated", _("key rotated")
    METHOD_CHANGED = "method_changed", _("identifier method changed")
    # The moves of an award (credentials.issuing.lifecycle).
    ISSUED = "issued", _("award issued")
    SIGNED = "signed", _("credential signed")
    SIGNED_AGAIN = "signed_again", _("credential signed again")
    REVOKED = "revoked", _("award revoked")
    PRIVACY = "privacy", _("what the award shows changed")


class CredentialAudit(AppendOnly):
    """Append-only record of key rotations, identifier changes, and every move of an award:
    issued, signed, revoked, and what its earner chose to show."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    award = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    key = models.ForeignKey(
        SigningKey, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("credential audit entry")
        verbose_name_plural = _("credential audit entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class BulkIssue(models.Model):
    """Awarding a whole cohort at once, signed in the background with visible progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Signing")
        DONE = "done", _("Done")

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="bulk_issues")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Last sign of life of the run itself (started, awards made, resumed); the page
    # reads progress from the awards, and calls an issue stalled when neither moved.
    updated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk issue")
        verbose_name_plural = _("bulk issues")

    def __str__(self):
        return f"{self.cohort} ({self.get_status_display()})"


class ApiClient(models.Model):
    """An organization's system allowed to call `POST /credentials/issue`."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="api_clients"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self):
        return f"{self.organization}: {self.name}"


class PinnedKey(models.Model):
    """A key of another issuer that this platform's operator vouches for, so that its
    credentials verify where its key URL cannot be fetched (an issuer on a closed network,
    a test issuer such as 1EdTech's example.edu). The resolver reads it before the network;
    results say the key was pinned by this platform's operator. Platform staff keep the
    list in the Django admin."""

    verification_method = models.CharField(
        _("verification method"),
        max_length=500,
        unique=True,
        help_text=_("The key's full URL as credentials name it: a DID URL or an https URL."),
    )
    controller = models.CharField(
        _("controller"),
        max_length=500,
        help_text=_("The issuer id the key belongs to; credentials must name this issuer."),
    )
    public_key_multibase = models.CharField(
        _("public key (Multikey)"),
        max_length=200,
        blank=True,
        help_text=_("publicKeyMultibase: z6Mk… for Ed25519, zDn… for P-256."),
    )
    public_key_jwk = models.JSONField(
        _("public key (JWK)"),
        null=True,
        blank=True,
        help_text=_("publicKeyJwk, for a key published as a JSON Web Key."),
    )
    note = models.CharField(
        _("why it is pinned"), max_length=300, help_text=_("Who vouched for it, and how.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pinned key")
        verbose_name_plural = _("pinned keys")
        ordering = ["verification_method"]

    def __str__(self):
        return self.verification_method

    def clean(self):
        from django.core.exceptions import ValidationError

        from .issuing import keys

        errors = {}
        if not self.verification_method.startswith(("did:", "https://")):
            errors["verification_method"] = _("Give a DID URL or an https URL.")
        has_jwk = self.public_key_jwk not in (None, "", {})
        if bool(self.public_key_multibase) == has_jwk:
            errors["public_key_multibase"] = _("Give the key once: as a Multikey or as a JWK.")
        elif self.public_key_multibase:
            try:
                keys.public_key_from_multikey(self.public_key_multibase)
            except keys.KeyFormatError as exc:
                errors["public_key_multibase"] = str(exc)
        else:
            try:
                keys.public_key_from_jwk(self.public_key_jwk)
            except keys.KeyFormatError as exc:
                errors["public_key_jwk"] = str(exc)
        if errors:
            raise ValidationError(errors)

    def as_method(self) -> dict:
        """The key as a verification method, marked as pinned."""
        method: dict = {
            "id": self.verification_method,
            "controller": self.controller,
            "pinned": True,
        }
        if self.public_key_multibase:
            method |= {"type": "Multikey", "publicKeyMultibase": self.public_key_multibase}
        else:
            method |= {"type": "JsonWebKey", "publicKeyJwk": self.public_key_jwk}
        return method
