"""The parts every screen shares: its heading and the confirmation of the last command."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.feedback import show_flash
from ui.format import md


def header(title: str, about: str) -> None:
    """The screen's title, one line on what it shows, and the last command's confirmation."""
    st.title(title)
    st.caption(md(about))
    show_flash()


def through_app_py() -> None:
    """Make sure this run goes through app.py (page config, sidebar, org picker, navigation).

    With a folder named pages/ next to app.py, Streamlit starts in its legacy multipage mode,
    in which a request for a page (a bookmark, or a tab reconnecting after a restart) runs that
    page's file alone, until some run calls st.navigation. AppTest starts every run that way.
    Leaving that mode, as st.navigation itself does, and rerunning the same page goes through
    app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
