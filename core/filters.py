"""Filters shared by the apps' filtersets."""

import django_filters

from core.forms import IdField


class IdFilter(django_filters.NumberFilter):
    """Rows related to the object with this id; "1.5", "1e3", "²" or a number past bigint is a 400, not a match."""

    field_class = IdField
