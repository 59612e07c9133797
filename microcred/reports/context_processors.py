from django.contrib.auth.models import AnonymousUser

from . import selectors


def navigation(request):
    """The districts and state agencies whose educators this visitor reports on."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {"nav_educator_organizations": selectors.administered_organizations(user)}
