"""Commands that shape the inventory: grants, orgs, series and ranges, tags, org settings."""

from __future__ import annotations

from collections.abc import Iterable

from . import phone, store
from .access import user_key
from .errors import InvalidInput, InvalidState, NotFound, PermissionDenied
from .model import (DEFAULT_AGING_DAYS, DEFAULT_THRESHOLD, PATH_SEPARATOR, ROLES, TAG_KINDS,
                    Org, Series, Tag, clean_name, whole_number)
from .transaction import Tx, command

MAX_AGING_DAYS = 3650


class SetupCommands:
    """Grants, orgs, series, tags and settings (D3.1, D3.6, D3.7, D3.10, D4)."""

    # -- grants ------------------------------------------------------------------------------

    @command
    def grant(self, tx: Tx, user: str, role: str, org_id: int | None = None) -> None:
        """Give ``user`` a role: admin (no org), or manager/viewer of ``org_id``'s subtree."""
        access = tx.catalog.access
        if access.any_grant:
            access.require_admin(tx.actor, "granting roles")
        user, org = _grant_arguments(tx, user, role, org_id)
        if not access.any_grant and role != "admin":
            raise PermissionDenied("Nobody holds a grant yet, so the first grant must make an admin.")
        if any(g.role == role and g.org_id == org_id for g in access.grants_of(user)):
            raise InvalidState(f"{user} is already {_role_phrase(role, org)}.")
        store.insert_grant(tx.cur, user, role, org_id)
        tx.changed_catalog()
        tx.record("grant", orgs=[org_id], after={"user": user, "role": role,
                                                 "org": org.path if org else None})

    @command
    def revoke(self, tx: Tx, user: str, role: str, org_id: int | None = None) -> None:
        """Take a grant away; the last admin grant stays."""
        access = tx.catalog.access
        access.require_admin(tx.actor, "revoking roles")
        user, org = _grant_arguments(tx, user, role, org_id)
        if not any(g.role == role and g.org_id == org_id for g in access.grants_of(user)):
            raise NotFound(f"{user} is not {_role_phrase(role, org)}.")
        admins = {user_key(g.user) for g in tx.catalog.grants if g.role == "admin"}
        if role == "admin" and admins == {user_key(user)}:
            raise InvalidState(
                f"{user} holds the last admin grant; grant another admin first, or nobody "
                "could manage the inventory."
            )
        store.delete_grant(tx.cur, user, role, org_id)
        tx.changed_catalog()
        tx.record("revoke", orgs=[org_id], before={"user": user, "role": role,
                                                   "org": org.path if org else None})

    # -- orgs --------------------------------------------------------------------------------

    @command
    def create_org(self, tx: Tx, name: str, parent_id: int | None = None) -> Org:
        """Create an org under ``parent_id``; without a parent, the root (only once)."""
        tx.catalog.access.require_admin(tx.actor, "creating orgs")
        name = org_name(name)
        tree = tx.catalog.tree
        if parent_id is None:
            if tree.root is not None:
                raise InvalidState(
                    f"{tree.root.path} is already the root; give parent_id to create "
                    f"{name} under an org."
                )
            path = name
        else:
            parent = tree.get(parent_id)
            _refuse_sibling_clash(tx, parent_id, name)
            path = f"{parent.path}{PATH_SEPARATOR}{name}"
        org_id = store.next_id(tx.cur, "org_ids")
        store.insert_org(tx.cur, org_id, name, parent_id, DEFAULT_THRESHOLD, DEFAULT_AGING_DAYS)
        tx.changed_catalog()
        tx.record("create_org", orgs=[org_id, parent_id],
                  after={"id": org_id, "name": name, "parent_id": parent_id, "path": path})
        return Org(org_id, name, parent_id, path)

    @command
    def rename_org(self, tx: Tx, org_id: int, name: str) -> Org:
        """Give an org a new name, unique among its siblings."""
        tx.catalog.access.require_admin(tx.actor, "renaming orgs")
        org = tx.catalog.org(org_id)
        name = org_name(name)
        if name == org.name:
            raise InvalidState(f"{org.path} is already named {name}.")
        _refuse_sibling_clash(tx, org.parent_id, name, except_id=org_id)
        store.update_org(tx.cur, org_id, name=name)
        tx.changed_catalog()
        path = org.path[: len(org.path) - len(org.name)] + name
        tx.record("rename_org", orgs=[org_id], before={"name": org.name, "path": org.path},
                  after={"name": name, "path": path})
        return Org(org_id, name, org.parent_id, path)

    @command
    def move_org(self, tx: Tx, org_id: int, parent_id: int) -> Org:
        """Move an org (with its subtree and the numbers they hold) under another parent."""
        tx.catalog.access.require_admin(tx.actor, "moving orgs")
        tree = tx.catalog.tree
        org, parent = tree.get(org_id), tree.get(parent_id)
        if org.parent_id is None:
            raise InvalidState(f"{org.path} is the root; it cannot be moved.")
        if tree.is_within(parent_id, org_id):
            raise InvalidState(f"{org.path} cannot move under {parent.path}, which is inside it.")
        if org.parent_id == parent_id:
            raise InvalidState(f"{org.path} is already under {parent.path}.")
        _refuse_sibling_clash(tx, parent_id, org.name)
        store.update_org(tx.cur, org_id, parent_id=parent_id)
        tx.changed_catalog()
        path = f"{parent.path}{PATH_SEPARATOR}{org.name}"
        tx.record("move_org", orgs=[org_id, org.parent_id, parent_id],
                  before={"parent_id": org.parent_id, "path": org.path},
                  after={"parent_id": parent_id, "path": path})
        return Org(org_id, org.name, parent_id, path)

    @command
    def delete_org(self, tx: Tx, org_id: int) -> None:
        """Delete an org that has no sub-organizations, holds no numbers and has no grants."""
        tx.catalog.access.require_admin(tx.actor, "deleting orgs")
        tree = tx.catalog.tree
        org = tree.get(org_id)
        children = tree.children(org_id)
        if children:
            raise InvalidState(
                f"{org.path} has {phone.plural(len(children), 'sub-organization')}; "
                "move or delete them first."
            )
        held = tx.counts.held_by(org_id)
        if held:
            raise InvalidState(
                f"{org.path} holds {phone.plural(held, 'number')}; withdraw or release them first."
            )
        waiting = len(store.requests(tx.cur, [org_id], "open"))
        if waiting:
            raise InvalidState(
                f"{org.path} has {phone.plural(waiting, 'open request')} for numbers; "
                "fulfil or decline them first."
            )
        grants = [g for g in tx.catalog.grants if g.org_id == org_id]
        if grants:
            who = ", ".join(f"{g.user} ({g.role})" for g in grants)
            raise InvalidState(f"{org.path} still has grants: {who}; revoke them first.")
        store.delete_org(tx.cur, org_id)
        tx.changed_catalog()
        tx.record("delete_org", orgs=[org_id, org.parent_id],
                  before={"id": org_id, "name": org.name, "parent_id": org.parent_id,
                          "path": org.path})

    @command
    def set_threshold(self, tx: Tx, org_id: int, percent: int) -> None:
        """The utilization (percent used, 1-100) at which the dashboard warns for this org."""
        org = tx.catalog.org(org_id)
        percent = whole_number(percent, "threshold (percent)", 1, 100)
        tx.catalog.access.require_manager(tx.actor, [org_id], "changing the threshold")
        before = tx.catalog.settings_of(org_id).threshold
        if percent == before:
            raise InvalidState(f"The threshold of {org.path} is already {percent}%.")
        store.update_org(tx.cur, org_id, threshold=percent)
        tx.changed_catalog()
        tx.record("set_threshold", orgs=[org_id], before={"threshold": before, "org": org.path},
                  after={"threshold": percent})

    @command
    def set_aging_days(self, tx: Tx, org_id: int, days: int) -> None:
        """How many days a released number of this org cools off before reuse (0 = none)."""
        org = tx.catalog.org(org_id)
        days = whole_number(days, "aging period (days)", 0, MAX_AGING_DAYS)
        tx.catalog.access.require_manager(tx.actor, [org_id], "changing the aging period")
        before = tx.catalog.settings_of(org_id).aging_days
        if days == before:
            raise InvalidState(f"The aging period of {org.path} is already {days} days.")
        store.update_org(tx.cur, org_id, aging_days=days)
        tx.changed_catalog()
        tx.record("set_aging_days", orgs=[org_id], before={"aging_days": before, "org": org.path},
                  after={"aging_days": days})

    # -- series and ranges -------------------------------------------------------------------

    @command
    def create_series(self, tx: Tx, name: str, ranges) -> Series:
        """A new series from ranges [(first, last), ...]; its numbers sit in the root's pool."""
        tx.catalog.access.require_admin(tx.actor, "creating series")
        name = clean_name(name, "series")
        if tx.catalog.series_named(name):
            raise InvalidState(f"A series named {tx.catalog.series_named(name).name} exists already.")
        spans = _new_spans(tx, ranges)
        root = _root_for_numbers(tx)
        country_code, area_code = phone.country_and_area(spans[0][0])
        require_area(spans, country_code, area_code, name)
        series_id = store.next_id(tx.cur, "series_ids")
        store.insert_series(tx.cur, series_id, name, country_code, area_code)
        size = insert_spans(tx, series_id, spans, root.id, golden=False)
        tx.record("create_series", orgs=[root.id], series=[series_id], quantity=size,
                  spans=spans, numbers_delta=size,
                  after={"name": name, "country_code": country_code, "area_code": area_code})
        return _series_now(tx, Series(series_id, name, country_code, area_code, (), 0))

    @command
    def add_range(self, tx: Tx, series_id: int, first: str, last: str) -> Series:
        """Add the numbers first..last to a series, available at the root."""
        tx.catalog.access.require_admin(tx.actor, "adding ranges")
        series = tx.catalog.series(series_id)
        spans = _new_spans(tx, [(first, last)])
        require_area(spans, series.country_code, series.area_code, series.name)
        root = _root_for_numbers(tx)
        golden = series_id in store.golden_series(tx.cur)
        size = insert_spans(tx, series_id, spans, root.id, golden=golden)
        tx.record("add_range", orgs=[root.id], series=[series_id], quantity=size, spans=spans,
                  numbers_delta=size, after={"series": series.name})
        return _series_now(tx, series)

    @command
    def retire_range(self, tx: Tx, series_id: int, first: str, last: str) -> Series:
        """Remove the numbers first..last (inside one range) once all are available at the root."""
        tx.catalog.access.require_admin(tx.actor, "retiring ranges")
        series = tx.catalog.series(series_id)
        low, high = phone.parse_range(first, last)
        shown = phone.span(low, high)
        outer = tx.catalog.range_of(low)
        if outer is None or outer.series_id != series_id or high > outer.last:
            raise NotFound(f"{shown} is not inside one range of series {series.name}.")
        root = tx.catalog.tree.root
        size = high - low + 1
        ready = store.count_available(tx.cur, [(low, high)], root.id)
        if ready != size:
            raise InvalidState(
                f"Cannot retire {shown}: {size - ready:,} of its {size:,} numbers are not "
                f"available at {root.path}; withdraw, unreserve or release them first."
            )
        _cut_range(tx, outer, low, high)
        tx.shift({(root.id, series_id, "available"): -size})
        tx.changed_catalog()
        tx.record("retire_range", orgs=[root.id], series=[series_id], quantity=size,
                  spans=[(low, high)], numbers_delta=-size, before={"series": series.name})
        return _series_now(tx, series)

    @command
    def flag_golden(self, tx: Tx, series_id: int, flagged: bool = True) -> int:
        """Flag the series' memorable numbers (...0000, ...1234) so quantity allocations skip
        them; returns how many numbers are now golden."""
        tx.catalog.access.require_admin(tx.actor, "flagging golden numbers")
        series = tx.catalog.series(series_id)
        bounds = [(r.first, r.last) for r in tx.catalog.ranges_of(series_id)]
        store.set_golden(tx.cur, series_id, bounds, bool(flagged))
        golden = store.count_golden(tx.cur, bounds)
        tx.record("flag_golden" if flagged else "unflag_golden", series=[series_id],
                  quantity=golden, after={"series": series.name, "golden": golden})
        return golden

    # -- tags --------------------------------------------------------------------------------

    @command
    def create_tag(self, tx: Tx, name: str, kind: str = "role") -> Tag:
        """A label for a person or a role, unique by name ignoring case."""
        tx.catalog.access.require_admin(tx.actor, "creating tags")
        name = clean_name(name, "tag")
        if kind not in TAG_KINDS:
            raise InvalidInput(f"Unknown tag kind {kind!r}; a tag is for a 'person' or a 'role'.")
        existing = tx.catalog.tag_named(name)
        if existing:
            raise InvalidState(f"A tag named {existing.name} exists already ({existing.kind}).")
        tag_id = store.next_id(tx.cur, "tag_ids")
        store.insert_tag(tx.cur, tag_id, name, kind)
        tx.changed_catalog()
        tx.record("create_tag", after={"id": tag_id, "name": name, "kind": kind})
        return Tag(tag_id, name, kind)

    @command
    def delete_tag(self, tx: Tx, tag_id: int) -> None:
        """Delete a tag that no number carries."""
        tx.catalog.access.require_admin(tx.actor, "deleting tags")
        tag = tx.catalog.tag(tag_id)
        carried = store.numbers_tagged(tx.cur, tag_id)
        if carried:
            raise InvalidState(
                f"Tag {tag.name} is on {phone.plural(carried, 'number')}; unreserve or release "
                "them first."
            )
        store.delete_tag(tx.cur, tag_id)
        tx.changed_catalog()
        tx.record("delete_tag", before={"id": tag_id, "name": tag.name, "kind": tag.kind})


# -- rules shared by the commands above ---------------------------------------------------------

def _grant_arguments(tx: Tx, user, role, org_id):
    user = clean_name(user, "user")
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}; a role is admin, manager or viewer.")
    if role == "admin":
        if org_id is not None:
            raise InvalidInput("An admin grant covers the whole tree; give no org.")
        return user, None
    if org_id is None:
        raise InvalidInput(f"A {role} grant names an org; give org_id.")
    return user, tx.catalog.org(org_id)


def _role_phrase(role: str, org: Org | None) -> str:
    return "an admin" if org is None else f"{role} of {org.path}"


def org_name(name) -> str:
    name = clean_name(name, "org")
    if "/" in name:
        raise InvalidInput(f"The org name '{name}' contains '/', which separates orgs in a path.")
    return name


def _refuse_sibling_clash(tx: Tx, parent_id, name: str, except_id: int | None = None) -> None:
    clash = tx.catalog.tree.sibling_named(parent_id, name)
    if clash is not None and clash.id != except_id:
        parent = tx.catalog.org(parent_id)
        raise InvalidState(f"{parent.path} already has a sub-organization named {clash.name}.")


def _root_for_numbers(tx: Tx) -> Org:
    root = tx.catalog.tree.root
    if root is None:
        raise InvalidState("Create the root org first: new numbers sit in its pool.")
    return root


def _new_spans(tx: Tx, ranges) -> list[tuple[int, int]]:
    """Parse ranges and refuse any overlap, with each other or with any stored series."""
    if isinstance(ranges, (str, bytes)) or not isinstance(ranges, Iterable) or not ranges:
        raise InvalidInput("Give at least one range as (first, last), e.g. "
                           "('+14155550100', '+14155550199').")
    spans = []
    for item in ranges:
        try:
            first, last = item
        except (TypeError, ValueError):
            raise InvalidInput(f"A range is a pair (first, last); got {item!r}.") from None
        spans.append(phone.parse_range(first, last))
    spans.sort()
    for (a, b), (c, d) in zip(spans, spans[1:]):
        if c <= b:
            raise InvalidInput(f"Ranges {phone.span(a, b)} and {phone.span(c, d)} overlap.")
    for low, high in spans:
        for stored in tx.catalog.overlapping(low, high):
            owner = tx.catalog.series(stored.series_id)
            raise InvalidState(
                f"Range {phone.span(low, high)} overlaps {phone.span(stored.first, stored.last)} "
                f"of series {owner.name}."
            )
    return spans


def require_area(spans, country_code: int, area_code: str, series_name: str) -> None:
    for low, high in spans:
        if phone.country_and_area(low) != (country_code, area_code):
            found = phone.country_and_area(low)
            raise InvalidInput(
                f"Range {phone.span(low, high)} is in +{found[0]} {found[1]}, but series "
                f"{series_name} is +{country_code} {area_code}."
            )


def insert_spans(tx: Tx, series_id: int, spans, holder_id: int, golden: bool) -> int:
    for low, high in spans:
        range_id = store.next_id(tx.cur, "range_ids")
        store.insert_range(tx.cur, range_id, series_id, low, high, holder_id, golden)
        tx.shift({(holder_id, series_id, "available"): high - low + 1})
    tx.changed_catalog()
    return sum(high - low + 1 for low, high in spans)


def _cut_range(tx: Tx, outer, low: int, high: int) -> None:
    """Retire low..high from inside range ``outer``, keeping what lies before and after it."""
    store.delete_numbers(tx.cur, low, high)
    pieces = [(a, b) for a, b in ((outer.first, low - 1), (high + 1, outer.last)) if a <= b]
    if not pieces:
        store.delete_range(tx.cur, outer.id)
    else:
        store.resize_range(tx.cur, outer.id, *pieces[0])
    for a, b in pieces[1:]:
        store.insert_bare_range(tx.cur, store.next_id(tx.cur, "range_ids"), outer.series_id, a, b)
    tx.changed_catalog()


def _series_now(tx: Tx, series: Series) -> Series:
    """The series as this transaction leaves it."""
    spans = store.ranges_of(tx.cur, series.id)
    ranges = tuple((phone.e164(a), phone.e164(b)) for a, b in spans)
    size = sum(b - a + 1 for a, b in spans)
    return Series(series.id, series.name, series.country_code, series.area_code, ranges, size)
