"""Admins import people from CSV: managers by username, all rows or none, every bad row reported."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Person
from core.tree_integrity import tree_problems

pytestmark = pytest.mark.django_db


def send(client, text: str):
    return client.post("/api/people/import/", text, content_type="text/csv")


def test_people_come_in_with_managers_from_cascade_or_the_file(api_as, people):
    text = (
        "username,full_name,email,role,manager,region,password\n"
        "nina.rep,Nina Rep,nina@example.com,rep,nora.mgr,North,a-long-sales-password\n"
        "nora.mgr,Nora Manager,nora@example.com,manager,cro,North,\n"
    )
    response = send(api_as(people.staff), text)
    assert response.status_code == 201, response.json()
    assert response.json()["created"] == 2
    assert [person["row"] for person in response.json()["people"]] == [2, 3]
    nina = Person.objects.get(username="nina.rep")
    assert (nina.manager.username, nina.manager.manager, nina.first_name) == ("nora.mgr", people.cro, "Nina")
    assert nina.check_password("a-long-sales-password")
    assert not Person.objects.get(username="nora.mgr").has_usable_password()
    assert Person.objects.get(username="cro").is_above(nina)
    assert tree_problems(Person) == []


def test_a_multipart_upload_works_too(api_as, people):
    upload = SimpleUploadedFile("people.csv", b"\xef\xbb\xbfusername,role,manager\nnew.rep,rep,manager\n", "text/csv")
    response = api_as(people.staff).post("/api/people/import/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    assert Person.objects.get(username="new.rep").manager == people.manager


def test_people_already_in_cascade_are_updated_and_moved(api_as, people):
    response = send(api_as(people.staff), "username,region,manager\nrep,East,other_manager\n")
    assert response.json()["updated"] == 1
    people.rep.refresh_from_db()
    assert (people.rep.region, people.rep.manager) == ("East", people.other_manager)
    assert people.other_manager.is_above(people.rep) and not people.manager.is_above(people.rep)
    assert tree_problems(Person) == []


def test_every_bad_row_is_reported_and_nothing_is_imported(api_as, people):
    text = (
        "username,role,manager,email\n"
        "good.rep,rep,manager,good@example.com\n"
        "bad.manager,rep,nobody,\n"
        "bad.role,chief,,\n"
        "under.rep,rep,rep,\n"
        ",rep,,\n"
        "bad.email,rep,,not-an-email\n"
        "good.rep,rep,,\n"
    )
    response = send(api_as(people.staff), text)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "6 rows of the file have errors; nothing was imported."
    assert {row["row"]: list(row["errors"]) for row in body["rows"]} == {
        3: ["manager"],
        4: ["role"],
        5: ["manager"],
        6: ["username"],
        7: ["email"],
        8: ["username"],
    }
    assert "nobody" in body["rows"][0]["errors"]["manager"][0]
    assert not Person.objects.filter(username="good.rep").exists()


def test_a_loop_of_managers_is_refused(api_as, people):
    text = "username,role,manager\na.mgr,manager,b.mgr\nb.mgr,manager,a.mgr\n"
    response = send(api_as(people.staff), text)
    assert response.status_code == 400
    assert "loop" in response.json()["rows"][0]["errors"]["manager"][0]


def test_a_manager_who_keeps_reports_cannot_become_a_rep(api_as, people):
    response = send(api_as(people.staff), "username,role\nmanager,rep\n")
    assert response.status_code == 400
    assert "would still manage" in response.json()["rows"][0]["errors"]["role"][0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Send the CSV"),
        (" \n", "missing column username"),
        ("name,role\nx,rep\n", "missing column username"),
        ("username,colour\nx,red\n", "unknown column colour"),
        ("username\n", "no rows"),
    ],
)
def test_a_file_that_cannot_be_read_is_400_on_file(api_as, people, text, message):
    response = send(api_as(people.staff), text)
    assert response.status_code == 400
    assert message in response.json()["file"][0]


def test_a_file_that_is_not_utf8_is_400(api_as, people):
    response = api_as(people.staff).post(
        "/api/people/import/", "username\nJosé\n".encode("latin-1"), content_type="text/csv"
    )
    assert response.status_code == 400
    assert "UTF-8" in response.json()["file"][0]


def test_no_file_at_all_is_400(api_as, people):
    response = api_as(people.staff).post("/api/people/import/", {}, format="json")
    assert response.status_code == 400
    assert "file" in response.json()


@pytest.mark.parametrize("who", ["ceo", "manager", "rep"])
def test_only_staff_import_people(api_as, people, who):
    response = send(api_as(getattr(people, who)), "username\nsneaky\n")
    assert response.status_code == 403
    assert not Person.objects.filter(username="sneaky").exists()


def test_a_large_import_takes_a_few_queries_per_row_at_most(api_as, people, django_assert_max_num_queries):
    lines = ["username,role,manager"]
    lines += [f"mgr{m},manager,cro" for m in range(10)]
    lines += [f"rep{m}.{r},rep,mgr{m}" for m in range(10) for r in range(30)]
    # 10 new teams under the CRO: a handful of queries per team, whatever its size.
    with django_assert_max_num_queries(60):
        response = send(api_as(people.staff), "\n".join(lines))
    assert response.json()["created"] == 310
    assert Person.objects.get(username="rep3.7").manager.username == "mgr3"
    assert tree_problems(Person) == []
