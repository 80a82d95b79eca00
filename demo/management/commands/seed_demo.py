from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Person
from demo.builder import build_demo_company
from demo.organisation import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Build Northwind Cloud, a demo sales company with three years of goal cascades."

    def add_arguments(self, parser):
        parser.add_argument("--reps", type=int, default=48, help="sales reps (default 48; 9,200 for ~100k goals)")
        parser.add_argument("--team-size", type=int, default=8, help="reps per manager (default 8)")
        parser.add_argument("--goals-per-rep", type=int, default=3, help="goals each rep owns this year (1-10)")
        parser.add_argument("--checkins-per-goal", type=int, default=6, help="check-in history per goal")
        parser.add_argument("--seed", type=int, default=2027, help="random seed: the same seed builds the same company")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--reset", action="store_true", help="delete everything in the database first")
        mode.add_argument("--if-empty", action="store_true", help="do nothing if the database already has people")

    def handle(self, *args, **options):
        if options["reps"] < 1 or options["team_size"] < 1:
            raise CommandError("--reps and --team-size must be at least 1.")
        if Person.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already holds a company; leaving it as it is.")
                self._print_logins(
                    Person.objects.filter(username__in=["alex.rivera", "jordan.blake", "marcus.oyelaran", "admin"])
                )
                return
            if not options["reset"]:
                raise CommandError(
                    "The database already holds people: use --reset to replace them, or --if-empty to keep them."
                )
            call_command("flush", interactive=False, verbosity=0)

        summary = build_demo_company(
            reps=options["reps"],
            team_size=options["team_size"],
            goals_per_rep=options["goals_per_rep"],
            checkins_per_goal=options["checkins_per_goal"],
            seed=options["seed"],
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Built Northwind Cloud: {summary.people:,} people, {summary.goals:,} goals "
                f"({summary.active_cycle_goals:,} this year, {summary.open_flags:,} alignment flags open) "
                f"in {summary.seconds:.1f}s."
            )
        )
        self.stdout.write(f"\nSign in with any of these (password: {summary.password}):")
        for username, who in summary.logins:
            self.stdout.write(f"  {username:<18} {who}")

    def _print_logins(self, people) -> None:
        self.stdout.write(f"Sign in with any of these (password: {DEMO_PASSWORD}):")
        for person in people:
            self.stdout.write(f"  {person.username:<18} {person.job_title or person.get_role_display()}")
