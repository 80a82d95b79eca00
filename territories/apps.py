from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "territories"
    verbose_name = "Territory plans"

    def ready(self) -> None:
        # The inbox learns what territory plans announce (notifications sits below this app).
        from territories import notices

        notices.connect()
