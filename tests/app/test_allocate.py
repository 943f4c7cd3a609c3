"""Allocate: a quantity of a series from the picked org's pool to an org below it."""

from app_helpers import button, open_page, org_id, pick_org, series_id, texts
from ui.format import describe


def test_allocate_moves_the_lowest_available_numbers_and_says_which(app, inv):
    sales, west = org_id(inv, "Acme / Sales"), org_id(inv, "Acme / Sales / West")
    us415 = series_id(inv, "US 415")
    lowest = inv.search_available(sales, us415, limit=25)["e164"].tolist()
    open_page(pick_org(app, sales), "allocate")
    app.selectbox(key="allocate_series").set_value(us415).run()
    assert texts(app.info) == ["Acme / Sales has 900 available numbers of US 415 to allocate."]

    app.selectbox(key="allocate_target").set_value(west)
    app.number_input(key="allocate_quantity").set_value(25)
    button(app, "Allocate").click().run()

    assert texts(app.success) == [
        f"Allocated 25 numbers of US 415 to Acme / Sales / West: {describe(lowest)}"]
    assert describe(lowest) == "+1 415-555-1102 ... 1110, +1 415-555-1112 ... 1127"
    assert {inv.number(n).holder_id for n in lowest} == {west}
    assert texts(app.info) == ["Acme / Sales has 875 available numbers of US 415 to allocate."]


def test_allocate_more_than_the_pool_holds_shows_numcores_refusal_and_changes_nothing(app, inv):
    sales, west = org_id(inv, "Acme / Sales"), org_id(inv, "Acme / Sales / West")
    us415 = series_id(inv, "US 415")
    before, events = inv.holdings(sales), inv.event_count()
    open_page(pick_org(app, sales), "allocate")
    app.selectbox(key="allocate_series").set_value(us415)
    app.selectbox(key="allocate_target").set_value(west)
    app.number_input(key="allocate_quantity").set_value(901)
    button(app, "Allocate").click().run()

    assert texts(app.error) == [
        "Acme / Sales holds 900 available numbers of US 415; cannot allocate 901 to "
        "Acme / Sales / West."]
    assert not app.success
    assert inv.holdings(sales).equals(before) and inv.event_count() == events


def test_allocate_offers_only_orgs_below_the_picked_one(app, inv):
    open_page(pick_org(app, org_id(inv, "Acme / Sales / West")), "allocate")
    assert app.selectbox(key="allocate_target").options == ["Acme / Sales / West / Bay Area"]
    pick_org(app, org_id(inv, "Acme / Sales / West / Bay Area"))
    assert "no organization below Acme / Sales / West / Bay Area" in texts(app.info)[0]
    assert not [b for b in app.button if b.label == "Allocate"]
