"""Reserve: keep a number for a tag (a new one too), and unreserve it."""

from datetime import date, datetime, timedelta

from app_helpers import button, open_page, org_id, select_rows, texts


def test_reserve_with_a_new_tag_in_a_sub_organization_until_a_date(app, inv):
    sales = org_id(inv, "Acme / Sales")
    open_page(app, "reserve")
    app.text_input(key="reserve_find").input("+1 415 555 95").run()
    number = app.selectbox(key="reserve_number").value
    assert number == "+14155559500"
    app.selectbox(key="reserve_tag").set_value("New tag").run()
    app.text_input(key="reserve_new_tag").input("Night shift")
    app.radio(key="reserve_new_kind").set_value("role")
    app.selectbox(key="reserve_place").set_value(sales)
    until = date.today() + timedelta(days=30)
    app.date_input(key="reserve_expires").set_value(until)
    button(app, "Reserve").click().run()

    assert texts(app.success) == [
        f"Reserved +1 415-555-9500 for Night shift in Acme / Sales until {until:%Y-%m-%d}."]
    tags = inv.tags()
    night = tags[tags["name"] == "Night shift"]
    assert night["kind"].tolist() == ["role"]
    info = inv.number(number)
    assert (info.status, info.tag_id, info.holder_id) == ("reserved", night["id"].iloc[0], sales)
    assert info.until == datetime(until.year, until.month, until.day) + timedelta(days=1)
    listed = app.dataframe[0].value
    row = listed[listed["number"] == "+1 415-555-9500"]
    assert row[["tag", "kind", "holder"]].values.tolist() == [
        ["Night shift", "role", "Acme / Sales"]]


def test_a_refused_reservation_shows_why_and_changes_nothing(app, inv):
    open_page(app, "reserve")
    app.text_input(key="reserve_find").input("+1 415 555 95").run()
    app.selectbox(key="reserve_tag").set_value("New tag").run()
    app.text_input(key="reserve_new_tag").input("Dr. LEE")  # exists, whatever the case
    events = inv.event_count()
    button(app, "Reserve").click().run()

    assert texts(app.error) == ["A tag named Dr. Lee exists already (person)."]
    assert inv.number("+14155559500").status == "available" and inv.event_count() == events


def test_unreserve_the_selected_number(app, inv):
    open_page(app, "reserve")
    listed = app.dataframe[0].value
    row = listed.index[listed["number"] == "+1 415-555-9001"][0]
    assert listed.loc[row, "tag"] == "Dr. Lee"
    select_rows(app, [int(row)])
    button(app, "Unreserve +1 415-555-9001").click().run()

    assert texts(app.success) == ["Unreserved +1 415-555-9001: it is available again in Acme."]
    info = inv.number("+14155559001")
    assert (info.status, info.tag_id, info.holder_id) == ("available", None, 1)
    assert "+1 415-555-9001" not in app.dataframe[0].value["number"].tolist()
    assert len(app.dataframe[0].value) == len(listed) - 1


def test_a_manager_picks_existing_tags_only(app_as):
    app = app_as("maria@acme.example")
    open_page(app, "reserve")
    assert "New tag..." not in app.selectbox(key="reserve_tag").options
    assert "Only admins create tags" in " ".join(texts(app.main.caption))


def test_reservations_ending_within_7_days_are_listed(app, inv):
    open_page(app, "reserve")
    assert "No reservation in Acme or below ends within the next 7 days." in texts(app.caption)

    lee = int(inv.tags().set_index("name").loc["Dr. Lee", "id"])
    soon, later = date.today() + timedelta(days=2), date.today() + timedelta(days=30)
    inv.reserve("+14155559500", lee, expires=soon, actor="admin")
    inv.reserve("+14155559501", lee, expires=later, actor="admin")
    app.run()
    expiring = app.dataframe[1].value
    assert expiring["number"].tolist() == ["+1 415-555-9500"]
    assert expiring["until"].tolist() == [inv.number("+14155559500").until]
    assert "+1 415-555-9501" in app.dataframe[0].value["number"].tolist()  # reserved, not soon
