"""Import jobs over the API: a large CSV import answers 202 with its job; this is where to follow it."""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from goals.import_jobs import job_progress
from goals.models import ImportJob


class ImportProgressSerializer(serializers.Serializer):
    phase = serializers.CharField(help_text="waiting, checking, writing, done or failed.")
    done = serializers.IntegerField(help_text="Rows checked (or written) so far in this phase.")
    total = serializers.IntegerField()


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    page = serializers.SerializerMethodField(help_text="The job's page, which shows the same and refreshes itself.")

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "cycle",
            "file_name",
            "status",
            "rows_total",
            "progress",
            "result",
            "errors",
            "created",
            "started_at",
            "finished_at",
            "page",
        ]
        read_only_fields = fields

    @extend_schema_field(ImportProgressSerializer)
    def get_progress(self, job: ImportJob) -> dict:
        return job_progress(job)

    def get_page(self, job: ImportJob) -> str:
        from django.urls import reverse

        return reverse("goals:import-job", args=[job.pk])


@extend_schema_view(
    list=extend_schema(summary="Your import jobs, newest first (admins: everyone's)"),
    retrieve=extend_schema(
        summary="One import job: its status and progress; once done, what a direct import answers",
        description="result holds the 201 body (created rows), errors the 400 body (every bad row by line and "
        "column, or an error about the file). Nothing is imported unless every row is good.",
    ),
)
class ImportJobViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ImportJobSerializer
    queryset = ImportJob.objects.none()  # for the schema; get_queryset decides

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ImportJob.objects.none()
        jobs = ImportJob.objects.defer("text")
        return jobs if self.request.user.is_staff else jobs.filter(actor=self.request.user)
