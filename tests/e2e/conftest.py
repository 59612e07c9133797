"""Browser journeys: Debian's chromium driven by Playwright, with axe-core checks.

Playwright's own browser download cannot work on our machines, so the journeys drive
/usr/bin/chromium (the test command installs it). Without a browser they are skipped
with a loud reason; CI has one.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"!!! NO BROWSER: {CHROMIUM} is missing, so the browser journeys are SKIPPED")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("!!! Playwright is not installed: the browser journeys are SKIPPED")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (one person each): new_page() -> Page."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on the page as it stands."""
    if not AXE.exists():
        raise AssertionError(
            f"axe-core is missing at {AXE}; run `npm ci --prefix tests/e2e` (make test does)."
        )
    page.evaluate(AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"Accessibility problems on {page.url}:\n" + "\n".join(serious)


def link_in_mail(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)
