"""A Hypothesis state machine drives numcore with random commands by random actors and compares
it, after every step, with a plain-Python model of the inventory.

The model knows the org tree, the grants, the tags, each org's aging period and, for every
number, its holder, status, tag, assignee and aging end. For each command it works out which
refusals apply (the D3 rules); numcore must refuse with one of them, or, when none applies,
succeed with exactly the model's outcome. After every step: the inventory equals the model
number by number and org by org, utilization matches D4, check() is empty, no number is
gained or lost, and there is exactly one audit event per successful command.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, invariant, precondition, rule,
                                 run_state_machine_as_test)

from numcore import (Inventory, InvalidState, NotEnoughNumbers, NumcoreError, OutOfScope,
                     PermissionDenied)

from tests.integration.builders import (FakeClock, add_people, build_tree, number_states,
                                        rows)

# A step costs ~60 ms (check() and reading every number back), so the suite runs 20 examples of
# 20 steps; set STATE_MACHINE_EXAMPLES=500 for a long hunt.
EXAMPLES = int(os.environ.get("STATE_MACHINE_EXAMPLES", "20"))
SERIES = {  # name: ranges; 50 numbers in all, one series of two ranges
    "US 415": [("+14155550100", "+14155550119")],
    "NY 212": [("+12125550100", "+12125550105"), ("+12125550150", "+12125550155")],
    "UK 20": [("+442079460000", "+442079460017")],
}
TOTAL = 50
# admin, manager of Sales, manager of Support, viewer, nobody; the ones who may act come up more
ACTORS = ["ann"] * 5 + ["mia"] * 2 + ["sam", "vic", "stan"]
USERS = ["Dr. Lee", "dr. lee", "bob"]
ORG_NAMES = ["East", "east", "Lab", "West"]
TAG_NAMES = ["Dr. Lee", "Front desk", "Night nurse", "NIGHT NURSE"]
ACTOR = st.sampled_from(ACTORS)
USAGE = ["available", "reserved", "assigned", "registered", "aging", "allocated_to_suborgs",
         "total"]


def build_template(path: Path) -> None:
    """Acme, Sales, West (under Sales), Support; the series above; two tags; four grants."""
    with Inventory.open(str(path), clock=FakeClock()) as inv:
        root, sales, west, support = build_tree(inv)
        for name, ranges in SERIES.items():
            inv.create_series(name, ranges, actor="ann")
        add_people(inv, root, sales, support)
        inv.set_aging_days(support.id, 0, actor="ann")
        inv.set_aging_days(west.id, 2, actor="ann")
        us415, ny212, uk20 = (int(i) for i in inv.series().set_index("name").loc[
            ["US 415", "NY 212", "UK 20"], "id"])
        inv.allocate(us415, 8, sales.id, actor="ann")  # so that the managers have work too
        inv.allocate(us415, 3, west.id, actor="ann")
        inv.allocate(ny212, 3, sales.id, actor="ann")
        inv.allocate(uk20, 6, support.id, actor="ann")


@dataclass(frozen=True)
class Number:
    series: int
    holder: int
    status: str = "available"
    tag: int | None = None
    assignee: str | None = None
    until: datetime | None = None


class Model:
    """The inventory as plain Python, read once from the template and then kept by the rules."""

    def __init__(self, inv: Inventory):
        self.orgs = {org: [name, parent] for org, name, parent, _ in rows(inv.orgs())[1]}
        self.root = next(o for o, (_, parent) in self.orgs.items() if parent is None)
        self.aging = {o: inv.settings(o).aging_days for o in self.orgs}
        self.tags = {int(r.id): (r.name, r.kind) for r in inv.tags().itertuples()}
        self.grants = {(user, role, org) for user, role, org, _ in rows(inv.grants())[1]}
        self.series = {}
        self.numbers: dict[int, Number] = {}
        for r in inv.ranges().itertuples():
            self.series.setdefault(int(r.series_id), [])
            for num in range(int(r.first[1:]), int(r.last[1:]) + 1):
                self.series[int(r.series_id)].append(num)
        for num, holder in inv.numbers_held(self.root)[["e164", "holder_id"]].values.tolist():
            self.numbers[int(num[1:])] = Number(
                next(s for s, nums in self.series.items() if int(num[1:]) in nums), int(holder))

    # -- the tree and the roles -----------------------------------------------------------------
    def parent(self, org: int) -> int | None:
        return self.orgs[org][1]

    def within(self, org: int, top: int) -> bool:
        while org is not None:
            if org == top:
                return True
            org = self.parent(org)
        return False

    def below(self, org: int, top: int) -> bool:
        return org != top and self.within(org, top)

    def manages(self, actor: str, org: int | None) -> bool:
        if org is None:
            return False
        return any(role == "admin" or (role == "manager" and self.within(org, top))
                   for user, role, top in self.grants if user == actor)

    def is_admin(self, actor: str) -> bool:
        return (actor, "admin", None) in self.grants

    def sibling_clash(self, parent: int, name: str, other_than: int | None = None) -> bool:
        return any(p == parent and n.casefold() == name.casefold() and o != other_than
                   for o, (n, p) in self.orgs.items())

    # -- numbers ------------------------------------------------------------------------------
    def available(self, holder: int, series: int) -> list[int]:
        return [num for num in self.series[series]
                if self.numbers[num].holder == holder and self.numbers[num].status == "available"]

    def settle(self, now: datetime) -> None:
        for num, state in self.numbers.items():
            if state.status == "aging" and state.until <= now:
                self.numbers[num] = replace(state, status="available", until=None)

    def usage(self, org: int) -> dict:
        counts = dict.fromkeys(["available", "reserved", "assigned", "registered", "aging",
                                "allocated_to_suborgs"], 0)
        for state in self.numbers.values():
            if state.holder == org:
                counts[state.status] += 1
            elif self.within(state.holder, org):
                counts["allocated_to_suborgs"] += 1
        counts["total"] = sum(counts.values())
        return counts


def lowest_run(pool: list[int], quantity: int) -> list[int] | None:
    run: list[int] = []
    for num in pool:
        run = run + [num] if run and num == run[-1] + 1 else [num]
        if len(run) == quantity:
            return run
    return None


def e164(num: int) -> str:
    return f"+{num}"


class InventoryMachine(RuleBasedStateMachine):
    """Random commands by random actors on a fresh copy of the template, checked by Model."""

    template: Path  # set by the test
    tally: Counter = Counter()  # commands that succeeded and were refused, over all examples

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="numcore-machine-"))
        shutil.copyfile(self.template, self.folder / "numbers.duckdb")
        self.clock = FakeClock()
        self.inv = Inventory.open(str(self.folder / "numbers.duckdb"), clock=self.clock)
        self.model = Model(self.inv)
        self.events = self.inv.event_count()

    def teardown(self):
        self.inv.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- running a command against the model's expectations ------------------------------------
    def attempt(self, refusals: list[type], call, apply) -> NumcoreError | None:
        """Run ``call``: refused with one of ``refusals``, or, if there are none, succeed and
        let ``apply(result)`` update the model (and check the result)."""
        try:
            result = call()
        except NumcoreError as error:
            assert refusals, f"the model expected success, numcore said {type(error).__name__}: {error}"
            assert type(error) in refusals, (
                f"{type(error).__name__} ({error}) is not one of {[r.__name__ for r in refusals]}")
            self.tally["refused"] += 1
            return error
        assert not refusals, f"numcore did it; the model expected {[r.__name__ for r in refusals]}"
        apply(result)
        self.events += 1
        self.tally["succeeded"] += 1
        return None

    def pick(self, data, items, label, fitting=()):
        """One of ``items``; three times in four one of ``fitting`` if there are any, so that
        enough commands are ones that can succeed."""
        pool = sorted(fitting) if fitting and data.draw(st.integers(0, 3), label="fit") else items
        return data.draw(st.sampled_from(sorted(pool)), label=label)

    def pick_number(self, data, *statuses) -> int:
        m = self.model
        return self.pick(data, m.numbers, "number",
                         [num for num, s in m.numbers.items() if s.status in statuses])

    def pick_numbers(self, data, most: int, below_root: bool = False) -> list[int]:
        """Up to ``most`` numbers, three times in four all of them available (and, for a
        withdrawal, held below the root)."""
        m = self.model
        free = sorted(num for num, s in m.numbers.items() if s.status == "available"
                      and not (below_root and s.holder == m.root))
        pool = free if free and data.draw(st.integers(0, 3), label="fit") else sorted(m.numbers)
        return data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=most, unique=True),
                         label="numbers")

    def some(self, *statuses) -> bool:
        return any(s.status in statuses for s in self.model.numbers.values())

    def below_root(self) -> list[int]:
        return [org for org in self.model.orgs if org != self.model.root]

    # -- number commands --------------------------------------------------------------------
    @rule(data=st.data(), actor=ACTOR, quantity=st.integers(1, 6) | st.integers(7, 25),
          consecutive=st.booleans(), name_source=st.integers(0, 3).map(lambda k: k == 0))
    def allocate(self, data, actor, quantity, consecutive, name_source):
        m = self.model
        series = self.pick(data, m.series, "series")
        to = self.pick(data, m.orgs, "to", self.below_root())
        source = self.pick(data, m.orgs, "from") if name_source else None
        refusals, picked = [], None
        src = m.parent(to) if source is None else source
        if src is None:
            refusals.append(OutOfScope)
        else:
            if not m.below(to, src):
                refusals.append(OutOfScope)
            if not (m.manages(actor, src) and m.manages(actor, to)):
                refusals.append(PermissionDenied)
            pool = m.available(src, series)
            picked = lowest_run(pool, quantity) if consecutive else (
                pool[:quantity] if len(pool) >= quantity else None)
            if picked is None:
                refusals.append(NotEnoughNumbers)

        def apply(result):
            assert result == [e164(num) for num in picked]
            for num in picked:
                m.numbers[num] = replace(m.numbers[num], holder=to)

        self.attempt(refusals, lambda: self.inv.allocate(
            series, quantity, to, from_org_id=source, consecutive=consecutive, actor=actor), apply)

    @rule(data=st.data(), actor=ACTOR)
    def allocate_numbers(self, data, actor):
        m = self.model
        numbers = self.pick_numbers(data, 3)
        to = self.pick(data, m.orgs, "to", self.below_root())
        refusals = []
        for num in numbers:
            if m.numbers[num].status != "available":
                refusals.append(InvalidState)
            elif not m.below(to, m.numbers[num].holder):
                refusals.append(OutOfScope)
        holders = {m.numbers[num].holder for num in numbers}
        if not all(m.manages(actor, org) for org in holders | {to}):
            refusals.append(PermissionDenied)

        def apply(result):
            assert result == [e164(num) for num in sorted(numbers)]
            for num in numbers:
                m.numbers[num] = replace(m.numbers[num], holder=to)

        self.attempt(refusals, lambda: self.inv.allocate_numbers(
            [e164(num) for num in numbers], to, actor=actor), apply)

    @rule(data=st.data(), actor=ACTOR, quantity=st.integers(1, 4) | st.integers(5, 15))
    def withdraw(self, data, actor, quantity):
        m = self.model
        org = self.pick(data, m.orgs, "org",
                        {s.holder for s in m.numbers.values() if s.status == "available"}
                        - {m.root})
        series = self.pick(data, m.series, "series",
                           {s.series for s in m.numbers.values() if s.holder == org})
        parent = m.parent(org)
        refusals, pool = [], m.available(org, series)
        if parent is None:
            refusals.append(InvalidState)
        elif not (m.manages(actor, parent) and m.manages(actor, org)):
            refusals.append(PermissionDenied)
        if len(pool) < quantity:
            refusals.append(NotEnoughNumbers)

        def apply(result):
            highest = pool[-quantity:]
            assert result == [e164(num) for num in highest]
            for num in highest:
                m.numbers[num] = replace(m.numbers[num], holder=parent)

        refusal = self.attempt(refusals, lambda: self.inv.withdraw(org, series, quantity,
                                                                   actor=actor), apply)
        if isinstance(refusal, NotEnoughNumbers):
            assert refusal.available == len(pool)
            assert f"holds {len(pool)} unused number" in str(refusal)

    @precondition(lambda self: any(s.status == "available" and s.holder != self.model.root
                                for s in self.model.numbers.values()))
    @rule(data=st.data(), actor=ACTOR)
    def withdraw_numbers(self, data, actor):
        m = self.model
        numbers = self.pick_numbers(data, 3, below_root=True)
        refusals = []
        for num in numbers:
            if m.numbers[num].status != "available" or m.parent(m.numbers[num].holder) is None:
                refusals.append(InvalidState)
        holders = {m.numbers[num].holder for num in numbers}
        parents = {m.parent(h) for h in holders}
        if not all(m.manages(actor, org) for org in holders | parents):
            refusals.append(PermissionDenied)

        def apply(result):
            assert result == [e164(num) for num in sorted(numbers)]
            for num in numbers:
                m.numbers[num] = replace(m.numbers[num], holder=m.parent(m.numbers[num].holder))

        self.attempt(refusals, lambda: self.inv.withdraw_numbers(
            [e164(num) for num in numbers], actor=actor), apply)

    @rule(data=st.data(), actor=ACTOR, move=st.booleans())
    def reserve(self, data, actor, move):
        m = self.model
        if not m.tags:
            return
        num = self.pick_number(data, "available")
        state = m.numbers[num]
        tag = self.pick(data, m.tags, "tag")
        to = self.pick(data, m.orgs, "to", [o for o in m.orgs if m.within(o, state.holder)]) \
            if move else None
        target = state.holder if to is None else to
        refusals = []
        if state.status != "available":
            refusals.append(InvalidState)
        if not m.within(target, state.holder):
            refusals.append(OutOfScope)
        if not (m.manages(actor, state.holder) and m.manages(actor, target)):
            refusals.append(PermissionDenied)

        def apply(_):
            m.numbers[num] = replace(state, status="reserved", holder=target, tag=tag)

        self.attempt(refusals, lambda: self.inv.reserve(e164(num), tag, to_org_id=to,
                                                        actor=actor), apply)

    @precondition(lambda self: self.some("reserved"))
    @rule(data=st.data(), actor=ACTOR)
    def unreserve(self, data, actor):
        m = self.model
        num = self.pick_number(data, "reserved")
        state = m.numbers[num]
        refusals = []
        if state.status != "reserved":
            refusals.append(InvalidState)
        if not m.manages(actor, state.holder):
            refusals.append(PermissionDenied)

        def apply(_):
            m.numbers[num] = replace(state, status="available", tag=None)

        self.attempt(refusals, lambda: self.inv.unreserve(e164(num), actor=actor), apply)

    @rule(data=st.data(), actor=ACTOR, user=st.sampled_from(USERS))
    def assign(self, data, actor, user):
        m = self.model
        num = self.pick_number(data, "available", "reserved")
        state = m.numbers[num]
        org = self.pick(data, m.orgs, "org", [o for o in m.orgs if m.within(o, state.holder)])
        refusals = []
        if state.status not in ("available", "reserved"):
            refusals.append(InvalidState)
        if not m.within(org, state.holder):
            refusals.append(OutOfScope)
        if state.status == "reserved":
            name, kind = m.tags[state.tag]
            if kind == "person" and name.casefold() != user.casefold():
                refusals.append(InvalidState)
        if not (m.manages(actor, state.holder) and m.manages(actor, org)):
            refusals.append(PermissionDenied)

        def apply(_):
            m.numbers[num] = replace(state, status="assigned", holder=org, assignee=user)

        self.attempt(refusals, lambda: self.inv.assign(e164(num), user, org, actor=actor), apply)

    @precondition(lambda self: self.some("assigned"))
    @rule(data=st.data(), actor=ACTOR)
    def register(self, data, actor):
        m = self.model
        num = self.pick_number(data, "assigned")
        state = m.numbers[num]
        refusals = []
        if state.status != "assigned":
            refusals.append(InvalidState)
        if not m.manages(actor, state.holder):
            refusals.append(PermissionDenied)

        def apply(_):
            m.numbers[num] = replace(state, status="registered")

        self.attempt(refusals, lambda: self.inv.register(e164(num), actor=actor), apply)

    @precondition(lambda self: self.some("assigned", "registered"))
    @rule(data=st.data(), actor=ACTOR)
    def release(self, data, actor):
        m = self.model
        num = self.pick_number(data, "assigned", "registered")
        state = m.numbers[num]
        refusals = []
        if state.status not in ("assigned", "registered"):
            refusals.append(InvalidState)
        if not m.manages(actor, state.holder):
            refusals.append(PermissionDenied)

        def apply(_):
            days = m.aging[state.holder]
            until = self.clock.now + timedelta(days=days) if days else None
            m.numbers[num] = replace(state, status="aging" if days else "available", tag=None,
                                     assignee=None, until=until)

        self.attempt(refusals, lambda: self.inv.release(e164(num), actor=actor), apply)

    @rule(hours=st.sampled_from([1, 24, 47, 48, 24 * 45]))
    def time_passes(self, hours):
        self.clock.advance(hours=hours)
        self.model.settle(self.clock.now)

    # -- the tree, tags and settings ----------------------------------------------------------
    @rule(data=st.data(), actor=ACTOR, command=st.sampled_from(
        ["create_org", "move_org", "delete_org", "set_aging_days", "create_tag", "delete_tag"]))
    def reshape(self, data, actor, command):
        """The tree, tags and settings change less often than numbers do: one rule for them."""
        getattr(self, command)(data, actor)

    def create_org(self, data, actor):
        m = self.model
        name = data.draw(st.sampled_from(ORG_NAMES), label="name")
        parent = self.pick(data, m.orgs, "parent")
        refusals = []
        if not m.is_admin(actor):
            refusals.append(PermissionDenied)
        if m.sibling_clash(parent, name):
            refusals.append(InvalidState)

        def apply(org):
            assert org.path == f"{self.inv.org(parent).path} / {name}"
            m.orgs[org.id] = [name, parent]
            m.aging[org.id] = 45

        self.attempt(refusals, lambda: self.inv.create_org(name, parent, actor=actor), apply)

    def move_org(self, data, actor):
        m = self.model
        org = self.pick(data, m.orgs, "org")
        parent = self.pick(data, m.orgs, "parent")
        refusals = []
        if not m.is_admin(actor):
            refusals.append(PermissionDenied)
        if m.parent(org) is None or m.within(parent, org) or m.parent(org) == parent:
            refusals.append(InvalidState)
        elif m.sibling_clash(parent, m.orgs[org][0]):
            refusals.append(InvalidState)

        def apply(_):
            m.orgs[org][1] = parent

        self.attempt(refusals, lambda: self.inv.move_org(org, parent, actor=actor), apply)

    def delete_org(self, data, actor):
        m = self.model
        org = self.pick(data, m.orgs, "org")
        refusals = []
        if not m.is_admin(actor):
            refusals.append(PermissionDenied)
        if (any(parent == org for _, parent in m.orgs.values())
                or any(s.holder == org for s in m.numbers.values())
                or any(top == org for _, _, top in m.grants)):
            refusals.append(InvalidState)

        def apply(_):
            del m.orgs[org]

        self.attempt(refusals, lambda: self.inv.delete_org(org, actor=actor), apply)

    def set_aging_days(self, data, actor):
        m = self.model
        days = data.draw(st.sampled_from([0, 2, 45]), label="days")
        org = self.pick(data, m.orgs, "org")
        refusals = [] if m.manages(actor, org) else [PermissionDenied]
        if m.aging[org] == days:  # a change to the same value is refused, not logged
            refusals.append(InvalidState)

        def apply(_):
            m.aging[org] = days

        self.attempt(refusals, lambda: self.inv.set_aging_days(org, days, actor=actor), apply)

    def create_tag(self, data, actor):
        m = self.model
        name = data.draw(st.sampled_from(TAG_NAMES), label="name")
        kind = data.draw(st.sampled_from(["person", "role"]), label="kind")
        refusals = []
        if not m.is_admin(actor):
            refusals.append(PermissionDenied)
        if any(n.casefold() == name.casefold() for n, _ in m.tags.values()):
            refusals.append(InvalidState)

        def apply(tag):
            m.tags[tag.id] = (name, kind)

        self.attempt(refusals, lambda: self.inv.create_tag(name, kind, actor=actor), apply)

    def delete_tag(self, data, actor):
        m = self.model
        if not m.tags:
            return
        tag = self.pick(data, m.tags, "tag")
        refusals = []
        if not m.is_admin(actor):
            refusals.append(PermissionDenied)
        if any(s.tag == tag for s in m.numbers.values()):
            refusals.append(InvalidState)

        def apply(_):
            del m.tags[tag]

        self.attempt(refusals, lambda: self.inv.delete_tag(tag, actor=actor), apply)

    # -- after every step ---------------------------------------------------------------------
    @invariant()
    def inventory_equals_model(self):
        self.tally["checks"] += 1
        m = self.model
        tag_names = {tag: name for tag, (name, _) in m.tags.items()}
        expected = {e164(num): (s.holder, s.status, tag_names.get(s.tag), s.assignee, s.until)
                    for num, s in m.numbers.items()}
        assert number_states(self.inv, m.root) == expected
        report = self.inv.report()  # every org in the tree, with its parent and its D4 counts
        columns = ["org_id", "path", "parent_id", *USAGE]
        table = {row[0]: row[1:] for row in rows(report[columns])[1]}
        assert {org: [path.split(" / ")[-1], parent] for org, (path, parent, *_) in table.items()} \
            == m.orgs
        usage = {org: dict(zip(USAGE, map(int, counts))) for org, (_, _, *counts) in table.items()}
        assert usage == {org: m.usage(org) for org in m.orgs}  # D4 for every org
        assert usage[m.root]["total"] == TOTAL  # no number gained or lost
        assert self.inv.check() == []
        assert self.inv.event_count() == self.events  # one event per success, none per refusal


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("machine") / "template.duckdb"
    build_template(path)
    return path


def test_random_commands_by_random_actors_keep_the_inventory_equal_to_the_model(
        template, record_property):
    InventoryMachine.template = template
    InventoryMachine.tally.clear()
    run_state_machine_as_test(InventoryMachine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=20, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
    tally = InventoryMachine.tally
    figures = (f"{tally['checks']} states compared with the model, "
               f"{tally['succeeded']} commands succeeded, {tally['refused']} refused")
    record_property("state machine", figures)
    assert tally["succeeded"] >= EXAMPLES and tally["refused"] >= EXAMPLES  # both sides exercised
