"""Backup on the Admin page: the app holds the database, so it copies it; restore is a shell
command, shown there."""

import json
from pathlib import Path

from app_helpers import button, open_page, texts
from numcore import Inventory
from ui.format import md


def test_back_up_now_writes_a_folder_beside_the_inventory_and_shows_how_to_restore(app, inv, db):
    open_page(app, "admin")
    button(app, "Back up now").click().run()

    [folder] = (db.parent / "backups").iterdir()  # named after the time, UTC
    written = folder / "inventory.duckdb"
    assert texts(app.success) == [md(f"Backed up the inventory to {written}.")]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (manifest["by"], manifest["events"]) == ("admin", inv.event_count())
    assert app.dataframe[-1].value["folder"].tolist() == [str(folder)]  # the backups there
    assert app.code[-1].value == f"python -m numcore --db {db} restore {folder} --actor admin"
    with Inventory.open(written) as copy:
        assert copy.check() == [] and copy.utilization(1) == inv.utilization(1)


def test_a_backup_into_a_folder_that_holds_one_is_refused(app, inv, tmp_path):
    open_page(app, "admin")
    app.text_input(key="admin_backup_folder").input(str(tmp_path / "monday"))
    button(app, "Back up now").click().run()
    assert texts(app.success) == [
        md(f"Backed up the inventory to {tmp_path / 'monday' / 'inventory.duckdb'}.")]
    app.text_input(key="admin_backup_folder").input(str(tmp_path / "monday"))
    button(app, "Back up now").click().run()
    assert texts(app.error) == [
        md(f"{tmp_path / 'monday'} already holds a backup; choose a new folder.")]
    assert Path(tmp_path / "monday" / "inventory.duckdb").exists()
