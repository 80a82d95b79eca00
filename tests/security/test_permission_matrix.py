"""Every route of config.urls, asked by every kind of person with every method it answers (rows.py).

A route without a row fails the first test, so no route ships without its permission row.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.company import Company
from tests.security.matrix import differences, observe
from tests.security.rows import ROWS

pytestmark = pytest.mark.django_db

# Django's admin site guards itself (is_staff and its own permissions) and is not a product page.
NOT_IN_THE_MATRIX = ("admin:",)


def route_names(patterns=None, namespace=""):
    """The names of every URL pattern under config.urls, namespaced as ``reverse`` wants them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or '<unnamed: ' + str(pattern.pattern) + '>'}"


def test_every_route_has_a_row_in_the_matrix():
    routes = {name for name in route_names() if not name.startswith(NOT_IN_THE_MATRIX)}
    with_rows = {matrix_row.route for matrix_row in ROWS}
    missing = sorted(routes - with_rows)
    assert not missing, "Routes without a permission row in tests/security/rows.py:\n" + "\n".join(missing)
    assert not sorted(with_rows - routes), f"Rows for routes that no longer exist: {sorted(with_rows - routes)}"


def test_rows_are_not_duplicated():
    ids = [matrix_row.id for matrix_row in ROWS]
    assert len(ids) == len(set(ids)), sorted({row_id for row_id in ids if ids.count(row_id) > 1})


@pytest.mark.parametrize("matrix_row", ROWS, ids=[matrix_row.id for matrix_row in ROWS])
def test_route_answers_each_person_as_the_matrix_says(people, cycle, cascade, matrix_row):
    company = Company(people, cycle, cascade)
    wrong = differences(matrix_row, observe(company, matrix_row))
    assert not wrong, f"{matrix_row.id}:\n" + "\n".join(wrong)
