"""check(): [] on a sound inventory, and every invariant broken behind numcore's back is named."""

import duckdb
import pytest

from numcore import Inventory

from tests.integration.builders import n


def busy(acme):
    acme.inv.allocate(acme.us415.id, 30, acme.sales.id, actor="ann")
    acme.inv.allocate(acme.us415.id, 10, acme.west.id, actor="ann")
    acme.inv.reserve(n(0), acme.lee.id, actor="ann")
    acme.inv.assign(n(1), "bob", acme.west.id, actor="ann")
    acme.inv.register(n(1), actor="ann")
    acme.inv.assign(n(2), "eve", acme.west.id, actor="ann")
    acme.inv.release(n(2), actor="ann")
    acme.inv.withdraw(acme.sales.id, acme.us415.id, 5, actor="ann")


def test_a_sound_inventory_has_no_problems(acme):
    assert acme.inv.check() == []
    busy(acme)
    assert acme.inv.check() == []
    acme.reopen()
    assert acme.inv.check() == []


def corrupt(acme, *statements):
    """Close the inventory, change the file with a raw DuckDB connection, open it again."""
    acme.inv.close()
    con = duckdb.connect(acme.path)
    for statement in statements:
        con.execute(statement)
    con.close()
    acme.inv = Inventory.open(acme.path, clock=acme.clock)


CORRUPTIONS = {
    "a number is stored more than once":
        ["INSERT INTO numbers SELECT * FROM numbers WHERE num = 14155550150"],
    "a number's holder is not an org":
        ["UPDATE numbers SET holder_id = 99 WHERE num = 14155550150"],
    "a number's status does not fit its tag, assignee or time limit":
        ["UPDATE numbers SET status = 'reserved' WHERE num = 14155550150"],
    "a number carries a tag that does not exist":
        ["UPDATE numbers SET tag_id = 42 WHERE num = 14155550100"],
    "a range does not hold exactly one number for each of its places":
        ["DELETE FROM numbers WHERE num = 14155550150"],
    "a number lies outside every range of its series":
        ["UPDATE ranges SET last = 14155550189"],
    "two ranges overlap":
        ["INSERT INTO ranges VALUES (77, 1, 14155550190, 14155550190)"],
    "the org tree does not have exactly one root":
        ["INSERT INTO orgs VALUES (50, 'Globex', NULL, 80, 45)"],
    "an org is not connected to the root (a cycle)":
        ["UPDATE orgs SET parent_id = (SELECT id FROM orgs WHERE name = 'West') "
         "WHERE name = 'Sales'"],
    "two siblings share a name (ignoring case)":
        ["UPDATE orgs SET name = 'SALES' WHERE name = 'Support'"],
    "two tags share a name, or a tag has an unknown kind":
        ["UPDATE tags SET kind = 'robot' WHERE name = 'Front desk'"],
    "a grant is malformed (unknown role, admin with an org, or a missing org)":
        ["INSERT INTO grants VALUES ('bob', 'manager', 99)"],
    "there are grants but no admin":
        ["DELETE FROM grants WHERE role = 'admin'"],
    "the audit log's additions and retirements do not add up to the numbers stored":
        ["UPDATE events SET numbers_delta = 0 WHERE action = 'create_series'"],
}


@pytest.mark.parametrize("problem", sorted(CORRUPTIONS))
def test_check_names_each_invariant_broken_behind_numcores_back(acme, problem):
    busy(acme)
    corrupt(acme, *CORRUPTIONS[problem])
    found = acme.inv.check()
    assert found, "check() found nothing"
    assert any(line.startswith(f"{problem}: ") for line in found), found


def test_check_names_the_offending_number(acme):
    corrupt(acme, "UPDATE numbers SET status = 'aging' WHERE num = 14155550177")
    assert "a number's status does not fit its tag, assignee or time limit: +14155550177 (aging)" \
        in acme.inv.check()


def test_check_sees_a_change_made_behind_its_back_while_it_is_open(acme):
    # A second connection of the same process with the same settings is allowed by DuckDB.
    con = duckdb.connect(acme.path)
    con.execute("UPDATE numbers SET holder_id = ? WHERE num = 14155550150", [acme.support.id])
    con.close()
    found = acme.inv.check()
    assert any(line.startswith("the kept counts differ from a recount: ") for line in found), found
