from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Mail each notification once: one already mailed is skipped, so a rerun sends nothing."""
    sent = 0
    for notification_id in notification_ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("user")
                .filter(pk=notification_id, emailed_at__isnull=True)
                .first()
            )
            if notification is None or not notification.user.email:
                continue
            link = f"\n\n{settings.BASE_URL}{notification.url}" if notification.url else ""
            send_mail(
                notification.subject,
                notification.body + link,
                None,
                [notification.user.email],
            )
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent
