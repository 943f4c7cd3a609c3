"""Roles (D3.10): bootstrap admin, managers inside their subtree, viewers read-only, no grant no
access, and who may see what (grants, reachable_orgs)."""

import duckdb
import pytest

from numcore import Inventory, InvalidInput, InvalidState, NotFound, PermissionDenied

from tests.integration.builders import n


def test_the_first_grant_of_an_empty_inventory_makes_an_admin(empty):
    empty.grant("ann", "admin", actor="ann")
    assert empty.grants()[["user", "role", "org"]].values.tolist() == [["ann", "admin", "whole tree"]]
    assert empty.is_admin("ANN")


def test_the_first_grant_must_make_an_admin_even_when_orgs_exist(tmp_path):
    # Orgs without any grant cannot be made through numcore (creating orgs needs an admin), but
    # a file loaded by other means can hold them; write one org behind numcore's back.
    path = str(tmp_path / "no_grants.duckdb")
    Inventory.open(path).close()
    con = duckdb.connect(path)
    con.execute("INSERT INTO orgs VALUES (1, 'Acme', NULL, 80, 45)")
    con.close()
    with Inventory.open(path) as inv:
        with pytest.raises(PermissionDenied) as refused:
            inv.grant("mia", "manager", 1, actor="mia")
        assert str(refused.value) == "Nobody holds a grant yet, so the first grant must make an admin."
        assert inv.grants().empty and inv.event_count() == 0
        inv.grant("ann", "admin", actor="ann")
        inv.grant("mia", "manager", 1, actor="ann")
        assert inv.reachable_orgs("mia") == [1]


def test_after_the_bootstrap_only_admins_grant(acme):
    acme.refused(lambda: acme.inv.grant("bob", "admin", actor="bob"), PermissionDenied,
                 "bob has no access to this inventory; granting roles needs an admin grant.")
    acme.refused(lambda: acme.inv.grant("bob", "viewer", acme.west.id, actor="mia"),
                 PermissionDenied, "mia manages only Acme / Sales; granting roles needs an admin grant.")


def test_grants_are_listed_with_the_path_of_their_org(acme):
    assert acme.inv.grants()[["user", "role", "org"]].values.tolist() == [
        ["ann", "admin", "whole tree"], ["mia", "manager", "Acme / Sales"],
        ["sam", "manager", "Acme / Support"], ["vic", "viewer", "Acme"]]
    mine = acme.inv.grants("MIA")
    assert mine[["role", "org_id"]].values.tolist() == [["manager", acme.sales.id]]


def test_a_user_may_hold_several_grants(acme):
    acme.inv.grant("mia", "viewer", acme.support.id, actor="ann")
    assert sorted(acme.inv.grants("mia")["role"]) == ["manager", "viewer"]
    assert acme.inv.reachable_orgs("mia") == [acme.sales.id, acme.west.id, acme.support.id]


def test_a_grant_is_given_once(acme):
    acme.refused(lambda: acme.inv.grant("Mia", "manager", acme.sales.id, actor="ann"),
                 InvalidState, "Mia is already manager of Acme / Sales.")


@pytest.mark.parametrize("role, org, error, words", [
    ("owner", None, InvalidInput, "Unknown role 'owner'; a role is admin, manager or viewer."),
    ("admin", "sales", InvalidInput, "An admin grant covers the whole tree; give no org."),
    ("manager", None, InvalidInput, "A manager grant names an org; give org_id."),
    ("viewer", 99, NotFound, "There is no org with id 99."),
])
def test_malformed_grants_are_refused(acme, role, org, error, words):
    org_id = acme.sales.id if org == "sales" else org
    acme.refused(lambda: acme.inv.grant("bob", role, org_id, actor="ann"), error, words)


def test_revoke_takes_a_grant_away(acme):
    acme.inv.revoke("mia", "manager", acme.sales.id, actor="ann")
    assert acme.inv.grants("mia").empty
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, acme.west.id, from_org_id=acme.root.id,
                                           actor="mia"),
                 PermissionDenied, "mia has no access to this inventory")


def test_revoke_names_a_grant_that_does_not_exist(acme):
    acme.refused(lambda: acme.inv.revoke("mia", "viewer", acme.sales.id, actor="ann"), NotFound,
                 "mia is not viewer of Acme / Sales.")


def test_the_last_admin_grant_cannot_be_revoked(acme):
    acme.refused(lambda: acme.inv.revoke("ann", "admin", actor="ann"), InvalidState,
                 "ann holds the last admin grant; grant another admin first")
    acme.inv.grant("root2", "admin", actor="ann")
    acme.inv.revoke("ann", "admin", actor="root2")
    assert acme.inv.grants()["user"].tolist().count("ann") == 0


def test_only_admins_revoke(acme):
    acme.refused(lambda: acme.inv.revoke("sam", "manager", acme.support.id, actor="mia"),
                 PermissionDenied, "mia manages only Acme / Sales; revoking roles needs an admin grant.")


def test_a_manager_runs_every_number_command_inside_their_subtree(acme):
    acme.inv.allocate(acme.us415.id, 10, acme.sales.id, actor="ann")
    assert acme.inv.allocate(acme.us415.id, 4, acme.west.id, actor="mia") == [n(0), n(1), n(2), n(3)]
    acme.inv.allocate_numbers([n(4)], acme.west.id, actor="mia")
    acme.inv.reserve(n(5), acme.desk.id, to_org_id=acme.west.id, actor="mia")
    acme.inv.unreserve(n(5), actor="mia")
    acme.inv.assign(n(0), "bob", acme.west.id, actor="mia")
    acme.inv.register(n(0), actor="mia")
    acme.inv.release(n(0), actor="mia")
    assert acme.inv.withdraw(acme.west.id, acme.us415.id, 2, actor="mia") == [n(4), n(5)]
    assert acme.inv.withdraw_numbers([n(3)], actor="mia") == [n(3)]
    acme.inv.set_threshold(acme.west.id, 90, actor="mia")
    assert acme.inv.settings(acme.west.id).threshold == 90
    assert acme.inv.check() == []


def test_a_manager_cannot_take_numbers_from_above_their_subtree(acme):
    acme.refused(lambda: acme.inv.allocate(acme.us415.id, 1, acme.sales.id, actor="mia"),
                 PermissionDenied, "mia manages only Acme / Sales; allocating numbers in Acme needs a "
                                   "manager grant on it or above it.")
    acme.refused(lambda: acme.inv.allocate_numbers([n(0)], acme.west.id, actor="mia"),
                 PermissionDenied, "allocating numbers in Acme needs a manager grant")


def test_a_manager_cannot_withdraw_from_their_own_top_org(acme):
    acme.inv.allocate(acme.us415.id, 3, acme.sales.id, actor="ann")
    acme.refused(lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="mia"),
                 PermissionDenied, "withdrawing numbers in Acme needs a manager grant on it or above it.")
    acme.refused(lambda: acme.inv.withdraw_numbers([n(0)], actor="mia"),
                 PermissionDenied, "withdrawing numbers in Acme needs a manager grant")


def test_a_manager_cannot_touch_numbers_of_another_subtree(acme):
    acme.inv.allocate(acme.us415.id, 3, acme.support.id, actor="ann")
    acme.inv.assign(n(1), "bob", acme.support.id, actor="sam")
    acme.inv.reserve(n(2), acme.desk.id, actor="sam")
    refusals = [
        (lambda: acme.inv.reserve(n(0), acme.desk.id, actor="mia"), "reserving numbers in Acme / Support"),
        (lambda: acme.inv.unreserve(n(2), actor="mia"), "unreserving numbers in Acme / Support"),
        (lambda: acme.inv.assign(n(0), "bob", acme.support.id, actor="mia"),
         "assigning numbers in Acme / Support"),
        (lambda: acme.inv.register(n(1), actor="mia"), "registering numbers in Acme / Support"),
        (lambda: acme.inv.release(n(1), actor="mia"), "releasing numbers in Acme / Support"),
        (lambda: acme.inv.withdraw(acme.support.id, acme.us415.id, 1, actor="mia"),
         "withdrawing numbers in Acme needs"),
        (lambda: acme.inv.set_threshold(acme.support.id, 50, actor="mia"),
         "changing the threshold in Acme / Support"),
    ]
    for call, words in refusals:
        acme.refused(call, PermissionDenied, "mia manages only Acme / Sales;", words,
                     "needs a manager grant on it or above it.")


def test_a_manager_needs_both_the_holder_and_the_target_inside_their_subtree(acme):
    # numbers at the root, target inside Sales: the holder is outside mia's subtree
    acme.refused(lambda: acme.inv.reserve(n(0), acme.desk.id, to_org_id=acme.west.id, actor="mia"),
                 PermissionDenied, "reserving numbers in Acme needs a manager grant")
    acme.refused(lambda: acme.inv.assign(n(0), "bob", acme.west.id, actor="mia"),
                 PermissionDenied, "assigning numbers in Acme needs a manager grant")


def test_a_viewer_reads_but_runs_no_command(acme):
    acme.inv.allocate(acme.us415.id, 3, acme.sales.id, actor="ann")
    assert acme.inv.reachable_orgs("vic") == [acme.root.id, acme.sales.id, acme.west.id,
                                              acme.support.id]
    words = "vic may only view Acme;"
    for call in (lambda: acme.inv.allocate(acme.us415.id, 1, acme.west.id, actor="vic"),
                 lambda: acme.inv.reserve(n(0), acme.desk.id, actor="vic"),
                 lambda: acme.inv.assign(n(0), "bob", acme.sales.id, actor="vic"),
                 lambda: acme.inv.withdraw(acme.sales.id, acme.us415.id, 1, actor="vic")):
        acme.refused(call, PermissionDenied, words, "needs a manager grant on it or above it.")
    acme.refused(lambda: acme.inv.create_org("East", acme.root.id, actor="vic"), PermissionDenied,
                 "vic may only view Acme; creating orgs needs an admin grant.")


def test_a_user_without_a_grant_has_no_access(acme):
    assert acme.inv.reachable_orgs("stan") == []
    assert acme.inv.grants("stan").empty
    acme.refused(lambda: acme.inv.reserve(n(0), acme.desk.id, actor="stan"), PermissionDenied,
                 "stan has no access to this inventory; reserving numbers needs a manager grant.")


def test_reachable_orgs_follow_the_tree_as_it_changes(acme):
    assert acme.inv.reachable_orgs("mia") == [acme.sales.id, acme.west.id]
    acme.inv.move_org(acme.west.id, acme.support.id, actor="ann")
    assert acme.inv.reachable_orgs("mia") == [acme.sales.id]
    assert acme.inv.reachable_orgs("sam") == [acme.support.id, acme.west.id]


def test_users_are_matched_ignoring_case(acme):
    acme.inv.allocate(acme.us415.id, 2, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 2, acme.west.id, actor=" MIA ")
    assert acme.inv.reachable_orgs("Mia") == [acme.sales.id, acme.west.id]


def test_every_command_needs_an_actor(acme):
    for actor in ("", "   ", None):
        acme.refused(lambda: acme.inv.reserve(n(0), acme.desk.id, actor=actor), InvalidInput,
                     "Every command needs actor=: the name of the user who runs it.")
