"""Available numbers: find free numbers in the picked org's own pool by their first digits, then
allocate or reserve exactly the ones selected in the table."""

import pandas as pd
import streamlit as st

from numcore.queries import MAX_PAGE
from ui.exports import download_buttons, numbers_file
from ui.feedback import done, refusals_shown
from ui.format import describe, md, plural, pretty
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user, managed_subtree, picked_org
from ui.tables import paged, selected_rows, showing

inv = inventory()
user = current_user()
org = picked_org(inv)
header("Available numbers", f"Free numbers in the own pool of {org.path}, lowest first")

series = inv.series()
labels = dict(zip(series["id"].tolist(), series["name"]))
pick, digits, size = st.columns([2, 2, 1])
series_id = pick.selectbox("Series", list(labels), index=None, placeholder="All series",
                           format_func=labels.get, key="available_series")
prefix = digits.text_input("First digits", placeholder="+1 415 555, 1415555 or (415) 555",
                           key="available_prefix")
page_size = size.selectbox("Per page", [25, 50, 100, 250], index=1, key="available_page_size")
# Each query has its own paging: a new query starts at its first page.
query = f"{org.id}_{series_id}_{prefix.strip()}_{page_size}"

total = inv.count_available(org.id, series_id, prefix)
table = st.container()
offset, limit = paged(total, key=f"available_page_{query}", size=page_size)


def every_match() -> pd.DataFrame:
    """All the numbers that match, on every page: what a download holds."""
    return numbers_file(pd.concat(
        [inv.search_available(org.id, series_id, prefix, limit=MAX_PAGE, offset=start)
         for start in range(0, max(total, 1), MAX_PAGE)], ignore_index=True))


download_buttons(every_match, "available", org.path, key="available_export")
found = inv.search_available(org.id, series_id, prefix, limit=limit, offset=offset)
with table:
    st.caption(f"{plural(total, 'available number')} match{showing(offset, len(found))}")
    shown = ["number", "series", "golden"]
    columns = {"number": "Number", "series": "Series",
               "golden": st.column_config.CheckboxColumn(
                   "Golden", help="A memorable number: quantity allocations pass over it.")}
    if not inv.may_manage(user, org.id):  # a viewer here: the numbers, and no command
        st.dataframe(found[shown], hide_index=True, width="stretch", column_config=columns)
        st.stop()
    chosen = selected_rows(found, "available_table", shown=shown,
                           column_config=columns)["e164"].tolist()
if not chosen:
    st.caption("Select rows to allocate or reserve exactly those numbers.")
    st.stop()

st.markdown(f"**{plural(len(chosen), 'number')} selected:** {md(describe(chosen))}")
targets = [o.id for o in managed_subtree(inv, user, org)]
place, allocate, reserve = st.columns([3, 1, 1], vertical_alignment="bottom")
target = place.selectbox("Allocate them to", targets, format_func=lambda o: inv.org(o).path,
                         key="available_target", placeholder="No organization below to allocate to")
if allocate.button("Allocate selected", type="primary", disabled=target is None, width="stretch"):
    with refusals_shown():
        moved = inv.allocate_numbers(chosen, target, actor=user)
        done(f"Allocated {plural(len(moved), 'selected number')} to {inv.org(target).path}: "
             f"{describe(moved)}")
if reserve.button("Reserve...", disabled=len(chosen) != 1, width="stretch",
                  help="Reserve one selected number for a person or a role."):
    st.session_state["reserve_find"] = pretty(chosen[0])  # the Reserve screen opens on it
    st.switch_page("pages/reserve.py")
