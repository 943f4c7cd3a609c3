"""Backups: a consistent copy of the whole inventory in one DuckDB file, and restoring it.

A backup is taken by the process that holds the database (the app's Admin page, or the CLI
when the app is stopped): while it copies, no command can commit, so the copy is one moment.
Restoring builds the new file beside the old one, checks it, and only then takes its place.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from . import store
from .errors import InvalidState, NotFound, NumcoreError
from .transaction import Tx, _open_error, command

BACKUP_FILE = "inventory.duckdb"
MANIFEST_FILE = "manifest.json"


class Backups:
    """``backup`` into a folder; ``restore`` (a function: the inventory must be closed)."""

    def backup(self, folder: str | Path, *, actor: str) -> Path:
        """Copy the whole inventory into ``folder`` (which must hold no backup yet)."""
        self._db.catalog.access.require_admin(actor, "taking backups")
        folder = Path(folder)
        target = folder / BACKUP_FILE
        if target.exists():
            raise InvalidState(f"{folder} already holds a backup; choose a new folder.")
        folder.mkdir(parents=True, exist_ok=True)
        with self._db.write_lock:
            cur = self._db.con.cursor()
            try:
                store.copy_database(cur, str(target))
                numbers, events = store.totals(cur)
            except duckdb.Error as error:
                target.unlink(missing_ok=True)
                raise NumcoreError(f"The backup into {folder} failed: {error}") from None
            finally:
                cur.close()
        manifest = {"taken_at": self._clock().isoformat(timespec="seconds"), "by": actor,
                    "source": str(Path(self.path).resolve()), "numbers": numbers,
                    "events": events}
        (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        return target

    @command
    def _record_restore(self, tx: Tx, folder: str, manifest: dict) -> None:
        tx.catalog.access.require_admin(tx.actor, "restoring backups")
        tx.record("restore", after={"from": folder, "taken_at": manifest.get("taken_at")})


def restore(folder: str | Path, path: str | Path, *, actor: str) -> Path:
    """Replace the inventory at ``path`` by the backup in ``folder``, after check() passes on
    it. The old file is kept beside it as ``<path>.before-restore-<time>``; returns that name
    (or ``path`` when there was no old file)."""
    from .inventory import Inventory

    folder, path = Path(folder), Path(path)
    source = folder / BACKUP_FILE
    if not source.exists():
        raise NotFound(f"There is no backup in {folder} (no {BACKUP_FILE}).")
    manifest_file = folder / MANIFEST_FILE
    manifest = json.loads(manifest_file.read_text()) if manifest_file.exists() else {}
    if path.exists():
        _refuse_if_open(path)
    staging = path.with_name(path.name + ".restoring")
    for stale in (staging, staging.with_name(staging.name + ".wal")):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, staging)
    with Inventory.open(str(staging)) as inv:
        problems = inv.check()
        if problems:
            raise InvalidState(f"The backup in {folder} is unsound, so nothing was restored: "
                               + "; ".join(problems))
        inv._record_restore(str(folder), manifest, actor=actor)
    kept = path
    if path.exists():
        kept = path.with_name(f"{path.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
        os.replace(path, kept)
        wal = path.with_name(path.name + ".wal")
        if wal.exists():
            os.replace(wal, kept.with_name(kept.name + ".wal"))
    os.replace(staging, path)
    return kept


def _refuse_if_open(path: Path) -> None:
    """DuckDB allows one process per file: if another holds it, it must be stopped first.
    A file that is not a database any more (the reason to restore) may be replaced."""
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise _open_error(str(path), error) from None
