from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportKind(models.TextChoices):
    """What an import job brings in (goals today; the kind leaves room for others)."""

    GOALS = "goals", "Goals"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for a worker"
    RUNNING = "running", "Importing"
    SUCCEEDED = "succeeded", "Imported"
    FAILED = "failed", "Nothing imported"


class ImportJob(models.Model):
    """A CSV import too large for one web request, run by a worker: all rows or none, with its progress.

    ``result`` holds what a synchronous import answers (the goals or people created), ``errors``
    what it refuses with (every bad row by line and column, or an error about the whole file).
    """

    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey("goals.Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=200, blank=True)
    text = models.TextField(help_text="The CSV, kept until the import is done.")
    rows_total = models.PositiveIntegerField(default=0, help_text="Lines of the file after its header.")
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    result = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["actor", "created"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import #{self.pk} ({self.get_status_display().lower()})"

    @property
    def is_done(self) -> bool:
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED)
