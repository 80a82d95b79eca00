"""Import errors never reveal a private goal: no id, title, or a message that differs from a missing goal's."""

import pytest

from goals.models import Goal

pytestmark = pytest.mark.django_db


def send(client, cycle, text: str):
    return client.post(f"/api/goals/import/?cycle={cycle.pk}", text, content_type="text/csv")


def errors_of(response) -> dict:
    assert response.status_code == 400, response.content
    return response.json()["rows"][0]["errors"]


@pytest.fixture
def private_goal(people, cascade):
    Goal.objects.filter(pk=cascade.manager.pk).update(visibility="private", external_key="WEST-SECRET")
    return Goal.objects.get(pk=cascade.manager.pk)


def test_a_private_parent_id_reads_like_a_missing_one(api_as, people, cycle, private_goal):
    client = api_as(people.other_rep)
    missing = Goal.objects.order_by("-pk").first().pk + 1000
    hidden = errors_of(send(client, cycle, f"parent,owner,title,metric,target\n{private_goal.pk},other_rep,x,m,1\n"))
    absent = errors_of(send(client, cycle, f"parent,owner,title,metric,target\n{missing},other_rep,x,m,1\n"))
    assert hidden == {"parent": [f"There is no goal with id '{private_goal.pk}'."]}
    assert absent == {"parent": [f"There is no goal with id '{missing}'."]}


def test_a_private_parent_key_reads_like_a_missing_one(api_as, people, cycle, private_goal):
    client = api_as(people.other_rep)
    hidden = errors_of(
        send(client, cycle, "parent_external_key,owner,title,metric,target\nWEST-SECRET,other_rep,x,m,1\n")
    )
    absent = errors_of(send(client, cycle, "parent_external_key,owner,title,metric,target\nNO-SUCH,other_rep,x,m,1\n"))
    assert hidden == {
        "parent_external_key": [f"No goal has external key 'WEST-SECRET', in {cycle.name} or in this file."]
    }
    assert absent == {"parent_external_key": [f"No goal has external key 'NO-SUCH', in {cycle.name} or in this file."]}


def test_a_taken_external_key_never_names_the_goal_holding_it(api_as, people, cycle, private_goal):
    errors = errors_of(
        send(api_as(people.other_rep), cycle, "external_key,owner,title,metric,target\nWEST-SECRET,other_rep,x,m,1\n")
    )
    message = errors["external_key"][0]
    assert str(private_goal.pk) not in message
    assert private_goal.title not in message
    assert (
        message == f"'WEST-SECRET' is already the external key of a goal in {cycle.name}; give this goal another one."
    )
