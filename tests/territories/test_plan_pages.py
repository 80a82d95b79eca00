"""The plan's pages: an editor that saves each section on its own (htmx, and plain forms without JavaScript), the
funnel picture, the manager's team view, the versions, the printable page and the PDF export."""

from decimal import Decimal as D

import pytest

from goals.models import Goal, Status, Unit
from territories import services
from territories.models import PlanStatus, TerritoryPlan
from territories.pdf import PdfUnavailable
from territories.sections import SECTIONS
from tests.factories import GoalFactory, PersonFactory, PlanObjectiveFactory
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def test_the_editor_shows_every_section_with_its_own_form(client, people, plan):
    client.force_login(people.rep)
    html = client.get(f"/territory-plans/{plan.pk}/").content.decode()
    for section in SECTIONS:
        assert f'id="section-{section.key}"' in html
        assert section.title.replace("'", "&#x27;") in html
    assert html.count('hx-post="/territory-plans/') >= 6  # analysis, funnel, drivers, swot, strategies, resources
    assert "Submit for review" in html


def test_a_section_saved_with_htmx_comes_back_alone_with_the_plans_status(client, people, plan):
    client.force_login(people.rep)
    response = htmx(client.post, f"/territory-plans/{plan.pk}/sections/swot/", {"swot-strengths": "Fast onboarding"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card plan-section" id="section-swot"')
    assert "Saved." in html and "Fast onboarding" in html
    assert 'id="plan-status" class="cluster" hx-swap-oob="true"' in html
    assert "<html" not in html
    plan.refresh_from_db()
    assert plan.strengths == "Fast onboarding"


def test_without_javascript_a_section_posts_and_the_page_comes_back_at_it(client, people, plan):
    client.force_login(people.rep)
    response = client.post(f"/territory-plans/{plan.pk}/sections/resources/", {"resources-skills_needed": "HIPAA"})
    assert response.status_code == 302
    assert response["Location"] == f"/territory-plans/{plan.pk}/#section-resources"
    page = client.get(response["Location"]).content.decode()
    assert "Saved." in page and "HIPAA" in page


def test_an_htmx_save_with_an_error_shows_it_in_the_section(client, people, plan):
    client.force_login(people.rep)
    response = htmx(
        client.post,
        f"/territory-plans/{plan.pk}/objectives/",
        {"objective-title": "Win", "objective-metric": "logos", "objective-unit": "accounts", "objective-target": "-1"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="section-objectives"' in html
    assert "A measurable objective needs a target above 0." in html


def test_editing_an_approved_plan_shows_the_revision_starting(client, people, plan):
    PlanObjectiveFactory(plan=plan)
    services.plan_submit(actor=people.rep, plan=plan)
    services.plan_approve(actor=people.manager, plan=plan)
    client.force_login(people.rep)
    html = client.get(f"/territory-plans/{plan.pk}/").content.decode()
    assert "Changing a section starts version 2" in html
    response = htmx(client.post, f"/territory-plans/{plan.pk}/sections/swot/", {"swot-threats": "A new entrant"})
    assert "version 2 in progress" in response.content.decode()
    assert TerritoryPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_the_funnel_section_draws_the_funnel_and_says_the_gap(client, people, plan):
    client.force_login(people.rep)
    html = client.get(f"/territory-plans/{plan.pk}/").content.decode()
    assert '<svg class="funnel__svg"' in html
    assert 'id="funnel-gap">$952,380.95<' in html
    assert 'id="opportunities-to-add">48<' in html
    assert "48 opportunities" in html and "10 deals" in html
    response = htmx(
        client.post,
        f"/territory-plans/{plan.pk}/sections/funnel/",
        {
            "funnel-quota_goal": plan.quota_goal_id,
            "funnel-average_deal_size": "20000",
            "stages-TOTAL_FORMS": "1",
            "stages-INITIAL_FORMS": "0",
            "stages-0-name": "Proposal",
            "stages-0-conversion_rate": "50",
            "stages-0-open_pipeline": "400000",
        },
    )
    html = response.content.decode()
    assert "No gap" in html  # 400,000 x 0.5 = 200,000: the whole target
    assert list(plan.stages.values_list("name", flat=True)) == ["Proposal"]


def test_a_funnel_that_cannot_be_computed_says_what_is_missing(client, people, plan):
    plan.quota_goal = None
    plan.save()
    client.force_login(people.rep)
    html = client.get(f"/territory-plans/{plan.pk}/").content.decode()
    assert "The funnel cannot be computed yet." in html
    assert "Choose the goal in the cascade that holds your target." in html


def test_an_objective_becomes_a_goal_from_the_page_and_shows_its_progress(client, people, plan, cascade, cycle):
    logos = GoalFactory(
        cycle=cycle,
        owner=people.manager,
        parent=cascade.executive,
        title="West logos",
        metric="new logos",
        unit=Unit.ACCOUNTS,
        target=10,
    )
    objective = services.objective_create(
        actor=people.rep, plan=plan, title="Win 3 logos", metric="new logos", unit=Unit.ACCOUNTS, target=D(3)
    )
    client.force_login(people.rep)
    html = client.get(f"/territory-plans/{plan.pk}/").content.decode()
    assert f'<option value="{logos.pk}" selected>West logos (Morgan West)</option>' in html
    response = htmx(
        client.post,
        f"/territory-plans/{plan.pk}/objectives/{objective.pk}/goal/",
        {f"goal-{objective.pk}-parent": logos.pk},
    )
    html = response.content.decode()
    goal = Goal.objects.get(title="Win 3 logos")
    assert goal.parent == logos and goal.status == Status.SUBMITTED
    assert "is a goal now, submitted for approval" in html
    assert f'href="/goals/{goal.pk}/"' in html and "linked under" in html and "Make it a goal" not in html


def test_action_items_are_ticked_done_from_the_page(client, people, plan, cycle):
    item = services.action_create(actor=people.rep, plan=plan, title="Sponsor call", due_date=cycle.end)
    client.force_login(people.rep)
    response = htmx(client.post, f"/territory-plans/{plan.pk}/actions/{item.pk}/done/", {"done": "1"})
    assert "action--done" in response.content.decode()
    item.refresh_from_db()
    assert item.done_at is not None


def test_the_manager_reads_the_plan_and_reviews_it_from_the_page(client, people, plan):
    PlanObjectiveFactory(plan=plan)
    services.plan_submit(actor=people.rep, plan=plan)
    client.force_login(people.manager)
    html = client.get(f"/territory-plans/{plan.pk}/").content.decode()
    assert "Version 1 is with you for review" in html
    comment = client.post(
        f"/territory-plans/{plan.pk}/review/", {"decision": "comment", "section": "funnel", "body": "Rates?"}
    )
    assert comment["Location"].endswith("#section-funnel")
    approve = client.post(f"/territory-plans/{plan.pk}/review/", {"decision": "approve", "body": ""})
    assert approve.status_code == 302
    html = client.get(f"/territory-plans/{plan.pk}/").content.decode()
    assert "Rates?" in html and "Approved version 1" in html


def test_a_version_page_shows_the_plan_as_submitted_and_what_changed(client, people, plan):
    PlanObjectiveFactory(plan=plan, title="Win logos")
    services.plan_submit(actor=people.rep, plan=plan)
    services.plan_return(actor=people.manager, plan=plan, reason="More")
    services.plan_update(actor=people.rep, plan=plan, threats="A new entrant")
    services.plan_submit(actor=people.rep, plan=plan, note="Threats updated")
    client.force_login(people.manager)
    html = client.get(f"/territory-plans/{plan.pk}/versions/2/").content.decode()
    assert "Threats updated" in html and "A new entrant" in html and "Win logos" in html
    assert 'href="#version-swot">SWOT and unique value proposition</a>' in html
    assert html.count("Changed in this version") == 1
    assert client.get(f"/territory-plans/{plan.pk}/versions/9/").status_code == 404


def test_the_printable_page_holds_every_section_and_the_funnel(client, people, plan):
    services.plan_update(actor=people.rep, plan=plan, value_proposition="One view of the forecast")
    client.force_login(people.manager)
    html = client.get(f"/territory-plans/{plan.pk}/print/").content.decode()
    for section in SECTIONS:
        assert f"{section.number}. {section.title}".replace("'", "&#x27;") in html
    assert "One view of the forecast" in html and "<svg" in html and "$952,380.95" in html
    assert "<link" not in html and "<script" not in html  # everything inline: the PDF export fetches nothing


def test_the_pdf_export_is_a_pdf_of_the_printable_page(client, people, plan):
    client.force_login(people.rep)
    response = client.get(f"/territory-plans/{plan.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert 'filename="territory-plan-riley-rep-fy2027.pdf"' in response["Content-Disposition"]


def test_without_weasyprint_the_pdf_link_explains_and_offers_the_printable_page(client, people, plan, monkeypatch):
    def unavailable(html):
        raise PdfUnavailable("The PDF export needs WeasyPrint and the Pango library on the server.")

    monkeypatch.setattr("territories.views.exports.render_pdf", unavailable)
    client.force_login(people.rep)
    response = client.get(f"/territory-plans/{plan.pk}/pdf/", follow=True)
    assert response.redirect_chain[-1][0] == f"/territory-plans/{plan.pk}/print/"
    assert "needs WeasyPrint" in response.content.decode()


def test_the_team_view_lists_every_rep_with_their_plans_status_and_gap(client, people, plan):
    PlanObjectiveFactory(plan=plan)
    services.plan_submit(actor=people.rep, plan=plan)
    client.force_login(people.manager)
    html = client.get("/territory-plans/team/").content.decode()
    assert "Riley Rep" in html and "Pat Peer" in html and "Olive Other" not in html
    assert "Submitted for review" in html and "$952,380.95" in html and "(48 opps)" in html
    assert "No plan for FY2027 yet" in html  # Pat
    client.force_login(people.cro)
    html = client.get("/territory-plans/team/").content.decode()
    assert "Riley Rep" in html and "Olive Other" in html and "Morgan West's team" in html


def test_the_manager_sets_the_teams_funnel_from_the_team_view(client, people, plan, cycle):
    client.force_login(people.manager)
    response = client.post(
        f"/territory-plans/team/funnel/?cycle={cycle.pk}",
        {
            "average_deal_size": "30000",
            "stages-TOTAL_FORMS": "2",
            "stages-INITIAL_FORMS": "0",
            "stages-0-name": "Qualified",
            "stages-0-conversion_rate": "40",
            "stages-1-name": "Proposal",
            "stages-1-conversion_rate": "",
        },
    )
    assert response.status_code == 200
    assert "Give the team&#x27;s conversion rate for this stage." in response.content.decode()
    response = client.post(
        f"/territory-plans/team/funnel/?cycle={cycle.pk}",
        {
            "average_deal_size": "30000",
            "stages-TOTAL_FORMS": "1",
            "stages-INITIAL_FORMS": "0",
            "stages-0-name": "Qualified",
            "stages-0-conversion_rate": "40",
        },
    )
    assert response.status_code == 302
    assert people.manager.team_funnels.get().stages.get().conversion_rate == D(40)


@pytest.mark.parametrize("extra_reps", [2, 9])
def test_the_team_view_costs_the_same_queries_for_a_small_or_large_team(
    client, people, cycle, plan, extra_reps, django_assert_max_num_queries
):
    for number in range(extra_reps):
        rep = PersonFactory(manager=people.manager, username=f"teammate{number}")
        services.plan_create(actor=rep, cycle=cycle)
    client.force_login(people.manager)
    with django_assert_max_num_queries(16):
        assert client.get("/territory-plans/team/").status_code == 200


@pytest.mark.parametrize("rows", [1, 8])
def test_the_plan_page_costs_the_same_queries_however_long_the_plan(
    client, people, plan, cycle, rows, django_assert_max_num_queries
):
    for number in range(rows):
        PlanObjectiveFactory(plan=plan, title=f"Objective {number}")
        services.action_create(actor=people.rep, plan=plan, title=f"Action {number}", due_date=cycle.end)
        services.account_create(actor=people.rep, plan=plan, name=f"Account {number}")
    client.force_login(people.rep)
    with django_assert_max_num_queries(24):
        assert client.get(f"/territory-plans/{plan.pk}/").status_code == 200


def test_the_plans_front_page_starts_a_plan_and_lists_plans_to_review(client, people, cycle, cascade):
    client.force_login(people.rep)
    html = client.get("/territory-plans/").content.decode()
    assert "Start my plan" in html
    response = client.post("/territory-plans/new/", {"cycle": cycle.pk, "territory": "Boston"})
    plan = TerritoryPlan.objects.get(owner=people.rep)
    assert response["Location"] == f"/territory-plans/{plan.pk}/"
    PlanObjectiveFactory(plan=plan)
    services.plan_submit(actor=people.rep, plan=plan)
    client.force_login(people.manager)
    html = client.get("/territory-plans/").content.decode()
    assert "Plans awaiting my review" in html and "Riley Rep" in html
    home = client.get("/").content.decode()
    assert "Territory plans awaiting my review" in home


def test_a_goal_made_from_an_objective_links_back_to_the_plan_for_those_who_may_read_it(client, people, plan):
    objective = PlanObjectiveFactory(plan=plan, focus="Fintech")
    goal = services.objective_to_goal(actor=people.rep, objective=objective)
    client.force_login(people.manager)
    html = client.get(f"/goals/{goal.pk}/").content.decode()
    assert f'href="/territory-plans/{plan.pk}/#objective-{objective.pk}"' in html
    assert "Riley Rep&#x27;s territory plan" in html or "Riley Rep's territory plan" in html
    client.force_login(people.peer_rep)  # sees the company goal, not the private plan
    html = client.get(f"/goals/{goal.pk}/").content.decode()
    assert "territory plan" not in html and f"/territory-plans/{plan.pk}/" not in html


def test_admins_find_and_read_plans_in_the_admin_site_but_change_them_only_through_the_product(client, people, plan):
    PlanObjectiveFactory(plan=plan)
    client.force_login(people.staff)
    assert "Riley Rep" in client.get("/admin/territories/territoryplan/").content.decode()
    page = client.get(f"/admin/territories/territoryplan/{plan.pk}/change/")
    assert page.status_code == 200 and "Qualified" in page.content.decode()
    assert client.get("/admin/territories/territoryplan/add/").status_code == 403
    assert client.get("/admin/territories/jointplan/").status_code == 200
    assert client.get("/admin/territories/teamfunnel/").status_code == 200
