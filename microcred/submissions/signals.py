"""What a submission's moves tell the apps above it.

Assessment sits above submissions (its assignments point at submissions), so submissions
cannot call it; it listens here instead, connecting in its `AppConfig.ready`.
"""

from django.dispatch import Signal

# After the submitting transaction commits, with `submission_id`: review can be staffed.
submitted = Signal()
# Inside the withdrawing transaction, with the submission row locked, with `submission`:
# whatever was offered for it closes in the same transaction as the withdrawal.
withdrawn = Signal()
