"""Roles (D3.10): admin for the whole tree, manager and viewer of a subtree, no grant no access."""

import pytest

from numcore.access import Access, user_key
from numcore.errors import PermissionDenied
from numcore.model import Grant
from numcore.tree import OrgTree

ACME, SALES, WEST, SUPPORT = 1, 2, 3, 4


@pytest.fixture
def access():
    tree = OrgTree([(ACME, "Acme", None), (SALES, "Sales", ACME), (WEST, "West", SALES),
                    (SUPPORT, "Support", ACME)])
    return Access([Grant("ann", "admin", None), Grant("Mia", "manager", SALES),
                   Grant("vic", "viewer", ACME), Grant("duo", "viewer", SUPPORT),
                   Grant("duo", "manager", WEST)], tree)


def test_users_are_the_same_whatever_the_case_and_surrounding_spaces():
    assert user_key("  Bob@X.com ") == user_key("bob@x.com")


def test_an_admin_manages_and_views_every_org(access):
    assert access.is_admin("ann") and access.is_admin("ANN")
    assert all(access.may_manage("ann", org) and access.may_view("ann", org)
               for org in (ACME, SALES, WEST, SUPPORT))


def test_a_manager_manages_exactly_their_subtree(access):
    assert access.may_manage("mia", SALES) and access.may_manage("mia", WEST)
    assert not access.may_manage("mia", ACME)
    assert not access.may_manage("mia", SUPPORT)
    assert not access.is_admin("mia")


def test_a_viewer_views_their_subtree_and_manages_nothing(access):
    assert all(access.may_view("vic", org) for org in (ACME, SALES, WEST, SUPPORT))
    assert not any(access.may_manage("vic", org) for org in (ACME, SALES, WEST, SUPPORT))


def test_a_user_without_a_grant_has_no_access(access):
    assert not access.may_view("stan", WEST) and not access.may_manage("stan", WEST)
    assert access.reachable("stan") == []


def test_reachable_orgs_are_the_union_of_the_users_grants_in_tree_order(access):
    assert access.reachable("ann") == [ACME, SALES, WEST, SUPPORT]
    assert access.reachable("mia") == [SALES, WEST]
    assert access.reachable("duo") == [WEST, SUPPORT]


def test_require_admin_names_what_the_user_may_do_instead(access):
    cases = {
        "stan": "stan has no access to this inventory; creating series needs an admin grant.",
        "mia": "mia manages only Acme / Sales; creating series needs an admin grant.",
        "vic": "vic may only view Acme; creating series needs an admin grant.",
    }
    for user, sentence in cases.items():
        with pytest.raises(PermissionDenied) as refused:
            access.require_admin(user, "creating series")
        assert str(refused.value) == sentence


def test_require_manager_needs_every_listed_org_inside_the_users_subtree(access):
    access.require_manager("mia", [SALES, WEST], "allocating numbers")
    with pytest.raises(PermissionDenied) as refused:
        access.require_manager("mia", [ACME, SALES], "allocating numbers")
    assert str(refused.value) == (
        "mia manages only Acme / Sales; allocating numbers in Acme needs a manager grant on it "
        "or above it.")


def test_a_user_with_several_grants_gets_each_of_them(access):
    assert access.may_manage("duo", WEST) and not access.may_manage("duo", SUPPORT)
    assert access.may_view("duo", SUPPORT)
    assert len(access.grants_of("DUO")) == 2


def test_an_inventory_with_no_grants_has_no_grant_at_all():
    assert not Access([], OrgTree([])).any_grant
