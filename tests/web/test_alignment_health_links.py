"""Every count on the alignment health page opens the explorer on the goals it counts."""

import re
from html import unescape

import pytest

from goals.alignment import scan_cycle
from goals.alignment.health import alignment_health
from goals.models import AlignmentFlag, FlagKind
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(people, cascade, cycle):
    GoalFactory(cycle=cycle, owner=people.rep, title="Learn the CPQ tool")  # an orphan
    scan_cycle(cycle.pk)
    return cascade


def explorer_links(html: str) -> list[str]:
    return [unescape(link) for link in re.findall(r'href="(/cycles/\d+/explorer/[^"]+)"', html)]


def test_each_kind_tier_and_team_count_opens_the_explorer_on_those_goals(client, people, flagged, cycle):
    client.force_login(people.cro)
    html = client.get(f"/alignment/{cycle.pk}/").content.decode()
    links = explorer_links(html)
    assert f"/cycles/{cycle.pk}/explorer/?flagged=on&flag_kind=orphan" in links
    assert f"/cycles/{cycle.pk}/explorer/?flagged=on&tier=rep" in links
    assert f"/cycles/{cycle.pk}/explorer/?flagged=on&region={people.rep.region.replace(' ', '+')}" in links

    orphans = client.get(f"/cycles/{cycle.pk}/explorer/", {"flagged": "on", "flag_kind": "orphan"})
    assert [goal.title for goal in orphans.context["results"]] == ["Learn the CPQ tool"]
    shortfalls = client.get(f"/cycles/{cycle.pk}/explorer/", {"flag_kind": FlagKind.TARGET_SHORTFALL})
    expected = set(AlignmentFlag.objects.open().filter(kind="target_shortfall").values_list("goal__title", flat=True))
    assert {goal.title for goal in shortfalls.context["results"]} == expected


def test_every_link_leads_to_as_many_goals_as_it_counts(client, people, flagged, cycle):
    client.force_login(people.cro)
    report = alignment_health(cycle, people.cro)
    for row in report.by_kind:
        response = client.get(f"/cycles/{cycle.pk}/explorer/", {"flagged": "on", "flag_kind": row.key})
        assert response.context["results"].paginator.count == row.open_flags  # one flag of a kind per goal


def test_the_flag_kind_filter_costs_a_fixed_number_of_queries(
    client, people, flagged, cycle, django_assert_max_num_queries
):
    client.force_login(people.cro)
    with django_assert_max_num_queries(10):
        client.get(f"/cycles/{cycle.pk}/explorer/", {"flagged": "on", "flag_kind": "orphan"})
    for n in range(15):
        GoalFactory(cycle=cycle, owner=people.rep, title=f"Orphan {n}")
    scan_cycle(cycle.pk)
    with django_assert_max_num_queries(10):
        client.get(f"/cycles/{cycle.pk}/explorer/", {"flagged": "on", "flag_kind": "orphan"})


def test_worst_subtrees_come_most_flags_first(people, flagged, cycle):
    counts = [subtree.open_flags for subtree in alignment_health(cycle, people.cro).worst_subtrees]
    assert counts == sorted(counts, reverse=True)
