"""Roles through the pages (D3.10): each user sees the screens and commands their grants reach,
a crafted command out of scope gets numcore's refusal as an error, and the sign-in modes let
nobody in who is not signed in.

The demo grants: admin (admin), maria@acme.example (manager of Acme / Sales),
sam@acme.example (manager of Acme / Support), victor@acme.example (viewer of Acme).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from app_helpers import APP, button, expand, open_page, org_id, pick_org, screens, series_id, texts
from ui.format import md

COMMAND_SCREENS = {"Allocate", "Reserve"}  # nothing to see there without a command
MARIA, VICTOR = "maria@acme.example", "victor@acme.example"
ALONE = ["Number Management"]  # the one, hidden page of a page that stands alone: no menu


def start(monkeypatch, mode: str, user: dict | None = None, secrets: dict | None = None):
    """The app in sign-in mode ``mode``, with st.user (oidc) and st.secrets as given, run once."""
    monkeypatch.setenv("NUMBERS_AUTH", mode)
    app = AppTest.from_file(str(APP), default_timeout=30)
    if user is not None:
        app.user = user
    if secrets:
        for key, value in secrets.items():
            app.secrets[key] = value
    return app.run()


def shows_no_data(app: AppTest) -> bool:
    return not (app.metric or app.dataframe or app.sidebar.selectbox or app.get("plotly_chart"))


# -- what each role sees ---------------------------------------------------------------------

def test_each_role_gets_the_screens_of_its_grants(app_as):
    every = screens(app_as("admin"))
    assert {"Dashboard", "History", "Admin", *COMMAND_SCREENS} <= set(every)
    assert screens(app_as(MARIA)) == [s for s in every if s != "Admin"]
    assert screens(app_as(VICTOR)) == [s for s in every if s not in {"Admin", *COMMAND_SCREENS}]


def test_a_user_without_a_grant_gets_the_no_access_page_and_nothing_else(app_as):
    app = app_as("mallory@example.com")
    assert texts(app.warning) == [
        "mallory@example.com has no access to this inventory; ask an admin for a grant."]
    assert screens(app) == ALONE and shows_no_data(app) and not app.code


def test_a_viewer_sees_the_subtree_read_only(app_as, inv):
    app = app_as(VICTOR)
    assert app.metric and not app.number_input and not app.button  # no threshold form
    open_page(app, "available")
    assert app.dataframe[0].value.shape[0] == 50
    assert app.dataframe[0].proto.selection_mode == []  # nothing to select: no command
    assert not [b for b in app.button if b.label in ("Allocate selected", "Reserve...")]
    expand(open_page(app, "suborgs"), inv.orgs()["id"])
    assert len(app.expander) == 16
    assert not [b for b in app.button if b.label == "Withdraw..."]
    open_page(app, "history")
    assert app.dataframe and not app.error


def test_a_manager_gets_the_commands_of_their_subtree_only(app_as, inv):
    app = app_as(MARIA)
    sales = org_id(inv, "Acme / Sales")
    assert app.sidebar.selectbox(key="picked_org_id").value == sales
    assert button(app, "Save threshold")
    open_page(app, "allocate")
    assert app.selectbox(key="allocate_target").options == [
        "Acme / Sales / East", "Acme / Sales / Inside Sales", "Acme / Sales / West",
        "Acme / Sales / West / Bay Area"]
    open_page(app, "reserve")
    assert app.selectbox(key="reserve_place").options[0] == "Acme / Sales (where it is)"
    assert all(o.startswith("Acme / Sales") for o in app.selectbox(key="reserve_place").options)
    assert "New tag..." not in app.selectbox(key="reserve_tag").options  # tags are for admins
    expand(open_page(app, "suborgs"), inv.orgs()["id"])
    withdraw = {b.key for b in app.button if b.label == "Withdraw..."}
    assert withdraw == {f"suborgs_withdraw_{org_id(inv, path)}_{series_id(inv, series)}"
                        for path, series in [("Acme / Sales / East", "US 212"),
                                             ("Acme / Sales / East", "US 415"),
                                             ("Acme / Sales / Inside Sales", "US 415"),
                                             ("Acme / Sales / West", "US 415"),
                                             ("Acme / Sales / West / Bay Area", "US 415")]}


def test_where_a_manager_may_only_view_the_screens_offer_no_command(app_as, inv):
    # maria also views the whole tree: at Acme she reads, and acts only below Sales.
    inv.grant(MARIA, "viewer", org_id(inv, "Acme"), actor="admin")
    app = pick_org(app_as(MARIA), org_id(inv, "Acme"))
    assert not app.number_input and not app.button
    open_page(app, "allocate")
    assert texts(app.info) == [
        "You may view Acme but not allocate from its pool: that needs a manager grant on it or "
        "above it. Pick an organization you manage in the sidebar."]
    assert not app.main.selectbox
    open_page(app, "reserve")
    assert texts(app.info)[0].startswith("You may view Acme but not reserve or unreserve")
    expand(open_page(app, "suborgs"), inv.orgs()["id"])
    withdraw = {b.key for b in app.button if b.label == "Withdraw..."}
    sales, support = org_id(inv, "Acme / Sales"), org_id(inv, "Acme / Support")
    assert withdraw and not [k for k in withdraw if k.startswith(
        (f"suborgs_withdraw_{sales}_", f"suborgs_withdraw_{support}_"))]


# -- crafted commands out of scope: numcore refuses, the page shows its sentence -------------

@pytest.mark.parametrize("user, holder, refusal", [
    (MARIA, "Acme / Support", "maria@acme.example manages only Acme / Sales; withdrawing numbers "
                              "in Acme needs a manager grant on it or above it."),
    (VICTOR, "Acme / Sales", "victor@acme.example may only view Acme; withdrawing numbers in "
                             "Acme needs a manager grant on it or above it."),
])
def test_a_crafted_withdraw_out_of_scope_is_refused_in_numcores_words(app_as, inv, user, holder,
                                                                        refusal):
    """The Withdraw dialog opened by presetting its session state, for an org whose button
    the page does not show this user."""
    app = app_as(user)
    series = "US 212" if holder == "Acme / Support" else "US 415"
    app.session_state["suborgs_withdraw"] = (org_id(inv, holder), series_id(inv, series))
    open_page(app, "suborgs")
    events, available = inv.event_count(), inv.count_available(org_id(inv, holder))
    button(app, "Proceed").click().run()
    assert texts(app.error) == [refusal]
    assert inv.event_count() == events
    assert inv.count_available(org_id(inv, holder)) == available


# -- sign-in modes ---------------------------------------------------------------------------

def test_local_mode_acts_as_numbers_user_and_says_it_is_for_one_machine(app_as):
    app = app_as(MARIA)
    captions = texts(app.sidebar.caption)
    assert captions[0] == "Signed in as **maria@acme.example** (manager of Acme / Sales)"
    assert captions[-1] == "Local mode: no sign-in, for one person on their own machine."


def test_proxy_mode_without_the_header_shows_not_signed_in_and_no_data(db, navigation_mode,
                                                                       monkeypatch):
    app = start(monkeypatch, "proxy")  # AppTest sends no headers, as a request around the proxy
    assert texts(app.warning) == [
        "You are not signed in. Open the app through your organization's sign-in address."]
    assert screens(app) == ALONE and shows_no_data(app)


def test_an_unknown_sign_in_mode_stops_the_app(db, navigation_mode, monkeypatch):
    app = start(monkeypatch, "ldap")
    assert texts(app.error) == [
        "NUMBERS_AUTH is 'ldap'; the server's operator must set it to local, oidc or proxy."]
    assert shows_no_data(app)


AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "numbers", "client_secret": "s",
        "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration"}


def test_oidc_mode_without_auth_secrets_says_so(db, navigation_mode, monkeypatch):
    app = start(monkeypatch, "oidc", user={"is_logged_in": False})
    assert texts(app.error) == [
        "Sign-in is not configured: NUMBERS_AUTH=oidc needs an [auth] section in "
        ".streamlit/secrets.toml (see .streamlit/secrets.toml.example)."]
    assert shows_no_data(app)


def test_oidc_mode_shows_an_anonymous_visitor_only_the_sign_in_screen(db, navigation_mode,
                                                                      monkeypatch):
    app = start(monkeypatch, "oidc", user={"is_logged_in": False}, secrets={"auth": AUTH})
    assert texts(app.info) == ["Sign in to see the number inventory."]
    assert [b.label for b in app.button] == ["Sign in"]
    assert screens(app) == ALONE and shows_no_data(app)


def test_oidc_mode_acts_as_the_signed_in_e_mail_and_signs_out(db, navigation_mode, monkeypatch):
    app = start(monkeypatch, "oidc", secrets={"auth": AUTH},
                user={"is_logged_in": True, "email": MARIA, "email_verified": True})
    assert "Admin" not in screens(app) and "Allocate" in screens(app)
    assert "Signed in with OpenID Connect." in texts(app.sidebar.caption)
    app.sidebar.button[0].click().run()  # Sign out
    assert texts(app.info) == ["Sign in to see the number inventory."]
    assert shows_no_data(app)


def test_oidc_mode_refuses_an_unverified_e_mail(db, navigation_mode, monkeypatch):
    app = start(monkeypatch, "oidc", secrets={"auth": AUTH},
                user={"is_logged_in": True, "email": "admin", "email_verified": False})
    assert texts(app.warning)[0].startswith("Your sign-in did not give a verified e-mail")
    assert [b.label for b in app.button] == ["Sign out"] and shows_no_data(app)


def test_signed_in_without_a_grant_offers_sign_out_and_no_data(db, navigation_mode, monkeypatch):
    app = start(monkeypatch, "oidc", secrets={"auth": AUTH},
                user={"is_logged_in": True, "email": "mallory@example.com"})
    assert texts(app.warning) == [
        "mallory@example.com has no access to this inventory; ask an admin for a grant."]
    assert [b.label for b in app.sidebar.button] == ["Sign out"] and shows_no_data(app)


# -- the inventory a server opens ------------------------------------------------------------

def test_outside_local_mode_a_missing_inventory_is_explained_not_created(
        tmp_path, navigation_mode, monkeypatch):
    missing = tmp_path / "nowhere.duckdb"
    monkeypatch.setenv("NUMBERS_DB", str(missing))
    app = start(monkeypatch, "oidc", secrets={"auth": AUTH},
                user={"is_logged_in": True, "email": MARIA})
    assert texts(app.error) == [
        f"There is no inventory at {md(missing)}. Its operator creates it from a shell, with its "
        "first admin, and then signs in as that admin to create the organizations on Admin (or "
        "imports them):"]
    assert f"python -m numcore --db {missing} grant ADMIN_EMAIL admin" in app.code[0].value
    assert not missing.exists()


def test_an_inventory_without_grants_shows_how_to_make_the_first_admin(empty_db, navigation_mode,
                                                                       monkeypatch):
    monkeypatch.setenv("NUMBERS_USER", "ops@acme.example")
    app = AppTest.from_file(str(APP), default_timeout=30).run()
    assert texts(app.warning) == [
        "ops@acme.example has no access to this inventory; ask an admin for a grant."]
    assert app.code[0].value == (f"python -m numcore --db {empty_db} grant ops@acme.example admin "
                                 "--actor ops@acme.example")
