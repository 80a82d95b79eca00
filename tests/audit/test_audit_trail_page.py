"""Staff read and export the audit trail of goals, cycles and people, filtered; nobody else may."""

import csv
import io
from decimal import Decimal

import pytest

from accounts.services import person_update
from goals.models import Goal
from goals.services import cycle_update, goal_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes(people, cascade, cycle):
    goal_update(actor=people.staff, goal=Goal.objects.get(pk=cascade.rep.pk), target=Decimal(210_000))
    cycle_update(actor=people.staff, cycle=cycle, checkin_interval_days=21)


def test_staff_see_goal_changes_with_who_what_and_when(client, people, cascade, changes):
    client.force_login(people.staff)
    response = client.get(f"/audit/?subject=goals&object_id={cascade.rep.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Riley new ARR" in html and "Sam Admin" in html
    assert "200,000" in html and "210,000" in html


def test_permission_changes_to_people_are_in_the_trail(client, people, changes):
    client.force_login(people.staff)
    client.post(f"/admin/accounts/person/{people.manager.pk}/change/", {})  # an invalid form saves nothing
    person_update(person=people.rep, is_staff=True, role="manager")
    entries = client.get(f"/audit/?subject=people&object_id={people.rep.pk}").context["entries"]
    changed = {change.field: (change.old, change.new) for change in entries[0].changes}
    assert changed == {"role": ("Sales rep", "Manager"), "is_staff": ("no", "yes")}


def test_filters_narrow_the_trail_and_bad_ones_are_field_errors(client, people, cascade, changes):
    client.force_login(people.staff)
    response = client.get(f"/audit/?subject=cycles&actor={people.staff.username}&field=checkin_interval_days")
    [entry] = response.context["entries"]
    assert [(c.old, c.new) for c in entry.changes] == [("14", "21")]
    response = client.get("/audit/?object_id=²&actor=nobody&since=2027-02-01&until=2027-01-01")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"object_id", "actor", "until"}


def test_the_csv_export_has_one_line_per_field_changed(client, people, cascade, changes):
    client.force_login(people.staff)
    response = client.get(f"/audit/export.csv?subject=goals&object_id={cascade.rep.pk}&kind=~")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["field"], row["from"], row["to"], row["changed_by"]) for row in rows] == [
        ("target", "200,000", "210,000", "Sam Admin")
    ]


def test_nobody_but_staff_reads_the_trail(client, people, changes):
    for person in (people.rep, people.manager, people.ceo):
        client.force_login(person)
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/export.csv").status_code == 403


def test_the_trail_page_costs_the_same_queries_for_more_changes(client, people, cascade, django_assert_max_num_queries):
    client.force_login(people.staff)
    goal = Goal.objects.get(pk=cascade.rep.pk)
    for n in range(30):
        goal_update(actor=people.staff, goal=goal, target=Decimal(100_000 + n))
    with django_assert_max_num_queries(16):
        client.get("/audit/?subject=goals")


def test_a_permission_change_in_the_admin_names_the_admin(client, people):
    from audit.selectors import AuditFilters, audit_entries, audit_rows

    client.force_login(people.staff)
    person = people.rep
    person.is_superuser = True
    person.save()  # outside a request: nobody to name
    client.get("/")  # a request in between leaves no actor behind
    entries = audit_entries("people", list(audit_rows(AuditFilters(subject="people", object_id=person.pk))[:1]))
    assert entries[0].actor_name == "Cascade"
    assert [(c.field, c.new) for c in entries[0].changes] == [("is_superuser", "yes")]
