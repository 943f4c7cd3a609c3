"""Tables of numbers: rows the user selects to act on them, and listings shown a page at a time."""

from __future__ import annotations

import math
import zlib

import pandas as pd
import streamlit as st


PAGE_SIZE = 50  # rows a page of a listing shows, unless the screen lets the user choose


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


def paged(total: int, key: str, size: int = PAGE_SIZE) -> tuple[int, int]:
    """Page buttons for a listing of ``total`` rows, ``size`` a page, drawn where this is called:
    (offset, limit) of the page picked. Give each query its own ``key`` (the org, what was
    typed), so that a new query starts on its first page."""
    page = st.pagination(max(1, math.ceil(total / size)), key=key)
    return (page - 1) * size, size


def showing(offset: int, shown: int) -> str:
    """'; showing 51 to 100.' after a listing's count: what its page holds ('.' if nothing)."""
    return f"; showing {offset + 1:,} to {offset + shown:,}." if shown else "."
