from django.contrib.auth.models import AnonymousUser

from microcred import permissions
from microcred.notifications.models import Notification


def navigation(request):
    """What the site header offers this visitor."""
    # A request refused before authentication ran (a bad Host header, say) has no user.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "nav_can_author": permissions.can_author_anywhere(user),
        "nav_is_staff": permissions.is_platform_staff(user),
        "nav_is_assessor": permissions.is_assessor(user),
        "nav_unread": _unread(user),
    }


def _unread(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
