"""People have a function (sales, marketing, enablement, customer success), so people outside sales sign in, take part
in joint plans and co-own joint targets."""

import pytest

from accounts.models import Function, Person
from accounts.services import person_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

IMPORT = "username,full_name,manager,role,function\n"


def test_everyone_is_in_sales_unless_told_otherwise(people):
    assert people.rep.function == Function.SALES
    marketer = person_create(username="mira", manager=people.ceo, role="manager", function=Function.MARKETING)
    assert marketer.get_function_display() == "Marketing"


def test_the_people_api_shows_and_filters_by_function(api_as, people):
    PersonFactory(username="mira", manager=people.ceo, role="manager", function=Function.MARKETING)
    client = api_as(people.rep)
    me = client.get("/api/people/me/").json()
    assert me["function"] == "sales"
    marketing = client.get("/api/people/?function=marketing").json()["results"]
    assert [person["username"] for person in marketing] == ["mira"]
    assert client.get("/api/people/?function=finance").status_code == 400


def test_admins_set_a_persons_function(api_as, people):
    response = api_as(people.staff).patch(
        f"/api/people/{people.peer_rep.pk}/", {"function": "enablement"}, format="json"
    )
    assert response.status_code == 200 and response.json()["function"] == "enablement"
    refused = api_as(people.staff).patch(f"/api/people/{people.peer_rep.pk}/", {"function": "legal"}, format="json")
    assert refused.status_code == 400 and "function" in refused.json()


def test_the_people_import_takes_a_function_column(api_as, people):
    text = IMPORT + "nina,Nina Field,ceo,manager,Marketing\ntheo,Theo Enable,cro,manager,customer success\n"
    response = api_as(people.staff).post("/api/people/import/", text, content_type="text/csv")
    assert response.status_code == 201, response.content
    imported = Person.objects.filter(username__in=["nina", "theo"]).values_list("username", "function")
    assert dict(imported) == {"nina": "marketing", "theo": "customer_success"}
    bad = api_as(people.staff).post(
        "/api/people/import/", IMPORT + "zed,Zed,ceo,rep,finance\n", content_type="text/csv"
    )
    assert bad.status_code == 400
    assert "Unknown function" in bad.json()["rows"][0]["errors"]["function"][0]


def test_someone_outside_sales_signs_in_and_sees_their_home_page(client, people):
    marketer = PersonFactory(username="mira", manager=people.ceo, role="manager", function=Function.MARKETING)
    assert client.login(username="mira", password="password")
    response = client.get("/")
    assert response.status_code == 200 and "Hello, " + marketer.first_name in response.content.decode()
    assert client.get("/territory-plans/").status_code == 200
