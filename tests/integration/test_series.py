"""Series and ranges (D1, D3.1): numbers appear when a range is added and leave only when a range
is retired, which needs every number in it available at the root."""

import pytest

from numcore import InvalidInput, InvalidNumber, InvalidState, NotFound, PermissionDenied

from tests.integration.builders import n


def total_held(acme) -> int:
    return int(acme.inv.holdings(acme.root.id)[
        ["available", "reserved", "assigned", "registered", "aging"]].to_numpy().sum())


def test_create_series_puts_every_number_in_the_roots_pool(acme):
    uk = acme.inv.create_series("UK London", [("+442079460000", "+442079460049"),
                                              ("+442079461000", "+442079461009")], actor="ann")
    assert (uk.name, uk.country_code, uk.area_code, uk.size) == ("UK London", 44, "20", 60)
    assert uk.ranges == (("+442079460000", "+442079460049"), ("+442079461000", "+442079461009"))
    info = acme.inv.number("+44 20 7946 1009")
    assert (info.e164, info.series_id, info.holder_id, info.status) == (
        "+442079461009", uk.id, acme.root.id, "available")
    row = acme.inv.series().set_index("name").loc["UK London"]
    assert (row["country_code"], row["area_code"], row["size"]) == (44, "20", 60)
    assert total_held(acme) == 160


def test_series_are_listed_by_name_with_their_size(acme):
    acme.inv.create_series("NY 212", [("+12125550100", "+12125550119")], actor="ann")
    assert acme.inv.series()[["name", "size"]].values.tolist() == [["NY 212", 20], ["US 415", 100]]


def test_a_series_name_is_unique_ignoring_case(acme):
    acme.refused(lambda: acme.inv.create_series("us 415", [("+14155550200", "+14155550299")],
                                                actor="ann"),
                 InvalidState, "A series named US 415 exists already.")


def test_a_range_overlapping_another_series_is_refused(acme):
    acme.refused(lambda: acme.inv.create_series("More 415", [("+14155550190", "+14155550209")],
                                                actor="ann"),
                 InvalidState, "Range +1 415-555-0190 ... 0209 overlaps +1 415-555-0100 ... 0199 "
                               "of series US 415.")


def test_ranges_of_one_request_may_not_overlap_each_other(acme):
    acme.refused(lambda: acme.inv.create_series("NY 212", [("+12125550100", "+12125550150"),
                                                           ("+12125550150", "+12125550160")],
                                                actor="ann"),
                 InvalidInput, "Ranges +1 212-555-0100 ... 0150 and +1 212-555-0150 ... 0160 overlap.")


def test_a_series_stays_inside_one_country_and_area_code(acme):
    acme.refused(lambda: acme.inv.create_series("Mixed", [("+12125550100", "+12125550119"),
                                                          ("+13125550100", "+13125550119")],
                                                actor="ann"),
                 InvalidInput, "Range +1 312-555-0100 ... 0119 is in +1 312, but series Mixed is +1 212.")


def test_malformed_ranges_are_refused_with_the_reason(acme):
    create = acme.inv.create_series
    acme.refused(lambda: create("NY", [], actor="ann"), InvalidInput, "Give at least one range")
    acme.refused(lambda: create("NY", [("+12125550100",)], actor="ann"), InvalidInput,
                 "A range is a pair (first, last); got ('+12125550100',).")
    acme.refused(lambda: create("NY", [("+12125550119", "+12125550100")], actor="ann"),
                 InvalidInput, "starts after it ends.")
    acme.refused(lambda: create("NY", [("+12125550100", "2125550119")], actor="ann"),
                 InvalidNumber, "'2125550119' is not in international form")
    acme.refused(lambda: create("NY", [("+12120000000", "+12139999999")], actor="ann"),
                 InvalidInput, "holds 20,000,000 numbers; a range may hold at most 10,000,000.")
    acme.refused(lambda: create(" ", [("+12125550100", "+12125550119")], actor="ann"),
                 InvalidInput, "The series name is empty; give a name.")


def test_numbers_need_a_root_to_sit_in(empty):
    empty.grant("ann", "admin", actor="ann")
    with pytest.raises(InvalidState) as refused:
        empty.create_series("US 415", [("+14155550100", "+14155550199")], actor="ann")
    assert str(refused.value) == "Create the root org first: new numbers sit in its pool."
    assert empty.series().empty and empty.event_count() == 1


def test_add_range_adds_available_numbers_at_the_root(acme):
    grown = acme.inv.add_range(acme.us415.id, "+14155550200", "+14155550249", actor="ann")
    assert grown.size == 150
    assert grown.ranges == (("+14155550100", "+14155550199"), ("+14155550200", "+14155550249"))
    assert acme.inv.number("+14155550249").status == "available"
    assert acme.inv.utilization(acme.root.id)["total"] == 150
    assert acme.inv.check() == []


def test_add_range_refuses_overlap_and_another_area_code(acme):
    acme.refused(lambda: acme.inv.add_range(acme.us415.id, "+14155550150", "+14155550250",
                                            actor="ann"),
                 InvalidState, "overlaps +1 415-555-0100 ... 0199 of series US 415.")
    acme.refused(lambda: acme.inv.add_range(acme.us415.id, "+16505550100", "+16505550199",
                                            actor="ann"),
                 InvalidInput, "is in +1 650, but series US 415 is +1 415.")
    acme.refused(lambda: acme.inv.add_range(999, "+14155550200", "+14155550249", actor="ann"),
                 NotFound, "There is no series with id 999.")


def test_retire_range_removes_numbers_that_are_all_available_at_the_root(acme):
    after = acme.inv.retire_range(acme.us415.id, "+14155550150", "+14155550159", actor="ann")
    assert after.size == 90
    assert after.ranges == (("+14155550100", "+14155550149"), ("+14155550160", "+14155550199"))
    acme.refused(lambda: acme.inv.number("+14155550155"), NotFound,
                 "+1 415-555-0155 is not in any series.")
    assert total_held(acme) == 90
    assert acme.inv.check() == []


def test_retiring_a_whole_range_leaves_the_series_empty(acme):
    assert acme.inv.retire_range(acme.us415.id, n(0), n(99), actor="ann").size == 0
    assert acme.inv.utilization(acme.root.id)["total"] == 0
    assert acme.inv.check() == []


def test_retire_range_is_refused_while_any_number_is_elsewhere_or_in_use(acme):
    acme.inv.allocate_numbers([n(50), n(51)], acme.sales.id, actor="ann")
    acme.inv.reserve(n(52), acme.desk.id, actor="ann")
    acme.refused(lambda: acme.inv.retire_range(acme.us415.id, n(50), n(59), actor="ann"),
                 InvalidState, "Cannot retire +1 415-555-0150 ... 0159: 3 of its 10 numbers are not "
                               "available at Acme; withdraw, unreserve or release them first.")


def test_retire_range_must_lie_inside_one_range_of_the_series(acme):
    acme.refused(lambda: acme.inv.retire_range(acme.us415.id, "+14155550190", "+14155550209",
                                               actor="ann"),
                 NotFound, "+1 415-555-0190 ... 0209 is not inside one range of series US 415.")


def test_only_admins_add_and_retire_numbers(acme):
    acme.refused(lambda: acme.inv.create_series("NY", [("+12125550100", "+12125550119")],
                                                actor="mia"),
                 PermissionDenied, "mia manages only Acme / Sales; creating series needs an admin grant.")
    acme.refused(lambda: acme.inv.add_range(acme.us415.id, "+14155550200", "+14155550209",
                                            actor="vic"),
                 PermissionDenied, "vic may only view Acme; adding ranges needs an admin grant.")
    acme.refused(lambda: acme.inv.retire_range(acme.us415.id, n(0), n(9), actor="stan"),
                 PermissionDenied, "stan has no access to this inventory; retiring ranges needs an "
                                   "admin grant.")
