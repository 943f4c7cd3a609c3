"""Who is signed in and which org they work in: the only place the app learns the user."""

from __future__ import annotations

import os

import streamlit as st

from numcore import Inventory, Org
from ui.format import md

DEFAULT_USER = "admin"
PICKED_ORG = "picked_org_id"  # session key of the sidebar's org picker, shared by every page


def current_user() -> str:
    """The signed-in user, the actor of every command.

    Local mode (one person on their own machine): NUMBERS_USER, default 'admin'. Sign-in through
    OIDC or a trusted proxy header replaces this function's body, nothing else.
    """
    return os.environ.get("NUMBERS_USER", "").strip() or DEFAULT_USER


def sidebar(inv: Inventory, user: str) -> None:
    """Who is signed in, and the org picker over the orgs the user's grants reach."""
    reachable = inv.reachable_orgs(user)
    if st.session_state.get(PICKED_ORG) not in reachable:
        st.session_state.pop(PICKED_ORG, None)  # deleted, moved out of reach, or first visit
    with st.sidebar:
        if reachable:
            st.selectbox("Working in", reachable, key=PICKED_ORG,
                         format_func=lambda org_id: inv.org(org_id).path,
                         help="Every screen shows this organization and the ones below it.")
        grants = inv.grants(user)
        roles = ["admin" if role == "admin" else f"{role} of {org}"
                 for role, org in zip(grants["role"], grants["org"])]
        st.caption(f"Signed in as **{md(user)}** ({md(', '.join(roles))})")
        st.caption("Local mode: no sign-in, for one person on their own machine.")


def picked_org(inv: Inventory) -> Org:
    """The org picked in the sidebar: every page works on it and its subtree."""
    return inv.org(st.session_state[PICKED_ORG])


def managed_subtree(inv: Inventory, user: str, org: Org, *, with_top: bool = False) -> list[Org]:
    """The orgs below ``org`` (and ``org`` itself, with ``with_top``) in which ``user`` may run
    number commands, in tree order: the targets the app offers for allocating and reserving."""
    members = inv.subtree(org.id)
    return [o for o in (members if with_top else members[1:]) if inv.may_manage(user, o.id)]
