"""The approval queue tells when a goal was submitted, not when it last changed."""

import datetime

import pytest

from goals.selectors import approval_queue
from goals.services import checkin_create, goal_submit
from tests.clock import TEST_NOW
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_the_queue_shows_and_orders_by_the_submission_time(client, people, cascade, clock):
    early = GoalFactory(
        cycle=cascade.manager.cycle, owner=people.rep, parent=cascade.manager, title="Early", status="draft"
    )
    late = GoalFactory(
        cycle=cascade.manager.cycle, owner=people.peer_rep, parent=cascade.manager, title="Late", status="draft"
    )
    goal_submit(actor=people.rep, goal=early)
    clock.shift(datetime.timedelta(days=2))
    goal_submit(actor=people.peer_rep, goal=late)
    clock.shift(datetime.timedelta(days=3))
    # A check-in later touches the early goal's update time, not its submission time.
    checkin_create(actor=people.rep, goal=early, value=5, confidence="on_track")

    early.refresh_from_db()
    assert early.submitted_at == TEST_NOW
    assert early.updated > early.submitted_at
    assert list(approval_queue(people.manager).filter(pk__in=[early.pk, late.pk])) == [early, late]

    client.force_login(people.manager)
    html = client.get("/approvals/").content.decode()
    row = html[html.index("Early") :]
    assert "5\xa0days ago" in row[: row.index("</tr>")]
