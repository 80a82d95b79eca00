"""An assumption's page: what it says, the goals resting on it, its challenges, and its history."""

import pytest

from assumptions import services
from assumptions.models import Assumption, AssumptionRevision
from tests.assumptions_web.conftest import html, signed_in
from tests.factories import GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_assumption_its_goals_and_its_challenges(client, people, cascade, assumption, challenge):
    services.challenge_endorse(actor=people.peer_rep, challenge=challenge)
    page = html(signed_in(client, people.peer_rep).get(f"/assumptions/{assumption.pk}/"))
    assert "Enterprise deal size grows 10%" in page
    assert "The platform tier bundles analytics." in page and "Pilot deals closed 14% above list." in page
    assert "Owned by <strong>Robin Revenue</strong>" in page
    assert "badge--status-challenged" in page and "High confidence" in page
    assert f'href="/goals/{cascade.executive.pk}/"' in page
    assert "Buyers trade the tier against discount" in page and "Nine deals, discount up from 18% to 24%." in page
    assert "Plan on 5%." in page
    assert "Riley new ARR" in page and "$200,000 &rarr; $190,000" in page
    assert "<strong>1</strong> endorsement" in page and "you endorsed this" in page


def test_private_goals_resting_on_it_show_only_to_those_who_may_see_them(client, people, cycle, assumption):
    private = GoalFactory(cycle=cycle, owner=people.rep, visibility="private", title="Riley private stretch")
    services.assumption_update(actor=people.cro, assumption=assumption, goals=[*assumption.goals.all(), private])
    outsider_history = html(signed_in(client, people.other_rep).get(f"/assumptions/{assumption.pk}/"))
    assert "Riley private stretch" not in outsider_history
    assert "Added: a private goal" in outsider_history
    assert "Riley private stretch" in html(signed_in(client, people.manager).get(f"/assumptions/{assumption.pk}/"))


def test_the_history_says_who_changed_what_from_what_to_what(client, people, cascade, assumption):
    services.assumption_update(
        actor=people.cro,
        assumption=assumption,
        note="Q2 deals came in lower",
        statement="Enterprise deal size grows 6%",
        confidence="medium",
        goals=[cascade.executive, cascade.manager],
    )
    page = html(signed_in(client, people.rep).get(f"/assumptions/{assumption.pk}/"))
    history = page.split('id="history"')[1]
    newest, first = history.index("Revision 2"), history.index("Revision 1")
    assert newest < first
    latest = history[newest:first]
    assert "Robin Revenue" in latest and "Q2 deals came in lower" in latest
    assert "<dt>Statement</dt>" in latest
    assert "<del>Enterprise deal size grows 10%</del>" in latest
    assert "<ins>Enterprise deal size grows 6%</ins>" in latest
    assert "<del>High</del>" in latest and "<ins>Medium</ins>" in latest
    assert "Added: West new ARR" in latest
    assert "Written down." in history[first:]


def test_the_owner_edits_it_and_a_revision_with_the_why_is_kept(client, people, cascade, assumption):
    signed_in(client, people.cro)
    form = html(client.get(f"/assumptions/{assumption.pk}/edit/"))
    assert 'value="Enterprise deal size grows 10%"' in form
    response = client.post(
        f"/assumptions/{assumption.pk}/edit/",
        {
            "statement": "Enterprise deal size grows 7%",
            "rationale": "The platform tier bundles analytics.",
            "evidence": "Pilot deals closed 14% above list.",
            "confidence": "medium",
            "goals": [cascade.executive.pk],
            "note": "Discounting ate half the uplift",
        },
    )
    assert response.status_code == 302
    assumption.refresh_from_db()
    assert assumption.statement == "Enterprise deal size grows 7%" and assumption.revision == 2
    revision = assumption.revisions.get(number=2)
    assert revision.note == "Discounting ate half the uplift" and set(revision.changes) == {"statement", "confidence"}


def test_an_empty_statement_is_refused_next_to_the_field_keeping_the_rest(client, people, cascade, assumption):
    response = signed_in(client, people.cro).post(
        f"/assumptions/{assumption.pk}/edit/",
        {"statement": "", "rationale": "A new rationale I typed", "confidence": "high", "goals": cascade.executive.pk},
    )
    page = html(response)
    assert response.status_code == 200
    assert 'id="id_statement_error"' in page
    assert "A new rationale I typed" in page
    assert AssumptionRevision.objects.filter(assumption=assumption).count() == 1


def test_saving_without_changes_adds_no_revision(client, people, cascade, assumption):
    signed_in(client, people.cro).post(
        f"/assumptions/{assumption.pk}/edit/",
        {
            "statement": assumption.statement,
            "rationale": assumption.rationale,
            "evidence": assumption.evidence,
            "confidence": assumption.confidence,
            "goals": [cascade.executive.pk],
        },
    )
    assert AssumptionRevision.objects.filter(assumption=assumption).count() == 1


@pytest.mark.parametrize("login", ["rep", "ceo"])
def test_only_its_owner_edits_an_assumption(client, people, assumption, login):
    signed_in(client, getattr(people, login))
    assert client.get(f"/assumptions/{assumption.pk}/edit/").status_code == 403
    response = client.post(f"/assumptions/{assumption.pk}/status/", {"status": "retired", "note": "Done"})
    assert response.status_code == 403
    assert "Only the assumption" in html(response)
    assert Assumption.objects.get(pk=assumption.pk).status == "active"
    assert "/edit/" not in html(client.get(f"/assumptions/{assumption.pk}/"))


def test_the_owner_changes_the_status_with_a_reason(client, people, assumption):
    response = signed_in(client, people.cro).post(
        f"/assumptions/{assumption.pk}/status/", {"status": "under_review", "note": "Waiting for Q3 data"}
    )
    assert response.status_code == 302
    assumption.refresh_from_db()
    assert assumption.status == "under_review"
    assert assumption.revisions.get(number=2).note == "Waiting for Q3 data"


def test_an_owner_cannot_uphold_while_challenges_are_open_and_is_told_why(client, people, assumption, challenge):
    response = signed_in(client, people.cro).post(
        f"/assumptions/{assumption.pk}/status/", {"status": "upheld", "note": "I still believe it"}
    )
    page = html(response)
    assert response.status_code == 200
    assert "Answer the 1 open challenge first." in page
    assert 'value="I still believe it"' in page
    assert Assumption.objects.get(pk=assumption.pk).status == "challenged"


def test_executives_write_down_a_new_assumption_from_the_board(client, people, cascade, cycle):
    signed_in(client, people.cro)
    assert "Write down an assumption" in html(client.get(f"/assumptions/new/?cycle={cycle.pk}"))
    response = client.post(
        "/assumptions/new/",
        {
            "cycle": cycle.pk,
            "statement": "Partners source a quarter of pipeline",
            "rationale": "Peers did",
            "confidence": "low",
            "goals": [cascade.objective.pk],
        },
    )
    created = Assumption.objects.get(statement="Partners source a quarter of pipeline")
    assert response.status_code == 302 and response["Location"] == f"/assumptions/{created.pk}/"
    assert created.owner == people.cro and list(created.goals.all()) == [cascade.objective]
    assert created.revisions.count() == 1


def test_a_new_assumption_owned_by_someone_who_is_not_an_executive_is_refused(client, people, cycle):
    response = signed_in(client, people.staff).post(
        "/assumptions/new/", {"cycle": cycle.pk, "statement": "Staff bet", "confidence": "low", "owner": people.rep.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    response = client.post("/assumptions/new/", {"cycle": cycle.pk, "statement": "Staff bet", "confidence": "low"})
    assert "is not an executive" in html(response) and 'value="Staff bet"' in html(response)
    assert not Assumption.objects.filter(statement="Staff bet").exists()


def test_reps_cannot_write_down_assumptions(client, people, cycle):
    assert signed_in(client, people.rep).get("/assumptions/new/").status_code == 403


def test_the_page_costs_a_fixed_number_of_queries(client, people, cycle, cascade, django_assert_max_num_queries):
    assumption = services.assumption_create(
        actor=people.cro, cycle=cycle, statement="Belief", goals=[cascade.executive, cascade.manager, cascade.rep]
    )
    voters = [PersonFactory(manager=people.manager) for _ in range(4)]
    goals = [GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager) for _ in range(5)]
    for n in range(15):
        challenge = services.challenge_open(
            actor=voters[n % 4],
            assumption=assumption,
            claim=f"Doubt {n}",
            proposed_changes=[services.ProposedChange(goal=goal, note="lower it") for goal in goals[:3]],
        )
        for voter in voters:
            if voter != challenge.author:
                services.challenge_endorse(actor=voter, challenge=challenge)
        services.comment_post(actor=people.rep, challenge=challenge, body="Agreed")
        services.assumption_update(actor=people.cro, assumption=assumption, note=f"Edit {n}", goals=goals[: n % 5 + 1])
    signed_in(client, people.peer_rep)
    with django_assert_max_num_queries(9):
        page = html(client.get(f"/assumptions/{assumption.pk}/"))
    assert page.count('<article class="challenge"') == 15 and "Revision 16" in page
    assert page.count("<strong>3</strong> endorsements") == 15 and "Discussion (1)" in page
