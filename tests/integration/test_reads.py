"""The read side of D5: number, orgs, series, search_available and its prefix forms."""

import pytest

from numcore import InvalidInput, InvalidNumber, NotFound, NumberInfo

from tests.integration.builders import n


def test_number_tells_where_a_number_is_and_what_it_does(acme):
    acme.inv.reserve(n(7), acme.lee.id, to_org_id=acme.sales.id, actor="ann")
    info = acme.inv.number("+1 (415) 555-0107")
    assert isinstance(info, NumberInfo)
    assert (info.e164, info.series_id, info.holder_id, info.status, info.tag_id, info.assignee) == (
        "+14155550107", acme.us415.id, acme.sales.id, "reserved", acme.lee.id, None)


def test_number_refuses_malformed_and_unknown_numbers_in_words(acme):
    with pytest.raises(InvalidNumber, match="'555-0107' is not in international form"):
        acme.inv.number("555-0107")
    with pytest.raises(NotFound, match=r"^\+1 415-555-0300 is not in any series\.$"):
        acme.inv.number("+14155550300")


def test_orgs_are_a_table_in_tree_order(acme):
    table = acme.inv.orgs()
    assert list(table.columns) == ["id", "name", "parent_id", "path"]
    assert table["path"].tolist() == ["Acme", "Acme / Sales", "Acme / Sales / West",
                                      "Acme / Support"]
    assert table["parent_id"].tolist()[1:] == [acme.root.id, acme.sales.id, acme.root.id]
    assert table["parent_id"].isna().tolist()[0]


def test_series_are_a_table_with_codes_and_size(acme):
    table = acme.inv.series()
    assert list(table.columns) == ["id", "name", "country_code", "area_code", "size"]
    assert table.values.tolist() == [[acme.us415.id, "US 415", 1, "415", 100]]


def test_search_available_lists_the_orgs_own_available_numbers_lowest_first(acme):
    acme.inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 3, acme.west.id, actor="ann")
    acme.inv.reserve(n(5), acme.desk.id, actor="ann")
    found = acme.inv.search_available(acme.sales.id)
    assert found["e164"].tolist() == [n(3), n(4), n(6), n(7), n(8), n(9)]
    assert found["number"].iloc[0] == "+1 415-555-0103"
    assert set(found["series"]) == {"US 415"}
    assert acme.inv.search_available(acme.root.id, limit=2)["e164"].tolist() == [n(10), n(11)]


@pytest.mark.parametrize("typed", ["+1 415 555 015", "1415555015", "(415) 555-015",
                                   "415555015", "+1415555015"])
def test_search_available_matches_the_first_digits_however_they_are_typed(acme, typed):
    found = acme.inv.search_available(acme.root.id, prefix=typed)
    assert found["e164"].tolist() == [n(k) for k in range(50, 60)]


@pytest.mark.parametrize("typed", ["+1 415 555", "1415555", "(415) 555"])
def test_search_available_with_the_area_and_exchange_finds_the_whole_series(acme, typed):
    found = acme.inv.search_available(acme.root.id, prefix=typed, limit=1000)
    assert len(found) == 100


def test_search_available_finds_nothing_outside_the_series(acme):
    assert acme.inv.search_available(acme.root.id, prefix="+1 212").empty
    assert acme.inv.search_available(acme.root.id, prefix="+1 415 555 02").empty


def test_search_available_within_one_series(acme):
    ny = acme.inv.create_series("NY 212", [("+12125550100", "+12125550104")], actor="ann")
    assert acme.inv.search_available(acme.root.id, series_id=ny.id)["e164"].tolist() == [
        f"+1212555010{k}" for k in range(5)]
    assert len(acme.inv.search_available(acme.root.id, limit=1000)) == 105


def test_search_available_refuses_a_bad_limit_or_org(acme):
    with pytest.raises(InvalidInput, match="The limit must be from 1 to 10000; got 0."):
        acme.inv.search_available(acme.root.id, limit=0)
    with pytest.raises(NotFound, match="There is no org with id 77."):
        acme.inv.search_available(77)


def in_service(acme):
    """Sales holds n(0..9): n(1) reserved for Front desk, n(2) for Dr. Lee; West gives n(10..14)
    to rep0..rep4 and registers the even ones; n(20) ages in Sales since n(21) in Support."""
    inv = acme.inv
    inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    inv.reserve(n(1), acme.desk.id, actor="ann")
    inv.reserve(n(2), acme.lee.id, actor="ann")
    for k in range(10, 15):
        inv.assign(n(k), f"Rep{k - 10}", acme.west.id, actor="ann")
        if k % 2 == 0:
            inv.register(n(k), actor="ann")
    for k, org in ((21, acme.support), (20, acme.sales)):
        inv.assign(n(k), "leaver", org.id, actor="ann")
        acme.clock.advance(hours=1)
        inv.release(n(k), actor="ann")


def test_numbers_in_lists_statuses_of_the_subtree_a_page_at_a_time(acme):
    in_service(acme)
    inv, in_use = acme.inv, ["assigned", "registered"]
    assert inv.numbers_in(acme.root.id, in_use)["e164"].tolist() == [n(k) for k in range(10, 15)]
    assert inv.count_in(acme.root.id, in_use) == 5
    assert inv.count_in(acme.sales.id, "registered") == 3
    page = inv.numbers_in(acme.root.id, in_use, limit=2, offset=2)
    assert page["e164"].tolist() == [n(12), n(13)]
    assert page[["assignee", "status", "holder"]].values.tolist() == [
        ["Rep2", "registered", "Acme / Sales / West"], ["Rep3", "assigned", "Acme / Sales / West"]]
    assert inv.numbers_in(acme.support.id, in_use).empty


def test_numbers_in_finds_by_digits_anywhere_or_by_user_and_tag_ignoring_case(acme):
    in_service(acme)
    inv = acme.inv
    for typed, status, expected in [("555 0112", ["assigned", "registered"], [n(12)]),
                                    ("011", ["assigned", "registered"], [n(k) for k in range(10, 15)]),
                                    ("rep3", "assigned", [n(13)]),
                                    ("  REP ", "registered", [n(10), n(12), n(14)]),
                                    ("desk", "reserved", [n(1)]),
                                    ("dr. LEE", "reserved", [n(2)]),
                                    ("nobody", "reserved", [])]:
        assert inv.numbers_in(acme.root.id, status, typed)["e164"].tolist() == expected, typed
        assert inv.count_in(acme.root.id, status, typed) == len(expected), typed


def test_numbers_in_lists_aging_numbers_soonest_back_first(acme):
    in_service(acme)
    acme.inv.set_aging_days(acme.sales.id, 1, actor="ann")  # for the next release
    acme.inv.assign(n(30), "late", acme.sales.id, actor="ann")
    acme.inv.release(n(30), actor="ann")
    aging = acme.inv.numbers_in(acme.root.id, "aging", order="until")
    assert aging["e164"].tolist() == [n(30), n(20)]  # one day beats 45 (Support ages at once)
    assert acme.inv.numbers_in(acme.root.id, "aging")["e164"].tolist() == [n(20), n(30)]
    assert aging["until"].is_monotonic_increasing


def test_numbers_in_refuses_unknown_statuses_orders_and_pages_in_words(acme):
    inv = acme.inv
    with pytest.raises(NotFound, match="There is no status 'sold'; statuses are available, "):
        inv.numbers_in(acme.root.id, ["assigned", "sold"])
    with pytest.raises(InvalidInput, match="Name at least one status"):
        inv.count_in(acme.root.id, [])
    with pytest.raises(InvalidInput, match="Numbers are listed by number or until; got 'age'."):
        inv.numbers_in(acme.root.id, "aging", order="age")
    with pytest.raises(InvalidInput, match="The offset must be at least 0; got -1."):
        inv.numbers_in(acme.root.id, "aging", limit=5, offset=-1)
