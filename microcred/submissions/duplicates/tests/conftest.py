import pytest

from microcred.catalog.tests.factories import published_version


@pytest.fixture
def version(issuer, issuer_admin):
    """A free micro-credential whose one requirement takes a file or a written answer."""
    return published_version(
        issuer_admin, micro_credential__issuer=issuer, title="Exit Tickets That Inform", fee=0
    )
