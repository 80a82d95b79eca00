"""Working the plan: each submission is a version; the managers above comment, approve or return it with a reason;
the rep and the manager hear of each other's steps."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from notifications.models import Kind, Notification
from territories import services
from territories.models import PlanReview, PlanStatus, PlanVersion, ReviewKind, VersionOutcome
from territories.sections import changed_sections
from tests.factories import PlanObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(plan):
    PlanObjectiveFactory(plan=plan, title="Win 3 logos", metric="new logos", unit="accounts", target=D(3))
    return plan


def test_submitting_freezes_every_section_as_version_1(ready, people):
    services.plan_update(actor=people.rep, plan=ready, strengths="References in fintech")
    version = services.plan_submit(actor=people.rep, plan=ready)
    ready.refresh_from_db()
    assert (ready.status, ready.version) == (PlanStatus.SUBMITTED, 1)
    assert version.number == 1 and version.outcome == VersionOutcome.PENDING
    assert version.snapshot["swot"]["strengths"] == "References in fintech"
    assert version.snapshot["objectives"]["objectives"][0]["title"] == "Win 3 logos"
    services.plan_return(actor=people.manager, plan=ready, reason="Add actions")
    services.plan_update(actor=people.rep, plan=ready, strengths="Changed")
    assert PlanVersion.objects.get(pk=version.pk).snapshot["swot"]["strengths"] == "References in fintech"


def test_a_plan_without_objectives_cannot_be_submitted(plan, people):
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(actor=people.rep, plan=plan)
    assert "at least one objective" in refused.value.message_dict["objectives"][0]
    assert not PlanVersion.objects.exists()


def test_from_version_2_on_the_rep_says_what_changed(ready, people):
    services.plan_submit(actor=people.rep, plan=ready)
    services.plan_return(actor=people.manager, plan=ready, reason="Too vague")
    with pytest.raises(ValidationError) as refused:
        services.plan_submit(actor=people.rep, plan=ready, note="   ")
    assert "since version 1" in refused.value.message_dict["note"][0]
    services.plan_update(actor=people.rep, plan=ready, threats="A new entrant")
    version = services.plan_submit(actor=people.rep, plan=ready, note="Threats updated")
    assert (version.number, version.note) == (2, "Threats updated")
    first = PlanVersion.objects.get(plan=ready, number=1)
    assert first.outcome == VersionOutcome.RETURNED
    assert [section.key for section in changed_sections(first.snapshot, version.snapshot)] == ["swot"]


def test_the_manager_approves_the_submitted_version(ready, people):
    services.plan_submit(actor=people.rep, plan=ready)
    review = services.plan_approve(actor=people.manager, plan=ready, comment="Go.")
    ready.refresh_from_db()
    assert (ready.status, ready.approved_version) == (PlanStatus.APPROVED, 1)
    version = PlanVersion.objects.get(plan=ready, number=1)
    assert (version.outcome, version.decided_by) == (VersionOutcome.APPROVED, people.manager)
    assert (review.kind, review.body, review.version) == (ReviewKind.APPROVED, "Go.", 1)


def test_managers_further_up_review_too(ready, people):
    services.plan_submit(actor=people.rep, plan=ready)
    services.plan_approve(actor=people.cro, plan=ready)
    ready.refresh_from_db()
    assert ready.status == PlanStatus.APPROVED


def test_returning_needs_a_reason_and_the_rep_sees_it(ready, people):
    services.plan_submit(actor=people.rep, plan=ready)
    with pytest.raises(ValidationError) as refused:
        services.plan_return(actor=people.manager, plan=ready, reason="  ")
    assert "Say why" in refused.value.message_dict["reason"][0]
    services.plan_return(actor=people.manager, plan=ready, reason="No action plan yet.")
    ready.refresh_from_db()
    assert (ready.status, ready.return_reason) == (PlanStatus.RETURNED, "No action plan yet.")
    assert PlanReview.objects.get(kind=ReviewKind.RETURNED).body == "No action plan yet."


def test_an_approved_plan_can_be_returned_but_a_draft_cannot_be_approved(ready, people):
    with pytest.raises(StateConflict, match="Only a submitted plan"):
        services.plan_approve(actor=people.manager, plan=ready)
    with pytest.raises(StateConflict):
        services.plan_return(actor=people.manager, plan=ready, reason="Nothing to return")
    services.plan_submit(actor=people.rep, plan=ready)
    services.plan_approve(actor=people.manager, plan=ready)
    services.plan_return(actor=people.manager, plan=ready, reason="The market changed; revise the funnel.")
    ready.refresh_from_db()
    assert ready.status == PlanStatus.RETURNED


def test_a_version_is_reviewed_once(ready, people):
    services.plan_submit(actor=people.rep, plan=ready)
    with pytest.raises(StateConflict, match="already with your manager"):
        services.plan_submit(actor=people.rep, plan=ready)
    services.plan_approve(actor=people.manager, plan=ready)
    with pytest.raises(StateConflict):
        services.plan_approve(actor=people.cro, plan=ready)


@pytest.mark.parametrize("who", ["rep", "peer_rep", "other_manager", "other_rep", "staff"])
def test_only_the_managers_above_the_rep_approve_or_return(ready, people, who):
    services.plan_submit(actor=people.rep, plan=ready)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=getattr(people, who), plan=ready)
    with pytest.raises(PermissionDenied):
        services.plan_return(actor=getattr(people, who), plan=ready, reason="No")
    ready.refresh_from_db()
    assert ready.status == PlanStatus.SUBMITTED


def test_the_rep_and_the_managers_above_comment_on_a_section_or_the_whole_plan(ready, people):
    services.plan_comment(actor=people.manager, plan=ready, body="Your proposal rate looks high.", section="funnel")
    services.plan_comment(actor=people.rep, plan=ready, body="It was 62% last year.", section="funnel")
    services.plan_comment(actor=people.cro, plan=ready, body="Good plan overall.")
    assert list(PlanReview.objects.values_list("author__username", "section")) == [
        ("manager", "funnel"),
        ("rep", "funnel"),
        ("cro", ""),
    ]
    with pytest.raises(PermissionDenied):
        services.plan_comment(actor=people.peer_rep, plan=ready, body="Nosy")
    with pytest.raises(ValidationError) as refused:
        services.plan_comment(actor=people.manager, plan=ready, body=" ", section="nowhere")
    assert set(refused.value.message_dict) == {"body", "section"}


def inbox(person):
    return list(Notification.objects.filter(recipient=person).order_by("id"))


def test_the_manager_hears_of_a_submission_and_the_rep_of_each_review_step(
    ready, people, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_submit(actor=people.rep, plan=ready)
    [submitted] = inbox(people.manager)
    assert submitted.kind == Kind.TERRITORY_PLAN_SUBMITTED
    assert submitted.title == "Riley Rep submitted version 1 of their territory plan for your review"
    assert submitted.url == f"/territory-plans/{ready.pk}/#review"
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_comment(actor=people.manager, plan=ready, body="Check the rate.", section="funnel")
        services.plan_return(actor=people.manager, plan=ready, reason="Add the action plan.")
    commented, returned = inbox(people.rep)
    assert commented.title == "Morgan West commented on your territory plan"
    assert commented.url.endswith("#section-funnel")
    assert returned.title == "Morgan West returned your territory plan (version 1)"
    assert returned.body == "Add the action plan."
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_comment(actor=people.rep, plan=ready, body="Done, resubmitting.")
    assert inbox(people.manager)[-1].title == "Riley Rep commented on their territory plan"
    assert not Notification.objects.filter(recipient__in=[people.peer_rep, people.other_manager]).exists()
    assert {email.to[0] for email in mailoutbox} == {people.manager.email, people.rep.email}
