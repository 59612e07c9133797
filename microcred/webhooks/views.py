"""An organization's webhook pages: its endpoints, each with its deliveries, and the forms
that register, change, test and remove them. Plain forms; every action redirects, except
the two that show a new signing secret, which is shown on that answer alone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from microcred import permissions
from microcred.accounts.models import Organization

from . import selectors, services
from .forms import EndpointForm
from .models import Delivery, Endpoint


def _organization(request, slug) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_manage_webhooks(request.user, organization):
        raise PermissionDenied
    return organization


def _endpoint(request, slug, pk) -> Endpoint:
    organization = _organization(request, slug)
    endpoint = get_object_or_404(Endpoint, pk=pk, organization=organization)
    endpoint.organization = organization
    return endpoint


def _endpoint_page(request, endpoint, *, secret="", status=200):
    return render(
        request,
        "webhooks/endpoint.html",
        {
            "organization": endpoint.organization,
            "endpoint": endpoint,
            "secret": secret,
            "deliveries": selectors.deliveries(endpoint, page=request.GET.get("page")),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def endpoints(request, slug):
    """The organization's endpoints, and the form that registers one."""
    organization = _organization(request, slug)
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = services.register(
                organization,
                by=request.user,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except services.EndpointProblem as exc:
            form.add_error("url", str(exc))
        else:
            endpoint.organization = organization
            return _endpoint_page(request, endpoint, secret=secret, status=201)
    return render(
        request,
        "webhooks/endpoints.html",
        {
            "organization": organization,
            "endpoints": selectors.endpoints(organization),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def endpoint(request, slug, pk):
    return _endpoint_page(request, _endpoint(request, slug, pk))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug, pk):
    endpoint = _endpoint(request, slug, pk)
    form = EndpointForm(
        request.POST or None,
        initial={
            "url": endpoint.url,
            "events": endpoint.events,
            "description": endpoint.description,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change(
                endpoint,
                by=request.user,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                description=form.cleaned_data["description"],
            )
        except services.EndpointProblem as exc:
            form.add_error("url", str(exc))
        else:
            messages.success(request, _("The endpoint is saved."))
            return redirect(endpoint)
    return render(
        request,
        "webhooks/endpoint_edit.html",
        {"organization": endpoint.organization, "endpoint": endpoint, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def rotate_secret(request, slug, pk):
    endpoint = _endpoint(request, slug, pk)
    secret = services.rotate_secret(endpoint, by=request.user)
    return _endpoint_page(request, endpoint, secret=secret)


@login_required
@require_POST
def send_test(request, slug, pk):
    endpoint = _endpoint(request, slug, pk)
    try:
        services.send_test(endpoint, by=request.user)
    except services.EndpointProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("A test event is on its way; its result is listed below."))
    return redirect(endpoint)


@login_required
@require_POST
def set_enabled(request, slug, pk):
    endpoint = _endpoint(request, slug, pk)
    enabled = request.POST.get("enabled") == "1"
    services.set_enabled(endpoint, by=request.user, enabled=enabled)
    messages.success(
        request,
        _("The endpoint is enabled; waiting messages are sent now.")
        if enabled
        else _("The endpoint is disabled; nothing is sent to it until it is enabled again."),
    )
    return redirect(endpoint)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request, slug, pk):
    endpoint = _endpoint(request, slug, pk)
    if request.method == "POST":
        services.remove(endpoint, by=request.user)
        messages.success(request, _("The endpoint %(url)s is removed.") % {"url": endpoint.url})
        return redirect("webhooks:endpoints", slug=slug)
    return render(
        request,
        "webhooks/endpoint_remove.html",
        {"organization": endpoint.organization, "endpoint": endpoint},
    )


@login_required
@require_POST
def retry(request, slug, pk, delivery_pk):
    endpoint = _endpoint(request, slug, pk)
    delivery = get_object_or_404(Delivery, pk=delivery_pk, endpoint=endpoint)
    delivery.endpoint = endpoint
    try:
        services.retry_now(delivery, by=request.user)
    except services.EndpointProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The message is being sent again."))
    return redirect(endpoint)
