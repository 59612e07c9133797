"""Fixtures for reports' tests, and the Debian tools the certificate image tests need.

poppler-utils (pdftoppm renders a page to an image), zbar-tools (zbarimg decodes the QR
code) and tesseract-ocr (reads the rendered page back as text) are installed by
scripts/browser.sh, which make install-dev runs. Without them the image tests are skipped
with a loud reason on a laptop; under CI (the CI variable set) they fail instead.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from microcred.accounts.models import Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.availability import skip_or_fail

_skipped: list[str] = []

TOOLS = {
    "pdftoppm": "poppler-utils",
    "zbarimg": "zbar-tools",
    "tesseract": "tesseract-ocr",
}


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_sep(
            "!", f"CERTIFICATE IMAGE TESTS SKIPPED: {_skipped[0]}", red=True, bold=True
        )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        skip_or_fail(
            f"{name} is not installed (Debian's {TOOLS[name]}; scripts/browser.sh installs it)",
            what="the certificate image tests",
            skipped=_skipped,
        )
    return path


def _run(*args: str) -> str:
    return subprocess.run(  # noqa: S603 (our own arguments, no shell)
        args, check=True, capture_output=True, text=True, timeout=60
    ).stdout


@pytest.fixture(scope="session")
def render_page():
    """The first page of a PDF as a PNG at 150 dpi, as a printer or a scanner sees it."""
    pdftoppm = _tool("pdftoppm")

    def render(pdf: bytes, folder: Path) -> Path:
        source = folder / "document.pdf"
        source.write_bytes(pdf)
        _run(pdftoppm, "-r", "150", "-png", "-singlefile", str(source), str(folder / "page"))
        return folder / "page.png"

    return render


@pytest.fixture(scope="session")
def decode_qr():
    """Every QR code zbar finds in an image, as text."""
    zbarimg = _tool("zbarimg")

    def decode(image: Path) -> list[str]:
        output = _run(zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image))
        return [line for line in output.splitlines() if line]

    return decode


@pytest.fixture(scope="session")
def ocr():
    """The text tesseract reads in an image."""
    tesseract = _tool("tesseract")

    def read(image: Path) -> str:
        return _run(tesseract, str(image), "-", "--psm", "3")

    return read


# -- People ---------------------------------------------------------------------------------


@pytest.fixture
def state():
    return OrganizationFactory(kind=Organization.Kind.STATE, name="Summit State Department")


@pytest.fixture
def district_admin(district):
    user = UserFactory(name="Dana Districtadmin")
    MembershipFactory(user=user, organization=district, role=Role.ORG_ADMIN)
    return user


@pytest.fixture
def other_district():
    return OrganizationFactory(kind=Organization.Kind.DISTRICT, name="Cedar Hollow Schools")


@pytest.fixture
def other_educator(other_district):
    user = UserFactory(name="Nico Neighbour")
    MembershipFactory(user=user, organization=other_district, role=Role.EARNER)
    return user


@pytest.fixture
def state_admin(state):
    user = UserFactory(name="Sol Stateadmin")
    MembershipFactory(user=user, organization=state, role=Role.ORG_ADMIN)
    return user
