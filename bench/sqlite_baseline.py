"""The baseline: what an engineer would write first on SQLite, for the benchmark only.

One row per number (``num`` is the INTEGER PRIMARY KEY, so rows are stored by number), an
index on what each query filters by, counts by GROUP BY, one transaction and one audit row per
command, guarded updates with their row counts checked. No kept counts, no tricks.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

import pandas as pd

STATUSES = ("available", "reserved", "assigned", "registered", "aging")

SCHEMA = [
    "CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INTEGER)",
    "CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    """CREATE TABLE ranges (id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL,
           first INTEGER NOT NULL, last INTEGER NOT NULL)""",
    "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL)",
    """CREATE TABLE numbers (num INTEGER PRIMARY KEY, series_id INTEGER NOT NULL,
           holder_id INTEGER NOT NULL, status TEXT NOT NULL, tag_id INTEGER, assignee TEXT,
           until TEXT)""",
    """CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
           action TEXT NOT NULL, orgs TEXT NOT NULL, series TEXT NOT NULL,
           quantity INTEGER NOT NULL, numbers TEXT NOT NULL)""",
]
# Allocation and withdrawal filter by (series, holder, status) in number order; searches and
# counts by (holder, status).
INDEXES = [
    "CREATE INDEX numbers_by_pool ON numbers (series_id, holder_id, status, num)",
    "CREATE INDEX numbers_by_holder ON numbers (holder_id, status, num)",
]


class Refused(Exception):
    pass


class Baseline:
    """The same commands and reads as numcore's Inventory, the plain way."""

    def __init__(self, path: str):
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("PRAGMA journal_mode = WAL")
        self.con.execute("PRAGMA synchronous = NORMAL")
        if not self.con.execute("SELECT 1 FROM sqlite_master WHERE name = 'numbers'").fetchone():
            for statement in SCHEMA + INDEXES:
                self.con.execute(statement)

    def close(self) -> None:
        self.con.close()

    # -- the shape ----------------------------------------------------------------------------

    def create_orgs(self, paths: list[str]) -> None:
        """Orgs by path, parents first (as numcore's orgs import)."""
        with _Tx(self) as cur:
            ids: dict[str, int] = {}
            for path in paths:
                parent, _, name = path.rpartition(" / ")
                cur.execute("INSERT INTO orgs (name, parent_id) VALUES (?, ?)",
                            [name, ids.get(parent)])
                ids[path] = cur.lastrowid
            _event(cur, "import_orgs", ids.values(), [], len(paths), [])

    def create_series(self, series: list[tuple[str, list[tuple[int, int]]]]) -> None:
        """Series and their numbers, available at the root, in one transaction (as numcore's
        series import)."""
        with _Tx(self) as cur:
            root = cur.execute("SELECT id FROM orgs WHERE parent_id IS NULL").fetchone()[0]
            ids, spans = [], []
            for name, ranges in series:
                cur.execute("INSERT INTO series (name) VALUES (?)", [name])
                ids.append(cur.lastrowid)
                for first, last in ranges:
                    cur.execute("INSERT INTO ranges (series_id, first, last) VALUES (?, ?, ?)",
                                [ids[-1], first, last])
                    cur.executemany(
                        "INSERT INTO numbers (num, series_id, holder_id, status) "
                        "VALUES (?, ?, ?, 'available')",
                        ((n, ids[-1], root) for n in range(first, last + 1)))
                    spans.append((first, last))
            _event(cur, "import_series", [root], ids, sum(b - a + 1 for a, b in spans), spans)

    # -- commands -----------------------------------------------------------------------------

    def allocate(self, series_id: int, quantity: int, to_org_id: int,
                 from_org_id: int | None = None) -> list[str]:
        """The lowest ``quantity`` available numbers of the series held by ``from_org_id``
        (default: the parent) move to ``to_org_id``."""
        with _Tx(self) as cur:
            parents = _parents(cur)
            source = parents[to_org_id] if from_org_id is None else from_org_id
            if source is None or source not in _ancestors(parents, to_org_id):
                raise Refused("allocate down the tree only")
            moved = sorted(n for (n,) in cur.execute(
                """UPDATE numbers SET holder_id = ? WHERE num IN (
                       SELECT num FROM numbers WHERE series_id = ? AND holder_id = ?
                         AND status = 'available' ORDER BY num LIMIT ?) RETURNING num""",
                [to_org_id, series_id, source, quantity]).fetchall())
            if len(moved) < quantity:
                raise Refused(f"only {len(moved)} available")
            _event(cur, "allocate", [source, to_org_id], [series_id], quantity, moved)
            return [f"+{n}" for n in moved]

    def allocate_numbers(self, numbers: list[str], to_org_id: int) -> list[str]:
        """Listed available numbers, each held by an ancestor of ``to_org_id``, move to it."""
        nums = sorted(int(n.lstrip("+")) for n in numbers)
        with _Tx(self) as cur:
            parents = _parents(cur)
            above = set(_ancestors(parents, to_org_id))
            rows = _rows_of(cur, nums)
            if len(rows) != len(nums):
                raise Refused("unknown number")
            for num, series_id, holder, status in rows:
                if status != "available" or holder not in above:
                    raise Refused(f"+{num} cannot be allocated")
            changed = cur.executemany(
                "UPDATE numbers SET holder_id = ? WHERE num = ? AND status = 'available' "
                "AND holder_id = ?", [(to_org_id, num, holder) for num, _, holder, _ in rows]
            ).rowcount
            _expect(changed, len(nums))
            _event(cur, "allocate_numbers", sorted({r[2] for r in rows}) + [to_org_id],
                   sorted({r[1] for r in rows}), len(nums), nums)
            return [f"+{n}" for n in nums]

    def withdraw(self, org_id: int, series_id: int, quantity: int) -> list[str]:
        """The highest ``quantity`` available numbers of the series held by ``org_id`` go back
        to its parent."""
        with _Tx(self) as cur:
            parent = _parents(cur)[org_id]
            if parent is None:
                raise Refused("the root has no parent")
            moved = sorted(n for (n,) in cur.execute(
                """UPDATE numbers SET holder_id = ? WHERE num IN (
                       SELECT num FROM numbers WHERE series_id = ? AND holder_id = ?
                         AND status = 'available' ORDER BY num DESC LIMIT ?) RETURNING num""",
                [parent, series_id, org_id, quantity]).fetchall())
            if len(moved) < quantity:
                raise Refused(f"only {len(moved)} available")
            _event(cur, "withdraw", [org_id, parent], [series_id], quantity, moved)
            return [f"+{n}" for n in moved]

    def reserve(self, number: str, tag_id: int) -> None:
        num = int(number.lstrip("+"))
        with _Tx(self) as cur:
            row = cur.execute("SELECT series_id, holder_id, status FROM numbers WHERE num = ?",
                              [num]).fetchone()
            if row is None or row[2] != "available":
                raise Refused(f"{number} is not available")
            if cur.execute("SELECT 1 FROM tags WHERE id = ?", [tag_id]).fetchone() is None:
                raise Refused("no such tag")
            changed = cur.execute(
                "UPDATE numbers SET status = 'reserved', tag_id = ? "
                "WHERE num = ? AND status = 'available' AND holder_id = ?",
                [tag_id, num, row[1]]).rowcount
            _expect(changed, 1)
            _event(cur, "reserve", [row[1]], [row[0]], 1, [num])

    def unreserve(self, number: str) -> None:
        num = int(number.lstrip("+"))
        with _Tx(self) as cur:
            row = cur.execute("SELECT series_id, holder_id, status FROM numbers WHERE num = ?",
                              [num]).fetchone()
            if row is None or row[2] != "reserved":
                raise Refused(f"{number} is not reserved")
            _expect(cur.execute("UPDATE numbers SET status = 'available', tag_id = NULL "
                                "WHERE num = ? AND status = 'reserved'", [num]).rowcount, 1)
            _event(cur, "unreserve", [row[1]], [row[0]], 1, [num])

    def import_numbers(self, rows: pd.DataFrame) -> int:
        """Set number, holder (path), status, tag, assignee, until of available numbers."""
        with _Tx(self) as cur:
            paths = _paths(cur)
            by_path = {path: org_id for org_id, path in paths.items()}
            tags = dict(cur.execute("SELECT name, id FROM tags").fetchall())
            for name in set(rows["tag"]) - set(tags) - {""}:  # new tags, as numcore's import
                cur.execute("INSERT INTO tags (name, kind) VALUES (?, 'role')", [name])
                tags[name] = cur.lastrowid
            changes = []
            for number, holder, status, tag, assignee, until in rows[
                    ["number", "holder", "status", "tag", "assignee", "until"]].itertuples(
                        index=False):
                if status not in STATUSES or holder not in by_path:
                    raise Refused(f"bad row for {number}")
                changes.append((by_path[holder], status, tags.get(tag) if tag else None,
                                assignee or None, until or None, int(number.lstrip("+"))))
            changed = cur.executemany(
                "UPDATE numbers SET holder_id = ?, status = ?, tag_id = ?, assignee = ?, "
                "until = ? WHERE num = ? AND status = 'available'", changes).rowcount
            _expect(changed, len(changes))
            _event(cur, "import_numbers", sorted({c[0] for c in changes}), [], len(changes),
                   sorted(c[5] for c in changes))
            return changed

    # -- reads --------------------------------------------------------------------------------

    def search_available(self, org_id: int, prefix: str, limit: int = 50) -> pd.DataFrame:
        digits = "".join(ch for ch in prefix if ch.isdigit())
        found = []
        for length in sorted({len(str(a)) for a, in self.con.execute(
                "SELECT first FROM ranges").fetchall()}):
            if len(digits) > length:
                continue
            scale = 10 ** (length - len(digits))
            found += self.con.execute(
                """SELECT num, series_id FROM numbers WHERE holder_id = ?
                   AND status = 'available' AND num BETWEEN ? AND ? ORDER BY num LIMIT ?""",
                [org_id, int(digits) * scale, (int(digits) + 1) * scale - 1, limit]).fetchall()
        found.sort()
        return pd.DataFrame([(f"+{n}", s) for n, s in found[:limit]], columns=["e164", "series_id"])

    def utilization(self, org_id: int) -> dict:
        usage = dict.fromkeys([*STATUSES, "allocated_to_suborgs"], 0)
        rows = self.con.execute(
            f"""{_SUBTREE}
                SELECT holder_id = ?, status, count(*) FROM numbers
                WHERE holder_id IN (SELECT id FROM subtree) GROUP BY 1, 2""",
            [org_id, org_id]).fetchall()
        for own, status, n in rows:
            usage[status if own else "allocated_to_suborgs"] += n
        usage["total"] = sum(usage.values())
        return usage

    def holdings(self, org_id: int) -> pd.DataFrame:
        rows = self.con.execute(
            f"""{_SUBTREE}
                SELECT n.holder_id, s.name, n.series_id, n.status, count(*)
                FROM numbers n JOIN series s ON s.id = n.series_id
                WHERE n.holder_id IN (SELECT id FROM subtree)
                GROUP BY n.series_id, n.holder_id, n.status""", [org_id]).fetchall()
        paths = _paths(self.con)
        frame = pd.DataFrame(rows, columns=["org_id", "series_name", "series_id", "status", "n"])
        table = frame.pivot_table(index=["org_id", "series_id", "series_name"], columns="status",
                                  values="n", fill_value=0).reset_index()
        table.insert(1, "org_path", table["org_id"].map(paths))
        return table

    def history(self, limit: int = 100) -> pd.DataFrame:
        return pd.read_sql_query("SELECT * FROM events ORDER BY id DESC LIMIT ?", self.con,
                                 params=[limit])

    def check(self) -> list[str]:
        """The invariants numcore's check() proves, as plain SQL."""
        problems = []
        for what, sql in [
            ("numbers outside their series' ranges",
             """SELECT count(*) FROM numbers n WHERE NOT EXISTS (SELECT 1 FROM ranges r
                WHERE r.series_id = n.series_id AND n.num BETWEEN r.first AND r.last)"""),
            ("ranges with places and numbers that differ",
             """SELECT count(*) FROM ranges r WHERE (SELECT count(*) FROM numbers n
                WHERE n.num BETWEEN r.first AND r.last) <> r.last - r.first + 1"""),
            ("numbers held by no org",
             "SELECT count(*) FROM numbers WHERE holder_id NOT IN (SELECT id FROM orgs)"),
            ("numbers whose status does not fit",
             """SELECT count(*) FROM numbers WHERE
                (status = 'available' AND (tag_id IS NOT NULL OR assignee IS NOT NULL
                                           OR until IS NOT NULL))
                OR (status = 'reserved' AND (tag_id IS NULL OR assignee IS NOT NULL))
                OR (status IN ('assigned', 'registered') AND assignee IS NULL)
                OR (status = 'aging' AND until IS NULL)
                OR status NOT IN ('available', 'reserved', 'assigned', 'registered', 'aging')"""),
            ("numbers with a missing tag",
             """SELECT count(*) FROM numbers WHERE tag_id IS NOT NULL
                AND tag_id NOT IN (SELECT id FROM tags)"""),
            ("orgs whose parent is missing",
             """SELECT count(*) FROM orgs WHERE parent_id IS NOT NULL
                AND parent_id NOT IN (SELECT id FROM orgs)"""),
        ]:
            n = self.con.execute(sql).fetchone()[0]
            if n:
                problems.append(f"{what}: {n}")
        return problems

    def org_ids(self) -> dict[str, int]:
        return {path: org_id for org_id, path in _paths(self.con).items()}

    def series_ids(self) -> dict[str, int]:
        return {name: i for i, name in self.con.execute("SELECT id, name FROM series")}

    def tag_ids(self) -> dict[str, int]:
        return {name: i for i, name in self.con.execute("SELECT id, name FROM tags")}


_SUBTREE = """WITH RECURSIVE subtree(id) AS (
    SELECT ? UNION ALL SELECT o.id FROM orgs o JOIN subtree s ON o.parent_id = s.id)"""


class _Tx:
    """One command: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, baseline: Baseline):
        self.con = baseline.con

    def __enter__(self) -> sqlite3.Cursor:
        self.cur = self.con.cursor()
        self.cur.execute("BEGIN IMMEDIATE")
        return self.cur

    def __exit__(self, kind, error, trace) -> None:
        self.cur.execute("ROLLBACK" if kind else "COMMIT")
        self.cur.close()


def _parents(cur) -> dict[int, int | None]:
    return dict(cur.execute("SELECT id, parent_id FROM orgs").fetchall())


def _ancestors(parents: dict[int, int | None], org_id: int) -> list[int]:
    chain, parent = [], parents[org_id]
    while parent is not None:
        chain.append(parent)
        parent = parents[parent]
    return chain


def _paths(cur) -> dict[int, str]:
    rows = {org_id: (name, parent) for org_id, name, parent in
            cur.execute("SELECT id, name, parent_id FROM orgs").fetchall()}

    def path(org_id):
        name, parent = rows[org_id]
        return name if parent is None else f"{path(parent)} / {name}"

    return {org_id: path(org_id) for org_id in rows}


def _rows_of(cur, nums: list[int]) -> list[tuple]:
    marks = ", ".join("?" * len(nums))
    return cur.execute(f"SELECT num, series_id, holder_id, status FROM numbers "
                       f"WHERE num IN ({marks}) ORDER BY num", nums).fetchall()


def _expect(changed: int, wanted: int) -> None:
    if changed != wanted:
        raise Refused(f"{changed} of {wanted} rows still qualified")


def _event(cur, action: str, orgs, series, quantity: int, numbers) -> None:
    """One audit row, its numbers folded into runs as numcore does."""
    runs: list[list[int]] = []
    if numbers and isinstance(numbers[0], tuple):
        runs = [list(r) for r in numbers]
    else:
        for n in numbers:
            if runs and n == runs[-1][1] + 1:
                runs[-1][1] = n
            else:
                runs.append([n, n])
    cur.execute(
        "INSERT INTO events (at, actor, action, orgs, series, quantity, numbers) "
        "VALUES (?, 'bench', ?, ?, ?, ?, ?)",
        [datetime.now(timezone.utc).isoformat(), action, json.dumps(list(orgs)),
         json.dumps(list(series)), quantity, json.dumps([[f"+{a}", f"+{b}"] for a, b in runs])])
