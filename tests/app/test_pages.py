"""Every screen renders for the admin on the demo inventory and shows what it is for."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from app_helpers import APP, open_page, screens, texts
from ui import charts

SCREENS = {
    "dashboard": "Number utilization",
    "available": "Available numbers",
    "allocate": "Allocate numbers",
    "reserve": "Reserve numbers",
    "in_use": "Numbers in use",
    "suborgs": "Allocated to sub-organizations",
    "admin": "Admin",
    "history": "History",
}


@pytest.mark.parametrize("page", SCREENS)
def test_every_screen_renders_for_the_admin_without_an_error(app, page):
    open_page(app, page)
    assert not app.exception
    assert texts(app.title) == [SCREENS[page]]
    assert not app.error
    assert app.sidebar.selectbox(key="picked_org_id").value == 1  # Acme, the root


def test_the_dashboard_shows_the_d4_counts_of_the_picked_org(app, inv):
    usage = inv.report(1).iloc[0]
    shown = {m.label: m.value for m in app.metric}
    assert shown["Utilization"] == f"{usage['used_pct']:g}%" == "18.9%"
    assert shown["Numbers held"] == "62,000"
    assert shown["Available"] == f"{usage['available']:,}"
    assert shown["In sub-organizations"] == f"{usage['allocated_to_suborgs']:,}"
    assert {shown[charts.LABELS[s]] for s in ("reserved", "assigned")} == {"2", "0"}


def test_the_dashboard_charts_use_one_colour_per_status(app):
    figures = {chart.key: json.loads(chart.proto.spec) for chart in app.get("plotly_chart")}
    assert set(figures) == {"dashboard_donut", "dashboard_treemap", "dashboard_suborgs",
                            "dashboard_series"}
    donut = figures["dashboard_donut"]["data"][0]
    assert dict(zip(donut["labels"], donut["marker"]["colors"])) == {
        "Available": charts.COLORS["available"], "Reserved": charts.COLORS["reserved"],
        "In sub-organizations": charts.COLORS["allocated_to_suborgs"]}
    for key in ("dashboard_suborgs", "dashboard_series"):
        for bar in figures[key]["data"]:
            category = next(c for c, label in charts.LABELS.items() if label == bar["name"])
            assert bar["marker"]["color"] == charts.COLORS[category]
    bars = figures["dashboard_suborgs"]["data"]
    assert bars[0]["x"] == ["Engineering", "Operations", "Sales", "Support"]


def test_picking_an_org_in_the_sidebar_changes_every_number_on_the_dashboard(app, inv):
    app.sidebar.selectbox(key="picked_org_id").set_value(2).run()  # Acme / Sales
    shown = {m.label: m.value for m in app.metric}
    assert shown["Numbers held"] == f"{inv.utilization(2)['total']:,}" == "3,501"
    assert shown["Utilization"] == "42.9%"
    open_page(app, "history")
    assert app.sidebar.selectbox(key="picked_org_id").value == 2  # the pick follows the user


def test_a_manager_picks_only_from_the_orgs_their_grant_reaches(app_as):
    app = app_as("maria@acme.example")
    assert app.sidebar.selectbox(key="picked_org_id").options == [
        "Acme / Sales", "Acme / Sales / East", "Acme / Sales / Inside Sales",
        "Acme / Sales / West", "Acme / Sales / West / Bay Area"]
    assert "manager of Acme / Sales" in texts(app.sidebar.caption)[0]
    assert "Admin" not in screens(app)


def test_a_user_without_a_grant_sees_no_data(app_as):
    app = app_as("mallory@example.com")
    assert not app.exception
    assert texts(app.warning) == [
        "mallory@example.com has no access to this inventory; ask an admin for a grant."]
    assert not app.metric and not app.dataframe


def test_a_page_run_without_app_py_goes_through_app_py(db):
    """A bookmark or a reconnecting tab after a restart asks for a page before any run has
    called st.navigation; without navigation_mode, AppTest runs every rerun that way."""
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    app.switch_page("pages/history.py").run()
    app.run()  # the legacy mode would run pages/history.py alone: no sidebar, no org picked
    assert not app.exception
    assert texts(app.title) == ["History"]
    assert app.sidebar.selectbox(key="picked_org_id").value == 1
