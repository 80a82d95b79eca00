"""What an administrator may do in the product: the rules decide, not Django's superuser bypass.

Administrators (staff, here also superusers) run Cascade: they see every goal, edit goals in open
cycles, check in, review others' goals, decide course corrections, remove comments, and administer
people and cycles. They do not speak for others: they never submit someone else's goal, approve their
own, answer a challenge on an assumption they do not own, edit someone else's comment or endorse their
own challenge.
"""

import pytest

from goals.models import Goal, Status
from tests.factories import AssumptionFactory, ChallengeFactory, GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(people):
    assert people.staff.is_superuser and people.staff.is_staff
    return people.staff


def test_an_administrator_sees_edits_and_reviews_others_goals(admin, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.SUBMITTED)
    cascade.rep.refresh_from_db()

    assert admin.has_perm("goals.view_goal", cascade.rep)
    assert admin.has_perm("goals.approve_goal", cascade.rep)
    assert admin.has_perm("goals.checkin_goal", cascade.rep)


def test_an_administrator_does_not_submit_someone_elses_goal(admin, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    cascade.rep.refresh_from_db()

    assert admin.has_perm("goals.change_goal", cascade.rep)
    assert not admin.has_perm("goals.submit_goal", cascade.rep)


def test_an_administrator_does_not_approve_their_own_goal(admin, cycle, cascade):
    own = GoalFactory(cycle=cycle, owner=admin, tier="executive", parent=cascade.objective, status=Status.SUBMITTED)

    assert not admin.has_perm("goals.approve_goal", own)


def test_an_administrator_does_not_answer_a_challenge_on_someone_elses_assumption(admin, people, cycle):
    challenge = ChallengeFactory(assumption=AssumptionFactory(cycle=cycle, owner=people.cro), author=people.rep)

    assert not admin.has_perm("assumptions.resolve_challenge", challenge)
    assert people.cro.has_perm("assumptions.resolve_challenge", challenge)


def test_an_administrator_removes_but_does_not_edit_a_comment(admin, people, cycle):
    from assumptions import services

    challenge = ChallengeFactory(assumption=AssumptionFactory(cycle=cycle, owner=people.cro), author=people.rep)
    comment = services.comment_post(actor=people.peer_rep, challenge=challenge, body="Same here")

    assert admin.has_perm("assumptions.delete_comment", comment)
    assert not admin.has_perm("assumptions.change_comment", comment)


def test_an_inactive_administrator_may_do_nothing_in_the_product(admin, cascade):
    admin.is_active = False

    assert not admin.has_perm("goals.view_goal", cascade.rep)


def test_the_admin_site_still_opens_for_a_superuser(admin, client):
    client.force_login(admin)

    assert client.get("/admin/goals/goal/").status_code == 200
    assert admin.has_perm("goals.change_goal")  # object-less: the admin site's model permission
