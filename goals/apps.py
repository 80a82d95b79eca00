from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "goals"
    verbose_name = "Goal cascade"

    def ready(self) -> None:
        from goals import receivers
        from goals.alignment import triggers

        triggers.connect()
        receivers.connect()
