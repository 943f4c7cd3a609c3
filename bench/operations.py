"""The timed operations: the same scenario on numcore and on the SQLite baseline.

Every operation runs ``runs`` times on a built inventory. Commands that would drain a pool are
undone between runs, untimed (an allocation by withdrawing the same numbers, and back), so each
run sees the same state. Which numbers a run touches comes from the plan (bench.build.own_pools),
never from the engine under test.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from . import synthetic
from .build import own_pools
from .engines import open_engine
from .synthetic import Plan

REGION = f"{synthetic.ROOT} / {synthetic.REGIONS[0]}"
BIG, LISTED = synthetic.FRESH  # fresh series wholly at the root: quantities, explicit lists

OPERATIONS = [
    "allocate 10k", "allocate 100k", "allocate_numbers 100", "withdraw 10k", "reserve one",
    "search_available 7-digit prefix", "utilization(root)", "holdings(root)",
    "history(limit=100)", "check()",
]


class Scenario:
    """The numbers the operations use, from the plan."""

    def __init__(self, plan: Plan):
        pools = own_pools(plan)
        levels = {o.path: o.level for o in plan.orgs}
        self.listed_first = next(s for s in plan.series if s.name == LISTED).ranges[0][0]
        # The team with the largest own pool of a series; its numbers past those in service.
        self.team, series = max(((p, s) for p, s in pools if levels[p] == 5),
                                key=lambda key: pools[key].size())
        pool = pools[(self.team, series)]
        in_use = int(pool.size() * synthetic.IN_USE[5])
        self.team_free = list(pool.numbers(in_use + 100))[in_use:]
        self.tag = plan.tags[0]

    def listed(self, run: int) -> list[str]:
        """100 numbers of LISTED (every third of a block), a new block for each run."""
        start = self.listed_first + run * 1000
        return [f"+{n}" for n in range(start, start + 300, 3)]

    def prefix(self) -> str:
        """The first 7 digits of the team's first available number, as typed: '+1305200'."""
        return f"+{str(self.team_free[0])[:7]}"


def time_operations(engine: str, path: str, plan: Plan, runs: int) -> dict[str, list[float]]:
    """Seconds of each run of each operation, by operation (or the error that stopped it)."""
    scenario = Scenario(plan)
    subject = open_engine(engine, path)
    seconds: dict = {}
    try:
        for name, step in _steps(subject, scenario):
            try:
                seconds[name] = _timed(step, runs)
            except Exception as error:  # report it and go on with the next operation
                seconds[name] = f"{type(error).__name__}: {error}"
        return seconds
    finally:
        subject.close()


def _timed(step: Callable[[int], Callable[[], object]], runs: int) -> list[float]:
    """``step(run)`` prepares a run (untimed) and returns the timed call; what the call returns
    may be a function that undoes it (untimed)."""
    seconds = []
    for run in range(runs):
        call = step(run)
        started = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - started)
        if callable(result):
            result()
    return seconds


def _steps(s, scenario: Scenario):
    orgs, series = s.org_ids(), s.series_ids()
    root, region, team = orgs[synthetic.ROOT], orgs[REGION], orgs[scenario.team]
    big, tag = series[BIG], s.tag_ids()[scenario.tag]

    def allocate(quantity):
        def call():
            s.allocate(big, quantity, region)
            return lambda: s.withdraw(region, big, quantity)
        return lambda run: call

    def withdraw(run):
        s.allocate(big, 10_000, region)
        return lambda: s.withdraw(region, big, 10_000)

    yield "allocate 10k", allocate(10_000)
    yield "allocate 100k", allocate(100_000)
    yield "allocate_numbers 100", lambda run: lambda: s.allocate_numbers(scenario.listed(run),
                                                                         region)
    yield "withdraw 10k", withdraw
    yield "reserve one", lambda run: lambda: s.reserve(f"+{scenario.team_free[-1 - run]}", tag)
    yield "search_available 7-digit prefix", lambda run: lambda: _found(
        s.search_available(team, scenario.prefix()))
    yield "utilization(root)", lambda run: lambda: s.utilization(root)
    yield "holdings(root)", lambda run: lambda: s.holdings(root)
    yield "history(limit=100)", lambda run: lambda: s.history(100)
    yield "check()", lambda run: lambda: _sound(s.check())


def _found(rows) -> None:
    if len(rows) == 0:
        raise AssertionError("the prefix search found nothing")


def _sound(problems) -> None:
    if problems:
        raise AssertionError(f"check() found problems: {problems[:3]}")
