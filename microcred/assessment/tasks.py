from django_tasks import task

from . import service_level
from .notifications import announce_offers  # noqa: F401  (see below)
from .services import assign

# Offers were once announced by a task of this module; the database queue may still hold
# such tasks, named by this module's path, when a platform is upgraded. The import above
# keeps that name pointing at the task that now announces offers.


@task()
def assign_assessors() -> int:
    """Fill every open review seat. Safe to run twice, or twice at once."""
    return assign.sweep()


@task()
def remind_assessors() -> int:
    return service_level.remind_assessors()


@task()
def escalate_overdue() -> int:
    return service_level.escalate_overdue()
