"""The Content-Security-Policy breaks nothing: Chromium reports no violation on the main pages, the
API docs and the admin, and the approval queue's "Return goal" still sends the reason typed beside it."""

from playwright.sync_api import expect

from goals.models import Goal, Status

# Chromium fires securitypolicyviolation for every blocked script, style, frame or eval.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


# Redoc's "powered by" footer loads its logo from Redocly's CDN and hides it when that fails: the
# policy blocking it is the policy working, and the page is whole without it.
EXPECTED = ("img-src https://cdn.redoc.ly/redoc/logo-mini.svg",)


def violations_on(page, path: str, ready: str | None = None) -> list[str]:
    page.goto(path)
    if ready:
        # Redoc parses the whole schema in the browser: give a loaded machine time.
        expect(page.locator(ready).first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__cspViolations")
    return [f"{path}: {violation}" for violation in found if not violation.startswith(EXPECTED)]


def watched(page):
    page.context.add_init_script(RECORD_VIOLATIONS)
    return page


def test_no_page_trips_the_policy(open_page, demo_company):
    manager = watched(open_page("jordan.blake"))
    executive = watched(open_page("marcus.oyelaran"))
    admin = watched(open_page("admin"))
    goal = Goal.objects.filter(owner__username="alex.rivera", cycle__phase="active").first()
    cycle_id = goal.cycle_id

    found = [
        *violations_on(manager, "/", "h1"),
        *violations_on(manager, "/explorer/", ".tree-node"),
        *violations_on(manager, f"/goals/{goal.pk}/", "h1"),
        *violations_on(manager, "/goals/new/", "#draft-preview"),
        *violations_on(manager, "/approvals/", "h1"),
        *violations_on(manager, "/account/api-tokens/", "h1"),
        *violations_on(manager, "/api/docs/", ".swagger-ui .info"),
        *violations_on(manager, "/api/docs/redoc/", "h1"),
        *violations_on(executive, f"/workshop/{cycle_id}/", "h1"),
        *violations_on(executive, f"/workshop/{cycle_id}/baseline/", "h1"),
        *violations_on(admin, "/admin/", "#site-name"),
        *violations_on(admin, "/admin/goals/goal/", "#result_list"),
    ]

    assert found == []
    for page in (manager, executive, admin):
        assert page.javascript_errors == []


def test_the_alignment_map_draws_under_the_policy(open_page, demo_company):
    manager = watched(open_page("jordan.blake"))
    manager.goto("/explorer/")
    manager.locator(".tree-node").first.wait_for()
    manager.get_by_role("button", name="Map").first.click()
    expect(manager.locator("#alignment-map svg")).to_be_visible()
    manager.wait_for_load_state("networkidle")

    assert manager.evaluate("window.__cspViolations") == []
    assert manager.javascript_errors == []


def test_returning_a_goal_from_its_row_sends_the_reason(open_page, demo_company):
    goal = Goal.objects.filter(owner__username="alex.rivera", cycle__phase="active").first()
    Goal.objects.filter(pk=goal.pk).update(status=Status.SUBMITTED)
    manager = watched(open_page("jordan.blake"))
    manager.goto("/approvals/")
    row = manager.locator(f"#review-row-{goal.pk}")

    row.locator("summary", has_text="Return").click()
    row.get_by_label("Reason").fill("Split it by quarter first.")
    row.get_by_role("button", name="Return goal").click()

    expect(manager.locator("tr.review-done")).to_contain_text("Returned")
    goal.refresh_from_db()
    assert goal.status == Status.RETURNED
    assert goal.return_reason == "Split it by quarter first."
    assert manager.evaluate("window.__cspViolations") == []
