"""Imports from spreadsheets: orgs by path, series ranges, and numbers with their state.

Every import is first planned: each row is checked and turned into the changes it would make,
and each problem is named by line and column. A dry run (``plan_import``) stops there;
``apply_import`` plans again inside one command and applies all of it, or nothing.
Lines count as in the file: the header is line 1, the first row line 2.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from . import phone, store
from .errors import InvalidInput, NumcoreError
from .export import FORMULA_STARTS
from .model import (DEFAULT_AGING_DAYS, DEFAULT_THRESHOLD, IN_SERVICE, PATH_SEPARATOR, STATUSES,
                    TAG_KINDS, clean_name, whole_number)
from .setup_commands import MAX_AGING_DAYS, insert_spans, org_name
from .transaction import Rx, Tx, command, query

_E164 = re.compile(r"\+[1-9]\d{1,14}")
# An export of numbers (numcore.export) imports as it is: its columns are named for people.
ALIASES = {("numbers", "e164"): "number", ("numbers", "tag kind"): "tag_kind",
           ("numbers", "kind"): "tag_kind"}
KINDS = {
    "orgs": (["path"], ["threshold", "aging_days"]),
    "series": (["series", "first", "last"], []),
    "numbers": (["number", "holder", "status"], ["tag", "tag_kind", "assignee", "until"]),
}


@dataclass
class ImportPlan:
    """What an import would do: its changes and its problems, each by line."""

    kind: str
    rows: int
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    apply: Callable[[Tx], None] | None = field(default=None, repr=False)
    _written: list[tuple[int, str]] = field(default_factory=list, repr=False)
    _deferred: list[tuple[int, Callable[[], list]]] = field(default_factory=list, repr=False)

    @property
    def changes(self) -> list[tuple[int, str]]:
        """Each change as (line, what it does). A numbers import puts its changes (one per
        row, perhaps millions) into words only when they are asked for."""
        for _, write in self._deferred:
            self._written += write()
        self._deferred.clear()
        return self._written

    def defer_changes(self, count: int, write: Callable[[], list]) -> None:
        """``count`` changes that ``write()`` will put into words when they are asked for."""
        self._deferred.append((count, write))

    @property
    def ok(self) -> bool:
        return not self.problems

    def changes_table(self) -> pd.DataFrame:
        return pd.DataFrame(self.changes, columns=["line", "change"])

    def problems_table(self) -> pd.DataFrame:
        return pd.DataFrame(self.problems, columns=["line", "column", "problem"])

    def summary(self) -> str:
        if self.problems:
            line, column, problem = self.problems[0]
            more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
            return (f"The {self.kind} file has {phone.plural(len(self.problems), 'problem')}, so "
                    f"nothing was imported. First: line {line}, column {column}: "
                    f"{problem.rstrip('.')}{more}.")
        changes = len(self._written) + sum(count for count, _ in self._deferred)
        return (f"{phone.plural(self.rows, 'row')} of {self.kind}: "
                f"{phone.plural(changes, 'change')}.")

    def problem(self, line: int, column: str, text: str) -> None:
        self.problems.append((line, column, text))


def read_table(source) -> pd.DataFrame:
    """A CSV (text, bytes, a path or a file) or a DataFrame as a table of trimmed strings."""
    if isinstance(source, pd.DataFrame):
        frame = source.copy(deep=False)  # each column becomes text below, one at a time
    else:
        if isinstance(source, bytes):
            source = source.decode("utf-8-sig")
        if isinstance(source, str) and "\n" not in source and source.endswith(".csv"):
            source = open(source, encoding="utf-8-sig").read()
        handle = io.StringIO(source) if isinstance(source, str) else source
        try:
            frame = pd.read_csv(handle, dtype=str, keep_default_na=False, skipinitialspace=True)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
            raise InvalidInput(f"The file is not a readable CSV table: {error}") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return frame.apply(_cells_as_text)


def _cells_as_text(column: pd.Series) -> pd.Series:
    """A column's cells as trimmed text ('' for None and NaN), without the apostrophe that an
    export puts before formula-like text. Kept as pandas' own strings: a column of millions of
    cells as Python objects would cost a hundred bytes each."""
    if isinstance(column.dtype, pd.StringDtype) and not column.isna().any():
        cells = column.str.strip()
    else:
        values = column.astype(object).tolist()
        cells = pd.Series(["" if v is None or (isinstance(v, float) and pd.isna(v))
                           else str(v).strip() for v in values], index=column.index, dtype="str")
    if cells.str.startswith("'").any():
        cells = pd.Series([_unneutralised(c) for c in cells.tolist()], index=column.index,
                          dtype="str")
    return cells


def _unneutralised(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS else cell


class Imports:
    """plan_import (dry run) and apply_import (all or nothing), for orgs, series and numbers."""

    @query
    def plan_import(self, rx: Rx, kind: str, source) -> ImportPlan:
        """What importing ``source`` would change, row by row, and every problem in it."""
        return _plan(rx, kind, source)

    @command
    def apply_import(self, tx: Tx, kind: str, source) -> ImportPlan:
        """Import ``source``: every change of its plan in one transaction, or none if it has
        any problem (InvalidInput names the first)."""
        tx.catalog.access.require_admin(tx.actor, f"importing {kind}")
        plan = _plan(tx, kind, source)
        if not plan.ok:
            raise InvalidInput(plan.summary())
        plan.apply(tx)
        return plan


def _plan(view, kind: str, source) -> ImportPlan:
    if kind not in KINDS:
        raise InvalidInput(f"Unknown import {kind!r}; choose orgs, series or numbers.")
    frame = read_table(source).rename(columns=lambda c: ALIASES.get((kind, c), c))
    plan = ImportPlan(kind, len(frame))
    required, optional = KINDS[kind]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        plan.problem(1, missing[0], f"the header lacks the column '{missing[0]}' "
                                    f"(needed: {', '.join(required)}; optional: "
                                    f"{', '.join(optional) or 'none'})")
        return plan
    for column in optional:
        if column not in frame.columns:
            frame[column] = ""
    if frame.empty:
        plan.problem(2, required[0], "the file has no rows")
        return plan
    {"orgs": _plan_orgs, "series": _plan_series, "numbers": _plan_numbers}[kind](view, frame, plan)
    return plan


def _lines(frame: pd.DataFrame):
    for position, row in enumerate(frame.to_dict("records")):
        yield position + 2, row


def _path_key(path: str) -> str:
    return PATH_SEPARATOR.join(part.strip() for part in path.split("/")).casefold()


# -- orgs -------------------------------------------------------------------------------------

def _plan_orgs(view, frame: pd.DataFrame, plan: ImportPlan) -> None:
    catalog = view.catalog
    existing = {o.path.casefold(): o for o in catalog.tree.in_order()}
    shown = {key: org.path for key, org in existing.items()}  # how each path is written
    root_name = catalog.tree.root.name if catalog.tree.root else None
    created: dict[str, tuple[str, str | None]] = {}  # key -> (name, parent key)
    settings: dict[str, dict[str, int]] = {}
    seen: dict[str, int] = {}
    for line, row in _lines(frame):
        try:
            names = [org_name(part) for part in row["path"].split("/")]
        except NumcoreError as error:
            plan.problem(line, "path", str(error))
            continue
        key = _path_key(row["path"])
        if key in seen:
            plan.problem(line, "path", f"{row['path']} is listed again (first on line {seen[key]})")
            continue
        seen[key] = line
        root_name = root_name or names[0]
        if names[0].casefold() != root_name.casefold():
            plan.problem(line, "path", f"the root is {root_name}; every path starts with it")
            continue
        for depth in range(1, len(names) + 1):
            prefix = PATH_SEPARATOR.join(names[:depth]).casefold()
            if prefix not in shown:
                parent = PATH_SEPARATOR.join(names[: depth - 1]).casefold() or None
                shown[prefix] = names[0] if parent is None else (
                    f"{shown[parent]}{PATH_SEPARATOR}{names[depth - 1]}")
                created[prefix] = (names[depth - 1], parent)
                plan.changes.append((line, f"create org {shown[prefix]}"))
        wanted = {}
        for column, low, high in (("threshold", 1, 100), ("aging_days", 0, MAX_AGING_DAYS)):
            if row[column]:
                try:
                    wanted[column] = whole_number(_int(row[column]), column.replace("_", " "),
                                                  low, high)
                except NumcoreError as error:
                    plan.problem(line, column, str(error))
        current = existing.get(key)
        have = (catalog.settings_of(current.id) if current else None)
        for column, value in wanted.items():
            before = getattr(have, column) if have else (
                DEFAULT_THRESHOLD if column == "threshold" else DEFAULT_AGING_DAYS)
            if value != before:
                settings.setdefault(key, {})[column] = value
                plan.changes.append((line, f"set {column.replace('_', ' ')} of {shown[key]} "
                                           f"to {value}"))

    def apply(tx: Tx) -> None:
        ids = {key: org.id for key, org in existing.items()}
        for key, (name, parent_key) in created.items():
            org_id = store.next_id(tx.cur, "org_ids")
            store.insert_org(tx.cur, org_id, name, ids.get(parent_key), DEFAULT_THRESHOLD,
                             DEFAULT_AGING_DAYS)
            ids[key] = org_id
        for key, columns in settings.items():
            store.update_org(tx.cur, ids[key], **columns)
        tx.changed_catalog()
        tx.record("import_orgs", orgs=[ids[k] for k in [*created, *settings]],
                  quantity=len(created), after={"created": len(created), "updated": len(settings)})

    plan.apply = apply


# -- series -----------------------------------------------------------------------------------

def _plan_series(view, frame: pd.DataFrame, plan: ImportPlan) -> None:
    catalog = view.catalog
    planned: dict[str, dict] = {}  # series name (casefold) -> {name, area, spans, id}
    taken: list[tuple[int, int, int]] = []  # spans of earlier rows, with their line
    for line, row in _lines(frame):
        try:
            name = clean_name(row["series"], "series")
        except NumcoreError as error:
            plan.problem(line, "series", str(error))
            continue
        bad = False
        for column in ("first", "last"):
            try:
                phone.parse(row[column])
            except NumcoreError as error:
                plan.problem(line, column, str(error))
                bad = True
        if bad:
            continue
        try:
            low, high = phone.parse_range(row["first"], row["last"])
        except NumcoreError as error:
            plan.problem(line, "last", str(error))
            continue
        shown = phone.span(low, high)
        clash = next(iter(catalog.overlapping(low, high)), None)
        if clash:
            owner = catalog.series(clash.series_id).name
            plan.problem(line, "first", f"{shown} overlaps {phone.span(clash.first, clash.last)} "
                                        f"of series {owner}")
            continue
        earlier = next((ln for a, b, ln in taken if a <= high and low <= b), None)
        if earlier:
            plan.problem(line, "first", f"{shown} overlaps the range on line {earlier}")
            continue
        area = phone.country_and_area(low)
        stored = catalog.series_named(name)
        entry = planned.get(name.casefold())
        expected = ((stored.country_code, stored.area_code) if stored
                    else entry["area"] if entry else area)
        if area != expected:
            plan.problem(line, "first", f"{shown} is in +{area[0]} {area[1]}, but series {name} "
                                        f"is +{expected[0]} {expected[1]}")
            continue
        taken.append((low, high, line))
        if entry is None:
            entry = planned[name.casefold()] = {"name": stored.name if stored else name,
                                                "area": area, "spans": [],
                                                "id": stored.id if stored else None}
            if stored is None:
                plan.changes.append((line, f"create series {name} (+{area[0]} {area[1]})"))
        entry["spans"].append((low, high))
        plan.changes.append((line, f"add {high - low + 1:,} numbers {shown} to {entry['name']}"))

    def apply(tx: Tx) -> None:
        root = tx.catalog.tree.root
        if root is None:
            raise InvalidInput("Create or import the root org first: new numbers sit in its pool.")
        golden = store.golden_series(tx.cur)
        total, series_ids = 0, []
        for entry in planned.values():
            if entry["id"] is None:
                entry["id"] = store.next_id(tx.cur, "series_ids")
                store.insert_series(tx.cur, entry["id"], entry["name"], *entry["area"])
            total += insert_spans(tx, entry["id"], entry["spans"], root.id,
                                  golden=entry["id"] in golden)
            series_ids.append(entry["id"])
        spans = [s for entry in planned.values() for s in entry["spans"]]
        tx.record("import_series", orgs=[root.id], series=series_ids, quantity=total,
                  spans=spans, numbers_delta=total, after={"ranges": len(spans)})

    plan.apply = apply


# -- numbers ----------------------------------------------------------------------------------

# The order of a line's problems, as checking the row alone would find them.
_NUMBER, _REPEAT, _HOLDER, _STATUS, _TAG, _ASSIGNEE, _UNTIL = range(7)


def _plan_numbers(view, frame: pd.DataFrame, plan: ImportPlan) -> None:
    # A column at a time, since an import may carry millions of rows: each distinct value (or
    # combination) is judged once by the rules for a single row, and the verdict goes to
    # every line that has it; only lines with a problem are visited one by one.
    catalog = view.catalog
    lines = np.arange(2, len(frame) + 2)
    found: list[tuple[int, int, str, str]] = []  # (line, check, column, problem)
    nums = _stored_numbers(catalog, frame["number"], lines, found)
    _repeated_numbers(nums, lines, found)
    orgs = {o.path.casefold(): o.id for o in catalog.tree.in_order()}
    codes, texts = pd.factorize(frame["holder"])
    holders = np.array([orgs.get(_path_key(text), 0) for text in texts], dtype=np.int64)[codes]
    for at in np.flatnonzero(holders == 0).tolist():
        found.append((at + 2, _HOLDER, "holder", f"there is no org at '{frame['holder'].iat[at]}'"))
    statuses = frame["status"].str.lower().astype(object)
    for at in np.flatnonzero(~statuses.isin(STATUSES).to_numpy()).tolist():
        found.append((at + 2, _STATUS, "status", f"unknown status '{frame['status'].iat[at]}'; "
                                                 f"use {', '.join(STATUSES)}"))
    state = [statuses, frame["tag"], frame["tag_kind"], frame["assignee"] != "", frame["until"]]
    codes, firsts = _distinct_rows(state)
    new_tags: dict[str, tuple[str, str]] = {}
    verdicts = [_judge_state(catalog, *(column.iat[at] for column in state), new_tags)
                for at in firsts.tolist()]
    for code, (_, _, problems) in enumerate(verdicts):
        if problems:
            found += [(at + 2, check, column, text) for at in np.flatnonzero(codes == code)
                      for check, column, text in problems]
    found.sort(key=lambda problem: problem[:2])
    plan.problems += [(line, column, text) for line, _, column, text in found]
    ok = ~np.isin(lines, [problem[0] for problem in found])
    rows = pd.DataFrame({
        "line": lines[ok],
        "num": nums[ok],
        "holder": holders[ok],
        "status": statuses.to_numpy()[ok],
        "tag": pd.array([tag for tag, _, _ in verdicts], dtype="Int64")[codes[ok]],
        "tag_name": frame["tag"].to_numpy(dtype=object)[ok],
        "assignee": pd.Series(frame["assignee"].to_numpy(dtype=object)[ok], dtype=object)
                      .replace({"": None}),
        "until": pd.Series([until for _, until, _ in verdicts],
                           dtype="datetime64[us]").to_numpy()[codes[ok]],
    })
    rows["series"] = _series_of(catalog, rows["num"].to_numpy())
    current = store.states_of(view.cur, rows["num"].to_numpy()).set_index("num")
    rows["from"] = current["holder_id"].reindex(rows["num"]).to_numpy()
    now = current["status"].reindex(rows["num"]).to_numpy(dtype=object)
    for at in np.flatnonzero(now != "available").tolist():
        plan.problem(int(rows["line"].iat[at]), "number",
                     f"{phone.e164(int(rows['num'].iat[at]))} is {now[at]} now; an import sets "
                     "only numbers that are available")
    ready = rows[now == "available"]
    plan.defer_changes(len(ready), lambda: _changes(catalog, ready))
    plan.defer_changes(len(new_tags), lambda: [(0, f"create tag {name} ({kind})")
                                               for name, kind in new_tags.values()])

    def apply(tx: Tx) -> None:
        tag_ids = {}
        for key, (name, kind) in new_tags.items():
            tag_ids[key] = store.next_id(tx.cur, "tag_ids")
            store.insert_tag(tx.cur, tag_ids[key], name, kind)
            tx.changed_catalog()
        named = rows["tag"].isna() & (rows["tag_name"] != "")
        rows.loc[named, "tag"] = [tag_ids[n.casefold()] for n in rows.loc[named, "tag_name"]]
        changed = store.set_states(tx.cur, rows.rename(columns={"from": "expected"}))
        if changed != len(rows):
            raise InvalidInput("The numbers changed while importing, so nothing was imported; "
                               "run the import again.")
        shifts: Counter = Counter()
        for (origin, series), n in rows.groupby(["from", "series"]).size().items():
            shifts[(int(origin), int(series), "available")] -= int(n)
        arriving = rows.groupby(["holder", "series", "status"]).size()
        for (holder, series, status), n in arriving.items():
            shifts[(int(holder), int(series), status)] += int(n)
        tx.shift(dict(shifts))
        if rows["until"].notna().any():
            tx.sets_until(rows["until"].min().to_pydatetime())
        tx.record("import_numbers",
                  orgs=sorted(set(rows["holder"].tolist()) | set(rows["from"].tolist())),
                  series=sorted(set(rows["series"].tolist())), quantity=len(rows),
                  numbers=rows["num"].to_numpy(),
                  after={"statuses": dict(Counter(rows["status"].tolist())),
                         "tags_created": len(new_tags)})

    plan.apply = apply


def _distinct_rows(columns: list[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the number of its distinct combination of the columns' values, counted in
    the order they first appear; and the first row of each combination."""
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, values = pd.factorize(column)
        key = pd.factorize(key * (len(values) + 1) + codes)[0]  # stays below the row count
    _, firsts, combination = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(firsts)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[combination], firsts[order]


def _changes(catalog, rows: pd.DataFrame) -> list[tuple[int, str]]:
    """'+14155550100: available at Acme -> assigned at Acme / Sales to bob' for each row."""
    paths = {o.id: o.path for o in catalog.tree.in_order()}
    changes = []
    for line, num, origin, status, holder, tag, assignee in zip(
            rows["line"].tolist(), rows["num"].tolist(), rows["from"].tolist(),
            rows["status"].tolist(), rows["holder"].tolist(), rows["tag_name"].tolist(),
            rows["assignee"].tolist()):
        extra = (f" for {tag}" if tag else "") + (f" to {assignee}" if assignee else "")
        changes.append((line, f"{phone.e164(num)}: available at {paths[origin]} -> "
                              f"{status} at {paths[holder]}{extra}"))
    return changes


def _stored_numbers(catalog, texts: pd.Series, lines, found) -> np.ndarray:
    """Each row's number (0 where it has none), as _stored_number finds it row by row: E.164
    text inside a stored range needs no phonenumbers parse."""
    plain = texts.str.fullmatch(_E164.pattern).to_numpy(dtype=bool)
    nums = np.zeros(len(texts), dtype=np.int64)
    nums[plain] = texts[plain].str.slice(1).astype(np.int64).to_numpy()
    nums[_series_of(catalog, nums) == 0] = 0
    for at in np.flatnonzero(nums == 0).tolist():
        collected = _Collected()
        nums[at] = _stored_number(catalog, texts.iat[at], 0, collected) or 0
        found += [(int(lines[at]), _NUMBER, where, text) for where, text in collected.problems]
    return nums


def _repeated_numbers(nums: np.ndarray, lines, found) -> None:
    """'... is listed again (first on line n)' for each repeat of a number."""
    listed = pd.Series(nums, index=lines)[nums > 0]
    again = listed.duplicated()
    if again.any():
        first = dict(zip(listed[~again].tolist(), listed[~again].index.tolist()))
        for line, num in listed[again].items():
            found.append((line, _REPEAT, "number", f"{phone.e164(num)} is listed again "
                                                   f"(first on line {first[num]})"))


def _series_of(catalog, nums: np.ndarray) -> np.ndarray:
    """The series of each number by the stored ranges (0 where no range holds it)."""
    if not catalog.ranges:
        return np.zeros_like(nums)
    firsts = np.array([r.first for r in catalog.ranges], dtype=np.int64)
    lasts = np.array([r.last for r in catalog.ranges], dtype=np.int64)
    series = np.array([r.series_id for r in catalog.ranges], dtype=np.int64)
    at = np.maximum(np.searchsorted(firsts, nums, side="right") - 1, 0)
    return np.where((nums >= firsts[at]) & (nums <= lasts[at]), series[at], 0)


class _Collected:
    """Stands in for an ImportPlan to collect the problems of one value, whatever its line."""

    def __init__(self):
        self.problems: list[tuple[str, str]] = []

    def problem(self, line: int, column: str, text: str) -> None:
        self.problems.append((column, text))


def _judge_state(catalog, status, tag, kind, assignee, until, new_tags):
    """(tag id, end date, problems as (check, column, text)) of a row's tag, user and end date."""
    row = {"tag": tag, "tag_kind": kind, "assignee": assignee, "until": until}
    collected = {check: _Collected() for check in (_TAG, _ASSIGNEE, _UNTIL)}
    tag_id = _tag_of(catalog, row, status, 0, collected[_TAG], new_tags)
    _assignee_of(row, status, 0, collected[_ASSIGNEE])
    moment = _until_of(row, status, 0, collected[_UNTIL])
    problems = [(check, column, text) for check, c in collected.items()
                for column, text in c.problems]
    return tag_id, moment, problems


def _tag_of(catalog, row, status, line, plan, new_tags):
    name = row["tag"]
    if not name:
        if status == "reserved":
            plan.problem(line, "tag", "a reserved number needs a tag")
        return None
    if status not in ("reserved", *IN_SERVICE):
        plan.problem(line, "tag", f"{_a(status)} number carries no tag")
        return None
    tag = catalog.tag_named(name)
    if tag:
        return tag.id
    kind = (row["tag_kind"] or "role").lower()
    if kind not in TAG_KINDS:
        plan.problem(line, "tag_kind", f"unknown tag kind '{row['tag_kind']}'; use person or role")
        return None
    try:
        new_tags.setdefault(name.casefold(), (clean_name(name, "tag"), kind))
    except NumcoreError as error:
        plan.problem(line, "tag", str(error))
    return None


def _assignee_of(row, status, line, plan):
    assignee = row["assignee"]
    if status in IN_SERVICE and not assignee:
        plan.problem(line, "assignee", f"{_a(status)} number needs its user")
    if status not in IN_SERVICE and assignee:
        plan.problem(line, "assignee", f"{_a(status)} number has no user")
    return assignee or None


def _until_of(row, status, line, plan):
    text = row["until"]
    if not text:
        if status == "aging":
            plan.problem(line, "until", "an aging number needs the date its aging ends")
        return None
    if status not in ("aging", "reserved"):
        plan.problem(line, "until", f"{_a(status)} number has no end date")
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        plan.problem(line, "until", f"'{text}' is not a date (use YYYY-MM-DD)")
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _stored_number(catalog, text: str, line: int, plan: ImportPlan) -> int | None:
    """The number of a row, if it is in a series; E.164 text of a stored range needs no
    phonenumbers parse (its ranges were checked when they were added)."""
    if _E164.fullmatch(text) and catalog.range_of(int(text[1:])):
        return int(text[1:])
    try:
        num = phone.parse(text)
    except NumcoreError as error:
        plan.problem(line, "number", str(error))
        return None
    if catalog.range_of(num) is None:
        plan.problem(line, "number", f"{phone.pretty(num)} is not in any series")
        return None
    return num


def _a(word: str) -> str:
    """'an assigned', 'a reserved'."""
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _int(text: str):
    try:
        return int(text)
    except ValueError:
        return text
