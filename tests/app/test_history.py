"""History: the picked org's audit log, newest first, filtered by action and actor."""

from app_helpers import button, open_page, org_id, pick_org, select_rows, texts


def test_history_lists_the_latest_events_newest_first(app, inv):
    open_page(app, "history")
    shown = app.dataframe[0].value
    latest = inv.history(org_id=1, limit=100)
    assert len(shown) == 100
    assert shown["action"].tolist() == latest["action"].tolist()
    assert shown["at"].is_monotonic_decreasing
    assert [b.label for b in app.get("download_button")] == ["Download CSV", "Download XLSX"]


def test_history_filters_by_action_and_follows_the_picked_org(app, inv):
    west = org_id(inv, "Acme / Sales / West")
    open_page(pick_org(app, west), "history")
    app.selectbox(key="history_action").set_value("allocate").run()
    shown = app.dataframe[0].value
    assert shown["action"].unique().tolist() == ["allocate"]
    assert len(shown) == len(inv.history(org_id=west, limit=100, action="allocate")) == 2
    assert all("Acme / Sales / West" in orgs for orgs in shown["orgs"])
    assert texts(app.main.caption)[-1] == "2 events shown."


def test_a_command_shows_up_in_history_at_once(app, inv):
    open_page(app, "reserve")
    select_rows(app, [0])
    number = app.dataframe[0].value["number"].iloc[0]
    button(app, f"Unreserve {number}").click().run()
    open_page(app, "history")
    app.selectbox(key="history_actor").set_value("admin").run()
    newest = app.dataframe[0].value.iloc[0]
    assert (newest["action"], newest["numbers"], newest["actor"]) == ("unreserve", number, "admin")
