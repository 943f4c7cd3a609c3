"""The parts every screen shares: its heading and the confirmation of the last command."""

from __future__ import annotations

import streamlit as st

from ui.feedback import show_flash
from ui.format import md


def header(title: str, about: str) -> None:
    """The screen's title, one line on what it shows, and the last command's confirmation."""
    st.title(title)
    st.caption(md(about))
    show_flash()
