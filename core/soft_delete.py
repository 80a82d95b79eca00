"""Soft deletion: rows marked with the ``Deletion`` that removed them stay out of the default manager."""

from django.db import models


class LiveManager(models.Manager):
    """Rows not deleted (``deletion`` unset); declare it first so it is the default manager."""

    def get_queryset(self):
        return super().get_queryset().filter(deletion__isnull=True)


class EveryRowManager(models.Manager):
    """Every row, deleted ones too: for restoring and purging."""
