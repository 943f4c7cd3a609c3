"""Trusted-proxy sign-in in the browser: the app run with NUMBERS_AUTH=proxy knows each browser
by the X-Forwarded-Email header that an authenticating proxy would set, and shows it what its
grants reach; a request without the header reads nothing.

Playwright's extra_http_headers go with every request of a browser context, the WebSocket
handshake of /_stcore/stream included: that request is the one st.context.headers reads.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import AppServer
from .screens import expand, open_app, open_screen, shown

pytestmark = pytest.mark.e2e

SCREEN_LINKS = ["Dashboard", "Available numbers", "Allocate", "Reserve", "Sub-organizations",
                "Admin", "History"]


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    """One server in proxy mode for the module: these tests only read."""
    db = tmp_path_factory.mktemp("proxy") / "numbers.duckdb"
    shutil.copyfile(demo_db, db)
    app = AppServer(db, {"NUMBERS_AUTH": "proxy"})
    yield app
    app.stop()


def signed_in_as(new_page, server: AppServer, user: str) -> Page:
    page = new_page(extra_http_headers={"X-Forwarded-Email": user})
    open_app(page, server.url)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {user}")).to_be_visible()
    return page


def links(page: Page) -> list[str]:
    """The screens offered in the sidebar's navigation."""
    nav = page.get_by_test_id("stSidebarNav")
    return [name for name in SCREEN_LINKS
            if nav.get_by_role("link", name=name, exact=True).count()]


def buttons(where: Page | Locator, *labels: str) -> int:
    """How many visible buttons with one of these labels the main area (or ``where``) shows."""
    area = where.get_by_role("main") if isinstance(where, Page) else where
    return sum(area.get_by_role("button", name=label, exact=True).count() for label in labels)


def test_a_request_without_the_header_is_not_signed_in_and_reads_nothing(server, new_page):
    # First in the module: the server's first visitor, before any run has shown the screens.
    page = new_page()
    page.goto(server.url)
    shown(page, "You are not signed in. Open the app through your organization's sign-in "
                "address.")
    assert page.get_by_test_id("stSidebar").count() == 0
    assert page.get_by_test_id("stMetric").count() == 0
    assert "Acme" not in page.content()


def test_the_admin_gets_every_screen_with_admin(server, new_page):
    page = signed_in_as(new_page, server, "admin")
    assert links(page) == SCREEN_LINKS
    open_screen(page, "Admin", "Admin")
    shown(page, "Create a series")


def test_a_manager_picks_only_their_subtree_and_gets_no_admin(server, new_page):
    page = signed_in_as(new_page, server, "maria@acme.example")
    assert links(page) == [s for s in SCREEN_LINKS if s != "Admin"]
    page.get_by_role("combobox", name="Working in", exact=True).click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    assert options.all_inner_texts() == [
        "Acme / Sales", "Acme / Sales / East", "Acme / Sales / Inside Sales",
        "Acme / Sales / West", "Acme / Sales / West / Bay Area"]
    page.keyboard.press("Escape")
    assert buttons(page, "Save threshold") == 1
    open_screen(page, "Sub-organizations", "Allocated to sub-organizations")
    assert buttons(expand(page, "West"), "Withdraw...") == 1


def test_a_viewer_gets_no_command_anywhere(server, new_page):
    page = signed_in_as(new_page, server, "victor@acme.example")
    assert links(page) == [s for s in SCREEN_LINKS if s not in ("Allocate", "Reserve", "Admin")]
    shown(page, "Acme and the organizations below it")
    assert buttons(page, "Save threshold") == 0
    open_screen(page, "Available numbers", "Available numbers")
    shown(page, "available numbers match")
    assert buttons(page, "Allocate selected", "Reserve...") == 0
    open_screen(page, "Sub-organizations", "Allocated to sub-organizations")
    assert buttons(expand(page, "West"), "Withdraw...") == 0


def test_a_header_naming_a_user_without_a_grant_gets_no_access(server, new_page):
    page = new_page(extra_http_headers={"X-Forwarded-Email": "mallory@example.com"})
    page.goto(server.url)
    shown(page, "mallory@example.com has no access to this inventory; ask an admin for a grant.")
    assert links(page) == [] and "Acme" not in page.content()
