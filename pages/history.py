"""History: the audit log of the picked org's subtree, newest first, filtered and downloadable."""

import streamlit as st

from ui.exports import download_buttons
from ui.format import plural
from ui.inventory import inventory
from ui.page import header
from ui.session import picked_org

COLUMNS = ["at", "actor", "action", "orgs", "series", "quantity", "numbers", "before", "after"]

inv = inventory()
org = picked_org(inv)
header("History", f"Every change that touched {org.path} or an organization below it, newest first")

action_box, actor_box, limit_box = st.columns([2, 2, 1])
limit = limit_box.selectbox("Show", [100, 500, 1000, 5000], key="history_limit",
                            format_func=lambda n: f"the latest {n:,}")
latest = inv.history(org_id=org.id, limit=limit)
action = action_box.selectbox("Action", sorted(latest["action"].unique()), index=None,
                              placeholder="All actions", accept_new_options=True,
                              key="history_action")
actor = actor_box.selectbox("Actor", sorted(latest["actor"].unique()), index=None,
                            placeholder="Everyone", accept_new_options=True, key="history_actor")
events = (inv.history(org_id=org.id, limit=limit, action=action, actor=actor)
          if action or actor else latest)

st.caption(f"{plural(len(events), 'event')} shown.")
st.dataframe(events, hide_index=True, width="stretch", column_order=COLUMNS, column_config={
    "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm:ss"),
    "actor": "Actor", "action": "Action", "orgs": "Organizations", "series": "Series",
    "quantity": "How many", "numbers": "Numbers", "before": "Before", "after": "After"})
download_buttons(lambda: events[COLUMNS], "history", org.path, key="history_export")
