from django.db.models import Count, Q

from microcred.catalog.models import Cohort

from . import identity
from .models import Award, BulkIssue, CredentialAudit, SigningKey


def awards_with_subjects():
    return Award.objects.select_related(
        "earner", "issuer", "version__micro_credential", "stack", "revoked_by"
    )


def earned_awards(earner):
    """An earner's awards, newest first, for the backpack."""
    return awards_with_subjects().filter(earner=earner)


def issuer_overview(organization) -> dict:
    from . import services

    cohorts = (
        Cohort.objects.filter(micro_credential__issuer=organization)
        .select_related("micro_credential")
        .annotate(
            met=Count("enrollments__submissions", filter=Q(enrollments__submissions__state="met"))
        )
        .order_by("-starts_on")
    )
    bulks = list(
        BulkIssue.objects.filter(cohort__micro_credential__issuer=organization).select_related(
            "cohort"
        )[:10]
    )
    for bulk in bulks:
        bulk.progress = services.bulk_progress(bulk)
    return {
        "organization": organization,
        "did": identity.did(organization),
        "method": getattr(getattr(organization, "identity", None), "method", "web"),
        "keys": SigningKey.objects.filter(organization=organization).order_by("-created_at"),
        "awards": awards_with_subjects().filter(issuer=organization)[:50],
        "award_count": Award.objects.filter(issuer=organization).count(),
        "cohorts": cohorts,
        "bulks": bulks,
        "clients": organization.api_clients.filter(revoked_at__isnull=True),
        "audit": CredentialAudit.objects.filter(organization=organization)
        .select_related("actor", "award", "key")
        .order_by("-at")[:20],
    }
