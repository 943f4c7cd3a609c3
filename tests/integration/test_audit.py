"""Audit (D3.9): one event per changing command, in the same transaction, none for a refusal;
history newest first, filtered to an org's subtree."""

import json

from numcore import NotEnoughNumbers, PermissionDenied

from tests.integration.builders import SETUP_EVENTS, n


def test_the_setup_wrote_one_event_per_command(acme):
    assert acme.inv.event_count() == SETUP_EVENTS
    assert acme.inv.history(limit=None)["action"].tolist()[::-1] == [
        "grant", "create_org", "create_org", "create_org", "create_org", "create_series",
        "create_tag", "create_tag", "grant", "grant", "grant", "set_aging_days"]


def test_an_allocation_event_says_when_who_what_where_how_many_and_which_numbers(acme):
    acme.clock.advance(hours=2)
    acme.inv.allocate(acme.us415.id, 25, acme.sales.id, actor="Ann")
    event = acme.inv.history(limit=1).iloc[0]
    assert event["at"] == acme.clock.now
    assert (event["actor"], event["action"], event["quantity"]) == ("Ann", "allocate", 25)
    assert event["orgs"] == "Acme; Acme / Sales"
    assert event["org_ids"] == [acme.root.id, acme.sales.id]
    assert (event["series"], event["series_ids"]) == ("US 415", [acme.us415.id])
    assert event["numbers"] == "+1 415-555-0100 ... 0124"
    assert json.loads(event["before"]) == {"holder": "Acme"}
    assert json.loads(event["after"]) == {"holder": "Acme / Sales"}


def test_an_event_lists_scattered_numbers_as_runs(acme):
    acme.inv.allocate_numbers([n(5), n(1), n(2), n(9)], acme.sales.id, actor="ann")
    event = acme.inv.history(limit=1).iloc[0]
    assert event["numbers"] == "+1 415-555-0101 ... 0102, +1 415-555-0105, +1 415-555-0109"
    assert event["quantity"] == 4


def test_a_status_change_records_before_and_after(acme):
    acme.inv.assign(n(0), "bob", acme.west.id, actor="ann")
    event = acme.inv.history(limit=1).iloc[0]
    assert event["action"] == "assign"
    assert json.loads(event["before"]) == {"status": "available", "holder": "Acme"}
    assert json.loads(event["after"]) == {"status": "assigned", "assignee": "bob",
                                          "holder": "Acme / Sales / West"}


def test_every_changing_command_appends_exactly_one_event(acme):
    commands = [
        lambda: acme.inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann"),
        lambda: acme.inv.allocate_numbers([n(20), n(21)], acme.west.id, actor="ann"),
        lambda: acme.inv.withdraw(acme.west.id, acme.us415.id, 1, actor="mia"),
        lambda: acme.inv.withdraw_numbers([n(21)], actor="ann"),
        lambda: acme.inv.reserve(n(0), acme.desk.id, to_org_id=acme.west.id, actor="mia"),
        lambda: acme.inv.unreserve(n(0), actor="mia"),
        lambda: acme.inv.assign(n(0), "bob", acme.west.id, actor="mia"),
        lambda: acme.inv.register(n(0), actor="mia"),
        lambda: acme.inv.release(n(0), actor="mia"),
        lambda: acme.inv.create_org("East", acme.sales.id, actor="ann"),
        lambda: acme.inv.rename_org(acme.support.id, "Help", actor="ann"),
        lambda: acme.inv.move_org(acme.west.id, acme.support.id, actor="ann"),
        lambda: acme.inv.create_tag("Lobby", actor="ann"),
        lambda: acme.inv.set_threshold(acme.sales.id, 70, actor="mia"),
        lambda: acme.inv.add_range(acme.us415.id, "+14155550200", "+14155550209", actor="ann"),
        lambda: acme.inv.retire_range(acme.us415.id, "+14155550205", "+14155550209", actor="ann"),
        lambda: acme.inv.grant("bob", "viewer", acme.sales.id, actor="ann"),
        lambda: acme.inv.revoke("bob", "viewer", acme.sales.id, actor="ann"),
    ]
    for command in commands:
        before = acme.inv.event_count()
        command()
        assert acme.inv.event_count() == before + 1
    assert acme.inv.check() == []


def test_a_refused_command_appends_no_event(acme):
    acme.refused(lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="ann"),
                 NotEnoughNumbers, "cannot withdraw 1.")
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, acme.sales.id, actor="stan"),
                 PermissionDenied, "stan has no access")
    assert acme.inv.event_count() == SETUP_EVENTS


def test_history_is_newest_first_and_limited(acme):
    acme.inv.allocate(acme.us415.id, 1, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 1, acme.support.id, actor="ann")
    newest = acme.inv.history(limit=2)
    assert newest["action"].tolist() == ["allocate", "allocate"]
    assert newest["orgs"].tolist() == ["Acme; Acme / Support", "Acme; Acme / Sales"]
    ids = acme.inv.history(limit=None)["id"].tolist()
    assert ids == sorted(ids, reverse=True) and len(ids) == SETUP_EVENTS + 2


def test_history_of_an_org_covers_its_whole_subtree_and_nothing_else(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 2, acme.west.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 3, acme.support.id, actor="ann")
    acme.inv.reserve(n(0), acme.desk.id, actor="mia")  # held by West
    sales = acme.inv.history(acme.sales.id, limit=None)
    assert sales["action"].tolist() == ["reserve", "allocate", "allocate", "grant", "create_org",
                                        "create_org"]
    assert all("Acme / Sales" in orgs for orgs in sales["orgs"])
    west = acme.inv.history(acme.west.id, limit=None)
    assert west["action"].tolist() == ["reserve", "allocate", "create_org"]
    support = acme.inv.history(acme.support.id, limit=None)
    assert support["action"].tolist() == ["allocate", "set_aging_days", "grant", "create_org"]


def test_history_keeps_events_of_deleted_orgs_readable(acme):
    lab = acme.inv.create_org("Lab", acme.support.id, actor="ann")
    acme.inv.delete_org(lab.id, actor="ann")
    event = acme.inv.history(limit=1).iloc[0]
    assert event["action"] == "delete_org"
    assert event["orgs"] == f"(deleted org {lab.id}); Acme / Support"


def test_events_survive_reopening_the_file(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    before = acme.inv.history(limit=None)
    acme.reopen()
    assert acme.inv.history(limit=None).equals(before)
