"""OpenID Connect sign-in in the browser: the app run with NUMBERS_AUTH=oidc against a small
provider on 127.0.0.1 (oidc_provider.py). A visitor gets only the sign-in screen; Sign in goes
through Streamlit's st.login (Authlib: authorization code, PKCE, RS256 ID token) and back to
the screens of the signed-in e-mail's grants; Sign out returns to the sign-in screen.

The server reads the [auth] settings from a secrets.toml of the test's own, named by
STREAMLIT_SECRETS_FILES (Streamlit's secrets.files option), whose redirect_uri names the
server's port, so the port is chosen before the server starts.
"""

from __future__ import annotations

import secrets
import shutil

import pytest
from playwright.sync_api import Page, expect


from .conftest import AppServer, free_port
from .oidc_provider import OIDCProvider
from .screens import open_screen, shown

pytestmark = pytest.mark.e2e

CLIENT_ID = "numbers-app"
SIGN_IN = "Sign in to see the number inventory."
MARIA = {"sub": "u-maria", "email": "maria@acme.example", "email_verified": True,
         "name": "Maria Lopez"}
VICTOR = {"sub": "u-victor", "email": "victor@acme.example", "email_verified": True,
          "name": "Victor Chen"}


@pytest.fixture(scope="module")
def provider():
    with OIDCProvider(CLIENT_ID, secrets.token_urlsafe(16)) as running:
        yield running


@pytest.fixture(scope="module")
def server(provider, demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc")
    db = folder / "numbers.duckdb"
    shutil.copyfile(demo_db, db)
    port = free_port()
    settings = folder / "secrets.toml"
    settings.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{provider.client_id}"\n'
        f'client_secret = "{provider.client_secret}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n')
    app = AppServer(db, {"NUMBERS_AUTH": "oidc", "STREAMLIT_SECRETS_FILES": str(settings)},
                    port=port)
    yield app
    app.stop()


def sign_in(page: Page, server: AppServer, provider: OIDCProvider, user: dict) -> None:
    page.goto(server.url)
    shown(page, SIGN_IN)
    provider.user = user
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {user['email']}")
           ).to_be_visible()
    shown(page, "and the organizations below it")


def test_a_visitor_sees_only_the_sign_in_screen(server, new_page):
    page = new_page(extra_http_headers={"X-Forwarded-Email": "admin"})  # not trusted here
    page.goto(server.url)
    shown(page, SIGN_IN)
    assert page.get_by_test_id("stSidebar").count() == 0
    assert page.get_by_test_id("stMetric").count() == 0
    assert "Acme" not in page.content()


def test_sign_in_shows_the_screens_of_the_e_mail_and_sign_out_ends_it(server, provider,
                                                                      new_page):
    page = new_page()
    sign_in(page, server, provider, MARIA)
    assert provider.signed_in[-1] == "maria@acme.example"
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Signed in with OpenID Connect.")).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_role("link", name="Allocate", exact=True).count() == 1
    assert nav.get_by_role("link", name="Admin", exact=True).count() == 0
    shown(page, "Acme / Sales and the organizations below it")
    open_screen(page, "History", "History")  # a second screen in the same signed-in session

    sidebar.get_by_role("button", name="Sign out").click()
    shown(page, SIGN_IN)
    assert provider.signed_out == ["maria@acme.example"]  # signed out at the provider too
    assert page.get_by_test_id("stSidebar").count() == 0
    page.reload()  # the identity cookie is gone: a new session is not signed in either
    shown(page, SIGN_IN)


def test_each_browser_is_its_own_signed_in_user(server, provider, new_page):
    maria, victor = new_page(), new_page()
    sign_in(maria, server, provider, MARIA)
    sign_in(victor, server, provider, VICTOR)
    assert victor.get_by_role("main").get_by_role("button", name="Save threshold").count() == 0
    assert victor.get_by_test_id("stSidebarNav").get_by_role("link", name="Allocate").count() == 0
    maria.reload()  # still maria, with her commands
    shown(maria, "Acme / Sales and the organizations below it")
    expect(maria.get_by_role("main").get_by_role("button", name="Save threshold")).to_be_visible()
