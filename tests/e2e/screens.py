"""Using the app in Chromium as a person does, in the words of the tests.

Streamlit reruns the script after every interaction. Wait for the content the action should
produce first, then for the app to be idle: waiting for idle alone can pass before the rerun
has even started.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from numcore import Inventory

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
        '[data-test-connection-state="CONNECTED"]')
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 30_000  # for every wait: a cold page loads its components' JavaScript lazily
expect.set_options(timeout=TIMEOUT_MS)
# The dashboard's metrics and the numcore report column each one shows.
FIGURES = {"Utilization": "used_pct", "Numbers held": "total", "Available": "available",
           "Reserved": "reserved", "Assigned": "assigned", "Registered": "registered",
           "Aging": "aging", "In sub-organizations": "allocated_to_suborgs"}


def wait_idle(page: Page) -> None:
    """Wait until the app has finished its current run (wait for the expected content first)."""
    page.wait_for_selector(IDLE)


def shown(page: Page, text: str, within: Locator | None = None) -> Locator:
    """Wait until the main area (or ``within``, e.g. a dialog) shows ``text``, then until the
    app is idle; the element that shows it."""
    element = (within or page.get_by_role("main")).get_by_text(text)
    expect(element).to_be_visible()
    wait_idle(page)
    return element


def open_app(page: Page, url: str) -> None:
    """Open the app on its first screen, the Dashboard."""
    page.goto(url)
    page.get_by_role("heading", name="Number utilization").wait_for()
    wait_idle(page)


def open_screen(page: Page, link: str, heading: str) -> None:
    """Go to a screen through its link in the sidebar."""
    page.get_by_role("link", name=link, exact=True).click()
    page.get_by_role("heading", name=heading, exact=True).wait_for()
    wait_idle(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label`` (the caller waits for its effect)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)  # filters the list, so that the option is in view
    page.get_by_role("option", name=option, exact=True).click()


def work_in(page: Page, org_path: str) -> None:
    """Pick the org to work in, in the sidebar, while on the Dashboard."""
    choose(page, "Working in", org_path)
    shown(page, f"{org_path} and the organizations below it")


def expand(page: Page, name: str) -> Locator:
    """Open the expander whose label shows ``name`` in bold; the open expander, once the rerun
    has drawn what it holds and its opening animation has ended (a click during it can miss
    the button it was aimed at)."""
    row = page.get_by_role("group").filter(has=page.get_by_text(name, exact=True))
    row.get_by_text(name, exact=True).click()
    expect(row.get_by_test_id("stCaptionContainer").first).to_be_visible()  # its org's path
    wait_idle(page)
    page.wait_for_function("row => row.getAnimations({subtree: true}).length === 0",
                           arg=row.element_handle())
    return row


def dashboard_figures(page: Page) -> dict[str, str]:
    """The Dashboard's utilization metrics as shown: label -> value."""
    shown = {}
    for label in FIGURES:
        metric = page.get_by_test_id("stMetric").filter(
            has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
        expect(metric).to_be_visible()  # metrics are drawn a moment after the run ends
        shown[label] = metric.get_by_test_id("stMetricValue").inner_text()
    return shown


def figures_of(inv: Inventory, org_id: int) -> dict[str, str]:
    """What the Dashboard should show for an org, from numcore's report, formatted as shown."""
    usage = inv.report(org_id).iloc[0]
    return {label: f"{usage[column]:g}%" if column == "used_pct" else f"{usage[column]:,}"
            for label, column in FIGURES.items()}


def changes(before: dict[str, str], after: dict[str, str]) -> dict[str, int]:
    """How the Dashboard's counts moved between two readings: label -> difference, for the
    counts that moved (Utilization, a percentage, left out)."""
    moved = {label: int(after[label].replace(",", "")) - int(before[label].replace(",", ""))
             for label in FIGURES if label != "Utilization"}
    return {label: difference for label, difference in moved.items() if difference}


def screenshot(page: Page, name: str, top: Locator | None = None) -> Path:
    """The viewport (1280x800) as screenshots/<name>.png. Streamlit's main area scrolls inside
    its own container, so scroll ``top`` to the top of the view to choose what is visible."""
    if top is not None:
        top.evaluate("e => e.scrollIntoView({block: 'start', behavior: 'instant'})")
    page.mouse.move(VIEWPORT["width"] - 1, VIEWPORT["height"] - 1)  # no hover effects
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Toasts repeat the st.success at the top, and would cover the top right corner.
    page.screenshot(path=str(path), style='[data-testid="stToast"] {visibility: hidden}')
    return path


def org_id(inv: Inventory, path: str) -> int:
    orgs = inv.orgs()
    return int(orgs.loc[orgs["path"] == path, "id"].iloc[0])


def series_id(inv: Inventory, name: str) -> int:
    series = inv.series()
    return int(series.loc[series["name"] == name, "id"].iloc[0])
