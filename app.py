"""Number Management: placeholder entry until the screens land (shows the root's utilization)."""

import os

import streamlit as st

from numcore import Inventory

st.set_page_config(page_title="Number Management", layout="wide")


@st.cache_resource
def inventory() -> Inventory:
    return Inventory.open(os.environ.get("NUMBERS_DB", "data/numbers.duckdb"))


inv = inventory()
root = inv.orgs().iloc[0]
usage = inv.utilization(int(root["id"]))
st.title(f"Number utilization of {root['path']}")
for column, (name, value) in zip(st.columns(len(usage)), usage.items()):
    column.metric(name.replace("_", " ").capitalize(), f"{value:,}")
