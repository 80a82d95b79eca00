"""Journey: an executive maps an unmapped goal onto an objective in the workshop and sees the counts change."""

from playwright.sync_api import expect

from goals.models import Cycle, Goal, Phase, Tier
from tests.browser.conftest import PHONE, screenshot


def test_an_executive_maps_a_goal_in_the_workshop_by_drag_and_drop(open_page, demo_company):
    cycle = Cycle.objects.get(phase=Phase.WORKSHOP)
    goal = Goal.objects.get(cycle=cycle, tier=Tier.EXECUTIVE, title__startswith="APAC new ARR")
    objective = Goal.objects.get(cycle=cycle, tier=Tier.CORPORATE, metric="new ARR")

    page = open_page("marcus.oyelaran")
    page.get_by_role("link", name="Workshop").click()
    expect(page.get_by_role("heading", name=f"{cycle.name} · Alignment workshop")).to_be_visible()
    expect(page.locator("#count-unmapped")).to_have_text("3")
    short_before = int(page.locator("#count-short").inner_text())
    unmapped = page.locator(".workshop-unmapped")
    column = page.locator(f"#objective-{objective.pk}")
    expect(unmapped.locator(f"#goal-{goal.pk}")).to_be_visible()
    screenshot(page, "workshop")

    # Drop on the column's heading: both ends then sit in the viewport, so nothing scrolls mid-drag.
    page.locator(f"#goal-{goal.pk} .workshop-goal__title").drag_to(column.locator("h3"))

    expect(page.locator("#count-unmapped")).to_have_text("2")
    expect(column.locator(f"#goal-{goal.pk}")).to_be_visible()
    expect(page.locator("#count-short")).to_have_text(str(short_before - 1))
    expect(page.locator("#decision-list")).to_contain_text(f"Mapped {goal.title}")
    expect(page.locator("#close-warning")).to_have_text("2 executive goals are still unmapped.")
    goal.refresh_from_db()
    assert goal.parent_id == objective.pk
    screenshot(page, "workshop-mapped")
    assert page.javascript_errors == []


def test_the_picker_maps_a_goal_from_the_keyboard_at_phone_width(open_page, demo_company):
    cycle = Cycle.objects.get(phase=Phase.WORKSHOP)
    goal = Goal.objects.get(cycle=cycle, tier=Tier.EXECUTIVE, metric="marketplace listings")
    objective = Goal.objects.get(cycle=cycle, tier=Tier.CORPORATE, metric="partner share of pipeline")

    page = open_page("marcus.oyelaran", viewport=PHONE)
    page.goto(f"/workshop/{cycle.pk}/")
    unsupported_before = int(page.locator("#count-unsupported").inner_text())
    picker = page.get_by_label("Map to").and_(page.locator(f"#map-{goal.pk}"))
    picker.focus()
    picker.select_option(str(objective.pk))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.locator("#count-unmapped")).to_have_text("2")
    expect(page.locator("#count-unsupported")).to_have_text(str(unsupported_before - 1))
    expect(page.locator(f"#objective-{objective.pk} #goal-{goal.pk}")).to_be_visible()
    expect(page.locator("#workshop-status")).to_have_text(f"Mapped “{goal.title}” under “{objective.title}”.")
    expect(page.locator(f"#map-{goal.pk}")).to_be_focused()  # back where the keyboard was
    assert page.javascript_errors == []
