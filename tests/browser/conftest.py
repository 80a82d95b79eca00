"""Browser tests: Debian's headless Chromium driven by Playwright against pytest-django's live server.

They skip, saying why, when /usr/bin/chromium is missing, unless CASCADE_REQUIRE_BROWSER=1
(CI sets it), which turns a missing browser into a failure. Screenshots of the main pages
go to artifacts/screenshots/ (not committed).
"""

import os
from pathlib import Path

import pytest

from accounts.models import Person
from demo.builder import build_demo_company

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
# thread with a running loop unless told that this is deliberate (test set-up only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def missing_browser(executable: str = CHROMIUM, environ=os.environ) -> tuple[str, str] | None:
    """None when the browser can run; else ("skip" or "fail", why)."""
    if os.access(executable, os.X_OK):
        return None
    reason = f"Debian's Chromium is not installed at {executable} (apt-get install chromium)"
    if environ.get("CASCADE_REQUIRE_BROWSER") == "1":
        return "fail", f"{reason}, and CASCADE_REQUIRE_BROWSER=1 says the browser tests must run."
    return "skip", f"{reason}; browser tests skipped (CI sets CASCADE_REQUIRE_BROWSER=1 to fail instead)"


@pytest.fixture(scope="session")
def chromium():
    missing = missing_browser()
    if missing is not None:
        outcome, reason = missing
        (pytest.fail if outcome == "fail" else pytest.skip)(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo_company(transactional_db):
    build_demo_company()
    return {person.username: person for person in Person.objects.filter(username__in=DEMO_USERS)}


DEMO_USERS = ["alex.rivera", "jordan.blake", "marcus.oyelaran"]


@pytest.fixture
def open_page(chromium, live_server):
    """Open a signed-in page: ``open_page("alex.rivera")``; each call is its own browser session."""
    contexts = []

    def open_as(username: str, viewport: dict = DESKTOP):
        context = chromium.new_context(viewport=viewport, base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.javascript_errors = errors
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("cascade")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield open_as
    for context in contexts:
        context.close()


def screenshot(page, name: str, full_page: bool = True) -> None:
    """Save a screenshot of the page as it is now under artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
