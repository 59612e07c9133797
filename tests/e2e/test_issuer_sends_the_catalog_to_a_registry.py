"""An issuer's admin opens registry publishing from the issuer's credentials page; with no
registry key configured, asking to publish sends nothing and the page says so. The page
passes axe, fits a phone, and is not under /admin/."""

from playwright.sync_api import expect

from microcred.catalog.tests.factories import published_version

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}


def test_with_no_registry_key_the_admin_is_told_nothing_was_sent(
    new_page, settings, issuer, issuer_admin
):
    settings.CREDENTIAL_REGISTRY_API_KEY = ""
    published_version(issuer_admin, micro_credential__issuer=issuer)
    page = new_page(viewport=PHONE)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(issuer_admin.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"/author/credentials/{issuer.slug}/")
    page.get_by_role("link", name="Publishing to the Credential Engine registry").click()
    expect(page.get_by_text("No registry key is configured on this platform")).to_be_visible()
    page.get_by_role("button", name="Publish to the registry").click()
    expect(page.get_by_text("Nothing was sent: no registry key is configured.")).to_be_visible()
    history = page.get_by_role("region", name="Earlier publishing")
    expect(history.get_by_text("Not sent: no registry key is configured")).to_be_visible()

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 375px screen"
    assert_accessible(page)
    assert "/admin/" not in page.url
