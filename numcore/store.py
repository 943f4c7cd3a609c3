"""DuckDB: the schema, its migrations, and every SQL statement numcore runs.

Layout choices (see shared/FIELD_NOTES.md):
- a number is a BIGINT of its E.164 digits; each range is inserted in number order, so the
  zone maps of the ``num`` column let DuckDB skip every row group outside a query's bounds, and
  every query on numbers is bounded by the series' ranges;
- ``status`` is an ENUM; there are no indexes, keys or foreign keys on numbers;
- counts per (holder, series, status) live in memory (numcore.counts), recounted at open.
Functions take a DuckDB cursor that is inside a transaction opened by numcore.transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import duckdb
import numpy as np
import pandas as pd

from .model import STATUSES
from .phone import GOLDEN_ENDINGS

Cursor = duckdb.DuckDBPyConnection

# -- schema ------------------------------------------------------------------------------------

_STATUS_ENUM = ", ".join(f"'{s}'" for s in STATUSES)

MIGRATIONS: list[list[str]] = [
    [
        f"CREATE TYPE number_status AS ENUM ({_STATUS_ENUM})",
        "CREATE SEQUENCE org_ids START 1",
        "CREATE SEQUENCE series_ids START 1",
        "CREATE SEQUENCE range_ids START 1",
        "CREATE SEQUENCE tag_ids START 1",
        "CREATE SEQUENCE event_ids START 1",
        "CREATE SEQUENCE request_ids START 1",
        """CREATE TABLE orgs (id INTEGER NOT NULL, name VARCHAR NOT NULL, parent_id INTEGER,
               threshold INTEGER NOT NULL, aging_days INTEGER NOT NULL)""",
        """CREATE TABLE series (id INTEGER NOT NULL, name VARCHAR NOT NULL,
               country_code INTEGER NOT NULL, area_code VARCHAR NOT NULL,
               golden BOOLEAN NOT NULL DEFAULT false)""",
        """CREATE TABLE ranges (id INTEGER NOT NULL, series_id INTEGER NOT NULL,
               first BIGINT NOT NULL, last BIGINT NOT NULL)""",
        "CREATE TABLE tags (id INTEGER NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL)",
        "CREATE TABLE grants (user_name VARCHAR NOT NULL, role VARCHAR NOT NULL, org_id INTEGER)",
        """CREATE TABLE numbers (num BIGINT NOT NULL, series_id INTEGER NOT NULL,
               holder_id INTEGER NOT NULL, status number_status NOT NULL, tag_id INTEGER,
               assignee VARCHAR, until TIMESTAMP, golden BOOLEAN NOT NULL)""",
        """CREATE TABLE events (id BIGINT NOT NULL, occurred_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL,
               action VARCHAR NOT NULL, org_ids INTEGER[] NOT NULL, series_ids INTEGER[] NOT NULL,
               quantity BIGINT NOT NULL, numbers VARCHAR NOT NULL, before VARCHAR NOT NULL,
               after VARCHAR NOT NULL, numbers_delta BIGINT NOT NULL)""",
        """CREATE TABLE requests (id INTEGER NOT NULL, org_id INTEGER NOT NULL,
               series_id INTEGER, quantity BIGINT NOT NULL, note VARCHAR NOT NULL,
               filed_by VARCHAR NOT NULL, filed_at TIMESTAMP NOT NULL, state VARCHAR NOT NULL,
               answered_by VARCHAR, answered_at TIMESTAMP, answer VARCHAR)""",
    ],
]


def migrate(con: Cursor) -> None:
    """Bring the schema to the newest version, one transaction per migration."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    version = row[0] or 0
    for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
        con.execute("BEGIN")
        for statement in statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_version VALUES (?)", [number])
        con.execute("COMMIT")


def next_id(cur: Cursor, sequence: str) -> int:
    return cur.execute(f"SELECT nextval('{sequence}')").fetchone()[0]


def load_catalog(cur: Cursor):
    """The rows of the small tables, for catalog.Catalog.build."""
    return (
        cur.execute("SELECT id, name, parent_id, threshold, aging_days FROM orgs").fetchall(),
        cur.execute("SELECT id, name, country_code, area_code FROM series").fetchall(),
        cur.execute("SELECT id, series_id, first, last FROM ranges").fetchall(),
        cur.execute("SELECT id, name, kind FROM tags").fetchall(),
        cur.execute("SELECT user_name, role, org_id FROM grants ORDER BY user_name").fetchall(),
    )


def golden_series(cur: Cursor) -> set[int]:
    return {row[0] for row in cur.execute("SELECT id FROM series WHERE golden").fetchall()}


# -- orgs, tags, grants ----------------------------------------------------------------------

def insert_org(cur: Cursor, org_id: int, name: str, parent_id, threshold: int, aging_days: int):
    cur.execute("INSERT INTO orgs VALUES (?, ?, ?, ?, ?)",
                [org_id, name, parent_id, threshold, aging_days])



def update_org(cur: Cursor, org_id: int, **columns) -> None:
    """Set some of name, parent_id, threshold, aging_days."""
    allowed = {"name", "parent_id", "threshold", "aging_days"}
    assert set(columns) <= allowed, columns
    sets = ", ".join(f"{column} = ?" for column in columns)
    cur.execute(f"UPDATE orgs SET {sets} WHERE id = ?", [*columns.values(), org_id])


def delete_org(cur: Cursor, org_id: int) -> None:
    cur.execute("DELETE FROM orgs WHERE id = ?", [org_id])


def insert_tag(cur: Cursor, tag_id: int, name: str, kind: str) -> None:
    cur.execute("INSERT INTO tags VALUES (?, ?, ?)", [tag_id, name, kind])


def delete_tag(cur: Cursor, tag_id: int) -> None:
    cur.execute("DELETE FROM tags WHERE id = ?", [tag_id])


def numbers_tagged(cur: Cursor, tag_id: int) -> int:
    return cur.execute("SELECT count(*) FROM numbers WHERE tag_id = ?", [tag_id]).fetchone()[0]


def insert_grant(cur: Cursor, user: str, role: str, org_id) -> None:
    cur.execute("INSERT INTO grants VALUES (?, ?, ?)", [user, role, org_id])


def delete_grant(cur: Cursor, user: str, role: str, org_id) -> None:
    cur.execute(
        "DELETE FROM grants WHERE lower(user_name) = lower(?) AND role = ? "
        "AND org_id IS NOT DISTINCT FROM ?",
        [user, role, org_id],
    )


# -- series and ranges -----------------------------------------------------------------------

def insert_series(cur: Cursor, series_id: int, name: str, country_code: int, area_code: str):
    cur.execute("INSERT INTO series VALUES (?, ?, ?, ?, false)",
                [series_id, name, country_code, area_code])



def insert_range(cur: Cursor, range_id: int, series_id: int, first: int, last: int,
                 holder_id: int, golden: bool) -> None:
    """A range and its numbers, all available at ``holder_id``, stored in number order: range()
    counts up and DuckDB keeps insertion order, so no sort is needed (check() proves it)."""
    cur.execute("INSERT INTO ranges VALUES (?, ?, ?, ?)", [range_id, series_id, first, last])
    cur.execute(
        f"""INSERT INTO numbers
            SELECT range, ?, ?, 'available', NULL, NULL, NULL, {_golden_sql('range', golden)}
            FROM range(?::BIGINT, ?::BIGINT + 1)""",
        [series_id, holder_id, first, last],
    )


def ranges_of(cur: Cursor, series_id: int) -> list[tuple[int, int]]:
    return cur.execute("SELECT first, last FROM ranges WHERE series_id = ? ORDER BY first",
                       [series_id]).fetchall()


def delete_numbers(cur: Cursor, first: int, last: int) -> None:
    cur.execute("DELETE FROM numbers WHERE num BETWEEN ? AND ?", [first, last])


def delete_range(cur: Cursor, range_id: int) -> None:
    cur.execute("DELETE FROM ranges WHERE id = ?", [range_id])


def resize_range(cur: Cursor, range_id: int, first: int, last: int) -> None:
    cur.execute("UPDATE ranges SET first = ?, last = ? WHERE id = ?", [first, last, range_id])


def insert_bare_range(cur: Cursor, range_id: int, series_id: int, first: int, last: int):
    """A range row for numbers that already exist (the far side of a cut)."""
    cur.execute("INSERT INTO ranges VALUES (?, ?, ?, ?)", [range_id, series_id, first, last])


def set_golden(cur: Cursor, series_id: int, bounds: Sequence[tuple[int, int]], golden: bool):
    """Flag (or unflag) the golden numbers of a series."""
    cur.execute("UPDATE series SET golden = ? WHERE id = ?", [golden, series_id])
    for first, last in bounds:
        cur.execute(
            f"UPDATE numbers SET golden = {_golden_sql('num', golden)} "
            "WHERE num BETWEEN ? AND ?",
            [first, last],
        )


def count_golden(cur: Cursor, bounds: Sequence[tuple[int, int]]) -> int:
    return _count_in(cur, bounds, "golden", [])


def _golden_sql(column: str, flagged: bool) -> str:
    if not flagged:
        return "false"
    endings = ", ".join(str(e) for e in sorted(GOLDEN_ENDINGS))
    return f"({column} % 10000 IN ({endings}))"


# -- numbers ---------------------------------------------------------------------------------

NUMBER_COLUMNS = "num, series_id, holder_id, status::VARCHAR, tag_id, assignee, until, golden"


def get_numbers(cur: Cursor, numbers: Sequence[int]) -> list[tuple]:
    """Rows (NUMBER_COLUMNS) of the given numbers that exist, in number order."""
    if not numbers:
        return []
    if len(numbers) == 1:
        return cur.execute(f"SELECT {NUMBER_COLUMNS} FROM numbers WHERE num = ?",
                           [numbers[0]]).fetchall()
    return cur.execute(
        f"SELECT {NUMBER_COLUMNS} FROM numbers WHERE num BETWEEN ? AND ? "
        "AND list_contains(?::BIGINT[], num) ORDER BY num",
        [min(numbers), max(numbers), list(numbers)],
    ).fetchall()


def _pool(bounds: Sequence[tuple[int, int]]) -> str:
    """A subquery of the numbers inside ``bounds``: one bounded scan per range."""
    parts = [f"SELECT * FROM numbers WHERE num BETWEEN {int(a)} AND {int(b)}" for a, b in bounds]
    return "(" + " UNION ALL ".join(parts) + ")"


def _count_in(cur: Cursor, bounds, where: str, params: list) -> int:
    if not bounds:
        return 0
    sql = f"SELECT count(*) FROM {_pool(bounds)} WHERE {where}"
    return cur.execute(sql, params).fetchone()[0]


FETCH_ALL_AT_MOST = 250_000  # a holder's available numbers that highest-first reads unsorted


def pick_available(cur: Cursor, bounds, holder_id: int, quantity: int, *, highest: bool,
                   skip_golden: bool, held: int | None = None) -> list[int]:
    """Up to ``quantity`` available numbers held by ``holder_id``, lowest (or highest) first;
    returned in number order.

    A sort of a whole pool costs far more than reading it, so neither way sorts it. Lowest
    first reads each range in stored order, which is number order (check() proves it), and
    stops once it has enough. Highest first reads every available number of the holder when
    ``held`` (its kept count there) says they are few, and keeps the top ones.
    """
    where = f"holder_id = ? AND status = 'available' {'AND NOT golden' if skip_golden else ''}"
    if highest:
        sql = f"SELECT num FROM {_pool(bounds)} WHERE {where}"
        if held is not None and held <= max(FETCH_ALL_AT_MOST, 4 * quantity):
            rows = cur.execute(sql, [holder_id]).fetchnumpy()["num"]
        else:
            rows = cur.execute(f"{sql} ORDER BY num DESC LIMIT ?",
                               [holder_id, quantity]).fetchnumpy()["num"]
        return np.sort(rows)[max(len(rows) - quantity, 0):].tolist()
    picked: list[int] = []
    for first, last in sorted(bounds):
        sql = f"SELECT num FROM numbers WHERE num BETWEEN ? AND ? AND {where}"
        params = [first, last, holder_id, quantity - len(picked)]
        rows = cur.execute(f"{sql} LIMIT ?", params).fetchnumpy()["num"]
        if len(rows) > 1 and not (np.diff(rows) > 0).all():  # out of stored order: never trust it
            rows = cur.execute(f"{sql} ORDER BY num LIMIT ?", params).fetchnumpy()["num"]
        picked += rows.tolist()
        if len(picked) == quantity:
            break
    return picked


def pick_run(cur: Cursor, bounds, holder_id: int, quantity: int, *, skip_golden: bool):
    """The lowest run of ``quantity`` consecutive available numbers, else (None, longest run)."""
    golden = "AND NOT golden" if skip_golden else ""
    row = cur.execute(
        f"""WITH pool AS (
                SELECT num, num - row_number() OVER (ORDER BY num) AS island
                FROM {_pool(bounds)} WHERE holder_id = ? AND status = 'available' {golden}),
            islands AS (SELECT min(num) AS first, count(*) AS size FROM pool GROUP BY island)
            SELECT (SELECT min(first) FROM islands WHERE size >= ?),
                   (SELECT coalesce(max(size), 0) FROM islands)""",
        [holder_id, quantity],
    ).fetchone()
    first, longest = row
    if first is None:
        return None, longest
    return list(range(first, first + quantity)), longest


def count_available(cur: Cursor, bounds, holder_id: int, *, golden_only: bool = False) -> int:
    where = "holder_id = ? AND status = 'available'" + (" AND golden" if golden_only else "")
    return _count_in(cur, bounds, where, [holder_id])


def move_span(cur: Cursor, series_id: int, first: int, last: int, from_holder: int,
              to_holder: int, *, skip_golden: bool) -> int:
    """Give every available number of ``first..last`` held by ``from_holder`` to ``to_holder``.

    Used right after pick_available/pick_run with the span of what they picked, whose rows are
    exactly the qualifying ones in that span; returns the row count for the caller to check.
    """
    golden = "AND NOT golden" if skip_golden else ""
    return cur.execute(
        f"""UPDATE numbers SET holder_id = ?
            WHERE num BETWEEN ? AND ? AND series_id = ? AND holder_id = ?
              AND status = 'available' {golden}""",
        [to_holder, first, last, series_id, from_holder],
    ).fetchone()[0]


def move_listed(cur: Cursor, numbers: Sequence[int], from_holder: int, to_holder: int) -> int:
    """Give the listed available numbers held by ``from_holder`` to ``to_holder``."""
    return cur.execute(
        """UPDATE numbers SET holder_id = ?
           WHERE num BETWEEN ? AND ? AND list_contains(?::BIGINT[], num)
             AND holder_id = ? AND status = 'available'""",
        [to_holder, min(numbers), max(numbers), list(numbers), from_holder],
    ).fetchone()[0]


def states_of(cur: Cursor, numbers: np.ndarray) -> pd.DataFrame:
    """num, holder_id, status of the given numbers that exist."""
    low, high = (int(numbers.min()), int(numbers.max())) if len(numbers) else (0, -1)
    with _scanned(cur, "listed_numbers", pd.DataFrame({"num": numbers})):
        return cur.execute(
            """SELECT n.num, n.holder_id, n.status::VARCHAR AS status
               FROM numbers n JOIN listed_numbers i ON n.num = i.num
               WHERE n.num BETWEEN ? AND ?""",
            [low, high],
        ).df()


def set_states(cur: Cursor, rows: pd.DataFrame) -> int:
    """Give each number of ``rows`` (num, expected holder, holder, status, tag, assignee, until)
    that is still available at the expected holder its new state; returns how many changed."""
    if rows.empty:
        return 0
    with _scanned(cur, "new_states", rows):
        return cur.execute(
            """UPDATE numbers SET holder_id = i.holder, status = i.status::number_status,
                      tag_id = i.tag, assignee = i.assignee, until = i.until
               FROM new_states i
               WHERE numbers.num = i.num AND numbers.holder_id = i.expected
                 AND numbers.status = 'available' AND numbers.num BETWEEN ? AND ?""",
            [int(rows["num"].min()), int(rows["num"].max())],
        ).fetchone()[0]


@contextmanager
def _scanned(cur: Cursor, name: str, frame: pd.DataFrame):
    """``frame`` as a table ``name`` of this cursor's queries: bulk rows go in as columns,
    far faster than as list parameters. Nothing is written to the database."""
    cur.register(name, frame)
    try:
        yield
    finally:
        cur.unregister(name)


def update_number(cur: Cursor, number: int, *, expect_status: str, expect_holder: int,
                  status: str, holder_id: int, tag_id, assignee, until) -> int:
    """Rewrite one number's state if it is still as expected; returns the row count."""
    return cur.execute(
        """UPDATE numbers SET status = ?, holder_id = ?, tag_id = ?, assignee = ?, until = ?
           WHERE num = ? AND status = ? AND holder_id = ?""",
        [status, holder_id, tag_id, assignee, until, number, expect_status, expect_holder],
    ).fetchone()[0]


def recount(cur: Cursor) -> list[tuple[int, int, str, int]]:
    """(holder, series, status, n) counted from the numbers themselves."""
    return cur.execute(
        "SELECT holder_id, series_id, status::VARCHAR, count(*) FROM numbers GROUP BY ALL"
    ).fetchall()


def search_available(cur: Cursor, holder_id: int, bounds, limit: int, offset: int) -> list[tuple]:
    """Available (num, series_id, golden) held by ``holder_id`` inside ``bounds``, lowest first."""
    if not bounds:
        return []
    return cur.execute(
        f"SELECT num, series_id, golden FROM {_pool(bounds)} "
        "WHERE holder_id = ? AND status = 'available' ORDER BY num LIMIT ? OFFSET ?",
        [holder_id, limit, offset],
    ).fetchall()


@dataclass(frozen=True)
class NumberFilter:
    """Which numbers a listing holds: held by ``holder_ids`` inside ``bounds``, in one of
    ``statuses`` (all when empty); with ``digits``, those whose E.164 digits contain them; with
    ``text``, those whose user contains it (ignoring case) or whose tag is in ``tag_ids``; with
    ``due_by``, those whose ``until`` is at or before it."""

    holder_ids: Sequence[int]
    bounds: Sequence[tuple[int, int]]
    statuses: Sequence[str] = ()
    digits: str = ""
    text: str = ""
    tag_ids: Sequence[int] = ()
    due_by: datetime | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = ["list_contains(?::INTEGER[], holder_id)"], [list(self.holder_ids)]
        if self.statuses:
            clauses.append(f"status IN ({', '.join('?' * len(self.statuses))})")
            params += list(self.statuses)
        if self.digits:
            clauses.append("contains(num::VARCHAR, ?)")
            params.append(self.digits)
        if self.text:
            clauses.append("(contains(lower(assignee), ?) OR list_contains(?::INTEGER[], tag_id))")
            params += [self.text.lower(), list(self.tag_ids)]
        if self.due_by is not None:
            clauses.append("until <= ?")
            params.append(self.due_by)
        return " AND ".join(clauses), params


ORDERS = {"number": "num", "until": "until, num"}  # how a listing of numbers may be ordered


def numbers_of(cur: Cursor, chosen: NumberFilter, *, order: str = "number",
               limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """The numbers ``chosen`` picks in ``order`` (one of ORDERS), at most ``limit`` of them
    from ``offset`` on."""
    columns = "num, series_id, holder_id, status::VARCHAR AS status, tag_id, assignee, until, golden"
    if not chosen.bounds or not chosen.holder_ids:
        return cur.execute(f"SELECT {columns} FROM numbers LIMIT 0").df()
    where, params = chosen.where()
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return cur.execute(
        f"SELECT {columns} FROM {_pool(chosen.bounds)} WHERE {where} ORDER BY {ORDERS[order]}{page}",
        params,
    ).df()


def count_numbers(cur: Cursor, chosen: NumberFilter) -> int:
    """How many numbers ``chosen`` picks."""
    if not chosen.holder_ids:
        return 0
    where, params = chosen.where()
    return _count_in(cur, chosen.bounds, where, params)


# -- time-limited states (aging, reservation expiry) ------------------------------------------

def next_due(cur: Cursor) -> datetime | None:
    """The earliest moment an aging number or a reservation falls due, if any."""
    return cur.execute("SELECT min(until) FROM numbers WHERE until IS NOT NULL").fetchone()[0]


def settle_due(cur: Cursor, now: datetime) -> dict[tuple[int, int, str], int]:
    """Return every aging number and expired reservation whose time is up to available;
    returns the change in counts."""
    due = cur.execute(
        """SELECT holder_id, series_id, status::VARCHAR, count(*) FROM numbers
           WHERE until IS NOT NULL AND until <= ? GROUP BY ALL""",
        [now],
    ).fetchall()
    if not due:
        return {}
    cur.execute(
        """UPDATE numbers SET status = 'available', tag_id = NULL, assignee = NULL, until = NULL
           WHERE until IS NOT NULL AND until <= ?""",
        [now],
    )
    deltas: dict[tuple[int, int, str], int] = {}
    for holder, series, status, n in due:
        deltas[(holder, series, status)] = deltas.get((holder, series, status), 0) - n
        deltas[(holder, series, "available")] = deltas.get((holder, series, "available"), 0) + n
    return deltas


# -- audit -----------------------------------------------------------------------------------

def append_event(cur: Cursor, *, at: datetime, actor: str, action: str, org_ids, series_ids,
                 quantity: int, numbers: list, before: dict, after: dict,
                 numbers_delta: int) -> None:
    cur.execute(
        "INSERT INTO events VALUES (nextval('event_ids'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, actor, action, list(org_ids), list(series_ids), quantity,
         json.dumps(numbers), json.dumps(before, default=str), json.dumps(after, default=str),
         numbers_delta],
    )


def events(cur: Cursor, *, org_ids=None, action=None, actor=None, limit=100) -> pd.DataFrame:
    """Audit events, newest first; with ``org_ids``, those that touch any of them."""
    where, params = ["true"], []
    if org_ids is not None:
        where.append("list_has_any(org_ids, ?::INTEGER[])")
        params.append(list(org_ids))
    if action:
        where.append("action = ?")
        params.append(action)
    if actor:
        where.append("lower(actor) = lower(?)")
        params.append(actor)
    limit_sql = "" if limit is None else "LIMIT ?"
    params += [] if limit is None else [limit]
    return cur.execute(
        f"""SELECT id, occurred_at AS at, actor, action, org_ids, series_ids, quantity, numbers, before, after
            FROM events WHERE {' AND '.join(where)} ORDER BY id DESC {limit_sql}""",
        params,
    ).df()


def burned_since(cur: Cursor, since: datetime) -> dict[int, int]:
    """Per org, numbers given out of its available pool since ``since``, less those returned.

    Each event lists the org whose pool gives first: allocations and reservations give;
    assignments give when the number was available (a reserved one was counted when reserved);
    unreserve and reclaim give back; a withdrawal gives back to the parent (listed second).
    """
    rows = cur.execute(
        """SELECT CASE WHEN action = 'withdraw' THEN org_ids[2] ELSE org_ids[1] END AS org,
                  sum(CASE WHEN action IN ('unreserve', 'reclaim', 'withdraw')
                           THEN -quantity ELSE quantity END)
           FROM events
           WHERE occurred_at >= ? AND len(org_ids) > 0 AND (
                 action IN ('allocate', 'allocate_numbers', 'reserve', 'fulfil_request',
                            'unreserve', 'reclaim', 'withdraw')
              OR (action = 'assign' AND json_extract_string(before, '$.status') = 'available'))
           GROUP BY 1""",
        [since],
    ).fetchall()
    return {org: int(n) for org, n in rows}


def count_events(cur: Cursor) -> int:
    return cur.execute("SELECT count(*) FROM events").fetchone()[0]


def event_actions(cur: Cursor) -> list[str]:
    return [r[0] for r in cur.execute("SELECT DISTINCT action FROM events ORDER BY 1").fetchall()]


# -- backups ---------------------------------------------------------------------------------

def copy_database(cur: Cursor, target: str) -> None:
    """Copy every table, type and sequence into a new DuckDB file at ``target``."""
    name = cur.execute("SELECT current_database()").fetchone()[0]
    quoted = target.replace("'", "''")
    cur.execute(f"ATTACH '{quoted}' AS numcore_backup")
    try:
        cur.execute(f'COPY FROM DATABASE "{name}" TO numcore_backup')
    finally:
        cur.execute("DETACH numcore_backup")


def totals(cur: Cursor) -> tuple[int, int]:
    """How many numbers and audit events the inventory holds."""
    return cur.execute(
        "SELECT (SELECT count(*) FROM numbers), (SELECT count(*) FROM events)").fetchone()


# -- requests for more numbers (D4) ----------------------------------------------------------

REQUEST_COLUMNS = ("id, org_id, series_id, quantity, note, filed_by, filed_at, state, "
                   "answered_by, answered_at, answer")


def insert_request(cur: Cursor, request_id: int, org_id: int, series_id, quantity: int,
                   note: str, filed_by: str, filed_at: datetime) -> None:
    cur.execute(
        "INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL, NULL)",
        [request_id, org_id, series_id, quantity, note, filed_by, filed_at],
    )


def get_request(cur: Cursor, request_id: int) -> tuple | None:
    return cur.execute(f"SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?",
                       [request_id]).fetchone()


def answer_request(cur: Cursor, request_id: int, state: str, by: str, at: datetime,
                   answer: str) -> int:
    return cur.execute(
        """UPDATE requests SET state = ?, answered_by = ?, answered_at = ?, answer = ?
           WHERE id = ? AND state = 'open'""",
        [state, by, at, answer, request_id],
    ).fetchone()[0]


def requests(cur: Cursor, org_ids: Sequence[int], state: str | None) -> pd.DataFrame:
    where = "list_contains(?::INTEGER[], org_id)" + (" AND state = ?" if state else "")
    params = [list(org_ids)] + ([state] if state else [])
    return cur.execute(
        f"SELECT {REQUEST_COLUMNS} FROM requests WHERE {where} ORDER BY id DESC", params
    ).df()


# -- check(): every invariant, recounted ------------------------------------------------------

_UNFIT = """(status = 'available' AND (tag_id IS NOT NULL OR assignee IS NOT NULL
                                     OR until IS NOT NULL))
       OR (status = 'reserved' AND (tag_id IS NULL OR assignee IS NOT NULL))
       OR (status IN ('assigned', 'registered') AND (assignee IS NULL OR until IS NOT NULL))
       OR (status = 'aging' AND (until IS NULL OR tag_id IS NOT NULL))"""
_DUPLICATE = "a number is stored more than once"
_OUTSIDE = "a number lies outside every range of its series"
_PLACES = "a range does not hold exactly one number for each of its places"
_ORDER = "a range's numbers are not stored in number order"
_UNFITTING = "a number's status does not fit its tag, assignee or time limit"
_GOLDEN = "a number's golden flag does not match its series and pattern"


def check_queries(cur: Cursor) -> list[tuple[str, str]]:
    """(what is wrong, query returning one row per offence as text) for check().

    Each query over all the numbers takes seconds at millions of them, so those run only where
    one pass over the numbers, range by range, shows a sign of what they look for.
    """
    signs = _signs_in_numbers(cur)
    return [(what, sql) for what, sql in _check_queries()
            if what not in _FROM_SIGNS or what in signs]


def _signs_in_numbers(cur: Cursor) -> set[str]:
    """The checks over all numbers that could find something, by one pass over the numbers.

    Per range: how many numbers it stores, how many of another series, whether each one's
    place in storage is its place in the range (rowid - num constant: stored in number order,
    so no number twice), and how many do not fit their status or golden flag. Numbers outside
    every range show as a total larger than the ranges' sum.
    """
    ranges = cur.execute(
        """SELECT r.id, r.series_id, r.first, r.last, coalesce(s.golden, false)
           FROM ranges r LEFT JOIN series s ON s.id = r.series_id""").fetchall()
    total = cur.execute("SELECT count(*) FROM numbers").fetchone()[0]
    passes = [
        f"""SELECT {last - first + 1}, count(*), count(*) FILTER (WHERE series_id <> {series}),
                   min(rowid - num) IS NOT DISTINCT FROM max(rowid - num),
                   count(*) FILTER (WHERE {_UNFIT}),
                   count(*) FILTER (WHERE golden <> {_golden_sql('num', golden)})
            FROM numbers WHERE num BETWEEN {first} AND {last}"""
        for _, series, first, last, golden in ranges]
    rows = cur.execute(" UNION ALL ".join(passes)).fetchall() if passes else []
    places, stored, foreign, in_order, unfit, golden = zip(*rows) if rows else [()] * 6
    spans = sorted((first, last) for _, _, first, last, _ in ranges)
    overlap = any(b[0] <= a[1] for a, b in zip(spans, spans[1:]))  # counts a number twice
    outside = overlap or total != sum(stored)
    found = {
        _DUPLICATE: outside or not all(in_order),
        _OUTSIDE: outside or any(foreign),
        _PLACES: any(s - f != p for p, s, f in zip(places, stored, foreign)),
        _ORDER: not all(in_order),
        _UNFITTING: outside or any(unfit),
        _GOLDEN: outside or any(foreign) or any(golden),
    }
    return {what for what, sign in found.items() if sign}


_FROM_SIGNS = {_DUPLICATE, _OUTSIDE, _PLACES, _ORDER, _UNFITTING, _GOLDEN}


def _check_queries() -> list[tuple[str, str]]:
    statuses = ", ".join(f"'{s}'" for s in STATUSES)
    return [
        (_DUPLICATE,
         "SELECT '+' || num FROM numbers GROUP BY num HAVING count(*) > 1 LIMIT 20"),
        (_OUTSIDE,
         """SELECT '+' || n.num FROM numbers n ANTI JOIN ranges r
            ON r.series_id = n.series_id AND n.num BETWEEN r.first AND r.last LIMIT 20"""),
        (_PLACES,
         """SELECT 'range ' || r.id || ' holds ' || count(n.num) || ' numbers for '
                   || (r.last - r.first + 1) || ' places'
            FROM ranges r LEFT JOIN numbers n
              ON n.series_id = r.series_id AND n.num BETWEEN r.first AND r.last
            GROUP BY r.id, r.first, r.last HAVING count(n.num) <> r.last - r.first + 1"""),
        (_ORDER,
         """SELECT 'range ' || r.id FROM ranges r JOIN numbers n
              ON n.num BETWEEN r.first AND r.last
            GROUP BY r.id HAVING min(n.rowid - n.num) <> max(n.rowid - n.num)"""),
        ("two ranges overlap",
         """SELECT a.id || ' and ' || b.id FROM ranges a JOIN ranges b
            ON a.id < b.id AND a.first <= b.last AND b.first <= a.last"""),
        ("a range is malformed (start after end, digits of unequal length, or no series)",
         """SELECT r.id::VARCHAR FROM ranges r LEFT JOIN series s ON s.id = r.series_id
            WHERE r.first > r.last OR length(r.first::VARCHAR) <> length(r.last::VARCHAR)
               OR s.id IS NULL"""),
        ("a number's holder is not an org",
         "SELECT DISTINCT n.holder_id::VARCHAR FROM numbers n ANTI JOIN orgs o ON o.id = n.holder_id"),
        (_UNFITTING,
         f"""SELECT '+' || num || ' (' || status || ')' FROM numbers
            WHERE {_UNFIT} OR status NOT IN ({statuses}) LIMIT 20"""),
        ("a number carries a tag that does not exist",
         """SELECT DISTINCT n.tag_id::VARCHAR FROM numbers n ANTI JOIN tags t ON t.id = n.tag_id
            WHERE n.tag_id IS NOT NULL"""),
        (_GOLDEN,
         f"""SELECT '+' || n.num FROM numbers n JOIN series s ON s.id = n.series_id
            WHERE n.golden <> {_golden_sql('n.num', True)} AND s.golden
               OR n.golden AND NOT s.golden LIMIT 20"""),
        ("the org tree does not have exactly one root",
         """SELECT count(*) || ' roots' FROM orgs WHERE parent_id IS NULL
            HAVING count(*) <> 1 AND (SELECT count(*) FROM orgs) > 0"""),
        ("an org's parent does not exist",
         """SELECT o.id::VARCHAR FROM orgs o ANTI JOIN orgs p ON p.id = o.parent_id
            WHERE o.parent_id IS NOT NULL"""),
        ("an org is not connected to the root (a cycle)",
         """WITH RECURSIVE reach(id) AS (SELECT id FROM orgs WHERE parent_id IS NULL
                UNION SELECT o.id FROM orgs o JOIN reach r ON o.parent_id = r.id)
            SELECT id::VARCHAR FROM orgs WHERE id NOT IN (SELECT id FROM reach)"""),
        ("two siblings share a name (ignoring case)",
         """SELECT lower(name) FROM orgs GROUP BY parent_id, lower(name) HAVING count(*) > 1"""),
        ("an org id is used twice",
         "SELECT id::VARCHAR FROM orgs GROUP BY id HAVING count(*) > 1"),
        ("an org's threshold or aging period is out of bounds",
         """SELECT id::VARCHAR FROM orgs WHERE threshold NOT BETWEEN 1 AND 100
            OR aging_days < 0"""),
        ("two series share a name or an id",
         """SELECT lower(name) FROM series GROUP BY lower(name) HAVING count(*) > 1
            UNION ALL SELECT id::VARCHAR FROM series GROUP BY id HAVING count(*) > 1"""),
        ("two tags share a name, or a tag has an unknown kind",
         """SELECT lower(name) FROM tags GROUP BY lower(name) HAVING count(*) > 1
            UNION ALL SELECT name FROM tags WHERE kind NOT IN ('person', 'role')"""),
        ("a grant is malformed (unknown role, admin with an org, or a missing org)",
         """SELECT g.user_name || ' ' || g.role FROM grants g LEFT JOIN orgs o ON o.id = g.org_id
            WHERE g.role NOT IN ('admin', 'manager', 'viewer')
               OR (g.role = 'admin' AND g.org_id IS NOT NULL)
               OR (g.role <> 'admin' AND o.id IS NULL)"""),
        ("there are grants but no admin",
         """SELECT 'no admin' FROM grants HAVING count(*) > 0
            AND count(*) FILTER (WHERE role = 'admin') = 0"""),
        ("the audit log's additions and retirements do not add up to the numbers stored",
         """SELECT 'events say ' || coalesce(sum(numbers_delta), 0) || ', stored '
                   || (SELECT count(*) FROM numbers)
            FROM events HAVING coalesce(sum(numbers_delta), 0) <> (SELECT count(*) FROM numbers)"""),
        ("an audit event is malformed (repeated id, no actor or no action)",
         """SELECT id::VARCHAR FROM events GROUP BY id HAVING count(*) > 1
            UNION ALL SELECT id::VARCHAR FROM events WHERE trim(actor) = '' OR trim(action) = ''"""),
        ("a request for numbers names a missing org or has an unknown state",
         """SELECT q.id::VARCHAR FROM requests q LEFT JOIN orgs o ON o.id = q.org_id
            WHERE (o.id IS NULL AND q.state = 'open')
               OR q.state NOT IN ('open', 'fulfilled', 'declined')"""),
    ]


def run_check_query(cur: Cursor, sql: str) -> list[str]:
    return [str(row[0]) for row in cur.execute(sql).fetchall()]
