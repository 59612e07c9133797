"""The assessment pages, one module per concern: the assessor's queue and reviews,
calibration, anchors, reliability, service level and assessor pools."""
