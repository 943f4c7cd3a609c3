"""One measurement in a process of its own, so that its peak RSS is its own:
``python -m bench.worker load|ops|pages|server ...`` prints one JSON line."""

from __future__ import annotations

import json
import resource
import sys
import time

from . import synthetic
from .build import build
from .engines import open_engine
from .operations import time_operations


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main(argv: list[str]) -> dict:
    what, *rest = argv
    if what == "load":
        engine, size, db = rest
        return {"phases": build(engine, db, synthetic.plan(int(size))), "peak MB": _peak_mb()}
    if what == "ops":
        engine, size, db, runs = rest
        plan = synthetic.plan(int(size))
        started = time.perf_counter()
        open_engine(engine, db).close()  # numcore recounts its kept counts here
        opened = time.perf_counter() - started
        seconds = time_operations(engine, db, plan, int(runs))
        return {"open s": opened, "seconds": seconds, "peak MB": _peak_mb()}
    from . import app_pages

    if what == "pages":
        db, runs = rest
        return {"pages": app_pages.page_times(db, int(runs)), "peak MB": _peak_mb()}
    if what == "server":
        (db,) = rest
        return app_pages.server_rss(db)
    raise SystemExit(f"unknown measurement {what!r}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
