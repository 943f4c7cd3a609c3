"""The inventory this server works on: one Inventory per database file, shared by all sessions."""

from __future__ import annotations

import os

import streamlit as st

from numcore import Inventory, NumcoreError
from ui.format import md
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
    say why and stop the run."""
    through_app_py()
    try:
        return _open(database_path())
    except NumcoreError as refusal:
        st.error(md(str(refusal)), icon=":material/database:")
        st.stop()
