"""A snapshot of the small tables (orgs, series, ranges, tags, grants) that every command reads.

The process that owns the database is the only writer, so the snapshot is reloaded after each
command that changes one of these tables, and commands look things up here instead of in SQL.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from . import phone
from .access import Access
from .errors import NotFound
from .model import Grant, Org, OrgSettings, Range, Series, Tag
from .tree import OrgTree


@dataclass(frozen=True)
class Catalog:
    tree: OrgTree
    settings: dict[int, OrgSettings]
    series_by_id: dict[int, Series]
    ranges: list[Range]  # sorted by first number
    tags_by_id: dict[int, Tag]
    grants: list[Grant]
    access: Access = field(init=False)
    _starts: list[int] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "access", Access(self.grants, self.tree))
        object.__setattr__(self, "_starts", [r.first for r in self.ranges])

    @classmethod
    def build(cls, orgs, series_rows, range_rows, tag_rows, grant_rows) -> "Catalog":
        """From the rows of store.load_catalog."""
        tree = OrgTree((org_id, name, parent) for org_id, name, parent, _, _ in orgs)
        settings = {org_id: OrgSettings(t, a) for org_id, _, _, t, a in orgs}
        ranges = sorted((Range(*row) for row in range_rows), key=lambda r: r.first)
        series = {}
        for series_id, name, country_code, area_code in series_rows:
            own = [r for r in ranges if r.series_id == series_id]
            spans = tuple((phone.e164(r.first), phone.e164(r.last)) for r in own)
            size = sum(r.size for r in own)
            series[series_id] = Series(series_id, name, country_code, area_code, spans, size)
        tags = {tag_id: Tag(tag_id, name, kind) for tag_id, name, kind in tag_rows}
        grants = [Grant(user, role, org_id) for user, role, org_id in grant_rows]
        return cls(tree, settings, series, ranges, tags, grants)

    def org(self, org_id: int) -> Org:
        return self.tree.get(org_id)

    def series(self, series_id: int) -> Series:
        try:
            return self.series_by_id[series_id]
        except (KeyError, TypeError):
            raise NotFound(f"There is no series with id {series_id}.") from None

    def tag(self, tag_id: int) -> Tag:
        try:
            return self.tags_by_id[tag_id]
        except (KeyError, TypeError):
            raise NotFound(f"There is no tag with id {tag_id}.") from None

    def series_named(self, name: str) -> Series | None:
        wanted = name.strip().casefold()
        return next((s for s in self.series_by_id.values() if s.name.casefold() == wanted), None)

    def tag_named(self, name: str) -> Tag | None:
        wanted = name.strip().casefold()
        return next((t for t in self.tags_by_id.values() if t.name.casefold() == wanted), None)

    def ranges_of(self, series_id: int) -> list[Range]:
        return [r for r in self.ranges if r.series_id == series_id]

    def range_of(self, number: int) -> Range | None:
        """The range that holds ``number``, found by bisection, or None."""
        at = bisect.bisect_right(self._starts, number) - 1
        if at >= 0 and self.ranges[at].first <= number <= self.ranges[at].last:
            return self.ranges[at]
        return None

    def overlapping(self, first: int, last: int) -> list[Range]:
        """The stored ranges that share a number with ``first..last``."""
        at = max(bisect.bisect_right(self._starts, first) - 1, 0)
        found = []
        for r in self.ranges[at:]:
            if r.first > last:
                break
            if r.last >= first:
                found.append(r)
        return found

    def settings_of(self, org_id: int) -> OrgSettings:
        self.org(org_id)
        return self.settings.get(org_id, OrgSettings())
