"""What an award's moves tell the apps above it.

Both are sent inside the transaction that makes the move, from the award's door
(`issuing/lifecycle.py`); a listener that acts outside the database waits for the commit
(`transaction.on_commit`), so a rollback tells nobody.
"""

from django.dispatch import Signal

# Awards were made (one, or a cohort's), with `award_ids`.
issued = Signal()
# An award was revoked, with `award_id`.
revoked = Signal()
