"""manage.py scan_alignment: operators scan every cycle in play, or the ones they name."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from goals.models import AlignmentFlag, Phase
from tests.factories import CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("scan_alignment", *args, stdout=out)
    return out.getvalue()


def test_it_scans_every_cycle_in_play(people, cascade, cycle):
    CycleFactory(name="FY2025", phase=Phase.CLOSED, start=datetime.date(2024, 2, 1), end=datetime.date(2025, 1, 31))

    output = run()

    assert output.startswith("FY2027 (active): 1 open flags; 1 opened, 0 updated, 0 resolved")
    assert "FY2025" not in output
    assert AlignmentFlag.objects.open().count() == 1


def test_it_scans_a_named_cycle_even_when_closed(people, cycle):
    closed = CycleFactory(
        name="FY2025", phase=Phase.CLOSED, start=datetime.date(2024, 2, 1), end=datetime.date(2025, 1, 31)
    )
    GoalFactory(cycle=closed, owner=people.rep)

    assert run("--cycle", "FY2025").startswith("FY2025 (closed): 1 open flags")
    assert run("--cycle", str(closed.pk)).startswith("FY2025 (closed): 1 open flags; 0 opened")


def test_an_unknown_cycle_is_a_clear_error(cycle):
    with pytest.raises(CommandError, match=r"There is no cycle 'FY1999'\. Cycles: \d+ \(FY2027\)\."):
        run("--cycle", "FY1999")


def test_nothing_in_play_says_so():
    assert run() == "No cycle is in play: nothing to scan.\n"
