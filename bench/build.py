"""Build the synthetic inventory (bench.synthetic) on numcore or on the SQLite baseline.

numcore is built only through its public API and its bulk paths: one orgs import, one series
import (every range inserted in bulk), an allocation from the root for what each org holds,
and numbers imports (in chunks, as spreadsheets would arrive) for the numbers in service,
which also create the tags they name.
The baseline gets the same commands. ``own_pools`` replays the allocations without a
database, so the benchmark knows which numbers each org holds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta

import numpy as np
import pandas as pd

from . import synthetic
from .engines import open_engine
from .synthetic import Plan

IMPORT_CHUNK = 100_000  # rows per numbers import
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
    rows in number order (as a spreadsheet sorted by number would arrive). Rows are kept as
    numbers and codes until their chunk is written out as text."""
    levels = {o.path: o.level for o in plan.orgs}
    held = sorted(((path, series), pool) for (path, series), pool in pools.items() if pool.runs)
    words = _Words(plan)
    parts: list[tuple] = []  # (numbers, status codes, tag codes, holder code), one per pool
    waiting = 0
    for salt, ((path, _), pool) in sorted(enumerate(held), key=lambda x: x[1][1].runs[0]):
        level = levels[path]
        if level == 1:
            continue
        count = int(pool.size() * synthetic.IN_USE[level])
        numbers = np.fromiter(pool.numbers(count), dtype=np.int64, count=count)
        statuses = words.code("status", synthetic.statuses_for(level, count, salt))
        tags = (numbers + np.arange(count)) % len(plan.tags)
        parts.append((numbers, statuses, tags, np.full(count, words.code("holder", [path])[0])))
        waiting += count
        while waiting >= IMPORT_CHUNK:
            chunk, parts = _split(parts, IMPORT_CHUNK)
            waiting -= IMPORT_CHUNK
            yield words.rows(chunk)
    if waiting:
        yield words.rows(parts)


def _split(parts, size: int):
    """The first ``size`` rows of ``parts``, and the rest."""
    taken, left = [], size
    while left:
        if len(parts[0][0]) <= left:
            taken.append(parts.pop(0))
            left -= len(taken[-1][0])
        else:
            taken.append(tuple(column[:left] for column in parts[0]))
            parts[0] = tuple(column[left:] for column in parts[0])
            left = 0
    return taken, parts


class _Words:
    """The text of the import rows, from codes (pandas' string operations build each chunk:
    the benchmark should not time Python loops of its own)."""

    def __init__(self, plan: Plan):
        self.values = {"status": [], "holder": [], "tag": list(plan.tags)}
        self.until = (date.today() + timedelta(days=30)).isoformat()

    def code(self, column: str, texts) -> np.ndarray:
        values = self.values[column]
        for text in dict.fromkeys(texts):
            if text not in values:
                values.append(text)
        index = {text: i for i, text in enumerate(values)}
        return np.array([index[text] for text in texts], dtype=np.int64)

    def text(self, column: str, codes) -> pd.Series:
        return pd.Series(pd.array(self.values[column], dtype="str")).take(codes).reset_index(
            drop=True)

    def rows(self, parts) -> pd.DataFrame:
        numbers, statuses, tags, holders = (np.concatenate([p[i] for p in parts])
                                            for i in range(4))
        digits = pd.Series(numbers).astype("str")
        status = self.text("status", statuses)
        return pd.DataFrame({
            "number": "+" + digits,
            "holder": self.text("holder", holders),
            "status": status,
            "tag": self.text("tag", tags).where(status == "reserved", ""),
            "assignee": ("u" + digits + "@corp.example").where(
                status.isin(["assigned", "registered"]), ""),
            "until": pd.Series(self.until, index=status.index, dtype="str").where(
                status == "aging", ""),
        })


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
    target.create_series([(s.name, s.ranges) for s in plan.series])
    org_ids, series_ids = target.org_ids(), target.series_ids()
    lap("orgs and series")
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
