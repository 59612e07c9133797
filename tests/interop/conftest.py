"""The independent verifier (verify.mjs on node) as a fixture.

Without node or the verifier's npm packages the tests that use it are skipped with a
loud reason on a laptop; under CI (the CI variable set) they fail instead, so a broken CI
image can never pass by skipping them. make install-dev runs the npm install.
"""

from __future__ import annotations

import pytest

from tests.availability import skip_or_fail
from tests.interop.harness import NODE_MODULES, independent_verify, node_path

_skipped: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_sep(
            "!", f"INDEPENDENT VERIFIER TESTS SKIPPED: {_skipped[0]}", red=True, bold=True
        )


def _unavailable(reason: str):
    skip_or_fail(reason, what="the independent verifier's tests", skipped=_skipped)


@pytest.fixture(scope="session")
def independent_verifier():
    """independent_verify (tests/interop/harness.py), once node and its packages exist."""
    if node_path() is None:
        _unavailable("node is not installed (Debian's nodejs and npm)")
    packages = (NODE_MODULES / "@digitalbazaar" / "vc", NODE_MODULES / "jose")
    if not all(package.is_dir() for package in packages):
        _unavailable(
            f"the verifier's npm packages are missing in {NODE_MODULES}; "
            "run `npm ci --prefix tests/interop` (make install-dev does)"
        )
    return independent_verify
