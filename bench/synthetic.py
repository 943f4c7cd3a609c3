"""The synthetic carrier-scale inventory, as a plan both engines build the same way.

50 series in 5 countries (real country and area codes; every range is checked with
``phonenumbers``), 200 orgs on 5 levels, and a status mix like a busy carrier's:

- two "fresh stock" series (15 % of the numbers each) sit wholly at the root;
- every other series belongs to one of the 4 regions: the root keeps 20 % of it, the teams of
  the region that use it hold most of the rest, and the orgs above them keep a little;
- leaf teams put about half of what they hold in service (registered, assigned, aging,
  reserved), the levels above them about a tenth (mostly reservations for roles).

The plan is pure data: ``bench.build`` turns it into commands on numcore or on the SQLite
baseline, so both hold exactly the same inventory.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

MAX_RANGE = 1_000_000  # each range stays inside one block whose numbers are all valid

# (series name, country, E.164 digits of the first number of its block); 10 per country.
BLOCKS = [
    *[(f"US {a}", "US", f"1{a}2000000") for a in
      ("212", "213", "305", "312", "415", "503", "617", "702", "713", "206")],
    *[(f"CA {a}", "CA", f"1{a}2000000") for a in
      ("416", "604", "514", "403", "613", "780", "905", "647", "438", "778")],
    ("GB London 7", "GB", "442072000000"), ("GB London 3", "GB", "442032000000"),
    *[(f"GB {a}", "GB", f"44{a}2000000") for a in
      ("161", "121", "113", "141", "131", "151", "117", "114")],
    ("AU Sydney 8", "AU", "61282000000"), ("AU Sydney 9", "AU", "61292000000"),
    ("AU Melbourne 8", "AU", "61382000000"), ("AU Melbourne 9", "AU", "61392000000"),
    ("AU Brisbane 3", "AU", "61732000000"), ("AU Gold Coast 5", "AU", "61752000000"),
    ("AU Adelaide 8", "AU", "61882000000"), ("AU Perth 9", "AU", "61892000000"),
    ("AU Newcastle 4", "AU", "61242000000"), ("AU Geelong 5", "AU", "61352000000"),
    *[(f"DE {a}", "DE", f"49{a}20000000") for a in ("30", "89", "40", "69")],
    *[(f"DE {a}", "DE", f"49{a}2000000") for a in ("221", "211", "711", "341", "351", "511")],
]
FRESH = ("US 212", "GB London 7")  # new blocks, still wholly at the root
REGIONS = ("North", "South", "East", "West")
ROOT = "Carrier"

# How much of a series each level keeps in its own pool (the rest goes further down).
ROOT_KEEPS = 0.20
MIDDLE_KEEPS = 0.06  # each of levels 2-4, as a share of the series
# Share of an org's own pool put in service, and how that splits over the statuses.
IN_USE = {5: 0.50, 4: 0.10, 3: 0.10, 2: 0.10}
LEAF_MIX = (("registered", 72), ("assigned", 12), ("aging", 10), ("reserved", 6))
MIDDLE_MIX = (("reserved", 60), ("assigned", 25), ("registered", 15))
TAGS = 50


@dataclass(frozen=True)
class SeriesPlan:
    name: str
    ranges: tuple[tuple[int, int], ...]
    region: int | None  # None: fresh stock at the root

    @property
    def size(self) -> int:
        return sum(b - a + 1 for a, b in self.ranges)


@dataclass(frozen=True)
class OrgPlan:
    path: str
    level: int

    @property
    def parent(self) -> str | None:
        head, _, _ = self.path.rpartition(" / ")
        return head or None

    @property
    def name(self) -> str:
        return self.path.rpartition(" / ")[2]


@dataclass(frozen=True)
class Plan:
    total: int
    series: tuple[SeriesPlan, ...]
    orgs: tuple[OrgPlan, ...]  # tree order, parents first
    allocations: tuple[tuple[str, str, int], ...]  # (series, org path, quantity), tree order
    tags: tuple[str, ...]


def plan(total: int) -> Plan:
    """The inventory of ``total`` numbers (at least 10,000)."""
    orgs = _orgs()
    series = _series(total)
    return Plan(total, tuple(series), tuple(orgs), tuple(_allocations(series, orgs)),
                tuple(f"Role {i + 1:02d}" for i in range(TAGS)))


def _orgs() -> list[OrgPlan]:
    """1 root, 4 regions, 15 divisions, 50 departments, 130 teams: 200 orgs on 5 levels."""
    orgs = [OrgPlan(ROOT, 1)]
    divisions = (4, 4, 4, 3)
    departments = 50
    teams = 130
    d_paths, dep_paths = [], []
    for r, region in enumerate(REGIONS):
        region_path = f"{ROOT} / {region}"
        orgs.append(OrgPlan(region_path, 2))
        for d in range(divisions[r]):
            d_paths.append(f"{region_path} / {region} Division {d + 1}")
    for path in d_paths:
        orgs.append(OrgPlan(path, 3))
    for i in range(departments):
        parent = d_paths[i % len(d_paths)]
        dep_paths.append(f"{parent} / Department {i + 1:02d}")
    for path in dep_paths:
        orgs.append(OrgPlan(path, 4))
    for i in range(teams):
        parent = dep_paths[i % len(dep_paths)]
        orgs.append(OrgPlan(f"{parent} / Team {i + 1:03d}", 5))
    by_path = {o.path: o for o in orgs}
    return sorted(orgs, key=lambda o: _tree_key(o.path, by_path))


def _tree_key(path: str, by_path) -> tuple:
    return tuple(part.casefold() for part in path.split(" / "))


def _series(total: int) -> list[SeriesPlan]:
    if total < 10_000:
        raise ValueError("the synthetic inventory needs at least 10,000 numbers")
    fresh_share = 0.15
    others = [name for name, _, _ in BLOCKS if name not in FRESH]
    weights = {name: 1 + (i * 7) % 5 for i, name in enumerate(others)}  # 1..5: uneven sizes
    scale = total * (1 - fresh_share * len(FRESH)) / sum(weights.values())
    sizes = {name: int(total * fresh_share) for name in FRESH}
    sizes.update({name: int(scale * w) for name, w in weights.items()})
    sizes[others[-1]] += total - sum(sizes.values())
    plans = []
    for i, (name, _, first) in enumerate(BLOCKS):
        region = None if name in FRESH else others.index(name) % len(REGIONS)
        plans.append(SeriesPlan(name, tuple(_ranges(int(first), sizes[name])), region))
    return plans


def _ranges(first: int, size: int) -> list[tuple[int, int]]:
    """Blocks of at most MAX_RANGE numbers: first, first + 1M, ...; each end checked valid."""
    ranges = []
    start = first
    while size > 0:
        n = min(size, MAX_RANGE)
        ranges.append((start, start + n - 1))
        for number in (start, start + n - 1):
            if not phonenumbers.is_valid_number(phonenumbers.parse(f"+{number}")):
                raise ValueError(f"+{number} is not a valid number; pick another block")
        start += MAX_RANGE
        size -= n
    return ranges


def _allocations(series: list[SeriesPlan], orgs: list[OrgPlan]) -> list[tuple[str, str, int]]:
    """What each org holds of each series, allocated to it straight from the root (as when an
    existing inventory moves in): a regional series is shared by some of its region's teams,
    and the orgs above those teams keep a little for themselves."""
    children: dict[str, list[OrgPlan]] = {}
    for org in orgs:
        if org.parent:
            children.setdefault(org.parent, []).append(org)
    wanted: dict[tuple[str, str], int] = {}  # (org path, series) -> what it holds itself
    for s in series:
        if s.region is None:
            continue
        region = f"{ROOT} / {REGIONS[s.region]}"
        teams = [o for o in _subtree(region, children) if o.level == 5]
        rank = [s2.name for s2 in series if s2.region == s.region].index(s.name)
        users = [t for i, t in enumerate(teams) if i % 6 == rank % 6]
        users = users or teams
        middle = {o.path for t in users for o in _ancestors(t, orgs) if o.level > 1}
        leaf_total = int(s.size * (1 - ROOT_KEEPS - 3 * MIDDLE_KEEPS))
        per_leaf = leaf_total // len(users)
        for t in users:
            wanted[(t.path, s.name)] = per_leaf
        for level in (4, 3, 2):
            at_level = sorted(p for p in middle if p.count(" / ") == level - 1)
            for path in at_level:
                wanted[(path, s.name)] = int(s.size * MIDDLE_KEEPS) // len(at_level)
    order = {o.path: i for i, o in enumerate(orgs)}
    ranked = sorted(wanted.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    return [(s, path, q) for (path, s), q in ranked if q > 0]


def _subtree(path: str, children) -> list[OrgPlan]:
    found, stack = [], list(reversed(children.get(path, [])))
    while stack:
        org = stack.pop()
        found.append(org)
        stack.extend(reversed(children.get(org.path, [])))
    return found


def _ancestors(org: OrgPlan, orgs: list[OrgPlan]) -> list[OrgPlan]:
    by_path = {o.path: o for o in orgs}
    chain, parent = [], org.parent
    while parent:
        chain.append(by_path[parent])
        parent = by_path[parent].parent
    return chain


def statuses_for(level: int, count: int, salt: int) -> list[str]:
    """The statuses of the ``count`` in-service numbers of an org's own pool, mixed evenly."""
    mix = LEAF_MIX if level == 5 else MIDDLE_MIX
    wheel = [status for status, share in mix for _ in range(share)]
    return [wheel[(i * 37 + salt) % len(wheel)] for i in range(count)]
