"""Orgs (D1, D3.7): one root, sibling names unique ignoring case, rename, move, delete."""

from numcore import InvalidInput, InvalidState, NotFound, PermissionDenied

from tests.integration.builders import n


def test_create_org_without_a_parent_makes_the_root_and_children_get_paths(empty):
    empty.grant("ann", "admin", actor="ann")
    root = empty.create_org("Acme", actor="ann")
    sales = empty.create_org("  Sales ", root.id, actor="ann")
    west = empty.create_org("West", sales.id, actor="ann")
    assert (root.parent_id, root.path) == (None, "Acme")
    assert (sales.name, sales.parent_id, sales.path) == ("Sales", root.id, "Acme / Sales")
    assert west.path == "Acme / Sales / West"
    assert empty.orgs()[["name", "path"]].values.tolist() == [
        ["Acme", "Acme"], ["Sales", "Acme / Sales"], ["West", "Acme / Sales / West"]]


def test_a_second_root_is_refused(acme):
    acme.refused(lambda: acme.inv.create_org("Globex", actor="ann"), InvalidState,
                 "Acme is already the root; give parent_id to create Globex under an org.")


def test_sibling_names_are_unique_ignoring_case(acme):
    acme.refused(lambda: acme.inv.create_org("sALES", acme.root.id, actor="ann"), InvalidState,
                 "Acme already has a sub-organization named Sales.")


def test_the_same_name_is_fine_under_another_parent(acme):
    west2 = acme.inv.create_org("West", acme.support.id, actor="ann")
    assert west2.path == "Acme / Support / West"


def test_an_org_name_may_not_contain_the_path_separator(acme):
    acme.refused(lambda: acme.inv.create_org("Sales/East", acme.root.id, actor="ann"),
                 InvalidInput, "The org name 'Sales/East' contains '/'")


def test_an_empty_org_name_is_refused(acme):
    acme.refused(lambda: acme.inv.create_org("  ", acme.root.id, actor="ann"), InvalidInput,
                 "The org name is empty; give a name.")


def test_creating_under_an_unknown_parent_is_refused(acme):
    acme.refused(lambda: acme.inv.create_org("East", 999, actor="ann"), NotFound,
                 "There is no org with id 999.")


def test_rename_changes_the_path_of_the_org_and_its_subtree(acme):
    renamed = acme.inv.rename_org(acme.sales.id, "Field Sales", actor="ann")
    assert renamed.path == "Acme / Field Sales"
    assert acme.inv.org(acme.west.id).path == "Acme / Field Sales / West"


def test_rename_to_a_siblings_name_is_refused(acme):
    acme.refused(lambda: acme.inv.rename_org(acme.sales.id, "support", actor="ann"),
                 InvalidState, "Acme already has a sub-organization named Support.")


def test_rename_to_the_same_name_is_refused_as_a_no_change(acme):
    acme.refused(lambda: acme.inv.rename_org(acme.sales.id, "Sales", actor="ann"),
                 InvalidState, "Acme / Sales is already named Sales.")


def test_rename_may_change_only_the_case_of_a_name(acme):
    assert acme.inv.rename_org(acme.sales.id, "SALES", actor="ann").path == "Acme / SALES"


def test_move_takes_the_subtree_and_its_numbers_along(acme):
    acme.inv.allocate(acme.us415.id, 5, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 2, acme.west.id, actor="ann")
    moved = acme.inv.move_org(acme.west.id, acme.support.id, actor="ann")
    assert moved.path == "Acme / Support / West"
    assert acme.state(n(0)) == ("Acme / Support / West", "available", None, None)
    assert acme.inv.utilization(acme.support.id)["allocated_to_suborgs"] == 2
    assert acme.inv.utilization(acme.sales.id)["allocated_to_suborgs"] == 0
    assert acme.inv.check() == []


def test_an_org_cannot_move_under_its_own_subtree(acme):
    acme.refused(lambda: acme.inv.move_org(acme.sales.id, acme.west.id, actor="ann"),
                 InvalidState, "Acme / Sales cannot move under Acme / Sales / West, which is inside it.")
    acme.refused(lambda: acme.inv.move_org(acme.sales.id, acme.sales.id, actor="ann"),
                 InvalidState, "Acme / Sales cannot move under Acme / Sales")


def test_the_root_cannot_move(acme):
    acme.refused(lambda: acme.inv.move_org(acme.root.id, acme.support.id, actor="ann"),
                 InvalidState, "Acme is the root; it cannot be moved.")


def test_moving_to_the_current_parent_is_refused_as_a_no_change(acme):
    acme.refused(lambda: acme.inv.move_org(acme.west.id, acme.sales.id, actor="ann"),
                 InvalidState, "Acme / Sales / West is already under Acme / Sales.")


def test_moving_next_to_a_sibling_of_the_same_name_is_refused(acme):
    acme.inv.create_org("west", acme.support.id, actor="ann")
    acme.refused(lambda: acme.inv.move_org(acme.west.id, acme.support.id, actor="ann"),
                 InvalidState, "Acme / Support already has a sub-organization named west.")


def test_delete_removes_an_empty_leaf(acme):
    lab = acme.inv.create_org("Lab", acme.support.id, actor="ann")
    acme.inv.delete_org(lab.id, actor="ann")
    assert "Acme / Support / Lab" not in acme.inv.orgs()["path"].tolist()


def test_delete_is_refused_while_the_org_has_children(acme):
    acme.inv.revoke("mia", "manager", acme.sales.id, actor="ann")
    acme.refused(lambda: acme.inv.delete_org(acme.sales.id, actor="ann"), InvalidState,
                 "Acme / Sales has 1 sub-organization; move or delete them first.")


def test_delete_is_refused_while_the_org_holds_numbers_of_any_status(acme):
    acme.inv.allocate(acme.us415.id, 1, acme.west.id, from_org_id=acme.root.id, actor="ann")
    acme.inv.reserve(n(0), acme.desk.id, actor="ann")
    acme.refused(lambda: acme.inv.delete_org(acme.west.id, actor="ann"), InvalidState,
                 "Acme / Sales / West holds 1 number; withdraw or release them first.")


def test_delete_is_refused_while_someone_holds_a_grant_on_the_org(acme):
    acme.refused(lambda: acme.inv.delete_org(acme.support.id, actor="ann"), InvalidState,
                 "Acme / Support still has grants: sam (manager); revoke them first.")


def test_only_admins_shape_the_tree(acme):
    for call in (lambda: acme.inv.create_org("East", acme.sales.id, actor="mia"),
                 lambda: acme.inv.rename_org(acme.west.id, "Westside", actor="mia"),
                 lambda: acme.inv.move_org(acme.west.id, acme.support.id, actor="mia"),
                 lambda: acme.inv.delete_org(acme.west.id, actor="mia")):
        acme.refused(call, PermissionDenied, "mia manages only Acme / Sales;",
                     "needs an admin grant.")
