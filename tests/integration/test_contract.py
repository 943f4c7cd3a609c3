"""D5: the names, signatures and return types of the numcore contract, and how a command that
loses a race behaves (retried on a DuckDB conflict, then Conflict; guarded updates)."""

import inspect

import duckdb
import pandas as pd
import pytest

from numcore import Conflict, Inventory, NumberInfo, Org, Series, Tag, store

from tests.integration.builders import n

COMMANDS = {  # name: the parameters before actor=, as D5 writes them
    "grant": ["user", "role", "org_id"],
    "create_org": ["name", "parent_id"],
    "create_series": ["name", "ranges"],
    "create_tag": ["name", "kind"],
    "allocate": ["series_id", "quantity", "to_org_id"],
    "allocate_numbers": ["numbers", "to_org_id"],
    "reserve": ["number", "tag_id"],
    "unreserve": ["number"],
    "withdraw": ["org_id", "series_id", "quantity"],
    "withdraw_numbers": ["numbers"],
    "assign": ["number", "user", "org_id"],
    "register": ["number"],
    "release": ["number"],
}
SETUP = ["rename_org", "move_org", "delete_org", "add_range", "retire_range", "delete_tag",
         "revoke", "set_threshold"]
READS = ["number", "orgs", "series", "search_available", "utilization", "holdings", "history",
         "grants", "reachable_orgs", "check"]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_of_d5_takes_its_arguments_then_keyword_actor(name):
    parameters = inspect.signature(getattr(Inventory, name)).parameters
    positional = [p for p in parameters if p != "self"
                  and parameters[p].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    assert positional == COMMANDS[name]
    assert parameters["actor"].kind is inspect.Parameter.KEYWORD_ONLY


def test_the_keyword_options_of_d5_exist():
    allocate = inspect.signature(Inventory.allocate).parameters
    assert allocate["from_org_id"].default is None and allocate["consecutive"].default is False
    assert inspect.signature(Inventory.reserve).parameters["to_org_id"].default is None
    search = inspect.signature(Inventory.search_available).parameters
    assert (search["series_id"].default, search["prefix"].default, search["limit"].default) == (
        None, "", 50)
    history = inspect.signature(Inventory.history).parameters
    assert (history["org_id"].default, history["limit"].default) == (None, 100)


@pytest.mark.parametrize("name", SETUP)
def test_the_other_commands_of_d5_exist_and_take_keyword_actor(name):
    assert "actor" in inspect.signature(getattr(Inventory, name)).parameters


@pytest.mark.parametrize("name", READS)
def test_reads_need_no_actor(name):
    actor = inspect.signature(getattr(Inventory, name)).parameters.get("actor")
    assert actor is None or actor.default is None  # history may filter by actor; none needs one


def test_commands_and_reads_return_what_d5_says(acme):
    inv = acme.inv
    assert isinstance(inv.create_org("Lab", acme.root.id, actor="ann"), Org)
    assert isinstance(inv.create_series("NY", [("+12125550100", "+12125550109")], actor="ann"),
                      Series)
    assert isinstance(inv.create_tag("Lobby", actor="ann"), Tag)
    assert inv.grant("bob", "viewer", acme.root.id, actor="ann") is None
    numbers = inv.allocate(acme.us415.id, 2, acme.sales.id, actor="ann")
    assert numbers == [n(0), n(1)] and all(type(x) is str for x in numbers)
    assert inv.reserve(n(0), acme.desk.id, actor="ann") is None
    assert inv.unreserve(n(0), actor="ann") is None
    assert inv.assign(n(0), "bob", acme.sales.id, actor="ann") is None
    assert inv.register(n(0), actor="ann") is None
    assert inv.release(n(0), actor="ann") is None
    assert inv.withdraw_numbers([n(1)], actor="ann") == [n(1)]
    assert isinstance(inv.number(n(0)), NumberInfo)
    for frame in (inv.orgs(), inv.series(), inv.search_available(acme.root.id),
                  inv.holdings(acme.root.id), inv.history(), inv.grants()):
        assert isinstance(frame, pd.DataFrame)
    assert set(inv.utilization(acme.root.id)) == {"available", "reserved", "assigned",
                                                  "registered", "aging",
                                                  "allocated_to_suborgs", "total"}
    assert inv.reachable_orgs("mia") == [acme.sales.id, acme.west.id]
    assert all(type(org) is int for org in inv.reachable_orgs("ann"))
    assert inv.check() == []


def test_an_inventory_closes_on_leaving_a_with_block_and_the_file_keeps_everything(tmp_path):
    path = str(tmp_path / "kept.duckdb")
    with Inventory.open(path) as inv:
        inv.grant("ann", "admin", actor="ann")
        root = inv.create_org("Acme", actor="ann")
    with Inventory.open(path) as inv:
        assert inv.orgs()["path"].tolist() == ["Acme"]
        assert inv.org(root.id).path == "Acme"
        assert inv.event_count() == 2


def conflicting(times):
    """A stand-in for store.append_event that loses to a concurrent writer ``times`` times."""
    real = store.append_event
    left = [times]

    def append_event(cur, **event):
        if left[0]:
            left[0] -= 1
            raise duckdb.TransactionException("TransactionContext Error: Conflict on update!")
        return real(cur, **event)

    return append_event


def test_a_conflict_reported_by_duckdb_is_retried_and_the_command_applies_once(acme, monkeypatch):
    conflicts = acme.inv.stats.get("conflicts", 0)
    events = acme.inv.event_count()
    monkeypatch.setattr(store, "append_event", conflicting(2))
    assert acme.inv.allocate(acme.us415.id, 3, acme.sales.id, actor="ann") == [n(0), n(1), n(2)]
    assert acme.inv.stats["conflicts"] == conflicts + 2
    assert acme.inv.event_count() == events + 1
    assert acme.inv.utilization(acme.sales.id)["available"] == 3
    assert acme.inv.check() == []


def test_a_command_that_keeps_conflicting_gives_up_with_conflict_and_changes_nothing(
        acme, monkeypatch):
    monkeypatch.setattr(store, "append_event", conflicting(1000))
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 3, acme.sales.id, actor="ann"),
                 Conflict, "Other changes to the same numbers kept winning (5 tries), so nothing "
                           "changed; try again.")
    monkeypatch.undo()
    assert acme.inv.check() == []


def test_a_command_whose_numbers_changed_under_it_refuses_with_conflict(acme, monkeypatch):
    real = store.move_span

    def move_span(*args, **kwargs):  # as if another writer had taken one of the numbers
        return real(*args, **kwargs) - 1

    monkeypatch.setattr(store, "move_span", move_span)
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 12, acme.sales.id, actor="ann"),
                 Conflict, "The numbers changed while this command ran (11 of 12 still "
                           "qualified), so nothing changed; try again.")


def test_two_inventories_on_one_file_in_one_process_share_it(acme):
    other = Inventory.open(acme.path)
    try:
        other.allocate(acme.us415.id, 2, acme.sales.id, actor="ann")
        assert acme.inv.utilization(acme.sales.id)["available"] == 2
        assert acme.inv.check() == []
    finally:
        other.close()
    assert acme.inv.allocate(acme.us415.id, 1, acme.sales.id, actor="ann") == [n(2)]
