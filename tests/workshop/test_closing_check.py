"""The check before closing: unmapped executive goals and unsupported objectives are listed and need a reason."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from goals.models import Phase, Visibility
from tests.factories import GoalFactory
from tests.workshop.conftest import GAPS_AGREED, reload
from workshop.models import Baseline, Decision, DecisionKind
from workshop.selectors import closing_gaps
from workshop.services import workshop_close, workshop_map

pytestmark = pytest.mark.django_db


def close_url(workshop) -> str:
    return reverse("workshop:close", args=[workshop.cycle.pk])


def map_every_gap(people, workshop) -> None:
    workshop_map(actor=people.ceo, goal=workshop.unmapped, objective=workshop.nrr)
    workshop_map(actor=people.ceo, goal=workshop.unmapped_logos, objective=workshop.logos)


def test_the_gaps_are_the_unmapped_goals_and_the_objectives_nobody_supports(people, workshop):
    gaps = closing_gaps(workshop.cycle)
    assert [goal.title for goal in gaps.unmapped] == ["Expansion ARR", "Strategic logos"]
    assert [goal.title for goal in gaps.unsupported] == [workshop.nrr.title, workshop.logos.title]
    map_every_gap(people, workshop)
    assert not closing_gaps(workshop.cycle)


def test_closing_with_gaps_and_no_reason_is_refused_and_changes_nothing(people, workshop):
    with pytest.raises(ValidationError) as refused:
        workshop_close(actor=people.ceo, cycle=workshop.cycle, reason="   ")
    [message] = refused.value.message_dict["reason"]
    assert message.startswith("2 executive goals are mapped to no objective and 2 objectives have no goal")
    assert reload(workshop.cycle).phase == Phase.WORKSHOP
    assert not Baseline.objects.exists() and not Decision.objects.exists()


def test_the_reason_and_the_gaps_are_kept_in_the_decision_log(people, workshop):
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason="APAC maps its goals in January.")
    text = Decision.objects.get(kind=DecisionKind.CLOSING).text
    assert "Left unmapped: Expansion ARR (Robin Revenue); Strategic logos" in text
    assert f"No goal supports: {workshop.nrr.title}; {workshop.logos.title}." in text
    assert text.endswith("Reason: APAC maps its goals in January.")


def test_the_log_names_a_private_gap_by_its_owner_only(people, workshop):
    secret = GoalFactory(
        cycle=workshop.cycle, owner=people.cro, title="Quietly buy a rival", visibility=Visibility.PRIVATE
    )
    assert secret in closing_gaps(workshop.cycle).unmapped
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    text = Decision.objects.get(kind=DecisionKind.CLOSING).text
    assert "Quietly buy a rival" not in text and "a private goal of Robin Revenue" in text


def test_a_cascade_without_gaps_closes_without_a_reason(people, workshop):
    map_every_gap(people, workshop)
    workshop_close(actor=people.ceo, cycle=workshop.cycle)
    assert reload(workshop.cycle).phase == Phase.ACTIVE
    assert Decision.objects.get(kind=DecisionKind.CLOSING).text.endswith("frozen as the baseline.")


def test_the_close_form_lists_the_gaps_and_asks_for_a_reason(client, people, workshop):
    client.force_login(people.cro)
    html = client.get(reverse("workshop:board", args=[workshop.cycle.pk])).content.decode()
    assert 'id="gaps-unmapped"' in html and 'id="gaps-unsupported"' in html
    assert 'name="reason"' in html and "Why close with these gaps?" in html

    html = client.post(close_url(workshop), {"confirm": "on", "reason": ""}).content.decode()
    assert 'id="id_reason_error"' in html and "Say why the workshop closes anyway" in html
    assert reload(workshop.cycle).phase == Phase.WORKSHOP and not Baseline.objects.exists()

    response = client.post(close_url(workshop), {"confirm": "on", "reason": GAPS_AGREED})
    assert response.status_code == 302 and reload(workshop.cycle).phase == Phase.ACTIVE
    assert Decision.objects.get(kind=DecisionKind.CLOSING).text.endswith(GAPS_AGREED)


def test_without_gaps_the_form_asks_no_reason(client, people, workshop):
    map_every_gap(people, workshop)
    client.force_login(people.cro)
    html = client.get(reverse("workshop:board", args=[workshop.cycle.pk])).content.decode()
    assert 'name="reason"' not in html and 'id="gaps-unmapped"' not in html
    assert client.post(close_url(workshop), {"confirm": "on"}).status_code == 302


def test_the_api_refuses_closing_with_gaps_without_a_reason(people, workshop):
    api = APIClient()
    api.force_authenticate(people.ceo)
    response = api.post("/api/workshop/close/", {"cycle": workshop.cycle.pk}, format="json")
    assert response.status_code == 400
    assert "Say why the workshop closes anyway" in response.json()["reason"][0]
    assert not Baseline.objects.exists()

    response = api.post("/api/workshop/close/", {"cycle": workshop.cycle.pk, "reason": GAPS_AGREED}, format="json")
    assert response.status_code == 201
    assert response.json()["cycle"] == workshop.cycle.pk and response.json()["baseline_goals"] == 6
    assert api.post("/api/workshop/close/", {"cycle": workshop.cycle.pk, "reason": "x"}).status_code == 409


def test_the_api_refuses_people_who_do_not_run_the_workshop_and_bad_input(people, workshop):
    api = APIClient()
    api.force_authenticate(people.rep)
    assert api.post("/api/workshop/close/", {"cycle": workshop.cycle.pk, "reason": "x"}).status_code == 403
    api.force_authenticate(people.ceo)
    response = api.post("/api/workshop/close/", {"cycle": "nope"}, format="json")
    assert response.status_code == 400 and "cycle" in response.json()
    response = api.post("/api/workshop/close/", {"cycle": workshop.cycle.pk, "reason": "x" * 1001}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    assert not Baseline.objects.exists()
