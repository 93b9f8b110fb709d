"""Time the demo generator (``relief-desk demo``) on SQLite and PostgreSQL and print rows/s.

    python bench/bench_demo.py                       # 100,000 households on both databases
    python bench/bench_demo.py --million             # also 1,000,000 (kept for other benchmarks:
                                                     #   /tmp/bench/demo-1m.sqlite3 and database relief_bench_1m)
    python bench/bench_demo.py --sizes 20000 --no-pg

PostgreSQL: ``--pg-url`` names a server and a maintenance database (default
postgresql://postgres@127.0.0.1:5432/postgres); each run (re)creates its own database there.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.services import demo  # noqa: E402
from desktop.services.database import open_and_migrate  # noqa: E402
from desktop.services.progress import Progress  # noqa: E402

BENCH_DIR = Path("/tmp/bench")


def _progress(total: int, started: float) -> Progress:
    step = max(demo.CHUNK, total // 10)
    last = [0]

    def report(done: int, _total: int, note: str) -> None:
        if done - last[0] >= step or done == total:
            last[0] = done
            print(f"    {done:>9,} / {total:,} households  {note}  {time.perf_counter() - started:7.1f} s", flush=True)

    return Progress(report)


def _report(kind: str, households: int, result: demo.DemoResult, cpu: float, size: str) -> None:
    rows = result.total_rows
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  {kind:<10} {households:>9,} households  {rows:>11,} rows  {result.seconds:8.1f} s  "
          f"{rows / result.seconds:>9,.0f} rows/s  {households / result.seconds:>7,.0f} households/s  "
          f"(this process: {cpu:.0f} s CPU; load average {load})  {size}", flush=True)


def bench_sqlite(households: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db, _ = open_and_migrate(f"sqlite:///{path}")
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result = demo.build_demo(db, households=households, seed=1, progress=_progress(households, started))
        cpu = time.process_time() - cpu
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    _report("SQLite", households, result, cpu, f"{path.stat().st_size / 2**20:,.0f} MiB  {path}")


def bench_postgresql(households: int, admin_url: str, name: str) -> None:
    admin = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    db, _ = open_and_migrate(url)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result = demo.build_demo(db, households=households, seed=1, progress=_progress(households, started))
        cpu = time.process_time() - cpu
        with db.engine.connect() as conn:
            size = conn.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar_one()
    finally:
        db.dispose()
    _report("PostgreSQL", households, result, cpu, f"{size}  database {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--million", action="store_true", help="also build 1,000,000 households")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    sizes = list(args.sizes) + ([1_000_000] if args.million else [])
    print("relief-desk demo generator (one transaction per build; executemany on SQLite, COPY on PostgreSQL)")
    for n in sizes:
        tag = "1m" if n == 1_000_000 else f"{n // 1000}k" if n % 1000 == 0 else str(n)
        if not args.no_sqlite:
            bench_sqlite(n, BENCH_DIR / f"demo-{tag}.sqlite3")
        if not args.no_pg:
            bench_postgresql(n, args.pg_url, f"relief_bench_{tag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
