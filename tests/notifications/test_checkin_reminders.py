"""Check-in reminders: the owner once per interval without a check-in, the manager too after two, set-based."""

import datetime

import pytest

from goals import services
from goals.models import Goal, Phase, Status
from notifications.delivery import Draft
from notifications.models import Kind, MutedKind, Notification
from notifications.reminders import email_batches, send_checkin_reminders
from notifications.tasks import email_notifications_task, send_checkin_reminders_task
from tests.clock import TEST_NOW, short_date
from tests.factories import CycleFactory, GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db

NOW = TEST_NOW


def last_active(goal, days_ago: int, checked_in: bool = True) -> None:
    """Set the goal's last check-in (or, never checked in, its creation) ``days_ago`` before NOW."""
    moment = NOW - datetime.timedelta(days=days_ago)
    Goal.objects.filter(pk=goal.pk).update(
        created=moment - datetime.timedelta(days=1) if checked_in else moment,
        last_checkin_at=moment if checked_in else None,
    )


@pytest.fixture
def quiet_cascade(cascade):
    """Everyone checked in yesterday: nothing is owed."""
    for goal in vars(cascade).values():
        last_active(goal, 1)
    return cascade


def reminders_of(person):
    return list(Notification.objects.filter(recipient=person).order_by("id"))


def test_nothing_is_owed_within_the_interval(people, quiet_cascade):
    result = send_checkin_reminders(now=NOW)

    assert result["delivered"] == 0
    assert not Notification.objects.exists()


def test_after_one_interval_the_owner_is_reminded_and_the_manager_is_not(
    people, quiet_cascade, mailoutbox, django_capture_on_commit_callbacks
):
    last_active(quiet_cascade.rep, 15)

    with django_capture_on_commit_callbacks(execute=True):
        send_checkin_reminders(now=NOW)

    [reminder] = reminders_of(people.rep)
    assert reminder.kind == Kind.CHECKIN_REMINDER
    assert reminder.title == "Time to check in on “Riley new ARR”"
    assert (
        reminder.body
        == f"No check-in since {short_date(NOW - datetime.timedelta(days=15))}; this cycle expects one every 14 days."
    )
    assert reminder.url == f"/?checkin={quiet_cascade.rep.pk}#check-in"
    assert reminders_of(people.manager) == []
    assert [m.to for m in mailoutbox] == [[people.rep.email]]


def test_a_goal_never_checked_in_counts_from_its_creation(people, quiet_cascade):
    last_active(quiet_cascade.rep, 20, checked_in=False)

    send_checkin_reminders(now=NOW)

    [reminder] = reminders_of(people.rep)
    assert reminder.body.startswith(
        f"No check-in since the goal was created on {short_date(NOW - datetime.timedelta(days=20))}"
    )


def test_running_twice_the_same_day_sends_nothing_new(
    people, quiet_cascade, mailoutbox, django_capture_on_commit_callbacks
):
    last_active(quiet_cascade.rep, 30)
    with django_capture_on_commit_callbacks(execute=True):
        first = send_checkin_reminders(now=NOW)

    with django_capture_on_commit_callbacks(execute=True):
        second = send_checkin_reminders(now=NOW + datetime.timedelta(hours=3))

    assert first["delivered"] == 2 and second["delivered"] == 0
    assert Notification.objects.count() == 2
    assert len(mailoutbox) == 2


def test_each_interval_reminds_once_and_the_second_tells_the_manager(people, quiet_cascade):
    last_active(quiet_cascade.rep, 15)
    send_checkin_reminders(now=NOW)
    send_checkin_reminders(now=NOW + datetime.timedelta(days=1))  # still the first interval
    assert len(reminders_of(people.rep)) == 1 and reminders_of(people.manager) == []

    send_checkin_reminders(now=NOW + datetime.timedelta(days=14))  # 29 days: the second interval

    _first, second = reminders_of(people.rep)
    assert second.title == "Check-in overdue on “Riley new ARR”"
    # (By now everyone else's goals are a first interval late: they get reminders of their own.)
    [told] = Notification.objects.filter(recipient=people.manager, kind=Kind.CHECKIN_OVERDUE)
    assert told.kind == Kind.CHECKIN_OVERDUE
    assert told.title == "Riley Rep has not checked in on “Riley new ARR” for a while"
    assert told.url == quiet_cascade.rep.get_absolute_url()
    assert f"no check-in since {short_date(NOW - datetime.timedelta(days=15))}" in told.body
    # Only the direct manager: the CRO above hears nothing of it.
    assert not Notification.objects.filter(recipient=people.cro, kind=Kind.CHECKIN_OVERDUE).exists()


def test_a_manager_gets_one_digest_for_the_whole_team(
    people, quiet_cascade, mailoutbox, django_capture_on_commit_callbacks
):
    last_active(quiet_cascade.rep, 40)
    last_active(quiet_cascade.peer, 30)

    with django_capture_on_commit_callbacks(execute=True):
        send_checkin_reminders(now=NOW)

    [digest] = reminders_of(people.manager)
    assert digest.title == "2 goals in your team are overdue for a check-in (2 people)"
    assert "Riley Rep: “Riley new ARR”" in digest.body and "Pat Peer: “Pat new ARR”" in digest.body
    assert len([m for m in mailoutbox if m.to == [people.manager.email]]) == 1


def test_a_check_in_starts_the_count_over(people, quiet_cascade):
    last_active(quiet_cascade.rep, 15)
    send_checkin_reminders(now=NOW)

    services.checkin_create(actor=people.rep, goal=quiet_cascade.rep, value=50_000, confidence="on_track")
    Goal.objects.filter(pk=quiet_cascade.rep.pk).update(last_checkin_at=NOW)
    send_checkin_reminders(now=NOW + datetime.timedelta(days=10))
    assert len(reminders_of(people.rep)) == 1

    send_checkin_reminders(now=NOW + datetime.timedelta(days=15))

    assert len(reminders_of(people.rep)) == 2


def test_closed_cycles_final_goals_and_rolled_up_objectives_owe_nothing(people, quiet_cascade, cycle):
    last_active(quiet_cascade.objective, 40)  # a corporate objective rolling up its sub-goals
    achieved = GoalFactory(cycle=cycle, owner=people.rep, parent=quiet_cascade.manager, status=Status.ACHIEVED)
    last_active(achieved, 40)
    closed = CycleFactory(name="FY2026", phase=Phase.CLOSED)
    old = GoalFactory(cycle=closed, owner=people.rep)
    last_active(old, 400)

    assert send_checkin_reminders(now=NOW)["delivered"] == 0


def test_people_who_left_are_not_reminded(people, quiet_cascade):
    people.rep.is_active = False
    people.rep.save(update_fields=["is_active"])
    last_active(quiet_cascade.rep, 40)

    assert send_checkin_reminders(now=NOW)["delivered"] == 0


def test_a_muted_reminder_still_tells_the_manager(people, quiet_cascade):
    MutedKind.objects.create(person=people.rep, kind=Kind.CHECKIN_REMINDER)
    last_active(quiet_cascade.rep, 30)

    send_checkin_reminders(now=NOW)
    send_checkin_reminders(now=NOW + datetime.timedelta(hours=1))

    assert reminders_of(people.rep) == []
    assert len(reminders_of(people.manager)) == 1


def test_the_cycles_own_interval_applies(people, quiet_cascade, cycle):
    cycle.checkin_interval_days = 7
    cycle.save()
    last_active(quiet_cascade.rep, 8)

    send_checkin_reminders(now=NOW)

    assert len(reminders_of(people.rep)) == 1


def test_the_task_is_on_the_beat_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["checkin-reminders"]
    assert entry["task"] == send_checkin_reminders_task.name
    assert entry["schedule"].hour == {8} and entry["schedule"].minute == {0}


def test_the_task_runs_the_reminders(people, quiet_cascade):
    Goal.objects.filter(pk=quiet_cascade.rep.pk).update(last_checkin_at=NOW - datetime.timedelta(days=15))

    result = send_checkin_reminders_task.delay().get()

    assert result["goals_reminded"] == 1 and len(reminders_of(people.rep)) == 1


def test_reminders_cost_the_same_queries_for_many_goals(people, cycle, django_assert_max_num_queries):
    managers = PersonFactory.create_batch(5, role="manager", manager=people.cro)
    for manager in managers:
        for person in PersonFactory.create_batch(6, manager=manager):
            for goal in GoalFactory.create_batch(3, cycle=cycle, owner=person):
                last_active(goal, 30)

    # 90 goals of 30 people under 5 managers: a few queries per cycle, batched writes, one email claim.
    with django_assert_max_num_queries(20):
        result = send_checkin_reminders(now=NOW)

    assert result["goals_reminded"] == 90 and result["managers_told"] == 5
    assert Notification.objects.filter(kind=Kind.CHECKIN_OVERDUE).count() == 5


def test_emails_go_out_in_batches_of_people_each_person_in_one_batch():
    drafts = [
        Draft(recipient_id=person, kind=Kind.CHECKIN_REMINDER, title="t", key=f"checkin:{person}:{goal}")
        for person in range(1, 8)
        for goal in range(2)
    ]

    batches = email_batches(drafts, size=3)

    assert [len(keys) for keys in batches] == [6, 6, 2]
    assert batches[0] == ["checkin:1:0", "checkin:1:1", "checkin:2:0", "checkin:2:1", "checkin:3:0", "checkin:3:1"]


def test_a_batch_that_failed_to_send_is_retried_alone_and_sends_nothing_twice(
    people, quiet_cascade, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    last_active(quiet_cascade.rep, 15)
    last_active(quiet_cascade.peer, 15)
    monkeypatch.setattr("notifications.reminders.EMAIL_BATCH", 1)  # one person per task
    sent_batches = []
    monkeypatch.setattr("notifications.tasks.email_notifications_task.delay", lambda keys: sent_batches.append(keys))

    with django_capture_on_commit_callbacks(execute=True):
        result = send_checkin_reminders(now=NOW)

    assert result["email_batches"] == 2 and len(sent_batches) == 2
    assert mailoutbox == []  # the reminders are in the inbox; the email tasks run on a worker
    first, second = sent_batches
    email_notifications_task(first)
    email_notifications_task(first)  # the worker restarted and the broker handed the batch over again
    email_notifications_task(second)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([people.rep.email, people.peer_rep.email])
