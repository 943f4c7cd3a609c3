"""Build the synthetic inventory (bench.synthetic) on numcore or on the SQLite baseline.

numcore is built only through its public API and its bulk paths: one orgs import, one
create_series per series (its ranges are inserted in bulk), allocate down the tree, and
numbers imports (in chunks, as spreadsheets would arrive) for the numbers in service.
The baseline gets the same commands. ``own_pools`` replays the allocations without a
database, so the benchmark knows which numbers each org holds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta

import pandas as pd

from . import synthetic
from .engines import open_engine
from .synthetic import Plan

IMPORT_CHUNK = 250_000  # rows per numbers import
IMPORT_COLUMNS = ["number", "holder", "status", "tag", "assignee", "until"]


class Pool:
    """The numbers an org holds of one series, as sorted runs [first, last]."""

    def __init__(self, runs=()):
        self.runs = [list(r) for r in runs]

    def take(self, quantity: int) -> "Pool":
        """The lowest ``quantity`` numbers, removed from this pool."""
        taken, left = [], quantity
        while left:
            first, last = self.runs[0]
            n = min(left, last - first + 1)
            taken.append([first, first + n - 1])
            if first + n - 1 == last:
                self.runs.pop(0)
            else:
                self.runs[0][0] = first + n
            left -= n
        return Pool(taken)

    def size(self) -> int:
        return sum(b - a + 1 for a, b in self.runs)

    def numbers(self, limit: int | None = None) -> Iterator[int]:
        for first, last in self.runs:
            for n in range(first, last + 1):
                if limit is not None:
                    if limit == 0:
                        return
                    limit -= 1
                yield n


def replay(plan: Plan, pools: dict[tuple[str, str], Pool]):
    """Replay the plan's allocations (all from the root) on ``pools`` ((org path, series) ->
    Pool, filled in); yields each allocation with the first and last number it must take."""
    pools.update({(synthetic.ROOT, s.name): Pool(s.ranges) for s in plan.series})
    for series, to, quantity in plan.allocations:
        taken = pools[(to, series)] = pools[(synthetic.ROOT, series)].take(quantity)
        yield series, to, quantity, taken.runs[0][0], taken.runs[-1][1]


def own_pools(plan: Plan) -> dict[tuple[str, str], Pool]:
    """(org path, series name) -> the numbers that org keeps itself after every allocation."""
    pools: dict[tuple[str, str], Pool] = {}
    for _ in replay(plan, pools):
        pass
    return pools


def in_service(plan: Plan, pools) -> Iterator[pd.DataFrame]:
    """The numbers import rows: each org's lowest own numbers put in service, in chunks of
    rows in number order (as a spreadsheet sorted by number would arrive)."""
    levels = {o.path: o.level for o in plan.orgs}
    until = (date.today() + timedelta(days=30)).isoformat()
    columns: dict[str, list] = {c: [] for c in IMPORT_COLUMNS}
    held = sorted(((path, series), pool) for (path, series), pool in pools.items() if pool.runs)
    for salt, ((path, series), pool) in sorted(enumerate(held), key=lambda x: x[1][1].runs[0]):
        level = levels[path]
        if level == 1:
            continue
        count = int(pool.size() * synthetic.IN_USE[level])
        statuses = synthetic.statuses_for(level, count, salt)
        for i, (num, status) in enumerate(zip(pool.numbers(count), statuses)):
            columns["number"].append(f"+{num}")
            columns["holder"].append(path)
            columns["status"].append(status)
            columns["tag"].append(plan.tags[(num + i) % len(plan.tags)]
                                  if status == "reserved" else "")
            columns["assignee"].append(f"u{num}@corp.example"
                                       if status in ("assigned", "registered") else "")
            columns["until"].append(until if status == "aging" else "")
            if len(columns["number"]) == IMPORT_CHUNK:
                yield pd.DataFrame(columns)
                columns = {c: [] for c in IMPORT_COLUMNS}
    if columns["number"]:
        yield pd.DataFrame(columns)


def build(engine: str, path: str, plan: Plan) -> dict[str, float]:
    """Build the plan's inventory in an empty file; returns seconds per phase and in total."""
    phases: dict[str, float] = {}
    started = mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        phases[name] = now - mark
        mark = now

    target = open_engine(engine, path)
    target.create_orgs([o.path for o in plan.orgs])
    org_ids = target.org_ids()
    series_ids = {s.name: target.create_series(s.name, s.ranges) for s in plan.series}
    for tag in plan.tags:
        target.create_tag(tag)
    lap("orgs, series, tags")
    pools: dict[tuple[str, str], Pool] = {}
    root = org_ids[synthetic.ROOT]
    for series, to, quantity, first, last in replay(plan, pools):
        got = target.allocate(series_ids[series], quantity, org_ids[to], from_org_id=root)
        if (len(got), got[0], got[-1]) != (quantity, f"+{first}", f"+{last}"):
            raise AssertionError(f"allocating {quantity} of {series} to {to} took other numbers")
    lap("allocations")
    imported = 0
    for frame in in_service(plan, pools):
        target.import_numbers(frame)
        imported += len(frame)
    lap("imports")
    target.close()
    phases["total"] = time.perf_counter() - started
    phases["imported rows"] = imported
    phases["allocate commands"] = len(plan.allocations)
    return phases
