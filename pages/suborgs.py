"""Sub-organizations: what each organization below the picked one holds, per series and status,
and Withdraw to move its unused numbers back to its parent."""

import streamlit as st

from numcore import STATUSES, export
from ui.exports import download_buttons
from ui.feedback import done, refusals_shown
from ui.format import describe, md, plural, tree_label
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user, picked_org

PENDING = "suborgs_withdraw"  # (org_id, series_id) while the Withdraw dialog is open
QUANTITY = "suborgs_quantity"


def open_withdraw(org_id: int, series_id: int) -> None:
    st.session_state[PENDING] = (org_id, series_id)
    st.session_state.pop(QUANTITY, None)


def close_withdraw() -> None:
    st.session_state.pop(PENDING, None)


def org_expander(org_id: int, label: str):
    """The expander of an org below. Its state is kept by key, but its identity includes the
    label, whose counts change with every command; so the state is read before it is drawn,
    and it stays open (or closed) as the counts change."""
    key = f"suborgs_org_{org_id}"
    return st.expander(label, expanded=bool(st.session_state.get(key)), key=key,
                       on_change="rerun")


@st.dialog("Withdraw numbers", on_dismiss=close_withdraw)
def withdraw_dialog(org_id: int, series_id: int) -> None:
    holder, series = inv.org(org_id), series_names[series_id]
    parent = inv.org(holder.parent_id)
    unused = inv.count_available(org_id, series_id)
    st.write(f"{md(holder.path)} holds {plural(unused, 'unused number')} of {md(series)}. "
             f"Withdrawn numbers go back to {md(parent.path)}, highest first; reserved and "
             "in-use numbers stay where they are.")
    quantity = st.number_input(f"Quantity (at most {unused:,})", min_value=1, step=1,
                               value=max(1, min(unused, 10)), key=QUANTITY)
    proceed, cancel = st.columns(2)
    if cancel.button("Cancel", width="stretch"):
        close_withdraw()
        st.rerun()
    if proceed.button("Proceed", type="primary", width="stretch"):
        with refusals_shown():
            moved = inv.withdraw(org_id, series_id, quantity, actor=user)
            close_withdraw()
            done(f"Withdrew {plural(len(moved), 'number')} of {series} from {holder.path} to "
                 f"{parent.path}: {describe(moved)}")


inv = inventory()
user = current_user()
org = picked_org(inv)
header("Allocated to sub-organizations",
       f"What the organizations below {org.path} hold; withdraw unused numbers back up the tree")

series_names = inv.series().set_index("id")["name"].to_dict()
report = inv.report(org.id).iloc[1:]  # the orgs below the picked one, in tree order
holdings = inv.holdings(org.id)
if report.empty:
    st.info(f"{md(org.path)} has no sub-organizations.")
for below in report.itertuples():
    label = (f"{tree_label(below.path, org.path)} · {plural(below.total, 'number')}, "
             f"{below.used_pct:g}% used")
    box = org_expander(below.org_id, label)
    if not box.open:  # its series are drawn only while it is open: hundreds of orgs stay cheap
        continue
    with box:
        st.caption(md(below.path))
        if below.allocated_to_suborgs:
            st.caption(f"{plural(below.allocated_to_suborgs, 'number')} passed on to the "
                       "organizations below it.")
        own = holdings[holdings["org_id"] == below.org_id]
        if own.empty:
            st.caption("It holds no numbers in its own pool.")
        parent = inv.org(int(below.parent_id)).path
        may_withdraw = inv.may_manage(user, int(below.parent_id))  # managing it covers below
        for held in own.itertuples():
            series, counts, action = st.columns([2, 6, 2], vertical_alignment="center")
            series.markdown(f"**{md(held.series_name)}**")
            counts.markdown(" · ".join(f"{getattr(held, s):,} {s}" for s in STATUSES))
            if may_withdraw:
                action.button("Withdraw...",
                              key=f"suborgs_withdraw_{below.org_id}_{held.series_id}",
                              on_click=open_withdraw,
                              args=(int(below.org_id), int(held.series_id)),
                              disabled=not held.available, width="stretch",
                              help=f"Move unused numbers of {md(held.series_name)} to "
                                   f"{md(parent)}.")

if not report.empty:
    st.caption(f"What {md(org.path)} and every organization below it hold, per series and "
               "status, as a file:")
    download_buttons(lambda: export.table(inv, "holdings", org.id), "holdings", org.path,
                     key="suborgs_export")

if PENDING in st.session_state:
    withdraw_dialog(*st.session_state[PENDING])
