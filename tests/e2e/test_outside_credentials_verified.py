"""A verifier on a phone checks credentials made elsewhere: Digital Bazaar's, whose single
`proof` object is a warning and not an error, and 1EdTech's CLR sample, whose example.edu
key the platform's operator pinned; the page says which is which and stays accessible."""

import re

from playwright.sync_api import expect

from microcred.credentials.models import PinnedKey
from tests.interop.harness import HERE

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}
SAMPLES = HERE / "samples"
EDU_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
CORP_KEY = "z6MkvREVgsHx7Ppae68vCoByy73ZD4aMSJiPML2cryVL8JAx"


def _verify(page, name: str):
    """Drop the file on the verifier page; a result page carries the form again."""
    if not page.url.endswith("/verify/"):
        page.goto("/verify/")
    page.get_by_label("Credential file").set_input_files(str(SAMPLES / name))
    page.get_by_role("button", name="Verify", exact=True).click()


def test_a_verifier_sees_warnings_and_pinned_keys_apart_from_errors(new_page):
    for method, controller, key in (
        (
            f"https://example.edu/issuers/565049#{EDU_KEY}",
            "https://example.edu/issuers/565049",
            EDU_KEY,
        ),
        (
            f"https://example.com/issuers/876543#{CORP_KEY}",
            "https://example.com/issuers/876543",
            CORP_KEY,
        ),
    ):
        PinnedKey.objects.create(
            verification_method=method,
            controller=controller,
            public_key_multibase=key,
            note="1EdTech's test issuer",
        )
    page = new_page(viewport=PHONE)

    _verify(page, "digitalbazaar-ob3-single-proof.json")
    result = page.get_by_role("region", name=re.compile("Verified"))
    expect(result).to_be_visible()
    expect(result.get_by_text("1 warning below (marked !)")).to_be_visible()
    expect(result.get_by_text(re.compile("proof holds a single value"))).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    _verify(page, "1edtech-clr-simple.json")
    result = page.get_by_role("region", name=re.compile("Verified"))
    expect(result).to_be_visible()
    expect(result.get_by_text(re.compile("Key pinned by this platform's operator"))).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
