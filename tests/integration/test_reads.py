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
