"""The results as a Markdown table: numcore and SQLite side by side, their ratio, the targets."""

from __future__ import annotations

import os
import platform
import statistics
from datetime import datetime, timezone

from .operations import OPERATIONS

# (operation, target on the largest inventory in ms, what it must be against SQLite)
TARGETS = {
    "load": (30_000, "faster"),
    "allocate 10k": (50, "faster"),
    "allocate 100k": (300, "faster"),
    "allocate_numbers 100": (20, "shown"),
    "withdraw 10k": (50, "faster"),
    "reserve one": (10, "shown"),
    "search_available 7-digit prefix": (10, "shown"),
    "utilization(root)": (20, "10x"),
    "holdings(root)": (100, "10x"),
    "check()": (2_000, "-"),
    "history(limit=100)": (None, "-"),
    "open (recount)": (None, "-"),
}
RSS_TARGET_MB = 700
PAGE_TARGET_MS = 500


def machine() -> str:
    import duckdb
    import psutil

    return (f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
            f"DuckDB {duckdb.__version__}, SQLite {__import__('sqlite3').sqlite_version}")


def table(results: dict, runs: int) -> str:
    """``results[size][engine]`` holds the worker outputs; ``results['app']`` the app's."""
    sizes = sorted(int(s) for s in results if s.isdigit())
    largest = sizes[-1]
    head = ["operation"]
    for size in sizes:
        head += [f"numcore {_size(size)}", f"SQLite {_size(size)}", "SQLite / numcore"]
    head += [f"target ({_size(largest)})", "met"]
    lines = [_row(head), _row(["---"] * len(head))]
    for name in ["load", "open (recount)", *OPERATIONS]:
        cells = [name]
        for size in sizes:
            ours, theirs = (_median_ms(results[str(size)].get(e), name)
                            for e in ("numcore", "sqlite"))
            cells += [_ms(ours), _ms(theirs), _ratio(theirs, ours)]
        ours = _median_ms(results[str(largest)].get("numcore"), name)
        theirs = _median_ms(results[str(largest)].get("sqlite"), name)
        limit, versus = TARGETS[name]
        cells += [_target(limit, versus), _met(ours, theirs, limit, versus)]
        lines.append(_row(cells))
    for what in ("load", "operations"):
        cells = [f"peak RSS, {what} process (MB)"]
        for size in sizes:
            ours, theirs = (_peak(results[str(size)].get(e), what) for e in ("numcore", "sqlite"))
            cells += [_mb(ours), _mb(theirs), ""]
        ours = _peak(results[str(largest)].get("numcore"), what)
        cells += [f"<= {RSS_TARGET_MB}", _yes(ours is not None and ours <= RSS_TARGET_MB)]
        lines.append(_row(cells))
    text = "\n".join(lines)
    text += (f"\n\nTimes are medians of {runs} runs in ms, the load too; "
             "`SQLite / numcore` above 1 means numcore is faster. Each load and each set of "
             "operations ran in a process of its own, so each peak RSS is its own.\n")
    if "app" in results:
        text += "\n" + app_table(results["app"], largest)
    return text


def app_table(app: dict, size: int) -> str:
    lines = [f"The app on the {_size(size)} inventory:", "",
             _row(["page", "server-side run, AppTest (ms)", "in Chromium (s)", "met"]),
             _row(["---"] * 4)]
    pages = app.get("pages", {}).get("pages", {})
    browser = app.get("server", {}).get("pages", {})
    for name, result in pages.items():
        if result.get("error"):
            ms, met = f"failed: {result['error']}", "no"
        else:
            median = statistics.median(result["seconds"]) * 1000
            ms, met = f"{median:,.0f}", _yes(median <= PAGE_TARGET_MS)
        if name.startswith("first run"):
            met = "-"
        seen = browser.get(name, {})
        shown = (f"{seen['seconds']:.1f}" + (f" ({seen['error']})" if seen.get("error") else "")
                 if seen else "")
        lines.append(_row([name, ms, shown, met]))
    server = app.get("server", {})
    lines += ["", _row(["Streamlit server RSS (MB)", "after start", "peak while loading pages",
                        "at the end", "met"]), _row(["---"] * 5)]
    if "peak MB" in server:
        lines.append(_row(["", _mb(server["after start MB"]), _mb(server["peak MB"]),
                           _mb(server["end MB"]), _yes(server["peak MB"] <= RSS_TARGET_MB)]))
    for key in ("error", "browser error"):
        if server.get(key):
            lines.append(f"\n{key}: {server[key]}")
    if app.get("pages", {}).get("peak MB"):
        lines.append(f"\nPeak RSS of the AppTest process: {app['pages']['peak MB']:,.0f} MB.")
    return "\n".join(lines) + "\n"


def document(results: dict, runs: int, command: str) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = results.get("load average", {})
    busy = (f"Load average (1 min) at the start {load['start']:.1f}, at the end {load['end']:.1f}"
            " (on 2 cores: other work shared the machine).\n\n" if load else "")
    return (f"# Benchmark results\n\n`{command}` on {when}\n\nMachine: {machine()}\n\n"
            f"{busy}{table(results, runs)}")


def _median_ms(result: dict | None, name: str) -> float | None:
    if not result:
        return None
    if name == "load":
        loads = [run["phases"]["total"] for run in result.get("loads", [])]
        return statistics.median(loads) * 1000 if loads else None
    if name == "open (recount)":
        opened = result.get("operations", {}).get("open s")
        return opened * 1000 if opened is not None else None
    seconds = result.get("operations", {}).get("seconds", {}).get(name)
    return statistics.median(seconds) * 1000 if isinstance(seconds, list) and seconds else None


def _peak(result: dict | None, what: str) -> float | None:
    if not result:
        return None
    if what == "load":
        peaks = [run["peak MB"] for run in result.get("loads", [])]
        return max(peaks) if peaks else None
    return result.get("operations", {}).get("peak MB")


def _met(ours, theirs, limit, versus) -> str:
    if ours is None:
        return "?"
    within = limit is None or ours <= limit
    if versus == "faster":
        within = within and theirs is not None and ours < theirs
    if versus == "10x":
        within = within and theirs is not None and theirs >= 10 * ours
    return _yes(within) if (limit is not None or versus not in ("-", "shown")) else "-"


def _target(limit, versus) -> str:
    shown = "-" if limit is None else f"<= {limit:,} ms"
    return shown + ({"faster": ", faster", "10x": ", >= 10x faster"}.get(versus, ""))


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n:,}"


def _ms(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _mb(value) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _ratio(theirs, ours) -> str:
    if theirs is None or ours is None or ours == 0:
        return "-"
    return f"{theirs / ours:,.1f}x"


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"
