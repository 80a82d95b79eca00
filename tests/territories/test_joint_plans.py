"""The regional joint plan: the sales leader with marketing and enablement every six months; visible to the region;
joint targets co-owned by a non-sales person, in the cascade under the leader's goal and never flagged outside the
chain."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Function
from core.exceptions import StateConflict
from goals.alignment import scan_cycle
from goals.alignment.draft import flags_for_draft
from goals.models import AlignmentFlag, FlagKind, Goal, Status, Unit
from goals.services import goal_approve
from territories import services
from territories.models import Half, JointPlan, add_months
from territories.selectors import joint_plans_visible_to, joint_targets_to_place
from tests.factories import GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enabler(people):
    person = PersonFactory(
        username="enabler",
        first_name="Eno",
        last_name="Able",
        role="manager",
        manager=people.cro,
        region="HQ",
        function=Function.ENABLEMENT,
    )
    person.refresh_from_db()
    for other in vars(people).values():
        other.refresh_from_db()
    return person


@pytest.fixture
def joint(people, cycle, marketer, cascade):
    """West's joint plan for the first half, led by Morgan (the west manager) with Mira from marketing."""
    marketer.refresh_from_db()
    return services.joint_plan_create(
        actor=people.manager, cycle=cycle, half=Half.FIRST, members=[marketer], revenue_potential=D(2_000_000)
    )


def test_a_sales_leader_starts_the_regions_joint_plan_for_half_a_cycle(joint, people, marketer, cycle):
    assert (joint.region, joint.leader, joint.half) == ("West", people.manager, Half.FIRST)
    assert list(joint.members.all()) == [marketer]
    assert joint.starts == cycle.start and joint.ends < cycle.end
    with pytest.raises(StateConflict, match="has a joint plan"):
        services.joint_plan_create(actor=people.manager, cycle=cycle, half=Half.FIRST)
    second = services.joint_plan_create(actor=people.manager, cycle=cycle, half=Half.SECOND)
    assert second.starts == add_months(cycle.start, 6) == joint.ends + datetime.timedelta(days=1)
    assert second.ends == cycle.end


@pytest.mark.parametrize("who", ["rep", "marketer"])
def test_reps_and_marketing_people_do_not_lead_a_regions_plan(people, marketer, cycle, who):
    person = marketer if who == "marketer" else people.rep
    with pytest.raises(PermissionDenied):
        services.joint_plan_create(actor=person, cycle=cycle, half=Half.FIRST)
    assert not JointPlan.objects.exists()


def test_members_are_people_outside_sales(people, cycle, marketer, enabler):
    with pytest.raises(ValidationError) as refused:
        services.joint_plan_create(actor=people.manager, cycle=cycle, half=Half.FIRST, members=[people.rep, enabler])
    assert "Riley Rep works in sales" in refused.value.message_dict["members"][0]


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("rep", True),  # in the region, under the leader
        ("peer_rep", True),
        ("manager", True),  # the leader
        ("cro", True),  # above the leader
        ("marketer", True),  # a member (and of the West region)
        ("other_rep", False),  # East
        ("other_manager", False),
        ("staff", True),
    ],
)
def test_a_joint_plan_is_visible_to_its_region(api_as, client, people, marketer, joint, who, sees):
    person = marketer if who == "marketer" else getattr(people, who)
    assert (joint in joint_plans_visible_to(person)) is sees
    response = api_as(person).get(f"/api/joint-plans/{joint.pk}/")
    client.force_login(person)
    page = client.get(f"/joint-plans/{joint.pk}/")
    assert response.status_code == page.status_code == (200 if sees else 404)


def test_a_member_from_another_region_sees_the_plan(people, joint, enabler):
    assert joint not in joint_plans_visible_to(enabler)
    services.joint_plan_update(actor=people.manager, plan=joint, members=[*joint.members.all(), enabler])
    assert joint in joint_plans_visible_to(enabler)


def test_the_leader_and_members_write_it_others_in_the_region_only_read(api_as, people, marketer, joint):
    assert (
        api_as(marketer)
        .patch(f"/api/joint-plans/{joint.pk}/", {"review_summary": "Events beat webinars"}, format="json")
        .status_code
        == 200
    )
    assert (
        api_as(people.rep)
        .patch(f"/api/joint-plans/{joint.pk}/", {"review_summary": "Mine now"}, format="json")
        .status_code
        == 403
    )
    joint.refresh_from_db()
    assert joint.review_summary == "Events beat webinars"


def test_past_activities_are_reviewed_with_a_verdict(api_as, people, marketer, joint):
    response = api_as(marketer).post(
        f"/api/joint-plans/{joint.pk}/activities/",
        {"function": "marketing", "name": "Fintech field events", "result": "$2.1M pipeline", "verdict": "repeat"},
        format="json",
    )
    assert response.status_code == 201, response.content
    bad = api_as(marketer).post(
        f"/api/joint-plans/{joint.pk}/activities/", {"name": "", "verdict": "maybe"}, format="json"
    )
    assert bad.status_code == 400 and set(bad.json()) == {"name", "verdict"}
    assert [a["name"] for a in api_as(people.rep).get(f"/api/joint-plans/{joint.pk}/").json()["past_activities"]] == [
        "Fintech field events"
    ]


def test_a_joint_target_is_shared_with_someone_outside_sales(people, joint, marketer, cascade, cycle):
    with pytest.raises(ValidationError) as refused:
        services.joint_target_create(
            actor=people.manager, plan=joint, title="T", metric="m", target=D(1), co_owner=people.rep
        )
    assert "works in sales" in refused.value.message_dict["co_owner"][0]
    with pytest.raises(ValidationError) as refused:
        services.joint_target_create(
            actor=people.manager,
            plan=joint,
            title="T",
            metric="m",
            target=D(1),
            co_owner=marketer,
            parent_goal=cascade.executive,  # the CRO's, not the leader's
        )
    assert "Morgan West's goals" in refused.value.message_dict["parent_goal"][0]


def joint_target(people, joint, marketer, cascade):
    return services.joint_target_create(
        actor=people.manager,
        plan=joint,
        title="Source $300k of West pipeline from marketing",
        metric="marketing-sourced pipeline",
        unit=Unit.USD,
        target=D(300_000),
        co_owner=marketer,
        parent_goal=cascade.manager,
    )


def test_the_co_owner_puts_the_joint_target_into_the_cascade_under_the_leaders_goal(people, joint, marketer, cascade):
    target = joint_target(people, joint, marketer, cascade)
    assert list(joint_targets_to_place(marketer)) == [target]
    with pytest.raises(PermissionDenied):
        services.joint_target_place(actor=people.manager, target=target)
    goal = services.joint_target_place(actor=marketer, target=target)
    goal = Goal.objects.get(pk=goal.pk)
    assert (goal.owner, goal.parent, goal.is_joint_target, goal.status) == (
        marketer,
        cascade.manager,
        True,
        Status.SUBMITTED,
    )
    assert list(joint_targets_to_place(marketer)) == []
    goal_approve(actor=people.ceo, goal=goal)  # the marketer's own manager approves it
    with pytest.raises(StateConflict):
        services.joint_target_place(actor=marketer, target=target)


def test_a_joint_target_in_the_cascade_is_not_flagged_outside_the_chain_but_a_plain_goal_there_is(
    people, joint, marketer, cascade, cycle
):
    target = joint_target(people, joint, marketer, cascade)
    joint_goal = services.joint_target_place(actor=marketer, target=target)
    plain = GoalFactory(cycle=cycle, owner=marketer, parent=cascade.manager, title="Not a joint target")
    scan_cycle(cycle.pk)
    flagged = set(AlignmentFlag.objects.open().filter(kind=FlagKind.OUTSIDE_CHAIN).values_list("goal_id", flat=True))
    assert plain.pk in flagged
    assert joint_goal.pk not in flagged
    # The draft preview of the goal form reads it the same way.
    assert FlagKind.OUTSIDE_CHAIN not in {
        finding.kind for finding in flags_for_draft(Goal.objects.get(pk=joint_goal.pk))
    }
    assert FlagKind.OUTSIDE_CHAIN in {finding.kind for finding in flags_for_draft(Goal.objects.get(pk=plain.pk))}


def test_a_joint_target_without_the_leaders_goal_waits_for_it(people, joint, marketer):
    target = services.joint_target_create(
        actor=people.manager,
        plan=joint,
        title="Certify reps",
        metric="reps certified",
        unit=Unit.COUNT,
        target=D(12),
        co_owner=marketer,
    )
    with pytest.raises(ValidationError) as refused:
        services.joint_target_place(actor=marketer, target=target)
    assert "has not chosen the goal" in refused.value.message_dict["parent_goal"][0]


def test_co_owners_stay_members_and_targets_in_the_cascade_stay_put(people, joint, marketer, cascade):
    target = joint_target(people, joint, marketer, cascade)
    with pytest.raises(ValidationError):
        services.joint_plan_update(actor=people.manager, plan=joint, members=[])
    services.joint_target_place(actor=marketer, target=target)
    with pytest.raises(StateConflict):
        services.joint_target_delete(actor=people.manager, target=target)


def test_the_joint_plan_over_the_api(api_as, people, marketer, cycle, cascade):
    created = api_as(people.manager).post(
        "/api/joint-plans/",
        {"cycle": cycle.pk, "half": 2, "members": [marketer.pk], "revenue_potential": "1500000"},
        format="json",
    )
    assert created.status_code == 201, created.content
    plan = created.json()
    assert plan["region"] == "West" and plan["leader"] == people.manager.pk
    target = api_as(people.manager).post(
        f"/api/joint-plans/{plan['id']}/targets/",
        {
            "title": "Marketing pipeline",
            "metric": "marketing-sourced pipeline",
            "target": "300000",
            "co_owner": marketer.pk,
            "parent_goal": cascade.manager.pk,
        },
        format="json",
    )
    assert target.status_code == 201, target.content
    placed = api_as(marketer).post(f"/api/joint-plans/{plan['id']}/targets/{target.json()['id']}/place/")
    assert placed.status_code == 201, placed.content
    goal = placed.json()["goal"]
    assert goal["parent"] == cascade.manager.pk and goal["status"] == "submitted"
    assert api_as(people.rep).get(f"/api/goals/{goal['id']}/").json()["is_joint_target"] is True
    assert api_as(people.other_rep).get(f"/api/joint-plans/{plan['id']}/").status_code == 404
    bad = api_as(people.manager).post("/api/joint-plans/", {"cycle": cycle.pk, "half": 3}, format="json")
    assert bad.status_code == 400 and "half" in bad.json()
    twice = api_as(people.manager).post("/api/joint-plans/", {"cycle": cycle.pk, "half": 2}, format="json")
    assert twice.status_code == 409 and "has a joint plan" in twice.json()["detail"]


def test_the_joint_plan_page_lets_the_co_owner_place_the_target(client, people, joint, marketer, cascade):
    target = joint_target(people, joint, marketer, cascade)
    client.force_login(people.rep)
    html = client.get(f"/joint-plans/{joint.pk}/").content.decode()
    assert "Source $300k of West pipeline from marketing" in html and "Put it in the cascade" not in html
    client.force_login(marketer)
    assert "Joint targets to put in the cascade" in client.get("/").content.decode()
    html = client.get(f"/joint-plans/{joint.pk}/").content.decode()
    assert "Put it in the cascade" in html
    response = client.post(f"/joint-plans/{joint.pk}/targets/{target.pk}/place/")
    goal = Goal.objects.get(is_joint_target=True)
    assert response["Location"] == f"/goals/{goal.pk}/"


def test_the_leader_writes_the_joint_plan_from_its_page(client, people, joint, marketer, enabler):
    client.force_login(people.manager)
    response = client.post(
        f"/joint-plans/{joint.pk}/save/",
        {
            "joint-currency": "USD",
            "joint-revenue_potential": "-5",
            "joint-potential_analysis": "Fintech",
            "joint-members": [marketer.pk],
        },
    )
    assert response.status_code == 200 and "greater than or equal to 0" in response.content.decode()
    response = client.post(
        f"/joint-plans/{joint.pk}/save/",
        {
            "joint-currency": "USD",
            "joint-revenue_potential": "2500000",
            "joint-potential_analysis": "Fintech",
            "joint-members": [marketer.pk, enabler.pk],
        },
    )
    assert response.status_code == 302
    joint.refresh_from_db()
    assert joint.revenue_potential == D(2_500_000) and set(joint.members.all()) == {marketer, enabler}
