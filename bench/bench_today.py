"""Time 今日工作 (services.workbench.todays_work: the window's first page, read at every start) on a big demo
district, for each role, on SQLite and PostgreSQL, with the time of each list it asks.

    python bench/bench_today.py                          # 100,000 households on both databases
    python bench/bench_today.py --households 20000 --no-pg

The demo district is made once per size and kept (/tmp/bench/today-N.sqlite3, database relief_bench_today_N).
PostgreSQL: ``--pg-url`` names a server and a maintenance database. Figures are medians of several runs.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.services import auth, demo, workbench  # noqa: E402
from desktop.services.database import Database, open_and_migrate  # noqa: E402

BENCH_DIR = Path("/tmp/bench")
USERS = ("admin", "reviewer", "caseworker", "worker")
RUNS = 5
SPENT: dict[str, list[float]] = defaultdict(list)  # the time of each list asked, per call (ms)


def _district(url: str, households: int) -> Database:
    db = open_and_migrate(url)[0]
    if not auth.has_users(db):
        started = time.perf_counter()
        print(f"  making a demo district of {households:,} households…", flush=True)
        demo.build_demo(db, households=households, seed=1)
        print(f"  made in {time.perf_counter() - started:.0f} s", flush=True)
    return db


def _pg_url(server: str, households: int) -> str:
    name = f"relief_bench_today_{households}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _timing_calls() -> None:
    """Each service function todays_work asks, timed into SPENT (once: the wrappers stay for the next database)."""
    for module in (workbench.applications, workbench.clues, workbench.monitoring, workbench.referrals,
                   workbench.calendar):
        for name in ("deadlines", "awaiting_acceptance", "refusals_to_serve", "post_check_queue", "monthly_assistance",
                     "unrecorded_months", "count_clues", "visit_counts", "referral_counts", "year_info"):
            fn = getattr(module, name, None)
            if fn is None or getattr(fn, "_timed", False):
                continue

            def wrapped(*args: Any, _fn: Callable = fn, _name: str = name, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return _fn(*args, **kwargs)
                finally:
                    SPENT[_name].append((time.perf_counter() - started) * 1000)

            wrapped._timed = True  # type: ignore[attr-defined]
            functools.update_wrapper(wrapped, fn)
            setattr(module, name, wrapped)


def run(label: str, db: Database) -> None:
    _timing_calls()
    print(f"{label}:")
    for user in USERS:
        actor = auth.login(db, user, user + "123")
        SPENT.clear()
        times = []
        work = None
        for _ in range(RUNS):
            started = time.perf_counter()
            work = workbench.todays_work(db, actor)
            times.append((time.perf_counter() - started) * 1000)
        assert work is not None
        calls = ", ".join(f"{name} {statistics.median(ms):.0f}" for name, ms in
                          sorted(SPENT.items(), key=lambda kv: -sum(kv[1])) if statistics.median(ms) >= 5)
        print(f"  {user:<11} {work.scope:<6} {statistics.median(times):7.0f} ms  (slowest lists, ms per call: {calls})")
    print("  figures (admin): " + "; ".join(f"{i.label} {i.count:,}" + (f"/逾期 {i.late:,}" if i.late else "")
                                          for i in workbench.todays_work(db, auth.login(db, "admin", "admin123")).items
                                          if i.key != "calendar"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if not args.no_sqlite:
        db = _district(f"sqlite:///{BENCH_DIR / f'today-{args.households}.sqlite3'}", args.households)
        run(f"SQLite, {args.households:,} households", db)
        db.dispose()
    if not args.no_pg:
        db = _district(_pg_url(args.pg_url, args.households), args.households)
        run(f"PostgreSQL, {args.households:,} households", db)
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
