"""D3.8 under load: eight threads run random commands on one shared Inventory and a small pool,
so that they collide; afterwards no number has two holders, the counts add up, every success
has its audit event, and nothing but a NumcoreError escaped any thread."""

import random
import threading
import time
from collections import Counter

from numcore import Conflict, Inventory, NumcoreError

from tests.integration.builders import FakeClock, add_people, build_tree

THREADS = 8
COMMANDS_PER_THREAD = 130  # 1,040 in all
POOL = [f"+1415555{k:04d}" for k in range(200)]  # +14155550000 .. +14155550199
ACTORS = ["ann", "ann", "ann", "mia", "sam"]  # the admin and the managers of Sales and Support
USERS = ["Dr. Lee", "bob", "eve"]


def build_busy_inventory(path) -> tuple[Inventory, dict]:
    inv = Inventory.open(str(path), clock=FakeClock())
    root, sales, west, support = build_tree(inv)
    series = inv.create_series("US 415", [(POOL[0], POOL[-1])], actor="ann")
    tags = [tag.id for tag in add_people(inv, root, sales, support)]
    inv.set_aging_days(west.id, 0, actor="ann")  # West's releases come straight back
    world = {"root": root.id, "below": [sales.id, west.id, support.id],
             "orgs": [root.id, sales.id, west.id, support.id], "series": series.id, "tags": tags}
    return inv, world


def random_command(inv: Inventory, world: dict, rng: random.Random):
    """One command as a user would pick it, often from what a read just showed them, so that
    threads race for the same numbers. Returns the command's name."""
    actor = rng.choice(ACTORS)
    org = rng.choice(world["orgs"])
    below = rng.choice(world["below"])
    kind = rng.choice(["allocate", "allocate", "withdraw", "allocate_found", "withdraw_found",
                       "reserve", "unreserve", "assign", "register", "release", "release"])
    if kind == "allocate":
        inv.allocate(world["series"], rng.randint(1, 10), below, actor=actor,
                     consecutive=rng.random() < 0.2)
    elif kind == "withdraw":
        inv.withdraw(below, world["series"], rng.randint(1, 10), actor=actor)
    elif kind in ("allocate_found", "withdraw_found", "reserve", "assign"):
        shown = inv.search_available(org, limit=6)["e164"].tolist()
        chosen = rng.sample(shown, min(len(shown), rng.randint(1, 3))) or [rng.choice(POOL)]
        if kind == "allocate_found":
            inv.allocate_numbers(chosen, below, actor=actor)
        elif kind == "withdraw_found":
            inv.withdraw_numbers(chosen, actor=actor)
        elif kind == "reserve":
            inv.reserve(chosen[0], rng.choice(world["tags"]), actor=actor,
                        to_org_id=rng.choice([None, below]))
        else:
            inv.assign(chosen[0], rng.choice(USERS), rng.choice([org, below]), actor=actor)
    else:
        status = {"unreserve": "reserved", "register": "assigned"}.get(kind, "assigned")
        listed = inv.numbers_in(world["root"], status)["e164"].tolist()
        number = rng.choice(listed) if listed else rng.choice(POOL)
        getattr(inv, kind)(number, actor=actor)
    return kind


def test_eight_threads_of_random_commands_never_break_an_invariant(tmp_path, record_property):
    inv, world = build_busy_inventory(tmp_path / "busy.duckdb")
    setup_events = inv.event_count()
    outcomes: Counter = Counter()
    escaped: list[str] = []
    tally_lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        start.wait()
        for _ in range(COMMANDS_PER_THREAD):
            try:
                random_command(inv, world, rng)
                outcome = "succeeded"
            except Conflict:
                outcome = "gave up on a conflict"
            except NumcoreError:
                outcome = "refused"
            except BaseException as error:  # noqa: BLE001 - the point is to catch anything else
                outcome = "escaped"
                with tally_lock:
                    escaped.append(f"{type(error).__name__}: {error}")
            with tally_lock:
                outcomes[outcome] += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began

    try:
        commands = sum(outcomes.values())
        conflicts = inv.stats.get("conflicts", 0)
        figures = (f"{commands} commands in {THREADS} threads, "
                   f"{outcomes['succeeded']} succeeded, {outcomes['refused']} refused, "
                   f"{outcomes['gave up on a conflict']} gave up on a conflict, "
                   f"{conflicts} conflicts retried, {elapsed:.1f} s")
        record_property("concurrency", figures)

        assert escaped == []
        assert commands == THREADS * COMMANDS_PER_THREAD >= 1000
        assert outcomes["succeeded"] > 200 and outcomes["refused"] > 100  # they did collide
        held = inv.numbers_held(world["root"])["e164"].tolist()
        assert sorted(held) == POOL  # each number exactly once: none lost, none with two holders
        holdings = inv.holdings(world["root"])
        statuses = ["available", "reserved", "assigned", "registered", "aging"]
        assert int(holdings[statuses].to_numpy().sum()) == len(POOL)
        assert inv.series()["size"].tolist() == [len(POOL)]
        assert inv.utilization(world["root"])["total"] == len(POOL)
        assert inv.event_count() == setup_events + outcomes["succeeded"]
        assert inv.check() == []
    finally:
        inv.close()
