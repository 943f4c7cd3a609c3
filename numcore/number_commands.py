"""Commands that move numbers between holders and statuses (D3.2-D3.5, D2 transitions)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from . import phone, store
from .access import user_key
from .errors import (Conflict, InvalidInput, InvalidState, NotEnoughNumbers, NotFound,
                     OutOfScope)
from .model import IN_SERVICE, NumberInfo, Org, Series, clean_name, whole_number
from .transaction import Tx, command


class NumberCommands:
    """allocate, reserve, assign, release, withdraw and their explicit-list forms."""

    @command
    def allocate(self, tx: Tx, series_id: int, quantity: int, to_org_id: int, *,
                 from_org_id: int | None = None, consecutive: bool = False,
                 include_golden: bool = False) -> list[str]:
        """Move ``quantity`` available numbers of a series from ``from_org_id`` (by default the
        parent) to ``to_org_id``, lowest first, or the lowest run of consecutive numbers."""
        quantity = whole_number(quantity, "quantity", 1)
        series = tx.catalog.series(series_id)
        to_org = tx.catalog.org(to_org_id)
        if from_org_id is None and to_org.parent_id is None:
            raise OutOfScope(f"{to_org.path} is the root; there is no parent to allocate from.")
        from_org = tx.catalog.org(to_org.parent_id if from_org_id is None else from_org_id)
        if not tx.catalog.tree.is_below(to_org.id, from_org.id):
            raise OutOfScope(
                f"{to_org.path} is not below {from_org.path}; numbers are allocated from an org "
                "to one of its sub-organizations."
            )
        tx.catalog.access.require_manager(tx.actor, [from_org.id, to_org.id], "allocating numbers")
        picked = move_down(tx, series, quantity, from_org, to_org, consecutive=consecutive,
                           include_golden=include_golden)
        tx.record("allocate", orgs=[from_org.id, to_org.id], series=[series.id],
                  quantity=quantity, numbers=picked,
                  before={"holder": from_org.path}, after={"holder": to_org.path})
        return [phone.e164(n) for n in picked]

    @command
    def allocate_numbers(self, tx: Tx, numbers: Iterable[str], to_org_id: int) -> list[str]:
        """Move the listed available numbers, each held by an ancestor of ``to_org_id``, to it."""
        to_org = tx.catalog.org(to_org_id)
        rows = _listed(tx, numbers)
        holders = sorted({info.holder_id for info in rows.values()})
        tx.catalog.access.require_manager(tx.actor, [*holders, to_org.id], "allocating numbers")
        for num, info in rows.items():
            _require_status(tx, num, info, "available", "allocated")
            if not tx.catalog.tree.is_below(to_org.id, info.holder_id):
                holder = tx.catalog.org(info.holder_id)
                raise OutOfScope(
                    f"{phone.pretty(num)} is held by {holder.path}, which is not above "
                    f"{to_org.path}; numbers are allocated down the tree."
                )
        _move_listed(tx, rows, lambda holder: to_org.id)
        tx.record("allocate_numbers", orgs=[*holders, to_org.id],
                  series=sorted({i.series_id for i in rows.values()}), quantity=len(rows),
                  numbers=sorted(rows), before={"holders": _paths(tx, holders)},
                  after={"holder": to_org.path})
        return [phone.e164(n) for n in sorted(rows)]

    @command
    def withdraw(self, tx: Tx, org_id: int, series_id: int, quantity: int) -> list[str]:
        """Move ``quantity`` available numbers of a series from ``org_id`` to its parent,
        highest first."""
        quantity = whole_number(quantity, "quantity", 1)
        org = tx.catalog.org(org_id)
        series = tx.catalog.series(series_id)
        parent = _parent_to_withdraw_to(tx, org)
        tx.catalog.access.require_manager(tx.actor, [parent.id, org.id], "withdrawing numbers")
        bounds = _bounds(tx, series)
        picked = store.pick_available(tx.cur, bounds, org.id, quantity, highest=True,
                                      skip_golden=False,
                                      held=tx.counts.of(org.id, series.id, "available"))
        if len(picked) < quantity:
            raise NotEnoughNumbers(
                f"{org.path} holds {phone.plural(len(picked), 'unused number')} of {series.name}; "
                f"cannot withdraw {quantity}.",
                available=len(picked),
            )
        moved = store.move_span(tx.cur, series.id, picked[0], picked[-1], org.id, parent.id,
                                skip_golden=False)
        _expect(moved, quantity)
        tx.shift({(org.id, series.id, "available"): -quantity,
                  (parent.id, series.id, "available"): quantity})
        tx.record("withdraw", orgs=[org.id, parent.id], series=[series.id], quantity=quantity,
                  numbers=picked, before={"holder": org.path}, after={"holder": parent.path})
        return [phone.e164(n) for n in picked]

    @command
    def withdraw_numbers(self, tx: Tx, numbers: Iterable[str]) -> list[str]:
        """Move each listed available number from its (non-root) holder to that holder's parent."""
        rows = _listed(tx, numbers)
        holders = sorted({info.holder_id for info in rows.values()})
        tx.catalog.access.require_manager(tx.actor, holders, "withdrawing numbers")
        for num, info in rows.items():
            _require_status(tx, num, info, "available", "withdrawn")
            if tx.catalog.org(info.holder_id).parent_id is None:
                raise InvalidState(
                    f"{phone.pretty(num)} is held by the root "
                    f"{tx.catalog.org(info.holder_id).path}; there is no parent to withdraw it to."
                )
        parents = [tx.catalog.org(h).parent_id for h in holders]
        tx.catalog.access.require_manager(tx.actor, parents, "withdrawing numbers")
        _move_listed(tx, rows, lambda holder: tx.catalog.org(holder).parent_id)
        tx.record("withdraw_numbers", orgs=[*holders, *parents],
                  series=sorted({i.series_id for i in rows.values()}), quantity=len(rows),
                  numbers=sorted(rows), before={"holders": _paths(tx, holders)},
                  after={"holders": _paths(tx, parents)})
        return [phone.e164(n) for n in sorted(rows)]

    @command
    def reserve(self, tx: Tx, number: str, tag_id: int, *, to_org_id: int | None = None,
                expires: date | datetime | None = None) -> None:
        """Keep an available number for a tag; with ``to_org_id`` (the holder or below it) also
        move it there; with ``expires`` it returns to available after that day."""
        num, info = _one(tx, number, "reserving numbers")
        tag = tx.catalog.tag(tag_id)
        _require_status(tx, num, info, "available", "reserved")
        holder = tx.catalog.org(info.holder_id)
        target = holder if to_org_id is None else tx.catalog.org(to_org_id)
        if not tx.catalog.tree.is_within(target.id, holder.id):
            raise OutOfScope(
                f"{phone.pretty(num)} is held by {holder.path}; it can be reserved there or in "
                f"its sub-organizations, not in {target.path}."
            )
        tx.catalog.access.require_manager(tx.actor, [holder.id, target.id], "reserving numbers")
        until = _expiry(expires, tx.now)
        _rewrite(tx, num, info, status="reserved", holder_id=target.id, tag_id=tag.id,
                 assignee=None, until=until)
        tx.record("reserve", orgs=[holder.id, target.id], series=[info.series_id], quantity=1,
                  numbers=[num], before={"status": "available", "holder": holder.path},
                  after={"status": "reserved", "tag": tag.name, "holder": target.path,
                         "until": until})

    @command
    def unreserve(self, tx: Tx, number: str) -> None:
        """Make a reserved number available again, held where it is."""
        num, info = _one(tx, number, "unreserving numbers")
        _require_status(tx, num, info, "reserved", "unreserved")
        holder = tx.catalog.org(info.holder_id)
        tag = tx.catalog.tag(info.tag_id)
        _rewrite(tx, num, info, status="available", holder_id=holder.id, tag_id=None,
                 assignee=None, until=None)
        tx.record("unreserve", orgs=[holder.id], series=[info.series_id], quantity=1,
                  numbers=[num], before={"status": "reserved", "tag": tag.name},
                  after={"status": "available"})

    @command
    def assign(self, tx: Tx, number: str, user: str, org_id: int) -> None:
        """Give a number to a user of ``org_id`` (invited, not yet on-boarded). The number must be
        held by that org or an ancestor, and be available or reserved for that user's tag."""
        user = clean_name(user, "user")
        num, info = _one(tx, number, "assigning numbers")
        org = tx.catalog.org(org_id)
        if info.status not in ("available", "reserved"):
            raise InvalidState(f"{_state(tx, num, info)}; only available or reserved numbers "
                               "can be assigned.")
        holder = tx.catalog.org(info.holder_id)
        if not tx.catalog.tree.is_within(org.id, holder.id):
            raise OutOfScope(
                f"{phone.pretty(num)} is held by {holder.path}; only {holder.path} and its "
                f"sub-organizations can use it, not {org.path}."
            )
        if info.status == "reserved":
            tag = tx.catalog.tag(info.tag_id)
            if tag.kind == "person" and user_key(tag.name) != user_key(user):
                raise InvalidState(
                    f"{phone.pretty(num)} is reserved for {tag.name}; assign it to {tag.name} "
                    "or unreserve it first."
                )
        tx.catalog.access.require_manager(tx.actor, [holder.id, org.id], "assigning numbers")
        _rewrite(tx, num, info, status="assigned", holder_id=org.id, tag_id=info.tag_id,
                 assignee=user, until=None)
        tx.record("assign", orgs=[holder.id, org.id], series=[info.series_id], quantity=1,
                  numbers=[num], before={"status": info.status, "holder": holder.path},
                  after={"status": "assigned", "assignee": user, "holder": org.path})

    @command
    def register(self, tx: Tx, number: str) -> None:
        """The assigned user has on-boarded: the number is live."""
        num, info = _one(tx, number, "registering numbers")
        _require_status(tx, num, info, "assigned", "registered")
        _rewrite(tx, num, info, status="registered", holder_id=info.holder_id,
                 tag_id=info.tag_id, assignee=info.assignee, until=None)
        tx.record("register", orgs=[info.holder_id], series=[info.series_id], quantity=1,
                  numbers=[num], before={"status": "assigned"},
                  after={"status": "registered", "assignee": info.assignee})

    @command
    def release(self, tx: Tx, number: str) -> None:
        """Take a number back from its user: it ages for the holder's aging period (available at
        once with 0 days), then returns to the holder's pool."""
        num, info = _one(tx, number, "releasing numbers")
        if info.status not in IN_SERVICE:
            raise InvalidState(f"{_state(tx, num, info)}; only assigned or registered numbers "
                               "can be released.")
        days = tx.catalog.settings_of(info.holder_id).aging_days
        until = tx.now + timedelta(days=days) if days else None
        status = "aging" if until else "available"
        _rewrite(tx, num, info, status=status, holder_id=info.holder_id, tag_id=None,
                 assignee=None, until=until)
        tx.record("release", orgs=[info.holder_id], series=[info.series_id], quantity=1,
                  numbers=[num], before={"status": info.status, "assignee": info.assignee},
                  after={"status": status, "until": until})

    @command
    def reclaim(self, tx: Tx, number: str) -> None:
        """End an aging period early: the number is available to its holder at once."""
        num, info = _one(tx, number, "reclaiming aging numbers")
        _require_status(tx, num, info, "aging", "reclaimed")
        _rewrite(tx, num, info, status="available", holder_id=info.holder_id, tag_id=None,
                 assignee=None, until=None)
        tx.record("reclaim", orgs=[info.holder_id], series=[info.series_id], quantity=1,
                  numbers=[num], before={"status": "aging", "until": info.until},
                  after={"status": "available"})


# -- helpers ------------------------------------------------------------------------------------

def move_down(tx: Tx, series: Series, quantity: int, from_org: Org, to_org: Org, *,
              consecutive: bool = False, include_golden: bool = False) -> list[int]:
    """D3.2: give ``to_org`` the lowest ``quantity`` available numbers of a series held by
    ``from_org`` (or the lowest consecutive run), passing over golden numbers unless asked."""
    bounds = _bounds(tx, series)
    skip_golden = not include_golden
    if consecutive:
        picked, longest = store.pick_run(tx.cur, bounds, from_org.id, quantity,
                                         skip_golden=skip_golden)
    else:
        picked = store.pick_available(tx.cur, bounds, from_org.id, quantity, highest=False,
                                      skip_golden=skip_golden)
    if picked is None or len(picked) < quantity:
        free = store.count_available(tx.cur, bounds, from_org.id)
        golden = store.count_available(tx.cur, bounds, from_org.id, golden_only=True)
        usable = free - golden if skip_golden else free
        available, detail = usable, ""
        if consecutive and usable >= quantity:
            available, detail = longest, f" in one run (the longest run is {longest})"
        if skip_golden and golden:
            verb = "is" if golden == 1 else "are"
            detail += f"; {phone.plural(golden, 'golden number')} there {verb} kept for explicit use"
        raise NotEnoughNumbers(
            f"{from_org.path} holds {phone.plural(usable, 'available number')} of "
            f"{series.name}; cannot allocate {quantity} to {to_org.path}{detail}.",
            available=available,
        )
    moved = store.move_span(tx.cur, series.id, picked[0], picked[-1], from_org.id, to_org.id,
                            skip_golden=skip_golden)
    _expect(moved, quantity)
    tx.shift({(from_org.id, series.id, "available"): -quantity,
              (to_org.id, series.id, "available"): quantity})
    return picked


def _bounds(tx: Tx, series: Series) -> list[tuple[int, int]]:
    return [(r.first, r.last) for r in tx.catalog.ranges_of(series.id)]


def _parent_to_withdraw_to(tx: Tx, org: Org) -> Org:
    if org.parent_id is None:
        raise InvalidState(f"{org.path} is the root; there is no parent to withdraw numbers to.")
    return tx.catalog.org(org.parent_id)


def _one(tx: Tx, number: str, doing: str) -> tuple[int, NumberInfo]:
    """The number and its state, once the actor is known to manage its holder: a refusal must
    not tell someone about a number outside their reach."""
    num = phone.parse(number)
    rows = store.get_numbers(tx.cur, [num])
    if not rows:
        raise NotFound(f"{phone.pretty(num)} is not in any series.")
    info = _info(rows[0])
    tx.catalog.access.require_manager(tx.actor, [info.holder_id], doing)
    return num, info


def _listed(tx: Tx, numbers) -> dict[int, NumberInfo]:
    """The listed numbers and their state, refusing an empty list, repeats and unknown numbers."""
    if isinstance(numbers, (str, bytes)):
        numbers = [numbers]
    if not isinstance(numbers, Iterable):
        raise InvalidInput(f"Give the numbers as a list; got {numbers!r}.")
    parsed = [phone.parse(n) for n in numbers]
    if not parsed:
        raise InvalidInput("Give at least one number.")
    seen: set[int] = set()
    for num in parsed:
        if num in seen:
            raise InvalidInput(f"{phone.pretty(num)} is listed twice.")
        seen.add(num)
    rows = {row[0]: _info(row) for row in store.get_numbers(tx.cur, parsed)}
    for num in parsed:
        if num not in rows:
            raise NotFound(f"{phone.pretty(num)} is not in any series.")
    return rows


def _info(row) -> NumberInfo:
    num, series_id, holder_id, status, tag_id, assignee, until, golden = row
    return NumberInfo(phone.e164(num), series_id, holder_id, status, tag_id, assignee, until,
                      golden)


def _state(tx: Tx, num: int, info: NumberInfo) -> str:
    """'+1 415-555-0100 is reserved for Dr. Lee', for refusals."""
    shown = phone.pretty(num)
    if info.status == "reserved":
        return f"{shown} is reserved for {tx.catalog.tag(info.tag_id).name}"
    if info.status in IN_SERVICE:
        return f"{shown} is {info.status} to {info.assignee}"
    if info.status == "aging":
        return f"{shown} is aging until {info.until:%Y-%m-%d %H:%M} UTC"
    return f"{shown} is {info.status}"


def _require_status(tx: Tx, num: int, info: NumberInfo, wanted: str, doing: str) -> None:
    if info.status != wanted:
        raise InvalidState(f"{_state(tx, num, info)}, not {wanted}; only {wanted} numbers can "
                           f"be {doing}.")


def _rewrite(tx: Tx, num: int, info: NumberInfo, *, status: str, holder_id: int, tag_id,
             assignee, until) -> None:
    """Change one number, guarded by the state it was read in, and keep the counts current."""
    changed = store.update_number(tx.cur, num, expect_status=info.status,
                                  expect_holder=info.holder_id, status=status,
                                  holder_id=holder_id, tag_id=tag_id, assignee=assignee,
                                  until=until)
    _expect(changed, 1)
    tx.shift({(info.holder_id, info.series_id, info.status): -1,
              (holder_id, info.series_id, status): 1})
    tx.sets_until(until)


def _move_listed(tx: Tx, rows: dict[int, NumberInfo], destination) -> None:
    """Move listed available numbers, grouped by holder, to ``destination(holder)``."""
    by_holder: dict[int, list[int]] = {}
    for num, info in rows.items():
        by_holder.setdefault(info.holder_id, []).append(num)
    for holder, nums in by_holder.items():
        target = destination(holder)
        _expect(store.move_listed(tx.cur, nums, holder, target), len(nums))
        for num in nums:
            series = rows[num].series_id
            tx.shift({(holder, series, "available"): -1, (target, series, "available"): 1})


def _paths(tx: Tx, org_ids) -> list[str]:
    return [tx.catalog.org(o).path for o in dict.fromkeys(org_ids)]


def _expiry(expires, now: datetime) -> datetime | None:
    """A reservation given until a day lasts through that day (UTC)."""
    if expires is None:
        return None
    if isinstance(expires, datetime):
        if expires.tzinfo is not None:
            expires = expires.astimezone(timezone.utc)
        until = expires.replace(tzinfo=None)
    elif isinstance(expires, date):
        until = datetime(expires.year, expires.month, expires.day) + timedelta(days=1)
    else:
        raise InvalidInput(f"The expiry must be a date; got {expires!r}.")
    if until <= now:
        raise InvalidInput(f"The expiry {until:%Y-%m-%d} is not in the future.")
    return until


def _expect(changed: int, wanted: int) -> None:
    """Guarded updates must touch exactly the rows that were read; otherwise a race won."""
    if changed != wanted:
        raise Conflict(
            f"The numbers changed while this command ran ({changed} of {wanted} still "
            "qualified), so nothing changed; try again."
        )
