"""Fixtures of the integration tests; the builders behind them are in builders.py."""

import shutil

import pytest

from numcore import Inventory
from tests.integration.builders import FakeClock, build_acme, open_acme


@pytest.fixture(scope="session")
def acme_template(tmp_path_factory):
    """The Acme inventory of builders.py, built once and closed; tests work on copies of it."""
    built = build_acme(tmp_path_factory.mktemp("template") / "acme.duckdb")
    built.inv.close()
    return built


@pytest.fixture
def acme(acme_template, tmp_path):
    """The Acme inventory of builders.py on a fresh DuckDB file of this test's own."""
    path = tmp_path / "numbers.duckdb"
    shutil.copyfile(acme_template.path, path)
    world = open_acme(path, like=acme_template)
    yield world
    world.inv.close()


@pytest.fixture
def empty(tmp_path):
    """An inventory file with nothing in it yet, and a hand-moved clock."""
    clock = FakeClock()
    inv = Inventory.open(str(tmp_path / "empty.duckdb"), clock=clock)
    yield inv
    inv.close()
