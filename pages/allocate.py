"""Allocate: move a quantity of available numbers of a series from the picked org's pool to an
organization below it."""

import streamlit as st

from ui.feedback import done, refusals_shown
from ui.format import describe, md, plural
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user, managed_subtree, picked_org, require_manager

inv = inventory()
user = current_user()
org = picked_org(inv)
header("Allocate numbers", f"From the own pool of {org.path} to an organization below it")
require_manager(inv, user, org, "allocate from its pool")

targets = [o.id for o in managed_subtree(inv, user, org)]
if not targets:
    st.info(f"There is no organization below {md(org.path)} that you may allocate to. "
            "Pick a higher organization in the sidebar.")
    st.stop()

series = inv.series()
labels = dict(zip(series["id"].tolist(), series["name"]))
left, right = st.columns(2)
series_id = left.selectbox("Series", list(labels), format_func=labels.get, key="allocate_series")
target = right.selectbox("Sub-organization", targets, format_func=lambda o: inv.org(o).path,
                         key="allocate_target")

free = inv.count_available(org.id, series_id, include_golden=False)
golden = inv.count_available(org.id, series_id) - free
include_golden = golden > 0 and st.checkbox(
    f"Include golden numbers ({golden:,} in this pool)", key="allocate_golden",
    help="Memorable numbers (...0000, ...1234, ...7777): quantity allocations pass over them "
         "unless asked.")
note = (f"{md(org.path)} has {plural(free + golden * include_golden, 'available number')} of "
        f"{md(labels[series_id])} to allocate.")
if golden and not include_golden:
    note += (" Golden numbers are not counted: include them above, or allocate them one by one "
             "on Available numbers.")
st.info(note, icon=":material/inventory_2:")

left, right = st.columns(2, vertical_alignment="bottom")
quantity = left.number_input("Quantity", min_value=1, value=1, step=1, key="allocate_quantity")
consecutive = right.checkbox("Consecutive numbers (one unbroken run)", key="allocate_consecutive")
if st.button("Allocate", type="primary"):
    with refusals_shown():
        numbers = inv.allocate(series_id, quantity, target, from_org_id=org.id,
                               consecutive=consecutive, include_golden=include_golden,
                               actor=user)
        done(f"Allocated {plural(len(numbers), 'number')} of {labels[series_id]} to "
             f"{inv.org(target).path}: {describe(numbers)}")
