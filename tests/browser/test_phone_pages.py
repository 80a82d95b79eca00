"""At 390 px: the goal page's check-in history and chart, the parent picker and the approval cards stay readable."""

from decimal import Decimal

from playwright.sync_api import expect

from goals.models import Goal
from tests.browser.conftest import PHONE, screenshot
from tests.factories import CheckInFactory


def test_the_goal_page_history_and_chart_read_at_phone_width(open_page, demo_company):
    goal = Goal.objects.filter(owner__username="alex.rivera", cycle__phase="active", metric="new ARR").first()
    CheckInFactory(
        goal=goal,
        author=demo_company["alex.rivera"],
        value=goal.current + Decimal(1000),
        note="Two renewals slipped into next quarter; the Boston pipeline covers the gap by March.",
    )
    page = open_page("alex.rivera", viewport=PHONE)
    page.goto(f"/goals/{goal.pk}/")
    table = page.locator(".checkin-history")
    table.scroll_into_view_if_needed()
    note = table.locator('td[data-label="Note"]').first
    by = table.locator('td[data-label="By"]').first
    expect(note).to_contain_text("Two renewals slipped")
    for cell in (note, by):
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        label = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label in ('"Note"', '"By"')
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    label_heights = page.locator(".chart__label").evaluate_all(
        "labels => labels.map(l => l.getBoundingClientRect().height)"
    )
    assert label_heights and min(label_heights) >= 10  # about 6 px before
    screenshot(page, "goal-phone")
    assert page.javascript_errors == []


def test_the_parent_picker_scrolls_with_the_page_at_phone_width(open_page, demo_company):
    page = open_page("alex.rivera", viewport=PHONE)
    page.goto("/goals/new/")
    options = page.locator("#parent-options")
    expect(options).to_be_visible()
    assert options.evaluate("box => getComputedStyle(box).overflowY") == "visible"
    assert options.evaluate("box => box.scrollHeight <= box.clientHeight + 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_approval_cards_keep_their_column_names_at_phone_width(open_page, demo_company):
    page = open_page("jordan.blake", viewport=PHONE)
    page.goto("/approvals/")
    row = page.locator(".approvals__table tbody tr").first
    expect(row).to_be_visible()
    names = [
        row.locator(f'td[data-label="{name}"]').evaluate("cell => getComputedStyle(cell, '::before').content")
        for name in ("Parent", "Target", "Submitted")
    ]
    assert names == ['"Parent"', '"Target"', '"Submitted"']
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
