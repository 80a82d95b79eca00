"""The goal list's pages: the documented ``{"count", "next", "previous", "results"}``, counted once per change."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from core.api.pagination import CascadePagination
from goals.cache import cached_count


class CachedCountPaginator(Paginator):
    """Counts the visible set once per version of the goals (goals/cache.py), not on every page.

    The count stays exact: any write to a goal bumps the version, so the next page counts again.
    It is counted on the primary even when the page is read from a replica: an entry stored
    under the current version must not come from a replica that has not caught up yet.
    """

    @cached_property
    def count(self) -> int:
        return cached_count(self.object_list, self.object_list.using("default").count)


class GoalPagination(CascadePagination):
    django_paginator_class = CachedCountPaginator
