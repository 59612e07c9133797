from django_tasks import task

from . import service_level
from .services import assign


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
