"""Issue 7.1: imports from CSV. A dry run names every problem by line and column and changes
nothing; apply is all or nothing."""

import shutil
import time

import pandas as pd

from numcore import Inventory, InvalidInput, PermissionDenied, export
from tests.integration.builders import n, number_states


def test_dry_run_of_orgs_lists_each_change_and_changes_nothing(acme):
    before = acme.snapshot()
    plan = acme.inv.plan_import("orgs", "path,threshold\nAcme / Sales / East,85\n"
                                        "acme/support/tier 1,\n")
    assert plan.ok
    assert plan.changes == [(2, "create org Acme / Sales / East"),
                            (2, "set threshold of Acme / Sales / East to 85"),
                            (3, "create org Acme / Support / tier 1")]
    assert acme.snapshot() == before


def test_applied_org_import_creates_missing_orgs_by_path_with_settings(acme):
    acme.inv.apply_import("orgs", "path,threshold,aging_days\nAcme / Sales / East / Boston,70,10\n",
                          actor="ann")
    paths = acme.inv.orgs()["path"].tolist()
    assert "Acme / Sales / East" in paths and "Acme / Sales / East / Boston" in paths
    boston = acme.inv.orgs().set_index("path").loc["Acme / Sales / East / Boston", "id"]
    assert acme.inv.settings(int(boston)).threshold == 70
    assert acme.inv.settings(int(boston)).aging_days == 10
    assert acme.inv.history(limit=1)["action"].tolist() == ["import_orgs"]
    assert acme.inv.check() == []


def test_org_problems_are_named_by_line_and_column(acme):
    plan = acme.inv.plan_import("orgs", "path,threshold\nAcme / Sales / East,101\nBeta / X,\n"
                                        "Acme / Sales / East,\n,\n")
    assert [(line, column) for line, column, _ in plan.problems] == [
        (2, "threshold"), (3, "path"), (4, "path"), (5, "path")]
    texts = [p for _, _, p in plan.problems]
    assert "from 1 to 100; got 101" in texts[0]
    assert "the root is Acme" in texts[1]
    assert "listed again (first on line 2)" in texts[2]


def test_apply_with_any_problem_imports_nothing(acme):
    def apply():
        acme.inv.apply_import("orgs", "path\nAcme / Sales / East\nAcme / Sales / East\n",
                              actor="ann")

    error = acme.refused(apply, InvalidInput, "line 3", "column path", "nothing was imported")
    assert "1 problem" in str(error)


def test_only_admins_import(acme):
    acme.refused(lambda: acme.inv.apply_import("orgs", "path\nAcme / Sales / East\n",
                                               actor="mia"),
                 PermissionDenied, "mia", "admin")


def test_series_import_creates_series_and_adds_ranges(acme):
    plan = acme.inv.apply_import("series", "series,first,last\n"
                                           "US 415,+14155550200,+14155550299\n"
                                           "UK London,+442079460000,+442079460999\n",
                                 actor="ann")
    assert plan.ok
    sizes = acme.inv.series().set_index("name")["size"].to_dict()
    assert sizes == {"UK London": 1000, "US 415": 200}
    assert acme.inv.utilization(acme.root.id)["available"] == 1200
    assert acme.inv.check() == []


def test_series_problems_bad_numbers_overlaps_and_other_areas(acme):
    plan = acme.inv.plan_import("series", "series,first,last\n"
                                          "A,+1415,+14155550300\n"
                                          "B,+14155550150,+14155550250\n"
                                          "C,+14155550400,+14155550499\n"
                                          "C,+14155550450,+14155550460\n"
                                          "US 415,+12125550000,+12125550099\n"
                                          "D,+14155550600,+141555506\n")
    problems = {(line, column): text for line, column, text in plan.problems}
    assert set(problems) == {(2, "first"), (3, "first"), (5, "first"), (6, "first"), (7, "last")}
    assert "not a possible number" in problems[(2, "first")]
    assert "overlaps +1 415-555-0100 ... 0199 of series US 415" in problems[(3, "first")]
    assert "overlaps the range on line 4" in problems[(5, "first")]
    assert "is in +1 212, but series US 415 is +1 415" in problems[(6, "first")]


def numbers_csv(rows):
    return pd.DataFrame(rows, columns=["number", "holder", "status", "tag", "assignee", "until"])


def test_numbers_import_sets_holder_status_tag_and_assignee(acme):
    table = numbers_csv([
        [n(0), "Acme / Sales", "assigned", "", "ada@acme.example", ""],
        [n(1), "Acme / Sales / West", "registered", "", "bob@acme.example", ""],
        [n(2), "Acme / Sales", "reserved", "Dr. Lee", "", ""],
        [n(3), "Acme / Support", "reserved", "Night desk", "", "2025-04-01"],
        [n(4), "Acme / Support", "aging", "", "", "2025-05-01"],
        [n(5), "Acme / Sales / West", "available", "", "", ""],
    ])
    acme.inv.apply_import("numbers", table, actor="ann")
    assert acme.state(n(0)) == ("Acme / Sales", "assigned", None, "ada@acme.example")
    assert acme.state(n(1)) == ("Acme / Sales / West", "registered", None, "bob@acme.example")
    assert acme.state(n(2)) == ("Acme / Sales", "reserved", "Dr. Lee", None)
    night = acme.inv.tags().set_index("name").loc["Night desk"]
    assert night["kind"] == "role"
    assert acme.inv.number(n(3)).tag_id == night["id"]
    assert acme.inv.number(n(4)).status == "aging"
    assert acme.state(n(5)) == ("Acme / Sales / West", "available", None, None)
    usage = acme.inv.utilization(acme.root.id)
    assert usage["allocated_to_suborgs"] == 6 and usage["total"] == 100
    assert acme.inv.check() == []


def test_numbers_import_names_every_problem_and_applies_nothing(acme):
    acme.inv.assign(n(9), "zoe", acme.root.id, actor="ann")
    table = numbers_csv([
        ["+1415", "Acme", "assigned", "", "x", ""],
        [n(1), "Acme / Nowhere", "available", "", "", ""],
        [n(2), "Acme", "sold", "", "", ""],
        [n(3), "Acme", "reserved", "", "", ""],
        [n(4), "Acme", "available", "", "bob", ""],
        [n(5), "Acme", "aging", "", "", "soon"],
        [n(5), "Acme", "available", "", "", ""],
        [n(9), "Acme", "available", "", "", ""],
        ["+14155559999", "Acme", "available", "", "", ""],
    ])
    before = acme.snapshot()
    plan = acme.inv.plan_import("numbers", table)
    found = {(line, column) for line, column, _ in plan.problems}
    assert found == {(2, "number"), (3, "holder"), (4, "status"), (5, "tag"), (6, "assignee"),
                     (7, "until"), (8, "number"), (9, "number"), (10, "number")}
    texts = " | ".join(p for _, _, p in plan.problems)
    for words in ["there is no org at 'Acme / Nowhere'", "unknown status 'sold'",
                  "a reserved number needs a tag", "an available number has no user",
                  "'soon' is not a date", "listed again (first on line 7)",
                  "is assigned now", "+1 415-555-9999 is not in any series"]:
        assert words in texts
    acme.refused(lambda: acme.inv.apply_import("numbers", table, actor="ann"), InvalidInput,
                 "9 problems", "nothing was imported")
    assert acme.snapshot() == before


def test_a_hundred_thousand_numbers_import_in_well_under_a_minute(acme, record_property):
    acme.inv.add_range(acme.us415.id, "+14155600000", "+14155699999", actor="ann")
    rows = [[f"+1415560{k:04d}" if k < 10000 else f"+141556{k:05d}", "Acme / Sales",
             "registered", "", f"user{k}@acme.example", ""] for k in range(100_000)]
    started = time.monotonic()
    plan = acme.inv.apply_import("numbers", numbers_csv(rows), actor="ann")
    elapsed = time.monotonic() - started
    record_property("import", f"100,000 numbers in {elapsed:.1f} s")  # a figure, not a bound
    assert plan.rows == 100_000
    assert acme.inv.utilization(acme.sales.id)["registered"] == 100_000
    assert acme.inv.check() == []


def test_an_export_of_numbers_imports_into_a_fresh_copy_as_it_was(acme, acme_template, tmp_path):
    inv = acme.inv
    inv.allocate(acme.us415.id, 20, acme.sales.id, actor="ann")
    inv.allocate(acme.us415.id, 5, acme.west.id, actor="ann")
    odd = inv.create_tag("=Night line", "role", actor="ann")
    inv.reserve(n(10), odd.id, actor="ann")
    inv.assign(n(0), "-ada@acme.example", acme.west.id, actor="ann")
    inv.register(n(0), actor="ann")
    data = export.encode(export.table(inv, "numbers", acme.sales.id), "csv")

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(acme_template.path, copy)
    with Inventory.open(str(copy)) as fresh:
        plan = fresh.apply_import("numbers", data, actor="ann")
        assert plan.rows == 20
        assert number_states(fresh, acme.sales.id) == number_states(inv, acme.sales.id)
        assert fresh.tags().set_index("name").loc["=Night line", "kind"] == "role"
