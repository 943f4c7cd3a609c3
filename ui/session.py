"""Who is signed in, what their grants let them do, and which org they work in: the only place
the app learns the user (through ui.identity, in the configured sign-in mode)."""

from __future__ import annotations

import shlex
from typing import NoReturn

import streamlit as st

from numcore import Inventory, Org
from ui.format import md
from ui.identity import alone, mode_note, signed_in_user

PICKED_ORG = "picked_org_id"  # session key of the sidebar's org picker, shared by every page


def current_user() -> str:
    """The signed-in user, the actor of every command; a visitor who is not signed in sees the
    sign-in (or "not signed in") page instead, and the run stops."""
    return signed_in_user()


def abilities(inv: Inventory, user: str) -> set[str]:
    """What the user's grants let them do somewhere in the tree: 'view', 'manage' (number
    commands in some subtree), 'admin'. Empty: no access at all."""
    reachable = inv.reachable_orgs(user)
    held = {"view"} if reachable else set()
    if any(inv.may_manage(user, org_id) for org_id in reachable):
        held.add("manage")
    if inv.is_admin(user):
        held |= {"manage", "admin"}
    return held


def no_access(inv: Inventory, user: str) -> NoReturn:
    """The page of a signed-in user without a grant: who they are, whom to ask, nothing else."""
    alone()
    st.warning(f"{md(user)} has no access to this inventory; ask an admin for a grant.",
               icon=":material/lock:")
    if inv.grants().empty:
        st.caption("Nobody holds a grant yet. The first admin is made from a shell:")
        who, path = shlex.quote(user), shlex.quote(inv.path)
        st.code(f"python -m numcore --db {path} grant {who} admin --actor {who}",
                language="bash")
    with st.sidebar:
        mode_note()
    st.stop()


def require_manager(inv: Inventory, user: str, org: Org, doing: str) -> None:
    """Stop the screen, saying why, unless ``user`` may run number commands in ``org``: a
    viewer there sees no command at all (numcore would refuse them anyway)."""
    if not inv.may_manage(user, org.id):
        st.info(f"You may view {md(org.path)} but not {doing}: that needs a manager grant on "
                "it or above it. Pick an organization you manage in the sidebar.",
                icon=":material/visibility:")
        st.stop()


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
        mode_note()


def picked_org(inv: Inventory) -> Org:
    """The org picked in the sidebar: every page works on it and its subtree."""
    return inv.org(st.session_state[PICKED_ORG])


def managed_subtree(inv: Inventory, user: str, org: Org, *, with_top: bool = False) -> list[Org]:
    """The orgs below ``org`` (and ``org`` itself, with ``with_top``) in which ``user`` may run
    number commands, in tree order: the targets the app offers for allocating and reserving."""
    members = inv.subtree(org.id)
    return [o for o in (members if with_top else members[1:]) if inv.may_manage(user, o.id)]
