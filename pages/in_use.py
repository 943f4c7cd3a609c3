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
from ui.tables import selected_rows

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
find = st.text_input("Find by number or user", key="in_use_find",
                     placeholder="+1 415 555 01, 4155550, west.rep")
in_use = pd.concat([inv.numbers_in(org.id, "assigned"), inv.numbers_in(org.id, "registered")])
in_use = in_use.sort_values("e164", key=lambda e164: e164.str[1:].astype(int))
typed = find.strip().casefold()
if typed:
    digits = "".join(c for c in typed if c.isdigit())
    if digits and not any(c.isalpha() for c in typed):  # a number, as people type it
        in_use = in_use[in_use["e164"].str.contains(digits, regex=False)]
    else:
        in_use = in_use[in_use["assignee"].str.casefold().str.contains(typed, regex=False)]
st.caption(f"{plural(len(in_use), 'number')} in use"
           + (" match." if typed else f" in {md(org.path)} and below."))
given = listed(in_use, "in_use_table", ["number", "assignee", "status", "holder", "series"],
               {"number": "Number", "assignee": "User", "status": "Status", "holder": "Held by",
                "series": "Series"}, selectable=manages)
download_buttons(lambda: numbers_file(in_use), "in-use", org.path, key="in_use_export")
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
aging = inv.numbers_in(org.id, "aging").sort_values("until")
days = inv.settings(org.id).aging_days
st.caption(f"A released number cools off for its holder's aging period ({md(org.path)}: "
           f"{plural(days, 'day')}; set it on the Dashboard), then it is available again by "
           "itself. Reclaim ends the aging at once.")
back = listed(aging, "in_use_aging_table", ["number", "until", "holder", "series"],
              {"number": "Number", "until": UNTIL, "holder": "Held by", "series": "Series"},
              selectable=manages)
download_buttons(lambda: numbers_file(aging), "aging", org.path, key="in_use_aging_export")
if back is not None and st.button(f"Reclaim {back['number']}",
                                  help="End its aging now: it is available again at once."):
    with refusals_shown():
        inv.reclaim(back["e164"], actor=user)
        done(f"Reclaimed {back['number']}: it is available again in {back['holder']}.")
