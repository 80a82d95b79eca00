"""Committee questions: the cabinet recommends first, the committee decides, then both show side by side."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cabinet import services
from cabinet.models import ShadowRecommendation
from cabinet.selectors import question_reveal
from core.exceptions import StateConflict
from tests.cabinet.conftest import in_days, option

pytestmark = pytest.mark.django_db


def test_a_question_names_the_options_the_committee_chooses_between(people, cycle, question):
    assert [o.label for o in question.options.all()] == ["Move $2M", "Move $1M", "Keep the split"]
    with pytest.raises(ValidationError) as error:
        services.question_create(actor=people.cro, cycle=cycle, title="Yes?", options=["Yes"], due_date=in_days(3))
    assert "at least 2 options" in error.value.message_dict["options"][0]
    with pytest.raises(ValidationError) as error:
        services.question_create(
            actor=people.cro, cycle=cycle, title="Twice", options=["Yes", "yes "], due_date=in_days(3)
        )
    assert "differ" in error.value.message_dict["options"][0]


def test_a_decision_is_due_today_or_later(people, cycle, committee):
    with pytest.raises(ValidationError) as error:
        services.question_create(
            actor=people.cro, cycle=cycle, title="Late", options=["Yes", "No"], due_date=in_days(-1)
        )
    assert "due_date" in error.value.message_dict


def test_only_committee_members_put_questions(people, cycle, committee):
    with pytest.raises(PermissionDenied):
        services.question_create(actor=people.manager, cycle=cycle, title="Q", options=["A", "B"], due_date=in_days(2))


def test_only_seat_holders_recommend(people, seated, question):
    for person in (people.cro, people.manager, people.other_rep, people.staff):
        with pytest.raises(PermissionDenied):
            services.recommendation_record(
                actor=person, question=question, option=option(question, "Move $1M"), reasoning="Half now."
            )
    recommendation = services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $1M"), reasoning="Half now."
    )
    assert (recommendation.seat, recommendation.author) == (seated.rep, people.rep)


def test_a_seat_holder_may_change_their_recommendation_until_the_decision(people, seated, question):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $2M"), reasoning="All of it."
    )
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $1M"), reasoning="On reflection, half."
    )
    assert list(ShadowRecommendation.objects.values_list("option__label", "reasoning")) == [
        ("Move $1M", "On reflection, half.")
    ]


def test_a_recommendation_picks_one_of_the_options_with_reasoning(people, seated, question, cycle):
    other = services.question_create(
        actor=people.cro, cycle=cycle, title="Other", options=["Yes", "No"], due_date=in_days(5)
    )
    with pytest.raises(ValidationError) as error:
        services.recommendation_record(actor=people.rep, question=question, option=option(other, "Yes"), reasoning="x")
    assert "option" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.recommendation_record(
            actor=people.rep, question=question, option=option(question, "Move $1M"), reasoning=" "
        )
    assert "reasoning" in error.value.message_dict


def test_recommendations_are_sealed_from_everyone_but_the_cabinet_until_the_decision(people, seated, question):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $1M"), reasoning="Half now."
    )
    for person in (people.cro, people.ceo, people.manager, people.staff):
        reveal = question_reveal(question, person)
        assert (reveal.can_read_recommendations, reveal.recommendations, reveal.recommendation_count) == (False, [], 1)
        assert reveal.agreed is None
    assert [r.reasoning for r in question_reveal(question, people.peer_rep).recommendations] == ["Half now."]


def test_only_committee_members_publish_decisions_not_even_admins(people, seated, question):
    for person in (people.staff, people.manager, people.rep):
        with pytest.raises(PermissionDenied):
            services.question_decide(
                actor=person, question=question, option=option(question, "Move $1M"), rationale="x"
            )


def test_once_published_both_show_side_by_side_as_agreed(people, seated, question):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $1M"), reasoning="Half now."
    )
    services.recommendation_record(
        actor=people.peer_rep, question=question, option=option(question, "Move $1M"), reasoning="EMEA needs a stretch."
    )
    question = services.question_decide(
        actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="Half now, review later."
    )
    reveal = question_reveal(question, people.other_rep)
    assert reveal.can_read_recommendations and reveal.is_revealed
    assert (reveal.call.label, reveal.agreed) == ("Move $1M", True)
    assert [r.agreed for r in reveal.recommendations] == [True, True]


def test_a_cabinet_that_called_otherwise_diverged(people, seated, question):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $2M"), reasoning="a"
    )
    services.recommendation_record(
        actor=people.peer_rep, question=question, option=option(question, "Move $2M"), reasoning="b"
    )
    question = services.question_decide(
        actor=people.ceo, question=question, option=option(question, "Keep the split"), rationale="Not yet."
    )
    reveal = question_reveal(question, people.manager)
    assert (reveal.call.label, reveal.agreed) == ("Move $2M", False)


def test_an_even_split_is_no_call(people, seated, question):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $2M"), reasoning="a"
    )
    services.recommendation_record(
        actor=people.peer_rep, question=question, option=option(question, "Keep the split"), reasoning="b"
    )
    question = services.question_decide(
        actor=people.cro, question=question, option=option(question, "Move $2M"), rationale="Go."
    )
    reveal = question_reveal(question, people.manager)
    assert reveal.is_split and reveal.call is None and reveal.agreed is None
    assert [r.agreed for r in reveal.recommendations] == [True, False]


def test_a_recommendation_cannot_change_after_the_decision_is_published(people, seated, question):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $2M"), reasoning="All of it."
    )
    services.question_decide(actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="x")
    question.refresh_from_db()
    with pytest.raises(StateConflict):
        services.recommendation_record(
            actor=people.rep, question=question, option=option(question, "Move $1M"), reasoning="Changed my mind."
        )
    assert ShadowRecommendation.objects.get().option.label == "Move $2M"


def test_a_decision_is_published_once_and_the_question_then_stands(people, seated, question):
    services.question_decide(actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="x")
    question.refresh_from_db()
    with pytest.raises(StateConflict):
        services.question_decide(
            actor=people.ceo, question=question, option=option(question, "Move $2M"), rationale="y"
        )
    with pytest.raises(StateConflict):
        services.question_update(actor=people.cro, question=question, title="Something else")


def test_options_are_fixed_once_a_seat_has_recommended(people, seated, question):
    services.question_update(actor=people.cro, question=question, options=["Move $2M", "Keep the split"])
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Keep the split"), reasoning="x"
    )
    with pytest.raises(ValidationError) as error:
        services.question_update(actor=people.cro, question=question, options=["A", "B"])
    assert "options stay" in error.value.message_dict["options"][0]


def test_either_side_records_the_outcome_once_after_the_decision(people, seated, question):
    with pytest.raises(StateConflict):
        services.question_record_outcome(actor=people.cro, question=question, option=None, explanation="Too early")
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $2M"), reasoning="a"
    )
    question = services.question_decide(
        actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="x"
    )
    with pytest.raises(PermissionDenied):
        services.question_record_outcome(actor=people.manager, question=question, option=None, explanation="x")
    question = services.question_record_outcome(
        actor=people.rep, question=question, option=option(question, "Move $2M"), explanation="APAC closed it all."
    )
    reveal = question_reveal(question, people.manager)
    assert (reveal.cabinet_right, reveal.committee_right) == (True, False)
    with pytest.raises(StateConflict):
        services.question_record_outcome(actor=people.cro, question=question, option=None, explanation="Again")


def test_an_outcome_may_say_neither_call_was_right(people, seated, question):
    services.question_decide(actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="x")
    question.refresh_from_db()
    question = services.question_record_outcome(
        actor=people.ceo, question=question, option=None, explanation="The market turned."
    )
    reveal = question_reveal(question, people.ceo)
    assert question.has_outcome and question.outcome is None
    assert reveal.committee_right is False
