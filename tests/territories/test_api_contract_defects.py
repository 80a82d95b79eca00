"""Defects the API fuzzer (.ci/fuzz-api) found in territory and joint plans, each kept from coming back."""

import pytest

from territories import services
from territories.models import Half, JointPlan, JointTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint_target(people, cycle, cascade, marketer):
    plan = services.joint_plan_create(actor=people.manager, cycle=cycle, half=Half.SECOND, members=[marketer])
    return services.joint_target_create(
        actor=people.manager,
        plan=plan,
        title="Marketing pipeline",
        metric="marketing-sourced pipeline",
        target=300000,
        co_owner=marketer,
        parent_goal=cascade.manager,
    )


def test_a_joint_target_is_replaced_with_put(api_as, people, joint_target):
    response = api_as(people.manager).put(
        f"/api/joint-plans/{joint_target.plan_id}/targets/{joint_target.pk}/",
        {
            "title": "Marketing pipeline, East",
            "metric": "marketing-sourced pipeline",
            "target": "450000",
            "co_owner": joint_target.co_owner_id,
        },
        format="json",
    )

    assert response.status_code == 200, response.content
    joint_target.refresh_from_db()
    assert (joint_target.title, joint_target.target) == ("Marketing pipeline, East", 450000)


def test_the_goal_a_joint_target_became_shows_its_amounts_as_decimal_strings(api_as, people, joint_target):
    services.joint_target_place(actor=joint_target.co_owner, target=joint_target)

    body = api_as(people.manager).get(f"/api/joint-plans/{joint_target.plan_id}/targets/{joint_target.pk}/").json()

    assert body["goal"]["target"] == "300000.00"
    assert isinstance(body["goal"]["current"], str)
    assert JointPlan.objects.count() == 1 and JointTarget.objects.count() == 1
