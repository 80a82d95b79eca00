"""Several people phasing one goal at once take turns: one phasing, whole, and no error (PostgreSQL only)."""

import threading

import pytest
from django.db import close_old_connections

from goals.models import Goal, GoalPeriod, GoalPhasing
from goals.quotas.services import goal_phasing_set

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_phasing_one_goal_at_once_leaves_one_whole_phasing(people, cascade):
    errors = []
    barrier = threading.Barrier(6)

    def phase(granularity: str) -> None:
        try:
            barrier.wait()
            goal = Goal.objects.select_related("cycle", "owner").get(pk=cascade.rep.pk)
            goal_phasing_set(actor=people.manager, goal=goal, method="even", granularity=granularity)
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=phase, args=(("quarter", "month")[n % 2],)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    phasing = GoalPhasing.objects.get(goal=cascade.rep)
    assert GoalPeriod.objects.filter(goal=cascade.rep).count() == (4 if phasing.granularity == "quarter" else 12)
