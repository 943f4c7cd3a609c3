"""The app on the benchmark's inventory: each page's server-side run time (AppTest) and the
RSS of a real Streamlit server whose pages a headless Chromium visits.

Pages are found in pages/ when the benchmark runs; a page that fails is reported as failed with
its error, and the other pages are still measured.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
        '[data-test-connection-state="CONNECTED"]')


def page_files() -> list[str]:
    return sorted(p.name for p in (ROOT / "pages").glob("*.py"))


def page_times(db: str, runs: int) -> dict:
    """Per page: the seconds of each AppTest run (the first one switches to it), or its error."""
    os.environ["NUMBERS_DB"] = db
    os.chdir(ROOT)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    started = time.perf_counter()
    results = {"first run (opens the inventory)": _run(at, started)}
    for name in page_files():
        seconds, error = [], None
        for _ in range(runs):
            try:
                at.switch_page(f"pages/{name}")
                started = time.perf_counter()
                outcome = _run(at, started)
            except Exception as problem:  # a page being written may break in any way
                outcome = {"error": f"{type(problem).__name__}: {problem}"}
            if "error" in outcome:
                error = outcome["error"]
                break
            seconds += outcome["seconds"]
        results[name] = {"seconds": seconds, "error": error}
    return results


def _run(at, started: float) -> dict:
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        first = at.exception[0]
        return {"error": (getattr(first, "message", "") or str(first)).splitlines()[0][:200]}
    return {"seconds": [elapsed]}


def server_rss(db: str) -> dict:
    """Start ``streamlit run app.py`` on ``db``, load every page (HTTP, then Chromium), and
    report the server's RSS: after start, peak while the pages load, and at the end."""
    import psutil

    port = _free_port()
    env = {**os.environ, "NUMBERS_DB": db}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process = psutil.Process(server.pid)
    base = f"http://127.0.0.1:{port}"
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                peak[0] = max(peak[0], process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.1)

    result: dict = {"pages": {}}
    try:
        _wait_healthy(base, server)
        result["after start MB"] = process.memory_info().rss / 2**20
        threading.Thread(target=sample, daemon=True).start()
        for name in ["", *page_files()]:
            urllib.request.urlopen(f"{base}/{_url_path(name)}", timeout=30).read()
        try:
            result["pages"] = _visit_in_chromium(base)
        except Exception as problem:  # no browser here: the HTTP loads still count
            result["browser error"] = f"{type(problem).__name__}: {problem}"
        time.sleep(1)
        result["peak MB"] = max(peak[0], process.memory_info().rss) / 2**20
        result["end MB"] = process.memory_info().rss / 2**20
    finally:
        done.set()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return result


def _visit_in_chromium(base: str) -> dict:
    """Seconds from navigation to an idle app, per page, or the error the page showed."""
    from playwright.sync_api import sync_playwright

    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name in page_files():
                started = time.perf_counter()
                page.goto(f"{base}/{_url_path(name)}", timeout=120_000)
                page.wait_for_selector('[data-testid="stApp"]', timeout=120_000)
                page.wait_for_selector(IDLE, timeout=120_000)
                errors = page.locator('[data-testid="stException"]').count()
                seen[name] = {"seconds": time.perf_counter() - started,
                              "error": "the page shows an exception" if errors else None}
        finally:
            browser.close()
    return seen


def _url_path(page_file: str) -> str:
    """Streamlit's default URL path of a page file: 'dashboard.py' -> 'dashboard'."""
    return Path(page_file).stem.lstrip("0123456789_-") if page_file else ""


def _wait_healthy(base: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited: {server.stderr.read().decode()[-500:]}")
        try:
            if urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("streamlit did not answer /_stcore/health in time")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def median_ms(seconds: list[float]) -> float | None:
    return statistics.median(seconds) * 1000 if seconds else None
