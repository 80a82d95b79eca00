"""Journey: a rep fills their territory plan section by section, sees the funnel gap, turns an objective into a goal
and submits the plan; the manager approves the plan and the goal."""

import re

from playwright.sync_api import expect

from goals.models import Goal, Status
from territories.models import PlanStatus, TerritoryPlan
from tests.browser.conftest import PHONE, screenshot


def test_a_rep_fills_the_plan_turns_an_objective_into_a_goal_and_the_manager_approves_both(open_page, demo_company):
    rep = open_page("alex.rivera")
    rep.get_by_role("link", name="Plans", exact=True).click()
    rep.get_by_role("link", name=re.compile(r"FY\d{4}: Boston")).click()
    expect(rep.get_by_role("heading", name="Alex Rivera's territory plan for Boston")).to_be_visible()

    # A text section saves on its own, without leaving the page.
    swot = rep.locator("#section-swot")
    swot.get_by_label("Strengths").fill("Thirty-day onboarding; two fintech references in Boston.")
    swot.get_by_role("button", name="Save section").click()
    expect(rep.locator("#section-swot .plan-section__saved")).to_have_text("Saved.")

    # The funnel is computed again from the new rate and pipeline.
    funnel = rep.locator("#section-funnel")
    funnel.locator("#id_stages-1-conversion_rate").fill("65")
    funnel.locator("#id_stages-0-open_pipeline").fill("150000")
    funnel.get_by_role("button", name="Save the funnel").click()
    expect(rep.locator("#section-funnel .plan-section__saved")).to_contain_text("the funnel is computed again")
    expect(rep.locator("#funnel-gap")).to_have_text(re.compile(r"^\$[\d,]+\.\d\d$"))
    expect(rep.locator(".funnel__svg")).to_be_visible()
    screenshot(rep, "territory-plan")

    # A new objective, turned into a goal under the suggested manager's goal.
    objectives = rep.locator("#section-objectives")
    objectives.locator("#add-objective > summary").click()
    add = objectives.locator("#add-objective")
    add.get_by_label("Title").fill("Land two healthcare logos in Boston")
    add.get_by_label("Metric").fill("new logos")
    add.get_by_label("Unit").select_option("accounts")
    add.get_by_label("Target").fill("2")
    add.get_by_role("button", name="Add objective").click()
    row = rep.locator("li.objective", has_text="Land two healthcare logos in Boston")
    expect(row.get_by_label("Link the goal under")).to_contain_text("North America East new logos")
    row.get_by_role("button", name="Make it a goal").click()
    expect(rep.locator("#section-objectives .plan-section__saved")).to_contain_text("is a goal now")
    row = rep.locator("li.objective", has_text="Land two healthcare logos in Boston")
    expect(row.locator(".badge--status-submitted")).to_be_visible()
    goal = Goal.objects.get(title="Land two healthcare logos in Boston")
    assert goal.status == Status.SUBMITTED and goal.parent.title == "North America East new logos"

    rep.get_by_role("button", name="Submit for review").click()
    expect(rep.locator("#plan-status .badge--status-submitted")).to_be_visible()
    plan = TerritoryPlan.objects.get(owner__username="alex.rivera")
    assert (plan.status, plan.version) == (PlanStatus.SUBMITTED, 1)

    manager = open_page("jordan.blake")
    todo = manager.locator("#todo-plan-reviews")
    expect(todo).to_contain_text("Alex Rivera's territory plan")
    todo.get_by_role("link", name="Alex Rivera's territory plan", exact=True).click()
    review = manager.locator("#review-plan")
    review.get_by_label("Approve").check()
    review.get_by_label("Comment or reason").fill("Grounded in the territory. Go.")
    review.get_by_role("button", name="Send").click()
    expect(manager.locator("#plan-status .badge--status-approved")).to_be_visible()
    screenshot(manager, "territory-plan-approved")

    manager.get_by_role("link", name="Approvals").click()
    manager.locator("tr", has_text="Land two healthcare logos in Boston").get_by_role("button", name="Approve").click()
    expect(manager.locator("tr.review-done", has_text="Land two healthcare logos in Boston")).to_contain_text(
        "Approved"
    )

    rep.reload()
    expect(rep.locator("#plan-status .badge--status-approved")).to_be_visible()
    expect(
        rep.locator("li.objective", has_text="Land two healthcare logos in Boston").locator(".badge--status-approved")
    ).to_be_visible()
    plan.refresh_from_db()
    goal.refresh_from_db()
    assert (plan.status, plan.approved_version, goal.status) == (PlanStatus.APPROVED, 1, Status.APPROVED)
    assert rep.javascript_errors == [] and manager.javascript_errors == []


def test_the_team_view_and_the_plan_read_well_at_phone_width(open_page, demo_company):
    manager = open_page("jordan.blake", viewport=PHONE)
    manager.goto("/territory-plans/team/")
    expect(manager.get_by_role("heading", name="My team's territory plans")).to_be_visible()
    expect(manager.locator("#team-plans")).to_contain_text("Alex Rivera")
    screenshot(manager, "territory-team-phone")
    manager.locator("#team-plans").get_by_role("link").first.click()
    expect(manager.locator("#section-funnel")).to_be_visible()
    width = manager.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the plan page scrolls sideways at phone width ({width}px)"
