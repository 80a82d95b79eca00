"""With more than one cycle, the explorer, the map, the draft form and the assumptions board link to each cycle."""

import pytest

from goals.models import Phase
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_year():
    return CycleFactory(name="FY next", phase=Phase.PLANNING)


@pytest.mark.parametrize(
    ("page", "current_href", "other_href"),
    [
        ("/cycles/{this}/explorer/", "/cycles/{this}/explorer/", "/cycles/{other}/explorer/"),
        ("/cycles/{this}/map/", "/cycles/{this}/map/", "/cycles/{other}/map/"),
        ("/goals/new/?cycle={this}", "?cycle={this}", "?cycle={other}"),
        ("/assumptions/?cycle={this}", "/assumptions/?cycle={this}", "/assumptions/?cycle={other}"),
    ],
)
def test_each_cycle_is_one_click_away_and_the_current_one_is_marked(
    client, people, cycle, next_year, page, current_href, other_href
):
    client.force_login(people.manager)
    ids = {"this": cycle.pk, "other": next_year.pk}

    html = client.get(page.format(**ids)).content.decode()

    current = f'<a href="{current_href.format(**ids)}" class="button button--small is-current" aria-current="page">'
    assert current + f"{cycle.name}</a>" in html
    other = f'<a href="{other_href.format(**ids)}" class="button button--small button--ghost">'
    assert other + f"{next_year.name}</a>" in html


def test_one_cycle_needs_no_switcher(client, people, cycle):
    client.force_login(people.manager)
    assert "cycle-switcher" not in client.get(f"/cycles/{cycle.pk}/explorer/").content.decode()
