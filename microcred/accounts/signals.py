"""What a change of roles tells the apps above it.

Sent inside the transaction that gives the role (`services._take_role`, behind
`grant_role` and `accept_invitation`); a listener that acts outside the database waits for
the commit (`transaction.on_commit`), so a rollback tells nobody.
"""

from django.dispatch import Signal

# Someone took a role in an organization (new, or held again), with `membership_id`.
role_taken = Signal()
