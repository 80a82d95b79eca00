"""The goal page: path, targets, check-in history, assumptions, flags with remedies, comments, allowed actions."""

import pytest

from goals.models import Status, Visibility
from tests.factories import AlignmentFlagFactory, AssumptionFactory, GoalFactory

pytestmark = pytest.mark.django_db


def test_the_goal_page_shows_the_path_targets_and_check_in_chart(client, demo):
    client.force_login(demo.peer_rep)
    response = client.get(f"/goals/{demo.rep_goal.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    for ancestor in demo.rep_goal.get_ancestors():
        assert ancestor.title in html
    assert "$790,000" in html or "Target" in html
    assert '<polyline class="chart__line"' in html
    assert html.count('class="chart__point') == demo.rep_goal.checkins.count()


def test_a_private_ancestor_shows_as_a_hidden_step(client, demo):
    private_parent = GoalFactory(
        cycle=demo.cycle, owner=demo.manager, parent=demo.manager_goal, title="Hush", visibility=Visibility.PRIVATE
    )
    child = GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=private_parent, title="Visible child")
    client.force_login(demo.other_manager)
    html = client.get(f"/goals/{child.pk}/").content.decode()
    assert "Hush" not in html
    assert "A private manager goal" in html


def test_a_private_goal_does_not_exist_for_people_outside_its_chain(client, demo):
    secret = GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=demo.manager_goal, visibility=Visibility.PRIVATE)
    client.force_login(demo.peer_rep)
    assert client.get(f"/goals/{secret.pk}/").status_code == 404
    client.force_login(demo.manager)
    assert client.get(f"/goals/{secret.pk}/").status_code == 200


def test_linked_assumptions_show_with_their_status(client, demo):
    assumption = AssumptionFactory(cycle=demo.cycle, statement="Mid-market churn stays under 8%", status="challenged")
    assumption.goals.add(demo.rep_goal)
    client.force_login(demo.rep)
    html = client.get(f"/goals/{demo.rep_goal.pk}/").content.decode()
    assert "Mid-market churn stays under 8%" in html
    assert "badge--status-challenged" in html


def test_open_flags_come_with_what_to_do_about_them(client, demo):
    AlignmentFlagFactory(goal=demo.rep_goal, kind="target_shortfall", message="Sub-goals add up to 80% of the target.")
    client.force_login(demo.rep)
    html = client.get(f"/goals/{demo.rep_goal.pk}/").content.decode()
    assert "Sub-goals add up to 80% of the target." in html
    assert "Raise the sub-goals&#x27; targets or allocate the target among them so they add up." in html


def test_the_owner_of_a_draft_may_edit_and_submit_it(client, demo):
    draft = demo.rep.goals.filter(cycle=demo.cycle, status=Status.DRAFT).first()
    client.force_login(demo.rep)
    html = client.get(f"/goals/{draft.pk}/").content.decode()
    assert f'href="/goals/{draft.pk}/edit/"' in html
    assert "Submit for approval" in html
    assert "Approve</button>" not in html


def test_the_manager_may_approve_or_return_a_submitted_goal_but_not_edit_it(client, demo):
    submitted = demo.rep.goals.filter(cycle=demo.cycle, status=Status.SUBMITTED).first()
    client.force_login(demo.manager)
    html = client.get(f"/goals/{submitted.pk}/").content.decode()
    assert "Approve</button>" in html
    assert "Return to Alex Rivera with a reason" in html
    assert f'href="/goals/{submitted.pk}/edit/"' not in html


def test_a_peer_sees_no_actions_and_no_check_in_form(client, demo):
    client.force_login(demo.peer_rep)
    html = client.get(f"/goals/{demo.rep_goal.pk}/").content.decode()
    for action in ("Submit for approval", "Approve</button>", "Return to", "/edit/", "Carry over", 'id="check-in"'):
        assert action not in html


def test_a_closed_cycles_goal_is_read_only(client, demo):
    old = demo.rep.goals.filter(cycle=demo.closed_cycle).first()
    client.force_login(demo.rep)
    html = client.get(f"/goals/{old.pk}/").content.decode()
    assert 'id="check-in"' not in html
    assert "Post comment" not in html
    assert "/edit/" not in html


@pytest.mark.parametrize("login", ["rep", "manager", "peer_rep"])
def test_the_goal_page_costs_a_fixed_number_of_queries(client, demo, login, django_assert_max_num_queries):
    AlignmentFlagFactory(goal=demo.manager_goal, kind="stale_progress", message="Stale.")
    assumption = AssumptionFactory(cycle=demo.cycle)
    assumption.goals.add(demo.manager_goal)
    client.force_login(getattr(demo, login))
    # 14, plus the metric feeds card, the quota cards (the phasing, and the sub-goals' pace and periods this
    # quarter) and the goal's history (one query; none of the demo's goals has changes recorded)
    with django_assert_max_num_queries(20):
        assert client.get(f"/goals/{demo.manager_goal.pk}/").status_code == 200
