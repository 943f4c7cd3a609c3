"""How many numbers each (holder, series, status) has, kept in memory.

Recounted from the numbers table when the database opens, then kept current by applying the
changes of each committed command, so dashboards never recount millions of rows. Only this
process writes the file (DuckDB allows one), so the counts cannot drift; check() still proves
them equal to a recount.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

Key = tuple[int, int, str]  # (holder_id, series_id, status)


class Counts:
    def __init__(self, rows: Iterable[tuple[int, int, str, int]]):
        self._lock = threading.Lock()
        self._by_holder: dict[int, dict[tuple[int, str], int]] = {}
        self.apply({(h, s, st): n for h, s, st, n in rows})

    def apply(self, deltas: dict[Key, int]) -> None:
        """Add committed changes."""
        with self._lock:
            for (holder, series, status), delta in deltas.items():
                cells = self._by_holder.setdefault(holder, {})
                n = cells.get((series, status), 0) + delta
                if n:
                    cells[(series, status)] = n
                else:
                    cells.pop((series, status), None)

    def rows(self, holders: Iterable[int] | None = None) -> list[tuple[int, int, str, int]]:
        """(holder, series, status, n) with n != 0, for some holders or all."""
        with self._lock:
            chosen = list(self._by_holder) if holders is None else holders
            return [(h, s, st, n) for h in chosen
                    for (s, st), n in self._by_holder.get(h, {}).items()]

    def of(self, holder: int, series: int, status: str) -> int:
        with self._lock:
            return self._by_holder.get(holder, {}).get((series, status), 0)

    def held_by(self, holder: int) -> int:
        with self._lock:
            return sum(self._by_holder.get(holder, {}).values())

    def differences(self, recount: Iterable[tuple[int, int, str, int]]) -> list[str]:
        """Where these counts differ from a recount, as 'holder/series/status: kept k, counted n'."""
        kept = {(h, s, st): n for h, s, st, n in self.rows()}
        counted = {(h, s, st): n for h, s, st, n in recount}
        return [f"{h}/{s}/{st}: kept {kept.get((h, s, st), 0)}, counted {counted.get((h, s, st), 0)}"
                for h, s, st in sorted(kept.keys() | counted.keys())
                if kept.get((h, s, st), 0) != counted.get((h, s, st), 0)]
