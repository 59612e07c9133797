from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .invitation_links import invitation_path
from .models import Invitation, InvitationStatus

# Mails go out over one connection per batch, each marked sent in the batch's transaction.
BATCH = 200


@task()
def send_invitations(invitation_ids: list[int]) -> int:
    """Mail each waiting invitation once: one already sent (for its current link) is
    skipped, so a rerun sends nothing."""
    sent = 0
    for start in range(0, len(invitation_ids), BATCH):
        with transaction.atomic():
            invitations = list(
                Invitation.objects.select_for_update(of=("self",))
                .select_related("organization", "invited_by")
                .filter(pk__in=invitation_ids[start : start + BATCH], sent_at__isnull=True)
                .order_by("pk")
            )
            waiting = [i for i in invitations if i.status == InvitationStatus.PENDING]
            if not waiting:
                continue
            with get_connection() as connection:
                connection.send_messages([_message(i) for i in waiting])
            Invitation.objects.filter(pk__in=[i.pk for i in waiting]).update(sent_at=timezone.now())
            sent += len(waiting)
    return sent


def _message(invitation: Invitation) -> EmailMessage:
    inviter = invitation.invited_by
    values = {
        "inviter": (inviter.name or inviter.email) if inviter else invitation.organization.name,
        "organization": invitation.organization.name,
        "role": invitation.role_name.lower(),
        "link": settings.BASE_URL + invitation_path(invitation),
        "date": invitation.expires_at.date().isoformat(),
    }
    subject = _("You are invited to %(organization)s on microcred") % values
    body = (
        _(
            "%(inviter)s invited you to join %(organization)s as %(role)s.\n\n"
            "Open this link to accept. If you have no account yet, you make one there:\n"
            "%(link)s\n\n"
            "The link works until %(date)s. If you did not expect this invitation, ignore it."
        )
        % values
    )
    return EmailMessage(subject, body, None, [invitation.email])
