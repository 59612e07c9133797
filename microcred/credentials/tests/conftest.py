"""Fixtures of the credentials tests."""

import pytest
import requests
from openbadges.verifier import utils as validator_utils

from .ob2_validator import DjangoAdapter, pyld_compatible, run_validator


@pytest.fixture
def ob2_validator(monkeypatch):
    """validate(url or open image file) → 1EdTech's Open Badges 2.0 validator's result,
    its HTTP requests answered by our views."""
    adapter = DjangoAdapter()
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: adapter)
    monkeypatch.setattr(
        validator_utils.CachableDocumentLoader,
        "__call__",
        pyld_compatible(validator_utils.CachableDocumentLoader.__call__),
    )
    run_validator.adapter = adapter
    return run_validator
