"""``python -m bench``: build the synthetic inventory at each size on numcore and on the SQLite
baseline, time every operation, measure the app on the largest numcore inventory, and write
the table (Markdown, and the raw results as JSON beside it).

Each measurement runs in a process of its own (bench.worker), so its peak RSS is its own and a
DuckDB file is never open in two processes.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

from . import report
from .engines import ENGINES

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = {"numcore": ".duckdb", "sqlite": ".sqlite"}
SIDE_FILES = (".wal", "-wal", "-shm", "-journal")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    engines = [e for e in args.engines.split(",") if e]
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    command = " ".join(["python -m bench", *map(shlex.quote, argv or sys.argv[1:])])
    results: dict = {"load average": {"start": os.getloadavg()[0]}}
    started = time.monotonic()

    def save() -> None:
        out.with_suffix(".json").write_text(json.dumps(results, indent=1))

    for size in sizes:
        results[str(size)] = {}
        for engine in engines:
            db = workdir / f"{engine}-{size}{SUFFIX[engine]}"
            entry = results[str(size)][engine] = {"loads": []}
            for run in range(args.load_runs or args.runs):
                _remove(db)
                _say(started, f"{engine} {size:,}: load {run + 1}")
                entry["loads"].append(_worker("load", engine, size, db))
                save()
            entry["loads"] = [r for r in entry["loads"] if "error" not in r] or entry["loads"]
            _say(started, f"{engine} {size:,}: operations x{args.runs}")
            entry["operations"] = _worker("ops", engine, size, db, args.runs)
            save()
    if args.app and "numcore" in engines:
        db = workdir / f"numcore-{sizes[-1]}{SUFFIX['numcore']}"
        _say(started, "app: each page in AppTest")
        results["app"] = {"pages": _worker("pages", db, args.runs)}
        _say(started, "app: Streamlit server and Chromium")
        results["app"]["server"] = _worker("server", db)
        save()
    results["load average"]["end"] = os.getloadavg()[0]
    save()
    text = report.document(results, args.runs, command)
    out.write_text(text)
    print(text)
    _say(started, f"written to {out} and {out.with_suffix('.json')}")
    return 0


def _worker(*args) -> dict:
    """Run one measurement in a new process; its JSON, or what went wrong."""
    done = subprocess.run([sys.executable, "-m", "bench.worker", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        error = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        print(f"  failed: {error}", file=sys.stderr)
        return {"error": error}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _remove(db: Path) -> None:
    for path in [db, *(Path(f"{db}{side}") for side in SIDE_FILES)]:
        path.unlink(missing_ok=True)


def _say(started: float, what: str) -> None:
    print(f"[{time.monotonic() - started:7.1f} s] {what}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000000,10000000",
                        help="inventory sizes, comma-separated (default 1000000,10000000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each operation (default 5)")
    parser.add_argument("--load-runs", type=int, default=0,
                        help="loads per size and engine (default: --runs)")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="numcore, sqlite or both (default both)")
    parser.add_argument("--no-app", dest="app", action="store_false",
                        help="skip the AppTest page timings and the Streamlit server")
    parser.add_argument("--out", default="bench/results/latest.md",
                        help="the Markdown table (default bench/results/latest.md)")
    parser.add_argument("--workdir", default="bench/results/db",
                        help="where the inventories are built (default bench/results/db)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
