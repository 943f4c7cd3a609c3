"""The inventory's words and argument rules (D1, D2): statuses, value objects, names, quantities."""

import pytest

from numcore import STATUSES
from numcore.errors import InvalidInput
from numcore.model import (DEFAULT_THRESHOLD, IN_SERVICE, ROLES, TAG_KINDS, Range, Series,
                           clean_name, whole_number)


def test_there_are_exactly_the_five_statuses_of_d2():
    assert STATUSES == ("available", "reserved", "assigned", "registered", "aging")
    assert IN_SERVICE == ("assigned", "registered")


def test_roles_kinds_and_the_default_threshold_follow_the_design():
    assert ROLES == ("admin", "manager", "viewer")
    assert TAG_KINDS == ("person", "role")
    assert DEFAULT_THRESHOLD == 80


def test_a_range_counts_both_ends():
    assert Range(1, 1, 14155550100, 14155550199).size == 100
    assert Range(1, 1, 14155550100, 14155550100).size == 1


def test_a_series_label_shows_country_and_area_code():
    assert Series(1, "US 415", 1, "415", (), 0).label == "US 415 (+1 415)"
    assert Series(2, "Toll free", 1, "", (), 0).label == "Toll free (+1)"


def test_clean_name_trims_and_collapses_spaces():
    assert clean_name("  Sales   West \t", "org") == "Sales West"


@pytest.mark.parametrize("name, words", [
    ("", "The org name is empty; give a name."),
    ("   ", "The org name is empty; give a name."),
    (None, "The org name is empty; give a name."),
    ("x" * 101, "has 101 characters; at most 100 are allowed."),
    ("a\x00b", "contains control characters."),
])
def test_clean_name_refuses_empty_long_and_unprintable_names(name, words):
    with pytest.raises(InvalidInput) as refused:
        clean_name(name, "org")
    assert words in str(refused.value)


def test_clean_name_allows_exactly_one_hundred_characters():
    assert clean_name("y" * 100, "tag") == "y" * 100


def test_whole_number_accepts_ints_and_integral_floats_within_bounds():
    assert whole_number(5, "quantity", 1) == 5
    assert whole_number(5.0, "quantity", 1) == 5
    assert whole_number(100, "threshold (percent)", 1, 100) == 100


@pytest.mark.parametrize("value, words", [
    (0, "The quantity must be at least 1; got 0."),
    (-3, "The quantity must be at least 1; got -3."),
    (5.5, "The quantity must be a whole number; got 5.5."),
    ("5", "The quantity must be a whole number; got '5'."),
    (True, "The quantity must be a whole number; got True."),
    (None, "The quantity must be a whole number; got None."),
])
def test_whole_number_refuses_what_is_not_a_quantity(value, words):
    with pytest.raises(InvalidInput) as refused:
        whole_number(value, "quantity", 1)
    assert str(refused.value) == words


def test_whole_number_names_both_bounds_when_there_is_a_ceiling():
    with pytest.raises(InvalidInput, match=r"must be from 1 to 100; got 101\."):
        whole_number(101, "threshold (percent)", 1, 100)
