"""Micro-credentials, their versions, rubrics and stacks.

A MicroCredential is the lasting identity (issuer, address); everything an earner is
judged against lives on a MicroCredentialVersion. A published version never changes:
editing starts a new draft version, and an earner keeps the version they started.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class GradeBand(models.Model):
    """A band of grades an educator teaches. Seeded by a migration; `position` orders them."""

    slug = models.SlugField(primary_key=True, max_length=20)
    name = models.CharField(_("name"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")

    def __str__(self):
        return self.name


class MicroCredential(models.Model):
    issuer = models.ForeignKey(
        Organization,
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="micro_credentials",
        limit_choices_to={"kind": Organization.Kind.ISSUER},
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    # The version the catalog shows: the published one, or none when nothing is published.
    current_version = models.OneToOneField(
        "MicroCredentialVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("micro-credential")
        verbose_name_plural = _("micro-credentials")

    def __str__(self):
        return self.current_version.title if self.current_version else self.slug

    def get_absolute_url(self):
        return reverse("catalog:micro_credential", args=[self.slug])


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In quality review")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class EvidenceType(models.TextChoices):
    FILE = "file", _("File upload")
    LINK = "link", _("Link")
    TEXT = "text", _("Written answer")
    REFLECTION = "reflection", _("Reflection")


class PaymentOption(models.TextChoices):
    """Ways an issuer lets earners pay a fee; payments.Method records the one used."""

    CARD = "card", _("Card")
    VOUCHER = "voucher", _("Voucher")
    SPONSORSHIP = "sponsorship", _("District sponsorship")
    INVOICE = "invoice", _("Invoice or purchase order")


def all_payment_options() -> list[str]:
    return list(PaymentOption.values)


def default_assessors() -> int:
    return settings.ASSESSORS_PER_SUBMISSION


def default_attempts() -> int:
    return settings.SUBMISSION_MAX_ATTEMPTS


class MicroCredentialVersion(models.Model):
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in catalog listings."),
    )
    competency = models.TextField(
        _("competency statement"),
        blank=True,
        help_text=_("The one discrete, observable skill an earner demonstrates."),
    )
    key_method = models.TextField(
        _("key method"), blank=True, help_text=_("How the educator demonstrates the skill.")
    )
    method_components = models.TextField(
        _("method components"), blank=True, help_text=_("One component per line.")
    )
    research = models.TextField(
        _("supporting research"),
        blank=True,
        help_text=_("Why this method works, with the studies behind it."),
    )
    fee = models.DecimalField(
        _("fee"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Due at submission. Enter 0 for a free micro-credential."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    # A list of PaymentOption values, frozen with the rest of the version once published.
    payment_methods = models.JSONField(
        _("ways to pay the fee"),
        default=all_payment_options,
        blank=True,
        help_text=_("Any of: card, voucher, sponsorship, invoice."),
    )
    credit_amount = models.DecimalField(
        _("credit amount"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    credit_unit = models.CharField(
        _("credit unit"),
        max_length=60,
        blank=True,
        help_text=_("For example: CPD credit, state credit, clock hours."),
    )
    credit_authority = models.CharField(
        _("approving authority"),
        max_length=200,
        blank=True,
        help_text=_("Who recognizes the credit, for example a state board of education."),
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    assessors_per_submission = models.PositiveSmallIntegerField(
        _("assessors per submission"),
        default=default_assessors,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Independent reviews of each submission; a disagreement adds one more."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=default_attempts,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How many times an earner may submit, counting resubmissions."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    grade_bands = models.ManyToManyField(GradeBand, verbose_name=_("grade bands"), blank=True)
    image = models.ImageField(_("badge image"), upload_to="badges/%Y/", blank=True)
    # Words the catalog search matches on, rebuilt by the services on every change.
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_for_review_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["micro_credential_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["micro_credential", "number"], name="version_unique_number"
            ),
            # At most one version is live, and at most one is being edited or reviewed.
            models.UniqueConstraint(
                fields=["micro_credential"],
                condition=models.Q(status="published"),
                name="version_one_published",
            ),
            models.UniqueConstraint(
                fields=["micro_credential"],
                condition=models.Q(status__in=["draft", "in_review"]),
                name="version_one_open_draft",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=VersionStatus.values), name="version_known_status"
            ),
            models.CheckConstraint(
                condition=models.Q(fee__isnull=True) | models.Q(fee__gte=0),
                name="version_fee_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="version_status_published"),
            models.Index(fields=["credit_unit"], name="version_credit_unit"),
        ]
        verbose_name = _("micro-credential version")
        verbose_name_plural = _("micro-credential versions")

    def __str__(self):
        return f"{self.title} (v{self.number})"

    def get_absolute_url(self):
        return reverse("catalog:micro_credential", args=[self.micro_credential.slug])

    @property
    def is_free(self):
        return self.fee is not None and self.fee == 0

    @property
    def is_editable(self):
        return self.status == VersionStatus.DRAFT

    def accepts(self, method: str) -> bool:
        return method in (self.payment_methods or ())

    def method_component_list(self):
        return [line.strip() for line in self.method_components.splitlines() if line.strip()]


class Resource(models.Model):
    version = models.ForeignKey(
        MicroCredentialVersion, on_delete=models.CASCADE, related_name="resources"
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self):
        return self.title


class Requirement(models.Model):
    """One piece of evidence the earner submits, judged by its rubric criteria."""

    version = models.ForeignKey(
        MicroCredentialVersion, on_delete=models.CASCADE, related_name="requirements"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    evidence_types = models.JSONField(
        _("accepted evidence"), default=list, help_text=_("Any of: file, link, text, reflection.")
    )
    # Limits on a written answer or reflection: shown beside the field, enforced on submit.
    min_words = models.PositiveIntegerField(_("fewest words"), null=True, blank=True)
    max_words = models.PositiveIntegerField(_("most words"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_words__isnull=True)
                | models.Q(max_words__isnull=True)
                | models.Q(min_words__lte=models.F("max_words")),
                name="requirement_word_limits_in_order",
            )
        ]
        verbose_name = _("submission requirement")
        verbose_name_plural = _("submission requirements")

    def __str__(self):
        return self.title

    @property
    def word_limit_text(self) -> str:
        """The limit in the words the earner reads, or "" when there is none."""
        low, high = self.min_words, self.max_words
        if low and high:
            return _("%(low)s to %(high)s words") % {"low": low, "high": high}
        if low:
            return _("at least %(low)s words") % {"low": low}
        if high:
            return _("up to %(high)s words") % {"high": high}
        return ""

    def evidence_type_labels(self):
        labels = dict(EvidenceType.choices)
        return [labels.get(value, value) for value in self.evidence_types]


class RubricCriterion(models.Model):
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("criterion"), max_length=200)
    met_description = models.TextField(_("what Met looks like"))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self):
        return self.name


class StandardAlignment(models.Model):
    """A standard something aligns to (Open Badges `Alignment`): ISTE, Learning Forward,
    a state's standards."""

    framework = models.CharField(_("framework"), max_length=200)
    code = models.CharField(_("code"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=300)
    url = models.URLField(_("address"), max_length=500, blank=True)
    # The CFItem's identifier when the standard was picked from an imported CASE
    # framework; credentials then name it as the alignment's CFItem (OB 3.0 targetType).
    case_identifier = models.CharField(_("CASE identifier"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]
        verbose_name = _("standards alignment")
        verbose_name_plural = _("standards alignments")

    def __str__(self):
        return f"{self.framework} {self.code}".strip()


class Alignment(StandardAlignment):
    """A standard a micro-credential's version aligns to."""

    version = models.ForeignKey(
        MicroCredentialVersion, on_delete=models.CASCADE, related_name="alignments"
    )

    class Meta(StandardAlignment.Meta):
        pass


class Stack(models.Model):
    """A set of micro-credentials with a badge of its own."""

    issuer = models.ForeignKey(
        Organization,
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="stacks",
        limit_choices_to={"kind": Organization.Kind.ISSUER},
    )
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    is_ordered = models.BooleanField(
        _("earned in order"),
        default=False,
        help_text=_("Earners complete the micro-credentials in the order listed."),
    )
    image = models.ImageField(_("badge image"), upload_to="stacks/%Y/", blank=True)
    endorsement = models.CharField(
        _("leads to"),
        max_length=200,
        blank=True,
        help_text=_("An endorsement or recognition the stack leads to, if any."),
    )
    endorsement_url = models.URLField(_("endorsement details"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    micro_credentials = models.ManyToManyField(
        MicroCredential, through="StackItem", related_name="stacks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("stack")
        verbose_name_plural = _("stacks")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:stack", args=[self.slug])


class StackAlignment(StandardAlignment):
    """A standard a stack as a whole aligns to."""

    stack = models.ForeignKey("Stack", on_delete=models.CASCADE, related_name="alignments")

    class Meta(StandardAlignment.Meta):
        verbose_name = _("stack standards alignment")
        verbose_name_plural = _("stack standards alignments")


class StackItem(models.Model):
    stack = models.ForeignKey(Stack, on_delete=models.CASCADE, related_name="items")
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="stack_items"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stack", "micro_credential"], name="stack_item_unique")
        ]
        indexes = [models.Index(fields=["micro_credential"], name="stack_item_mc")]

    def __str__(self):
        return f"{self.stack} #{self.position}"


class Cohort(models.Model):
    """A facilitated offering of a micro-credential, with dates and a facilitator."""

    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What earners can expect: meetings, pace, who it is for."),
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_cohorts",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    enrollment_opens_on = models.DateField(_("enrollment opens"))
    enrollment_closes_on = models.DateField(_("enrollment closes"))
    capacity = models.PositiveIntegerField(_("places"))

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(enrollment_closes_on__gte=models.F("enrollment_opens_on")),
                name="cohort_enrollment_window",
            ),
        ]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name

    def is_enrolling(self, today) -> bool:
        return self.enrollment_opens_on <= today <= self.enrollment_closes_on


class ExternalProvider(models.Model):
    """Another provider whose catalog is listed beside ours (imported by the federation
    app from CTDL, Open Badges 3.0 or CSV). An issuer's admins keep the providers their
    organization imported; platform staff keep every one."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=200, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("kept by"),
        on_delete=models.CASCADE,
        related_name="external_providers",
        null=True,
        blank=True,
    )
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("external provider")
        verbose_name_plural = _("external providers")

    def __str__(self):
        return self.name


class ExternalListing(models.Model):
    """One credential of another provider's catalog. It is searched with our own
    micro-credentials; earning it happens on the provider's page (`url`). `key` is what
    the provider calls it (a CTID, an achievement id or a CSV id), so an import of the
    same catalog again updates the entry; one no longer in the catalog is retired."""

    provider = models.ForeignKey(
        ExternalProvider, on_delete=models.CASCADE, related_name="listings"
    )
    key = models.CharField(_("key"), max_length=500)
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("where to earn it"), max_length=500)
    offered_by = models.CharField(_("offered by"), max_length=300, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    competencies = models.TextField(_("competencies"), blank=True)  # one a line
    keywords = models.TextField(_("keywords"), blank=True)  # one a line
    # The words it is found by besides its name (description, competencies, keywords,
    # who offers it, the provider), kept by the listing service for the search index.
    search_text = models.TextField(editable=False, blank=True)
    # What the entry said when last imported, to tell an update from an unchanged entry.
    digest = models.CharField(max_length=64)
    listed_at = models.DateTimeField(_("first listed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"))
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("external listing")
        verbose_name_plural = _("external listings")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "key"], name="external_listing_key_once_per_provider"
            ),
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0),
                name="external_listing_cost_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_free(self) -> bool:
        return self.cost == 0
