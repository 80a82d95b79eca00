"""Lists come in pages: ``?page=`` and ``?page_size=`` up to 500, as ``{count, next, previous, results}``."""

from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api.pagination import CascadePagination


def page_of(items, query: str):
    request = Request(APIRequestFactory().get(f"/api/things/{query}"))
    paginator = CascadePagination()
    page = paginator.paginate_queryset(items, request)
    return paginator.get_paginated_response(page).data


def test_a_list_is_paginated_with_count_and_links():
    body = page_of(list(range(120)), "")
    assert body["count"] == 120
    assert body["results"] == list(range(50))
    assert body["next"] == "http://testserver/api/things/?page=2"
    assert body["previous"] is None


def test_page_size_chooses_the_page_length():
    body = page_of(list(range(120)), "?page=2&page_size=100")
    assert body["results"] == list(range(100, 120))
    assert body["next"] is None


def test_page_size_is_capped_at_500():
    body = page_of(list(range(1200)), "?page_size=10000")
    assert len(body["results"]) == 500
