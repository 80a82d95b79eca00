"""A goals CSV with a bad number, date, id or a NUL byte in a cell gets a 400 naming the row and column, never a 500."""

import pytest

from core.parsing import BIGINT_MAX
from goals.models import Goal

pytestmark = pytest.mark.django_db


def send(client, cycle, text: str):
    return client.post(f"/api/goals/import/?cycle={cycle.pk}", text, content_type="text/csv")


def row_errors(response) -> dict:
    assert response.status_code == 400, response.content
    return {row["row"]: row["errors"] for row in response.json()["rows"]}


@pytest.mark.parametrize("weight", ["heavy", "1,5", "-", "NaN"])
def test_a_weight_that_is_not_a_number_is_a_row_error(api_as, people, cascade, cycle, weight):
    response = send(api_as(people.rep), cycle, f'owner,title,metric,target,weight\nrep,Logos,logos,4,"{weight}"\n')
    assert list(row_errors(response)[2]) == ["weight"]


@pytest.mark.parametrize("due_date", ["tomorrow", "2027-13-45", "31/01/2027"])
def test_a_due_date_that_is_not_a_date_is_a_row_error(api_as, people, cascade, cycle, due_date):
    response = send(api_as(people.rep), cycle, f"owner,title,metric,target,due_date\nrep,Logos,logos,4,{due_date}\n")
    assert list(row_errors(response)[2]) == ["due_date"]


def test_other_checks_still_run_on_a_row_with_a_bad_cell(api_as, people, cascade, cycle):
    text = "owner,title,metric,target,weight,due_date\nrep,Logos,logos,4,heavy,2040-01-01\n"
    assert sorted(row_errors(send(api_as(people.rep), cycle, text))[2]) == ["due_date", "weight"]


@pytest.mark.parametrize("column", ["title", "metric", "owner", "external_key", "description"])
def test_a_nul_byte_in_any_cell_is_a_row_error(api_as, people, cascade, cycle, column):
    values = {
        "owner": "rep",
        "title": "Logos",
        "metric": "logos",
        "target": "4",
        "external_key": "K",
        "description": "",
    }
    values[column] = values[column] + "\x00x"
    header = ",".join(values)
    response = send(api_as(people.rep), cycle, f"{header}\n{','.join(values.values())}\n")
    assert list(row_errors(response)[2]) == [column]
    assert not Goal.objects.filter(title__startswith="Logos").exists()


@pytest.mark.parametrize("parent", ["²", "-1", "1e3", str(BIGINT_MAX + 1), "9" * 30])
def test_a_parent_cell_that_is_not_an_id_is_a_row_error(api_as, people, cascade, cycle, parent):
    response = send(api_as(people.rep), cycle, f"owner,title,metric,target,parent\nrep,Logos,logos,4,{parent}\n")
    assert row_errors(response)[2] == {"parent": [f"There is no goal with id {parent!r}."]}


def test_a_nul_byte_in_a_people_import_is_a_row_error(api_as, people):
    response = api_as(people.staff).post(
        "/api/people/import/", "username,region\nnew.person,We\x00st\n", content_type="text/csv"
    )
    assert list(row_errors(response)[2]) == ["region"]
