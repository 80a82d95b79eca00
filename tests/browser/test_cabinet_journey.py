"""Journey: a rep with a seat in the Shadow Cabinet follows the strategy room and records a recommendation on a
committee question; the executive who holds the committee role publishes the decision; both show side by side."""

from playwright.sync_api import expect

from cabinet.models import CommitteeQuestion
from tests.browser.conftest import PHONE, screenshot

QUESTION = "Launch the platform tier in Japan this year"


def test_a_cabinet_member_recommends_and_the_committee_decides_side_by_side(open_page, demo_company):
    question = CommitteeQuestion.objects.get(title=QUESTION)

    rep = open_page("alex.rivera")
    rep.get_by_role("link", name="Cabinet", exact=True).click()
    expect(rep.locator(".cabinet-you")).to_contain_text("Chief Revenue Officer: new ARR")
    rep.get_by_role("link", name="Open the strategy room").click()
    expect(rep.locator(".room-objective").first).to_be_visible()
    expect(rep.locator(".room-chart__svg").first).to_be_visible()
    screenshot(rep, "strategy-room")

    rep.goto("/")
    rep.locator("#todo-cabinet").get_by_role("link", name=QUESTION, exact=True).click()
    rep.get_by_label("Wait for next year").check()
    rep.get_by_label("Reasoning").fill("Japanese support is not ready; a launch without it costs renewals.")
    rep.get_by_role("button", name="Record the recommendation").click()
    expect(rep.locator("#messages")).to_contain_text("stays sealed until the committee decides")

    executive = open_page("marcus.oyelaran")
    executive.goto(question.get_absolute_url())
    expect(executive.locator(".sealed")).to_contain_text("3 seats of the Shadow Cabinet have recommended")
    expect(executive.get_by_text("Japanese support is not ready")).to_have_count(0)
    executive.get_by_label("Wait for next year").check()
    executive.get_by_label("Rationale").fill("Localisation first; we launch in Japan next year.")
    executive.get_by_role("button", name="Publish the decision").click()

    reveal = executive.locator("#reveal")
    expect(reveal.locator('[data-side="committee"]')).to_contain_text("Wait for next year")
    expect(reveal.locator('[data-side="cabinet"]')).to_contain_text("Wait for next year")
    expect(reveal.locator(".badge--verdict-agreed").first).to_be_visible()
    expect(reveal).to_contain_text("Japanese support is not ready")
    screenshot(executive, "cabinet-decision")

    rep.reload()
    expect(rep.locator("#reveal")).to_contain_text("Localisation first")
    expect(rep.get_by_role("button", name="Change the recommendation")).to_have_count(0)

    phone = open_page("alex.rivera", viewport=PHONE)
    phone.goto(question.get_absolute_url())
    expect(phone.locator("#reveal")).to_be_visible()
    screenshot(phone, "cabinet-decision-phone")
    assert rep.javascript_errors == [] and executive.javascript_errors == [] and phone.javascript_errors == []
