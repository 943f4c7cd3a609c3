"""Reading and driving the app's screens in AppTest, in the words of the tests."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from numcore import Inventory

APP = Path(__file__).resolve().parents[2] / "app.py"


def open_page(app: AppTest, page: str) -> AppTest:
    """Switch to pages/<page>.py and run it."""
    return app.switch_page(f"pages/{page}.py").run()


def screens(app: AppTest) -> list[str]:
    """The titles of the screens in the navigation of the last run, in order; [] for a run
    that stopped before st.navigation (AppTest then lists only app.py, without a title).

    AppTest keeps the pages st.navigation registered (its switch_page refuses any other)."""
    return [page["page_name"] for page in app._registered_pages.values() if page["page_name"]]


def texts(elements) -> list[str]:
    """The bodies of st.success / st.error / st.info / ... elements."""
    return [element.value for element in elements]


def button(app: AppTest, label: str):
    """The one button (or form submit button) with this label."""
    found = [b for b in app.button if b.label == label]
    assert len(found) == 1, f"{len(found)} buttons {label!r} among {[b.label for b in app.button]}"
    return found[0]


def org_id(inv: Inventory, path: str) -> int:
    orgs = inv.orgs()
    return int(orgs.loc[orgs["path"] == path, "id"].iloc[0])


def series_id(inv: Inventory, name: str) -> int:
    series = inv.series()
    return int(series.loc[series["name"] == name, "id"].iloc[0])


def pick_org(app: AppTest, org: int) -> AppTest:
    """Pick the org to work in, in the sidebar, and run."""
    return app.sidebar.selectbox(key="picked_org_id").set_value(org).run()


def select_rows(app: AppTest, rows: list[int], table: int = 0) -> AppTest:
    """Select rows (positions) of a selectable st.dataframe, as clicking their boxes would, and run.

    AppTest cannot click a canvas, but a keyed dataframe's selection is session state."""
    app.session_state[app.dataframe[table].key] = {"selection": {"rows": rows}}
    return app.run()


def expand(app: AppTest, org_ids) -> AppTest:
    """On Sub-organizations: open the expanders of these orgs, as clicks on them do, and run."""
    for org in org_ids:
        app.session_state[f"suborgs_org_{org}"] = True
    return app.run()
