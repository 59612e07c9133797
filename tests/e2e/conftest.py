"""Browser journeys: Debian's chromium driven by Playwright, with axe-core checks.

Playwright's own browser download cannot work on our machines, so the journeys drive
/usr/bin/chromium (the test command installs it). Without a browser they are skipped
with a loud reason on a laptop; under CI (the CI variable set) they fail instead, so a
broken CI image can never pass by skipping them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.availability import skip_or_fail

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
# Impacts that fail a page; "minor" and "moderate" findings are left to review.
BLOCKING_IMPACTS = ("serious", "critical")

_skipped: list[str] = []
# Contexts opened with JavaScript off: axe cannot run in them, and asking would hang.
_scriptless: set[int] = set()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        terminalreporter.write_sep(
            "!", f"BROWSER JOURNEYS SKIPPED: {_skipped[0]}", red=True, bold=True
        )


def _unavailable(reason: str):
    skip_or_fail(reason, what="the browser journeys", skipped=_skipped)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no browser at {CHROMIUM} (make install-dev installs Debian's chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (requirements/dev.txt)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Error as exc:
            _unavailable(f"{CHROMIUM} does not start: {exc.message.splitlines()[0]}")
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (one person each): new_page() -> Page.

    Options go to browser.new_context: new_page(java_script_enabled=False, viewport=...).
    A script error, or anything the Content-Security-Policy refuses, fails the test: both
    mean a page that half works.
    """
    contexts = []
    broken: list[str] = []

    def watch(page):
        def on_console(message):
            if "Content Security Policy" in message.text:
                broken.append(f"{page.url}: {message.text}")

        page.on("pageerror", lambda error: broken.append(f"{page.url}: {error}"))
        page.on("console", on_console)

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        if options.get("java_script_enabled") is False:
            _scriptless.add(id(context))
        page = context.new_page()
        watch(page)
        return page

    yield open_page
    for context in contexts:
        _scriptless.discard(id(context))
        context.close()
    assert not broken, "Scripts failed in the browser:\n" + "\n".join(broken)


@pytest.fixture
def page(new_page):
    return new_page()


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation on the page as it stands.

    axe is evaluated through the DevTools protocol rather than added as a <script>: the
    site's Content-Security-Policy (script-src 'self') rightly refuses inline scripts.
    """
    if id(page.context) in _scriptless:
        raise AssertionError("axe-core needs JavaScript; check this page in a context with it.")
    if not AXE.exists():
        raise AssertionError(
            f"axe-core is missing at {AXE}; run `npm ci --prefix tests/e2e` (make test does)."
        )
    page.evaluate(AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    problems = [
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(
            f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}" for node in nodes[:5]
        )
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for nodes in [violation["nodes"]]
    ]
    assert not problems, f"Accessibility problems on {page.url}:\n" + "\n".join(problems)


def link_in_mail(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)
