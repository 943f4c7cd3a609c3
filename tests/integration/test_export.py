"""Issue 7.2: exports read back equal to the data, and formula-like cells are made inert."""

import io

import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from numcore import export
from tests.integration.builders import n


def read_xlsx(data: bytes) -> pd.DataFrame:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *body = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return pd.DataFrame(body, columns=header)


def busy(acme):
    """Some allocations, a reservation with a formula-like tag, an assignment, a release."""
    inv = acme.inv
    inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    inv.allocate(acme.us415.id, 4, acme.west.id, actor="ann")
    tag = inv.create_tag("=HYPERLINK(\"http://evil\",\"x\")", "role", actor="ann")
    inv.reserve(n(20), tag.id, to_org_id=acme.sales.id, actor="ann")
    inv.assign(n(0), "+cmd|' /C calc'!A0", acme.west.id, actor="ann")
    return tag


def test_csv_export_of_numbers_reads_back_equal_with_inert_formula_cells(acme):
    busy(acme)
    table = acme.inv.numbers_held(acme.sales.id)
    back = pd.read_csv(io.BytesIO(export.to_csv(table)), dtype=str, keep_default_na=False)
    assert back["e164"].tolist() == table["e164"].tolist()  # E.164 stays as it is
    reserved = back[back["e164"] == n(20)].iloc[0]
    assert reserved["tag"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assigned = back[back["e164"] == n(0)].iloc[0]
    assert assigned["assignee"] == "'+cmd|' /C calc'!A0"
    assert assigned["number"] == "'+1 415-555-0100"
    assert back["status"].tolist() == table["status"].tolist()


def test_xlsx_export_keeps_every_text_cell_as_text(acme):
    busy(acme)
    table = acme.inv.numbers_held(acme.sales.id)
    data = export.to_xlsx(table, "numbers")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    kinds = {cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row
             if isinstance(cell.value, str)}
    assert kinds == {"s"}
    back = read_xlsx(data)
    assert back["e164"].tolist() == table["e164"].tolist()
    assert back["tag"].dropna().tolist() == ["=HYPERLINK(\"http://evil\",\"x\")"]


def test_every_table_exports_and_reads_back_with_its_rows(acme):
    busy(acme)
    for name in export.TABLES:
        table = export.table(acme.inv, name, acme.root.id)
        assert len(table) > 0, name
        from_csv = pd.read_csv(io.BytesIO(export.encode(table, "csv")), keep_default_na=False)
        from_xlsx = read_xlsx(export.encode(table, "xlsx", name))
        assert list(from_csv.columns) == list(table.columns) == list(from_xlsx.columns)
        assert len(from_csv) == len(table) == len(from_xlsx), name
    holdings = export.table(acme.inv, "holdings", acme.root.id)
    back = read_xlsx(export.to_xlsx(holdings))
    assert back["available"].tolist() == holdings["available"].tolist()


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=30))
def test_neutralised_text_never_starts_like_a_formula_and_keeps_its_content(text):
    safe = export.neutralise(text)
    assert not safe.startswith(export.FORMULA_STARTS) or safe.startswith("'")
    assert safe in (text, "'" + text)
    frame = pd.DataFrame({"note": [text]})
    back = pd.read_csv(io.BytesIO(export.to_csv(frame)), dtype=str, keep_default_na=False,
                       skip_blank_lines=False)
    cell = back["note"].iloc[0] if len(back) else ""
    assert not cell.startswith(export.FORMULA_STARTS)
