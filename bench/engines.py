"""The two engines behind one interface: the SQLite baseline's, which numcore is adapted to."""

from __future__ import annotations

import pandas as pd

ACTOR = "admin"  # also the app's default user, so the page timings see everything


class Numcore:
    """numcore's public Inventory API, spoken as bench.sqlite_baseline.Baseline speaks."""

    def __init__(self, path: str):
        from numcore import Inventory

        self.inv = Inventory.open(path)
        if self.inv.grants().empty:
            self.inv.grant(ACTOR, "admin", actor=ACTOR)

    def create_orgs(self, paths: list[str]) -> None:
        self.inv.apply_import("orgs", pd.DataFrame({"path": paths}), actor=ACTOR)

    def create_series(self, series: list[tuple[str, list[tuple[int, int]]]]) -> None:
        """Every series and its ranges in one series import."""
        rows = [(name, f"+{a}", f"+{b}") for name, ranges in series for a, b in ranges]
        self.inv.apply_import("series", pd.DataFrame(rows, columns=["series", "first", "last"]),
                              actor=ACTOR)

    def allocate(self, series_id, quantity, to_org_id, from_org_id=None):
        return self.inv.allocate(series_id, quantity, to_org_id, from_org_id=from_org_id,
                                 actor=ACTOR)

    def allocate_numbers(self, numbers, to_org_id):
        return self.inv.allocate_numbers(numbers, to_org_id, actor=ACTOR)

    def withdraw(self, org_id, series_id, quantity):
        return self.inv.withdraw(org_id, series_id, quantity, actor=ACTOR)

    def reserve(self, number, tag_id):
        self.inv.reserve(number, tag_id, actor=ACTOR)

    def import_numbers(self, frame: pd.DataFrame) -> None:
        self.inv.apply_import("numbers", frame, actor=ACTOR)

    def search_available(self, org_id, prefix):
        return self.inv.search_available(org_id, prefix=prefix)

    def utilization(self, org_id):
        return self.inv.utilization(org_id)

    def holdings(self, org_id):
        return self.inv.holdings(org_id)

    def history(self, limit):
        return self.inv.history(limit=limit)

    def check(self):
        return self.inv.check()

    def org_ids(self) -> dict[str, int]:
        return {row.path: int(row.id) for row in self.inv.orgs().itertuples()}

    def series_ids(self) -> dict[str, int]:
        return {row.name: int(row.id) for row in self.inv.series().itertuples()}

    def tag_ids(self) -> dict[str, int]:
        return {row.name: int(row.id) for row in self.inv.tags().itertuples()}

    def close(self) -> None:
        self.inv.close()


def open_engine(engine: str, path: str):
    """numcore or the SQLite baseline on ``path``."""
    if engine == "numcore":
        return Numcore(path)
    from .sqlite_baseline import Baseline

    return Baseline(path)


ENGINES = ("numcore", "sqlite")
