"""The assumptions pages render for every kind of person in the demo company, and the demo looks alive."""

import pytest

from accounts.models import Person
from assumptions.models import Assumption, Challenge, ChangeRequest, Comment, Endorsement
from demo.builder import build_demo_company
from tests.assumptions_web.conftest import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    build_demo_company()


def test_the_demo_has_challenges_votes_a_thread_and_a_waiting_course_correction(demo):
    assert Challenge.objects.filter(status="open").count() >= 2
    assert Challenge.objects.filter(status="accepted").exists()
    assert Endorsement.objects.count() >= 5
    assert Comment.objects.filter(level__gte=3).exists()
    waiting = ChangeRequest.objects.filter(status="pending", goal__owner__username="alex.rivera")
    assert waiting.exists()
    revised = Assumption.objects.get(status="revised")
    assert revised.revisions.count() >= 3 and revised.revision == revised.revisions.first().number


@pytest.mark.parametrize("login", ["alex.rivera", "jordan.blake", "marcus.oyelaran", "tomas.herrera", "admin"])
def test_every_assumptions_page_renders(client, demo, login):
    client.force_login(Person.objects.get(username=login))
    pages = ["/", "/assumptions/", "/assumptions/?status=challenged", "/assumptions/course-corrections/"]
    pages += [f"/assumptions/{pk}/" for pk in Assumption.objects.values_list("pk", flat=True)]
    pages += [
        f"/assumptions/{pk}/challenge/"
        for pk in Assumption.objects.exclude(status="retired").values_list("pk", flat=True)
    ]
    pages += [f"/assumptions/challenges/{pk}/" for pk in Challenge.objects.values_list("pk", flat=True)]
    pages += [f"/assumptions/course-corrections/{pk}/" for pk in ChangeRequest.objects.values_list("pk", flat=True)]
    pages += [f"/goals/{goal_id}/" for goal_id in ChangeRequest.objects.values_list("goal_id", flat=True)]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page


def test_alex_sees_the_course_correction_and_the_churn_owner_the_challenges(client, demo):
    client.force_login(Person.objects.get(username="alex.rivera"))
    assert "Course corrections for my goals" in html(client.get("/"))
    client.force_login(Person.objects.get(username="tomas.herrera"))
    assert "Challenges awaiting my answer" in html(client.get("/"))
