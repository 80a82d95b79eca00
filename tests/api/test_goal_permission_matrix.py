"""Who may do what with goals over the API (API.md, "Who may do what"), role by role.

The company: ceo > cro > {manager > rep, peer_rep; other_manager > other_rep}, plus staff.
Each row is one action on one goal and the people allowed; everyone else gets 403. The staff
fixture is a superuser: the rules, not Django's superuser bypass, say what it may do.
"""

import pytest

from goals.models import Goal, Status

pytestmark = pytest.mark.django_db

EVERYONE = ["ceo", "cro", "manager", "other_manager", "rep", "peer_rep", "other_rep", "staff"]


def rep_goal(cascade, status):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=status)
    return cascade.rep.pk


def act(client, action, cascade, cycle, person):
    if action == "edit a draft":
        pk = rep_goal(cascade, Status.DRAFT)
        return client.patch(f"/api/goals/{pk}/", {"title": "Changed"})
    if action == "delete a draft":
        pk = rep_goal(cascade, Status.DRAFT)
        return client.delete(f"/api/goals/{pk}/")
    if action == "submit a draft":
        pk = rep_goal(cascade, Status.DRAFT)
        return client.post(f"/api/goals/{pk}/submit/")
    if action == "approve a submitted goal":
        pk = rep_goal(cascade, Status.SUBMITTED)
        return client.post(f"/api/goals/{pk}/approve/")
    if action == "return a submitted goal":
        pk = rep_goal(cascade, Status.SUBMITTED)
        return client.post(f"/api/goals/{pk}/return/", {"reason": "Too low"})
    if action == "check in":
        return client.post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "1000", "confidence": "on_track"})
    if action == "allocate the team target":
        return client.post(f"/api/goals/{cascade.manager.pk}/allocate/", {"method": "even"})
    if action == "draft a goal for the rep":
        body = {"cycle": cycle.pk, "owner": cascade.rep.owner_id, "title": "More", "metric": "ARR", "target": "10"}
        return client.post("/api/goals/", body)
    if action == "create a corporate objective":
        body = {"cycle": cycle.pk, "tier": "corporate", "title": "Win", "metric": "ARR", "target": "10"}
        owner = person.pk if person.role == "executive" else cascade.objective.owner_id
        return client.post("/api/goals/", {**body, "owner": owner})
    if action == "move the rep goal":
        pk = rep_goal(cascade, Status.DRAFT)
        return client.post(f"/api/goals/{pk}/move/", {"parent": cascade.executive.pk})
    raise AssertionError(action)


MATRIX = [
    ("edit a draft", {"rep", "staff"}),
    ("delete a draft", {"rep", "staff"}),
    ("submit a draft", {"rep"}),  # submitting is the owner's own word
    ("approve a submitted goal", {"manager", "cro", "ceo", "staff"}),
    ("return a submitted goal", {"manager", "cro", "ceo", "staff"}),
    ("check in", {"rep", "manager", "cro", "ceo", "staff"}),
    ("allocate the team target", {"manager", "cro", "ceo", "staff"}),
    ("draft a goal for the rep", {"rep", "manager", "cro", "ceo", "staff"}),
    ("create a corporate objective", {"ceo", "cro", "staff"}),
    ("move the rep goal", {"rep", "staff"}),
]
SUCCESS = {"delete a draft": 204, "check in": 201, "draft a goal for the rep": 201, "create a corporate objective": 201}


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(("action", "allowed"), MATRIX, ids=[row[0] for row in MATRIX])
def test_goal_permission_matrix(api_as, people, cascade, cycle, action, allowed, who):
    response = act(api_as(getattr(people, who)), action, cascade, cycle, getattr(people, who))
    if who in allowed:
        assert response.status_code == SUCCESS.get(action, 200), response.content
    else:
        assert response.status_code == 403, response.content
        assert response.json()["detail"]


@pytest.mark.parametrize(("action", "allowed"), MATRIX, ids=[row[0] for row in MATRIX])
def test_nothing_changes_in_a_closed_cycle(api_as, people, cascade, cycle, action, allowed):
    cycle.phase = "closed"
    cycle.save()
    who = sorted(allowed)[0]
    response = act(api_as(getattr(people, who)), action, cascade, cycle, getattr(people, who))
    assert response.status_code in (403, 409), response.content
    assert Goal.objects.filter(title__in=["Changed", "More", "Win"]).count() == 0
    assert Goal.objects.filter(pk=cascade.rep.pk).exists()
    cascade.rep.refresh_from_db()
    assert cascade.rep.parent_id == cascade.manager.pk
    assert cascade.rep.current == 0


def test_a_closed_cycle_is_a_409_with_the_reason(api_as, people, cascade, cycle):
    cycle.phase = "closed"
    cycle.save()
    response = api_as(people.staff).patch(f"/api/goals/{cascade.rep.pk}/", {"title": "Changed"})
    assert response.status_code == 409
    assert response.json() == {"detail": "FY2027 is closed: its goals are read-only."}
