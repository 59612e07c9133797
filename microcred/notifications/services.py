from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(users, *, subject: str, body: str, url: str = "") -> list[Notification]:
    """Tell each user in the platform, and by e-mail once the transaction commits."""
    notifications = Notification.objects.bulk_create(
        [Notification(user=user, subject=subject[:200], body=body, url=url) for user in users]
    )
    ids = [n.pk for n in notifications]
    transaction.on_commit(lambda: _enqueue(ids))
    return notifications


def notify_each(messages) -> list[Notification]:
    """Tell several people one thing each, in one write: messages are dicts of user,
    subject, body and url. For callers whose query count must not grow with the list."""
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                user=m["user"], subject=m["subject"][:200], body=m["body"], url=m.get("url", "")
            )
            for m in messages
        ]
    )
    ids = [n.pk for n in notifications]
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return notifications


def _enqueue(ids: list[int]) -> None:
    from .tasks import send_notification_emails

    send_notification_emails.enqueue(ids)


@transaction.atomic
def mark_read(notification: Notification, *, by) -> None:
    Notification.objects.filter(pk=notification.pk, user=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def mark_all_read(*, by) -> None:
    Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
