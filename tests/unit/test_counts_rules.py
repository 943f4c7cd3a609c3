"""The kept counts per (holder, series, status) that dashboards read instead of recounting."""

from numcore.counts import Counts


def test_counts_start_from_a_recount_and_follow_committed_changes():
    counts = Counts([(1, 7, "available", 100)])
    counts.apply({(1, 7, "available"): -12, (2, 7, "available"): 12})
    assert sorted(counts.rows()) == [(1, 7, "available", 88), (2, 7, "available", 12)]
    assert counts.held_by(2) == 12 and counts.held_by(3) == 0


def test_a_cell_that_drops_to_zero_disappears():
    counts = Counts([(2, 7, "available", 1)])
    counts.apply({(2, 7, "available"): -1, (2, 7, "reserved"): 1})
    assert counts.rows([2]) == [(2, 7, "reserved", 1)]


def test_differences_name_every_cell_that_disagrees_with_a_recount():
    counts = Counts([(1, 7, "available", 10)])
    assert counts.differences([(1, 7, "available", 10)]) == []
    assert counts.differences([(1, 7, "available", 9), (2, 7, "aging", 1)]) == [
        "1/7/available: kept 10, counted 9", "2/7/aging: kept 0, counted 1"]
