"""What the webhook pages read."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from microcred.accounts.models import Organization

from .models import Delivery, DeliveryStatus, Endpoint

DELIVERIES_PER_PAGE = 25


def endpoints(organization: Organization) -> QuerySet[Endpoint]:
    """The organization's endpoints, each with its count of deliveries that failed."""
    return Endpoint.objects.filter(organization=organization).annotate(
        failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
        waiting=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.PENDING)),
    )


def deliveries(endpoint: Endpoint, *, page: str | int | None = None) -> Page:
    """The endpoint's deliveries, newest first, a page at a time."""
    paginator = Paginator(
        Delivery.objects.filter(endpoint=endpoint).defer("payload"), DELIVERIES_PER_PAGE
    )
    return paginator.get_page(page)
