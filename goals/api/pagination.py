"""The goal list's pages: the documented ``{"count", "next", "previous", "results"}``, counted once per change."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from core.api.pagination import CascadePagination
from goals.cache import cached_count

# Query parameters that change which page is shown, not how many goals there are.
NOT_COUNTED = {"page", "page_size", "format", "ordering"}


class CachedCountPaginator(Paginator):
    """Counts the visible set once per version of the goals (goals/cache.py), not on every page.

    The count stays exact: any write to a goal bumps the version, so the next page counts again.
    It is counted on the primary even when the page is read from a replica: an entry stored
    under the current version must not come from a replica that has not caught up yet.
    """

    def __init__(self, object_list, per_page, *, question: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.question = question

    @cached_property
    def count(self) -> int:
        return cached_count(self.question, self.object_list.using("default").count)


class GoalPagination(CascadePagination):
    def django_paginator_class(self, queryset, page_size):
        """The paginator, told what its count depends on: the list, the viewer and the filters."""
        request = self.request
        viewer = "staff" if request.user.is_staff else f"person:{request.user.pk}"
        filters = sorted(
            (name, value)
            for name, values in request.query_params.lists()
            if name not in NOT_COUNTED
            for value in values
        )
        return CachedCountPaginator(queryset, page_size, question=f"{request.path}|{viewer}|{filters!r}")
