"""Home: the to-do list first, then my goals, how they link to the strategy, and the check-in form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dashboard import todo
from goals.models import Goal
from goals.selectors import approval_queue
from tests.factories import AlignmentFlagFactory

pytestmark = pytest.mark.django_db


def test_home_needs_signing_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_rep_sees_their_goals_and_the_path_up_to_the_corporate_objective(client, demo):
    client.force_login(demo.rep)
    html = client.get("/").content.decode()
    assert "My goals" in html
    assert demo.rep_goal.title in html
    for ancestor in demo.rep_goal.get_ancestors():
        assert ancestor.title in html
    assert 'aria-valuenow="' in html  # progress bars


def test_check_ins_i_owe_lists_goals_without_a_recent_check_in(client, demo):
    Goal.objects.filter(pk=demo.rep_goal.pk).update(last_checkin_at=timezone.now() - timedelta(days=40))
    client.force_login(demo.rep)
    html = client.get("/").content.decode()
    owed = html[html.index("Check-ins I owe") :]
    owed = owed[: owed.index("</section>")]
    assert demo.rep_goal.title in owed
    assert "Last check-in 1\xa0month" in owed


def test_the_check_in_form_shows_the_previous_check_in_beside_it(client, demo):
    previous = demo.rep_goal.checkins.first()
    client.force_login(demo.rep)
    response = client.get(f"/?checkin={demo.rep_goal.pk}")
    html = response.content.decode()
    assert response.context["checkin_goal"] == demo.rep_goal
    assert "Previous check-in" in html
    assert previous.created.strftime("%-d %b %Y") in html


def test_a_manager_sees_goals_awaiting_approval(client, demo):
    client.force_login(demo.manager)
    html = client.get("/").content.decode()
    assert "Goals awaiting my approval" in html
    oldest_submission = approval_queue(demo.manager).first()  # the queue's order: longest waiting first
    assert oldest_submission.owner.manager == demo.manager
    assert oldest_submission.title in html
    assert "Open the approval queue" in html


def test_my_open_flags_say_what_to_do(client, demo):
    AlignmentFlagFactory(goal=demo.rep_goal, kind="stale_progress", message="No check-in for 40 days.")
    client.force_login(demo.rep)
    html = client.get("/").content.decode()
    assert "My open flags" in html
    assert "Post a check-in with the current value and your confidence." in html


def test_another_app_can_add_a_to_do_section(client, demo):
    @todo.todo_section(order=15)
    def challenges_awaiting_my_answer(person):
        return todo.TodoSection(
            key="challenges",
            title="Challenges awaiting my answer",
            total=1,
            items=[todo.TodoItem(title="Churn stays under 8%", url="/somewhere/")],
        )

    try:
        client.force_login(demo.rep)
        html = client.get("/").content.decode()
    finally:
        todo._PROVIDERS[:] = [entry for entry in todo._PROVIDERS if entry[1] is not challenges_awaiting_my_answer]
    assert "Challenges awaiting my answer" in html
    assert "Churn stays under 8%" in html


def test_someone_with_nothing_to_do_is_told_so(client, people):
    client.force_login(people.peer_rep)
    html = client.get("/").content.decode()
    assert "You're all caught up" in html
    assert "No goals yet" in html


@pytest.mark.parametrize("login", ["rep", "manager", "cro"])
def test_home_costs_a_fixed_number_of_queries(client, demo, login, django_assert_max_num_queries):
    client.force_login(getattr(demo, login))
    # 16, plus the cabinet's action items (everyone) and its offers and questions (high performers: the demo rep),
    # and one per territory plan to-do section (four)
    with django_assert_max_num_queries(23):
        assert client.get("/").status_code == 200
