"""What assessment's moves tell the apps above it.

Sent inside the deciding transaction; a listener that acts outside the database waits for
the commit (`transaction.on_commit`), so a rollback tells nobody.
"""

from django.dispatch import Signal

# A submission was decided (Met or Not met), with `decision_id`.
decided = Signal()
