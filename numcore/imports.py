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
    changes: list[tuple[int, str]] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    apply: Callable[[Tx], None] | None = field(default=None, repr=False)

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
        return f"{phone.plural(self.rows, 'row')} of {self.kind}: {phone.plural(len(self.changes), 'change')}."

    def problem(self, line: int, column: str, text: str) -> None:
        self.problems.append((line, column, text))


def read_table(source) -> pd.DataFrame:
    """A CSV (text, bytes, a path or a file) or a DataFrame as a table of trimmed strings."""
    if isinstance(source, pd.DataFrame):
        frame = source.astype(object)
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
    export puts before formula-like text; a column of text, the usual case, in one pass."""
    values = column.astype(object)
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        cells = [v.strip() for v in values.tolist()]
    else:
        cells = ["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v).strip()
                 for v in values.tolist()]
    return pd.Series([_unneutralised(c) for c in cells] if any(c[:1] == "'" for c in cells)
                     else cells, index=column.index, dtype=object)


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
    # every line that has it.
    catalog = view.catalog
    lines = np.arange(2, len(frame) + 2)
    found: list[tuple[int, int, str, str]] = []  # (line, check, column, problem)
    nums = _stored_numbers(catalog, frame["number"].tolist(), lines, found)
    _repeated_numbers(nums, lines, found)
    orgs = {o.path.casefold(): o for o in catalog.tree.in_order()}
    holder_of = {text: orgs.get(_path_key(text)) for text in frame["holder"].unique()}
    holders, statuses = [], frame["status"].str.lower().tolist()
    new_tags: dict[str, tuple[str, str]] = {}
    verdicts: dict[tuple, tuple] = {}
    tag_ids, untils = [], []
    for line, holder_text, status, raw, tag, kind, assignee, until in zip(
            lines.tolist(), frame["holder"].tolist(), statuses, frame["status"].tolist(),
            frame["tag"].tolist(), frame["tag_kind"].tolist(), frame["assignee"].tolist(),
            frame["until"].tolist()):
        holders.append(holder_of[holder_text])
        if holders[-1] is None:
            found.append((line, _HOLDER, "holder", f"there is no org at '{holder_text}'"))
        if status not in STATUSES:
            found.append((line, _STATUS, "status",
                          f"unknown status '{raw}'; use {', '.join(STATUSES)}"))
        key = (status, tag, kind, bool(assignee), until)
        if key not in verdicts:
            verdicts[key] = _judge_state(catalog, status, tag, kind, assignee, until, new_tags)
        tag_id, moment, problems = verdicts[key]
        if problems:
            found += [(line, check, column, text) for check, column, text in problems]
        tag_ids.append(tag_id)
        untils.append(moment)
    found.sort(key=lambda problem: problem[:2])
    plan.problems += [(line, column, text) for line, _, column, text in found]
    ok = ~np.isin(lines, [problem[0] for problem in found])
    rows = pd.DataFrame({
        "line": lines[ok],
        "num": nums[ok],
        "holder": np.array([h.id if h else 0 for h in holders], dtype=np.int64)[ok],
        "status": np.array(statuses, dtype=object)[ok],
        "tag": pd.array(tag_ids, dtype="Int64")[ok],
        "tag_name": frame["tag"].to_numpy(dtype=object)[ok],
        "assignee": pd.Series([a or None for a in frame["assignee"].tolist()],
                              dtype=object)[ok].reset_index(drop=True),
        "until": pd.Series(untils, dtype="datetime64[us]").to_numpy()[ok],
    })
    rows["series"] = _series_of(catalog, rows["num"].to_numpy())
    current = store.states_of(view.cur, rows["num"].to_numpy()).set_index("num")
    rows["from"] = current["holder_id"].reindex(rows["num"]).to_numpy()
    paths = {o.id: o.path for o in catalog.tree.in_order()}
    for line, num, now, origin, status, holder, tag, assignee in zip(
            rows["line"].tolist(), rows["num"].tolist(),
            current["status"].reindex(rows["num"]).tolist(), rows["from"].tolist(),
            rows["status"].tolist(), rows["holder"].tolist(), rows["tag_name"].tolist(),
            rows["assignee"].tolist()):
        if now != "available":
            plan.problem(line, "number", f"{phone.e164(num)} is {now} now; an import sets "
                                         "only numbers that are available")
            continue
        extra = (f" for {tag}" if tag else "") + (f" to {assignee}" if assignee else "")
        plan.changes.append((line, f"{phone.e164(num)}: available at {paths[origin]} -> "
                                   f"{status} at {paths[holder]}{extra}"))
    for name, kind in new_tags.values():
        plan.changes.append((0, f"create tag {name} ({kind})"))

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
        series, statuses = rows["series"].tolist(), rows["status"].tolist()
        shifts: Counter = Counter()
        for (origin, s), n in Counter(zip(rows["from"].tolist(), series)).items():
            shifts[(origin, s, "available")] -= n
        for key, n in Counter(zip(rows["holder"].tolist(), series, statuses)).items():
            shifts[key] += n
        tx.shift(dict(shifts))
        if rows["until"].notna().any():
            tx.sets_until(rows["until"].min().to_pydatetime())
        tx.record("import_numbers",
                  orgs=sorted(set(rows["holder"].tolist()) | set(rows["from"].tolist())),
                  series=sorted(set(series)), quantity=len(rows), numbers=rows["num"].to_numpy(),
                  after={"statuses": dict(Counter(statuses)), "tags_created": len(new_tags)})

    plan.apply = apply


def _stored_numbers(catalog, texts: list[str], lines, found) -> np.ndarray:
    """Each row's number (0 where it has none), as _stored_number finds it row by row: E.164
    text inside a stored range needs no phonenumbers parse."""
    column = pd.Series(texts, dtype="str")
    plain = column.str.fullmatch(_E164.pattern).to_numpy(dtype=bool)
    nums = np.zeros(len(texts), dtype=np.int64)
    nums[plain] = column[plain].str.slice(1).astype(np.int64).to_numpy()
    nums[_series_of(catalog, nums) == 0] = 0
    for at in np.flatnonzero(nums == 0).tolist():
        collected = _Collected()
        nums[at] = _stored_number(catalog, texts[at], 0, collected) or 0
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
