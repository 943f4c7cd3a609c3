"""Telephone-number rules (D1): canonical E.164, formatting, ranges, runs, prefixes, golden."""

import pytest

from numcore import phone
from numcore.errors import InvalidInput, InvalidNumber


@pytest.mark.parametrize("typed", ["+14155550123", "+1 415-555-0123", "+1 (415) 555-0123",
                                   " +1.415.555.0123 "])
def test_parse_gives_the_canonical_e164_digits_however_the_number_is_typed(typed):
    assert phone.parse(typed) == 14155550123
    assert phone.e164(phone.parse(typed)) == "+14155550123"


@pytest.mark.parametrize("typed, words", [
    ("14155550123", "'14155550123' is not in international form: start with + and the country code"),
    ("", "is not in international form"),
    ("+1415555012a", "'+1415555012a' contains letters"),
    ("+1234", "'+1234' is not a possible number for country code +1."),
    ("+1234567890123456", "'+1234567890123456' has 16 digits; E.164 allows at most 15."),
    ("+999 1234", "'+999 1234' is not a telephone number."),
])
def test_parse_refuses_what_is_not_a_possible_e164_number_and_names_it(typed, words):
    with pytest.raises(InvalidNumber) as refused:
        phone.parse(typed)
    assert words in str(refused.value)


def test_parse_refuses_a_bare_int_because_it_lacks_the_plus():
    with pytest.raises(InvalidNumber, match="not in international form"):
        phone.parse(14155550123)


def test_pretty_shows_the_international_format():
    assert phone.pretty(14155550123) == "+1 415-555-0123"
    assert phone.pretty("+442079460000") == "+44 20 7946 0000"


def test_pretty_leaves_unparseable_text_as_it_is():
    assert phone.pretty("+") == "+"


def test_parse_range_accepts_an_inclusive_range_within_one_area_code():
    assert phone.parse_range("+14155550100", "+14155550199") == (14155550100, 14155550199)
    assert phone.parse_range("+14155550100", "+14155550100") == (14155550100, 14155550100)


def test_parse_range_accepts_exactly_ten_million_numbers():
    low, high = phone.parse_range("+14150000000", "+14159999999")
    assert high - low + 1 == phone.MAX_RANGE_SIZE == 10_000_000


@pytest.mark.parametrize("first, last, words", [
    ("+14155550199", "+14155550100",
     "Range +1 415-555-0199 .. +1 415-555-0100 starts after it ends."),
    ("+49301234567", "+493012345678", "its start and end must have the same number of digits."),
    ("+14155550100", "+14165550100", "holds 10,000,001 numbers; a range may hold at most 10,000,000."),
    ("+14159999990", "+14160000009", "spans +1 415 and +1 416; a range stays inside one country"),
])
def test_parse_range_refuses_malformed_ranges_and_says_why(first, last, words):
    with pytest.raises(InvalidInput) as refused:
        phone.parse_range(first, last)
    assert words in str(refused.value)


def test_parse_range_refuses_an_impossible_end_as_an_invalid_number():
    with pytest.raises(InvalidNumber, match="'x1' is not in international form"):
        phone.parse_range("+14155550100", "x1")


@pytest.mark.parametrize("number, expected", [
    (14155550123, (1, "415")),
    (12125550100, (1, "212")),
    (442079460000, (44, "20")),
])
def test_country_and_area_names_the_series_codes(number, expected):
    assert phone.country_and_area(number) == expected


def test_runs_fold_sorted_numbers_into_consecutive_runs():
    assert phone.runs([5, 3, 4, 9, 1]) == [(1, 1), (3, 5), (9, 9)]
    assert phone.runs([]) == []


def test_span_shows_the_end_of_a_run_by_what_differs():
    assert phone.span(14155550100, 14155550124) == "+1 415-555-0100 ... 0124"
    assert phone.span(14155550100, 14155560100) == "+1 415-555-0100 ... 556-0100"
    assert phone.span(14155550100, 14155550100) == "+1 415-555-0100"


def test_describe_lists_the_first_runs_and_counts_the_rest():
    numbers = [14155550100, 14155550101, 14155550103, 14155550105, 14155550107]
    assert phone.describe(numbers, most=2) == (
        "+1 415-555-0100 ... 0101, +1 415-555-0103 and 2 more runs")


def test_plural_counts_in_words():
    assert phone.plural(1, "number") == "1 number"
    assert phone.plural(0, "number") == "0 numbers"
    assert phone.plural(12, "unused number") == "12 unused numbers"


@pytest.mark.parametrize("typed, codes, expected", [
    ("+1 415 555", [1, 44], ["1415555"]),
    ("1415555", [1], ["11415555", "1415555"]),
    ("(415) 555", [1], ["1415555", "415555"]),
    ("020 7946", [44], ["0207946", "44207946"]),
    ("", [1], [""]),
])
def test_prefix_digits_reads_what_people_type(typed, codes, expected):
    assert phone.prefix_digits(typed, codes) == expected


def test_prefix_bounds_is_the_range_of_numbers_starting_with_the_prefix():
    assert phone.prefix_bounds("1415555", 11) == (14155550000, 14155559999)
    assert phone.prefix_bounds("", 3) == (100, 999)
    assert phone.prefix_bounds("1234", 3) is None


@pytest.mark.parametrize("number, golden", [
    (14155550000, True), (14155551111, True), (14155550123, True), (14155551234, True),
    (14155559876, True), (14155553210, True), (14155550124, False), (14155550100, False),
])
def test_golden_numbers_end_in_a_memorable_pattern(number, golden):
    assert phone.is_golden(number) is golden


# -- formatting many numbers fast -------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402
import phonenumbers  # noqa: E402

from numcore import phone as _phone  # noqa: E402


def _possible(text: str) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(text, None))
    except phonenumbers.NumberParseException:
        return False


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)),
       st.text("0123456789", min_size=4, max_size=12))
def test_pretty_formats_every_possible_number_exactly_as_phonenumbers_does(code, rest):
    text = f"+{code}{rest}"
    if _possible(text):
        assert _phone.pretty(text) == _phone._format(text)


def test_pretty_formats_the_demo_ranges_as_phonenumbers_does():
    for first in (14155550000, 12125559999, 442079460512, 441614960999, 61255500042,
                  61370109999, 61355507777):
        for number in range(first - 3, first + 3):
            assert _phone.pretty(number) == _phone._format(f"+{number}")
