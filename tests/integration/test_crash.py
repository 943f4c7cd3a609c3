"""D3.8 across crashes: a child process runs commands on the inventory file and reports each
commit; the test kills it with SIGKILL at random moments, reopens the file and checks that it
is sound and that every reported commit is there, and that nothing else (but the one command
that may have committed unreported) changed.

The children come from a multiprocessing forkserver that has imported numcore once and never
opened a database, so each child is a fresh process that starts in milliseconds instead of the
second an interpreter needs to import pandas and DuckDB; the parent closes its own Inventory
before each child starts, since DuckDB allows one process per file.
"""

import multiprocessing
import os
import random
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from numcore import Inventory, NumcoreError

from tests.integration import crash_child
from tests.integration.builders import FakeClock, add_people, build_tree, number_states

KILLS = 24  # in all, over LANES files crashed side by side
LANES = 2
POOL = ("+14155550100", "+14155550219")  # 120 numbers


def build(path: Path) -> None:
    with Inventory.open(str(path), clock=FakeClock()) as inv:
        root, sales, west, support = build_tree(inv)
        inv.create_series("US 415", [POOL], actor="ann")
        add_people(inv, root, sales, support)
        for org in (root, sales, west, support):  # releases return at once: numbers keep moving
            inv.set_aging_days(org.id, 0, actor="ann")


def observe(path: Path):
    """Open the file as a restarted app would: (check(), events id -> action, number states)."""
    with Inventory.open(str(path)) as inv:
        problems = inv.check()
        history = inv.history(limit=None)
        events = dict(zip(history["id"].astype(int), history["action"]))
        tags = dict(zip(inv.tags()["id"].astype(int), inv.tags()["name"]))
        root = int(inv.orgs()["id"].iloc[0])
        states = number_states(inv, root)
    return problems, events, states, tags


def crash_again_and_again(path: Path, kills: int, seed: int) -> tuple[int, int, int]:
    """Kill ``kills`` children of ``path`` and verify the file after each kill; returns (kills,
    reported commits verified, commits found that the child had no time to report)."""
    problems, events, expected, tags = observe(path)
    assert problems == []
    known_events = set(events)
    reported: dict[int, str] = {}  # event id -> action, every commit a child reported
    context = multiprocessing.get_context("forkserver")
    rng = random.Random(seed)
    killed = unreported_commits = 0

    for cycle in range(kills):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=crash_child.run, args=(str(path), seed + cycle, sender.send))
        child.start()
        sender.close()
        messages = []
        wanted = rng.choice([0, 1, 2, 3, *range(4, 30)])  # how long it may run: a random moment
        while len(messages) < wanted:
            try:
                messages.append(receiver.recv())
            except EOFError:
                break  # the child ended by itself: the exit code below says it was not killed
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)  # kill -9, wherever it is
        child.join()
        while receiver.poll():  # what it reported before it died
            try:
                messages.append(receiver.recv())
            except EOFError:
                break
        receiver.close()
        crashed = [m["crashed"] for m in messages if "crashed" in m]
        assert child.exitcode == -signal.SIGKILL, \
            f"the child ended by itself ({child.exitcode}): {crashed or messages[-3:]}"
        killed += 1

        pending = None  # the command that had started but not reported its end
        for message in messages:
            if "intent" in message:
                pending = message
            elif "done" in message:
                reported[message["event"]] = message["action"]
                for number, (holder, status, tag, assignee) in message["states"].items():
                    expected[number] = (holder, status, tags.get(tag), assignee, None)
                pending = None
            else:
                pending = None

        problems, events, states, _ = observe(path)
        assert problems == [], f"after kill {killed} of {path.name}: {problems}"
        assert {e: events.get(e) for e in reported} == reported  # every reported commit is there
        unreported = set(events) - known_events - set(reported)
        assert len(unreported) <= 1 and (not unreported or pending is not None), unreported
        unreported_commits += len(unreported)
        # Only the numbers of a command that committed without reporting may differ.
        uncertain = set(pending["numbers"]) if unreported else set()
        assert {n: s for n, s in states.items() if n not in uncertain} == \
            {n: s for n, s in expected.items() if n not in uncertain}, f"after kill {killed}"
        assert len(states) == 120
        expected, known_events = states, set(events)
    return killed, len(reported), unreported_commits


def test_killed_children_never_lose_a_reported_commit(tmp_path, record_property):
    multiprocessing.get_context("forkserver").set_forkserver_preload(
        ["numcore", "tests.integration.crash_child"])
    paths = [tmp_path / f"crash{lane}.duckdb" for lane in range(LANES)]
    for path in paths:
        build(path)
    with ThreadPoolExecutor(LANES) as lanes:  # one file per lane, both cores busy
        results = list(lanes.map(crash_again_and_again, paths, [KILLS // LANES] * LANES,
                                 [1000 * lane for lane in range(LANES)]))
    kills, verified, unreported = (sum(column) for column in zip(*results))
    figures = (f"{kills} kills survived, {verified} reported commits verified, "
               f"{unreported} commits found that the child had no time to report")
    record_property("crash", figures)
    assert kills >= 20 and verified >= 50


def test_a_file_held_by_another_process_is_refused_in_words(tmp_path):
    path = tmp_path / "held.duckdb"
    build(path)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from numcore import Inventory; inv = Inventory.open(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2])
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(NumcoreError) as refused:
            Inventory.open(str(path))
        message = str(refused.value)
        assert f"The inventory {path} is open in another process (process {holder.pid})" in message
        assert "DuckDB allows one process per file" in message
    finally:
        holder.stdin.close()
        holder.wait()
    with Inventory.open(str(path)) as inv:  # and once that process is gone, it opens again
        assert inv.check() == []
