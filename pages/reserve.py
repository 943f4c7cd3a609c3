"""Reserve: keep an available number of the picked org for a person or a role (optionally in an
organization below it, until a date), and see or release the reserved numbers."""

from datetime import date

import streamlit as st

from ui.exports import download_buttons, numbers_file
from ui.feedback import done, refusals_shown
from ui.format import md, plural, pretty
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user, managed_subtree, picked_org, require_manager
from ui.tables import paged, selected_rows, showing

FIND = "reserve_find"  # the Available numbers screen fills this in to hand a number over
NEW_TAG = "New tag"
EXPIRING_DAYS = 7  # the reservations the screen warns about end within this many days

inv = inventory()
user = current_user()
org = picked_org(inv)
header("Reserve numbers", f"Keep numbers of {org.path} for a person or a role")
require_manager(inv, user, org, "reserve or unreserve its numbers")

st.subheader("Reserve a number")
find = st.text_input("Find a number by its first digits", key=FIND,
                     placeholder="+1 415 555 01, 1415555 or (415) 555")
matches = inv.search_available(org.id, None, find, limit=50)
if matches.empty:
    st.info(f"No available number in the own pool of {md(org.path)} starts with {md(find)}.")
else:
    number = st.selectbox("Number", matches["e164"], format_func=pretty, key="reserve_number",
                          help="The first 50 available numbers that match, lowest first.")
    tags = inv.tags()
    names = dict(zip(tags["id"].tolist(), tags["name"]))
    kinds = dict(zip(tags["id"].tolist(), tags["kind"]))
    may_create = inv.is_admin(user)
    tag_id = st.selectbox(
        "For (tag)", [*names, *([NEW_TAG] if may_create else [])], key="reserve_tag",
        format_func=lambda t: "New tag..." if t == NEW_TAG else f"{names[t]} ({kinds[t]})")
    if tag_id == NEW_TAG:
        name, kind = st.columns([3, 1])
        new_name = name.text_input("New tag name", key="reserve_new_tag",
                                   placeholder="Dr. Lee, Front desk")
        new_kind = kind.radio("It names a", ["person", "role"], horizontal=True,
                              key="reserve_new_kind")
    elif not may_create:
        st.caption("Only admins create tags; ask one if the person or role is missing.")
    places = [o.id for o in managed_subtree(inv, user, org, with_top=True)]
    left, right = st.columns(2)
    place = left.selectbox("Reserve in", places, key="reserve_place",
                           format_func=lambda o: inv.org(o).path + (" (where it is)" if o == org.id
                                                                    else ""))
    expires = right.date_input("Until (optional)", value=None, min_value=date.today(),
                               key="reserve_expires",
                               help="It returns to available after that day.")
    if st.button("Reserve", type="primary"):
        with refusals_shown():
            if tag_id == NEW_TAG:
                made = inv.create_tag(new_name, new_kind, actor=user)
                tag_id, tag_name = made.id, made.name
            else:
                tag_name = names[tag_id]
            inv.reserve(number, tag_id, to_org_id=place, expires=expires, actor=user)
            until = f" until {expires:%Y-%m-%d}" if expires else ""
            done(f"Reserved {pretty(number)} for {tag_name} in {inv.org(place).path}{until}.",
                 clear=[FIND, "reserve_new_tag", "reserve_expires"])

st.subheader("Reserved numbers")
find_reserved = st.text_input("Find by number or tag", key="reserve_find_reserved",
                              placeholder="+1 415 555 01, Front desk")
total = inv.count_in(org.id, "reserved", find_reserved)
table = st.container()
offset, limit = paged(total, key=f"reserve_page_{org.id}_{find_reserved.strip()}")
reserved = inv.numbers_in(org.id, "reserved", find_reserved, limit=limit, offset=offset)
with table:
    where = " match" if find_reserved.strip() else f" in {md(org.path)} and below"
    st.caption(f"{plural(total, 'reserved number')}{where}{showing(offset, len(reserved))}")
    chosen = selected_rows(
        reserved, "reserve_table", shown=["number", "tag", "kind", "holder", "until"],
        multiple=False,
        column_config={"number": "Number", "tag": "For", "kind": "Kind", "holder": "Held by",
                       "until": st.column_config.DatetimeColumn("Expires (UTC)",
                                                                format="YYYY-MM-DD HH:mm")})
download_buttons(lambda: numbers_file(inv.numbers_in(org.id, "reserved", find_reserved)),
                 "reserved", org.path, key="reserve_export")
if chosen.empty:
    st.caption("Select a reserved number to unreserve it.")
else:
    picked = chosen.iloc[0]
    if st.button(f"Unreserve {picked['number']}"):
        with refusals_shown():
            inv.unreserve(picked["e164"], actor=user)
            done(f"Unreserved {picked['number']}: it is available again in {picked['holder']}.")

st.subheader(f"Expiring within {EXPIRING_DAYS} days")
expiring = inv.expiring_reservations(org.id, within_days=EXPIRING_DAYS)
if expiring.empty:
    st.caption(f"No reservation in {md(org.path)} or below ends within the next "
               f"{EXPIRING_DAYS} days.")
else:
    st.caption("After its last day the number is available again where it is held; to keep "
               "it longer, unreserve it and reserve it again until a later day.")
    st.dataframe(expiring, hide_index=True, width="stretch",
                 column_order=["until", "number", "tag", "kind", "holder"],
                 column_config={"until": st.column_config.DatetimeColumn(
                                    "Expires (UTC)", format="YYYY-MM-DD HH:mm"),
                                "number": "Number", "tag": "For", "kind": "Kind",
                                "holder": "Held by"})
