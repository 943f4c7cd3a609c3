"""Reads for screens, reports and tests. They take no actor; the app limits what it shows with
``reachable_orgs(user)``. Tables are pandas DataFrames."""

from __future__ import annotations

import json
import re

import pandas as pd

from . import phone, store
from .catalog import Catalog
from .errors import InvalidInput, NotFound
from .model import STATUSES, NumberInfo, Org, OrgSettings, whole_number
from .transaction import Rx, query

MAX_PAGE = 10_000


class Queries:
    """The read side of the Inventory."""

    # -- the small tables, straight from the catalog -----------------------------------------

    def org(self, org_id: int) -> Org:
        """One org, with its path."""
        return self._db.catalog.org(org_id)

    def orgs(self) -> pd.DataFrame:
        """Every org in tree order: id, name, parent_id, path."""
        rows = [(o.id, o.name, o.parent_id, o.path) for o in self._db.catalog.tree.in_order()]
        frame = pd.DataFrame(rows, columns=["id", "name", "parent_id", "path"])
        frame["parent_id"] = frame["parent_id"].astype("Int64")
        return frame

    def settings(self, org_id: int) -> OrgSettings:
        """The org's warning threshold and aging period."""
        return self._db.catalog.settings_of(org_id)

    def series(self) -> pd.DataFrame:
        """Every series by name: id, name, country_code, area_code, size."""
        rows = [(s.id, s.name, s.country_code, s.area_code, s.size)
                for s in sorted(self._db.catalog.series_by_id.values(), key=_by_name)]
        return pd.DataFrame(rows, columns=["id", "name", "country_code", "area_code", "size"])

    def ranges(self, series_id: int | None = None) -> pd.DataFrame:
        """The ranges of one series or all: id, series_id, series, first, last, size."""
        catalog = self._db.catalog
        chosen = catalog.ranges if series_id is None else catalog.ranges_of(
            catalog.series(series_id).id)
        rows = [(r.id, r.series_id, catalog.series(r.series_id).name, phone.e164(r.first),
                 phone.e164(r.last), r.size) for r in chosen]
        return pd.DataFrame(rows, columns=["id", "series_id", "series", "first", "last", "size"])

    def tags(self) -> pd.DataFrame:
        """Every tag by name: id, name, kind."""
        rows = [(t.id, t.name, t.kind) for t in sorted(self._db.catalog.tags_by_id.values(),
                                                       key=_by_name)]
        return pd.DataFrame(rows, columns=["id", "name", "kind"])

    def grants(self, user: str | None = None) -> pd.DataFrame:
        """Grants (of one user, or all): user, role, org_id, org (its path; admins: whole tree)."""
        catalog = self._db.catalog
        chosen = catalog.grants if user is None else catalog.access.grants_of(user)
        rows = [(g.user, g.role, g.org_id,
                 "whole tree" if g.org_id is None else catalog.org(g.org_id).path)
                for g in chosen]
        frame = pd.DataFrame(rows, columns=["user", "role", "org_id", "org"])
        frame["org_id"] = frame["org_id"].astype("Int64")
        return frame

    def reachable_orgs(self, user: str) -> list[int]:
        """Ids of the orgs ``user`` may see (their grants' subtrees), in tree order."""
        return self._db.catalog.access.reachable(user)

    def is_admin(self, user: str) -> bool:
        return self._db.catalog.access.is_admin(user)

    def may_manage(self, user: str, org_id: int) -> bool:
        """Whether ``user`` may run number commands in ``org_id`` (admin, or manager above it)."""
        return self._db.catalog.access.may_manage(user, org_id)

    # -- numbers -----------------------------------------------------------------------------

    @query
    def number(self, rx: Rx, e164: str) -> NumberInfo:
        """Where a number is and what it is doing."""
        num = phone.parse(e164)
        rows = store.get_numbers(rx.cur, [num])
        if not rows:
            raise NotFound(f"{phone.pretty(num)} is not in any series.")
        num, series_id, holder_id, status, tag_id, assignee, until, golden = rows[0]
        return NumberInfo(phone.e164(num), series_id, holder_id, status, tag_id, assignee,
                          until, golden)

    @query
    def search_available(self, rx: Rx, org_id: int, series_id: int | None = None,
                         prefix: str = "", limit: int = 50, offset: int = 0) -> pd.DataFrame:
        """Available numbers in ``org_id``'s own pool, lowest first, whose first digits match
        ``prefix`` as people type it ('+1 415 555', '1415555', '(415) 555'): e164, number
        (formatted), series_id, series, golden."""
        rx.catalog.org(org_id)
        limit = whole_number(limit, "limit", 1, MAX_PAGE)
        offset = whole_number(offset, "offset", 0)
        bounds = _prefix_bounds(rx.catalog, series_id, prefix)
        rows = store.search_available(rx.cur, org_id, bounds, limit, offset)
        names = {s.id: s.name for s in rx.catalog.series_by_id.values()}
        return pd.DataFrame(
            [(phone.e164(n), phone.pretty(n), s, names[s], bool(g)) for n, s, g in rows],
            columns=["e164", "number", "series_id", "series", "golden"],
        )

    @query
    def count_available(self, rx: Rx, org_id: int, series_id: int | None = None,
                        prefix: str = "", include_golden: bool = True) -> int:
        """How many numbers search_available could return (or a quantity allocation could take,
        with ``include_golden=False``)."""
        rx.catalog.org(org_id)
        chosen = (list(rx.catalog.series_by_id) if series_id is None
                  else [rx.catalog.series(series_id).id])
        whole = not any(c.isdigit() for c in str(prefix or ""))
        if whole:  # whole series: the kept counts know, no need to count millions of rows
            free = sum(rx.counts.of(org_id, s, "available") for s in chosen)
        else:
            bounds = _prefix_bounds(rx.catalog, series_id, prefix)
            free = store.count_available(rx.cur, bounds, org_id)
        if include_golden or not set(chosen) & store.golden_series(rx.cur):
            return free
        bounds = _prefix_bounds(rx.catalog, series_id, prefix)
        return free - store.count_available(rx.cur, bounds, org_id, golden_only=True)

    @query
    def numbers_in(self, rx: Rx, org_id: int, status, find: str = "", *, order: str = "number",
                   limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """The numbers in ``status`` (one status or a list) held in ``org_id``'s subtree that
        match ``find`` (see count_in), lowest first or, with ``order="until"``, soonest end
        first; ``limit`` of them from ``offset``, or all: e164, number, series, holder, status,
        tag, kind, assignee, until, golden."""
        chosen = listing(rx.catalog, org_id, status, find)
        if order not in store.ORDERS:
            raise InvalidInput(f"Numbers are listed by {' or '.join(store.ORDERS)}; got {order!r}.")
        if limit is not None:
            limit = whole_number(limit, "limit", 1, MAX_PAGE)
        offset = whole_number(offset, "offset", 0)
        found = store.numbers_of(rx.cur, chosen, order=order, limit=limit, offset=offset)
        return described(rx.catalog, found)

    @query
    def count_in(self, rx: Rx, org_id: int, status, find: str = "") -> int:
        """How many numbers numbers_in lists. ``find`` with letters matches the user or the tag
        (any part, ignoring case); otherwise its digits anywhere in the number ('415 555 01')."""
        chosen = listing(rx.catalog, org_id, status, find)
        if chosen.digits or chosen.text:
            return store.count_numbers(rx.cur, chosen)
        return sum(n for _, _, st, n in rx.counts.rows(chosen.holder_ids) if st in chosen.statuses)

    @query
    def numbers_held(self, rx: Rx, org_id: int, formatted: bool = True) -> pd.DataFrame:
        """Every number held in ``org_id``'s subtree, with its state, for export."""
        chosen = listing(rx.catalog, org_id, STATUSES, "")
        return described(rx.catalog, store.numbers_of(rx.cur, chosen), formatted)

    # -- counts ------------------------------------------------------------------------------

    @query
    def utilization(self, rx: Rx, org_id: int) -> dict:
        """D4 for one org: available, reserved, assigned, registered, aging (held by the org),
        allocated_to_suborgs (held below it) and total."""
        subtree = rx.catalog.tree.subtree(rx.catalog.org(org_id).id)
        return utilization_from(org_id, rx.counts.rows(subtree))

    @query
    def report(self, rx: Rx, org_id: int | None = None) -> pd.DataFrame:
        """Utilization of every org in a subtree (default: the whole tree), in tree order, with
        used_pct, threshold and whether it warns."""
        catalog = rx.catalog
        top = catalog.tree.root if org_id is None else catalog.org(org_id)
        columns = ["org_id", "path", "parent_id", *STATUSES, "allocated_to_suborgs", "total",
                   "used_pct", "threshold", "warning"]
        if top is None:
            return pd.DataFrame(columns=columns)
        subtree = catalog.tree.subtree(top.id)
        held: dict[int, list] = {}  # holder -> its count rows, so each org reads only its subtree's
        for row in rx.counts.rows(subtree):
            held.setdefault(row[0], []).append(row)
        table = []
        for member in subtree:
            below = catalog.tree.subtree(member)
            usage = utilization_from(member, [r for h in below for r in held.get(h, ())])
            threshold = catalog.settings_of(member).threshold
            used = used_pct(usage)
            table.append([member, catalog.org(member).path, catalog.org(member).parent_id,
                          *usage.values(), used, threshold, usage["total"] > 0 and used >= threshold])
        frame = pd.DataFrame(table, columns=columns)
        frame["parent_id"] = frame["parent_id"].astype("Int64")
        return frame

    @query
    def holdings(self, rx: Rx, org_id: int) -> pd.DataFrame:
        """One row per (org, series) held in the subtree: org_id, org_path, series_id,
        series_name and a count per status."""
        catalog = rx.catalog
        subtree = catalog.tree.subtree(catalog.org(org_id).id)
        cells: dict[tuple[int, int], dict[str, int]] = {}
        for holder, series, status, n in rx.counts.rows(subtree):
            cells.setdefault((holder, series), dict.fromkeys(STATUSES, 0))[status] += n
        place = {org: i for i, org in enumerate(subtree)}
        keys = sorted(cells, key=lambda k: (place[k[0]], catalog.series(k[1]).name.casefold()))
        rows = [(h, catalog.org(h).path, s, catalog.series(s).name, *cells[(h, s)].values())
                for h, s in keys]
        return pd.DataFrame(rows, columns=["org_id", "org_path", "series_id", "series_name",
                                           *STATUSES])

    # -- audit -------------------------------------------------------------------------------

    @query
    def history(self, rx: Rx, org_id: int | None = None, limit: int | None = 100,
                action: str | None = None, actor: str | None = None) -> pd.DataFrame:
        """Audit events, newest first; with ``org_id``, those touching its subtree: id, at, actor,
        action, orgs, series, quantity, numbers, before, after (and the ids behind them)."""
        catalog = rx.catalog
        org_ids = None if org_id is None else catalog.tree.subtree(catalog.org(org_id).id)
        if limit is not None:
            limit = whole_number(limit, "limit", 1)
        found = store.events(rx.cur, org_ids=org_ids, action=action, actor=actor, limit=limit)
        found["org_ids"] = found["org_ids"].map(list)
        found["series_ids"] = found["series_ids"].map(list)
        found.insert(5, "orgs", found["org_ids"].map(lambda ids: _org_names(catalog, ids)))
        found.insert(7, "series", found["series_ids"].map(lambda ids: _series_names(catalog, ids)))
        found["numbers"] = found["numbers"].map(_spans_text)
        return found

    @query
    def event_count(self, rx: Rx) -> int:
        """How many audit events there are."""
        return store.count_events(rx.cur)

    def check(self) -> list[str]:
        """Every broken invariant, in words; [] when the inventory is sound."""
        with self._db.write_lock:  # no command may commit between the recount and the compare
            return self._check()

    @query
    def _check(self, rx: Rx) -> list[str]:
        problems = []
        drift = rx.counts.differences(store.recount(rx.cur))
        if drift:
            problems.append(f"the kept counts differ from a recount: {', '.join(drift[:10])}")
        for what, sql in store.check_queries(rx.cur):
            offenders = store.run_check_query(rx.cur, sql)
            if offenders:
                problems.append(f"{what}: {', '.join(offenders[:10])}")
        return problems

    # -- added for the app's screens -----------------------------------------------------------

    def subtree(self, org_id: int) -> list[Org]:
        """The org and every org below it, in tree order (parents first, siblings by name)."""
        catalog = self._db.catalog
        return [catalog.org(member) for member in catalog.tree.subtree(catalog.org(org_id).id)]


def used_pct(usage: dict) -> float:
    """D4: (total - available) / total, as a percent; 0 for an org that holds nothing."""
    total = usage["total"]
    return round(100 * (total - usage["available"]) / total, 1) if total else 0.0


def utilization_from(org_id: int, rows) -> dict:
    """D4 from (holder, series, status, n) rows of the org's subtree."""
    usage = dict.fromkeys([*STATUSES, "allocated_to_suborgs"], 0)
    for holder, _, status, n in rows:
        usage[status if holder == org_id else "allocated_to_suborgs"] += n
    usage["total"] = sum(usage.values())
    return usage


def listing(catalog: Catalog, org_id: int, status, find: str) -> store.NumberFilter:
    """The numbers of a listing: ``status`` (one or several) in ``org_id``'s subtree, matching
    what was typed in ``find``."""
    statuses = [status] if isinstance(status, str) else list(status)
    if not statuses:
        raise InvalidInput(f"Name at least one status: {', '.join(STATUSES)}.")
    for wanted in statuses:
        if wanted not in STATUSES:
            raise NotFound(f"There is no status {wanted!r}; statuses are {', '.join(STATUSES)}.")
    subtree = catalog.tree.subtree(catalog.org(org_id).id)
    bounds = [(r.first, r.last) for r in catalog.ranges]
    typed = " ".join(str(find or "").split()).lower()
    if any(c.isalpha() for c in typed):
        tags = [t.id for t in catalog.tags_by_id.values() if typed in t.name.lower()]
        return store.NumberFilter(subtree, bounds, statuses, text=typed, tag_ids=tags)
    return store.NumberFilter(subtree, bounds, statuses, digits=re.sub(r"\D", "", typed))


def _prefix_bounds(catalog: Catalog, series_id, prefix: str) -> list[tuple[int, int]]:
    """The parts of the chosen series' ranges whose numbers start with what was typed."""
    if series_id is None:
        chosen = catalog.ranges
    else:
        chosen = catalog.ranges_of(catalog.series(series_id).id)
    codes = {catalog.series(r.series_id).country_code for r in chosen}
    prefixes = phone.prefix_digits(str(prefix or ""), codes)
    bounds = set()
    for r in chosen:
        for digits in prefixes:
            hit = phone.prefix_bounds(digits, len(str(r.first)))
            if hit and hit[0] <= r.last and r.first <= hit[1]:
                bounds.add((max(hit[0], r.first), min(hit[1], r.last)))
    return sorted(bounds)


def described(catalog: Catalog, found: pd.DataFrame, formatted: bool = True) -> pd.DataFrame:
    """Number rows in people's words: formatted number (unless not wanted: formatting is the
    slow part of a large table), series, holder path, tag and its kind."""
    series = {s.id: s.name for s in catalog.series_by_id.values()}
    holders = {o.id: o.path for o in catalog.tree.in_order()}
    tag_names = {t.id: t.name for t in catalog.tags_by_id.values()}
    tag_kinds = {t.id: t.kind for t in catalog.tags_by_id.values()}
    columns = {"e164": "+" + found["num"].astype(str)}
    if formatted:
        columns["number"] = found["num"].map(phone.pretty)
    columns.update({
        "series": found["series_id"].map(series),
        "holder": found["holder_id"].map(holders),
        "status": found["status"],
        "tag": found["tag_id"].map(tag_names),
        "kind": found["tag_id"].map(tag_kinds),
        "assignee": found["assignee"],
        "until": found["until"],
        "golden": found["golden"].astype(bool),
        "holder_id": found["holder_id"].astype("Int64"),
        "series_id": found["series_id"].astype("Int64"),
    })
    return pd.DataFrame(columns)


def _org_names(catalog: Catalog, ids) -> str:
    return "; ".join(catalog.org(i).path if i in catalog.tree else f"(deleted org {i})"
                     for i in ids)


def _series_names(catalog: Catalog, ids) -> str:
    return "; ".join(catalog.series_by_id[i].name if i in catalog.series_by_id
                     else f"(series {i})" for i in ids)


def _spans_text(text: str) -> str:
    spans = json.loads(text)
    return ", ".join(phone.span(int(a[1:]), int(b[1:])) for a, b in spans)


def _by_name(item) -> str:
    return item.name.casefold()
