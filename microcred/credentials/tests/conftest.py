"""Fixtures of the credentials tests."""

import pytest

from .ob2_validator import answered_by_our_views


@pytest.fixture
def ob2_validator(monkeypatch):
    """validate(url or open image file) → 1EdTech's Open Badges 2.0 validator's result,
    its HTTP requests answered by our views."""
    return answered_by_our_views(monkeypatch)
