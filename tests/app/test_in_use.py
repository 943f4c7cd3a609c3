"""Numbers in use: release a number from its user into aging, reclaim an aging number early,
and the aging period (set on the Dashboard) that decides how long a released number waits."""

from datetime import timedelta

from app_helpers import button, open_page, org_id, pick_org, select_rows, texts

IN_USE = ["assigned", "registered"]


def release_first_match(app, find: str):
    """Find the numbers in use by ``find``, select the first and release it; its row."""
    app.text_input(key="in_use_find").input(find).run()
    row = app.dataframe[0].value.iloc[0]
    select_rows(app, [0])
    button(app, f"Release {row['number']}").click().run()
    return row


def test_release_puts_a_number_into_aging_and_reclaim_takes_it_back(app, inv):
    west = org_id(inv, "Acme / Sales / West")
    open_page(pick_org(app, west), "in_use")
    aging_before = len(app.dataframe[1].value)
    row = release_first_match(app, "west.rep020@")
    assert row["assignee"] == "west.rep020@acme.example"

    number = inv.number(row["number"])
    assert (number.status, number.holder_id, number.assignee) == ("aging", west, None)
    released_at = inv.history(west, limit=1).iloc[0]
    assert released_at["action"] == "release"
    assert number.until - released_at["at"] == timedelta(days=45)  # West's aging period
    assert texts(app.success) == [
        f"Released {row['number']} from west.rep020@acme.example: it ages in "
        f"Acme / Sales / West until {number.until:%Y-%m-%d %H:%M} UTC."]

    aging = app.dataframe[1].value
    assert len(aging) == aging_before + 1
    position = aging.index[aging["number"] == row["number"]][0]
    assert aging.loc[position, "until"] == number.until
    select_rows(app, [int(position)], table=1)
    button(app, f"Reclaim {row['number']}").click().run()
    assert texts(app.success) == [
        f"Reclaimed {row['number']}: it is available again in Acme / Sales / West."]
    number = inv.number(row["number"])
    assert (number.status, number.holder_id, number.until) == ("available", west, None)
    assert len(app.dataframe[1].value) == aging_before


def test_with_an_aging_period_of_0_days_a_released_number_is_available_at_once(app, inv):
    west = org_id(inv, "Acme / Sales / West")
    pick_org(app, west)
    assert app.number_input(key=f"dashboard_aging_{west}").value == 45
    app.number_input(key=f"dashboard_aging_{west}").set_value(0)
    button(app, "Save aging period").click().run()
    assert texts(app.success) == [
        "Numbers released in Acme / Sales / West are now available again at once."]
    assert inv.settings(west).aging_days == 0

    open_page(app, "in_use")
    row = release_first_match(app, "west.rep021@")
    assert texts(app.success) == [f"Released {row['number']} from west.rep021@acme.example: it is "
                                  "available again in Acme / Sales / West."]
    assert inv.number(row["number"]).status == "available"


def test_a_viewer_sees_the_numbers_in_use_without_commands(app_as, inv):
    app = app_as("victor@acme.example")
    open_page(app, "in_use")
    assert not app.exception and not app.button
    in_use = inv.count_in(1, IN_USE)
    assert in_use > 50  # more than a page
    first_page = inv.numbers_in(1, IN_USE, limit=50)["number"].tolist()
    assert app.dataframe[0].value["number"].tolist() == first_page
    assert f"{in_use:,} numbers in use in Acme and below; showing 1 to 50." in texts(app.caption)


def test_numbers_in_use_are_listed_a_page_at_a_time_and_found_by_user(app, inv):
    west = org_id(inv, "Acme / Sales / West")
    open_page(pick_org(app, west), "in_use")
    in_use = inv.count_in(west, IN_USE)
    app.get("pagination")[0].set_value(2).run()
    second_page = inv.numbers_in(west, IN_USE, limit=50, offset=50)["number"].tolist()
    assert app.dataframe[0].value["number"].tolist() == second_page
    assert (f"{in_use:,} numbers in use in Acme / Sales / West and below; showing 51 to 100."
            in texts(app.caption))

    app.text_input(key="in_use_find").input("WEST.REP02").run()  # any part, any case
    users = app.dataframe[0].value["assignee"].tolist()
    assert users and all("west.rep02" in user for user in users)
    assert f"{len(users)} numbers in use match; showing 1 to {len(users)}." in texts(app.caption)
