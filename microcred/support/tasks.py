from django_tasks import task

from . import services


@task()
def open_overdue_tickets() -> int:
    """Open a ticket for each submission past its service-level date. Safe to run twice."""
    return services.open_overdue_tickets()
