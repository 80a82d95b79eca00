from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Cascade core"

    def ready(self) -> None:
        from core.api.ids import refuse_fractional_ids

        refuse_fractional_ids()
