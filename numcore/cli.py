"""``python -m numcore --db PATH COMMAND``: seed, check, report and grant from a shell."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from .errors import NumcoreError
from .inventory import Inventory
from .seed import DEMO_DIR, seed

DEFAULT_DB = "data/numbers.duckdb"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
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


def org_by_path(inv: Inventory, path: str) -> int:
    """The id of the org at ``path`` ('Acme / Sales'), ignoring case and spacing."""
    wanted = " / ".join(part.strip() for part in path.split("/")).casefold()
    orgs = inv.orgs()
    found = orgs[orgs["path"].str.casefold() == wanted]
    if found.empty:
        raise NumcoreError(f"There is no org at {path}.")
    return int(found["id"].iloc[0])
