"""The API doc page renders in a real browser with no network beyond this server."""

import os
import shutil

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def page():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CASCADE_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here but missing at /usr/bin/chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*args, "--disable-sync"])
        page = browser.new_page()
        yield page
        browser.close()


def test_swagger_ui_shows_the_operations_loaded_from_the_schema(page, live_server):
    outside_requests = []
    page.on(
        "request", lambda request: None if request.url.startswith(live_server.url) else outside_requests.append(request)
    )
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/auth/token/" in [path.strip() for path in paths]
    assert [request.url for request in outside_requests if not request.url.startswith("data:")] == []
