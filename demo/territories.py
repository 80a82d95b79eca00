"""Territory plans in the demo company, and North America's joint plan with marketing and enablement.

Jordan Blake's team works from plans in every state: Alex Rivera's is a draft, half written, with
two objectives waiting to become goals and an action item overdue; the next rep's waits for
Jordan's review; one is approved, its objectives already linked goals in the cascade, and has
this quarter's plan check open; one came back with a reason; one was approved, revised mid-year
and approved again. Jordan set the team's funnel defaults. North America's sales VP plans the
half-year with Lucia Farrow (field marketing) and Theo Marchetti (sales enablement): a joint
pipeline target already in the cascade as Lucia's goal under the VP's, another waiting for Theo.

Everything goes through the services, as it would from the pages.
"""

import datetime
from decimal import Decimal

from accounts.models import Function, Person, Role
from accounts.services import person_create
from demo.organisation import DEMO_PASSWORD, Organisation
from goals.models import Cycle, Goal, Status, Unit
from goals.services import goal_approve
from territories import services
from territories.models import AccountKind, AccountStage, Half, TerritoryPlan, Verdict, add_months
from territories.selectors import plan_funnel, team_funnel_of

D = Decimal


def seed_territory_plans(org: Organisation, cycle: Cycle, now: datetime.datetime) -> None:
    ex = {key: Person.objects.get(pk=person.pk) for key, person in org.executives.items()}
    Person.objects.filter(pk=ex["vp_marketing"].pk).update(function=Function.MARKETING)
    Person.objects.filter(pk=ex["vp_cs"].pk).update(function=Function.CUSTOMER_SUCCESS)
    team = org.teams[0]
    manager = Person.objects.get(pk=team.manager.pk)
    services.team_funnel_set(
        actor=manager,
        cycle=cycle,
        average_deal_size=D(45_000),
        stages=[
            {"name": "Qualified", "conversion_rate": D(45)},
            {"name": "Proposal", "conversion_rate": D(55)},
            {"name": "Negotiation", "conversion_rate": D(70)},
        ],
    )
    # Plans were first submitted a few weeks into the year (or a few days ago, early in a year).
    early = min(_moment(cycle.start) + datetime.timedelta(days=24), now - datetime.timedelta(days=3))
    builders = [_draft_plan, _submitted_plan, _approved_plan_with_goals, _returned_plan, _revised_plan]
    # How much of what remains each rep's open pipeline should bring in: some have a gap, some none.
    coverage = [D("0.55"), D("0.8"), D("1.15"), D("0.4"), D("0.9")]
    for seat, build in enumerate(builders[: len(team.reps)]):
        rep = Person.objects.get(pk=team.reps[seat].pk)
        plan = services.plan_create(actor=rep, cycle=cycle, territory=team.territories[seat])
        _write(plan, rep, coverage[seat])
        build(plan, rep, manager, cycle, early, now)
    services.plan_checks_request(now=now)
    _joint_plan(ex, cycle, now)


def _day(cycle: Cycle, months: int) -> datetime.date:
    """The day ``months`` into the cycle (its last day at the latest)."""
    return min(add_months(cycle.start, months), cycle.end)


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)


# --- a rep's plan, section by section -----------------------------------------------------


def _open_pipeline(plan: TerritoryPlan, coverage: Decimal) -> list[Decimal]:
    """Pipeline per stage whose expected bookings are ``coverage`` of what remains of the target, 40/35/25 across
    the stages (in tens of thousands)."""
    view = plan_funnel(
        plan, list(plan.stages.order_by("position")), team_funnel_of(plan.owner.manager_id, plan.cycle_id)
    )
    if view.funnel is None or not view.funnel.remaining:
        return [D(180_000), D(90_000), D(40_000)]
    wanted = view.funnel.remaining * coverage
    return [
        (wanted * share / stage.win_rate / 10_000).quantize(D(1)) * 10_000
        for share, stage in zip((D("0.4"), D("0.35"), D("0.25")), view.funnel.stages, strict=False)
    ]


def _write(plan: TerritoryPlan, rep: Person, coverage: Decimal) -> None:
    city = plan.territory
    services.plan_update(
        actor=rep,
        plan=plan,
        market_trends=f"Mid-market fintech and healthcare in {city} are consolidating vendors; finance teams "
        "now sign off on every renewal above $50k. Two competitors cut list prices 15% this year.",
        customers_buying="Usage-based plans with an annual commitment; the analytics add-on in two of three deals.",
        high_payoff_traits="200-2,000 employees, a RevOps team, a CFO who owns the tooling budget.",
        verticals_won="Fintech (fast security reviews, our SOC 2 report), healthcare SaaS (HIPAA mapping done).",
        pains_solved="Forecasts built in spreadsheets; churn seen too late; three tools for one pipeline.",
        compelling_events="A new CFO, a funding round, a failed audit, a contract renewal with the incumbent.",
        best_selling_products="Cascade Analytics, then the forecasting add-on.",
        reasons_not_buying="No RevOps owner; locked into a three-year incumbent contract; price against point tools.",
        strengths="Fast onboarding (30 days); references in fintech.",
        weaknesses="Few healthcare references in the region; no local partner yet.",
        opportunities="Two incumbents' renewals come up in Q3; the regional fintech meetup series.",
        threats="Price cuts by the two largest competitors.",
        value_proposition="The only platform that shows the forecast, the pipeline and the churn risk in one view, "
        "live in 30 days.",
    )
    services.account_create(
        actor=rep,
        plan=plan,
        kind=AccountKind.PROSPECT,
        name="Harbor Lending",
        vertical="Fintech",
        expected_value=D(120_000),
        stage=AccountStage.PROPOSAL,
        notes="New CFO since March; security review passed.",
    )
    services.account_create(
        actor=rep,
        plan=plan,
        kind=AccountKind.PROSPECT,
        name="Beacon Health Systems",
        vertical="Healthcare",
        expected_value=D(90_000),
        stage=AccountStage.QUALIFIED,
    )
    services.account_create(
        actor=rep,
        plan=plan,
        kind=AccountKind.CUSTOMER,
        name="Northgate Payments",
        vertical="Fintech",
        expected_value=D(60_000),
        stage=AccountStage.EXPANDING,
        notes="Wants the forecasting add-on for two more teams.",
    )
    stages = [
        {"name": "Qualified", "conversion_rate": None},
        {"name": "Proposal", "conversion_rate": D(60)},
        {"name": "Negotiation", "conversion_rate": None},
    ]
    services.plan_set_stages(actor=rep, plan=plan, stages=stages)
    for stage, amount in zip(stages, _open_pipeline(plan, coverage), strict=False):
        stage["open_pipeline"] = amount
    services.plan_set_stages(actor=rep, plan=plan, stages=stages)
    services.plan_update(
        actor=rep,
        plan=plan,
        strategy_penetrate_accounts="Land the analytics add-on in every customer using forecasting alone.",
        strategy_leverage_successes="Turn Northgate Payments into a case study for the fintech meetups.",
        strategy_new_leads="Two events with field marketing; ten partner-sourced meetings a quarter.",
        strategy_conversion="Mutual action plans from the proposal stage on.",
        strategy_selling_process="MEDDICC qualification before any demo.",
        resources_internal="A solutions engineer two days a week; the regional customer success manager.",
        resources_in_accounts="Champions in RevOps, economic buyers in finance.",
        resources_partners="The two local accounting firms that resell us.",
        information_needed="Renewal dates of the incumbents' top ten accounts in the territory.",
        skills_needed="Healthcare compliance conversations (HIPAA).",
    )


def _objectives(plan: TerritoryPlan, rep: Person, cycle: Cycle) -> list:
    accounts = {account.name: account for account in plan.accounts.all()}
    return [
        services.objective_create(
            actor=rep,
            plan=plan,
            title=f"Win 3 new fintech logos in {plan.territory}",
            metric="new logos",
            unit=Unit.ACCOUNTS,
            target=D(3),
            due_date=_day(cycle, 9),
            focus="Fintech, 200-2,000 employees",
            accounts=[accounts["Harbor Lending"]],
        ),
        services.objective_create(
            actor=rep,
            plan=plan,
            title="Expand 4 customers onto the forecasting add-on",
            metric="accounts expanded",
            unit=Unit.ACCOUNTS,
            target=D(4),
            due_date=_day(cycle, 11),
            focus="Existing customers using analytics alone",
            accounts=[accounts["Northgate Payments"]],
        ),
    ]


def _actions(plan: TerritoryPlan, rep: Person, manager: Person, cycle: Cycle, now: datetime.datetime) -> None:
    today = now.date()
    overdue = max(today - datetime.timedelta(days=6), cycle.start)
    services.action_create(
        actor=rep,
        plan=plan,
        title="Map the buying committee at Harbor Lending",
        owner=rep,
        resources="Solutions engineer",
        due_date=overdue,
    )
    services.action_create(
        actor=rep,
        plan=plan,
        title="Executive sponsor call with Beacon Health's CFO",
        owner=manager,
        due_date=min(today + datetime.timedelta(days=12), cycle.end),
        is_milestone=True,
    )
    services.action_create(
        actor=rep,
        plan=plan,
        title="Fintech meetup with field marketing",
        owner=rep,
        resources="Field marketing budget",
        due_date=min(today + datetime.timedelta(days=30), cycle.end),
        is_milestone=True,
    )


def _draft_plan(plan, rep, manager, cycle, early, now) -> None:
    """Alex's plan: written in part, two objectives to turn into goals, an action item overdue."""
    _objectives(plan, rep, cycle)
    _actions(plan, rep, manager, cycle, now)


def _submitted_plan(plan, rep, manager, cycle, early, now) -> None:
    _objectives(plan, rep, cycle)
    _actions(plan, rep, manager, cycle, now)
    services.plan_submit(actor=rep, plan=plan, now=now - datetime.timedelta(days=2))


def _approved_plan_with_goals(plan, rep, manager, cycle, early, now) -> None:
    for objective in _objectives(plan, rep, cycle):
        goal = services.objective_to_goal(actor=rep, objective=objective)
        goal_approve(actor=manager, goal=Goal.objects.select_related("owner", "cycle").get(pk=goal.pk))
    _actions(plan, rep, manager, cycle, now)
    services.plan_submit(actor=rep, plan=plan, now=early)
    services.plan_comment(
        actor=manager,
        plan=plan,
        section="funnel",
        body="Your proposal rate is well above the team's; keep an eye on it after the price cuts.",
    )
    services.plan_approve(actor=manager, plan=plan, comment="Clear and grounded. Go.", now=early)


def _returned_plan(plan, rep, manager, cycle, early, now) -> None:
    _objectives(plan, rep, cycle)
    services.plan_submit(actor=rep, plan=plan, now=now - datetime.timedelta(days=9))
    services.plan_comment(
        actor=manager,
        plan=plan,
        section="actions",
        body="There is no action plan yet: who does what, by when?",
    )
    services.plan_return(
        actor=manager,
        plan=plan,
        reason="The objectives are good, but the plan has no action items and the funnel ignores the two "
        "renewals coming up in Q3. Add both and send it again.",
        now=now - datetime.timedelta(days=7),
    )


def _revised_plan(plan, rep, manager, cycle, early, now) -> None:
    _objectives(plan, rep, cycle)
    _actions(plan, rep, manager, cycle, now)
    services.plan_submit(actor=rep, plan=plan, now=early)
    services.plan_approve(actor=manager, plan=plan, now=early)
    services.plan_update(
        actor=rep,
        plan=plan,
        threats="Price cuts by the two largest competitors; a new entrant bundling forecasting for free.",
    )
    mid_year = min(_moment(_day(cycle, 6)), now - datetime.timedelta(days=1))
    services.plan_submit(
        actor=rep,
        plan=plan,
        note="Mid-year: a new entrant bundles forecasting for free; threats updated.",
        now=mid_year,
    )
    services.plan_approve(actor=manager, plan=plan, now=mid_year)


# --- North America's joint plan -----------------------------------------------------------


def _person(username: str, first: str, last: str, title: str, function: str, manager: Person, region: str) -> Person:
    existing = Person.objects.filter(username=username).first()
    if existing is not None:
        username = f"{username}.{function}"
    return person_create(
        username=username,
        password=DEMO_PASSWORD,
        manager=manager,
        role=Role.MANAGER,
        first_name=first,
        last_name=last,
        email=f"{username}@northwind.example",
        job_title=title,
        function=function,
        region=region,
    )


def _joint_plan(ex: dict[str, Person], cycle: Cycle, now: datetime.datetime) -> None:
    vp = ex["vp_na"]
    marketer = _person(
        "lucia.farrow",
        "Lucia",
        "Farrow",
        "Field Marketing Manager, North America",
        Function.MARKETING,
        ex["vp_marketing"],
        vp.region,
    )
    enabler = _person(
        "theo.marchetti", "Theo", "Marchetti", "Sales Enablement Manager", Function.ENABLEMENT, ex["cro"], vp.region
    )
    # Two people joined the chain: everyone's place in the tree moved.
    vp, marketing_vp = (Person.objects.get(pk=person.pk) for person in (vp, ex["vp_marketing"]))
    half = Half.FIRST if now.date() < add_months(cycle.start, 6) else Half.SECOND
    plan = services.joint_plan_create(
        actor=vp,
        cycle=cycle,
        half=half,
        members=[marketer, enabler],
        revenue_potential=D(14_500_000),
        potential_analysis="Mid-market fintech and healthcare SaaS on the East Coast hold two thirds of the "
        "potential; 40 named accounts renew with an incumbent this half.",
        review_summary="Field events in Boston and Toronto brought the best pipeline per dollar; the webinar series "
        "filled seats but not pipeline. Reps certified on the new pitch closed 20% faster.",
    )
    for function, name, result, verdict in (
        (Function.MARKETING, "Fintech field events (Boston, Toronto)", "$2.1M pipeline, 31 meetings", Verdict.REPEAT),
        (Function.MARKETING, "Monthly webinar series", "1,200 sign-ups, $0.3M pipeline", Verdict.IMPROVE),
        (Function.ENABLEMENT, "New pitch certification", "Certified reps closed 20% faster", Verdict.REPEAT),
        (Function.SALES, "Cold outbound to enterprise", "4 meetings from 900 emails", Verdict.STOP),
    ):
        services.activity_create(actor=vp, plan=plan, function=function, name=name, result=result, verdict=verdict)
    goals = {goal.metric: goal for goal in Goal.objects.filter(owner=vp, cycle=cycle).exclude(status=Status.DROPPED)}
    pipeline = services.joint_target_create(
        actor=vp,
        plan=plan,
        title="Source North America pipeline from marketing",
        metric="marketing-sourced pipeline",
        unit=Unit.USD,
        target=D(4_000_000),
        due_date=min(add_months(plan.starts, 6) - datetime.timedelta(days=1), cycle.end),
        co_owner=marketer,
        parent_goal=goals.get("qualified pipeline"),
    )
    services.joint_target_create(
        actor=vp,
        plan=plan,
        title="Certify every North America rep on the new pitch",
        metric="reps certified",
        unit=Unit.COUNT,
        target=D(24),
        due_date=min(add_months(plan.starts, 3), cycle.end),
        co_owner=enabler,
        parent_goal=goals.get("new ARR"),
    )
    if pipeline.parent_goal_id is not None:
        goal = services.joint_target_place(actor=marketer, target=pipeline)
        goal_approve(actor=marketing_vp, goal=Goal.objects.select_related("owner", "cycle").get(pk=goal.pk))
