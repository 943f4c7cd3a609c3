"""The child of the crash test: runs random commands on an inventory file until it is killed.

Before each command it reports the numbers the command may change, and after each commit the
audit event it wrote and the new state of those numbers, so that the parent, after `kill -9`,
can tell which changes were committed. Reports go to ``report`` (a Connection's ``send``), or
to stdout as JSON lines when run by hand:

    python tests/integration/crash_child.py data/some.duckdb 7
"""

from __future__ import annotations

import json
import random
import sys
import traceback

from numcore import Inventory, NumcoreError

ACTOR = "ann"  # the admin: most commands can succeed
USERS = ["Dr. Lee", "bob", "eve"]


def run(path: str, seed: int, report) -> None:
    try:
        _run(path, seed, report)
    except Exception:  # anything but a refusal is a failure the parent must see, with its cause
        report({"crashed": traceback.format_exc()})
        raise


def _run(path: str, seed: int, report) -> None:
    rng = random.Random(seed)
    inv = Inventory.open(path)
    parents = {int(o): inv.org(int(o)).parent_id for o in inv.orgs()["id"]}
    root = next(o for o, parent in parents.items() if parent is None)
    below = [o for o in parents if o != root]
    series = int(inv.series()["id"].iloc[0])
    tags = [int(t) for t in inv.tags()["id"]]
    pool = inv.numbers_held(root)["e164"].tolist()
    step = 0
    while True:
        step += 1
        kind, numbers, call = _choose(inv, rng, root, below, parents, series, tags, pool)
        report({"intent": step, "action": kind, "numbers": numbers})
        try:
            call()
        except NumcoreError as refusal:
            report({"refused": step, "why": str(refusal)})
            continue
        event = int(inv.history(limit=1)["id"].iloc[0])
        states = {}
        for number in numbers:
            info = inv.number(number)
            states[number] = [info.holder_id, info.status, info.tag_id, info.assignee]
        report({"done": step, "event": event, "action": kind, "states": states})


def _choose(inv, rng, root, below, parents, series, tags, pool):
    """(action, the numbers it may change, the call): a random command on what reads show."""
    org = rng.choice(below)
    kind = rng.choice(["allocate", "allocate", "withdraw", "allocate_numbers", "withdraw_numbers",
                       "reserve", "unreserve", "assign", "register", "release"])
    if kind == "allocate":
        quantity = rng.randint(1, 12)
        numbers = _available(inv, parents[org], quantity)
        return kind, numbers, lambda: inv.allocate(series, quantity, org, actor=ACTOR)
    if kind == "withdraw":
        quantity = rng.randint(1, 8)
        numbers = _available(inv, org, 10_000)[-quantity:]
        return kind, numbers, lambda: inv.withdraw(org, series, quantity, actor=ACTOR)
    if kind in ("unreserve", "register", "release"):
        status = {"unreserve": "reserved", "register": "assigned"}.get(kind, "registered")
        if kind == "release" and rng.random() < 0.5:
            status = "assigned"
        listed = inv.numbers_in(root, status)["e164"].tolist()
        numbers = [rng.choice(listed or pool)]
        return kind, numbers, lambda: getattr(inv, kind)(numbers[0], actor=ACTOR)
    source = rng.choice([root, *below]) if kind != "withdraw_numbers" else org
    shown = _available(inv, source, 20)
    numbers = rng.sample(shown, min(len(shown), rng.randint(1, 4))) or [rng.choice(pool)]
    if kind == "allocate_numbers":
        return kind, numbers, lambda: inv.allocate_numbers(numbers, org, actor=ACTOR)
    if kind == "withdraw_numbers":
        return kind, numbers, lambda: inv.withdraw_numbers(numbers, actor=ACTOR)
    numbers = numbers[:1]
    if kind == "reserve":
        to = rng.choice([None, org])
        return kind, numbers, lambda: inv.reserve(numbers[0], rng.choice(tags), to_org_id=to,
                                                  actor=ACTOR)
    return kind, numbers, lambda: inv.assign(numbers[0], rng.choice(USERS), org, actor=ACTOR)


def _available(inv, org, most):
    return inv.search_available(org, limit=most)["e164"].tolist()


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]), lambda line: print(json.dumps(line), flush=True))
