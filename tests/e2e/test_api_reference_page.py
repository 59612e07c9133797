"""The REST API's reference page, read from its OpenAPI document: readable on a phone, with
and without JavaScript, and every operation listed with the scope it needs."""

import pytest
import requests
from playwright.sync_api import expect

from .conftest import assert_accessible

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_developer_reads_the_api_reference(new_page, live_server, javascript):
    document = requests.get(f"{live_server.url}/api/openapi.json", timeout=10).json()
    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto("/api/docs/")
    expect(page.get_by_role("heading", name="REST API reference", level=1)).to_be_visible()
    for path, operations in document["paths"].items():
        for operation in operations.values():
            expect(page.locator(f"#{operation['operationId']}")).to_contain_text(path)
    expect(page.get_by_role("link", name="/api/openapi.json")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if javascript:
        assert_accessible(page)
