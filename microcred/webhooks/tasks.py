from django_tasks import task

from . import services


@task()
def announce(event_type: str, ids: list[int], key: str) -> int:
    """Make the deliveries of an event that committed; `key` names the occurrence, so
    running twice makes them once."""
    return len(services.announce(event_type, ids, key=key))


@task()
def deliver(delivery_id: int) -> str:
    """One attempt at a delivery if it is due; one that is not is left as it is, so running
    twice sends once."""
    delivery = services.attempt(delivery_id)
    return delivery.status if delivery is not None else "not due"


@task()
def send_due_deliveries() -> int:
    """Queue an attempt for every delivery due (retries, and attempts whose worker died)."""
    due = services.due_deliveries()
    for pk in due:
        deliver.enqueue(pk)
    return len(due)
