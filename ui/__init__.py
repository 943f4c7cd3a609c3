"""Small Streamlit helpers shared by the pages: the inventory, the signed-in user and the picked
org, messages, formatting and charts. Pages import from here; numcore never imports this."""
