"""Browser tests: the real app served by `streamlit run`, driven in Debian's Chromium.

Servers run on copies of the demo inventory (seeded once per session): start_app gives a
test its own, shared_app gives a module one.
A missing browser is a failure with instructions, never a skip (scripts/ensure-chromium
installs it when `make test` runs as root on Debian).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from numcore import Inventory
from numcore.seed import seed

from .screens import SCREENSHOTS, TIMEOUT_MS, VIEWPORT

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on a free port against one database file; stopped by its PID."""

    def __init__(self, db: Path, env: dict[str, str] | None = None, port: int | None = None):
        self.db = db
        self.port = port or free_port()  # a port given when a setting names it (redirect_uri)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = db.with_suffix(".server.log")
        command = [sys.executable, "-m", "streamlit", "run", "app.py",
                   "--server.headless", "true", "--server.address", "127.0.0.1",
                   "--server.port", str(self.port), "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none"]
        environment = {**os.environ, "NUMBERS_DB": str(db), **(env or {})}
        self._log = open(self.log, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return
            except OSError:
                time.sleep(0.3)  # polling a process that is starting: nothing to wait_for
        raise RuntimeError(f"streamlit did not answer on {self.url}:\n{self.log.read_text()}")

    def snapshot(self) -> Inventory:
        """The inventory as the server has committed it, read from a copy of its files.

        DuckDB lets one process hold the file, so tests read a copy of the database and its
        write-ahead log, taken while the app is idle (every commit is in the log by then).
        """
        copy = self.db.with_name(f"{self.db.stem}-snapshot-{time.monotonic_ns()}.duckdb")
        shutil.copyfile(self.db, copy)
        wal = Path(f"{self.db}.wal")
        if wal.exists():
            shutil.copyfile(wal, f"{copy}.wal")
        return Inventory.open(str(copy))

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo inventory, seeded once; tests copy it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Inventory.open(str(path)) as inv:
        seed(inv)
    return path


@pytest.fixture
def fresh_db(demo_db, tmp_path) -> Path:
    """This test's own copy of the demo inventory; change it through numcore before
    start_app() to set a scene (the server then holds the file)."""
    path = tmp_path / "numbers.duckdb"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def start_app(fresh_db) -> Iterator:
    """start_app(env=None) -> a running AppServer on fresh_db; stopped after the test."""
    servers: list[AppServer] = []

    def start(env: dict[str, str] | None = None) -> AppServer:
        servers.append(AppServer(fresh_db, env))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="module")
def shared_app(demo_db, tmp_path_factory) -> Iterator[AppServer]:
    """One server for a whole module, on its own copy of the demo inventory: for tests that
    change different orgs and series, and compare numcore before and after within the test."""
    db = tmp_path_factory.mktemp("shared") / "numbers.duckdb"
    shutil.copyfile(demo_db, db)
    server = AppServer(db)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: run `make test` as root on "
                    "Debian (it installs it), or `sudo apt-get install chromium`, or set "
                    "CHROMIUM=/path/to/chromium.")
    for old in SCREENSHOTS.glob("failed-*.png"):
        old.unlink()  # from an earlier run

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def pytest_collection_modifyitems(items):
    """Every test here is marked e2e: `pytest -m "not e2e"` runs the others alone."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.failed = getattr(item, "failed", False) or report.failed
    return report


@pytest.fixture
def new_page(browser, request):
    """new_page(**context_options) -> a page in its own browser context (its own user
    session) at 1280x800. When the test fails, each page is saved as
    screenshots/failed-<test>-<n>.png, to see what the user saw."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(viewport=VIEWPORT, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for n, context in enumerate(contexts, 1):
        if getattr(request.node, "failed", False):
            SCREENSHOTS.mkdir(exist_ok=True)
            for page in context.pages:
                page.screenshot(path=SCREENSHOTS / f"failed-{request.node.name}-{n}.png")
        context.close()
