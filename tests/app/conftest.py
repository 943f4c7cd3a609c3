"""AppTest fixtures: the demo inventory is seeded once per session, and every test drives the app
on its own copy of that file."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from numcore import Inventory
from numcore.seed import seed

from app_helpers import APP


@pytest.fixture(autouse=True)
def main_module_kept(monkeypatch):
    """AppTest runs app.py as ``sys.modules["__main__"]`` and leaves it there; put pytest's back
    after each test, or a later multiprocessing child (the crash test's) would run app.py."""
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])


@pytest.fixture
def navigation_mode(monkeypatch):
    """Keep AppTest in st.navigation's mode, as the server stays once app.py has run.

    AppTest resets PagesManager.uses_pages_directory before every run, so with a folder named
    pages/ each run after the first starts in the legacy mode and runs the last page's file
    alone. The app leaves that mode by rerunning (ui.page.through_app_py), but a rerun drops the
    button click that the run carried; here the mode is left before the run instead.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo inventory, seeded once (about 40 s) and only ever copied."""
    path = tmp_path_factory.mktemp("seed") / "demo.duckdb"
    with Inventory.open(path) as inv:
        seed(inv)
    return path


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch) -> Path:
    """This test's own copy of the demo inventory, the one the app opens (NUMBERS_DB)."""
    path = tmp_path / "numbers.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("NUMBERS_DB", str(path))
    yield path
    st.cache_resource.clear()  # closes the app's Inventory on this file


@pytest.fixture
def empty_db(tmp_path, monkeypatch) -> Path:
    """A path for a new, empty inventory, the one the app opens (NUMBERS_DB)."""
    path = tmp_path / "empty.duckdb"
    monkeypatch.setenv("NUMBERS_DB", str(path))
    yield path
    st.cache_resource.clear()


@pytest.fixture
def inv(db) -> Inventory:
    """The inventory the app works on, to check what the commands did (same connection)."""
    with Inventory.open(db) as inventory:
        yield inventory


@pytest.fixture
def app_as(db, monkeypatch, navigation_mode):
    """Start the app as a given user (the local mode's NUMBERS_USER), run once on the Dashboard."""

    def start(user: str) -> AppTest:
        monkeypatch.setenv("NUMBERS_USER", user)
        return AppTest.from_file(str(APP), default_timeout=30).run()

    return start


@pytest.fixture
def app(app_as) -> AppTest:
    """The app as the admin, run once on the Dashboard."""
    return app_as("admin")


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """The files the screens offer for download, by file name, as functions that return their
    bytes. AppTest cannot click a download button, so each file is kept as its button hands it
    to Streamlit: the bytes, or the callable that makes them when clicked (ui.exports)."""
    offered = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def keep(self, data, mimetype, coordinates, file_name=None, **options):
        offered[file_name] = lambda: data.encode() if isinstance(data, str) else data
        return add(self, data, mimetype, coordinates, file_name, **options)

    def keep_deferred(self, make, mimetype, coordinates, file_name=None, **options):
        offered[file_name] = make
        return add_deferred(self, make, mimetype, coordinates, file_name, **options)

    monkeypatch.setattr(MediaFileManager, "add", keep)
    monkeypatch.setattr(MediaFileManager, "add_deferred", keep_deferred)
    return offered
