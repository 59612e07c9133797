from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from microcred.append_only import AppendOnly


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person: earner, assessor, author or administrator. Signs in with an e-mail."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("full name"), max_length=150)
    school = models.CharField(_("school"), max_length=200, blank=True)
    # A code from settings.LANGUAGES, or blank to follow the browser. Applied on each
    # request by PreferredLanguageMiddleware when the browser has not chosen one itself.
    language = models.CharField(_("preferred language"), max_length=10, blank=True)
    # Set when the person deleted their account: the row stays, under a pseudonym, so that
    # audit entries and awards keep pointing at someone without naming them.
    erased_at = models.DateTimeField(_("account deleted"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


class Organization(models.Model):
    class Kind(models.TextChoices):
        ISSUER = "issuer", _("Issuer")
        DISTRICT = "district", _("District")
        STATE = "state", _("State agency")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    # A district belongs to a state; the state's admins see its educators' progress.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Its admins must sign in with a second factor before they can use its admin pages.
    require_two_factor = models.BooleanField(_("require two-factor sign-in"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:issuer", args=[self.slug])


class Role(models.TextChoices):
    EARNER = "earner", _("Earner")
    ASSESSOR = "assessor", _("Assessor")
    FACILITATOR = "facilitator", _("Facilitator")
    ISSUER_ADMIN = "issuer_admin", _("Issuer admin")
    ORG_ADMIN = "org_admin", _("Organization admin")


# The roles that run an organization: its catalog and pool for an issuer, its people for a
# district or state.
ADMIN_ROLES = frozenset({Role.ISSUER_ADMIN, Role.ORG_ADMIN})


class Membership(models.Model):
    """A person's role in an organization. One row per role held."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_known_role"
            ),
        ]
        indexes = [models.Index(fields=["organization", "role"], name="membership_org_role")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organization}"


# Roles an organization of each kind hands out, in the order its members page lists them.
# An org admin of a district or state is its "district admin" or "state admin".
ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    Organization.Kind.ISSUER: (Role.ORG_ADMIN, Role.ISSUER_ADMIN, Role.ASSESSOR, Role.FACILITATOR),
    Organization.Kind.DISTRICT: (Role.ORG_ADMIN, Role.FACILITATOR, Role.EARNER),
    Organization.Kind.STATE: (Role.ORG_ADMIN, Role.EARNER),
}

_ROLE_NAMES_BY_KIND = {
    (Organization.Kind.DISTRICT, Role.ORG_ADMIN): _("District admin"),
    (Organization.Kind.STATE, Role.ORG_ADMIN): _("State admin"),
    (Organization.Kind.DISTRICT, Role.EARNER): _("Educator"),
    (Organization.Kind.STATE, Role.EARNER): _("Educator"),
}


def role_name(role: str, kind: str) -> str:
    """What a role is called in an organization of this kind."""
    return str(_ROLE_NAMES_BY_KIND.get((kind, role), Role(role).label))


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class Invitation(models.Model):
    """An offer of a role in an organization, sent by e-mail to a person who may not have an
    account yet. The link carries a signed token made from the row's id and `nonce`;
    resending makes a new nonce, so an older link stops working."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    # What an assessor invitation adds to the issuer's pool on acceptance:
    # {"micro_credentials": [ids], "capacity": n}. Read by the assessment app.
    pool = models.JSONField(default=dict, blank=True)
    nonce = models.CharField(max_length=64)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open invitation per person, role and organization: a second is a resend.
            models.UniqueConstraint(
                fields=["organization", "email", "role"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_known_role"
            ),
        ]
        indexes = [models.Index(fields=["email"], name="invitation_email")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} — {self.get_role_display()} — {self.organization}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return str(InvitationStatus(self.status).label)

    @property
    def role_name(self) -> str:
        return role_name(self.role, self.organization.kind)


class MembershipChange(AppendOnly):
    """An append-only record of who gave or took which role of whom, and of invitations."""

    class Action(models.TextChoices):
        GRANTED = "granted", _("Role granted")
        REVOKED = "revoked", _("Role revoked")
        INVITED = "invited", _("Invited")
        RESENT = "resent", _("Invitation sent again")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        ACCEPTED = "accepted", _("Invitation accepted")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="membership_changes"
    )
    # Who did it; none when the platform did (a standing rule, the demo).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Whom it concerns: the person once they have an account, and always their e-mail.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=Role.choices)
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organization", "-at"], name="membershipchange_org_at")]
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")

    def __str__(self):
        return f"{self.organization}: {self.get_action_display()} {self.role} {self.email}"

    @property
    def role_name(self) -> str:
        return role_name(self.role, self.organization.kind)
