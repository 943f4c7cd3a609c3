"""The inventory this server works on: one Inventory per database file, shared by all sessions."""

from __future__ import annotations

import os
import shlex
from typing import NoReturn

import streamlit as st

from numcore import Inventory, NumcoreError
from ui.format import md
from ui.identity import alone, auth_mode
from ui.page import through_app_py

DEFAULT_DB = "data/numbers.duckdb"


def database_path() -> str:
    """Where the inventory lives: NUMBERS_DB, default data/numbers.duckdb."""
    return os.environ.get("NUMBERS_DB", DEFAULT_DB)


@st.cache_resource(show_spinner="Opening the inventory...", on_release=lambda inv: inv.close())
def _open(path: str) -> Inventory:
    # Keyed by path, so two databases (two tests, or a changed NUMBERS_DB) never share one.
    return Inventory.open(path)


def inventory() -> Inventory:
    """The inventory at NUMBERS_DB, the first call of every screen; if it cannot be opened,
    say why and stop the run.

    Only local mode may start a new, empty file: a server that others sign in to opens an
    inventory made on purpose, never one that a wrong NUMBERS_DB would create silently.
    """
    through_app_py()
    path = database_path()
    if auth_mode() != "local" and not os.path.exists(path):
        _no_inventory(path)
    try:
        return _open(path)
    except NumcoreError as refusal:
        alone()
        st.error(md(str(refusal)), icon=":material/database:")
        st.stop()


def _no_inventory(path: str) -> NoReturn:
    alone()
    st.error(f"There is no inventory at {md(path)}. Its operator creates it from a shell, with "
             "its first admin, and then signs in as that admin to create the organizations on "
             "Admin (or imports them):", icon=":material/database:")
    st.code(f"python -m numcore --db {shlex.quote(path)} grant ADMIN_EMAIL admin "
            "--actor ADMIN_EMAIL\n"
            f"python -m numcore --db {shlex.quote(path)} import orgs ORGS.csv --apply "
            "--actor ADMIN_EMAIL", language="bash")
    st.stop()
