"""Every page an assessor or an organization's admin reaches works on a 375-pixel phone.

On the demo platform, each demo assessor, issuer admin, district admin, state admin and
platform staff member opens their home page and follows every link of the site from
page to page (the public catalog's own pages and file downloads aside, which other
journeys cover). Each page must fit the screen without sideways scrolling, show every
action (a button, or a link or control in a table) inside the screen, and pass axe. An
assessor then accepts a review offered to them and scores it: the Met and Not met
choices are large enough to tap."""

import io
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from microcred.accounts.models import User
from microcred.demo import loader

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}
# The smallest target a finger reliably hits (WCAG 2.5.5, Apple's and Google's guides).
TAP = 44
# Demo accounts by journey: assessors with offers, with calibration results, paused for
# retraining and yet to calibrate; issuer admins (who also answer the help desk) and a
# facilitator; district and state admins; platform staff.
JOURNEYS = {
    "assessor": ("assessor", "assessor3", "assessor-new", "assessor-drifting", "assessor-waiting"),
    "issuer admin": ("issuer-admin", "issuer-admin-prairie", "facilitator"),
    "district and state admin": ("district-admin", "state-admin"),
    "platform staff": ("staff",),
}
# Pages outside these journeys: public pages covered by the catalog and badge journeys,
# files, the account pages of allauth, and the Django admin.
ELSEWHERE = re.compile(
    r"^/(admin|accounts|media|static|i18n|catalog/.|stacks/.|issuers/|achievements/|badges/)"
    r"|\.(json|csv|pdf|png|svg)$|/evidence/"
)
# Pages that someone reaches by their address (bookmarked, or from an e-mail) rather
# than by a link; a person who may not see one is answered 403 and it is left out.
UNLINKED = ("/author/service-level/",)
# A page of each kind is enough: the second micro-credential's editor is laid out as
# the first. Three of each catch what one item's longer words or extra buttons do.
PER_KIND = 3

MEASURE = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const actions = document.querySelectorAll(
    'button, input[type=submit], a.button, main table a, main table input, main table select'
  );
  const outside = [];
  for (const el of actions) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // hidden, as in a closed <details>
    if (box.left < -1 || box.right > width + 1) {
      outside.push(`${(el.innerText || el.value || el.outerHTML).trim().slice(0, 60)}`
        + ` at ${Math.round(box.left)}-${Math.round(box.right)} px`);
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, outside};
}"""


@pytest.fixture
def demo(transactional_db):
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
    staff = User.objects.get(email=loader.email("staff"))
    # Staff must use a second factor: theirs is set up, as it is after their first sign-in.
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")


def _signed_in(new_page, live_server, key):
    client = Client()
    client.force_login(User.objects.get(email=loader.email(key)))
    page = new_page(viewport=PHONE)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return page


def _kind(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def _problems(page) -> list[str]:
    figures = page.evaluate(MEASURE)
    problems = []
    if figures["scrollWidth"] > figures["clientWidth"]:
        problems.append(
            f"{page.url} scrolls sideways: {figures['scrollWidth']} px wide "
            f"in {figures['clientWidth']} px"
        )
    problems += [f"{page.url}: action off screen: {action}" for action in figures["outside"]]
    try:
        assert_accessible(page)
    except AssertionError as exc:
        problems.append(str(exc))
    return problems


def _walk(page, live_server) -> tuple[list[str], list[str]]:
    """Visit every page reachable by links from home; return the pages and the problems."""
    host = urlsplit(live_server.url).netloc
    todo, seen, kinds = ["/", *UNLINKED], set(), Counter()
    visited, problems = [], []
    while todo:
        path = todo.pop(0)
        if path in seen or kinds[_kind(urlsplit(path).path)] >= PER_KIND:
            continue
        seen.add(path)
        kinds[_kind(urlsplit(path).path)] += 1
        response = page.goto(path)
        if path in UNLINKED and response.status == 403:
            continue
        visited.append(page.url)
        assert response.ok, f"{path} answered {response.status}"
        problems += _problems(page)
        for href in page.eval_on_selector_all(
            "main a[href], header a[href]", "links => links.map(a => a.getAttribute('href'))"
        ):
            url = urlsplit(urljoin(page.url, href))
            target = url.path + (f"?{url.query}" if url.query else "")
            if url.netloc == host and not ELSEWHERE.search(url.path) and target not in seen:
                todo.append(target)
    return visited, problems


@pytest.mark.parametrize("journey", JOURNEYS)
def test_every_page_of_the_journey_fits_a_phone_with_its_actions_on_screen(
    new_page, live_server, demo, journey
):
    visited, problems = [], []
    for person in JOURNEYS[journey]:
        pages, found = _walk(_signed_in(new_page, live_server, person), live_server)
        assert len(pages) > 5, (person, pages)
        visited += pages
        problems += [f"{person}: {problem}" for problem in found]

    assert not [url for url in visited if "/admin/" in url]
    assert not problems, "\n".join(problems)


def _assert_met_and_not_met_are_large_enough_to_tap(page) -> None:
    choices = page.locator("fieldset.criterion").first
    for label in ("Met", "Not met"):
        target = choices.locator("label").filter(has_text=re.compile(f"^{label}$"))
        box = target.bounding_box()
        assert box["width"] >= TAP, (label, box)
        assert box["height"] >= TAP, (label, box)
    # A tap on the words, away from the small radio button, chooses.
    target.click(position={"x": box["width"] - 8, "y": box["height"] / 2})
    expect(choices.get_by_label("Not met", exact=True)).to_be_checked()


def test_an_assessor_taps_met_or_not_met_in_a_review_and_in_calibration(
    new_page, live_server, demo
):
    page = _signed_in(new_page, live_server, "assessor3")
    page.goto("/assessor/")
    accept = page.get_by_role("button", name=re.compile(r"^Accept ")).first
    reference = accept.inner_text().removeprefix("Accept ")
    accept.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    _assert_met_and_not_met_are_large_enough_to_tap(page)
    assert not _problems(page)

    newcomer = _signed_in(new_page, live_server, "assessor-waiting")
    newcomer.goto("/assessor/calibration/")
    newcomer.get_by_role("button", name=re.compile(r"^Calibrate for ")).first.click()
    expect(newcomer.get_by_role("heading", name=re.compile("^Calibration for"))).to_be_visible()
    _assert_met_and_not_met_are_large_enough_to_tap(newcomer)
    assert not _problems(newcomer)
