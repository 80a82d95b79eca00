"""The front line argues with Northwind's assumptions: challenges with market evidence, endorsements,
a nested thread, and one accepted challenge whose course correction waits on a rep's goal.

Everything goes through the assumptions services, as it would from the pages; afterwards the
timestamps are spread over the last weeks so the pages read like a real discussion.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Person
from assumptions import services
from assumptions.models import Assumption, AssumptionRevision, AssumptionStatus, Challenge, Comment, Endorsement
from assumptions.services import ASSUMPTION_EDITABLE_FIELDS, ProposedChange
from demo.cascade import Plan
from demo.organisation import Organisation
from goals.models import Goal


def _fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


def _goal(plan: Plan, key: str) -> Goal | None:
    node = plan.nodes_by_key.get(key)
    if node is None or node.instance is None:
        return None
    return Goal.objects.select_related("owner", "cycle").get(pk=node.instance.pk)


def _backdate(model, pk: int, when) -> None:
    model.objects.filter(pk=pk).update(created=when)


def record_first_revisions(assumptions: list[Assumption]) -> None:
    """Revision 1 of each demo assumption: the assumption as its owner wrote it down."""
    AssumptionRevision.objects.bulk_create(
        AssumptionRevision(
            assumption=assumption,
            number=1,
            author_id=assumption.owner_id,
            created=timezone.make_aware(
                timezone.datetime.combine(assumption.cycle.start, timezone.datetime.min.time())
            ),
            changes={
                **{name: [None, getattr(assumption, name)] for name in ASSUMPTION_EDITABLE_FIELDS},
                "status": [None, AssumptionStatus.ACTIVE],
                "goals": [None, sorted(assumption.goals.values_list("pk", flat=True))],
            },
            note="Written down at the strategy offsite.",
        )
        for assumption in assumptions
    )
    for assumption in assumptions:
        if assumption.status in STATUS_NOTES:
            _record_status(assumption, STATUS_NOTES[assumption.status], timezone.now() - timedelta(days=30))


# Why each demo assumption that is no longer active got its status (the churn one: its first challenge).
STATUS_NOTES = {
    AssumptionStatus.UNDER_REVIEW: "Under review: the DACH partner pilot sourced 9% of pipeline, not 20%.",
    AssumptionStatus.UPHELD: "Upheld after the Q1 attribution review confirmed the gap.",
    AssumptionStatus.RETIRED: "Retired: the continuing resolution kept public-sector budgets frozen.",
}


def _record_status(assumption: Assumption, note: str, when, challenge: Challenge | None = None) -> None:
    """Revision 2: the assumption went from active to the status the demo gives it."""
    AssumptionRevision.objects.create(
        assumption=assumption,
        number=2,
        author_id=assumption.owner_id,
        created=when,
        changes={"status": [AssumptionStatus.ACTIVE, assumption.status]},
        note=note,
        challenge=challenge,
    )
    Assumption.objects.filter(pk=assumption.pk).update(revision=2)
    assumption.revision = 2


def create_challenges(org: Organisation, plan: Plan, assumptions: list[Assumption]) -> list[Challenge]:
    record_first_revisions(assumptions)
    by_statement = {assumption.statement: assumption for assumption in assumptions}
    churn = by_statement.get("Mid-market churn stays under 8%")
    deal_size = by_statement.get("Average enterprise deal size grows 10% with the new platform tier")
    reps = org.reps
    if churn is None or deal_size is None or len(reps) < 4 or len(org.teams) < 2:
        return []
    now = timezone.now()
    first_team, second_team = org.teams[0], org.teams[1]
    alex = _fresh(first_team.reps[0])
    peer = _fresh(first_team.reps[1]) if len(first_team.reps) > 1 else _fresh(reps[-1])
    voice = _fresh(second_team.reps[0])  # the rep who raises the churn challenge
    other = _fresh(reps[-1] if reps[-1].pk not in (alex.pk, peer.pk, voice.pk) else reps[2])
    manager = _fresh(second_team.manager)
    churn_owner, cro = _fresh(churn.owner), _fresh(deal_size.owner)
    challenges = []

    # An open challenge with evidence, a proposed course correction, votes and a nested thread.
    churn_goal = _goal(plan, "exec:churn")
    churn_challenge = services.challenge_open(
        actor=voice,
        assumption=churn,
        claim=f"Mid-market churn is running above 9% in {second_team.region}, not under 8%",
        evidence="11 of our 96 mid-market accounts gave notice this half; three named the price rise at renewal. "
        "The renewals dashboard shows 9.4% annualised for Q2.",
        course_correction="Plan retention on 9% for mid-market, and move one CSM to proactive renewal calls "
        "for accounts under 100 seats.",
        proposed_changes=[
            ProposedChange(
                goal=churn_goal,
                proposed_target=Decimal(8),
                note="Aim for 8%: still a cut, and one the renewal team can reach.",
            )
        ]
        if churn_goal
        else [],
    )
    challenges.append(churn_challenge)
    for person in (peer, other, manager, alex):
        if person.pk != voice.pk:
            services.challenge_endorse(actor=person, challenge=churn_challenge)
    first = services.comment_post(
        actor=peer,
        challenge=churn_challenge,
        body="Same picture in our territory: two mid-market logos left for a cheaper point tool in May.",
    )
    reply = services.comment_post(
        actor=voice,
        challenge=churn_challenge,
        parent=first,
        body="Did they mention the price rise too, or only features?",
    )
    deeper = services.comment_post(
        actor=peer,
        challenge=churn_challenge,
        parent=reply,
        body="Price first. Both had been on the old plan for three years.",
    )
    services.comment_post(
        actor=churn_owner,
        challenge=churn_challenge,
        parent=deeper,
        body="Thanks, this is useful. Can you both add the accounts to the renewals review on Thursday? "
        "I want to see whether it is the price or the onboarding cohort before we change the plan.",
    )
    services.comment_post(
        actor=manager,
        challenge=churn_challenge,
        body="Backing this: my team's renewal forecast already assumes 9%.",
    )
    second = services.challenge_open(
        actor=other,
        assumption=churn,
        claim="Onboarding NPS does not predict churn for accounts under 50 seats",
        evidence="Of the small accounts that churned last quarter, 7 of 10 had onboarding NPS above 40.",
    )
    services.challenge_endorse(actor=voice, challenge=second)
    challenges.append(second)

    # An accepted challenge: the assumption is revised and the reps' goals get a course correction.
    rep_goals = [goal for goal in (_goal(plan, f"rep:{alex.pk}:arr"), _goal(plan, f"rep:{peer.pk}:arr")) if goal]
    accepted = services.challenge_open(
        actor=peer,
        assumption=deal_size,
        claim="Enterprise buyers trade the platform tier against discount: deal size grows about 5%, not 10%",
        evidence="Our last 9 enterprise deals with the platform tier: average discount went from 18% to 24%, "
        "so net deal size grew 4.6%. The Q4 pilots were hand-picked accounts.",
        course_correction="Plan enterprise ARR on 5% growth in deal size and lower the affected reps' "
        "ARR targets to match.",
        proposed_changes=[
            ProposedChange(
                goal=goal,
                proposed_target=(goal.target * Decimal("0.95") / 1000).quantize(Decimal(1)) * 1000,
                note="5% less, in line with the deal size we actually see.",
            )
            for goal in rep_goals
        ],
    )
    for person in (alex, voice, other):
        if person.pk != peer.pk:
            services.challenge_endorse(actor=person, challenge=accepted)
    services.comment_post(
        actor=cro,
        challenge=accepted,
        body="The 24% discount average matches what deal desk sees across North America. Checking EMEA.",
    )
    services.challenge_resolve(
        actor=cro,
        challenge=accepted,
        status="accepted",
        outcome="revised",
        response="Agreed. The pilot accounts were not representative and deal desk confirms the discounting. "
        "We plan on 5% and keep the platform tier in every enterprise proposal.",
        statement="Average enterprise deal size grows 5% with the new platform tier",
        confidence="medium",
    )
    challenges.append(accepted)

    # Spread the discussion over the last three weeks, oldest first.
    _backdate(Challenge, accepted.pk, now - timedelta(days=21))
    _backdate(Challenge, churn_challenge.pk, now - timedelta(days=12))
    _backdate(Challenge, second.pk, now - timedelta(days=5))
    Challenge.objects.filter(pk=accepted.pk).update(resolved_at=now - timedelta(days=9))
    for hours, comment in enumerate(Comment.objects.filter(challenge=churn_challenge).order_by("pk")):
        _backdate(Comment, comment.pk, now - timedelta(days=11) + timedelta(hours=5 * hours))
    Comment.objects.filter(challenge=accepted).update(created=now - timedelta(days=15))
    Endorsement.objects.filter(challenge__in=challenges).update(created=now - timedelta(days=4))
    AssumptionRevision.objects.filter(challenge=accepted, note__startswith="Challenged").update(
        created=now - timedelta(days=21)
    )
    AssumptionRevision.objects.filter(challenge=accepted, note__startswith="Accepted").update(
        created=now - timedelta(days=9)
    )
    _record_status(churn, "Challenged: " + churn_challenge.claim, now - timedelta(days=12), churn_challenge)
    return challenges
