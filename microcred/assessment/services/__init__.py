"""The assessment services, one module per concern: an assessor's side of a review
(`reviews`), deciding a submission (`decisions`), the assignment sweep (`assign`) and the
anchors it slips into live queues (`anchor_rotation`)."""
