"""Load the demo inventory of ``data/demo/`` (plain CSV files) through the public API."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .errors import InvalidState
from .inventory import Inventory

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
SEED_ACTOR = "admin"
ONE_BY_ONE = 3  # numbers per assignment row that are assigned by single commands


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def seed(inv: Inventory, folder: Path | str = DEMO_DIR, actor: str = SEED_ACTOR) -> dict:
    """Build the demo inventory in an empty ``inv``; returns how many of each thing it made."""
    folder = Path(folder)
    if len(inv.orgs()):
        raise InvalidState(f"{inv.path} already holds an inventory; seed only an empty one.")
    made = dict.fromkeys(["orgs", "series", "tags", "grants", "allocations", "reservations",
                          "assignments", "releases"], 0)
    grants = _rows(folder, "grants.csv")
    first_admin = next(g["user"] for g in grants if g["role"] == "admin")
    inv.grant(first_admin, "admin", actor=actor)

    org_ids: dict[str, int] = {}
    for row in _rows(folder, "orgs.csv"):
        parent, _, name = row["path"].rpartition(" / ")
        org = inv.create_org(name, org_ids[parent] if parent else None, actor=actor)
        org_ids[org.path] = org.id
        if int(row["threshold"]) != inv.settings(org.id).threshold:
            inv.set_threshold(org.id, int(row["threshold"]), actor=actor)
        if int(row["aging_days"]) != inv.settings(org.id).aging_days:
            inv.set_aging_days(org.id, int(row["aging_days"]), actor=actor)
        made["orgs"] += 1

    for grant in grants:
        if grant["user"] != first_admin or grant["role"] != "admin":
            org_id = org_ids[grant["org"]] if grant["org"] else None
            inv.grant(grant["user"], grant["role"], org_id, actor=actor)
        made["grants"] += 1

    series_ids: dict[str, int] = {}
    golden: set[str] = set()
    for row in _rows(folder, "series.csv"):
        if row["series"] in series_ids:
            inv.add_range(series_ids[row["series"]], row["first"], row["last"], actor=actor)
        else:
            series = inv.create_series(row["series"], [(row["first"], row["last"])], actor=actor)
            series_ids[series.name] = series.id
            made["series"] += 1
        if row.get("golden", "").lower() == "yes":
            golden.add(row["series"])
    for name in sorted(golden):
        inv.flag_golden(series_ids[name], actor=actor)

    tag_ids = {}
    for row in _rows(folder, "tags.csv"):
        tag_ids[row["tag"]] = inv.create_tag(row["tag"], row["kind"], actor=actor).id
        made["tags"] += 1

    for row in _rows(folder, "allocations.csv"):
        inv.allocate(series_ids[row["series"]], int(row["quantity"]), org_ids[row["to"]],
                     consecutive=row["consecutive"] == "yes", actor=actor)
        made["allocations"] += 1

    for row in _rows(folder, "reservations.csv"):
        to_org = org_ids[row["org"]] if row["org"] else None
        inv.reserve(row["number"], tag_ids[row["tag"]], to_org_id=to_org, actor=actor)
        made["reservations"] += 1

    # A few numbers per row go through assign/register one by one (so the history shows them);
    # the rest arrive as one import, as an existing inventory would from a spreadsheet.
    imported = []
    for row in _rows(folder, "assignments.csv"):
        org_id, series_id = org_ids[row["org"]], series_ids[row["series"]]
        pool = inv.search_available(org_id, series_id, limit=int(row["assigned"]))
        for i, number in enumerate(pool["e164"]):
            user = f"{row['user_prefix']}{i + 1:03d}@acme.example"
            status = "registered" if i < int(row["registered"]) else "assigned"
            if i < ONE_BY_ONE:
                inv.assign(number, user, org_id, actor=actor)
                if status == "registered":
                    inv.register(number, actor=actor)
            else:
                imported.append({"number": number, "holder": row["org"], "status": status,
                                 "assignee": user})
            made["assignments"] += 1
    if imported:
        inv.apply_import("numbers", pd.DataFrame(imported), actor=actor)

    for row in _rows(folder, "releases.csv"):
        org_id, series = org_ids[row["org"]], row["series"]
        live = inv.numbers_in(org_id, "registered")
        live = live[(live["holder_id"] == org_id) & (live["series"] == series)]
        for number in live["e164"].head(int(row["count"])):
            inv.release(number, actor=actor)
            made["releases"] += 1
    return made
