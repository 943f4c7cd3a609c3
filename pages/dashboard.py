"""Dashboard: how the picked org's numbers are used, where they went, and its warning threshold."""

import streamlit as st

from numcore import export
from ui import charts
from ui.exports import download_buttons, numbers_file
from ui.feedback import done, refusals_shown
from ui.format import md
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user, picked_org

inv = inventory()
user = current_user()
org = picked_org(inv)
report = inv.report(org.id)  # the org first, then its subtree: D4 counts, used %, threshold
usage = report.iloc[0]

header("Number utilization", f"{org.path} and the organizations below it")
if usage["warning"]:
    st.warning(f"{md(org.path)} has used {usage['used_pct']:g}% of its numbers, at or above its "
               f"warning threshold of {usage['threshold']}%.", icon=":material/warning:")

first, second = st.columns(4), st.columns(4)
first[0].metric("Utilization", f"{usage['used_pct']:g}%", border=True,
                help=f"Numbers in use or passed down, out of all it holds. Warns at "
                     f"{usage['threshold']}%.")
first[1].metric("Numbers held", f"{usage['total']:,}", border=True,
                help="By this organization and the ones below it.")
for column, category in zip([*first[2:], *second], charts.CATEGORIES):
    column.metric(charts.LABELS[category], f"{usage[category]:,}", border=True,
                  help=charts.HELP.get(category))

if inv.may_manage(user, org.id):  # viewers read the dashboard; managers set its threshold
    with st.form("dashboard_threshold_form", border=False):
        field, button, _ = st.columns([2, 1, 3], vertical_alignment="bottom")
        threshold = field.number_input("Warning threshold (% used)", min_value=1, max_value=100,
                                       value=int(usage["threshold"]), step=1,
                                       key=f"dashboard_threshold_{org.id}",  # each org its own
                                       help=f"The dashboard warns when {md(org.path)} has used "
                                            "this share of its numbers.")
        if button.form_submit_button("Save threshold", width="stretch"):
            with refusals_shown():
                inv.set_threshold(org.id, threshold, actor=user)
                done(f"The warning threshold of {org.path} is now {threshold}%.")

left, right = st.columns(2)
left.plotly_chart(charts.donut(usage), key="dashboard_donut")
right.plotly_chart(charts.subtree_treemap(report), key="dashboard_treemap")

left, right = st.columns(2)
children = report[report["parent_id"] == org.id]
if len(children):
    left.plotly_chart(charts.suborg_bars(children), key="dashboard_suborgs")
else:
    left.info(f"{md(org.path)} has no sub-organizations.")
holdings = inv.holdings(org.id)
own = holdings[holdings["org_id"] == org.id]
if len(own):
    right.plotly_chart(charts.series_bars(own), key="dashboard_series")
else:
    right.info(f"{md(org.path)} holds no numbers of its own.")

st.divider()
left, right = st.columns(2)
with left:
    st.caption("**Utilization** of every organization here: the counts above, one row each.")
    download_buttons(lambda: export.table(inv, "utilization", org.id), "utilization", org.path,
                     key="dashboard_export_utilization")
with right:
    st.caption("**Every number** held here, with its status, tag, user and end date.")
    download_buttons(lambda: numbers_file(export.table(inv, "numbers", org.id)), "numbers",
                     org.path, key="dashboard_export_numbers")
