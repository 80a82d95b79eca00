"""Goals come in from CSV into one cycle: parents by id or external key, all rows or none."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.tree_integrity import tree_problems
from goals.models import Goal

pytestmark = pytest.mark.django_db


def send(client, cycle, text: str):
    return client.post(f"/api/goals/import/?cycle={cycle.pk}", text, content_type="text/csv")


def test_goals_come_in_under_existing_goals_and_each_other(api_as, people, cascade, cycle):
    text = (
        "external_key,parent,parent_external_key,owner,title,metric,unit,baseline,target,current,weight\n"
        f"CRM-2,,CRM-1,rep,Riley: expansion,new ARR,USD,0,100000,50000,1\n"
        f"CRM-1,{cascade.executive.pk},,manager,West expansion,new ARR,USD,0,200000,,2\n"
    )
    response = send(api_as(people.manager), cycle, text)
    assert response.status_code == 201, response.json()
    assert [(goal["row"], goal["external_key"]) for goal in response.json()["goals"]] == [(2, "CRM-2"), (3, "CRM-1")]
    team = Goal.objects.get(external_key="CRM-1")
    riley = Goal.objects.get(external_key="CRM-2")
    assert (team.parent, riley.parent, riley.tier, riley.status) == (cascade.executive, team, "rep", "draft")
    assert riley.current == Decimal(50_000)
    assert team.rolled_up_progress == pytest.approx(0.5)
    cascade.executive.refresh_from_db()
    assert cascade.executive.rolled_up_progress > 0
    assert tree_problems(Goal) == []


def test_a_parent_external_key_finds_goals_already_in_the_cycle(api_as, people, cascade, cycle):
    Goal.objects.filter(pk=cascade.manager.pk).update(external_key="WEST")
    response = send(
        api_as(people.manager),
        cycle,
        "parent_external_key,owner,title,metric,target\nWEST,peer_rep,Pat: upsell,ARR,5\n",
    )
    assert response.status_code == 201, response.json()
    assert Goal.objects.get(title="Pat: upsell").parent_id == cascade.manager.pk


def test_a_multipart_upload_names_the_cycle_in_the_form(api_as, people, cascade, cycle):
    upload = SimpleUploadedFile("goals.csv", b"owner,title,metric,target\nrep,Riley: logos,logos,4\n", "text/csv")
    response = api_as(people.rep).post("/api/goals/import/", {"file": upload, "cycle": cycle.pk}, format="multipart")
    assert response.status_code == 201, response.json()
    assert Goal.objects.get(title="Riley: logos").parent is None


def test_every_bad_row_is_reported_and_nothing_is_imported(api_as, people, cascade, cycle):
    text = (
        "external_key,parent,parent_external_key,owner,title,metric,target,due_date\n"
        "A,,,rep,Fine,ARR,10,\n"
        "B,,,nobody,Who,ARR,10,\n"
        "C,,,other_rep,Not mine,ARR,10,\n"
        "D,999999,,rep,Lost parent,ARR,10,\n"
        "E,,MISSING,rep,Lost key,ARR,10,\n"
        "A,,,rep,Twice,ARR,10,\n"
        "F,,,rep,Bad number,ARR,ten,\n"
        "G,,,rep,Late,ARR,10,2031-01-01\n"
        "H,,,manager,Corporate,ARR,10,\n"
    )
    text = text.replace("H,,,manager,Corporate,ARR,10,", "H,,,ceo,Corporate by a manager,ARR,10,")
    response = send(api_as(people.manager), cycle, text)
    assert response.status_code == 400
    errors = {row["row"]: sorted(row["errors"]) for row in response.json()["rows"]}
    assert errors == {
        3: ["owner"],
        4: ["owner"],
        5: ["parent"],
        6: ["parent_external_key"],
        7: ["external_key"],
        8: ["target"],
        9: ["due_date"],
        10: ["owner"],
    }
    assert not Goal.objects.filter(title="Fine").exists()


def test_a_private_parent_out_of_sight_is_like_no_parent(api_as, people, cascade, cycle):
    Goal.objects.filter(pk=cascade.manager.pk).update(visibility="private")
    text = f"parent,owner,title,metric,target\n{cascade.manager.pk},other_rep,Peek,ARR,1\n"
    response = send(api_as(people.other_rep), cycle, text)
    assert response.json()["rows"][0]["errors"] == {"parent": [f"There is no goal with id '{cascade.manager.pk}'."]}


def test_only_executives_import_corporate_objectives(api_as, people, cascade, cycle):
    text = "owner,tier,title,metric,target\nceo,corporate,Win the mid-market,ARR,1\n"
    assert send(api_as(people.manager), cycle, text).status_code == 400
    assert send(api_as(people.ceo), cycle, text).status_code == 201


def test_a_loop_of_parents_in_the_file_is_refused(api_as, people, cascade, cycle):
    text = "external_key,parent_external_key,owner,title,metric,target\nX,Y,rep,x,m,1\nY,X,rep,y,m,1\n"
    response = send(api_as(people.rep), cycle, text)
    assert response.status_code == 400
    assert "loop" in response.json()["rows"][0]["errors"]["parent_external_key"][0]


def test_importing_into_a_closed_cycle_is_a_conflict(api_as, people, cascade, cycle):
    cycle.phase = "closed"
    cycle.save()
    assert send(api_as(people.rep), cycle, "owner,title,metric,target\nrep,x,m,1\n").status_code == 409


@pytest.mark.parametrize("query", ["", "?cycle=999999", "?cycle=abc"])
def test_a_missing_or_unknown_cycle_is_400_on_cycle(api_as, people, query):
    response = api_as(people.rep).post(
        f"/api/goals/import/{query}", "owner,title,metric,target\n", content_type="text/csv"
    )
    assert response.status_code == 400
    assert "cycle" in response.json()


def test_a_large_import_takes_a_few_queries_per_row_at_most(
    api_as, people, cascade, cycle, django_assert_max_num_queries
):
    lines = ["external_key,parent,parent_external_key,owner,title,metric,target"]
    lines += [f"T{t},{cascade.executive.pk},,manager,Team {t},ARR,1000" for t in range(20)]
    lines += [f"R{t}.{r},,T{t},rep,Deal {t}.{r},ARR,100" for t in range(20) for r in range(20)]
    # 20 new team goals under one goal: a handful of queries per team, whatever its size.
    with django_assert_max_num_queries(130):
        response = send(api_as(people.staff), cycle, "\n".join(lines))
    assert response.json()["created"] == 420
    assert Goal.objects.get(external_key="R7.3").parent.external_key == "T7"
    assert tree_problems(Goal) == []


def test_an_edited_export_imports_into_the_next_cycle(api_as, people, cascade, cycle):
    from goals.models import Cycle

    Goal.objects.filter(pk=cascade.manager.pk).update(external_key="WEST")
    Goal.objects.filter(pk=cascade.rep.pk).update(external_key="RILEY")
    exported = api_as(people.staff).get(f"/api/cycles/{cycle.pk}/export/?format=csv").content.decode()
    team_rows = [line for line in exported.splitlines() if ",WEST," in line or ",RILEY," in line]
    header = exported.splitlines()[0]
    # The team's goals go into next year under nothing yet: clear the parent ids of last year.
    lines = [header, *(line.replace(f",{cascade.executive.pk},", ",,", 1) for line in team_rows)]
    next_cycle = Cycle.objects.create(name="FY2028", start="2027-02-01", end="2028-01-31")
    response = send(api_as(people.staff), next_cycle, "\n".join(lines))
    assert response.status_code == 201, response.json()
    copy = Goal.objects.get(cycle=next_cycle, external_key="RILEY")
    assert copy.parent.external_key == "WEST"


def test_a_parent_given_both_ways_must_agree(api_as, people, cascade, cycle):
    text = f"parent,parent_external_key,owner,title,metric,target\n{cascade.manager.pk},OTHER,rep,x,m,1\n"
    response = send(api_as(people.rep), cycle, text)
    assert response.status_code == 400
    assert "does not have the external key 'OTHER'" in response.json()["rows"][0]["errors"]["parent"][0]
