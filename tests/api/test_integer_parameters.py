"""Integer query parameters of the API answer 400 naming the parameter, never a 500 ("²", "1e3", huge numbers)."""

import pytest

from core.parsing import BIGINT_MAX
from workshop.services import baseline_freeze

pytestmark = pytest.mark.django_db

BAD_NUMBERS = ["²", "-1", "1e3", "1.5", str(BIGINT_MAX + 1), "9" * 30]


@pytest.mark.parametrize("raw", BAD_NUMBERS)
def test_a_subtree_depth_that_is_not_a_small_whole_number_is_400_on_depth(api_as, people, cascade, raw):
    response = api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/?depth={raw}")
    assert response.status_code == 400
    assert "depth" in response.json()


@pytest.mark.parametrize("raw", ["²", "-1", "1e3", "0", str(BIGINT_MAX + 1), "9" * 30])
def test_a_drift_cycle_that_is_not_an_id_is_400_on_cycle(api_as, people, cascade, cycle, raw):
    baseline_freeze(cycle, people.ceo)
    response = api_as(people.rep).get(f"/api/workshop/drift/?cycle={raw}")
    assert response.status_code == 400
    assert "cycle" in response.json()


@pytest.mark.parametrize("raw", ["²", "-1", "1e3", str(BIGINT_MAX + 1), "9" * 30])
def test_an_import_cycle_that_is_not_an_id_is_400_on_cycle(api_as, people, raw):
    response = api_as(people.rep).post(
        f"/api/goals/import/?cycle={raw}", "owner,title,metric,target\nrep,x,m,1\n", content_type="text/csv"
    )
    assert response.status_code == 400
    assert "cycle" in response.json()


@pytest.mark.parametrize("raw", BAD_NUMBERS)
@pytest.mark.parametrize("name", ["cycle", "owner", "parent", "assumption"])
def test_goal_list_filters_that_are_not_ids_are_400_on_the_filter(api_as, people, cascade, name, raw):
    response = api_as(people.rep).get(f"/api/goals/?{name}={raw}")
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize("raw", ["²", "1e3", "9" * 30])
@pytest.mark.parametrize("name", ["cycle", "owner", "goal"])
def test_flag_list_filters_that_are_not_ids_are_400_on_the_filter(api_as, people, cascade, name, raw):
    response = api_as(people.rep).get(f"/api/flags/?{name}={raw}")
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize("raw", ["²", "-1", "1e3", "9" * 30])
def test_a_page_number_that_is_not_one_is_404_not_500(api_as, people, cascade, raw):
    assert api_as(people.rep).get(f"/api/goals/?page={raw}").status_code == 404


@pytest.mark.parametrize("raw", ["²", "-1", "1e3", "9" * 30])
def test_a_page_size_that_is_not_one_falls_back_to_the_default(api_as, people, cascade, raw):
    response = api_as(people.rep).get(f"/api/goals/?page_size={raw}")
    assert response.status_code == 200
