"""What the user reads after a command: numcore's refusal where they acted, or a confirmation
that survives the rerun which shows the new state everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import streamlit as st

from numcore import NumcoreError
from ui.format import md

FLASH = "flash_message"
CLEAR = "flash_clear"  # inputs to empty at the start of the next run


@contextmanager
def refusals_shown() -> Iterator[None]:
    """Run numcore commands inside; a refusal stops the block and shows numcore's sentence.

    Only refusals (NumcoreError) are caught: anything else is a bug, and
    client.showErrorDetails = "none" keeps its traceback off the screen.
    """
    try:
        yield
    except NumcoreError as refusal:
        st.error(md(str(refusal)), icon=":material/block:")


def done(message: str, clear: Iterable[str] = ()) -> NoReturn:
    """After a successful command: keep ``message`` for the next run, empty the inputs whose
    keys are in ``clear`` (text, dates) there, and rerun, so every part of the screen (the
    sidebar, charts, tables) shows the new state."""
    st.session_state[FLASH] = message
    st.session_state[CLEAR] = {key: "" if isinstance(st.session_state.get(key), str) else None
                               for key in clear}
    st.rerun()


def show_flash() -> None:
    """The confirmation of the last command, once: at the top of the screen, and as a toast
    for a user who acted further down. Call it before the screen's inputs."""
    # Set, not deleted: only a value set through session state reaches the browser's field.
    for key, empty in st.session_state.pop(CLEAR, {}).items():
        st.session_state[key] = empty
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(md(message), icon=":material/check_circle:")
        st.toast(md(message), icon=":material/check_circle:", duration="long")
