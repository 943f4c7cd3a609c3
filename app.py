"""Number Management: the page config, the signed-in user, the shared sidebar, the screens."""

import streamlit as st

from ui.inventory import inventory
from ui.session import abilities, current_user, no_access, sidebar

st.set_page_config(page_title="Number Management", page_icon=":material/dialpad:", layout="wide")

ADMIN = st.Page("pages/admin.py", title="Admin", icon=":material/settings:")
SCREENS = [  # each with what it needs of ui.session.abilities: viewers read, managers change
    (st.Page("pages/dashboard.py", title="Dashboard", icon=":material/donut_large:",
             default=True), "view"),
    (st.Page("pages/available.py", title="Available numbers", icon=":material/search:"), "view"),
    (st.Page("pages/allocate.py", title="Allocate", icon=":material/call_split:"), "manage"),
    (st.Page("pages/reserve.py", title="Reserve", icon=":material/bookmark:"), "manage"),
    (st.Page("pages/in_use.py", title="Numbers in use", icon=":material/phone_in_talk:"),
     "view"),
    (st.Page("pages/suborgs.py", title="Sub-organizations", icon=":material/account_tree:"),
     "view"),
    (ADMIN, "admin"),
    (st.Page("pages/history.py", title="History", icon=":material/history:"), "view"),
]

user = current_user()  # before the inventory: a visitor who is not signed in reads nothing
inv = inventory()
able = abilities(inv, user)
if "view" in able:
    screen = st.navigation([page for page, needs in SCREENS if needs in able])
elif "admin" in able:
    screen = st.navigation([ADMIN])  # an empty inventory starts with its root org
else:
    no_access(inv, user)
sidebar(inv, user)
screen.run()
