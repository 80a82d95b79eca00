"""Journey: a rep signs in, drafts a goal, links it to their manager's goal and submits it; the manager approves."""

import re

from playwright.sync_api import expect

from goals.models import Goal, Status
from tests.browser.conftest import screenshot


def test_a_rep_drafts_links_and_submits_a_goal_and_the_manager_approves_it(open_page, demo_company):
    rep = open_page("alex.rivera")
    expect(rep.get_by_role("heading", name="Hello, Alex")).to_be_visible()
    screenshot(rep, "home")

    rep.get_by_role("link", name="Draft a goal").first.click()
    rep.get_by_label("Title").fill("Land three fintech logos in Boston")
    rep.get_by_label("Metric").fill("new logos")
    rep.get_by_label("Unit").select_option("accounts")
    rep.get_by_label("Target").fill("3")
    rep.get_by_label("Search goals in").fill("East new logos")
    expect(rep.locator("#parent-options .parent-option")).to_have_count(2)  # the match and "not linked yet"
    parent = rep.locator(".parent-option", has_text="North America East new logos")
    parent.click()
    preview = rep.locator("#draft-preview")
    expect(preview).to_contain_text("North America East new logos")
    expect(preview).to_contain_text("Land three fintech logos in Boston")
    screenshot(rep, "draft-and-link")

    rep.get_by_role("button", name="Submit for approval").click()
    expect(rep.get_by_role("heading", name="Land three fintech logos in Boston")).to_be_visible()
    expect(rep.locator(".badge--status-submitted").first).to_be_visible()
    expect(rep.locator(".alignment-path")).to_contain_text("North America East new logos")
    goal = Goal.objects.get(title="Land three fintech logos in Boston")
    assert goal.status == Status.SUBMITTED
    assert goal.parent.title == "North America East new logos"

    manager = open_page("jordan.blake")
    expect(manager.locator("#todo-approvals")).to_contain_text("Goals awaiting my approval")
    manager.get_by_role("link", name="Approvals").click()
    row = manager.locator("tr", has_text="Land three fintech logos in Boston")
    screenshot(manager, "approval-queue")
    row.get_by_role("button", name="Approve").click()
    expect(manager.locator("tr.review-done", has_text="Land three fintech logos in Boston")).to_contain_text("Approved")
    goal.refresh_from_db()
    assert goal.status == Status.APPROVED

    rep.reload()
    expect(rep.locator(".page-header .badge--status-approved")).to_be_visible()
    screenshot(rep, "goal-page")
    assert rep.javascript_errors == [] and manager.javascript_errors == []


def test_a_form_error_keeps_what_the_rep_typed(open_page, demo_company):
    rep = open_page("alex.rivera")
    rep.goto("/goals/new/")
    rep.get_by_label("Title").fill("A goal without a target")
    rep.get_by_label("Metric").fill("meetings")
    rep.get_by_role("button", name="Save as draft").click()
    expect(rep.locator("#id_target_error")).to_have_text(re.compile("required"))
    expect(rep.get_by_label("Title")).to_have_value("A goal without a target")
    expect(rep.get_by_label("Target")).to_have_attribute("aria-invalid", "true")
