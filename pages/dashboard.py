"""Dashboard: how the picked org's numbers are used, where they went, its warning threshold
and aging period, when it runs out, and the requests for more numbers."""

import pandas as pd
import streamlit as st

from numcore import export
from numcore.supply import BURN_WINDOW_DAYS
from ui import charts
from ui.exports import download_buttons, numbers_file
from ui.feedback import done, refusals_shown
from ui.format import describe, md, plural
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user, picked_org


def request_form(parent_path: str) -> None:
    """A manager of an org at or over its threshold asks its parent for more numbers."""
    with st.form("dashboard_request_form", border=False):
        quantity_box, series_box = st.columns(2)
        quantity = quantity_box.number_input("Quantity", min_value=1, value=100, step=1,
                                             key="dashboard_request_quantity")
        series_id = series_box.selectbox("Series", list(series_names), index=None,
                                         format_func=series_names.get, placeholder="Any series",
                                         key="dashboard_request_series")
        note = st.text_input("Note (optional)", placeholder="What the numbers are for",
                             key="dashboard_request_note")
        if st.form_submit_button("File request", type="primary"):
            with refusals_shown():
                request_id = inv.request_numbers(org.id, quantity, series_id=series_id,
                                                 note=note, actor=user)
                of = f" of {series_names[series_id]}" if series_id is not None else ""
                done(f"Filed request {request_id}: {org.path} asks {parent_path} for "
                     f"{plural(quantity, 'number')}{of}. Its managers answer on their dashboard.",
                     clear=["dashboard_request_note"])


def answer_form(request) -> None:
    """An open request, with Fulfil (allocate from the parent's pool) and Decline (say why)."""
    asker = inv.org(int(request.org_id))
    giver = inv.org(asker.parent_id)
    asked = plural(int(request.quantity), "number") + (
        f" of {md(request.series)}" if pd.notna(request.series_id) else "")
    key = f"dashboard_request_{request.id}"
    with st.container(border=True, key=key):
        st.markdown(f"**{md(asker.path)}** asks {md(giver.path)} for {asked}"
                    + (f": {md(request.note)}" if request.note else ""))
        st.caption(f"Request {request.id}, filed by {md(request.filed_by)} on "
                   f"{request.filed_at:%Y-%m-%d %H:%M} UTC.")
        with st.form(f"{key}_fulfil", border=False):
            series_box, quantity_box, button = st.columns([2, 1, 1], vertical_alignment="bottom")
            series_id = series_box.selectbox(
                f"Series, from the pool of {md(giver.path)}", list(series_names),
                index=(list(series_names).index(request.series_id)
                       if pd.notna(request.series_id) else None),
                format_func=series_names.get, placeholder="Choose a series",
                key=f"{key}_series")
            quantity = quantity_box.number_input("Quantity", min_value=1, step=1,
                                                 value=int(request.quantity),
                                                 key=f"{key}_quantity")
            if button.form_submit_button("Fulfil", type="primary", width="stretch",
                                         key=f"{key}_fulfil_button"):
                with refusals_shown():
                    given = inv.fulfil_request(int(request.id), series_id=series_id,
                                               quantity=quantity, actor=user)
                    done(f"Fulfilled request {request.id}: allocated "
                         f"{plural(len(given), 'number')} of {series_names[series_id]} from "
                         f"{giver.path} to {asker.path}: {describe(given)}")
        with st.form(f"{key}_decline", border=False):
            reason_box, button = st.columns([3, 1], vertical_alignment="bottom")
            reason = reason_box.text_input("Reason", key=f"{key}_reason",
                                           placeholder="Why not, for the requester")
            if button.form_submit_button("Decline", width="stretch",
                                         key=f"{key}_decline_button"):
                with refusals_shown():
                    inv.decline_request(int(request.id), reason, actor=user)
                    done(f"Declined request {request.id} of {asker.path}: {reason.strip()}")


inv = inventory()
user = current_user()
org = picked_org(inv)
report = inv.report(org.id)  # the org first, then its subtree: D4 counts, used %, threshold
usage = report.iloc[0]
series_names = dict(zip(inv.series()["id"].tolist(), inv.series()["name"]))
to_answer = inv.requests(org.id, answerable_by=user)  # open, from orgs whose parent they manage

header("Number utilization", f"{org.path} and the organizations below it")
if usage["warning"]:
    st.warning(f"{md(org.path)} has used {usage['used_pct']:g}% of its numbers, at or above its "
               f"warning threshold of {usage['threshold']}%.", icon=":material/warning:")
    if org.parent_id is not None and inv.may_manage(user, org.id):
        parent = inv.org(org.parent_id)
        with st.expander(f"Request more numbers from {md(parent.path)}",
                         key="dashboard_request_expander"):
            request_form(parent.path)
if len(to_answer):
    st.info(f"{plural(len(to_answer), 'request')} for more numbers "
            f"{'waits' if len(to_answer) == 1 else 'wait'} for your answer, below.",
            icon=":material/inbox:")

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
        field, button, _ = st.columns([2, 1.4, 2.6], vertical_alignment="bottom")
        threshold = field.number_input("Warning threshold (% used)", min_value=1, max_value=100,
                                       value=int(usage["threshold"]), step=1,
                                       key=f"dashboard_threshold_{org.id}",  # each org its own
                                       help=f"The dashboard warns when {md(org.path)} has used "
                                            "this share of its numbers.")
        if button.form_submit_button("Save threshold", width="stretch"):
            with refusals_shown():
                inv.set_threshold(org.id, threshold, actor=user)
                done(f"The warning threshold of {org.path} is now {threshold}%.")

if inv.may_manage(user, org.id):  # released numbers cool off for the holder's own period
    with st.form("dashboard_aging_form", border=False):
        field, button, _ = st.columns([2, 1.4, 2.6], vertical_alignment="bottom")
        days = field.number_input("Aging period (days)", min_value=0, step=1,
                                  value=inv.settings(org.id).aging_days,
                                  key=f"dashboard_aging_{org.id}",
                                  help=f"How long a number released in {md(org.path)} cools off "
                                       "before it can be used again; 0: at once. 45 days is the "
                                       "US minimum for disconnected numbers.")
        if button.form_submit_button("Save aging period", width="stretch"):
            with refusals_shown():
                inv.set_aging_days(org.id, days, actor=user)
                done(f"Numbers released in {org.path} now age {plural(days, 'day')} before "
                     "reuse." if days else
                     f"Numbers released in {org.path} are now available again at once.")

children = report[report["parent_id"] == org.id]
holdings = inv.holdings(org.id)
own = holdings[holdings["org_id"] == org.id]
left, right = st.columns(2)
left.plotly_chart(charts.donut(usage), key="dashboard_donut")
if len(children):
    right.plotly_chart(charts.subtree_treemap(report), key="dashboard_treemap")
    left, right = st.columns(2)
    left.plotly_chart(charts.suborg_bars(children), key="dashboard_suborgs")
# without sub-organizations, all its numbers are in its own pool: the series bars come first
if len(own):
    right.plotly_chart(charts.series_bars(own), key="dashboard_series")
else:
    right.info(f"{md(org.path)} holds no numbers of its own.")

st.subheader("Forecast")
forecast = inv.forecast(org.id)  # the org first, then its subtree
mine = forecast.iloc[0]
rate, left_days, runs_out = st.columns(3)
rate.metric("Burn rate", f"{mine['burn_per_day']:g} a day", border=True,
            help=f"Numbers given out of the own pool of {md(org.path)} per day over the last "
                 f"{BURN_WINDOW_DAYS} days (allocated, reserved or assigned), less those that "
                 "came back.")
left_days.metric("Days left", "-" if pd.isna(mine["days_left"]) else f"{mine['days_left']:,g}",
                 border=True, help=f"{mine['available']:,} available at that rate.")
runs_out.metric("Runs out on", "Not at this rate" if pd.isna(mine["runs_out_on"])
                else f"{mine['runs_out_on']:%Y-%m-%d}", border=True)
if len(forecast) > 1:
    st.dataframe(forecast.iloc[1:].sort_values("days_left", na_position="last"),
                 hide_index=True, width="stretch",
                 column_order=["path", "available", "burn_per_day", "days_left", "runs_out_on"],
                 column_config={"path": "Organization below, soonest to run out first",
                                "available": st.column_config.NumberColumn("Available",
                                                                           format="localized"),
                                "burn_per_day": "Burn per day", "days_left": "Days left",
                                "runs_out_on": st.column_config.DateColumn("Runs out on")})

filed = inv.requests(org.id, state=None)
filed = filed[filed["org_id"] == org.id]
if len(to_answer) or len(filed):
    st.subheader("Requests for more numbers")
for request in to_answer.itertuples():
    answer_form(request)
if len(filed):
    st.caption(f"Requests of {md(org.path)}, newest first:")
    st.dataframe(filed, hide_index=True, width="stretch",
                 column_order=["filed_at", "quantity", "series", "note", "filed_by", "state",
                               "answer", "answered_by"],
                 column_config={"filed_at": st.column_config.DatetimeColumn(
                                    "Filed (UTC)", format="YYYY-MM-DD HH:mm"),
                                "quantity": "How many", "series": "Series", "note": "Note",
                                "filed_by": "By", "state": "State", "answer": "Answer",
                                "answered_by": "Answered by"})

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
