"""seed_demo builds a believable company, at any size, with the misalignments the scan should find."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Function, Person, Role
from assumptions.models import Assumption, AssumptionStatus
from core.tree_integrity import tree_problems
from demo.builder import build_demo_company
from goals.models import CheckIn, Cycle, Goal, Phase, Status, Tier, Visibility
from goals.rollup import subtree_rolled_up_progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo_company(reps=20, team_size=5, goals_per_rep=3, checkins_per_goal=3)


def test_the_demo_company_has_a_full_organisation(demo):
    assert Person.objects.filter(role=Role.REP).count() == 20
    assert Person.objects.filter(role=Role.MANAGER, function=Function.SALES).count() == 4
    assert Person.objects.filter(role=Role.EXECUTIVE).count() == 9
    rep = Person.objects.get(username="alex.rivera")
    assert rep.check_password("cascade")
    assert [p.username for p in rep.management_chain()] == [
        "jordan.blake",
        "sofia.lindqvist",
        "marcus.oyelaran",
        "dana.whitfield",
    ]
    assert tree_problems(Person) == []


def test_three_years_of_cycles(demo):
    assert list(Cycle.objects.order_by("start").values_list("phase", flat=True)) == [
        Phase.CLOSED,
        Phase.ACTIVE,
        Phase.WORKSHOP,
    ]


def test_this_years_cascade_runs_from_objectives_to_reps(demo):
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    rep_goal = Goal.objects.filter(cycle=active, owner__username="alex.rivera", metric="new ARR").get()
    assert [g.tier for g in rep_goal.get_ancestors()] == [Tier.CORPORATE, Tier.EXECUTIVE, Tier.MANAGER]
    assert Goal.objects.filter(cycle=active, tier=Tier.CORPORATE).count() == 5
    assert Goal.objects.filter(cycle=active, tier=Tier.REP).count() >= 60
    assert tree_problems(Goal) == []


def test_targets_mostly_add_up(demo):
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    managers = Goal.objects.filter(cycle=active, tier=Tier.MANAGER, metric="new ARR", parent__tier=Tier.EXECUTIVE)
    adds_up = [m for m in managers if sum(c.target for c in m.get_children().filter(unit=m.unit)) == m.target]
    assert 0 < len(adds_up) < managers.count()  # all teams but the deliberate shortfall


def test_the_deliberate_misalignments_are_there(demo):
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    goals = Goal.objects.filter(cycle=active)
    assert goals.filter(parent__isnull=True).exclude(tier=Tier.CORPORATE).count() == 2  # orphans
    assert goals.exclude(parent__cycle=active).filter(parent__isnull=False).count() == 1  # cross-cycle
    assert goals.filter(tier=Tier.REP, parent__tier=Tier.CORPORATE).count() == 1  # tier skip
    assert goals.filter(tier=Tier.MANAGER, parent__tier=Tier.REP).count() == 1  # tier inverted
    assert goals.filter(visibility=Visibility.PRIVATE).exists()
    challenged = Assumption.objects.get(status=AssumptionStatus.CHALLENGED)
    assert challenged.goals.count() == 2


def test_progress_has_a_history_and_rolls_up(demo):
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    assert CheckIn.objects.filter(goal__cycle=active).count() > 100
    goal = Goal.objects.filter(cycle=active, tier=Tier.REP).exclude(last_checkin_at=None).first()
    assert goal.checkins.first().value == goal.current
    for objective in Goal.objects.filter(cycle=active, tier=Tier.CORPORATE):
        fresh = subtree_rolled_up_progress(objective)
        assert objective.rolled_up_progress == pytest.approx(fresh[objective.pk])
    assert Goal.objects.filter(cycle=active, status=Status.SUBMITTED, owner__manager__username="jordan.blake").exists()


@pytest.mark.django_db(transaction=True)  # --reset flushes (TRUNCATE), as it does outside a test transaction
def test_the_same_seed_builds_the_same_company():
    build_demo_company(reps=10, seed=7)
    first = sorted(Goal.objects.values_list("title", "target"))
    call_command("seed_demo", "--reset", "--reps", "10", "--seed", "7", stdout=io.StringIO())
    assert sorted(Goal.objects.values_list("title", "target")) == first


def test_the_command_refuses_to_mix_companies_unless_told(demo, capsys):
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_demo")
    call_command("seed_demo", "--if-empty")
    assert "leaving it as it is" in capsys.readouterr().out
    assert Person.objects.filter(role=Role.REP).count() == 20


def test_bigger_companies_get_directors_between_vps_and_managers(db):
    build_demo_company(reps=300, team_size=8, goals_per_rep=1, checkins_per_goal=1)
    vp = Person.objects.get(username="sofia.lindqvist")
    directors = vp.get_children().filter(role=Role.MANAGER)
    assert directors.exists()
    assert all(d.get_children().filter(role=Role.MANAGER).count() <= 8 for d in directors)
    assert tree_problems(Goal) == []
