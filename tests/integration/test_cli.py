"""`python -m numcore`: seed, check (exit 1 with the problems), report (table and JSON), grant,
import and export, as an operator runs them from a shell."""

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli(db, *args):
    return subprocess.run([sys.executable, "-m", "numcore", "--db", str(db), *args], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    done = cli(db, "seed")
    assert done.returncode == 0, done.stderr
    assert "Seeded 17 orgs, 6 series" in done.stdout
    return db


def test_seed_refuses_a_file_that_holds_an_inventory(seeded):
    again = cli(seeded, "seed")
    assert again.returncode == 2
    assert "already holds an inventory" in again.stderr


def test_check_passes_on_the_demo_and_fails_with_the_problems_when_unsound(seeded, tmp_path):
    ok = cli(seeded, "check")
    assert (ok.returncode, ok.stdout.strip()) == (0, f"{seeded} is sound.")
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(seeded.read_bytes())
    with duckdb.connect(str(broken)) as con:  # behind numcore's back
        con.execute("UPDATE numbers SET status = 'reserved' WHERE num = 14155550042")
    bad = cli(broken, "check")
    assert bad.returncode == 1
    assert "status does not fit its tag, assignee or time limit: +14155550042 (reserved)" \
        in bad.stdout


def test_report_shows_utilization_per_org_as_a_table_and_as_json(seeded):
    table = cli(seeded, "report")
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split()[:3] == ["path", "available", "reserved"]
    assert any(line.strip().startswith("Acme / Sales / West") for line in lines)
    as_json = json.loads(cli(seeded, "report", "--org", "acme / sales", "--json").stdout)
    assert as_json[0]["path"] == "Acme / Sales"
    assert as_json[0]["total"] == sum(as_json[0][k] for k in (
        "available", "reserved", "assigned", "registered", "aging", "allocated_to_suborgs"))
    assert {row["path"] for row in as_json} >= {"Acme / Sales / West", "Acme / Sales / East"}


def test_the_first_admin_is_made_from_a_shell(tmp_path):
    db = tmp_path / "new.duckdb"
    made = cli(db, "grant", "ops@acme.example", "admin", "--actor", "ops@acme.example")
    assert made.returncode == 0
    listed = cli(db, "grants").stdout
    assert "ops@acme.example" in listed and "whole tree" in listed
    stranger = cli(db, "grant", "eve", "admin", "--actor", "eve")
    assert stranger.returncode == 2
    assert "eve has no access" in stranger.stderr


def test_import_is_a_dry_run_unless_applied(tmp_path):
    db = tmp_path / "i.duckdb"
    cli(db, "grant", "ann", "admin", "--actor", "ann")
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("path\nAcme\nAcme / Sales\nAcme / Sales\n")
    dry = cli(db, "import", "orgs", str(orgs))
    assert dry.returncode == 1
    assert "line 4, column path: Acme / Sales is listed again" in dry.stderr
    orgs.write_text("path\nAcme\nAcme / Sales\n")
    assert "Add --apply" in cli(db, "import", "orgs", str(orgs)).stdout
    applied = cli(db, "import", "orgs", str(orgs), "--apply", "--actor", "ann")
    assert applied.returncode == 0, applied.stderr
    assert "Acme / Sales" in cli(db, "report").stdout


def test_export_writes_the_table_of_an_org(seeded, tmp_path):
    out = tmp_path / "west.csv"
    done = cli(seeded, "export", "numbers", "--org", "Acme / Sales / West", "--out", str(out))
    assert done.returncode == 0, done.stderr
    header, first, *_ = out.read_text().splitlines()
    assert header.startswith("e164,series,holder,status,tag")
    assert first.startswith("+1415555")
