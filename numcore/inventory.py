"""The Inventory: the public API of shared/DOMAIN.md D5."""

from __future__ import annotations

from .backup import Backups
from .imports import Imports
from .number_commands import NumberCommands
from .queries import Queries
from .setup_commands import SetupCommands
from .supply import Supply
from .transaction import Clock, Database, utc_now


class Inventory(SetupCommands, NumberCommands, Supply, Imports, Backups, Queries):
    """A number inventory stored in one DuckDB file (or ``":memory:"``).

    Commands take ``actor=`` and run as one transaction each; reads take no actor. Every
    Inventory opened on the same file in a process shares one connection and one write lock.
    """

    def __init__(self, database: Database, clock: Clock = utc_now):
        self._db = database
        self._clock = clock

    @classmethod
    def open(cls, path: str = ":memory:", *, clock: Clock = utc_now) -> "Inventory":
        """Open (creating or migrating the schema) the inventory at ``path``.

        ``clock`` returns the current time as naive UTC; tests pass their own.
        """
        return cls(Database.acquire(str(path)), clock)

    @property
    def path(self) -> str:
        return self._db.path

    @property
    def stats(self) -> dict[str, int]:
        """Commits and retried conflicts of this process on this database."""
        return dict(self._db.stats)

    def close(self) -> None:
        """Let go of the database; the connection closes with its last Inventory."""
        if self._db is not None:
            self._db.release()
            self._db = None

    def __enter__(self) -> "Inventory":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
