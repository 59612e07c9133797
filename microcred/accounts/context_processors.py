from microcred import permissions


def navigation(request):
    """What the site header offers this visitor."""
    user = request.user
    return {
        "nav_can_author": permissions.can_author_anywhere(user),
        "nav_is_staff": permissions.is_platform_staff(user),
    }
