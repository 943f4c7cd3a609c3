"""Browser tests: the real app served by `streamlit run`, driven in Debian's Chromium.

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

from numcore import Inventory
from numcore.seed import seed

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
        '[data-test-connection-state="CONNECTED"]')
VIEWPORT = {"width": 1280, "height": 800}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on a free port against one database file; stopped by its PID."""

    def __init__(self, db: Path, env: dict[str, str] | None = None):
        self.db = db
        self.port = free_port()
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
        self._wait_healthy()

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
                time.sleep(0.3)
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
    path = tmp_path / "numbers.duckdb"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def start_app(fresh_db) -> Iterator:
    """start_app(env=None) -> a running AppServer on a fresh copy of the demo inventory."""
    servers: list[AppServer] = []

    def start(env: dict[str, str] | None = None, db: Path | None = None) -> AppServer:
        servers.append(AppServer(db or fresh_db, env))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: run `make test` as root on "
                    "Debian (it installs it), or `sudo apt-get install chromium`, or set "
                    "CHROMIUM=/path/to/chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(extra_http_headers=None) -> a page in its own browser context at 1280x800."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(viewport=VIEWPORT, **options)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def wait_idle(page) -> None:
    """Wait until the app has finished its current run (wait for expected content first)."""
    page.wait_for_selector(IDLE)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
