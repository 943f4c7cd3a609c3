"""Who the user is, in the sign-in mode the server is configured for (NUMBERS_AUTH).

- ``local`` (the default): no sign-in; the user is NUMBERS_USER (default 'admin'), for one
  person on their own machine, so only browsers on that machine are served.
- ``oidc``: Streamlit's st.login against the OpenID Connect provider of the ``[auth]`` section
  of .streamlit/secrets.toml; the user is the e-mail address in the provider's ID token.
- ``proxy``: an authenticating reverse proxy names the user in a header (NUMBERS_PROXY_HEADER,
  default X-Forwarded-Email) of the request that opened the session. Streamlit must then be
  reachable only through that proxy, which must overwrite the header on every request.

A visitor who is not signed in gets a sign-in screen (oidc) or a "not signed in" page (proxy)
and the run stops there, before anything reads the inventory.
"""

from __future__ import annotations

import ipaddress
import os
from typing import NoReturn

import streamlit as st

from ui.format import md

MODES = ("local", "oidc", "proxy")
DEFAULT_USER = "admin"
DEFAULT_PROXY_HEADER = "X-Forwarded-Email"
TITLE = "Number Management"
NOTES = {
    "local": "Local mode: no sign-in, for one person on their own machine.",
    "oidc": "Signed in with OpenID Connect.",
    "proxy": "Signed in through the sign-in proxy.",
}


def auth_mode() -> str:
    """NUMBERS_AUTH: local (default), oidc or proxy. Any other value stops the run: a typo must
    never fall back to the mode without sign-in."""
    mode = os.environ.get("NUMBERS_AUTH", "").strip().lower() or "local"
    if mode not in MODES:
        _stop("error", f"NUMBERS_AUTH is {md(repr(mode))}; the server's operator must set it to "
                       "local, oidc or proxy.")
    return mode


def signed_in_user() -> str:
    """The user this session acts as, or, for a visitor who is not signed in, the page that
    says so (and the run stops)."""
    return {"local": _local_user, "oidc": _oidc_user, "proxy": _proxy_user}[auth_mode()]()


def alone() -> None:
    """Start a page that stands alone (sign-in, not signed in, no access): the app's title and
    no menu of screens. Without a navigation of its own, a server that no run has yet taken out
    of Streamlit's pages/ mode would list the files of pages/ in the sidebar."""
    st.navigation([st.Page(_nothing, title=TITLE)], position="hidden")
    st.title(TITLE)


def _nothing() -> None:
    """The one page of a page that stands alone: what it shows comes after alone()."""


def mode_note() -> None:
    """How this session is signed in, for the sidebar, with Sign out where the app can."""
    mode = auth_mode()
    st.caption(NOTES[mode])
    if mode == "oidc":
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")


def _local_user() -> str:
    if not _from_this_machine(st.context.ip_address):  # no sign-in, so no other machine
        _stop("warning", "This server runs in local mode, without sign-in, so it serves only "
                         "browsers on its own machine. To serve others, its operator must set "
                         "NUMBERS_AUTH to oidc or proxy.")
    return os.environ.get("NUMBERS_USER", "").strip() or DEFAULT_USER


def _from_this_machine(address: object) -> bool:
    """st.context.ip_address is None for loopback clients, else the client's address (AppTest,
    with no client at all, gives something that is not text)."""
    if not isinstance(address, str):
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return (getattr(ip, "ipv4_mapped", None) or ip).is_loopback


def _oidc_user() -> str:
    if not _oidc_configured():
        _stop("error", "Sign-in is not configured: NUMBERS_AUTH=oidc needs an [auth] section in "
                       ".streamlit/secrets.toml (see .streamlit/secrets.toml.example).")
    if not st.user.get("is_logged_in"):
        alone()
        st.info("Sign in to see the number inventory.", icon=":material/login:")
        st.button("Sign in", type="primary", on_click=st.login, icon=":material/login:")
        st.stop()
    email = str(st.user.get("email") or "").strip()
    if not email or st.user.get("email_verified") is False:
        alone()
        st.warning("Your sign-in did not give a verified e-mail address, and the inventory "
                   "knows its users by e-mail. Ask an admin which account to use.",
                   icon=":material/no_accounts:")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")
        st.stop()
    return email


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def _proxy_user() -> str:
    header = os.environ.get("NUMBERS_PROXY_HEADER", "").strip() or DEFAULT_PROXY_HEADER
    names = [value.strip() for value in st.context.headers.get_all(header) if value.strip()]
    if not names:
        _stop("warning", "You are not signed in. Open the app through your organization's "
                         "sign-in address.", icon=":material/no_accounts:")
    if len(names) > 1 or "," in names[0]:
        # A proxy that appends instead of overwriting passes on what the browser claimed.
        _stop("error", "This request names more than one user, so it is refused. The sign-in "
                       "proxy must overwrite the identity header, not add to it.")
    return names[0]


def _stop(kind: str, message: str, icon: str = ":material/lock:") -> NoReturn:
    """A page with only the title and ``message`` (st.warning or st.error); the run ends."""
    alone()
    getattr(st, kind)(message, icon=icon)
    st.stop()
