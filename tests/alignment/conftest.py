"""Helpers for the alignment scan's tests: scan a cycle and read back its open flags."""

import pytest

from goals.alignment import scan_cycle
from goals.models import AlignmentFlag


def open_flags(cycle) -> dict[tuple[str, str], AlignmentFlag]:
    """The cycle's open flags keyed by (goal title, kind)."""
    return {
        (flag.goal.title, flag.kind): flag
        for flag in AlignmentFlag.objects.open().filter(cycle=cycle).select_related("goal")
    }


def kinds_on(goal) -> set[str]:
    return set(AlignmentFlag.objects.open().filter(goal=goal).values_list("kind", flat=True))


@pytest.fixture
def scanned():
    """Scan ``cycle`` (optionally at another moment) and return its open flags by (goal title, kind)."""

    def scan(cycle, **kwargs):
        scan_cycle(cycle.pk, **kwargs)
        return open_flags(cycle)

    return scan
