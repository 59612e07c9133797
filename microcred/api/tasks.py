from django_tasks import task

from .idempotency import forget_old


@task()
def forget_old_idempotency_keys() -> int:
    """Delete the idempotency keys past API_IDEMPOTENCY_HOURS; safe to run twice."""
    return forget_old()
