"""Tests that need a tool from outside Python (a browser, node): skipped loudly on a
laptop without it, failed under CI (the CI variable set), so that a broken CI image can
never pass by skipping them."""

from __future__ import annotations

import os

import pytest


def skip_or_fail(reason: str, *, what: str, skipped: list[str]):
    """Skip the test, or fail it under CI; `what` names the tests, `skipped` collects
    the first reason for the run's summary line."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}; CI must run {what}.", pytrace=False)
    if not skipped:
        skipped.append(reason)
    pytest.skip(f"!!! {reason}: {what} are SKIPPED")
