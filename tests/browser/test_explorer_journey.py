"""Journey: the explorer expands level by level, filters, and draws the alignment map."""

import re

from playwright.sync_api import expect

from goals.models import Cycle, Goal, Tier
from tests.browser.conftest import PHONE, screenshot


def test_the_explorer_expands_and_filters(open_page, demo_company):
    page = open_page("marcus.oyelaran")
    page.get_by_role("link", name="Explorer").click()
    cycle = Cycle.objects.get(phase="active")
    objective = Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE).order_by("tree_id").first()
    executive = objective.get_children().order_by("lft").filter(children__isnull=False).first()

    node = page.locator(f"#goal-node-{objective.pk}")
    expect(node.locator("> .tree-row .tree-row__title")).to_have_text(objective.title)
    expect(page.locator(f"#goal-node-{executive.pk}")).to_have_count(0)  # not loaded until asked
    node.locator("> .tree-row .tree-toggle").click()
    executive_node = page.locator(f"#goal-node-{executive.pk}")
    expect(executive_node).to_be_visible()
    executive_node.locator("> .tree-row .tree-toggle").click()
    manager_goal = executive.get_children().order_by("lft").first()
    expect(page.locator(f"#goal-node-{manager_goal.pk}")).to_be_visible()

    expect(page.locator("#alignment-map svg .map-node").first).to_be_visible()
    drawn = page.locator("#alignment-map svg .map-node").count()
    assert 1 < drawn <= 150
    executive_node.locator("> .tree-row [data-map-goal]").click()
    expect(page.locator("#alignment-map svg")).to_have_attribute(
        "aria-label", re.compile(rf"^Alignment map of {re.escape(executive.title)}: \d+ goals$")
    )
    assert f"map={executive.pk}" in page.url
    screenshot(page, "explorer")

    node.locator("> .tree-row .tree-toggle").click()
    expect(executive_node).to_be_hidden()  # closing hides what was loaded

    page.get_by_label("Search").fill("new ARR")
    page.wait_for_url(re.compile(r"q=new(\+|%20)ARR"))
    body = page.locator("#explorer-body")
    expect(body).to_contain_text("match")
    expect(body.locator(".badge--tier-rep").first).to_be_visible()
    page.get_by_label("Tier").select_option("manager")
    page.wait_for_url(re.compile("tier=manager"))
    expect(body.locator(".badge--tier-rep")).to_have_count(0)
    expect(body.locator(".badge--tier-manager").first).to_be_visible()
    expect(body.locator(".tree-node").first).to_contain_text("new ARR")
    screenshot(page, "explorer-search")
    assert page.javascript_errors == []


def test_pages_work_at_phone_width(open_page, demo_company):
    page = open_page("alex.rivera", viewport=PHONE)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(nav).to_be_visible()
    screenshot(page, "home-phone")
    nav.get_by_role("link", name="Explorer").click()
    expect(page.locator(".tree-node").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing sticks out sideways
    rep_goal = Goal.objects.filter(owner__username="alex.rivera", cycle__phase="active").first()
    for path in (f"/goals/{rep_goal.pk}/", "/goals/new/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    manager = open_page("jordan.blake", viewport=PHONE)
    manager.goto("/approvals/")
    expect(manager.get_by_role("button", name="Approve selected")).to_be_visible()
    assert manager.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(manager, "approvals-phone")
    assert page.javascript_errors == [] and manager.javascript_errors == []
