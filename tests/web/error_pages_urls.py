"""Test-only views that fail the ways real pages can, to check what people then see."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from core.exceptions import StateConflict


def refuse(request):
    raise PermissionDenied("Only the goal's owner submits it for approval.")


def conflict(request):
    raise StateConflict("FY2026 is closed: its goals are read-only.")


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test/refuse/", refuse),
    path("test/conflict/", conflict),
    path("test/crash/", crash),
    *site_urlpatterns,
]
