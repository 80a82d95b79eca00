"""The workshop pages with the test client: the board, its forms and errors, permissions, read-only phases."""

import pytest
from django.urls import reverse

from goals.models import Goal
from tests.workshop.conftest import GAPS_AGREED, reload
from workshop.models import Baseline, Decision
from workshop.services import workshop_close

pytestmark = pytest.mark.django_db


def board_url(workshop) -> str:
    return reverse("workshop:board", args=[workshop.cycle.pk])


def count(html: str, name: str) -> str:
    marker = f'id="count-{name}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)]


def test_the_workshop_link_leads_to_the_cycle_in_its_workshop(client, people, workshop):
    client.force_login(people.rep)
    response = client.get(reverse("home"))
    assert 'href="/workshop/"' in response.content.decode()
    assert client.get("/workshop/").url == board_url(workshop)


def test_everyone_sees_the_board_but_only_executives_get_the_controls(client, people, workshop):
    client.force_login(people.rep)
    html = client.get(board_url(workshop)).content.decode()
    assert "Grow new ARR to $1M" in html and "Expansion ARR" in html and "Sales new ARR" in html
    assert (count(html, "unmapped"), count(html, "unsupported"), count(html, "short")) == ("2", "2", "1")
    assert "only executives and admins change the mapping" in html
    assert 'name="objective"' not in html and "Close the workshop" not in html and "draggable" not in html

    client.force_login(people.cro)
    html = client.get(board_url(workshop)).content.decode()
    assert f'id="map-{workshop.unmapped.pk}"' in html and 'draggable="true"' in html
    assert "Close the workshop" in html and "js/workshop.js" in html


def test_an_executive_maps_a_goal_with_the_picker(client, people, workshop):
    client.force_login(people.cro)
    response = client.post(
        reverse("workshop:map", args=[workshop.cycle.pk]), {"goal": workshop.unmapped.pk, "objective": workshop.arr.pk}
    )
    assert response.status_code == 302
    assert reload(workshop.unmapped).parent_id == workshop.arr.pk
    html = client.get(response.url).content.decode()
    assert "Mapped “Expansion ARR” under “Grow new ARR to $1M”." in html
    assert (count(html, "unmapped"), count(html, "short")) == ("1", "0")


def test_mapping_by_htmx_returns_the_board_with_new_counts_and_the_log(client, people, workshop):
    client.force_login(people.ceo)
    response = client.post(
        reverse("workshop:map", args=[workshop.cycle.pk]),
        {"goal": workshop.unmapped_logos.pk, "objective": workshop.logos.pk},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("{#") is False and 'id="workshop-board"' in html
    assert "<html" not in html
    assert (count(html, "unmapped"), count(html, "unsupported")) == ("1", "1")
    assert 'id="decision-list" hx-swap-oob="true"' in html and "Mapped Strategic logos" in html


def test_a_mapping_without_an_objective_shows_the_error_by_the_picker(client, people, workshop):
    client.force_login(people.cro)
    response = client.post(reverse("workshop:map", args=[workshop.cycle.pk]), {"goal": workshop.unmapped.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="map-{workshop.unmapped.pk}-error"' in html and "Choose the objective this goal supports." in html
    assert reload(workshop.unmapped).parent_id is None


def test_a_goal_no_longer_on_the_board_gives_an_error_not_a_crash(client, people, workshop):
    client.force_login(people.cro)
    response = client.post(reverse("workshop:map", args=[workshop.cycle.pk]), {"goal": "999999", "objective": "abc"})
    assert response.status_code == 200
    assert "That goal is not on this board any more." in response.content.decode()


def test_people_below_the_executives_get_403_when_they_post(client, people, workshop):
    client.force_login(people.manager)
    cycle = workshop.cycle.pk
    data = {"goal": workshop.unmapped.pk, "objective": workshop.arr.pk}
    assert client.post(reverse("workshop:map", args=[cycle]), data).status_code == 403
    assert client.post(reverse("workshop:unmap", args=[cycle]), {"goal": workshop.mapped.pk}).status_code == 403
    assert client.post(reverse("workshop:close", args=[cycle]), {"confirm": "on"}).status_code == 403
    assert client.post(reverse("workshop:decide", args=[cycle]), {"text": "x"}).status_code == 403
    assert reload(workshop.unmapped).parent_id is None and not Baseline.objects.exists()


def test_outside_the_workshop_the_board_is_read_only_and_says_why(client, people, workshop):
    workshop.cycle.phase = "planning"
    workshop.cycle.save()
    client.force_login(people.ceo)
    html = client.get(board_url(workshop)).content.decode()
    assert "is still in planning" in html and "read-only" in html
    assert 'name="objective"' not in html
    response = client.post(
        reverse("workshop:map", args=[workshop.cycle.pk]),
        {"goal": workshop.unmapped.pk, "objective": workshop.arr.pk},
        follow=True,
    )
    assert "not in its alignment workshop" in response.content.decode()
    assert reload(workshop.unmapped).parent_id is None


def test_unmapping_from_the_board(client, people, workshop):
    client.force_login(people.cro)
    response = client.post(reverse("workshop:unmap", args=[workshop.cycle.pk]), {"goal": workshop.mapped.pk})
    assert response.status_code == 302
    assert reload(workshop.mapped).parent_id is None


def test_a_decision_is_logged_and_an_empty_one_shows_the_error_by_the_field(client, people, workshop):
    client.force_login(people.cro)
    url = reverse("workshop:decide", args=[workshop.cycle.pk])
    response = client.post(url, {"text": "  ", "objective": workshop.arr.pk})
    html = response.content.decode()
    assert 'id="id_text_error"' in html and "Write down what was decided." in html
    response = client.post(url, {"text": "APAC waits a year.", "objective": workshop.arr.pk}, follow=True)
    assert "APAC waits a year." in response.content.decode()
    assert Decision.objects.get().objective == workshop.arr


def test_a_manual_split_that_does_not_add_up_keeps_what_was_typed(client, people, workshop):
    client.force_login(people.ceo)
    client.post(
        reverse("workshop:map", args=[workshop.cycle.pk]), {"goal": workshop.unmapped.pk, "objective": workshop.arr.pk}
    )
    prefix = f"allocate-{workshop.arr.pk}"
    url = reverse("workshop:allocate", args=[workshop.cycle.pk, workshop.arr.pk])
    data = {
        f"{prefix}-method": "manual",
        f"{prefix}-share_{workshop.mapped.pk}": "700000",
        f"{prefix}-share_{workshop.unmapped.pk}": "250000",
    }
    html = client.post(url, data).content.decode()
    assert "$50,000 short of the objective&#x27;s target of $1,000,000" in html
    assert 'value="250000"' in html
    data[f"{prefix}-share_{workshop.unmapped.pk}"] = "-3"
    html = client.post(url, data).content.decode()
    assert f'id="id_{prefix}-share_{workshop.unmapped.pk}_error"' in html and "A share cannot be negative." in html
    data[f"{prefix}-share_{workshop.unmapped.pk}"] = "300000"
    assert client.post(url, data).status_code == 302
    assert reload(workshop.unmapped).target == 300_000


def test_only_the_objectives_owner_or_above_gets_the_split_form(client, people, workshop):
    client.force_login(people.cro)  # owns the logos objective, not the ARR one
    html = client.get(board_url(workshop)).content.decode()
    assert f'action="/workshop/{workshop.cycle.pk}/objectives/{workshop.arr.pk}/allocate/"' not in html
    url = reverse("workshop:allocate", args=[workshop.cycle.pk, workshop.arr.pk])
    assert client.post(url, {f"allocate-{workshop.arr.pk}-method": "even"}).status_code == 403


def test_closing_needs_the_confirmation(client, people, workshop):
    client.force_login(people.cro)
    url = reverse("workshop:close", args=[workshop.cycle.pk])
    html = client.post(url, {}).content.decode()
    assert 'id="id_confirm_error"' in html and "closing cannot be undone" in html
    assert not Baseline.objects.exists()
    response = client.post(url, {"confirm": "on", "reason": GAPS_AGREED})
    assert response.url == reverse("workshop:baseline", args=[workshop.cycle.pk])
    assert reload(workshop.cycle).phase == "active"
    html = client.get(board_url(workshop)).content.decode()
    assert "this board is read-only" in html and "Drift report" in html


def test_the_baseline_page_and_drift_page_before_closing_say_there_is_none(client, people, workshop):
    client.force_login(people.rep)
    for name in ("workshop:baseline", "workshop:baseline-csv", "workshop:drift"):
        response = client.get(reverse(name, args=[workshop.cycle.pk]))
        assert response.status_code == 404 and "has no baseline yet" in response.content.decode()


def test_the_printable_baseline_lists_objectives_and_their_goals(client, people, workshop):
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    Goal.objects.filter(pk=workshop.mapped.pk).update(title="Renamed later", target=1)
    client.force_login(people.rep)
    html = client.get(reverse("workshop:baseline", args=[workshop.cycle.pk])).content.decode()
    assert "Grow new ARR to $1M" in html and "Sales new ARR" in html and "$600,000" in html
    assert "Renamed later" not in html
    assert "Executive goals left unmapped" in html and "Expansion ARR" in html
    assert "css/workshop.css" in html and "data-print" in html


def test_the_baseline_csv_has_every_goal_as_frozen(client, people, workshop):
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    Goal.objects.filter(pk=workshop.mapped.pk).update(target=1)
    client.force_login(people.rep)
    response = client.get(reverse("workshop:baseline-csv", args=[workshop.cycle.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="baseline-FY2028.csv"' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "goal_id,parent_id,tier,title,owner,metric,unit,target,weight,status"
    assert len(lines) == 7
    assert (
        f"{workshop.mapped.pk},{workshop.arr.pk},executive,Sales new ARR,Robin Revenue,new ARR,USD,600000.00,1.00,draft"
        in lines
    )


def test_the_drift_page_shows_changes_since_the_baseline(client, people, workshop):
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    Goal.objects.filter(pk=workshop.mapped.pk).update(target=650_000)
    client.force_login(people.rep)
    html = client.get(reverse("workshop:drift", args=[workshop.cycle.pk])).content.decode()
    assert 'id="drift-count-target_changed">1<' in html
    assert "Sales new ARR" in html and "$600,000" in html and "$650,000" in html and "+$50,000" in html


def test_executives_see_their_unmapped_goals_on_the_home_to_do_list(
    client, people, workshop, django_assert_max_num_queries
):
    client.force_login(people.cro)
    with django_assert_max_num_queries(21):  # 16, the cabinet's action items and the four territory plan sections
        html = client.get(reverse("home")).content.decode()
    assert "Workshop: 1 of your goals not mapped yet" in html
    assert f"{board_url(workshop)}#goal-{workshop.unmapped.pk}" in html
    client.post(
        reverse("workshop:map", args=[workshop.cycle.pk]), {"goal": workshop.unmapped.pk, "objective": workshop.arr.pk}
    )
    assert "not mapped yet" not in client.get(reverse("home")).content.decode()
    client.force_login(people.manager)
    assert "not mapped yet" not in client.get(reverse("home")).content.decode()


def test_a_private_goal_stays_off_the_board_for_people_outside_its_chain(client, people, workshop):
    Goal.objects.filter(pk=workshop.unmapped.pk).update(visibility="private")
    client.force_login(people.rep)
    html = client.get(board_url(workshop)).content.decode()
    assert "Expansion ARR" not in html and count(html, "unmapped") == "1"
    client.force_login(people.ceo)  # above its owner, the CRO
    assert "Expansion ARR" in client.get(board_url(workshop)).content.decode()


def test_the_baseline_csv_never_hands_a_spreadsheet_a_formula(client, people, workshop):
    Goal.objects.filter(pk=workshop.mapped.pk).update(title="=1+2")
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    client.force_login(people.rep)
    response = client.get(reverse("workshop:baseline-csv", args=[workshop.cycle.pk]))
    text = b"".join(response.streaming_content).decode()
    assert ",'=1+2," in text and ",=1+2," not in text
