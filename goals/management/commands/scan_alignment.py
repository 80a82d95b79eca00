from django.core.management.base import BaseCommand, CommandError

from core.parsing import parse_id
from goals.alignment import scan_cycle
from goals.models import Cycle, Phase


class Command(BaseCommand):
    help = (
        "Run the alignment scan now, in this process: every cycle in play (planning, workshop, active), "
        "or the cycles named with --cycle."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cycle",
            action="append",
            default=[],
            metavar="ID_OR_NAME",
            help="a cycle's id or name (e.g. 12 or FY2027); repeat for several; closed cycles only when named",
        )

    def handle(self, *args, **options):
        cycles = [self._cycle(value) for value in options["cycle"]] or list(
            Cycle.objects.exclude(phase=Phase.CLOSED).order_by("start")
        )
        if not cycles:
            self.stdout.write("No cycle is in play: nothing to scan.")
            return
        for cycle in cycles:
            result = scan_cycle(cycle.pk)
            self.stdout.write(
                f"{cycle.name} ({cycle.get_phase_display().lower()}): {result.open_flags} open flags; "
                f"{result.opened} opened, {result.updated} updated, {result.resolved} resolved "
                f"in {result.seconds:.2f}s"
            )

    def _cycle(self, value: str) -> Cycle:
        cycle_id = parse_id(value)
        found = Cycle.objects.filter(pk=cycle_id) if cycle_id else Cycle.objects.filter(name=value)
        cycle = found.first()
        if cycle is None:
            names = ", ".join(f"{c.pk} ({c.name})" for c in Cycle.objects.order_by("start"))
            raise CommandError(f"There is no cycle {value!r}. Cycles: {names or 'none yet'}.")
        return cycle
