from django.apps import AppConfig


class CabinetConfig(AppConfig):
    name = "cabinet"
    verbose_name = "Shadow Cabinet"

    def ready(self) -> None:
        # The cabinet's notification events join notifications' registry, and its signals
        # reach notifications' receivers: notifications never imports the cabinet.
        from cabinet import events, receivers  # noqa: F401

        receivers.connect()
