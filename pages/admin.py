"""Admin: the series of numbers, the organization tree, the tags and who may do what; imports
from CSV files, and backups."""

import json
import shlex
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import streamlit as st

from numcore.backup import BACKUP_FILE, MANIFEST_FILE
from numcore.imports import KINDS as IMPORT_COLUMNS
from ui.feedback import done, refusals_shown
from ui.format import md, plural, pretty
from ui.inventory import inventory
from ui.page import header
from ui.session import current_user


COUNT = partial(st.column_config.NumberColumn, format="localized")
IMPORTS = {"orgs": "Organizations", "series": "Series ranges", "numbers": "Numbers"}
IMPORT_ROUND = "admin_import_round"  # counts imports, so that each one leaves an empty file field
DRY_RUN = "admin_import_dry_run"  # (file, inventory version) -> its plan, kept between reruns


def role_phrase(role: str, org_path: str | None) -> str:
    """'an admin', 'manager of Acme / Sales'."""
    return "an admin" if role == "admin" else f"{role} of {org_path}"


def dry_run(kind: str, upload):
    """What importing the uploaded file would change: planned again only when the file or the
    inventory has changed since (a large file takes seconds, and every rerun would)."""
    version = (kind, upload.file_id, inv.event_count())
    if st.session_state.get(DRY_RUN, (None, None))[0] != version:
        st.session_state[DRY_RUN] = (version, inv.plan_import(kind, upload.getvalue()))
    return st.session_state[DRY_RUN][1]


def example_csv(kind: str, root_path: str) -> str:
    """A small file of each kind, in the order a new inventory takes them: the orgs, then a
    series, then numbers of that series in those orgs. Plain text, not numcore.export: its
    E.164 numbers must stay importable, and export.py would neutralise a 'number' column."""
    office = f"{root_path} / Field Ops / Boston"
    until = date.today() + timedelta(days=30)
    return {
        "orgs": f"path,threshold,aging_days\n{root_path} / Field Ops,80,45\n{office},75,0\n",
        "series": "series,first,last\nUS 617,+16175550000,+16175550999\n",
        "numbers": ("number,holder,status,tag,tag_kind,assignee,until\n"
                    f"+16175550001,{office},registered,,,lee@example.com,\n"
                    f"+16175550002,{office},assigned,,,kim@example.com,\n"
                    f"+16175550003,{office},reserved,Night desk,role,,{until}\n"
                    f"+16175550004,{office},aging,,,,{until}\n"),
    }[kind]


inv = inventory()
user = current_user()
header("Admin", "Series, organizations, tags and grants of the whole inventory; imports and "
                "backups")
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
series_tab, orgs_tab, tags_tab, grants_tab, import_tab, backup_tab = st.tabs(
    ["Series", "Organizations", "Tags", "Grants", "Import", "Backup"], key="admin_tab")

with series_tab:
    if root is None:
        st.info("Create the root organization first: new numbers sit in its pool.")
    else:
        unallocated = [inv.count_available(root, s) for s in series_names]
        golden = [free - inv.count_available(root, s, include_golden=False)
                  for free, s in zip(unallocated, series_names)]
        st.dataframe(series.assign(unallocated=unallocated, golden=golden), hide_index=True,
                     width="stretch", column_order=["name", "country_code", "area_code", "size",
                                                    "unallocated", "golden"],
                     column_config={"name": "Series", "country_code": "Country code",
                                    "area_code": "Area code", "size": COUNT("Numbers"),
                                    "unallocated": COUNT(f"Available at {paths[root]}"),
                                    "golden": COUNT("Of them golden")})
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
    golden_form, _ = st.columns(2)
    with golden_form.form("admin_golden_form"):
        st.markdown("**Golden numbers** of a series: memorable ones (...0000, ...1234, ...7777) "
                    "that quantity allocations pass over; they are reserved or allocated one by "
                    "one")
        target = st.selectbox("Series", list(series_names), format_func=series_names.get,
                              key="admin_golden_series")
        flag, unflag = st.columns(2)
        if flag.form_submit_button("Flag golden numbers", disabled=not series_names):
            with refusals_shown():
                flagged = inv.flag_golden(target, actor=user)
                done(f"{plural(flagged, 'number')} of {series_names[target]} "
                     f"{'is' if flagged == 1 else 'are'} golden: quantity allocations pass over "
                     "them unless asked.")
        if unflag.form_submit_button("Unflag them", disabled=not series_names):
            with refusals_shown():
                inv.flag_golden(target, False, actor=user)
                done(f"No number of {series_names[target]} is golden now.")

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

with import_tab:
    st.markdown("Bring organizations (by path), series ranges, or numbers with their holder and "
                "status in from a CSV file. You first see what it would change, row by row; "
                "**Apply** makes all of it, or nothing if the file has any problem.")
    kind = st.radio("The file holds", list(IMPORTS), format_func=IMPORTS.get, horizontal=True,
                    key="admin_import_kind")
    needed, optional = IMPORT_COLUMNS[kind]
    st.caption(f"Columns: {', '.join(needed)}" + (f"; optional: {', '.join(optional)}"
                                                  if optional else "")
               + ". The header is line 1, the first row line 2.")
    st.download_button(f"Example file of {IMPORTS[kind].lower()}",
                       example_csv(kind, paths.get(root, "Acme")), file_name=f"example-{kind}.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:",
                       key="admin_import_example")
    imported = st.session_state.get(IMPORT_ROUND, 0)
    upload = st.file_uploader("CSV file", type="csv", key=f"admin_import_file_{kind}_{imported}")
    if upload is not None:
        with refusals_shown():
            plan = dry_run(kind, upload)
            if plan.ok:
                st.info(f"Dry run of {md(upload.name)}: {md(plan.summary())} Nothing has changed "
                        "yet.", icon=":material/fact_check:")
            else:
                st.error(md(plan.summary()), icon=":material/block:")
                st.dataframe(plan.problems_table(), hide_index=True, width="stretch",
                             column_config={"line": "Line", "column": "Column",
                                            "problem": "Problem"})
            st.dataframe(plan.changes_table(), hide_index=True, width="stretch",
                         column_config={"line": "Line", "change": "What it would change"})
            if st.button("Apply", type="primary", disabled=not plan.ok, key="admin_import_apply",
                         help="All of the changes above in one step, or none."):
                applied = inv.apply_import(kind, upload.getvalue(), actor=user)
                st.session_state[IMPORT_ROUND] = imported + 1
                done(f"Imported {upload.name}: {applied.summary()}")

with backup_tab:
    backups = Path(inv.path).parent / "backups"
    st.markdown("A backup is a copy of the whole inventory at one moment. This app holds the "
                "database file while it runs, so back up from here; no other program can copy "
                "it now.")
    with st.form("admin_backup_form"):
        folder = st.text_input("Into a new folder", key="admin_backup_folder",
                               placeholder=f"{backups}/<date and time>",
                               help=f"Left empty: a folder named after the time (UTC) in "
                                    f"{md(backups)}.")
        if st.form_submit_button("Back up now", type="primary"):
            with refusals_shown():
                written = inv.backup(folder.strip() or backups / (
                    f"{datetime.now(timezone.utc):%Y-%m-%d_%H%M%S}"), actor=user)
                done(f"Backed up the inventory to {written}.", clear=["admin_backup_folder"])
    taken = sorted(({"folder": str(manifest.parent), **json.loads(manifest.read_text())}
                    for manifest in backups.glob(f"*/{MANIFEST_FILE}")
                    if (manifest.parent / BACKUP_FILE).exists()),
                   key=lambda backup: backup["taken_at"], reverse=True)
    if taken:
        st.dataframe(taken, hide_index=True, width="stretch",
                     column_order=["taken_at", "by", "numbers", "events", "folder"],
                     column_config={"taken_at": "Taken (UTC)", "by": "By",
                                    "numbers": COUNT("Numbers"), "events": COUNT("Events"),
                                    "folder": "Folder"})
    st.markdown("**Restore** a backup from a shell, with the app stopped (one program at a time "
                "may hold the database file). Restore checks the backup first and keeps the "
                "current file beside the restored one:")
    latest = taken[0]["folder"] if taken else f"{backups}/FOLDER"
    st.code(f"python -m numcore --db {shlex.quote(inv.path)} restore {shlex.quote(latest)} "
            f"--actor {shlex.quote(user)}", language="bash")
