"""Factories for the test suite: people in a management chain, cycles, goals, check-ins."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory, Password

from accounts.models import Person, Role
from assumptions.models import Assumption
from goals.models import AlignmentFlag, CheckIn, Cycle, FlagKind, Goal, Status, Tier, Unit
from goals.models.goal import TIER_FOR_ROLE, direction_implied_by
from goals.rollup import refresh_rollups_upward
from tests.clock import TEST_TODAY, fiscal_year_end, fiscal_year_start


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    email = factory.LazyAttribute(lambda person: f"{person.username}@example.com")
    password = Password("password")
    role = Role.REP
    region = "West"
    manager = None


class CycleFactory(DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"FY{2030 + n}")
    start = fiscal_year_start(TEST_TODAY)  # the fiscal year the suite's clock stands in
    end = fiscal_year_end(TEST_TODAY)
    phase = "active"
    checkin_interval_days = 14


class GoalFactory(DjangoModelFactory):
    """A goal saved the way services save it: in the tree, with its roll-up kept true."""

    class Meta:
        model = Goal
        skip_postgeneration_save = True

    cycle = factory.SubFactory(CycleFactory)
    owner = factory.SubFactory(PersonFactory)
    parent = None
    tier = factory.LazyAttribute(lambda goal: TIER_FOR_ROLE.get(goal.owner.role, Tier.REP))
    title = factory.Sequence(lambda n: f"Goal {n}")
    metric = "new ARR"
    unit = Unit.USD
    baseline = Decimal(0)
    target = Decimal(100_000)
    direction = factory.LazyAttribute(lambda goal: direction_implied_by(goal.baseline, goal.target))
    current = Decimal(0)
    weight = Decimal(1)
    status = Status.APPROVED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        goal = super()._create(model_class, *args, **kwargs)
        refresh_rollups_upward([goal.pk])
        goal.refresh_from_db()
        return goal


class CorporateObjectiveFactory(GoalFactory):
    tier = Tier.CORPORATE
    title = factory.Sequence(lambda n: f"Corporate objective {n}")
    target = Decimal(1_000_000)


class CheckInFactory(DjangoModelFactory):
    class Meta:
        model = CheckIn

    goal = factory.SubFactory(GoalFactory)
    value = Decimal(10_000)
    confidence = "on_track"
    author = factory.LazyAttribute(lambda checkin: checkin.goal.owner)


class AlignmentFlagFactory(DjangoModelFactory):
    class Meta:
        model = AlignmentFlag

    goal = factory.SubFactory(GoalFactory)
    cycle = factory.LazyAttribute(lambda flag: flag.goal.cycle)
    kind = FlagKind.ORPHAN
    message = "Not linked to any objective."


class AssumptionFactory(DjangoModelFactory):
    class Meta:
        model = Assumption

    cycle = factory.SubFactory(CycleFactory)
    statement = factory.Sequence(lambda n: f"Assumption {n} holds")
    owner = factory.SubFactory(PersonFactory, role=Role.EXECUTIVE)


# --- challenges, threads and change requests (assumptions API tests) -------------------


class ChallengeFactory(DjangoModelFactory):
    class Meta:
        model = "assumptions.Challenge"

    assumption = factory.SubFactory(AssumptionFactory)
    author = factory.SubFactory(PersonFactory)
    claim = factory.Sequence(lambda n: f"Claim {n}: the market moved")


class EndorsementFactory(DjangoModelFactory):
    class Meta:
        model = "assumptions.Endorsement"

    challenge = factory.SubFactory(ChallengeFactory)
    person = factory.SubFactory(PersonFactory)


class ChangeRequestFactory(DjangoModelFactory):
    class Meta:
        model = "assumptions.ChangeRequest"

    challenge = factory.SubFactory(ChallengeFactory)
    goal = factory.SubFactory(GoalFactory)
    proposed_target = Decimal(80_000)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = "assumptions.Comment"

    challenge = factory.SubFactory(ChallengeFactory)
    author = factory.SubFactory(PersonFactory)
    body = factory.Sequence(lambda n: f"Comment {n}")


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    recipient = factory.SubFactory(PersonFactory)
    kind = "goal_commented"
    title = factory.Sequence(lambda n: f"Someone commented on your goal “Goal {n}”")
    url = "/"
    dedupe_key = factory.Sequence(lambda n: f"test-event:{n}")


# --- territory plans and joint plans -----------------------------------------------------


class TerritoryPlanFactory(DjangoModelFactory):
    class Meta:
        model = "territories.TerritoryPlan"

    cycle = factory.SubFactory(CycleFactory)
    owner = factory.SubFactory(PersonFactory)
    territory = "Boston"


class FunnelStageFactory(DjangoModelFactory):
    class Meta:
        model = "territories.FunnelStage"

    plan = factory.SubFactory(TerritoryPlanFactory)
    position = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Stage {n}")
    conversion_rate = Decimal(50)


class PlanObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = "territories.PlanObjective"

    plan = factory.SubFactory(TerritoryPlanFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")
    metric = "new ARR"
    unit = Unit.USD
    target = Decimal(150_000)


class ActionItemFactory(DjangoModelFactory):
    class Meta:
        model = "territories.ActionItem"

    plan = factory.SubFactory(TerritoryPlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.LazyAttribute(lambda item: item.plan.owner)
    due_date = TEST_TODAY


class JointPlanFactory(DjangoModelFactory):
    class Meta:
        model = "territories.JointPlan"

    cycle = factory.SubFactory(CycleFactory)
    half = 1
    region = "West"
    leader = factory.SubFactory(PersonFactory, role=Role.MANAGER)


# --- metric feeds (integrations) --------------------------------------------------------


class MetricFeedFactory(DjangoModelFactory):
    """A signed-webhook feed by default; pass ``kind`` and the source's fields for a CRM feed."""

    class Meta:
        model = "integrations.MetricFeed"

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Feed {n}")
    kind = "webhook"
    created_by = factory.LazyAttribute(lambda feed: feed.goal.owner)
    webhook_secret = factory.LazyAttribute(lambda feed: "cwh_test-secret" if feed.kind == "webhook" else "")
