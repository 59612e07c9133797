from django_tasks import task

from . import registry


@task()
def publish_to_registry(publication_id: int) -> str:
    """Send an issuer's published catalog to the Credential Engine registry. A publication
    already sent (or refused) is left as it is, so running twice sends once."""
    return registry.publish(publication_id).outcome
