"""The organization tree (D1): one root, paths, subtrees, ancestry, sibling names."""

import pytest

from numcore.errors import NotFound
from numcore.tree import OrgTree

ACME, SALES, WEST, SUPPORT, EAST = 1, 2, 3, 4, 5


@pytest.fixture
def tree():
    return OrgTree([(ACME, "Acme", None), (SALES, "Sales", ACME), (WEST, "West", SALES),
                    (SUPPORT, "Support", ACME), (EAST, "east", SALES)])


def test_an_org_is_shown_by_its_path_from_the_root(tree):
    assert tree.path(WEST) == "Acme / Sales / West"
    assert tree.get(SALES).path == "Acme / Sales"
    assert tree.root.path == "Acme"


def test_an_empty_tree_has_no_root():
    assert OrgTree([]).root is None
    assert len(OrgTree([])) == 0


def test_in_order_lists_parents_before_children_and_siblings_by_name_ignoring_case(tree):
    assert [o.name for o in tree.in_order()] == ["Acme", "Sales", "east", "West", "Support"]


def test_subtree_is_the_org_and_all_its_descendants(tree):
    assert tree.subtree(SALES) == [SALES, EAST, WEST]
    assert set(tree.subtree(ACME)) == {ACME, SALES, WEST, SUPPORT, EAST}
    assert tree.subtree(SUPPORT) == [SUPPORT]


def test_ancestors_go_from_the_parent_up_to_the_root(tree):
    assert tree.ancestors(WEST) == [SALES, ACME]
    assert tree.ancestors(ACME) == []


def test_is_within_includes_the_org_itself_but_is_below_does_not(tree):
    assert tree.is_within(WEST, SALES) and tree.is_within(SALES, SALES)
    assert tree.is_below(WEST, SALES) and tree.is_below(WEST, ACME)
    assert not tree.is_below(SALES, SALES)
    assert not tree.is_within(SUPPORT, SALES)
    assert not tree.is_within(SALES, WEST)


def test_sibling_names_are_compared_ignoring_case(tree):
    assert tree.sibling_named(ACME, "SALES").id == SALES
    assert tree.sibling_named(SALES, "East").id == EAST
    assert tree.sibling_named(ACME, "West") is None
    assert tree.sibling_named(None, "acme").id == ACME


def test_children_are_the_direct_sub_organizations(tree):
    assert set(tree.children(ACME)) == {SALES, SUPPORT}
    assert tree.children(WEST) == []


@pytest.mark.parametrize("missing", [99, None, "Sales"])
def test_an_unknown_org_is_not_found_in_words(tree, missing):
    with pytest.raises(NotFound) as refused:
        tree.get(missing)
    assert str(refused.value) == f"There is no org with id {missing}."


def test_orgs_caught_in_a_cycle_are_unreachable_from_the_root():
    broken = OrgTree([(1, "Acme", None), (2, "Loop A", 3), (3, "Loop B", 2), (4, "Sales", 1)])
    assert broken.unreachable() == [2, 3]
    assert 2 not in broken and 4 in broken
    assert len(broken) == 2
