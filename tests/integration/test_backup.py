"""Issue 7.8: backup, destroy, restore: check() is clean and every number is back where it was."""

import subprocess
import sys
from pathlib import Path

import pytest

from numcore import Inventory, InvalidState, NumcoreError, PermissionDenied
from numcore.backup import restore
from tests.integration.builders import n, number_states

ROOT = Path(__file__).resolve().parents[2]


def lived_in(acme):
    inv = acme.inv
    inv.allocate(acme.us415.id, 30, acme.sales.id, actor="ann")
    inv.allocate(acme.us415.id, 10, acme.west.id, actor="mia")
    inv.reserve(n(50), acme.lee.id, to_org_id=acme.support.id, actor="ann")
    inv.assign(n(0), "ada", acme.west.id, actor="mia")
    inv.register(n(0), actor="mia")


def test_backup_destroy_restore_brings_every_number_back(acme, tmp_path):
    lived_in(acme)
    before = number_states(acme.inv, acme.root.id)
    events = acme.inv.event_count()
    acme.inv.backup(tmp_path / "monday", actor="ann")
    acme.inv.allocate(acme.us415.id, 5, acme.support.id, actor="ann")  # after the backup
    acme.inv.close()
    Path(acme.path).write_bytes(b"destroyed")
    Path(acme.path + ".wal").unlink(missing_ok=True)

    restore(tmp_path / "monday", acme.path, actor="ann")

    with Inventory.open(acme.path) as inv:
        assert inv.check() == []
        assert number_states(inv, acme.root.id) == before
        assert inv.event_count() == events + 1
        assert inv.history(limit=1)["action"].tolist() == ["restore"]


def test_a_folder_holds_one_backup(acme, tmp_path):
    acme.inv.backup(tmp_path / "b", actor="ann")
    with pytest.raises(InvalidState, match="already holds a backup"):
        acme.inv.backup(tmp_path / "b", actor="ann")


def test_only_admins_take_backups(acme, tmp_path):
    with pytest.raises(PermissionDenied, match="mia manages only Acme / Sales"):
        acme.inv.backup(tmp_path / "b", actor="mia")
    assert not (tmp_path / "b").exists()


def test_restore_refuses_while_another_process_holds_the_inventory(acme, tmp_path):
    acme.inv.backup(tmp_path / "b", actor="ann")
    # This process holds the file (as the app would); restore must not pull it away.
    code = ("import sys; from numcore.backup import restore; "
            f"restore({str(tmp_path / 'b')!r}, {acme.path!r}, actor='ann')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert "is open in another process" in done.stderr
    assert acme.inv.check() == []


def test_restore_from_a_folder_without_a_backup_says_so(tmp_path):
    with pytest.raises(NumcoreError, match="There is no backup in"):
        restore(tmp_path / "nothing", tmp_path / "x.duckdb", actor="ann")


def test_cli_backup_and_restore(acme, tmp_path):
    lived_in(acme)
    before = number_states(acme.inv, acme.root.id)
    acme.inv.close()
    cli = [sys.executable, "-m", "numcore", "--db", acme.path]
    made = subprocess.run([*cli, "backup", str(tmp_path / "b"), "--actor", "ann"], cwd=ROOT,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    with Inventory.open(acme.path) as inv:
        inv.allocate(acme.us415.id, 5, acme.support.id, actor="ann")
    back = subprocess.run([*cli, "restore", str(tmp_path / "b"), "--actor", "ann"], cwd=ROOT,
                          capture_output=True, text=True)
    assert back.returncode == 0, back.stderr
    assert "check() passed" in back.stdout
    with Inventory.open(acme.path) as inv:
        assert number_states(inv, acme.root.id) == before
