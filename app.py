"""Number Management: the page config, the signed-in user, the shared sidebar, the screens."""

import streamlit as st

from ui.format import md
from ui.inventory import inventory
from ui.session import current_user, sidebar

st.set_page_config(page_title="Number Management", page_icon=":material/dialpad:", layout="wide")

ADMIN = st.Page("pages/admin.py", title="Admin", icon=":material/settings:")
SCREENS = [
    st.Page("pages/dashboard.py", title="Dashboard", icon=":material/donut_large:", default=True),
    st.Page("pages/available.py", title="Available numbers", icon=":material/search:"),
    st.Page("pages/allocate.py", title="Allocate", icon=":material/call_split:"),
    st.Page("pages/reserve.py", title="Reserve", icon=":material/bookmark:"),
    st.Page("pages/suborgs.py", title="Sub-organizations", icon=":material/account_tree:"),
    ADMIN,
    st.Page("pages/history.py", title="History", icon=":material/history:"),
]

inv = inventory()
user = current_user()
if inv.reachable_orgs(user):
    screen = st.navigation(SCREENS)
elif inv.is_admin(user):
    screen = st.navigation([ADMIN])  # an empty inventory starts with its root org
else:
    st.title("Number Management")
    st.warning(f"{md(user)} has no access to this inventory; ask an admin for a grant.")
    st.stop()
sidebar(inv, user)
screen.run()
