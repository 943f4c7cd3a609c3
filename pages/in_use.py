"""Numbers in use: the numbers given to users in the picked org's subtree, with Release, and the
released numbers that are aging, with the day they are available again and Reclaim."""

import pandas as pd
import streamlit as st

from ui.exports import download_buttons, numbers_file
from ui.feedback import done, refusals_shown
from ui.format import md, plural
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user, picked_org
from ui.tables import paged, selected_rows, showing

IN_USE = ["assigned", "registered"]  # given to users: the statuses this screen lists first
UNTIL = st.column_config.DatetimeColumn("Available again (UTC)", format="YYYY-MM-DD HH:mm")


def listed(frame: pd.DataFrame, key: str, shown: list[str], column_config: dict,
           selectable: bool) -> pd.Series | None:
    """The table; ``selectable`` (for a user who manages here), with one row to pick: the row
    picked, if any."""
    if not selectable:  # a viewer here: the numbers, and no command
        st.dataframe(frame[shown], hide_index=True, width="stretch", column_config=column_config)
        return None
    chosen = selected_rows(frame, key, shown=shown, column_config=column_config, multiple=False)
    return None if chosen.empty else chosen.iloc[0]


inv = inventory()
user = current_user()
org = picked_org(inv)
header("Numbers in use", f"Numbers given to users in {org.path} and below, and released numbers "
                         "cooling off before reuse")
manages = inv.may_manage(user, org.id)

st.subheader("Given to users")
find = st.text_input("Find by number, user or tag", key="in_use_find",
                     placeholder="+1 415 555 01, 4155550, west.rep")
total = inv.count_in(org.id, IN_USE, find)
table = st.container()
offset, limit = paged(total, key=f"in_use_page_{org.id}_{find.strip()}")
in_use = inv.numbers_in(org.id, IN_USE, find, limit=limit, offset=offset)
with table:
    where = " match" if find.strip() else f" in {md(org.path)} and below"
    st.caption(f"{plural(total, 'number')} in use{where}{showing(offset, len(in_use))}")
    given = listed(in_use, "in_use_table", ["number", "assignee", "status", "holder", "series"],
                   {"number": "Number", "assignee": "User", "status": "Status",
                    "holder": "Held by", "series": "Series"}, selectable=manages)
download_buttons(lambda: numbers_file(inv.numbers_in(org.id, IN_USE, find)), "in-use", org.path,
                 key="in_use_export")
if manages and given is None:
    st.caption("Select a number to release it from its user.")
if given is not None and st.button(f"Release {given['number']}", type="primary",
                                   help="Take it back from its user: it ages for its holder's "
                                        "aging period, then it is available again."):
    with refusals_shown():
        inv.release(given["e164"], actor=user)
        back = inv.number(given["e164"])
        done(f"Released {given['number']} from {given['assignee']}: "
             + (f"it ages in {given['holder']} until {back.until:%Y-%m-%d %H:%M} UTC."
                if back.status == "aging" else f"it is available again in {given['holder']}."))

st.subheader("Aging")
days = inv.settings(org.id).aging_days
st.caption(f"A released number cools off for its holder's aging period ({md(org.path)}: "
           f"{plural(days, 'day')}; set it on the Dashboard), then it is available again by "
           "itself. Reclaim ends the aging at once. Soonest back first.")
total = inv.count_in(org.id, "aging")
table = st.container()
offset, limit = paged(total, key=f"in_use_aging_page_{org.id}")
aging = inv.numbers_in(org.id, "aging", order="until", limit=limit, offset=offset)
with table:
    st.caption(f"{plural(total, 'number')} aging{showing(offset, len(aging))}")
    back = listed(aging, "in_use_aging_table", ["number", "until", "holder", "series"],
                  {"number": "Number", "until": UNTIL, "holder": "Held by", "series": "Series"},
                  selectable=manages)
download_buttons(lambda: numbers_file(inv.numbers_in(org.id, "aging", order="until")), "aging",
                 org.path, key="in_use_aging_export")
if back is not None and st.button(f"Reclaim {back['number']}",
                                  help="End its aging now: it is available again at once."):
    with refusals_shown():
        inv.reclaim(back["e164"], actor=user)
        done(f"Reclaimed {back['number']}: it is available again in {back['holder']}.")
