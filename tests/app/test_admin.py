"""Admin: series, organizations, tags and grants, for admins only."""

import pytest
from streamlit.testing.v1 import AppTest

from app_helpers import APP, button, open_page, org_id, screens, series_id, texts
from numcore import Inventory
from ui.format import md


def test_create_and_delete_an_org(app, inv):
    operations = org_id(inv, "Acme / Operations")
    open_page(app, "admin")
    app.text_input(key="admin_org_name").input("Field Ops")
    app.selectbox(key="admin_org_parent").set_value(operations)
    button(app, "Create organization").click().run()

    assert texts(app.success) == ["Created Acme / Operations / Field Ops."]
    field_ops = org_id(inv, "Acme / Operations / Field Ops")
    assert inv.org(field_ops).parent_id == operations
    assert "Acme / Operations / Field Ops" in app.sidebar.selectbox(key="picked_org_id").options

    app.selectbox(key="admin_delete_org").set_value(field_ops)
    button(app, "Delete").click().run()
    assert texts(app.success) == ["Deleted Acme / Operations / Field Ops."]
    assert "Acme / Operations / Field Ops" not in inv.orgs()["path"].tolist()


def test_deleting_an_org_that_is_not_empty_is_refused(app, inv):
    open_page(app, "admin")
    events = inv.event_count()
    app.selectbox(key="admin_delete_org").set_value(org_id(inv, "Acme / Sales"))
    button(app, "Delete").click().run()
    assert texts(app.error) == [
        "Acme / Sales has 3 sub-organizations; move or delete them first."]
    assert inv.event_count() == events and "Acme / Sales" in inv.orgs()["path"].tolist()


def test_rename_and_move_an_org(app, inv):
    bay_area = org_id(inv, "Acme / Sales / West / Bay Area")
    east = org_id(inv, "Acme / Sales / East")
    open_page(app, "admin")
    app.selectbox(key="admin_rename_org").set_value(bay_area)
    app.text_input(key="admin_rename_name").input("Bay")
    button(app, "Rename").click().run()
    assert texts(app.success) == [
        "Renamed Acme / Sales / West / Bay Area to Acme / Sales / West / Bay."]

    app.selectbox(key="admin_move_org").set_value(bay_area)
    app.selectbox(key="admin_move_parent").set_value(east)
    button(app, "Move").click().run()
    assert texts(app.success) == ["Moved Acme / Sales / West / Bay to Acme / Sales / East / Bay."]
    assert inv.org(bay_area).path == "Acme / Sales / East / Bay"


def create_series(app, name: str, first: str, last: str) -> None:
    open_page(app, "admin")
    app.text_input(key="admin_series_name").input(name)
    app.text_input(key="admin_series_first").input(first)
    app.text_input(key="admin_series_last").input(last)
    button(app, "Create series").click().run()


def test_create_a_series_from_a_range(app, inv):
    create_series(app, "US 650", "+1 650 555 0000", "+16505550999")

    assert texts(app.success) == [
        "Created series US 650 (+1 650) with 1,000 numbers, available at Acme."]
    series = inv.series()
    made = series[series["name"] == "US 650"]
    assert made[["country_code", "area_code", "size"]].values.tolist() == [[1, "650", 1000]]
    assert inv.count_available(1, int(made["id"].iloc[0])) == 1000
    listed = app.dataframe[0].value
    assert listed.loc[listed["name"] == "US 650", "unallocated"].tolist() == [1000]


def test_a_range_that_overlaps_another_series_is_refused(app, inv):
    create_series(app, "Overlap", "+14155559000", "+14155559999")
    assert texts(app.error) == [
        "Range +1 415-555-9000 ... 9999 overlaps +1 415-555-0000 ... 9999 of series US 415."]
    assert "Overlap" not in inv.series()["name"].tolist()


def test_create_and_delete_a_tag_and_grant_and_revoke_a_role(app, inv):
    open_page(app, "admin")
    app.text_input(key="admin_tag_name").input("Lobby phone")
    button(app, "Create tag").click().run()
    assert texts(app.success) == ["Created tag Lobby phone (person)."]
    tag = inv.tags().set_index("name").loc["Lobby phone"]
    app.selectbox(key="admin_tag_delete").set_value(int(tag["id"]))
    button(app, "Delete tag").click().run()
    assert texts(app.success) == ["Deleted tag Lobby phone."]
    assert "Lobby phone" not in inv.tags()["name"].tolist()

    west = org_id(inv, "Acme / Sales / West")
    app.text_input(key="admin_grant_user").input("wes@acme.example")
    app.selectbox(key="admin_grant_org").set_value(west)
    button(app, "Grant").click().run()
    assert texts(app.success) == ["wes@acme.example is now manager of Acme / Sales / West."]
    assert inv.may_manage("wes@acme.example", west)

    app.selectbox(key="admin_revoke_grant").set_value(("wes@acme.example", "manager", west))
    button(app, "Revoke").click().run()
    assert texts(app.success) == ["wes@acme.example is no longer manager of Acme / Sales / West."]
    assert inv.grants("wes@acme.example").empty


def test_admin_is_for_admins_only(app_as):
    app = app_as("victor@acme.example")  # a viewer of Acme
    assert "Admin" not in screens(app)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        open_page(app, "admin")



def test_an_admin_of_an_empty_inventory_starts_with_the_root_org(empty_db, navigation_mode,
                                                                  monkeypatch):
    with Inventory.open(empty_db) as inv:
        inv.grant("admin", "admin", actor="admin")  # what `python -m numcore grant` does
    monkeypatch.setenv("NUMBERS_USER", "admin")
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert texts(app.title) == ["Admin"]
    app.text_input(key="admin_root_name").input("Globex")
    button(app, "Create root organization").click().run()

    assert texts(app.success) == ["Created Globex, the root organization."]
    assert app.sidebar.selectbox(key="picked_org_id").options == ["Globex"]
    with Inventory.open(empty_db) as inv:
        assert inv.orgs()["path"].tolist() == ["Globex"]


def test_add_a_range_to_a_series(app, inv):
    open_page(app, "admin")
    app.selectbox(key="admin_range_series").set_value(series_id(inv, "UK London"))
    app.text_input(key="admin_range_first").input("+44 20 7946 1000")
    app.text_input(key="admin_range_last").input("+44 20 7946 1099")
    button(app, "Add range").click().run()
    assert texts(app.success) == ["Series UK London now has 1,100 numbers in 2 ranges."]
    assert inv.count_available(1, series_id(inv, "UK London")) == 599
    assert "+44 20 7946 1000" in app.dataframe[1].value["first"].tolist()


def test_names_are_shown_literally_not_as_markdown(app, inv):
    open_page(app, "admin")
    app.text_input(key="admin_org_name").input("Lab_[beta] *new*")
    button(app, "Create organization").click().run()
    assert texts(app.success) == [md("Created Acme / Lab_[beta] *new*.")]
    assert texts(app.success) == [r"Created Acme / Lab\_\[beta\] \*new\*."]
    open_page(app, "suborgs")
    assert r"**Lab\_\[beta\] \*new\*** · 0 numbers, 0% used" in [e.label for e in app.expander]
