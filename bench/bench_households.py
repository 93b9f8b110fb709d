"""Household browser benchmark: a million households on SQLite and PostgreSQL.

    python bench/bench_households.py build  [--sqlite PATH] [--pg URL] [--households N]
    python bench/bench_households.py run    [--sqlite PATH] [--pg URL] [--repeat 7]
    python bench/bench_households.py memory --sqlite-small PATH --sqlite PATH

``build`` makes a synthetic district with Core bulk inserts (until ``relief-desk demo --households N``
exists; pass its database instead when it does). ``run`` times, through the same pager the browser's
Qt model uses: first rows, jump to the last row, change of filter, search by full ID, by its last 6
characters and by name prefix (each includes the count for the status line), and prints medians.
``memory`` opens the real Qt model in a fresh process on each database, scrolls it from top to bottom
in jumps and reports resident memory.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select, text  # noqa: E402

from desktop.models import Household, Member, Region  # noqa: E402
from desktop.rules import idcard  # noqa: E402
from desktop.rules.codes import Category, RegionLevel, Stage  # noqa: E402
from desktop.services import auth  # noqa: E402
from desktop.services.base import Actor  # noqa: E402
from desktop.services.database import Database, migrate, open_database  # noqa: E402

DEFAULT_SQLITE = "/tmp/bench/households-1m.sqlite3"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/relief_bench_households_1m"

SUBDISTRICTS = {
    "八泉街道": ["八泉社区", "飞云社区", "月亮山社区", "和平街社区", "源建里社区", "青龙阁社区", "上窑社区", "临江社区"],
    "澄月街道": ["澄月社区", "大智路社区", "磁湖社区", "十五冶社区", "陈家湾社区", "京华路社区", "环湖社区", "南岸社区"],
    "牧羊湖街道": ["胡家湾社区", "石料山社区", "牧羊湖社区", "花园路社区", "八卦嘴社区", "水机路社区", "滨湖社区",
               "半岛社区", "李家坊社区"],
    "黄思湾街道": ["新建社区", "叶家塘社区", "田园社区", "马家嘴社区", "袁海湾社区", "桐厂社区", "东屏社区", "西屏社区"],
    "河口镇": ["闸口社区", "道仕袱村", "章山村", "石山村", "冯家山村"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国文辉玉珍红梅志鹏飞海燕云龙俊峰宇晨浩然子涵欣怡"
ROADS = ["黄石大道", "湖滨大道", "颐阳路", "沿湖路", "磁湖路", "团城山路", "花湖大道", "新下陆路", "澄月路", "胜阳港路"]
AREAS = ["420203"] * 8 + ["420202", "420204", "420205", "420222", "420281"]
STAGES = [None] * 12 + [Stage.CLASS_I, Stage.CLASS_II, Stage.CLASS_II, Stage.TO_INVESTIGATE, Stage.TO_CHECK,
                         Stage.APPLYING, Stage.ASSISTED]
CATEGORIES = [Category.NONE] * 10 + [Category.DIBAO, Category.DIBAO, Category.TEKUN, Category.MARGINAL,
                                     Category.EXPENDITURE, Category.TEMPORARY]


def build(db: Database, households: int, seed: int = 7) -> None:
    migrate(db)
    with db.engine.connect() as conn:
        existing = conn.execute(select(func.count()).select_from(Household)).scalar_one()
    if existing:
        print(f"{db.describe()}: already has {existing} households, not rebuilding")
        return
    system = Actor.system("bench")
    root = auth.ensure_district(db)
    communities: list[tuple[int, str]] = []
    with db.engine.connect() as conn:
        have = {name: rid for rid, name in conn.execute(select(Region.id, Region.name))}
    for number, (sub, names) in enumerate(SUBDISTRICTS.items(), start=1):
        area = "rural" if sub == "河口镇" else "urban"
        sid = have.get(sub) or auth.add_region(db, system, parent_id=root, name=sub, code=f"420203{number:03d}",
                                               level=RegionLevel.SUBDISTRICT, area_type=area)
        for cnum, name in enumerate(names, start=1):
            cid = have.get(name) or auth.add_region(db, system, parent_id=sid, name=name,
                                                    code=f"420203{number:03d}{cnum:03d}",
                                                    level=RegionLevel.COMMUNITY, area_type=area)
            communities.append((cid, area))
    rnd = random.Random(seed)
    today = date(2026, 11, 1)
    start = time.perf_counter()
    chunk = 20000
    born0 = date(1930, 1, 1)
    for base in range(0, households, chunk):
        hh_rows = []
        member_rows = []
        for n in range(base, min(base + chunk, households)):
            hid = n + 1
            # Unique numbers: the household number picks birth date and sequence.
            born = born0 + timedelta(days=(n // 500) % 30000)
            number = idcard.make(rnd.choice(AREAS), born, (n % 500) * 2 + rnd.randint(0, 1))
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.7 else "")
            region_id, area = communities[n % len(communities)]
            stage = rnd.choice(STAGES)
            assessed = today - timedelta(days=rnd.randint(0, 700)) if rnd.random() < 0.4 else None
            due = (today + timedelta(days=rnd.randint(-60, 90))) if stage in (Stage.CLASS_I, Stage.CLASS_II) else None
            phone = f"13{rnd.randint(0, 9)}{rnd.randint(10000000, 99999999)}"
            hh_rows.append({
                "id": hid, "code": f"H{hid:07d}", "region_id": region_id,
                "address": f"{rnd.choice(ROADS)}{rnd.randint(1, 300)}号{rnd.randint(1, 30)}栋{rnd.randint(1, 6)}单元"
                           f"{rnd.randint(1, 18)}0{rnd.randint(1, 4)}室",
                "phone": phone, "area_type": area, "single_parent": False, "head_name": name,
                "head_id_number": number, "head_id_reversed": number[::-1], "member_count": 1,
                "category": rnd.choice(CATEGORIES), "stage": stage, "stage_since": None,
                "last_assessed_on": assessed, "last_visited_on": None, "next_visit_due": due, "note": "",
                "version": 1,
            })
            member_rows.append({
                "id": hid, "household_id": hid, "name": name, "id_number": number, "id_reversed": number[::-1],
                "relation": "self", "sex": idcard.sex(number), "birth_date": idcard.birth_date(number),
                "phone": phone, "health": "healthy", "disability": "none", "disability_grade": 0,
                "labour_capacity": "full", "schooling": "none", "union_member": False, "note": "", "version": 1,
            })
        with db.engine.begin() as conn:
            conn.execute(insert(Household), hh_rows)
            conn.execute(insert(Member), member_rows)
        done = min(base + chunk, households)
        if done % 100000 == 0 or done == households:
            print(f"  {db.describe()}: {done} households, {time.perf_counter() - start:.0f} s", flush=True)
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT max(id) FROM households))"))
            conn.execute(text("SELECT setval(pg_get_serial_sequence('members', 'id'), (SELECT max(id) FROM members))"))
    if not db.is_sqlite:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE households"))
            conn.execute(text("VACUUM ANALYZE members"))


def open_target(url: str, create: bool = False) -> Database:
    if url.startswith("postgresql") and create:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        target = make_url(url).set(drivername="postgresql+psycopg")
        admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname=:n"), {"n": target.database}).scalar():
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
        admin.dispose()
    if not url.startswith("postgresql"):
        Path(url).parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{url}"
    return open_database(url)


def timed(fn, repeat: int) -> tuple[float, object]:  # noqa: ANN001
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def run(db: Database, repeat: int) -> dict[str, float]:
    from desktop.services import households as hs

    actor = Actor.system("bench")
    with db.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(Household)).scalar_one()
        some = conn.execute(select(Household.head_id_number, Household.head_name)
                            .where(Household.id == total // 2)).one()
        community = conn.execute(select(Region.id).where(Region.name == "飞云社区")).scalar_one()
    full_id, name = some
    figures: dict[str, float] = {}

    browser = hs.HouseholdPager(db, actor)  # one pager for the life of the page, as the table model keeps

    def open_view(flt: hs.HouseholdFilter) -> int:
        """What the browser does on a new filter: the first page at once. A page that is not full is
        the whole answer (its count is known); a full one is counted from a worker thread (below)."""
        browser.prepare(flt)
        return len(browser.first_rows(100))

    def count(flt: hs.HouseholdFilter) -> int:
        browser.prepare(flt)
        return browser.count_layout()[0]

    base = hs.HouseholdFilter()
    figures["first rows (first page of 100)"], _ = timed(lambda: open_view(base), repeat)
    figures["  count of all, for the status line (worker thread)"], _ = timed(lambda: count(base), repeat)
    pager = hs.HouseholdPager(db, actor, base)
    pager.refresh()
    figures["jump to last row"], _ = timed(lambda: len(pager.rows(pager.total - 60, 60)) and pager.forget(), repeat)
    by_name = hs.HouseholdFilter(sort="head_name")
    pager_n = hs.HouseholdPager(db, actor, by_name)
    pager_n.refresh()
    figures["jump to last row, sorted by name"], _ = timed(
        lambda: len(pager_n.rows(pager_n.total - 60, 60)) and pager_n.forget(), repeat)
    figures["jump to middle row, sorted by name (OFFSET from the nearer end)"], _ = timed(
        lambda: len(pager_n.rows(pager_n.total // 2, 60)) and pager_n.forget(), max(repeat // 2, 1))
    by_due = hs.HouseholdFilter(sort="next_visit_due", descending=True)
    pager_d = hs.HouseholdPager(db, actor, by_due)
    pager_d.refresh()
    figures["jump to last row, sorted by next visit (mostly empty)"], _ = timed(
        lambda: len(pager_d.rows(pager_d.total - 60, 60)) and pager_d.forget(), repeat)
    filters = {
        "library class 一类库": hs.HouseholdFilter(stage=Stage.CLASS_I),
        "community 飞云社区": hs.HouseholdFilter(region_id=community),
        "category 低保, sorted by name": hs.HouseholdFilter(category=Category.DIBAO, sort="head_name"),
        "visit overdue, sorted by due date": hs.HouseholdFilter(status="overdue", sort="next_visit_due"),
    }
    for label, flt in filters.items():
        figures[f"change of filter: {label}"], _ = timed(lambda flt=flt: open_view(flt), repeat)
        figures[f"  count ({label}, worker thread)"], _ = timed(lambda flt=flt: count(flt), repeat)
    figures["search full ID (page < 100 rows: count known)"], n = timed(
        lambda: open_view(hs.HouseholdFilter(search=full_id)), repeat)
    assert n >= 1, "full-ID search found nothing"
    tail = hs.HouseholdFilter(search=full_id[-6:])
    figures["search last 6 ID characters (page < 100 rows: count known)"], n = timed(lambda: open_view(tail), repeat)
    assert 1 <= n < 100
    prefix = hs.HouseholdFilter(search=name[:2])
    figures["search name prefix, 2 characters (first page)"], n = timed(lambda: open_view(prefix), repeat)
    assert n >= 1
    figures["  count (name prefix, worker thread)"], _ = timed(lambda: count(prefix), repeat)
    address = hs.HouseholdFilter(search="颐阳路12号")
    figures["search address piece (LIKE '%x%', first page; slow path)"], _ = timed(
        lambda: open_view(address), max(repeat // 2, 1))
    return {"households": total, **figures}


MEMORY_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[2])
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication([])
from desktop.services.base import Actor
from desktop.services.database import open_database
from desktop.views.households import HouseholdTableModel
from desktop.services.households import HouseholdFilter
def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
url = sys.argv[1]
db = open_database(url if url.startswith("postgresql") else "sqlite:///" + url)
before = rss()
model = HouseholdTableModel(db, Actor.system("bench"))
model.set_filter(HouseholdFilter())
model.wait_for_count()
n = model.rowCount()
for step in range(0, 200):
    row = min(n - 1, step * max(n // 200, 1))
    for col in range(model.columnCount()):
        model.data(model.index(row, col))
for row in range(max(n - 300, 0), n):
    model.data(model.index(row, 0))
model.sort(1)
model.wait_for_count()
for step in range(0, 50):
    model.data(model.index(min(n - 1, step * max(n // 50, 1)), 0))
print(json.dumps({"rows": n, "rss_before_mb": round(before, 1), "rss_after_mb": round(rss(), 1)}))
"""


def memory(urls: list[str]) -> None:
    root = str(Path(__file__).resolve().parents[1])
    for url in urls:
        out = subprocess.run([sys.executable, "-c", MEMORY_CHILD, url, root], capture_output=True, text=True)
        if out.returncode:
            print(url, "failed:", out.stderr[-2000:])
            continue
        print(f"{url}: {out.stdout.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["build", "run", "memory"])
    parser.add_argument("--sqlite", default=DEFAULT_SQLITE)
    parser.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL URL ('' to skip)")
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--small-sqlite", default="/tmp/bench/households-1k.sqlite3")
    parser.add_argument("--small-pg", default="postgresql://postgres@127.0.0.1:5432/relief_bench_households_1k")
    parser.add_argument("--only", choices=["sqlite", "pg"], default=None)
    args = parser.parse_args()
    targets = []
    if args.only in (None, "sqlite"):
        targets.append(args.sqlite)
    if args.pg and args.only in (None, "pg"):
        targets.append(args.pg)
    if args.what == "build":
        for url in targets:
            db = open_target(url, create=True)
            build(db, args.households)
            db.dispose()
    elif args.what == "run":
        for url in targets:
            db = open_target(url)
            figures = run(db, args.repeat)
            db.dispose()
            print(f"\n{db.describe()}  ({figures.pop('households')} households; median of {args.repeat}, ms)")
            for key, value in figures.items():
                flag = "" if value <= 100 or key.startswith("  ") else "   > 100 ms"
                print(f"  {key:<66} {value:8.1f}{flag}")
    else:
        small = [args.small_sqlite] + ([args.small_pg] if args.pg and args.only != "sqlite" else [])
        for url in small:
            db = open_target(url, create=True)
            build(db, 1000)
            db.dispose()
        memory([*small, *targets])
    sys.stdout.flush()
    _ = json


if __name__ == "__main__":
    main()
