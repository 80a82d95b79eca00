"""One helper reads every whole number people type: ASCII digits in range, nothing else."""

import pytest
from django.core.exceptions import ValidationError

from core.parsing import BIGINT_MAX, OFFSET_MAX, int_param, parse_id, parse_int

NOT_IDS = ["²", "٣", "-1", "0", "1e3", "1.0", "+1", "", "  ", "abc", "1 2", str(BIGINT_MAX + 1), "9" * 40, None, True]


@pytest.mark.parametrize("raw", NOT_IDS)
def test_anything_but_a_positive_bigint_is_not_an_id(raw):
    assert parse_id(raw) is None


@pytest.mark.parametrize(("raw", "expected"), [("1", 1), (" 42 ", 42), (str(BIGINT_MAX), BIGINT_MAX), (7, 7)])
def test_ascii_digits_in_range_are_ids(raw, expected):
    assert parse_id(raw) == expected


def test_negative_numbers_pass_only_where_the_range_allows_them():
    assert parse_int("-1") is None
    assert parse_int("-1", minimum=-5) == -1
    assert parse_int(str(OFFSET_MAX + 1), maximum=OFFSET_MAX) is None


def test_a_query_parameter_that_is_not_a_whole_number_is_a_field_error():
    with pytest.raises(ValidationError) as error:
        int_param({"depth": "²"}, "depth", maximum=100)
    assert error.value.message_dict == {"depth": ["Give a whole number from 0 to 100."]}


def test_a_missing_parameter_gives_the_default_unless_required():
    assert int_param({}, "depth", default=3) == 3
    assert int_param({"depth": " "}, "depth") is None
    with pytest.raises(ValidationError) as error:
        int_param({}, "cycle", required=True, message="Give the cycle's id.")
    assert error.value.message_dict == {"cycle": ["Give the cycle's id."]}
