"""Journey: a rep challenges an assumption with evidence and a lower target, a colleague endorses and replies,
the executive who owns it accepts it with a revised statement, and the rep applies the course correction."""

from decimal import Decimal

from playwright.sync_api import expect

from assumptions.models import Assumption, Challenge, ChangeRequest
from goals.models import Goal
from tests.browser.conftest import PHONE, screenshot

ASSUMPTION = "Average enterprise deal size grows 5% with the new platform tier"


def test_a_rep_challenges_an_assumption_and_the_executive_resolves_it(open_page, demo_company):
    alex = demo_company["alex.rivera"]
    goal = Goal.objects.get(cycle__phase="active", owner=alex, metric="new ARR")

    rep = open_page("alex.rivera")
    rep.get_by_role("link", name="Assumptions", exact=True).click()
    rep.get_by_role("link", name=ASSUMPTION).first.click()
    rep.get_by_role("link", name="Challenge it").click()
    rep.get_by_label("What no longer holds").fill("Mid-market deals drop the platform tier at the first discount")
    rep.get_by_label("Market evidence or trend").fill("6 of my last 8 mid-market deals dropped the tier.")
    rep.get_by_label("Course correction").fill("Plan the tier only into enterprise deals.")
    rep.locator("#id_changes-0-goal").select_option(str(goal.pk))
    rep.locator("#id_changes-0-proposed_target").fill("500000")
    rep.locator("#id_changes-0-note").fill("Without the tier uplift my quota is out of reach.")
    rep.get_by_role("button", name="Raise the challenge").click()
    expect(rep.get_by_role("heading", name="Mid-market deals drop the platform tier")).to_be_visible()
    challenge = Challenge.objects.get(claim__startswith="Mid-market deals drop")
    assert Assumption.objects.get(pk=challenge.assumption_id).status == "challenged"

    manager = open_page("jordan.blake")
    manager.goto(f"/assumptions/challenges/{challenge.pk}/")
    manager.get_by_role("button", name="Endorse the challenge").click()
    expect(manager.locator(f"#endorse-{challenge.pk}")).to_contain_text("you endorsed this")
    manager.get_by_label("Add to the discussion").fill("Seeing the same across North America East.")
    manager.get_by_role("button", name="Post", exact=True).click()
    expect(manager.locator(".thread")).to_contain_text("Seeing the same across North America East.")

    executive = open_page("marcus.oyelaran")
    expect(executive.locator("#todo-challenges")).to_contain_text("Mid-market deals drop the platform tier")
    executive.locator("#todo-challenges").get_by_role("link", name="Mid-market deals drop").first.click()
    executive.get_by_label("Accept: the assumption changes").check()
    executive.get_by_label("Response").fill("Agreed: we position the tier for enterprise only.")
    executive.get_by_label("Revised statement").fill("Enterprise deal size grows 5% with the platform tier")
    executive.get_by_role("button", name="Send answer").click()
    expect(executive.locator(".challenge__response")).to_contain_text("Accepted by Marcus Oyelaran")
    executive.goto(f"/assumptions/{challenge.assumption_id}/")
    expect(executive.locator("#history")).to_contain_text("Enterprise deal size grows 5% with the platform tier")
    screenshot(executive, "assumption")

    change = ChangeRequest.objects.get(challenge=challenge)
    rep.goto("/")
    rep.locator(f'#todo-course-corrections a[href="/assumptions/course-corrections/{change.pk}/"]').first.click()
    rep.get_by_role("button", name="Apply").click()
    expect(rep.locator("#messages")).to_contain_text("now targets $500,000")
    goal.refresh_from_db()
    assert goal.target == Decimal(500_000)
    change.refresh_from_db()
    assert change.status == "applied"

    phone = open_page("alex.rivera", viewport=PHONE)
    phone.goto(f"/assumptions/challenges/{challenge.pk}/")
    expect(phone.locator(".thread")).to_be_visible()
    screenshot(phone, "challenge-phone")
    assert rep.javascript_errors == [] and manager.javascript_errors == [] and executive.javascript_errors == []
