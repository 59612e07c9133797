"""The help desk's pages: the earner's tickets and form, a ticket's thread, the staff queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microcred import permissions

from . import selectors, services
from .forms import ReplyForm, StaffReplyForm, TicketForm
from .models import TicketStatus


def _errors_to(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_GET
@login_required
def home(request):
    return render(
        request,
        "support/help_home.html",
        {
            "tickets": selectors.earner_tickets(request.user),
            "has_desk": selectors.has_desk(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def new(request):
    if request.method == "GET":
        form = TicketForm(initial={"submission": request.GET.get("submission", "")[:60]})
        return render(request, "support/ticket_new.html", {"form": form})
    form = TicketForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            submission = services.find_submission(data["submission"], earner=request.user)
        except ValidationError as exc:
            form.add_error("submission", exc.messages)
        else:
            try:
                ticket = services.open_ticket(
                    submission, by=request.user, subject=data["subject"], body=data["body"]
                )
            except ValidationError as exc:
                _errors_to(form, exc)
            else:
                messages.success(
                    request, _("Ticket sent. The issuer's staff answer here and by e-mail.")
                )
                return redirect("support:ticket", ticket.pk)
    return render(request, "support/ticket_new.html", {"form": form}, status=400)


def _readable(request, pk):
    ticket = selectors.readable_ticket(request.user, pk)
    if ticket is None:
        raise Http404
    return ticket


def _ticket_page(request, ticket, form=None, status=200):
    is_staff = permissions.can_answer_ticket(request.user, ticket) and (
        ticket.earner_id != request.user.pk
    )
    if form is None:
        form = StaffReplyForm() if is_staff else ReplyForm()
    hide_earner = is_staff and selectors.assessed_by(ticket.submission, request.user)
    return render(
        request,
        "support/ticket_detail.html",
        {
            "ticket": ticket,
            "thread": selectors.thread(ticket, for_staff=is_staff, hide_earner=hide_earner),
            "hide_earner": hide_earner,
            "desk": selectors.desk_name(ticket),
            "is_staff": is_staff,
            "form": form,
        },
        status=status,
    )


@require_GET
@login_required
def ticket(request, pk):
    return _ticket_page(request, _readable(request, pk))


@require_POST
@login_required
def reply(request, pk):
    ticket = _readable(request, pk)
    is_staff = permissions.can_answer_ticket(request.user, ticket) and (
        ticket.earner_id != request.user.pk
    )
    form = (StaffReplyForm if is_staff else ReplyForm)(request.POST)
    if form.is_valid():
        try:
            services.reply(
                ticket,
                by=request.user,
                body=form.cleaned_data["body"],
                status=form.cleaned_data.get("status"),
            )
        except ValidationError as exc:
            _errors_to(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Message sent."))
            return redirect("support:ticket", ticket.pk)
    return _ticket_page(request, ticket, form, status=400)


@require_POST
@login_required
def solved(request, pk):
    ticket = _readable(request, pk)
    services.mark_solved(ticket, by=request.user)
    messages.success(request, _("Ticket marked solved. Writing in it again reopens it."))
    return redirect("support:ticket", ticket.pk)


@require_GET
@login_required
def desk(request):
    if not selectors.has_desk(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in TicketStatus.values:
        status = ""
    try:
        micro_credential = int(request.GET.get("mc") or 0) or None
    except ValueError:
        micro_credential = None
    sort = request.GET.get("sort", "oldest")
    if sort not in selectors.SORTS:
        sort = "oldest"
    queue = selectors.staff_queue(
        request.user, status=status, micro_credential=micro_credential, sort=sort
    )
    return render(
        request,
        "support/desk.html",
        {
            "queue": queue,
            "status": status,
            "micro_credential": micro_credential,
            "sort": sort,
            "statuses": [
                (value, label, queue.status_counts[value]) for value, label in TicketStatus.choices
            ],
        },
    )
