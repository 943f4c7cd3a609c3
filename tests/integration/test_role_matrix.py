"""Roles (D3.10) as a matrix: role x where the command acts, seen from the grant's org x command.
Exactly the cells that D3.10 allows succeed; every other cell is PermissionDenied, naming the
user, and changes nothing (so the refused cells share one copy, and the others get their own).

The inventory of this module (built once, copied per cell):

    Acme
      Division            the ANCESTOR of the grant org (not the root, so it can withdraw)
        Sales             the grant org (OWN): mia manages it, vic views it
          West            a DESCENDANT
            Bay
        Support           a SIBLING subtree
          Helpdesk

    Division, Sales, West and Support each hold available, one reserved and one assigned
    number of US 415. ann is the admin; nobody holds no grant.

A command "at" an org acts there: it allocates from its pool to its child, reserves, assigns or
releases numbers it holds, withdraws from it to its parent, sets its threshold, creates an org
under it, or grants a viewer role on it.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace

import pytest

from numcore import Inventory, PermissionDenied
from tests.integration.builders import snapshot

USERS = {"admin": "ann@acme.example", "manager": "mia@acme.example",
         "viewer": "vic@acme.example", "none": "nobody@acme.example"}
PLACES = {"own": "Acme / Division / Sales", "descendant": "Acme / Division / Sales / West",
          "sibling": "Acme / Division / Support", "ancestor": "Acme / Division"}
CHILD = {"Acme / Division": "Acme / Division / Sales",
         "Acme / Division / Sales": "Acme / Division / Sales / West",
         "Acme / Division / Sales / West": "Acme / Division / Sales / West / Bay",
         "Acme / Division / Support": "Acme / Division / Support / Helpdesk"}
ADMIN_ONLY = {"create_org", "create_series", "create_tag", "grant"}
UPWARD = {"withdraw", "withdraw_numbers"}  # move numbers to the parent: both must be managed


@dataclass
class World:
    inv: Inventory | None
    orgs: dict[str, int]      # path -> id
    series: int
    tag: int
    available: dict[str, str]  # org path -> an available number it holds
    reserved: dict[str, str]
    assigned: dict[str, str]


def at(world: World, place: str, command: str, actor: str):
    """Run ``command`` at the org of ``place`` as ``actor``."""
    inv, path = world.inv, PLACES[place]
    org, child = world.orgs[path], world.orgs[CHILD[path]]
    return {
        "allocate": lambda: inv.allocate(world.series, 1, child, from_org_id=org, actor=actor),
        "allocate_numbers": lambda: inv.allocate_numbers([world.available[path]], child,
                                                         actor=actor),
        "reserve": lambda: inv.reserve(world.available[path], world.tag, actor=actor),
        "unreserve": lambda: inv.unreserve(world.reserved[path], actor=actor),
        "assign": lambda: inv.assign(world.available[path], "new.hire@acme.example", org,
                                     actor=actor),
        "register": lambda: inv.register(world.assigned[path], actor=actor),
        "release": lambda: inv.release(world.assigned[path], actor=actor),
        "withdraw": lambda: inv.withdraw(org, world.series, 1, actor=actor),
        "withdraw_numbers": lambda: inv.withdraw_numbers([world.available[path]], actor=actor),
        "set_threshold": lambda: inv.set_threshold(org, 50, actor=actor),
        "create_org": lambda: inv.create_org("New team", org, actor=actor),
        "create_series": lambda: inv.create_series(
            "US 650", [("+16505550000", "+16505550009")], actor=actor),
        "create_tag": lambda: inv.create_tag("Night desk", "role", actor=actor),
        "grant": lambda: inv.grant("newcomer@acme.example", "viewer", org, actor=actor),
    }[command]()


COMMANDS = ["allocate", "allocate_numbers", "reserve", "unreserve", "assign", "register",
            "release", "withdraw", "withdraw_numbers", "set_threshold", "create_org",
            "create_series", "create_tag", "grant"]


def allowed(role: str, place: str, command: str) -> bool:
    """D3.10, written out: admins do everything; a manager of Sales runs number commands whose
    holder and target are in Sales' subtree (moving numbers up from Sales itself would take
    them out of it); viewers and users without a grant change nothing."""
    if role == "admin":
        return True
    if role != "manager" or command in ADMIN_ONLY:
        return False
    inside = {"own", "descendant"} if command not in UPWARD else {"descendant"}
    return place in inside


def build(path) -> None:
    with Inventory.open(str(path)) as inv:
        ann = USERS["admin"]
        inv.grant(ann, "admin", actor=ann)
        ids = {}
        for org_path in ["Acme", *CHILD, *CHILD.values()]:
            if org_path not in ids:
                parent, _, name = org_path.rpartition(" / ")
                ids[org_path] = inv.create_org(name, ids.get(parent), actor=ann).id
        series = inv.create_series("US 415", [("+14155550100", "+14155550199")], actor=ann).id
        tag = inv.create_tag("Front desk", "role", actor=ann).id
        division, sales, west, support = (ids[PLACES[p]] for p in
                                          ("ancestor", "own", "descendant", "sibling"))
        inv.allocate(series, 40, division, actor=ann)
        inv.allocate(series, 20, sales, actor=ann)
        inv.allocate(series, 10, west, actor=ann)
        inv.allocate(series, 10, support, from_org_id=division, actor=ann)
        for org in (division, sales, west, support):
            pool = inv.search_available(org, limit=2)["e164"].tolist()
            inv.reserve(pool[0], tag, actor=ann)
            inv.assign(pool[1], "staff@acme.example", org, actor=ann)
        inv.grant(USERS["manager"], "manager", sales, actor=ann)
        inv.grant(USERS["viewer"], "viewer", sales, actor=ann)


def describe_world(inv: Inventory) -> World:
    """Which orgs, series, tag and numbers the cells act on (the same in every copy)."""
    orgs = {row.path: int(row.id) for row in inv.orgs().itertuples()}

    def held(status: str) -> dict[str, str]:
        numbers = inv.numbers_in(orgs["Acme"], status)
        return {path: numbers.loc[numbers["holder"] == path, "e164"].iloc[0]
                for path in PLACES.values()}

    return World(inv, orgs, int(inv.series()["id"].iloc[0]), int(inv.tags()["id"].iloc[0]),
                 available=held("available"), reserved=held("reserved"),
                 assigned=held("assigned"))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple:
    path = tmp_path_factory.mktemp("role_matrix") / "template.duckdb"
    build(path)
    with Inventory.open(str(path)) as inv:
        return path, replace(describe_world(inv), inv=None)


@pytest.fixture
def world(template, tmp_path):
    """A fresh copy, for a cell whose command succeeds."""
    built, described = template
    path = tmp_path / "numbers.duckdb"
    shutil.copyfile(built, path)
    with Inventory.open(str(path)) as inv:
        yield replace(described, inv=inv)


@pytest.fixture(scope="module")
def untouched(template, tmp_path_factory):
    """One copy for all the refused cells: a refusal changes nothing (D3.8). Each cell checks
    that no event was written; at the end, everything a user can see is as it was built."""
    built, described = template
    path = tmp_path_factory.mktemp("role_matrix_refusals") / "numbers.duckdb"
    shutil.copyfile(built, path)
    with Inventory.open(str(path)) as inv:
        before = snapshot(inv)
        yield replace(described, inv=inv)
        assert snapshot(inv) == before, "a refused command changed the inventory"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("role", USERS)
def test_exactly_the_cells_that_d3_10_allows_succeed(request, role, place, command):
    user = USERS[role]
    if allowed(role, place, command):
        world = request.getfixturevalue("world")
        events = world.inv.event_count()
        at(world, place, command, user)
        latest = world.inv.history(limit=1).iloc[0]
        assert world.inv.event_count() == events + 1
        assert (latest["actor"], latest["action"]) == (user, command)
    else:
        world = request.getfixturevalue("untouched")
        events = world.inv.event_count()
        with pytest.raises(PermissionDenied) as refused:
            at(world, place, command, user)
        assert str(refused.value).startswith(f"{user} "), str(refused.value)
        assert world.inv.event_count() == events


HOLDER_OUTSIDE = {
    "allocating numbers from the ancestor into the own subtree":
        lambda w, u: w.inv.allocate(w.series, 1, w.orgs[PLACES["descendant"]],
                                    from_org_id=w.orgs[PLACES["ancestor"]], actor=u),
    "allocating the ancestor's numbers by list into the own subtree":
        lambda w, u: w.inv.allocate_numbers([w.available[PLACES["ancestor"]]],
                                            w.orgs[PLACES["own"]], actor=u),
    "reserving an ancestor's number into the own org":
        lambda w, u: w.inv.reserve(w.available[PLACES["ancestor"]], w.tag,
                                   to_org_id=w.orgs[PLACES["own"]], actor=u),
    "assigning an ancestor's number to a user of the own org":
        lambda w, u: w.inv.assign(w.available[PLACES["ancestor"]], "new.hire@acme.example",
                                  w.orgs[PLACES["own"]], actor=u),
}


@pytest.mark.parametrize("command", HOLDER_OUTSIDE)
def test_a_manager_needs_the_holder_inside_the_subtree_too(untouched, command):
    """The target is inside mia's subtree, the numbers' holder above it: refused (D3.10)."""
    user = USERS["manager"]
    events = untouched.inv.event_count()
    with pytest.raises(PermissionDenied) as refused:
        HOLDER_OUTSIDE[command](untouched, user)
    assert str(refused.value).startswith(f"{user} manages only Acme / Division / Sales; ")
    assert untouched.inv.event_count() == events


WRONG_STATE_OUT_OF_SCOPE = {  # numbers of the sibling subtree, in a state the command refuses
    "reserve an assigned number":
        lambda w, u: w.inv.reserve(w.assigned[PLACES["sibling"]], w.tag, actor=u),
    "unreserve an assigned number":
        lambda w, u: w.inv.unreserve(w.assigned[PLACES["sibling"]], actor=u),
    "assign an assigned number":
        lambda w, u: w.inv.assign(w.assigned[PLACES["sibling"]], "new.hire@acme.example",
                                  w.orgs[PLACES["sibling"]], actor=u),
    "release an available number":
        lambda w, u: w.inv.release(w.available[PLACES["sibling"]], actor=u),
    "register an available number":
        lambda w, u: w.inv.register(w.available[PLACES["sibling"]], actor=u),
}


@pytest.mark.parametrize("command", WRONG_STATE_OUT_OF_SCOPE)
@pytest.mark.parametrize("role", ["manager", "none"])
def test_out_of_scope_a_number_in_the_wrong_state_is_still_permission_denied(untouched, role,
                                                                           command):
    """D3.10 'no grant, no access': a refusal to someone without access must not describe a
    number outside their reach (its status, who it is assigned to)."""
    user = USERS[role]
    with pytest.raises(PermissionDenied) as refused:
        WRONG_STATE_OUT_OF_SCOPE[command](untouched, user)
    assert str(refused.value).startswith(f"{user} ")
