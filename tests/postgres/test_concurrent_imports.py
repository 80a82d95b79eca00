"""Bulk imports running beside ordinary writes leave sound trees (PostgreSQL only)."""

from decimal import Decimal

import pytest

from accounts.imports import people_import
from accounts.models import Person
from core.tree_integrity import tree_problems
from goals.imports import goals_import
from goals.models import Goal
from goals.services import goal_create
from tests.postgres.test_concurrent_tree_writes import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_goal_imports_and_single_goals_into_one_tree_at_once(people, cascade, cycle):
    def work(index: int) -> None:
        if index % 2:
            lines = ["external_key,parent,parent_external_key,owner,title,metric,target"]
            lines += [f"I{index}-T,{cascade.manager.pk},,manager,Team {index},m,10"]
            lines += [f"I{index}-{n},,I{index}-T,rep,Deal {index}-{n},m,1" for n in range(10)]
            goals_import(actor=Person.objects.get(pk=people.staff.pk), cycle=cycle, text="\n".join(lines))
        else:
            for n in range(5):
                goal_create(
                    actor=people.staff,
                    cycle=cycle,
                    owner=Person.objects.get(pk=people.rep.pk),
                    parent=Goal.objects.get(pk=cascade.manager.pk),
                    title=f"Single {index}-{n}",
                    metric="m",
                    target=Decimal(1),
                )

    assert run_in_threads(6, work) == []
    assert Goal.objects.filter(title__startswith="Deal ").count() == 30
    assert Goal.objects.filter(title__startswith="Single ").count() == 15
    assert tree_problems(Goal) == []


def test_people_imports_at_once_leave_a_sound_chain(people):
    def work(index: int) -> None:
        lines = ["username,role,manager", f"m{index},manager,cro"]
        lines += [f"imported{index}.{n},rep,m{index}" for n in range(10)]
        people_import(actor=Person.objects.get(pk=people.staff.pk), text="\n".join(lines))

    assert run_in_threads(4, work) == []
    assert Person.objects.filter(username__startswith="imported").count() == 40
    assert tree_problems(Person) == []
