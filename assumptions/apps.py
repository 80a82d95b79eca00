from django.apps import AppConfig


class AssumptionsConfig(AppConfig):
    name = "assumptions"
    verbose_name = "Strategy assumptions"
