"""The explorer's region/team filter is a searchable field with suggestions, not a list of every team."""

import pytest

from accounts.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_regions(people):
    for number in range(40):
        PersonFactory(username=f"seller{number}", manager=people.manager, region=f"Mountain Team {number:02d}")


def test_the_explorer_page_lists_no_regions_up_front(client, people, cascade, cycle, many_regions):
    client.force_login(people.rep)
    html = client.get(f"/cycles/{cycle.pk}/explorer/").content.decode()

    assert 'list="region-options"' in html
    assert "Mountain Team 07" not in html


def test_suggestions_are_the_regions_containing_what_was_typed(client, people, many_regions):
    client.force_login(people.rep)
    html = client.get("/explorer/regions/", {"region": "team 1"}).content.decode()

    assert html.count("<option") == 10
    assert 'value="Mountain Team 13"' in html
    assert "Mountain Team 23" not in html


def test_suggestions_stop_at_twenty(client, people, many_regions):
    client.force_login(people.rep)
    html = client.get("/explorer/regions/", {"region": "mountain"}).content.decode()

    assert html.count("<option") == 20


def test_a_region_filters_the_goals_of_its_people(client, people, cascade, cycle):
    client.force_login(people.rep)
    response = client.get(f"/cycles/{cycle.pk}/explorer/", {"region": "West"})

    owners = {goal.owner for goal in response.context["results"]}
    assert owners and all(owner.region == "West" for owner in owners)


def test_an_unknown_region_is_an_error_beside_the_field(client, people, cascade, cycle):
    client.force_login(people.rep)
    response = client.get(f"/cycles/{cycle.pk}/explorer/", {"region": "Atlantis"})

    assert response.status_code == 200
    assert "No region or team is called" in response.content.decode()
    assert response.context["filters"].errors["region"]
    assert not Person.objects.filter(region="Atlantis").exists()


def test_suggestions_need_a_signed_in_person(client):
    assert client.get("/explorer/regions/", {"region": "a"}).status_code == 302


def test_suggestions_cost_a_fixed_number_of_queries(client, people, many_regions, django_assert_max_num_queries):
    client.force_login(people.rep)
    with django_assert_max_num_queries(3):  # the session, the person, the regions (then cached)
        client.get("/explorer/regions/", {"region": "team"})
    with django_assert_max_num_queries(2):
        client.get("/explorer/regions/", {"region": "mountain"})
