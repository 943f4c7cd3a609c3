"""``python -m numcore --db PATH COMMAND``: the inventory from a shell (seed, check, report,
grants, import, export, backup, restore)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from . import export
from .backup import restore
from .errors import NumcoreError
from .imports import KINDS
from .inventory import Inventory
from .seed import DEMO_DIR, seed

DEFAULT_DB = "data/numbers.duckdb"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.run is _restore:
            return _restore(None, args)
        with Inventory.open(args.db) as inv:
            return args.run(inv, args)
    except NumcoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m numcore",
                                     description="The number inventory from a shell.")
    parser.add_argument("--db", default=DEFAULT_DB, help=f"inventory file (default {DEFAULT_DB})")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    command = commands.add_parser("seed", help="load the demo inventory into an empty file")
    command.add_argument("--from", dest="folder", default=str(DEMO_DIR),
                         help="folder of demo CSV files (default data/demo)")
    command.set_defaults(run=_seed)

    command = commands.add_parser("check", help="verify every invariant; exit 1 if unsound")
    command.set_defaults(run=_check)

    command = commands.add_parser("report", help="utilization per org")
    command.add_argument("--org", help="path of the top org (default: the root)")
    command.add_argument("--json", action="store_true", help="print JSON instead of a table")
    command.set_defaults(run=_report)

    command = commands.add_parser("grant", help="give a user a role (the first must be admin)")
    command.add_argument("user")
    command.add_argument("role", choices=["admin", "manager", "viewer"])
    command.add_argument("--org", help="org path, for manager and viewer")
    command.add_argument("--actor", default=getpass.getuser(),
                         help="who grants (an admin; anyone for the first grant)")
    command.set_defaults(run=_grant)

    command = commands.add_parser("revoke", help="take a role away")
    command.add_argument("user")
    command.add_argument("role", choices=["admin", "manager", "viewer"])
    command.add_argument("--org", help="org path, for manager and viewer")
    command.add_argument("--actor", default=getpass.getuser(), help="who revokes (an admin)")
    command.set_defaults(run=_revoke)

    command = commands.add_parser("grants", help="list grants")
    command.set_defaults(run=_grants)

    command = commands.add_parser("import", help="import orgs, series or numbers from CSV "
                                                 "(a dry run unless --apply)")
    command.add_argument("kind", choices=sorted(KINDS))
    command.add_argument("file", help="the CSV file")
    command.add_argument("--apply", action="store_true", help="apply it (all or nothing)")
    command.add_argument("--actor", default=getpass.getuser(), help="who imports (an admin)")
    command.set_defaults(run=_import)

    command = commands.add_parser("export", help="export a table of an org's subtree")
    command.add_argument("table", choices=export.TABLES)
    command.add_argument("--org", help="org path (default: the root)")
    command.add_argument("--format", choices=export.FORMATS, default="csv")
    command.add_argument("--out", required=True, help="file to write")
    command.set_defaults(run=_export)

    command = commands.add_parser("backup", help="copy the inventory into a new folder "
                                                 "(while the app runs, use its Admin page)")
    command.add_argument("folder")
    command.add_argument("--actor", default=getpass.getuser(), help="who backs up (an admin)")
    command.set_defaults(run=_backup)

    command = commands.add_parser("restore", help="replace the inventory by a backup "
                                                  "(stop the app first); runs check()")
    command.add_argument("folder")
    command.add_argument("--actor", default=getpass.getuser(), help="who restores (an admin)")
    command.set_defaults(run=_restore)
    return parser


def _seed(inv: Inventory, args) -> int:
    made = seed(inv, Path(args.folder))
    print("Seeded " + ", ".join(f"{n} {what}" for what, n in made.items()) + f" into {inv.path}.")
    return 0


def _check(inv: Inventory, args) -> int:
    problems = inv.check()
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{inv.path} is sound.")
    return 1 if problems else 0


def _report(inv: Inventory, args) -> int:
    org_id = org_by_path(inv, args.org) if args.org else None
    table = inv.report(org_id)
    if args.json:
        print(json.dumps(table.astype(object).where(table.notna(), None).to_dict("records"),
                         indent=2, default=str))
    else:
        shown = table.drop(columns=["org_id", "parent_id"])
        print(shown.to_string(index=False))
    return 0


def _grant(inv: Inventory, args) -> int:
    org_id = org_by_path(inv, args.org) if args.org else None
    inv.grant(args.user, args.role, org_id, actor=args.actor)
    print(f"{args.user} is now {args.role}" + (f" of {args.org}." if args.org else "."))
    return 0


def _revoke(inv: Inventory, args) -> int:
    org_id = org_by_path(inv, args.org) if args.org else None
    inv.revoke(args.user, args.role, org_id, actor=args.actor)
    print(f"{args.user} is no longer {args.role}" + (f" of {args.org}." if args.org else "."))
    return 0


def _grants(inv: Inventory, args) -> int:
    print(inv.grants().drop(columns=["org_id"]).to_string(index=False))
    return 0


def _import(inv: Inventory, args) -> int:
    source = Path(args.file).read_bytes()
    if args.apply:
        plan = inv.apply_import(args.kind, source, actor=args.actor)
        print(f"Imported {args.file}: {plan.summary()}")
        return 0
    plan = inv.plan_import(args.kind, source)
    for line, change in plan.changes:
        print(f"line {line}: {change}")
    for line, column, problem in plan.problems:
        print(f"line {line}, column {column}: {problem}", file=sys.stderr)
    print(plan.summary() if plan.problems else f"Dry run: {plan.summary()} Add --apply to import.")
    return 1 if plan.problems else 0


def _export(inv: Inventory, args) -> int:
    org_id = org_by_path(inv, args.org) if args.org else int(inv.orgs()["id"].iloc[0])
    table = export.table(inv, args.table, org_id)
    Path(args.out).write_bytes(export.encode(table, args.format, args.table))
    print(f"Wrote {len(table)} rows of {args.table} to {args.out}.")
    return 0


def _backup(inv: Inventory, args) -> int:
    print(f"Backed up {inv.path} to {inv.backup(args.folder, actor=args.actor)}.")
    return 0


def _restore(_, args) -> int:
    kept = restore(args.folder, args.db, actor=args.actor)
    print(f"Restored {args.db} from {args.folder}; check() passed."
          + (f" The previous file is kept as {kept}." if str(kept) != args.db else ""))
    return 0


def org_by_path(inv: Inventory, path: str) -> int:
    """The id of the org at ``path`` ('Acme / Sales'), ignoring case and spacing."""
    wanted = " / ".join(part.strip() for part in path.split("/")).casefold()
    orgs = inv.orgs()
    found = orgs[orgs["path"].str.casefold() == wanted]
    if found.empty:
        raise NumcoreError(f"There is no org at {path}.")
    return int(found["id"].iloc[0])
