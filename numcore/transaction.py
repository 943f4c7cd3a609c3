"""How a command runs: one connection per database per process, one write lock, one transaction.

Every command holds the process-wide write lock for its transaction (so commands never race on a
row), works on a cursor of its own, and is retried a few times if DuckDB still reports a
conflict. A command either commits with exactly one audit event or changes nothing.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from . import phone, store
from .catalog import Catalog
from .counts import Counts, Key
from .errors import Conflict, InvalidInput, NumcoreError

RETRIES = 5
RETRY_PAUSE = 0.005  # seconds, doubled after each conflict

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The default clock: naive UTC, as stored."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class Tx:
    """What a command works with: its cursor, the catalog, who runs it, and when."""

    cur: duckdb.DuckDBPyConnection
    catalog: Catalog
    actor: str
    now: datetime
    events: int = 0
    catalog_changed: bool = False
    new_until: list[datetime] = field(default_factory=list)
    settled: bool = False
    count_changes: dict[Key, int] = field(default_factory=dict)
    counts: Counts | None = None

    def record(self, action: str, *, orgs=(), series=(), quantity: int = 0, numbers=(),
               spans=(), before: dict | None = None, after: dict | None = None,
               numbers_delta: int = 0) -> None:
        """Append this command's audit event (D3.9) inside the command's transaction.

        Which numbers: ``numbers`` (ints, folded into runs) or ``spans`` (runs already).
        """
        spans = [[phone.e164(a), phone.e164(b)] for a, b in [*phone.runs(numbers), *spans]]
        store.append_event(
            self.cur, at=self.now, actor=self.actor, action=action,
            org_ids=dict.fromkeys(o for o in orgs if o is not None),
            series_ids=dict.fromkeys(s for s in series if s is not None),
            quantity=quantity, numbers=spans, before=before or {}, after=after or {},
            numbers_delta=numbers_delta,
        )
        self.events += 1

    def shift(self, deltas: dict[Key, int]) -> None:
        """Note how the command changes the counts per (holder, series, status)."""
        for key, delta in deltas.items():
            self.count_changes[key] = self.count_changes.get(key, 0) + delta

    def changed_catalog(self) -> None:
        """Mark that orgs, series, ranges, tags or grants changed: reload after commit."""
        self.catalog_changed = True

    def sets_until(self, moment: datetime | None) -> None:
        """Mark that a number now falls due at ``moment`` (aging end or reservation expiry)."""
        if moment is not None:
            self.new_until.append(moment)


@dataclass
class Rx:
    """What a query works with: a cursor in a read transaction and the catalog."""

    cur: duckdb.DuckDBPyConnection
    catalog: Catalog
    now: datetime
    counts: Counts


class Database:
    """The one DuckDB connection to a file in this process, shared by every Inventory on it."""

    _open: dict[str, "Database"] = {}
    _open_lock = threading.Lock()

    @classmethod
    def acquire(cls, path: str) -> "Database":
        if path == ":memory:":
            return cls(path)
        key = os.path.realpath(path)
        with cls._open_lock:
            database = cls._open.get(key)
            if database is None:
                database = cls._open[key] = cls(path)
                database._key = key
            database._users += 1
            return database

    def __init__(self, path: str):
        self.path = path
        self._key: str | None = None
        self._users = 1 if path == ":memory:" else 0
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(path)
            store.migrate(self.con)
        except duckdb.IOException as error:
            raise _open_error(path, error) from None
        except duckdb.Error as error:
            raise NumcoreError(f"Cannot open the inventory at {path}: {error}") from None
        self.write_lock = threading.RLock()
        self.stats: Counter[str] = Counter()
        self.catalog = self._load_catalog()
        cur = self.con.cursor()
        self.counts = Counts(store.recount(cur))
        self.next_due = store.next_due(cur)
        cur.close()

    def release(self) -> None:
        with self._open_lock:
            self._users -= 1
            if self._users > 0:
                return
            if self._key is not None:
                self._open.pop(self._key, None)
        self.con.close()

    def _load_catalog(self) -> Catalog:
        cur = self.con.cursor()
        try:
            return Catalog.build(*store.load_catalog(cur))
        finally:
            cur.close()

    def command(self, actor: Any, clock: Clock, body: Callable[[Tx], Any]) -> Any:
        """Run ``body`` as one command of ``actor``: all of it, with one event, or nothing."""
        actor = _checked_actor(actor)
        pause = RETRY_PAUSE
        for _ in range(RETRIES):
            with self.write_lock:
                cur = self.con.cursor()
                tx = Tx(cur, self.catalog, actor, clock(), counts=self.counts)
                try:
                    cur.execute("BEGIN TRANSACTION")
                    self._settle(tx)
                    result = body(tx)
                    if tx.events != 1:
                        raise RuntimeError(f"a command wrote {tx.events} audit events, not 1")
                    cur.execute("COMMIT")
                except duckdb.TransactionException:
                    _rollback(cur)
                    self.stats["conflicts"] += 1
                    time.sleep(pause)
                    pause *= 2
                    continue
                except duckdb.Error as error:
                    _rollback(cur)
                    raise NumcoreError(
                        f"The database could not apply the change, so nothing changed: {error}"
                    ) from None
                except BaseException:
                    _rollback(cur)
                    raise
                finally:
                    cur.close()
                self.stats["commits"] += 1
                self._after_commit(tx)
                return result
        raise Conflict(
            f"Other changes to the same numbers kept winning ({RETRIES} tries), so nothing "
            "changed; try again."
        )

    def query(self, clock: Clock, body: Callable[[Rx], Any]) -> Any:
        """Run a read in one consistent snapshot, after returning what has fallen due."""
        now = clock()
        if self.next_due is not None and now >= self.next_due:
            self._settle_now(now)
        cur = self.con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            result = body(Rx(cur, self.catalog, now, self.counts))
            cur.execute("COMMIT")
            return result
        except duckdb.Error as error:
            raise NumcoreError(f"The database could not answer: {error}") from None
        finally:
            cur.close()

    def _settle(self, tx: Tx) -> None:
        """Aging numbers and reservations whose time is up become available (no event)."""
        if self.next_due is not None and tx.now >= self.next_due:
            tx.shift(store.settle_due(tx.cur, tx.now))
            tx.settled = True

    def _settle_now(self, now: datetime) -> None:
        with self.write_lock:
            if self.next_due is None or now < self.next_due:
                return
            cur = self.con.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                changes = store.settle_due(cur, now)
                next_due = store.next_due(cur)
                cur.execute("COMMIT")
            except duckdb.Error:
                _rollback(cur)
                return  # the next command settles instead
            finally:
                cur.close()
            self.counts.apply(changes)
            self.next_due = next_due

    def _after_commit(self, tx: Tx) -> None:
        self.counts.apply(tx.count_changes)
        if tx.catalog_changed:
            self.catalog = self._load_catalog()
        if tx.settled:
            cur = self.con.cursor()
            try:
                self.next_due = store.next_due(cur)
            finally:
                cur.close()
        elif tx.new_until:
            self.next_due = min([*tx.new_until, *([self.next_due] if self.next_due else [])])


def command(method):
    """Make an Inventory method a command: ``inv.allocate(..., actor="ann")``.

    The method is written as ``allocate(self, tx, ...)``; callers pass ``actor=`` instead of
    ``tx`` and the method runs inside Database.command.
    """

    @functools.wraps(method)
    def run(self, *args, actor, **kwargs):
        return self._db.command(actor, self._clock, lambda tx: method(self, tx, *args, **kwargs))

    run.__signature__ = _public_signature(method, add_actor=True)
    return run


def query(method):
    """Make an Inventory method a read: ``method(self, rx, ...)`` runs in one snapshot."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        return self._db.query(self._clock, lambda rx: method(self, rx, *args, **kwargs))

    run.__signature__ = _public_signature(method, add_actor=False)
    return run


def _public_signature(method, add_actor: bool) -> inspect.Signature:
    params = list(inspect.signature(method).parameters.values())
    del params[1]  # tx / rx
    if add_actor:
        actor = inspect.Parameter("actor", inspect.Parameter.KEYWORD_ONLY, annotation=str)
        at = next((i for i, p in enumerate(params) if p.kind == p.KEYWORD_ONLY), len(params))
        params.insert(at, actor)
    return inspect.signature(method).replace(parameters=params)


def _checked_actor(actor: Any) -> str:
    if not isinstance(actor, str) or not actor.strip():
        raise InvalidInput("Every command needs actor=: the name of the user who runs it.")
    return actor.strip()


def _rollback(cur) -> None:
    try:
        cur.execute("ROLLBACK")
    except duckdb.Error:
        pass  # no transaction was open


def _open_error(path: str, error: Exception) -> NumcoreError:
    text = str(error)
    if "lock" in text.lower():
        pid = re.search(r"PID (\d+)", text)
        holder = f" (process {pid.group(1)})" if pid else ""
        return NumcoreError(
            f"The inventory {path} is open in another process{holder}, and DuckDB allows one "
            "process per file. Stop that process, or do this through it (for example the app's "
            "Admin page)."
        )
    return NumcoreError(f"Cannot open the inventory at {path}: {text}")
