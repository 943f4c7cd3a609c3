"""Downloads: every table screen offers its table as CSV and XLSX, made by numcore.export when
the user clicks; the files read back equal to what the inventory holds."""

import io

import pandas as pd

from app_helpers import open_page, org_id, pick_org
from ui.exports import NUMBER_COLUMNS


def read_back(data: bytes, name: str) -> pd.DataFrame:
    """A downloaded file as a table of text, as a spreadsheet user would open it."""
    if name.endswith(".csv"):
        return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    return pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(str).reset_index(drop=True)


SCREENS = {  # page: the files it offers for Acme / Sales / West
    "dashboard": ["utilization-Acme-Sales-West", "numbers-Acme-Sales-West"],
    "available": ["available-Acme-Sales-West"],
    "reserve": ["reserved-Acme-Sales-West"],
    "suborgs": ["holdings-Acme-Sales-West"],
    "history": ["history-Acme-Sales-West"],
}


def test_every_table_screen_offers_its_table_as_csv_and_xlsx(app, inv, downloads):
    pick_org(app, org_id(inv, "Acme / Sales / West"))
    for page, files in SCREENS.items():
        downloads.clear()
        open_page(app, page)
        labels = [b.label for b in app.get("download_button")]
        assert labels == ["Download CSV", "Download XLSX"] * len(files), page
        assert sorted(downloads) == sorted(f"{f}.{fmt}" for f in files for fmt in ("csv", "xlsx"))


def test_the_holdings_file_reads_back_equal_to_the_inventory(app, inv, downloads):
    west = org_id(inv, "Acme / Sales / West")
    open_page(pick_org(app, west), "suborgs")
    held = as_text(inv.holdings(west))
    for fmt in ("csv", "xlsx"):
        name = f"holdings-Acme-Sales-West.{fmt}"
        assert read_back(downloads[name](), name).equals(held), fmt


def test_a_file_of_numbers_keeps_every_match_in_e164_not_only_the_page_shown(app, inv, downloads):
    sales = org_id(inv, "Acme / Sales")
    open_page(pick_org(app, sales), "available")
    app.text_input(key="available_prefix").input("+1 415 555 12").run()
    assert len(app.dataframe[0].value) == 50  # one page on screen

    name = "available-Acme-Sales.csv"
    listed = read_back(downloads[name](), name)
    expected = inv.search_available(sales, None, "+1415555 12", limit=1000)
    assert len(listed) == len(expected) == 99
    assert listed.columns.tolist() == ["e164", "series", "golden"]
    assert listed["e164"].tolist() == expected["e164"].tolist()  # '+1415...', no apostrophe


def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralised(app, inv, downloads):
    inv.create_tag("=HYPERLINK(\"http://x\")", "role", actor="admin")
    tags = inv.tags().set_index("name")["id"]
    inv.reserve("+14155559500", int(tags["=HYPERLINK(\"http://x\")"]), actor="admin")
    open_page(app, "reserve")

    for fmt in ("csv", "xlsx"):
        name = f"reserved-Acme.{fmt}"
        listed = read_back(downloads[name](), name).set_index("e164")
        assert listed.columns.tolist() == NUMBER_COLUMNS[1:]
        tag = listed.loc["+14155559500", "tag"]
        # CSV: a leading apostrophe; XLSX: a text cell, never a formula.
        assert tag == ("'" if fmt == "csv" else "") + "=HYPERLINK(\"http://x\")"
