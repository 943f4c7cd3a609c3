"""Download buttons under the tables: every file goes through numcore.export, so cells that a
spreadsheet would run as a formula are neutralised and E.164 numbers stay usable."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from numcore import export

MIME = {"csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# The columns of a list of numbers in a file: E.164 rather than the formatted number, which a
# spreadsheet would read as a formula ('+1 415-...') and export.py would neutralise.
NUMBER_COLUMNS = ["e164", "series", "holder", "status", "tag", "kind", "assignee", "until",
                  "golden"]


def numbers_file(frame: pd.DataFrame) -> pd.DataFrame:
    """A table of numbers (numcore's numbers_in, search_available, ...) as it goes into a file."""
    return frame[[c for c in NUMBER_COLUMNS if c in frame.columns]]


def file_data(rows: Callable[[], pd.DataFrame], fmt: str, sheet: str) -> bytes:
    """The file of the table that ``rows()`` returns, in ``fmt`` ('csv' or 'xlsx')."""
    return export.encode(rows(), fmt, sheet)


def file_stem(table: str, org_path: str) -> str:
    """'holdings-Acme-Sales-West': the table and the org, in characters every system accepts."""
    return re.sub(r"[^\w.]+", "-", f"{table} {org_path}").strip("-.")


def download_buttons(rows: Callable[[], pd.DataFrame], table: str, org_path: str,
                     key: str) -> None:
    """'Download CSV' and 'Download XLSX' buttons for a table of the org's subtree. The file is
    made when the user clicks, from ``rows()`` then: a large table costs nothing until asked."""
    with st.container(horizontal=True, key=key):
        for fmt, mime in MIME.items():
            st.download_button(f"Download {fmt.upper()}", partial(file_data, rows, fmt, table),
                               file_name=f"{file_stem(table, org_path)}.{fmt}", mime=mime,
                               key=f"{key}_{fmt}", on_click="ignore",
                               icon=":material/download:")
