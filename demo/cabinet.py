"""The demo company's Executive Strategy Committee and its Shadow Cabinet, last year and this.

The committee has five roles with their portfolios. Last year's cabinet sat all year and
left a track record; this year's has Alex Rivera (the demo's rep) in the CRO's seat, a
seat that was vacated and re-filled, an offer still waiting for an answer and an earlier
one declined. The committee decided three questions this year: the cabinet diverged on
the churn assumption (and the outcome proved it right), agreed on moving target from
EMEA to APAC, and split on the partner wave; two questions are still open, one with
sealed recommendations. Two meetings were held, with minutes and action items (one of
Alex's is overdue); the next is scheduled with its agenda drawn from the strategy room.
The strategy room's chart has a daily snapshot for every day of the year so far.

History is written straight into the tables with its dates (services refuse the past and
closed cycles, rightly); the upcoming meeting's agenda comes from the service itself.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from accounts.models import Person, Role
from assumptions.models import Assumption
from cabinet.events import agenda_published, decision_published, seat_offered
from cabinet.models import (
    ActionItem,
    AgendaItem,
    AgendaKind,
    CabinetMeeting,
    CommitteeQuestion,
    CommitteeRole,
    HighPerformerMark,
    ObjectiveSnapshot,
    QuestionOption,
    SeatStatus,
    ShadowRecommendation,
    ShadowSeat,
)
from cabinet.services import meeting_draw_agenda
from demo.organisation import Organisation
from goals.models import Cycle, Goal, Tier
from goals.progress import progress_ratio
from notifications.delivery import deliver

# (key, title, executive, remit, objective metrics, assumption statement prefixes)
ROLES = [
    (
        "cro",
        "Chief Revenue Officer: new ARR",
        "cro",
        "Owns the headline number and how it is split between areas, segments and new and existing customers.",
        ["new ARR", "new enterprise logos"],
        ["Average enterprise deal size"],
    ),
    (
        "cs",
        "VP Customer Success: retention",
        "vp_cs",
        "Answers for gross and net revenue retention and the programmes that keep customers.",
        ["gross revenue retention", "net revenue retention"],
        ["Mid-market churn"],
    ),
    (
        "marketing",
        "VP Marketing: pipeline",
        "vp_marketing",
        "Answers for qualified pipeline and the mix of events, digital and partner-sourced demand.",
        ["qualified pipeline"],
        ["Field events convert"],
    ),
    (
        "partners",
        "VP Partnerships: partner channel",
        "vp_partners",
        "Builds the reseller and alliance programme and its share of pipeline.",
        ["partner share of pipeline"],
        ["Resellers source"],
    ),
    (
        "cfo",
        "Chief Financial Officer: pricing and discount discipline",
        "cfo",
        "Guards price realisation, discount policy and the cost of growth.",
        [],
        [],
    ),
]

MARK_REASONS = [
    "Beat last year's number at {form:.0%} of quota and coaches the newer reps in {region}.",
    "Closed {form:.0%} of target last year with the cleanest forecast calls in {region}.",
    "{form:.0%} of quota last year; runs the team's deal reviews in {region}.",
    "Consistently above plan ({form:.0%} last year) and raised the challenge that reshaped our churn view.",
]


@dataclass
class Seats:
    current: dict[str, ShadowSeat]


def seed_cabinet(
    org: Organisation,
    performance: dict[int, float],
    prior: Cycle,
    active: Cycle,
    now: datetime.datetime,
    rng: random.Random,
) -> None:
    """Build the committee, both years' cabinets, questions, meetings and the strategy room's history."""
    with transaction.atomic():
        roles = _committee(org, prior, active)
        chosen = _mark_high_performers(org, performance, prior, rng)
        _snapshots(prior, now, rng)
        _snapshots(active, now, rng)
        if len(chosen) < 4:
            return  # too small a company to seat a cabinet
        today = now.date()
        _last_years_cabinet(roles, chosen, prior, org)
        seats = _this_years_cabinet(roles, chosen, active, org, today)
        questions = _questions(org, roles, seats, active, today)
        _last_years_questions(org, roles, prior)
        upcoming = _meetings(org, seats, questions, active, now)
    _notify(seats, questions, upcoming, org, now)


def _at(cycle: Cycle, today: datetime.date, share: float) -> datetime.date:
    """The day ``share`` of the way from the cycle's start to today (or its end, if over)."""
    last = min(today, cycle.end)
    return cycle.start + datetime.timedelta(days=int(max((last - cycle.start).days, 0) * share))


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=datetime.UTC)


# --- the committee and its high performers --------------------------------------------------


def _committee(org: Organisation, prior: Cycle, active: Cycle) -> dict[str, CommitteeRole]:
    objectives = Goal.objects.filter(tier=Tier.CORPORATE, parent__isnull=True, cycle__in=[prior, active])
    by_metric: dict[str, list[Goal]] = {}
    for goal in objectives:
        by_metric.setdefault(goal.metric, []).append(goal)
    assumptions = list(Assumption.objects.filter(cycle=active))
    roles = {}
    for position, (key, title, executive, remit, metrics, statements) in enumerate(ROLES):
        role = CommitteeRole.objects.create(
            title=title, holder=org.executives[executive], remit=remit, position=position * 10
        )
        role.objectives.set([goal for metric in metrics for goal in by_metric.get(metric, [])])
        role.assumptions.set([a for a in assumptions if any(a.statement.startswith(s) for s in statements)])
        roles[key] = role
    return roles


def _mark_high_performers(
    org: Organisation, performance: dict[int, float], prior: Cycle, rng: random.Random
) -> list[Person]:
    """Mark the best reps (and Alex), each by their manager with a reason; returns the best first."""
    reps = org.reps
    best = sorted(reps, key=lambda rep: (-performance.get(rep.pk, 0.0), rep.pk))[:12]
    alex = next((rep for rep in reps if rep.username == "alex.rivera"), None)
    chosen = ([alex] if alex else []) + [rep for rep in best if rep is not alex]
    marked = set(Person.objects.filter(is_high_performer=True, role=Role.REP).values_list("pk", flat=True))
    marked |= {rep.pk for rep in chosen}
    Person.objects.filter(pk__in=marked).update(is_high_performer=True)
    region = {rep.pk: team.region for team in org.teams for rep in team.reps}
    manager = {rep.pk: team.manager.pk for team in org.teams for rep in team.reps}
    HighPerformerMark.objects.bulk_create(
        [
            HighPerformerMark(
                person_id=pk,
                is_high_performer=True,
                reason=rng.choice(MARK_REASONS).format(form=max(performance.get(pk, 1.0), 1.0), region=region[pk]),
                marked_by_id=manager[pk],
                created=_moment(prior.start + datetime.timedelta(days=rng.randint(40, 300))),
            )
            for pk in sorted(marked)
            if pk in manager
        ],
        batch_size=1000,
    )
    for person in chosen:
        person.is_high_performer = True
    return chosen


# --- seats --------------------------------------------------------------------------------


def _seat(cycle, role, holder, start, end, offered_by, *, status=SeatStatus.ACCEPTED, **extra) -> ShadowSeat:
    offered_at = _moment(start - datetime.timedelta(days=7))
    return ShadowSeat.objects.create(
        cycle=cycle,
        role=role,
        holder=holder,
        term_start=start,
        term_end=end,
        status=status,
        offered_by=offered_by,
        offered_at=offered_at,
        responded_at=offered_at + datetime.timedelta(days=2) if status != SeatStatus.OFFERED else None,
        **extra,
    )


def _last_years_cabinet(roles, chosen: list[Person], prior: Cycle, org: Organisation) -> None:
    """Four seats held all year; the marketing seat changed hands in the autumn."""
    cro = org.executives["cro"]
    past = chosen[1:5] if len(chosen) > 5 else chosen[:4]
    for key, holder in zip(["cro", "cs", "partners", "cfo"], past, strict=False):
        _seat(prior, roles[key], holder, prior.start, prior.end, cro, offer_note="Last year's first cabinet.")
    if len(chosen) > 6:
        handover = prior.start + datetime.timedelta(days=200)
        first = _seat(
            prior,
            roles["marketing"],
            chosen[5],
            prior.start,
            prior.end,
            cro,
            status=SeatStatus.VACATED,
            ended_on=handover,
            ended_by=chosen[5],
            end_reason="Moved to a partner manager role in the autumn.",
        )
        _seat(
            prior, roles["marketing"], chosen[6], handover + datetime.timedelta(days=1), prior.end, cro, refill_of=first
        )


def _this_years_cabinet(roles, chosen: list[Person], active: Cycle, org: Organisation, today) -> Seats:
    cro = org.executives["cro"]
    end = active.end
    start = _at(active, today, 0.05)
    alex, others = chosen[0], chosen[1:]
    current = {
        "cro": _seat(
            active,
            roles["cro"],
            alex,
            start,
            end,
            cro,
            offer_note="Alex called the EMEA slowdown a quarter early and challenged the deal-size assumption "
            "with evidence from the field.",
        ),
        "cs": _seat(active, roles["cs"], others[0], start, end, cro),
        "cfo": _seat(active, roles["cfo"], others[1], start, end, cro),
    }
    handover = _at(active, today, 0.45)
    vacated = _seat(
        active,
        roles["marketing"],
        others[2],
        start,
        end,
        cro,
        status=SeatStatus.VACATED,
        ended_on=handover,
        ended_by=others[2],
        end_reason="Stepped down on becoming a sales manager in the summer.",
    )
    if len(others) > 3:
        current["marketing"] = _seat(
            active,
            roles["marketing"],
            others[3],
            min(handover + datetime.timedelta(days=1), end),
            end,
            cro,
            refill_of=vacated,
        )
    current["marketing_first"] = vacated
    if len(others) > 5:
        _seat(
            active,
            roles["partners"],
            others[4],
            start,
            end,
            cro,
            status=SeatStatus.DECLINED,
            response_note="Honoured, but my territory is in the middle of a re-plan this year.",
        )
        current["partners_offer"] = ShadowSeat.objects.create(
            cycle=active,
            role=roles["partners"],
            holder=others[5],
            term_start=today,
            term_end=end,
            status=SeatStatus.OFFERED,
            offer_note="You registered more partner-sourced deals than anyone last year.",
            offered_by=org.executives["vp_partners"],
            offered_at=_moment(today, 8) - datetime.timedelta(days=1),
        )
    return Seats(current=current)


# --- questions ----------------------------------------------------------------------------


def _question(cycle, title, description, options, due, asked_by, role, *, objectives=(), assumptions=(), created):
    question = CommitteeQuestion.objects.create(
        cycle=cycle,
        title=title,
        description=description,
        due_date=due,
        asked_by=asked_by,
        role=role,
        created=created,
    )
    labels = QuestionOption.objects.bulk_create(
        QuestionOption(question=question, label=label, position=i) for i, label in enumerate(options)
    )
    question.objectives.set(objectives)
    question.assumptions.set(assumptions)
    return question, {option.label: option for option in labels}


def _recommend(question, seat, option, reasoning, when):
    ShadowRecommendation.objects.create(
        question=question, seat=seat, author=seat.holder, option=option, reasoning=reasoning, created=when, updated=when
    )


def _decide(question, option, rationale, by, when, *, outcome=None, explanation="", outcome_by=None, outcome_at=None):
    question.decision, question.decision_rationale, question.decided_by, question.published_at = (
        option,
        rationale,
        by,
        when,
    )
    if outcome_at is not None:
        question.outcome, question.outcome_explanation = outcome, explanation
        question.outcome_by, question.outcome_at = outcome_by, outcome_at
    question.save()


def _questions(org, roles, seats: Seats, active: Cycle, today) -> dict[str, CommitteeQuestion]:
    ex = org.executives
    seat = seats.current
    objectives = {g.metric: g for g in Goal.objects.filter(cycle=active, tier=Tier.CORPORATE, parent__isnull=True)}
    churn = Assumption.objects.filter(cycle=active, statement__startswith="Mid-market churn").first()
    found = {}

    asked = _at(active, today, 0.5)
    churn_q, options = _question(
        active,
        "Revise the mid-market churn assumption to 9%",
        "Two challenges from the field report churn running near 9% in the mid-market since the price change. "
        "Revising lowers the retention plan; keeping it holds the teams to 8%.",
        ["Revise to 9%", "Keep 8%"],
        _at(active, today, 0.6),
        ex["vp_cs"],
        roles["cs"],
        objectives=[g for g in [objectives.get("gross revenue retention")] if g],
        assumptions=[churn] if churn else [],
        created=_moment(asked),
    )
    reasons = {
        "cro": "Every renewal call in my territory this quarter mentioned the price change; 8% is not what we see.",
        "cs": "The onboarding programme helps new logos, not the installed base that had the price rise.",
        "cfo": "Planning on 8% hides a retention gap we will have to explain in Q4 anyway.",
    }
    for key, text in reasons.items():
        _recommend(churn_q, seat[key], options["Revise to 9%"], text, _moment(asked, 15))
    _decide(
        churn_q,
        options["Keep 8%"],
        "One quarter of data is not a trend; the save desk launches next month and should bring churn back to plan.",
        ex["vp_cs"],
        _moment(_at(active, today, 0.6)),
        outcome=options["Revise to 9%"],
        explanation="Churn closed the next quarter at 8.9% despite the save desk; the cabinet read the field right.",
        outcome_by=ex["vp_cs"],
        outcome_at=_moment(_at(active, today, 0.9)),
    )
    found["churn"] = churn_q

    asked = _at(active, today, 0.25)
    move_q, options = _question(
        active,
        "Move $2M of new ARR target from EMEA to APAC",
        "EMEA manufacturing pipeline is flat while APAC is ahead of plan. How much target should move?",
        ["Move $2M", "Move $1M", "Keep the split"],
        _at(active, today, 0.35),
        ex["cro"],
        roles["cro"],
        objectives=[g for g in [objectives.get("new ARR")] if g],
        created=_moment(asked),
    )
    _recommend(
        move_q,
        seat["cro"],
        options["Move $1M"],
        "APAC's lead is real but thin; move half now and the rest at mid-year if it holds.",
        _moment(asked, 14),
    )
    _recommend(
        move_q,
        seat["marketing_first"],
        options["Move $1M"],
        "Events in EMEA are still converting; a full $2M would starve the Q3 programme.",
        _moment(asked, 16),
    )
    _recommend(
        move_q,
        seat["cs"],
        options["Keep the split"],
        "Expansion in EMEA's installed base can make up the gap without moving target.",
        _moment(asked, 17),
    )
    _decide(
        move_q,
        options["Move $1M"],
        "Move $1M now and review at mid-year: APAC's pipeline supports it, EMEA keeps a stretch.",
        ex["cro"],
        _moment(_at(active, today, 0.35)),
        outcome=options["Move $1M"],
        explanation="APAC closed the extra $1M by the third quarter; EMEA recovered enough that a $2M move would "
        "have left it idle.",
        outcome_by=seat["cro"].holder,
        outcome_at=_moment(_at(active, today, 0.8)),
    )
    found["move"] = move_q

    if "marketing" in seat:
        asked = _at(active, today, 0.65)
        wave_q, options = _question(
            active,
            "Fund a second partner onboarding wave in the second half",
            "The first wave brought 14 resellers; a second costs two partner managers for six months.",
            ["Fund it", "Wait for next year"],
            _at(active, today, 0.75),
            ex["vp_partners"],
            roles["partners"],
            objectives=[g for g in [objectives.get("partner share of pipeline")] if g],
            created=_moment(asked),
        )
        _recommend(
            wave_q,
            seat["cfo"],
            options["Fund it"],
            "Partner deals close at list price more often.",
            _moment(asked, 11),
        )
        _recommend(
            wave_q,
            seat["marketing"],
            options["Wait for next year"],
            "The first wave has not produced pipeline yet.",
            _moment(asked, 12),
        )
        _decide(
            wave_q,
            options["Fund it"],
            "Partner share is the lever for next year's plan; the cost is small against it.",
            ex["vp_partners"],
            _moment(_at(active, today, 0.75)),
        )
        found["wave"] = wave_q

    japan_q, options = _question(
        active,
        "Launch the platform tier in Japan this year",
        "Japan's pilots closed above list, but localisation is not finished. Launch in the fourth quarter, or wait?",
        ["Launch in Q4", "Wait for next year"],
        today + datetime.timedelta(days=12),
        ex["cro"],
        roles["cro"],
        objectives=[g for g in [objectives.get("new ARR")] if g],
        created=_moment(today) - datetime.timedelta(days=6),
    )
    _recommend(
        japan_q,
        seat["cs"],
        options["Wait for next year"],
        "Support in Japanese is not ready; a launch without it costs renewals.",
        _moment(today) - datetime.timedelta(days=3),
    )
    if "marketing" in seat:
        _recommend(
            japan_q,
            seat["marketing"],
            options["Launch in Q4"],
            "Three events are booked in Tokyo in Q4 and the pipeline is waiting.",
            _moment(today) - datetime.timedelta(days=2),
        )
    found["japan"] = japan_q

    coverage_q, _ = _question(
        active,
        "Raise the pipeline coverage target to 3.5x for the last quarter",
        "Coverage stands at 2.9x. A higher target pushes marketing spend into the last quarter.",
        ["Raise to 3.5x", "Keep 3x"],
        today + datetime.timedelta(days=20),
        ex["vp_marketing"],
        roles["marketing"],
        objectives=[g for g in [objectives.get("qualified pipeline")] if g],
        created=_moment(today) - datetime.timedelta(days=1),
    )
    found["coverage"] = coverage_q
    return found


def _last_years_questions(org, roles, prior: Cycle) -> None:
    """Last year's track record: one call the cabinet got right against the committee, one both got right."""
    seats = {seat.role_id: seat for seat in ShadowSeat.objects.filter(cycle=prior, status=SeatStatus.ACCEPTED)}
    holders = [seats.get(roles[key].pk) for key in ("cro", "cs", "partners", "cfo")]
    holders = [seat for seat in holders if seat is not None]
    if not holders:
        return
    ex = org.executives
    day = prior.start + datetime.timedelta(days=120)
    question, options = _question(
        prior,
        "Hire two more account executives in DACH",
        "DACH is ahead of plan; two more reps would cost the year's hiring budget for EMEA.",
        ["Hire two", "Hire one", "Hire none"],
        day + datetime.timedelta(days=14),
        ex["vp_emea"],
        roles["cro"],
        created=_moment(day),
    )
    for seat in holders:
        _recommend(
            question, seat, options["Hire two"], "The pipeline in DACH is there for two more reps.", _moment(day, 15)
        )
    _decide(
        question,
        options["Hire one"],
        "One now, one at mid-year if the pipeline holds.",
        ex["cro"],
        _moment(day + datetime.timedelta(days=14)),
        outcome=options["Hire two"],
        explanation="DACH closed 30% above plan; the second hire came too late to help.",
        outcome_by=ex["vp_emea"],
        outcome_at=_moment(day + datetime.timedelta(days=200)),
    )
    day = prior.start + datetime.timedelta(days=220)
    question, options = _question(
        prior,
        "Stop discounting multi-year deals beyond 15%",
        "Multi-year deals carried an average 22% discount last quarter.",
        ["Cap at 15%", "Leave it to the managers"],
        day + datetime.timedelta(days=10),
        ex["cfo"],
        roles["cfo"],
        created=_moment(day),
    )
    for seat in holders:
        _recommend(question, seat, options["Cap at 15%"], "Customers sign for three years anyway.", _moment(day, 15))
    _decide(
        question,
        options["Cap at 15%"],
        "Capped from next month; exceptions go to the CFO.",
        ex["cfo"],
        _moment(day + datetime.timedelta(days=10)),
        outcome=options["Cap at 15%"],
        explanation="Multi-year bookings held while the average discount fell to 13%.",
        outcome_by=ex["cfo"],
        outcome_at=_moment(day + datetime.timedelta(days=120)),
    )


# --- meetings -----------------------------------------------------------------------------


def _meetings(org, seats: Seats, questions, active: Cycle, now: datetime.datetime) -> CabinetMeeting:
    today = now.date()
    seat = seats.current
    alex = seat["cro"].holder
    cro = org.executives["cro"]

    def held(share, title, points, minutes, actions):
        day = _at(active, today, share)
        meeting = CabinetMeeting.objects.create(
            cycle=active,
            title=title,
            scheduled_for=_moment(day, 15),
            location="Boardroom 2 and video",
            organiser=cro,
            agenda_published_at=_moment(day - datetime.timedelta(days=5)),
            minutes=minutes,
            minutes_by=alex,
            minutes_at=_moment(day, 18),
            created=_moment(day - datetime.timedelta(days=10)),
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, position=i, kind=kind, title=text, **links)
            for i, (kind, text, links) in enumerate(points)
        )
        for title, owner, due, done in actions:
            due = max(due, day)  # never due before the meeting that agreed it
            ActionItem.objects.create(
                meeting=meeting,
                title=title,
                owner=owner,
                due_date=due,
                done_at=_moment(min(due, today)) if done else None,
                done_by=owner if done else None,
                created_by=alex,
                created=_moment(day, 18),
            )
        return meeting

    def days(n: int) -> datetime.timedelta:
        return datetime.timedelta(days=n)

    first_day = _at(active, today, 0.55)
    churn = questions["churn"]
    held(
        0.55,
        "Shadow Cabinet: second-quarter review",
        [
            (AgendaKind.ASSUMPTION, "Mid-market churn stays under 8% (challenged)", {}),
            (AgendaKind.DECISION_DUE, f"Decision due: {churn.title}", {"question": churn}),
            (AgendaKind.OTHER, "How the cabinet reports back to the regional teams", {}),
        ],
        "Present: the cabinet and the VP Customer Success.\n\n"
        "Churn: the cabinet agreed to recommend revising the assumption to 9%, with the renewal notes from three "
        "regions as evidence.\n\nReporting back: each member shares a one-page summary with their region after "
        "every meeting.",
        [
            (
                "Collect renewal notes from the three regions for the churn recommendation",
                alex,
                first_day + days(5),
                True,
            ),
            ("Write the one-page summary template for the regions", seat["cs"].holder, first_day + days(10), True),
        ],
    )
    held(
        0.85,
        "Shadow Cabinet: third-quarter review",
        [
            (AgendaKind.OFF_PACE, "Qualified pipeline behind pace", {}),
            (AgendaKind.OTHER, "Lessons from the partner wave decision", {}),
        ],
        "Present: the cabinet, the CRO and the VP Marketing.\n\nPipeline: coverage is short of 3x; the cabinet "
        "will bring field evidence on which events still convert.\n\nPartner wave: the committee funded it; "
        "the cabinet split. We will track the first deals.",
        [
            ("Compare event-sourced pipeline by region for the next meeting", alex, today - days(3), False),
            ("Track the first deals from the partner wave", seat["cfo"].holder, today + days(20), False),
        ],
    )
    upcoming = CabinetMeeting.objects.create(
        cycle=active,
        title="Shadow Cabinet: year-end review",
        scheduled_for=_moment(today + datetime.timedelta(days=9), 15),
        location="Boardroom 2 and video",
        organiser=alex,
        created=now - datetime.timedelta(days=2),
    )
    meeting_draw_agenda(actor=alex, meeting=upcoming, now=now)
    upcoming.agenda_published_at = now - datetime.timedelta(hours=20)
    upcoming.save(update_fields=["agenda_published_at"])
    return upcoming


# --- the strategy room's history ----------------------------------------------------------


def _snapshots(cycle: Cycle, now: datetime.datetime, rng: random.Random) -> None:
    """A point per objective for every day of the cycle so far, rising to where the objective stands today."""
    today = now.date()
    last = min(today - datetime.timedelta(days=1), cycle.end)
    days = (last - cycle.start).days + 1
    if days <= 0:
        return
    objectives = Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE, parent__isnull=True).values_list(
        "pk", "rolled_up_progress", "baseline", "target", "current", "direction"
    )
    rows = []
    for pk, rolled_up, baseline, target, current, direction in objectives:
        own = progress_ratio(baseline, target, current, direction)
        bend = rng.uniform(0.9, 1.35)  # some objectives start slow, others front-load
        level = 0.0
        for index in range(days):
            share = (index + 1) / days
            level = max(level, min(1.0, rolled_up * share**bend + rng.uniform(-0.008, 0.008)))
            rows.append(
                ObjectiveSnapshot(
                    objective_id=pk,
                    cycle=cycle,
                    day=cycle.start + datetime.timedelta(days=index),
                    rolled_up_progress=min(level, rolled_up) if index < days - 1 else rolled_up,
                    progress=own * share,
                    taken_at=_moment(cycle.start + datetime.timedelta(days=index), 23),
                )
            )
    ObjectiveSnapshot.objects.bulk_create(rows, batch_size=2000)


# --- what people were told ----------------------------------------------------------------


def _notify(seats: Seats, questions, upcoming: CabinetMeeting, org: Organisation, now: datetime.datetime) -> None:
    drafts = []
    offer = seats.current.get("partners_offer")
    if offer is not None:
        drafts += seat_offered(seat_id=offer.pk)
    drafts += agenda_published(meeting_id=upcoming.pk, actor_id=upcoming.organiser_id)
    for key in ("churn", "move", "wave"):
        if key in questions:
            drafts += decision_published(question_id=questions[key].pk)
    deliver(drafts, now=now, email=False)
