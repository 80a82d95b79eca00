"""The company the permission matrix asks its questions in, and the objects its rows are about.

The people are those of tests/conftest.py (``people``): ceo > cro > {manager > rep, peer_rep;
other_manager > other_rep}, plus staff. Every object is built the first time a row asks for it,
so a row pays only for what it uses. Objects the matrix asks "who may see this" about are the
rep's and private wherever the product has privacy (a private goal, the rep's territory plan,
their notifications), so a leak shows as a 200 where the matrix says 404.
"""

import datetime
from decimal import Decimal
from functools import cached_property

from accounts.models import Function, Role
from accounts.tokens import api_token_create
from assumptions.models import ChangeRequest
from cabinet import services as cabinet_services
from goals import services as goal_services
from goals.models import ImportJob, Status, Visibility
from goals.models.import_job import ImportKind
from integrations.models import CrmConnection, FeedKind
from notifications.models import ChatChannel
from territories import services as territory_services
from tests.clock import TEST_NOW, TEST_TODAY, fiscal_year_end
from tests.factories import (
    AlignmentFlagFactory,
    AssumptionFactory,
    ChallengeFactory,
    CheckInFactory,
    CommentFactory,
    CycleFactory,
    GoalFactory,
    MetricFeedFactory,
    NotificationFactory,
    PersonFactory,
)
from workshop import services as workshop_services


def soon(days: int) -> datetime.date:
    """A day ``days`` ahead, kept inside the cycle the clock stands in (CI also runs on its last evening)."""
    return min(TEST_TODAY + datetime.timedelta(days=days), fiscal_year_end(TEST_TODAY))


def soon_at(days: int) -> datetime.datetime:
    """A moment ``days`` ahead, kept inside the cycle the clock stands in."""
    last_minute = datetime.datetime.combine(fiscal_year_end(TEST_TODAY), datetime.time(23, 59), tzinfo=datetime.UTC)
    return min(TEST_NOW + datetime.timedelta(days=days), last_minute)


class Company:
    """The small company plus, on demand, one of each object a route is about."""

    def __init__(self, people, cycle, cascade):
        self.people = people
        self.cycle = cycle
        self.cascade = cascade

    # --- goals ---------------------------------------------------------------------------

    @cached_property
    def private_goal(self):
        """The rep's private draft under the west manager's goal: seen by the rep, their chain and staff only."""
        goal = GoalFactory(
            cycle=self.cycle,
            owner=self.people.rep,
            parent=self.cascade.manager,
            title="Quiet bet on Globex",
            visibility=Visibility.PRIVATE,
            status=Status.DRAFT,
        )
        return goal

    @cached_property
    def submitted_private_goal(self):
        goal = self.private_goal
        type(goal).objects.filter(pk=goal.pk).update(status=Status.SUBMITTED)
        goal.refresh_from_db()
        return goal

    @cached_property
    def checkin(self):
        return CheckInFactory(goal=self.private_goal, author=self.people.rep)

    @cached_property
    def flag(self):
        return AlignmentFlagFactory(goal=self.private_goal)

    @cached_property
    def goal_comment(self):
        return goal_services.goal_comment_create(actor=self.people.rep, goal=self.private_goal, body="Tracking well.")

    @cached_property
    def deletion(self):
        """The rep's soft deletion of a private draft of theirs (undoable by them for a while, by staff always)."""
        goal = GoalFactory(
            cycle=self.cycle,
            owner=self.people.rep,
            parent=self.cascade.manager,
            title="Riley's dropped idea",
            visibility=Visibility.PRIVATE,
            status=Status.DRAFT,
        )
        return goal_services.goal_delete(actor=self.people.rep, goal=goal)

    @cached_property
    def api_token(self):
        token, _key = api_token_create(person=self.people.rep, name="CRM sync")
        return token

    @cached_property
    def import_job(self):
        return ImportJob.objects.create(
            kind=ImportKind.GOALS, actor=self.people.rep, cycle=self.cycle, file_name="goals.csv", text="title\n"
        )

    @cached_property
    def closed_goal(self):
        """The rep's goal in last year's closed cycle: it has a score to write a retrospective on."""
        cycle = CycleFactory(
            name="FY2026",
            start=self.cycle.start - datetime.timedelta(days=365),
            end=self.cycle.start - datetime.timedelta(days=1),
            phase="active",
        )
        goal = GoalFactory(cycle=cycle, owner=self.people.rep, title="Riley last year", current=Decimal(50_000))
        goal_services.cycle_close(actor=self.people.staff, cycle=cycle)
        goal.refresh_from_db()
        return goal

    @property
    def closed_goal_pk(self) -> int:
        return self.closed_goal.pk

    @property
    def closed_cycle(self):
        return self.closed_goal.cycle

    @cached_property
    def workshop_cycle(self):
        """Next year's cycle in its workshop phase, with a corporate objective and the manager's unmapped goal."""
        cycle = CycleFactory(
            name="FY2028",
            start=self.cycle.end + datetime.timedelta(days=1),
            end=self.cycle.end + datetime.timedelta(days=366),
            phase="workshop",
        )
        return cycle

    @cached_property
    def workshop_objective(self):
        return GoalFactory(
            cycle=self.workshop_cycle,
            owner=self.people.ceo,
            tier="corporate",
            title="Grow 40%",
            target=Decimal(1_000_000),
        )

    @cached_property
    def workshop_goal(self):
        """The CRO's goal of the workshop cycle, not mapped to an objective yet."""
        return GoalFactory(cycle=self.workshop_cycle, owner=self.people.cro, title="Sales in FY2028")

    @cached_property
    def workshop_decision(self):
        return workshop_services.decision_log(actor=self.people.cro, cycle=self.workshop_cycle, text="Keep APAC flat.")

    # --- assumptions ---------------------------------------------------------------------

    @cached_property
    def assumption(self):
        """The CEO's assumption; the rep rests their goal on it and challenges it."""
        assumption = AssumptionFactory(cycle=self.cycle, owner=self.people.ceo, statement="Mid-market keeps growing")
        assumption.goals.add(self.cascade.rep)
        return assumption

    @cached_property
    def challenge(self):
        return ChallengeFactory(assumption=self.assumption, author=self.people.rep, claim="Mid-market is flat")

    @cached_property
    def comment(self):
        return CommentFactory(challenge=self.challenge, author=self.people.rep, body="Three lost deals say so.")

    @cached_property
    def change_request(self):
        return ChangeRequest.objects.create(
            challenge=self.challenge, goal=self.cascade.rep, proposed_target=Decimal(150_000)
        )

    # --- notifications -------------------------------------------------------------------

    @cached_property
    def notification(self):
        return NotificationFactory(recipient=self.people.rep, title="Your goal was approved", url="/")

    @cached_property
    def chat_channel(self):
        return ChatChannel.objects.create(
            person=self.people.rep, provider="slack", webhook_url="https://hooks.slack.invalid/T/B/x"
        )

    # --- cabinet -------------------------------------------------------------------------

    @cached_property
    def committee_role(self):
        return cabinet_services.committee_role_create(
            actor=self.people.staff,
            title="Chief Revenue Officer: new ARR",
            holder=self.people.cro,
            objectives=[self.cascade.objective],
        )

    @cached_property
    def high_performer_mark(self):
        return cabinet_services.high_performer_mark(
            actor=self.people.manager, person=self.people.rep, reason="Beat the number by 30%."
        )

    @cached_property
    def seat_offer(self):
        """The CRO's seat offered to the rep, unanswered."""
        self.high_performer_mark  # noqa: B018 - an offer needs a high performer
        return cabinet_services.seat_offer(
            actor=self.people.cro, cycle=self.cycle, role=self.committee_role, holder=self.people.rep
        )

    @cached_property
    def question(self):
        return cabinet_services.question_create(
            actor=self.people.cro,
            cycle=self.cycle,
            title="Move $2M of target to APAC",
            options=["Move it", "Keep it"],
            due_date=soon(14),
            role=self.committee_role,
        )

    @cached_property
    def meeting(self):
        self.committee_role  # noqa: B018 - the CRO schedules it as a member of the committee
        return cabinet_services.meeting_schedule(
            actor=self.people.cro,
            cycle=self.cycle,
            title="Quarterly cabinet",
            scheduled_for=soon_at(7),
        )

    @cached_property
    def cabinet_action_item(self):
        """An action item of the meeting the rep owns."""
        return cabinet_services.action_item_add(
            actor=self.people.cro, meeting=self.meeting, title="Size APAC", owner=self.people.rep, due_date=soon(10)
        )

    # --- territory plans -----------------------------------------------------------------

    @cached_property
    def plan(self):
        """The rep's territory plan for the cycle (private to the rep's chain and staff)."""
        return territory_services.plan_create(actor=self.people.rep, cycle=self.cycle)

    @cached_property
    def peer_plan(self):
        """The peer rep's plan: a plan the peer may open, to ask through it for the rep's rows."""
        return territory_services.plan_create(actor=self.people.peer_rep, cycle=self.cycle)

    @cached_property
    def plan_account(self):
        return territory_services.account_create(actor=self.people.rep, plan=self.plan, name="Acme", kind="prospect")

    @cached_property
    def plan_objective(self):
        return territory_services.objective_create(
            actor=self.people.rep,
            plan=self.plan,
            title="Win Acme",
            metric="new ARR",
            unit="USD",
            target=Decimal(50_000),
            due_date=soon(60),
        )

    @cached_property
    def plan_action(self):
        return territory_services.action_create(
            actor=self.people.rep, plan=self.plan, title="Call Acme", owner=self.people.rep, due_date=soon(5)
        )

    @cached_property
    def plan_review(self):
        return territory_services.plan_comment(actor=self.people.manager, plan=self.plan, body="Add the churn risk.")

    @cached_property
    def plan_version(self):
        """The plan submitted once: version 1."""
        self.plan_objective  # noqa: B018 - a plan is submitted with at least one objective
        territory_services.plan_submit(actor=self.people.rep, plan=self.plan)
        self.plan.refresh_from_db()
        return self.plan.versions.get()

    @cached_property
    def team_funnel(self):
        return territory_services.team_funnel_set(
            actor=self.people.manager,
            cycle=self.cycle,
            average_deal_size=Decimal(20_000),
            stages=[{"name": "Qualified", "conversion_rate": "50"}],
        )

    @cached_property
    def joint_plan(self):
        """The West region's plan, led by the west manager, written with a marketer; the region's reps read it."""
        return territory_services.joint_plan_create(
            actor=self.people.manager, cycle=self.cycle, half=1, members=[self.marketer]
        )

    @cached_property
    def marketer(self):
        """Mira from marketing, reporting to the CEO: outside the sales chain, a member of the West joint plan."""
        return PersonFactory(
            username="marketer", role=Role.MANAGER, manager=self.people.ceo, region="West", function=Function.MARKETING
        )

    @cached_property
    def joint_activity(self):
        return territory_services.activity_create(
            actor=self.people.manager, plan=self.joint_plan, name="Spring webinar", verdict="repeat"
        )

    @cached_property
    def joint_target(self):
        return territory_services.joint_target_create(
            actor=self.people.manager,
            plan=self.joint_plan,
            title="Pipeline from events",
            metric="pipeline",
            unit="USD",
            target=Decimal(100_000),
            co_owner=self.marketer,
        )

    # --- integrations --------------------------------------------------------------------

    @cached_property
    def feed(self):
        """A signed webhook feeding the rep's private goal."""
        return MetricFeedFactory(goal=self.private_goal, created_by=self.people.rep, kind=FeedKind.WEBHOOK)

    @cached_property
    def crm_connection(self):
        return CrmConnection.objects.create(
            provider="hubspot", name="HubSpot", client_secret="secret", created_by=self.people.staff
        )
