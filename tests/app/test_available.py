"""Available numbers: search the picked org's pool by first digits, act on the selected rows."""

import pytest

from app_helpers import button, open_page, org_id, pick_org, select_rows, texts
from ui.format import describe


@pytest.mark.parametrize("typed", ["+1 415 555 12", "1415555 12", "(415) 555-12"])
def test_first_digits_are_understood_as_people_type_them(app, inv, typed):
    sales = org_id(inv, "Acme / Sales")
    open_page(pick_org(app, sales), "available")
    app.text_input(key="available_prefix").input(typed).run()
    shown = app.dataframe[0].value["number"].tolist()
    assert shown == inv.search_available(sales, None, "+1415555 12", limit=50)["number"].tolist()
    assert shown[:2] == ["+1 415-555-1200", "+1 415-555-1201"]
    assert "+1 415-555-1234" not in shown  # golden, so the quantity allocations left it at Acme
    assert texts(app.main.caption)[1] == "99 available numbers match; showing 1 to 50."


def test_the_next_page_shows_the_next_numbers(app, inv):
    open_page(pick_org(app, org_id(inv, "Acme / Sales")), "available")
    app.text_input(key="available_prefix").input("+1 415 555 12").run()
    app.get("pagination")[0].set_value(2).run()
    assert app.dataframe[0].value["number"].iloc[0] == "+1 415-555-1251"
    assert texts(app.main.caption)[1] == "99 available numbers match; showing 51 to 99."


def test_allocating_the_selected_rows_moves_exactly_those_numbers(app, inv):
    sales, west = org_id(inv, "Acme / Sales"), org_id(inv, "Acme / Sales / West")
    open_page(pick_org(app, sales), "available")
    app.text_input(key="available_prefix").input("(415) 555").run()
    shown = app.dataframe[0].value
    found = inv.search_available(sales, None, "(415) 555", limit=50)
    assert shown["number"].tolist() == found["number"].tolist()

    select_rows(app, [1, 3, 4])
    table = app.dataframe[0].key
    chosen = found["e164"].iloc[[1, 3, 4]].tolist()
    assert f"**3 numbers selected:** {describe(chosen)}" in texts(app.markdown)
    app.selectbox(key="available_target").set_value(west)
    button(app, "Allocate selected").click().run()

    assert texts(app.success) == [
        f"Allocated 3 selected numbers to Acme / Sales / West: {describe(chosen)}"]
    assert {inv.number(n).holder_id for n in chosen} == {west}
    assert not set(chosen) & set(app.dataframe[0].value["number"])  # gone from Sales' pool
    assert app.dataframe[0].key != table  # other rows: a new table, with nothing selected
    assert "Select rows to allocate or reserve exactly those numbers." in texts(app.main.caption)


def test_reserve_opens_the_reserve_screen_on_the_selected_number(app, inv):
    open_page(app, "available")
    app.text_input(key="available_prefix").input("+1 415 555 9").run()
    number = app.dataframe[0].value["number"].iloc[0]
    select_rows(app, [0])
    button(app, "Reserve...").click().run()

    assert texts(app.title) == ["Reserve numbers"]
    assert app.text_input(key="reserve_find").value == number
    assert app.selectbox(key="reserve_number").options == [number]
