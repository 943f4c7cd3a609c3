"""Export of tables to CSV and XLSX, safe to open in a spreadsheet.

A cell whose text a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is neutralised: in CSV it gets a leading apostrophe, which
spreadsheets show as text; in XLSX every text cell is stored as text, never as a formula.
E.164 columns (``e164``, ``first``, ``last``) stay machine-usable: in CSV they are written as
they are (``+`` and digits only, checked when they entered the inventory), in XLSX as text.
"""

from __future__ import annotations

import io
import pandas as pd

from .errors import InvalidInput

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
E164_COLUMNS = frozenset({"e164", "first", "last"})
FORMATS = ("csv", "xlsx")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula, made inert; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV, formula-like text neutralised, E.164 columns as they are."""
    safe = frame.copy()
    for column in safe.columns:
        if column not in E164_COLUMNS:
            safe[column] = safe[column].astype(object).map(neutralise)
    return safe.to_csv(index=False).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "export") -> bytes:
    """The table as an XLSX workbook in which every text cell is text, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)  # streams rows: a 100k-row table stays quick and small
    ws = book.create_sheet(sheet[:31])
    for index, column in enumerate(frame.columns):
        ws.column_dimensions[_letter(index)].width = min(max(len(str(column)), 12) + 2, 60)
    ws.append([str(c) for c in frame.columns])
    for record in frame.itertuples(index=False):
        ws.append([_text_cell(ws, value, WriteOnlyCell) for value in record])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_cell(ws, value, make):
    value = _cell(value)
    if not isinstance(value, str):
        return value
    cell = make(ws, value)
    cell.data_type = "s"  # openpyxl would take '=...' for a formula
    cell.number_format = "@"
    return cell


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _cell(value):
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (list, tuple, dict)):
        return str(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def encode(frame: pd.DataFrame, fmt: str, sheet: str = "export") -> bytes:
    """The table in ``fmt`` ('csv' or 'xlsx')."""
    if fmt not in FORMATS:
        raise InvalidInput(f"Unknown export format {fmt!r}; choose csv or xlsx.")
    return to_csv(frame) if fmt == "csv" else to_xlsx(frame, sheet)


TABLES = ("numbers", "holdings", "utilization", "history")


def table(inv, name: str, org_id: int) -> pd.DataFrame:
    """One exportable table of an org's subtree."""
    if name == "numbers":
        held = inv.numbers_held(org_id, formatted=False)
        return held[["e164", "series", "holder", "status", "tag", "kind", "assignee", "until",
                     "golden"]].rename(columns={"kind": "tag_kind"})
    if name == "holdings":
        return inv.holdings(org_id)
    if name == "utilization":
        return inv.report(org_id)
    if name == "history":
        return inv.history(org_id, limit=None)
    raise InvalidInput(f"Unknown table {name!r}; choose {', '.join(TABLES)}.")
