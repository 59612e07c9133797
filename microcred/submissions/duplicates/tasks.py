from django_tasks import task

from . import services


@task()
def check_for_duplicates(submission_id: int) -> int:
    """Compare a submitted attempt with the others; a second run changes nothing."""
    check = services.check_submission(submission_id)
    return check.flags if check else 0
