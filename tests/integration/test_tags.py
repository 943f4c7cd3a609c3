"""Tags (D3.6): unique by name ignoring case, a kind of person or role, undeletable while carried."""

from numcore import InvalidInput, InvalidState, NotFound, PermissionDenied

from tests.integration.builders import n


def test_create_tag_returns_the_tag_and_lists_it_by_name(acme):
    nurse = acme.inv.create_tag(" Night  nurse ", "role", actor="ann")
    assert (nurse.name, nurse.kind) == ("Night nurse", "role")
    assert acme.inv.tags()[["name", "kind"]].values.tolist() == [
        ["Dr. Lee", "person"], ["Front desk", "role"], ["Night nurse", "role"]]


def test_a_tag_is_a_role_unless_said_otherwise(acme):
    assert acme.inv.create_tag("Lobby", actor="ann").kind == "role"


def test_tag_names_are_unique_ignoring_case(acme):
    acme.refused(lambda: acme.inv.create_tag("FRONT DESK", "person", actor="ann"), InvalidState,
                 "A tag named Front desk exists already (role).")


def test_a_tag_kind_is_person_or_role(acme):
    acme.refused(lambda: acme.inv.create_tag("Robot", "machine", actor="ann"), InvalidInput,
                 "Unknown tag kind 'machine'; a tag is for a 'person' or a 'role'.")


def test_a_tag_needs_a_name(acme):
    acme.refused(lambda: acme.inv.create_tag("", actor="ann"), InvalidInput,
                 "The tag name is empty; give a name.")


def test_a_tag_no_number_carries_can_be_deleted(acme):
    acme.inv.reserve(n(0), acme.desk.id, actor="ann")
    acme.inv.unreserve(n(0), actor="ann")
    acme.inv.delete_tag(acme.desk.id, actor="ann")
    assert acme.inv.tags()["name"].tolist() == ["Dr. Lee"]


def test_a_tag_on_a_reserved_number_cannot_be_deleted(acme):
    acme.inv.reserve(n(0), acme.desk.id, actor="ann")
    acme.inv.reserve(n(1), acme.desk.id, actor="ann")
    acme.refused(lambda: acme.inv.delete_tag(acme.desk.id, actor="ann"), InvalidState,
                 "Tag Front desk is on 2 numbers; unreserve or release them first.")


def test_a_tag_kept_by_an_assigned_number_cannot_be_deleted_until_release(acme):
    acme.inv.reserve(n(0), acme.lee.id, actor="ann")
    acme.inv.assign(n(0), "Dr. Lee", acme.sales.id, actor="ann")
    acme.refused(lambda: acme.inv.delete_tag(acme.lee.id, actor="ann"), InvalidState,
                 "Tag Dr. Lee is on 1 number; unreserve or release them first.")
    acme.inv.release(n(0), actor="ann")
    acme.inv.delete_tag(acme.lee.id, actor="ann")
    assert "Dr. Lee" not in acme.inv.tags()["name"].tolist()


def test_deleting_an_unknown_tag_is_refused(acme):
    acme.refused(lambda: acme.inv.delete_tag(99, actor="ann"), NotFound,
                 "There is no tag with id 99.")


def test_only_admins_create_and_delete_tags(acme):
    acme.refused(lambda: acme.inv.create_tag("Lobby", actor="mia"), PermissionDenied,
                 "mia manages only Acme / Sales; creating tags needs an admin grant.")
    acme.refused(lambda: acme.inv.delete_tag(acme.desk.id, actor="vic"), PermissionDenied,
                 "vic may only view Acme; deleting tags needs an admin grant.")
