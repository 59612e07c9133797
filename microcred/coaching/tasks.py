from django_tasks import task

from . import services


@task()
def remind_cohort_deadlines() -> int:
    """Remind cohort earners of deadlines coming up. Safe to run twice."""
    return services.remind_deadlines()
