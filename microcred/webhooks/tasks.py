from django_tasks import default_task_backend, task

from . import delivering
from .models import DeliveryStatus


@task()
def announce(event_type: str, ids: list[int], key: str) -> int:
    """Make the deliveries of an event that committed and queue each; `key` names the
    occurrence, so running twice makes them once."""
    made = delivering.announce(event_type, ids, key=key)
    for pk in made:
        deliver.enqueue(pk)
    return len(made)


@task()
def deliver(delivery_id: int) -> str:
    """One attempt at a delivery if it is due; one that is not is left as it is, so running
    twice sends once. A retry is queued for its time where the queue can wait; elsewhere
    the periodic round (`send_due_deliveries`) finds it due."""
    delivery = delivering.attempt(delivery_id)
    if delivery is None:
        return "not due"
    if (
        delivery.status == DeliveryStatus.PENDING
        and delivery.next_attempt_at is not None
        and default_task_backend.supports_defer
    ):
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery_id)
    return delivery.status


@task()
def send_due_deliveries() -> int:
    """Queue an attempt for every delivery due (retries, and attempts whose worker died)."""
    due = delivering.due_deliveries()
    for pk in due:
        deliver.enqueue(pk)
    return len(due)
