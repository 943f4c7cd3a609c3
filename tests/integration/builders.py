"""Builders shared by the integration tests: a small Acme inventory in a real DuckDB file.

The inventory every test starts from (see ``build_acme``):

    Acme                  ann: admin (the bootstrap grant)   vic: viewer of Acme
      Sales               mia: manager of Sales
        West
      Support             sam: manager of Support

    series US 415: +14155550100 .. +14155550199, all 100 available at Acme
    tags: Dr. Lee (person), Front desk (role)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import pandas as pd
import pytest

from numcore import Inventory, NumcoreError, Org, Series, Tag

START = datetime(2025, 3, 3, 9, 0)  # a Monday morning, naive UTC like numcore's own clock
SETUP_EVENTS = 12  # the commands build_acme runs, one audit event each


class FakeClock:
    """A clock the test moves by hand; numcore reads naive UTC datetimes from it."""

    def __init__(self, now: datetime = START):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def n(k: int) -> str:
    """The k-th number of US 415: n(0) is '+14155550100', n(99) is '+14155550199'."""
    return f"+1415555{100 + k:04d}"


def rows(frame: pd.DataFrame) -> tuple:
    """A DataFrame as (columns, row tuples), every kind of missing value as None (comparable)."""
    return tuple(frame.columns), [tuple(_plain(v) for v in row)
                                  for row in frame.itertuples(index=False, name=None)]


def _plain(value):
    missing = value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value)
    return None if missing else value


def number_states(inv: Inventory, org_id: int) -> dict[str, tuple]:
    """Every number held in the org's subtree: e164 -> (holder_id, status, tag, assignee, until)."""
    held = inv.numbers_held(org_id)
    columns = [held[c].tolist() for c in ("e164", "holder_id", "status", "tag", "assignee", "until")]
    return {e164: tuple(_plain(v) for v in rest) for e164, *rest in zip(*columns)}


def snapshot(inv: Inventory) -> dict:
    """Everything a user can see of the inventory, for 'a refusal changes nothing'."""
    orgs = inv.orgs()
    root = orgs["id"].iloc[0] if len(orgs) else None
    seen = {
        "orgs": rows(orgs),
        "series": rows(inv.series()),
        "ranges": rows(inv.ranges()),
        "tags": rows(inv.tags()),
        "grants": rows(inv.grants()),
        "events": inv.event_count(),
    }
    if root is not None:
        root = int(root)
        seen["holdings"] = rows(inv.holdings(root))
        seen["numbers"] = number_states(inv, root)
        seen["settings"] = {int(o): inv.settings(int(o)) for o in orgs["id"]}
    return seen


@dataclass
class Acme:
    """The small inventory of the module docstring, open on a file in tmp_path."""

    inv: Inventory
    clock: FakeClock
    path: str
    root: Org
    sales: Org
    west: Org
    support: Org
    us415: Series
    lee: Tag
    desk: Tag
    _seen: tuple | None = field(default=None, repr=False)

    def snapshot(self) -> dict:
        return snapshot(self.inv)

    def refused(self, call, error: type[NumcoreError], *words: str) -> NumcoreError:
        """Run ``call``; it must raise exactly ``error`` whose sentence contains every one of
        ``words``, and leave everything a user can see as it was."""
        before = self._last_seen()
        with pytest.raises(NumcoreError) as raised:
            call()
        refusal = raised.value
        assert type(refusal) is error, f"{type(refusal).__name__}: {refusal}"
        sentence = str(refusal)
        for part in words:
            assert part in sentence, sentence
        assert sentence.endswith("."), sentence
        after = self.snapshot()
        assert after == before
        self._seen = (self._moment(), after)
        return refusal

    def _moment(self) -> tuple:
        return (id(self.inv), self.inv.event_count(), self.clock.now)

    def _last_seen(self) -> dict:
        """The snapshot the previous refusal took, if nothing has happened since; else a new one.

        Only a command (which writes an event) or the clock (settling what falls due) can change
        what a user sees, so refusals in a row share snapshots. A command that changed something
        without an event would still be caught: the next refusal's fresh snapshot would differ.
        """
        if self._seen is not None and self._seen[0] == self._moment():
            return self._seen[1]
        return self.snapshot()

    def state(self, number: str) -> tuple:
        """(holder path, status, tag name, assignee) of one number."""
        info = self.inv.number(number)
        tags = {t.id: t.name for t in (self.lee, self.desk)}
        return (self.inv.org(info.holder_id).path, info.status, tags.get(info.tag_id, info.tag_id),
                info.assignee)

    def reopen(self) -> None:
        """Close the inventory and open the file again (what a restart does)."""
        self.inv.close()
        self.inv = Inventory.open(self.path, clock=self.clock)


def build_tree(inv: Inventory) -> tuple[Org, Org, Org, Org]:
    """The bootstrap admin ann and the orgs Acme, Acme / Sales, Acme / Sales / West and
    Acme / Support, in a new inventory."""
    inv.grant("ann", "admin", actor="ann")
    root = inv.create_org("Acme", actor="ann")
    sales = inv.create_org("Sales", root.id, actor="ann")
    west = inv.create_org("West", sales.id, actor="ann")
    support = inv.create_org("Support", root.id, actor="ann")
    return root, sales, west, support


def add_people(inv: Inventory, root: Org, sales: Org, support: Org) -> tuple[Tag, Tag]:
    """The tags Dr. Lee (person) and Front desk (role); mia manages Sales, sam manages Support,
    vic views Acme."""
    tags = (inv.create_tag("Dr. Lee", "person", actor="ann"),
            inv.create_tag("Front desk", "role", actor="ann"))
    inv.grant("mia", "manager", sales.id, actor="ann")
    inv.grant("sam", "manager", support.id, actor="ann")
    inv.grant("vic", "viewer", root.id, actor="ann")
    return tags


def build_acme(path, clock: FakeClock | None = None) -> Acme:
    """Open a new inventory file at ``path`` and fill it as the module docstring shows."""
    clock = clock or FakeClock()
    inv = Inventory.open(str(path), clock=clock)
    try:
        root, sales, west, support = build_tree(inv)
        inv.create_series("US 415", [("+14155550100", "+14155550199")], actor="ann")
        add_people(inv, root, sales, support)
        inv.set_aging_days(support.id, 0, actor="ann")
        return _acme_in(inv, clock)
    except BaseException:
        inv.close()
        raise


def open_acme(path, like: Acme, clock: FakeClock | None = None) -> Acme:
    """Open a copy of the file that built ``like`` (copying is faster than building)."""
    clock = clock or FakeClock()
    inv = Inventory.open(str(path), clock=clock)
    return replace(like, inv=inv, clock=clock, path=inv.path, _seen=None)


def _acme_in(inv: Inventory, clock: FakeClock) -> Acme:
    orgs = {row.path: inv.org(int(row.id)) for row in inv.orgs().itertuples()}
    tags = {row.name: Tag(int(row.id), row.name, row.kind) for row in inv.tags().itertuples()}
    return Acme(inv, clock, inv.path, orgs["Acme"], orgs["Acme / Sales"],
                orgs["Acme / Sales / West"], orgs["Acme / Support"], series_named(inv, "US 415"),
                tags["Dr. Lee"], tags["Front desk"])


def series_named(inv: Inventory, name: str) -> Series:
    """The series as create_series returned it, read back through the public tables."""
    row = inv.series().set_index("name").loc[name]
    ranges = inv.ranges(int(row["id"]))
    return Series(int(row["id"]), name, int(row["country_code"]), row["area_code"],
                  tuple(zip(ranges["first"], ranges["last"])), int(row["size"]))
