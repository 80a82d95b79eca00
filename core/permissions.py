"""Checking the rules from the domain's services."""

from typing import Any

from django.core.exceptions import PermissionDenied


def require_perm(actor, perm: str, obj: Any, message: str) -> None:
    """Refuse with ``message`` unless ``actor`` holds ``perm`` on ``obj`` (rules registered with ``rules``)."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)
