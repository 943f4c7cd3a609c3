"""Admin: the series of numbers, the organization tree, the tags and who may do what."""

from functools import partial

import streamlit as st

from ui.feedback import done, refusals_shown
from ui.format import md, plural, pretty
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user


COUNT = partial(st.column_config.NumberColumn, format="localized")


def role_phrase(role: str, org_path: str | None) -> str:
    """'an admin', 'manager of Acme / Sales'."""
    return "an admin" if role == "admin" else f"{role} of {org_path}"


inv = inventory()
user = current_user()
header("Admin", "Series, organizations, tags and grants of the whole inventory")
if not inv.is_admin(user):
    st.info(f"Only admins manage series, organizations, tags and grants; {md(user)} is not an "
            "admin.", icon=":material/lock:")
    st.stop()

orgs = inv.orgs()
paths = dict(zip(orgs["id"].tolist(), orgs["path"]))


def org_choice(label: str, key: str, **options) -> int:
    """Any org of the tree, by path."""
    return st.selectbox(label, list(paths), format_func=paths.get, key=key, **options)


root = next(iter(paths), None)
series = inv.series()
series_names = dict(zip(series["id"].tolist(), series["name"]))
tags = inv.tags()
series_tab, orgs_tab, tags_tab, grants_tab = st.tabs(
    ["Series", "Organizations", "Tags", "Grants"], key="admin_tab")

with series_tab:
    if root is None:
        st.info("Create the root organization first: new numbers sit in its pool.")
    else:
        unallocated = [inv.count_available(root, s) for s in series_names]
        st.dataframe(series.assign(unallocated=unallocated), hide_index=True, width="stretch",
                     column_order=["name", "country_code", "area_code", "size", "unallocated"],
                     column_config={"name": "Series", "country_code": "Country code",
                                    "area_code": "Area code", "size": COUNT("Numbers"),
                                    "unallocated": COUNT(f"Available at {paths[root]}")})
        ranges = inv.ranges()
        st.dataframe(ranges.assign(first=ranges["first"].map(pretty),
                                   last=ranges["last"].map(pretty)),
                     hide_index=True, width="stretch",
                     column_order=["series", "first", "last", "size"],
                     column_config={"series": "Series", "first": "First", "last": "Last",
                                    "size": COUNT("Numbers")})
    create, extend = st.columns(2)
    with create.form("admin_series_form"):
        st.markdown("**Create a series** from its first range")
        name = st.text_input("Name", placeholder="US 415", key="admin_series_name")
        first = st.text_input("First number", placeholder="+14155550000", key="admin_series_first")
        last = st.text_input("Last number", placeholder="+14155559999", key="admin_series_last")
        if st.form_submit_button("Create series", type="primary"):
            with refusals_shown():
                made = inv.create_series(name, [(first, last)], actor=user)
                done(f"Created series {made.name} (+{made.country_code} {made.area_code}) with "
                     f"{plural(made.size, 'number')}, available at {paths[root]}.",
                     clear=["admin_series_name", "admin_series_first", "admin_series_last"])
    with extend.form("admin_range_form"):
        st.markdown("**Add a range** to a series")
        target = st.selectbox("Series", list(series_names), format_func=series_names.get,
                              key="admin_range_series")
        first = st.text_input("First number", key="admin_range_first")
        last = st.text_input("Last number", key="admin_range_last")
        if st.form_submit_button("Add range", disabled=not series_names):
            with refusals_shown():
                grown = inv.add_range(target, first, last, actor=user)
                done(f"Series {grown.name} now has {plural(grown.size, 'number')} in "
                     f"{plural(len(grown.ranges), 'range')}.",
                     clear=["admin_range_first", "admin_range_last"])

with orgs_tab:
    if root is None:
        with st.form("admin_root_form"):
            name = st.text_input("Name of the enterprise (the root organization)",
                                 key="admin_root_name")
            if st.form_submit_button("Create root organization", type="primary"):
                with refusals_shown():
                    made = inv.create_org(name, actor=user)
                    done(f"Created {made.path}, the root organization.")
    else:
        st.dataframe(inv.report(), hide_index=True, width="stretch",
                     column_order=["path", "total", "used_pct", "threshold"],
                     column_config={
                         "path": "Organization", "total": COUNT("Numbers held"),
                         "used_pct": st.column_config.NumberColumn("Used", format="%.1f%%"),
                         "threshold": st.column_config.NumberColumn("Warns at", format="%d%%")})
        create, rename = st.columns(2)
        with create.form("admin_org_create_form"):
            st.markdown("**Create** an organization")
            name = st.text_input("Name", key="admin_org_name")
            parent = org_choice("Under", "admin_org_parent")
            if st.form_submit_button("Create organization", type="primary"):
                with refusals_shown():
                    made = inv.create_org(name, parent, actor=user)
                    done(f"Created {made.path}.", clear=["admin_org_name"])
        with rename.form("admin_org_rename_form"):
            st.markdown("**Rename** an organization")
            chosen = org_choice("Organization", "admin_rename_org")
            name = st.text_input("New name", key="admin_rename_name")
            if st.form_submit_button("Rename"):
                with refusals_shown():
                    renamed = inv.rename_org(chosen, name, actor=user)
                    done(f"Renamed {paths[chosen]} to {renamed.path}.", clear=["admin_rename_name"])
        move, delete = st.columns(2)
        with move.form("admin_org_move_form"):
            st.markdown("**Move** an organization, with everything below it")
            chosen = org_choice("Organization", "admin_move_org")
            parent = org_choice("New parent", "admin_move_parent")
            if st.form_submit_button("Move"):
                with refusals_shown():
                    moved = inv.move_org(chosen, parent, actor=user)
                    done(f"Moved {paths[chosen]} to {moved.path}.")
        with delete.form("admin_org_delete_form"):
            st.markdown("**Delete** an organization that is empty: no numbers, no "
                        "sub-organizations, no grants")
            chosen = org_choice("Organization", "admin_delete_org")
            if st.form_submit_button("Delete"):
                with refusals_shown():
                    inv.delete_org(chosen, actor=user)
                    done(f"Deleted {paths[chosen]}.")

with tags_tab:
    st.dataframe(tags, hide_index=True, width="stretch", column_order=["name", "kind"],
                 column_config={"name": "Tag", "kind": "Names a"})
    tag_names = dict(zip(tags["id"].tolist(), tags["name"]))
    create, delete = st.columns(2)
    with create.form("admin_tag_create_form"):
        st.markdown("**Create a tag** for a person or a role")
        name = st.text_input("Name", placeholder="Dr. Lee, Front desk", key="admin_tag_name")
        kind = st.radio("It names a", ["person", "role"], horizontal=True, key="admin_tag_kind")
        if st.form_submit_button("Create tag", type="primary"):
            with refusals_shown():
                made = inv.create_tag(name, kind, actor=user)
                done(f"Created tag {made.name} ({made.kind}).", clear=["admin_tag_name"])
    with delete.form("admin_tag_delete_form"):
        st.markdown("**Delete a tag** that no number carries")
        chosen = st.selectbox("Tag", list(tag_names), format_func=tag_names.get,
                              key="admin_tag_delete")
        if st.form_submit_button("Delete tag", disabled=not tag_names):
            with refusals_shown():
                inv.delete_tag(chosen, actor=user)
                done(f"Deleted tag {tag_names[chosen]}.")

with grants_tab:
    grants = inv.grants()
    st.dataframe(grants, hide_index=True, width="stretch", column_order=["user", "role", "org"],
                 column_config={"user": "User", "role": "Role", "org": "Of"})
    give, take = st.columns(2)
    with give.form("admin_grant_form"):
        st.markdown("**Grant** a role")
        who = st.text_input("User", placeholder="maria@acme.example", key="admin_grant_user")
        role = st.selectbox("Role", ["manager", "viewer", "admin"], key="admin_grant_role")
        where = org_choice("Of (managers and viewers)", "admin_grant_org",
                           help="An admin holds the whole tree.")
        if st.form_submit_button("Grant", type="primary"):
            org_id = None if role == "admin" else where
            with refusals_shown():
                inv.grant(who, role, org_id, actor=user)
                done(f"{who.strip()} is now {role_phrase(role, paths.get(org_id))}.",
                     clear=["admin_grant_user"])
    with take.form("admin_revoke_form"):
        st.markdown("**Revoke** a grant")
        held = [(g.user, g.role, None if g.role == "admin" else int(g.org_id))
                for g in grants.itertuples(index=False)]
        chosen = st.selectbox("Grant", held, key="admin_revoke_grant",
                              format_func=lambda g: f"{g[0]}: {role_phrase(g[1], paths.get(g[2]))}")
        if st.form_submit_button("Revoke", disabled=not held):
            with refusals_shown():
                inv.revoke(*chosen, actor=user)
                done(f"{chosen[0]} is no longer {role_phrase(chosen[1], paths.get(chosen[2]))}.")
