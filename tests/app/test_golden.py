"""Golden numbers: an admin flags a series' memorable numbers; quantity allocations pass over
them unless Allocate is told to include them."""

from app_helpers import button, open_page, org_id, series_id, texts

SYDNEY_GOLDEN = 48  # two ranges of 10,000: 10 repeated, 7 ascending, 7 descending endings each


def test_flagged_golden_numbers_are_allocated_by_quantity_only_when_included(app, inv):
    sydney, operations = series_id(inv, "AU Sydney"), org_id(inv, "Acme / Operations")
    open_page(app, "admin")
    app.selectbox(key="admin_golden_series").set_value(sydney)
    button(app, "Flag golden numbers").click().run()
    assert texts(app.success) == [
        f"{SYDNEY_GOLDEN} numbers of AU Sydney are golden: quantity allocations pass over them "
        "unless asked."]
    listed = app.dataframe[0].value.set_index("name")
    golden_at_acme = inv.count_available(1, sydney) - inv.count_available(1, sydney,
                                                                          include_golden=False)
    assert listed.loc["AU Sydney", "golden"] == golden_at_acme > 0
    assert inv.number("+61255503333").golden

    open_page(app, "allocate")
    app.selectbox(key="allocate_series").set_value(sydney)
    app.selectbox(key="allocate_target").set_value(operations).run()
    assert app.checkbox(key="allocate_golden").label == (
        f"Include golden numbers ({golden_at_acme} in this pool)")
    assert "Golden numbers are not counted" in texts(app.info)[0]
    lowest = inv.search_available(1, sydney, limit=334)["e164"].tolist()
    assert lowest[0] == "+61255503000" and "+61255503333" in lowest  # 3000 ... 3333
    app.checkbox(key="allocate_golden").check()
    app.number_input(key="allocate_quantity").set_value(334)
    button(app, "Allocate").click().run()

    assert texts(app.success)[0].startswith("Allocated 334 numbers of AU Sydney to "
                                            "Acme / Operations")
    assert inv.number("+61255503333").holder_id == operations

    open_page(app, "admin")
    app.selectbox(key="admin_golden_series").set_value(sydney)
    button(app, "Unflag them").click().run()
    assert texts(app.success) == ["No number of AU Sydney is golden now."]
    assert not inv.number("+61255504444").golden
