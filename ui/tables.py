"""Tables whose rows the user selects to act on them."""

from __future__ import annotations

import zlib

import pandas as pd
import streamlit as st


def selected_rows(frame: pd.DataFrame, key: str, *, shown: list[str], column_config: dict,
                  multiple: bool = True, identity: str = "e164") -> pd.DataFrame:
    """Show ``frame[shown]`` with row selection and return the selected rows of ``frame`` (all
    its columns, e.g. the E.164 behind a formatted number).

    A selection is positions in the table as drawn (streamlit#17026), so the widget is keyed
    by the rows it shows (their ``identity`` column): when they change (a command, another
    user, another page), the selection starts empty instead of landing on other numbers.
    """
    rows = zlib.crc32("\n".join(frame[identity].astype(str)).encode())
    event = st.dataframe(frame[shown], key=f"{key}_{rows:08x}", on_select="rerun",
                         selection_mode="multi-row" if multiple else "single-row",
                         hide_index=True, width="stretch", column_config=column_config)
    return frame.iloc[[row for row in event.selection.rows if row < len(frame)]]
