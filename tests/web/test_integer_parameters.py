"""Pages ignore (or 404 on) integer parameters and ids that are not whole numbers in range: never a 500."""

import pytest

from assumptions import services as assumption_services
from core.parsing import BIGINT_MAX
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db

BAD_NUMBERS = ["²", "-1", "1e3", "1.5", str(BIGINT_MAX + 1), "9" * 30]


@pytest.fixture
def assumption(people, cascade, cycle):
    return assumption_services.assumption_create(
        actor=people.cro, cycle=cycle, statement="Mid-market churn stays under 8%", goals=[cascade.executive]
    )


PAGES = [
    "/goals/new/?cycle={raw}",
    "/goals/new/?parent={raw}",
    "/goals/parent-suggestions/?goal={raw}",
    "/goals/draft-preview/?goal={raw}",
    "/cycles/{cycle}/explorer/?map={raw}",
    "/cycles/{cycle}/explorer/?focus={raw}",
    "/cycles/{cycle}/explorer/?q=ARR&page={raw}",
    "/goals/{goal}/subgoals/?offset={raw}",
    "/cycles/{cycle}/explorer/unlinked/?offset={raw}",
    "/assumptions/{assumption}/challenge/?goal={raw}",
    "/?checkin={raw}",
    "/approvals/?page={raw}",
    "/notifications/?page={raw}",
]


@pytest.mark.parametrize("raw", BAD_NUMBERS)
@pytest.mark.parametrize("page", PAGES)
def test_a_bad_number_in_a_page_address_is_ignored(client, people, cascade, cycle, assumption, page, raw):
    client.force_login(people.manager)
    url = page.format(raw=raw, cycle=cycle.pk, goal=cascade.manager.pk, assumption=assumption.pk)
    response = client.get(url)
    assert response.status_code == 200, url


@pytest.mark.parametrize("raw", BAD_NUMBERS)
def test_a_bad_cycle_on_the_assumption_board_is_404(client, people, cascade, raw):
    client.force_login(people.rep)
    assert client.get(f"/assumptions/?cycle={raw}").status_code == 404


@pytest.mark.parametrize("raw", BAD_NUMBERS)
def test_a_bad_goal_in_a_one_row_review_shows_the_form_error(client, people, cascade, raw):
    client.force_login(people.manager)
    response = htmx(client.post, "/approvals/review/", {"goals": raw, "decision": "approve"})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/goals/{id}/", "/cycles/{id}/explorer/", "/assumptions/{id}/", "/workshop/{id}/"])
def test_an_id_past_bigint_in_a_path_is_404(client, people, path):
    client.force_login(people.rep)
    assert client.get(path.format(id="9" * 30)).status_code == 404
