from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClientProfile(models.Model):
    """What a wallet said about itself when it registered (RFC 7591 client metadata), beside
    the toolkit's Application that holds its identifier, secret and redirect URIs. The
    consent page shows these as text: a logo address is named, never fetched."""

    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.CASCADE,
        related_name="connect_profile",
    )
    client_uri = models.URLField(max_length=500)
    logo_uri = models.URLField(max_length=500, blank=True)
    tos_uri = models.URLField(max_length=500, blank=True)
    policy_uri = models.URLField(max_length=500, blank=True)
    software_id = models.CharField(max_length=200, blank=True)
    software_version = models.CharField(max_length=100, blank=True)
    contacts = models.JSONField(default=list, blank=True)
    # The scopes the client registered, space-separated: the most it may ever ask for.
    scope = models.TextField()
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registered app")
        verbose_name_plural = _("registered apps")

    def __str__(self):
        return self.application.name


class HeldCredential(models.Model):
    """A credential an earner keeps in their backpack that another issuer signed, put here by
    a connected app (upsertCredential) and verified before it was kept. Stored as it came,
    byte for byte, so it verifies again wherever it goes next."""

    earner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_credentials"
    )
    credential_id = models.CharField(max_length=500)
    issuer_id = models.CharField(max_length=500)
    issuer_name = models.CharField(max_length=300, blank=True)
    name = models.CharField(max_length=300, blank=True)
    # Exactly one of the two: the JSON with an embedded proof, or the VC-JWT.
    credential_json = models.TextField(blank=True)
    compact_jws = models.TextField(blank=True)
    received_from = models.ForeignKey(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["earner", "credential_id"], name="held_credential_unique_per_earner"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(credential_json="", compact_jws__gt="")
                    | models.Q(compact_jws="", credential_json__gt="")
                ),
                name="held_credential_one_form",
            ),
        ]
        indexes = [
            models.Index(fields=["earner", "received_at"], name="held_credential_earner_time")
        ]
        verbose_name = _("credential from another issuer")
        verbose_name_plural = _("credentials from other issuers")

    def __str__(self):
        return self.name or self.credential_id


class OrganizationClient(models.Model):
    """One of an organization's own systems (a student information system, a roster sync),
    reaching the REST API with the client credentials grant. It acts through an account of
    its own that nobody signs in to (`client-<random>@clients.invalid`, no usable
    password), holding the roles the organization's admin gave it: every check the pages
    make of a person, the API makes of this account, and the scopes narrow it further."""

    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.CASCADE,
        related_name="organization_client",
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="oauth_clients"
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    # The scopes the client may ask for, space-separated.
    scope = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("organization API client")
        verbose_name_plural = _("organization API clients")

    def __str__(self):
        return self.application.name
