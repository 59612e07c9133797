"""Issuer admins' pages for duplicate flags, and the earner's page to explain one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microcred import permissions

from . import selectors, services
from .forms import AskForm, ClearForm, ExplainForm
from .models import FlagStatus

STATUS_FILTERS = {"open", "cleared", "all"}


def _flag(pk):
    flag = selectors.flag_for_page(pk)
    if flag is None:
        raise Http404
    return flag


def _handled(request, pk):
    flag = _flag(pk)
    if not permissions.can_handle_duplicate_flag(request.user, flag):
        raise PermissionDenied
    return flag


@login_required
def flag_list(request):
    if not (
        permissions.is_platform_staff(request.user)
        or permissions.organizations_with_role(request.user, *permissions.AUTHOR_ROLES)
    ):
        raise PermissionDenied
    status = request.GET.get("status", "open")
    if status not in STATUS_FILTERS:
        status = "open"
    return render(
        request,
        "duplicates/flag_list.html",
        {"flags": selectors.flags_for(request.user, status=status)[:200], "status": status},
    )


def _detail(request, flag, *, clear_form=None, ask_form=None, status=200):
    return render(
        request,
        "duplicates/flag_detail.html",
        {
            "flag": flag,
            **selectors.flag_page(flag),
            "clear_form": clear_form or ClearForm(),
            "ask_form": ask_form or AskForm(),
            "can_ask": flag.status == FlagStatus.OPEN,
            "can_clear": flag.status != FlagStatus.CLEARED,
        },
        status=status,
    )


@require_GET
@login_required
def flag_detail(request, pk):
    return _detail(request, _handled(request, pk))


@require_POST
@login_required
def clear(request, pk):
    flag = _handled(request, pk)
    form = ClearForm(request.POST)
    if not form.is_valid():
        return _detail(request, flag, clear_form=form, status=400)
    try:
        services.clear(flag, by=request.user, note=form.cleaned_data["note"])
    except services.FlagClosed as exc:
        # The note typed here is kept in the form: nothing the admin wrote is lost.
        form.add_error(None, str(exc))
        return _detail(request, _flag(pk), clear_form=form, status=409)
    except ValidationError as exc:
        form.add_error("note", exc)
        return _detail(request, flag, clear_form=form, status=400)
    messages.success(request, _("Flag cleared. Your note is kept with it."))
    return redirect("duplicates:flag", pk=pk)


@require_POST
@login_required
def ask(request, pk):
    flag = _handled(request, pk)
    form = AskForm(request.POST)
    if not form.is_valid():
        return _detail(request, flag, ask_form=form, status=400)
    try:
        services.request_explanation(flag, by=request.user, note=form.cleaned_data["note"])
    except (services.FlagClosed, services.AlreadyRequested) as exc:
        form.add_error(None, str(exc))
        return _detail(request, _flag(pk), ask_form=form, status=409)
    except ValidationError as exc:
        form.add_error("note", exc)
        return _detail(request, flag, ask_form=form, status=400)
    messages.success(request, _("Both earners have been asked to explain."))
    return redirect("duplicates:flag", pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def explain(request, pk):
    flag = _flag(pk)
    if not permissions.is_earner_in_duplicate_flag(request.user, flag):
        raise Http404
    form = ExplainForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.explain(flag, by=request.user, text=form.cleaned_data["text"])
            except (services.FlagClosed, services.AlreadyExplained) as exc:
                form.add_error(None, str(exc))
                status = 409
            except PermissionDenied:
                form.add_error(None, _("No explanation is asked for at the moment."))
                status = 409
            except ValidationError as exc:
                form.add_error("text", exc)
                status = 400
            else:
                messages.success(request, _("Thank you. Your explanation was sent to the issuer."))
                return redirect("duplicates:explain", pk=pk)
        else:
            status = 400
    return render(
        request,
        "duplicates/flag_explain.html",
        {
            "flag": flag,
            "form": form,
            "awaits": flag.status == FlagStatus.EXPLANATION_REQUESTED,
            **selectors.explanation_page(flag, request.user),
        },
        status=status,
    )
