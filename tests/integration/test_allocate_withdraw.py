"""Allocate (D3.2) and withdraw (D3.5), by quantity and by explicit list (D5)."""

import pytest

from numcore import (InvalidInput, InvalidNumber, InvalidState, NotEnoughNumbers, NotFound,
                     OutOfScope)

from tests.integration.builders import n


def test_allocate_gives_the_lowest_available_numbers_to_the_child_and_returns_them(acme):
    got = acme.inv.allocate(acme.us415.id, 3, acme.sales.id, actor="ann")
    assert got == ["+14155550100", "+14155550101", "+14155550102"]
    assert all(isinstance(number, str) for number in got)
    assert [acme.state(x) for x in got] == [("Acme / Sales", "available", None, None)] * 3
    assert acme.state(n(3)) == ("Acme", "available", None, None)


def test_allocate_takes_from_the_parent_of_the_target_by_default(acme):
    acme.inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    got = acme.inv.allocate(acme.us415.id, 4, acme.west.id, actor="ann")
    assert got == [n(0), n(1), n(2), n(3)]
    assert acme.inv.utilization(acme.sales.id)["available"] == 6
    assert acme.inv.utilization(acme.root.id)["available"] == 90


def test_allocate_from_a_farther_ancestor_skips_the_levels_between(acme):
    got = acme.inv.allocate(acme.us415.id, 2, acme.west.id, from_org_id=acme.root.id, actor="ann")
    assert got == [n(0), n(1)]
    assert acme.state(n(0))[0] == "Acme / Sales / West"
    assert acme.inv.utilization(acme.sales.id)["available"] == 0


def test_allocate_lowest_first_passes_over_numbers_that_are_not_available(acme):
    acme.inv.reserve(n(0), acme.desk.id, actor="ann")
    acme.inv.assign(n(2), "bob", acme.root.id, actor="ann")
    assert acme.inv.allocate(acme.us415.id, 3, acme.sales.id, actor="ann") == [n(1), n(3), n(4)]


def test_allocate_consecutive_takes_the_lowest_run_that_is_long_enough(acme):
    for k in (2, 5, 9):
        acme.inv.reserve(n(k), acme.desk.id, actor="ann")
    # free runs: 0-1 (2), 3-4 (2), 6-8 (3), 10-99 (90)
    assert acme.inv.allocate(acme.us415.id, 3, acme.sales.id, consecutive=True,
                             actor="ann") == [n(6), n(7), n(8)]
    assert acme.inv.allocate(acme.us415.id, 2, acme.sales.id, consecutive=True,
                             actor="ann") == [n(0), n(1)]
    assert acme.inv.allocate(acme.us415.id, 4, acme.sales.id, consecutive=True,
                             actor="ann") == [n(10), n(11), n(12), n(13)]


def test_allocate_consecutive_without_a_long_enough_run_says_how_long_the_longest_is(acme):
    acme.inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    acme.inv.reserve(n(4), acme.desk.id, actor="ann")
    refusal = acme.refused(
        lambda: acme.inv.allocate(acme.us415.id, 6, acme.west.id, consecutive=True, actor="ann"),
        NotEnoughNumbers, "Acme / Sales holds 9 available numbers of US 415; cannot allocate 6 to "
                          "Acme / Sales / West in one run (the longest run is 5).")
    assert refusal.available == 5  # what one run can give


def test_allocating_more_than_is_available_changes_nothing_and_says_how_many_there_are(acme):
    acme.inv.allocate(acme.us415.id, 12, acme.sales.id, actor="ann")
    refusal = acme.refused(lambda: acme.inv.allocate(acme.us415.id, 20, acme.west.id, actor="ann"),
                           NotEnoughNumbers, "Acme / Sales holds 12 available numbers of US 415; "
                                             "cannot allocate 20 to Acme / Sales / West.")
    assert refusal.available == 12


def test_allocate_passes_over_golden_numbers_unless_asked(acme):
    assert acme.inv.flag_golden(acme.us415.id, actor="ann") == 1  # +1 415-555-0123
    picked = acme.inv.allocate(acme.us415.id, 99, acme.sales.id, actor="ann")
    assert n(23) not in picked and len(picked) == 99
    refusal = acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, acme.sales.id, actor="ann"),
                           NotEnoughNumbers, "Acme holds 0 available numbers of US 415; cannot "
                                             "allocate 1 to Acme / Sales; 1 golden number there is "
                                             "kept for explicit use.")
    assert refusal.available == 0
    assert acme.inv.allocate(acme.us415.id, 1, acme.sales.id, include_golden=True,
                             actor="ann") == [n(23)]


def test_explicit_lists_and_reservations_may_take_golden_numbers(acme):
    acme.inv.flag_golden(acme.us415.id, actor="ann")
    assert acme.inv.allocate_numbers([n(23)], acme.sales.id, actor="ann") == [n(23)]
    acme.inv.reserve(n(23), acme.lee.id, actor="ann")
    assert acme.state(n(23)) == ("Acme / Sales", "reserved", "Dr. Lee", None)


def test_allocate_to_an_org_that_is_not_below_the_source_is_refused(acme):
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, acme.support.id,
                                           from_org_id=acme.sales.id, actor="ann"),
                 OutOfScope, "Acme / Support is not below Acme / Sales; numbers are allocated from "
                             "an org to one of its sub-organizations.")
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, acme.sales.id,
                                           from_org_id=acme.sales.id, actor="ann"),
                 OutOfScope, "Acme / Sales is not below Acme / Sales")
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, acme.root.id, actor="ann"),
                 OutOfScope, "Acme is the root; there is no parent to allocate from.")


@pytest.mark.parametrize("quantity, words", [
    (0, "The quantity must be at least 1; got 0."),
    (-5, "The quantity must be at least 1; got -5."),
    ("ten", "The quantity must be a whole number; got 'ten'."),
])
def test_allocate_refuses_a_quantity_that_is_not_a_positive_whole_number(acme, quantity, words):
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, quantity, acme.sales.id, actor="ann"),
                 InvalidInput, words)


def test_allocate_names_an_unknown_series_or_org(acme):
    acme.refused(lambda: acme.inv.allocate(42, 1, acme.sales.id, actor="ann"), NotFound,
                 "There is no series with id 42.")
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, 42, actor="ann"), NotFound,
                 "There is no org with id 42.")


def test_allocate_numbers_moves_exactly_the_listed_numbers_and_returns_them_sorted(acme):
    got = acme.inv.allocate_numbers(["+1 415-555-0150", n(7), "+14155550120"], acme.sales.id,
                                    actor="ann")
    assert got == [n(7), n(20), n(50)]
    assert acme.state(n(50))[0] == "Acme / Sales"
    assert acme.inv.utilization(acme.sales.id)["available"] == 3


def test_allocate_numbers_takes_numbers_from_any_proper_ancestor(acme):
    acme.inv.allocate_numbers([n(1)], acme.sales.id, actor="ann")
    assert acme.inv.allocate_numbers([n(0), n(1)], acme.west.id, actor="ann") == [n(0), n(1)]
    assert {acme.state(x)[0] for x in (n(0), n(1))} == {"Acme / Sales / West"}


def test_allocate_numbers_refuses_the_whole_list_if_one_number_does_not_qualify(acme):
    acme.inv.reserve(n(5), acme.lee.id, actor="ann")
    acme.inv.allocate_numbers([n(6)], acme.support.id, actor="ann")
    acme.refused(lambda: acme.inv.allocate_numbers([n(4), n(5)], acme.sales.id, actor="ann"),
                 InvalidState, "+1 415-555-0105 is reserved for Dr. Lee, not available; only "
                               "available numbers can be allocated.")
    acme.refused(lambda: acme.inv.allocate_numbers([n(4), n(6)], acme.sales.id, actor="ann"),
                 OutOfScope, "+1 415-555-0106 is held by Acme / Support, which is not above "
                             "Acme / Sales; numbers are allocated down the tree.")
    acme.refused(lambda: acme.inv.allocate_numbers([n(4), "+14155550300"], acme.sales.id,
                                                   actor="ann"),
                 NotFound, "+1 415-555-0300 is not in any series.")
    acme.refused(lambda: acme.inv.allocate_numbers([n(4), n(4)], acme.sales.id, actor="ann"),
                 InvalidInput, "+1 415-555-0104 is listed twice.")
    acme.refused(lambda: acme.inv.allocate_numbers([n(4), "4155550108"], acme.sales.id,
                                                   actor="ann"),
                 InvalidNumber, "'4155550108' is not in international form")
    acme.refused(lambda: acme.inv.allocate_numbers([], acme.sales.id, actor="ann"),
                 InvalidInput, "Give at least one number.")


def test_allocate_numbers_to_the_holder_itself_is_refused(acme):
    acme.refused(lambda: acme.inv.allocate_numbers([n(0)], acme.root.id, actor="ann"),
                 OutOfScope, "+1 415-555-0100 is held by Acme, which is not above Acme;")


def test_withdraw_moves_numbers_to_the_immediate_parent_highest_first(acme):
    acme.inv.allocate(acme.us415.id, 20, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 10, acme.west.id, actor="ann")
    got = acme.inv.withdraw(acme.west.id, acme.us415.id, 3, actor="ann")
    assert sorted(got) == [n(7), n(8), n(9)]
    assert [acme.state(x)[0] for x in got] == ["Acme / Sales"] * 3
    assert acme.inv.utilization(acme.west.id)["available"] == 7
    assert acme.inv.utilization(acme.sales.id)["available"] == 13
    assert acme.inv.utilization(acme.root.id)["available"] == 80


def test_withdraw_returns_the_numbers_lowest_first(acme):
    acme.inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    assert acme.inv.withdraw(acme.sales.id, acme.us415.id, 4, actor="ann") == [
        n(6), n(7), n(8), n(9)]


def test_withdraw_never_takes_numbers_in_use(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.reserve(n(4), acme.desk.id, actor="ann")
    acme.inv.assign(n(3), "bob", acme.sales.id, actor="ann")
    acme.inv.assign(n(2), "eve", acme.sales.id, actor="ann")
    acme.inv.register(n(2), actor="ann")
    acme.inv.assign(n(1), "joe", acme.sales.id, actor="ann")
    acme.inv.release(n(1), actor="ann")  # aging for 45 days
    assert acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="ann") == [n(0)]
    refusal = acme.refused(lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="ann"),
                           NotEnoughNumbers, "Acme / Sales holds 0 unused numbers of US 415; "
                                             "cannot withdraw 1.")
    assert refusal.available == 0


def test_withdrawing_more_than_the_unused_count_changes_nothing_and_says_so(acme):
    acme.inv.allocate(acme.us415.id, 12, acme.sales.id, actor="ann")
    refusal = acme.refused(lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 20, actor="ann"),
                           NotEnoughNumbers, "Acme / Sales holds 12 unused numbers of US 415; "
                                             "cannot withdraw 20.")
    assert str(refusal) == "Acme / Sales holds 12 unused numbers of US 415; cannot withdraw 20."
    assert refusal.available == 12


def test_withdraw_counts_only_the_orgs_own_pool_not_its_sub_organizations(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 5, acme.west.id, actor="ann")
    refusal = acme.refused(lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="ann"),
                           NotEnoughNumbers, "Acme / Sales holds 0 unused numbers of US 415")
    assert refusal.available == 0


def test_withdraw_from_the_root_is_refused(acme):
    acme.refused(lambda: acme.inv.withdraw(acme.root.id, acme.us415.id, 1, actor="ann"),
                 InvalidState, "Acme is the root; there is no parent to withdraw numbers to.")


def test_withdraw_refuses_a_quantity_below_one(acme):
    acme.refused(lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 0, actor="ann"),
                 InvalidInput, "The quantity must be at least 1; got 0.")


def test_withdraw_numbers_moves_each_number_to_its_own_holders_parent(acme):
    acme.inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 2, acme.west.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 5, acme.support.id, actor="ann")
    got = acme.inv.withdraw_numbers([n(11), n(1), n(5)], actor="ann")
    assert got == [n(1), n(5), n(11)]
    assert acme.state(n(1))[0] == "Acme / Sales"   # from West
    assert acme.state(n(5))[0] == "Acme"           # from Sales
    assert acme.state(n(11))[0] == "Acme"          # from Support


def test_withdraw_numbers_refuses_the_whole_list_if_one_number_does_not_qualify(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.assign(n(4), "bob", acme.sales.id, actor="ann")
    acme.refused(lambda: acme.inv.withdraw_numbers([n(0), n(4)], actor="ann"), InvalidState,
                 "+1 415-555-0104 is assigned to bob, not available; only available numbers can be "
                 "withdrawn.")
    acme.refused(lambda: acme.inv.withdraw_numbers([n(0), n(50)], actor="ann"), InvalidState,
                 "+1 415-555-0150 is held by the root Acme; there is no parent to withdraw it to.")
    acme.refused(lambda: acme.inv.withdraw_numbers([n(0), n(0)], actor="ann"), InvalidInput,
                 "+1 415-555-0100 is listed twice.")


def test_number_commands_name_an_unknown_number(acme):
    for call in (lambda: acme.inv.reserve("+14155550300", acme.desk.id, actor="ann"),
                 lambda: acme.inv.withdraw_numbers(["+14155550300"], actor="ann"),
                 lambda: acme.inv.assign("+14155550300", "bob", acme.root.id, actor="ann"),
                 lambda: acme.inv.release("+14155550300", actor="ann")):
        acme.refused(call, NotFound, "+1 415-555-0300 is not in any series.")


def test_allocations_and_withdrawals_conserve_every_number(acme):
    acme.inv.allocate(acme.us415.id, 30, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 10, acme.west.id, actor="ann")
    acme.inv.withdraw(acme.west.id, acme.us415.id, 4, actor="ann")
    acme.inv.allocate_numbers([n(90), n(91)], acme.support.id, actor="ann")
    acme.inv.withdraw_numbers([n(91)], actor="ann")
    held = acme.inv.numbers_held(acme.root.id)["e164"].tolist()
    assert sorted(held) == [n(k) for k in range(100)]
    assert acme.inv.utilization(acme.root.id)["total"] == 100
    assert acme.inv.check() == []
