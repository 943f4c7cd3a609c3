"""Utilization (D4): the five categories of an org, allocated to sub-organizations, total, the
used percentage and the threshold warning."""

import pytest

from numcore import InvalidInput, NotFound

from tests.integration.builders import n

CATEGORIES = ["available", "reserved", "assigned", "registered", "aging", "allocated_to_suborgs",
              "total"]


def usage(acme, org):
    got = acme.inv.utilization(org.id)
    assert list(got) == CATEGORIES
    return [got[c] for c in CATEGORIES]


def busy_sales(acme):
    """Sales: 20 numbers: 10 own (4 available, 2 reserved, 2 assigned, 1 registered, 1 aging),
    10 in West (8 available, 1 reserved, 1 assigned)."""
    acme.inv.allocate(acme.us415.id, 20, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 10, acme.west.id, actor="ann")
    for k in (10, 11):
        acme.inv.reserve(n(k), acme.desk.id, actor="ann")
    for k in (12, 13, 14, 15):
        acme.inv.assign(n(k), f"user{k}", acme.sales.id, actor="ann")
    acme.inv.register(n(14), actor="ann")
    acme.inv.release(n(15), actor="ann")
    acme.inv.reserve(n(0), acme.desk.id, actor="ann")
    acme.inv.assign(n(1), "wes", acme.west.id, actor="ann")


def test_utilization_counts_each_category_of_the_org_and_what_its_children_hold(acme):
    busy_sales(acme)
    assert usage(acme, acme.sales) == [4, 2, 2, 1, 1, 10, 20]
    assert usage(acme, acme.west) == [8, 1, 1, 0, 0, 0, 10]
    assert usage(acme, acme.root) == [80, 0, 0, 0, 0, 20, 100]
    assert usage(acme, acme.support) == [0, 0, 0, 0, 0, 0, 0]


def test_the_report_gives_the_used_percentage_and_the_threshold_warning(acme):
    busy_sales(acme)
    acme.inv.set_threshold(acme.west.id, 20, actor="mia")
    report = acme.inv.report().set_index("path")
    assert report.loc["Acme / Sales", "used_pct"] == 80.0    # (20 - 4) / 20
    assert bool(report.loc["Acme / Sales", "warning"])        # at the default 80 %: warns
    assert report.loc["Acme / Sales / West", "used_pct"] == 20.0
    assert bool(report.loc["Acme / Sales / West", "warning"])  # at its own 20 %
    assert report.loc["Acme", "used_pct"] == 20.0
    assert not bool(report.loc["Acme", "warning"])
    assert report.loc["Acme / Support", "used_pct"] == 0.0     # holds nothing
    assert not bool(report.loc["Acme / Support", "warning"])


def test_an_aging_number_counts_as_available_once_its_time_is_up(acme):
    busy_sales(acme)
    acme.clock.advance(days=45)
    assert usage(acme, acme.sales) == [5, 2, 2, 1, 0, 10, 20]


def test_holdings_give_one_row_per_org_and_series_with_a_count_per_status(acme):
    busy_sales(acme)
    acme.inv.create_series("NY 212", [("+12125550100", "+12125550109")], actor="ann")
    table = acme.inv.holdings(acme.root.id)
    assert list(table.columns) == ["org_id", "org_path", "series_id", "series_name", "available",
                                   "reserved", "assigned", "registered", "aging"]
    assert table.drop(columns=["org_id", "series_id"]).values.tolist() == [
        ["Acme", "NY 212", 10, 0, 0, 0, 0],
        ["Acme", "US 415", 80, 0, 0, 0, 0],
        ["Acme / Sales", "US 415", 4, 2, 2, 1, 1],
        ["Acme / Sales / West", "US 415", 8, 1, 1, 0, 0],
    ]
    assert acme.inv.holdings(acme.west.id)["org_path"].tolist() == ["Acme / Sales / West"]


def test_a_threshold_is_a_percent_from_1_to_100(acme):
    assert acme.inv.settings(acme.sales.id).threshold == 80
    acme.refused(lambda: acme.inv.set_threshold(acme.sales.id, 0, actor="ann"), InvalidInput,
                 "The threshold (percent) must be from 1 to 100; got 0.")
    acme.refused(lambda: acme.inv.set_threshold(acme.sales.id, 101, actor="ann"), InvalidInput,
                 "got 101.")
    acme.inv.set_threshold(acme.sales.id, 100, actor="ann")
    assert acme.inv.settings(acme.sales.id).threshold == 100


def test_utilization_of_an_unknown_org_is_refused(acme):
    with pytest.raises(NotFound, match=r"^There is no org with id 404\.$"):
        acme.inv.utilization(404)
