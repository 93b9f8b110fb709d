"""Time the applications list and the deadlines command with many open applications (SQLite).

    python bench/bench_applications.py                 # 5,000 open applications
    python bench/bench_applications.py --open 20000

Each open application has its "accepted" step row and half of them a completed data check; the
figures are medians of five runs of ``applications.deadlines`` (the list the page and the
``relief-desk deadlines`` command show: next step, step due, procedure due, working days left).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.models import Application, ApplicationStep, Household, Region  # noqa: E402
from desktop.rules.codes import RegionLevel  # noqa: E402
from desktop.services import applications, auth  # noqa: E402
from desktop.services.base import Actor  # noqa: E402
from desktop.services.database import open_and_migrate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=5000)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    db, _ = open_and_migrate(f"sqlite:///{path}")
    system = Actor.system("bench")
    root = auth.ensure_district(db)
    sub = auth.add_region(db, system, parent_id=root, name="八泉街道", code="420203001", level=RegionLevel.SUBDISTRICT)
    community = auth.add_region(db, system, parent_id=sub, name="八泉社区", code="420203001001",
                                level=RegionLevel.COMMUNITY)
    rng = random.Random(7)
    start = date(2026, 9, 1)
    with db.session_factory() as session:
        session.execute(insert(Household), [{"region_id": community, "head_name": f"户{i}", "member_count": 3,
                                             "stage": "applying"} for i in range(args.open)])
        ids = session.execute(select(Household.id).order_by(Household.id)).scalars().all()
        apps = []
        for hid in ids:
            accepted = start + timedelta(days=rng.randrange(0, 110))
            apps.append({"household_id": hid, "category": "dibao", "track": rng.choice(["regular", "commitment"]),
                         "accepted_on": accepted, "due_on": accepted + timedelta(days=42), "step": "accepted",
                         "status": "open"})
        session.execute(insert(Application), apps)
        rows = session.execute(select(Application.id, Application.accepted_on)).all()
        steps = [{"application_id": a, "step": "accepted", "started_on": d, "completed_on": d, "result": "accepted",
                  "data": {}} for a, d in rows]
        steps += [{"application_id": a, "step": "check", "started_on": d, "completed_on": d + timedelta(days=1),
                   "result": "passed", "data": {}} for a, d in rows[::2]]
        session.execute(insert(ApplicationStep), steps)
        session.commit()
    _ = Region
    times = []
    n = 0
    for _run in range(5):
        t0 = time.perf_counter()
        n = len(applications.deadlines(db, system, as_of=date(2026, 12, 21)))
        times.append(time.perf_counter() - t0)
    print(f"deadlines (SQLite): {n} open applications listed with due dates and working days left: "
          f"median {statistics.median(times):.2f} s, best {min(times):.2f} s over 5 runs")
    db.dispose()


if __name__ == "__main__":
    main()
