"""Clue inbox queries at scale: first page, next page and the status counts, for a district
administrator and a community worker, over N clues (bulk-inserted).

    python bench/bench_clue_inbox.py [--clues 200000] [--database-url URL]

Prints milliseconds per call (median of 5). The URL must name an empty, throwaway database.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from desktop.models import Clue  # noqa: E402
from desktop.models.base import now_utc  # noqa: E402
from desktop.rules import idcard  # noqa: E402
from desktop.rules.codes import Role  # noqa: E402
from desktop.services import clues  # noqa: E402
from desktop.services.database import migrate, open_database  # noqa: E402
from tests.district import build_district  # noqa: E402


def timed(fn) -> float:  # noqa: ANN001
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clues", type=int, default=200_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    db = open_database(url)
    migrate(db)
    d = build_district(db)
    regions = [None, *(d.regions[n] for n in ("八泉社区", "飞云社区", "闸口社区", "道仕袱村", "河口镇"))]
    statuses = ("new", "assigned", "investigating", "closed")
    now = now_utc()
    start = time.perf_counter()
    with db.engine.begin() as conn:
        batch = []
        for i in range(args.clues):
            region = regions[i % len(regions)]
            batch.append(dict(person_name=f"人{i}", id_number=idcard.make("420203", date(1950, 1, 1) + timedelta(days=i % 20000), i % 1000),
                              source_level="department", source="hrss", channel="screening",
                              reported_on=date(2026, 1, 1) + timedelta(days=i % 300), reported_by="人社",
                              description="", status="new" if region is None else statuses[1 + i % 3],
                              region_id=region, version=1, created_at=now, updated_at=now))
            if len(batch) == 5000:
                conn.execute(insert(Clue), batch)
                batch = []
        if batch:
            conn.execute(insert(Clue), batch)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    print(f"{db.engine.dialect.name}: inserted {args.clues:,} clues in {time.perf_counter() - start:.1f} s")
    for label, actor in (("admin", d.admin), ("community worker", d.actor(Role.COMMUNITY_WORKER))):
        first = clues.list_clues(db, actor)
        print(f"  {label:17s} first page {timed(lambda a=actor: clues.list_clues(db, a)):7.1f} ms, "
              f"next page {timed(lambda a=actor, f=first: clues.list_clues(db, a, before_id=f[-1].id)):7.1f} ms, "
              f"counts {timed(lambda a=actor: clues.count_clues(db, a)):7.1f} ms, "
              f"open only {timed(lambda a=actor: clues.list_clues(db, a, clues.ClueFilter(statuses=('new', 'assigned')))):7.1f} ms, "
              f"name search {timed(lambda a=actor: clues.list_clues(db, a, clues.ClueFilter(text='人1999'))):7.1f} ms")
    db.dispose()


if __name__ == "__main__":
    main()
