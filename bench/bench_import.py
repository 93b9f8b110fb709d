"""Department list import benchmark: a 100,000-row list screened against a registry of 1,000,000 people.

    python bench/bench_import.py [--sqlite PATH] [--pg URL] [--rows 100000] [--people 1000000] [--skip-pg]

For each database: builds the registry with Core bulk inserts if it is not there yet (uses
/tmp/bench/demo-1m.sqlite3 or the PostgreSQL database relief_bench_1m when those exist and hold
≥ 1,000,000 members), writes the department list as .xlsx once, then times

  * calamine   python-calamine just reading the file (open + every row as Python values);
  * import     import_department_list from file to committed batch (read, normalise, validate,
               match in chunks, write batch rows and clues), in a fresh process, with its peak RSS
               and its CPU time over all its threads (against calamine's: how near the goal even a
               perfect use of every CPU could bring it);
  * naive      a plain openpyxl reader with one query and one ORM insert per row, timed on a
               10,000-row subset and extrapolated ×(rows/10,000) — printed as an extrapolation.

The batch written by each timed import is deleted afterwards so the run can be repeated.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, delete, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desktop.models import Clue, ColumnMapping, Household, ImportBatch, ImportRow, Member, Region  # noqa: E402
from desktop.rules import idcard  # noqa: E402
from desktop.rules.codes import Category, RegionLevel  # noqa: E402
from desktop.services import auth  # noqa: E402
from desktop.services.base import Actor  # noqa: E402
from desktop.services.database import Database, migrate, open_database  # noqa: E402

BENCH = Path("/tmp/bench")
SHARED_SQLITE = BENCH / "demo-1m.sqlite3"
SHARED_PG = "postgresql://postgres@127.0.0.1:5432/relief_bench_1m"
OWN_SQLITE = BENCH / "import-registry-1m.sqlite3"
OWN_PG = "postgresql://postgres@127.0.0.1:5432/relief_bench_import_1m"

SUBDISTRICTS = {
    "八泉街道": ["八泉社区", "飞云社区", "月亮山社区", "和平街社区", "青龙阁社区", "上窑社区"],
    "澄月街道": ["澄月社区", "大智路社区", "磁湖社区", "十五冶社区", "陈家湾社区", "京华路社区"],
    "牧羊湖街道": ["胡家湾社区", "石料山社区", "牧羊湖社区", "花园路社区", "八卦嘴社区", "滨湖社区"],
    "黄思湾街道": ["新建社区", "田园社区", "马家嘴社区", "袁海湾社区", "东屏社区"],
    "河口镇": ["闸口社区", "道仕袱村", "章山村"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国文辉玉珍红梅志鹏飞海燕云龙俊峰宇晨浩然子涵欣怡"
DAYS = 25_000  # birth dates from 1940-01-01


def person_id(k: int, offset: int = 0) -> str:
    """Registry member k (offset 0) or list-only person k (offset 500): unique, valid numbers."""
    return idcard.make("420203", date(1940, 1, 1) + timedelta(days=k % DAYS), offset + k // DAYS)


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def members_in(db: Database) -> int:
    try:
        with db.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(Member)).scalar() or 0
    except Exception:
        return 0


def build_registry(db: Database, people: int) -> None:
    """People in households of ~2.5 (ids 1..), 12% of households receiving 低保/特困; Core bulk inserts."""
    migrate(db)
    system = Actor.system("bench")
    root = auth.ensure_district(db)
    with db.session_factory() as s:
        have = {r.name: r.id for r in s.execute(select(Region.name, Region.id))}
    communities: list[int] = []
    for n, (sub, names) in enumerate(SUBDISTRICTS.items(), start=1):
        sid = have.get(sub) or auth.add_region(db, system, parent_id=root, name=sub, code=f"B420203{n:03d}",
                                               level=RegionLevel.SUBDISTRICT)
        for m, community in enumerate(names, start=1):
            communities.append(have.get(community) or auth.add_region(
                db, system, parent_id=sid, name=community, code=f"B420203{n:03d}{m:03d}",
                level=RegionLevel.COMMUNITY))
    rng = random.Random(1)
    households = people * 2 // 5 + 1
    start = time.perf_counter()
    step = 20_000
    with db.engine.begin() as conn:
        base = conn.execute(select(func.coalesce(func.max(Household.id), 0))).scalar() or 0
        for lo in range(0, households, step):
            rows = []
            for h in range(lo, min(lo + step, households)):
                roll = rng.random()
                category = Category.DIBAO if roll < 0.09 else Category.TEKUN if roll < 0.12 else Category.NONE
                rows.append({"id": base + h + 1, "code": f"B{h:07d}", "region_id": communities[h % len(communities)],
                             "address": f"某路{h % 300}号", "category": category, "member_count": 0,
                             "stage": "assisted" if category != Category.NONE else None, "version": 1})
            conn.execute(insert(Household), rows)
        for lo in range(0, people, step):
            rows = []
            for k in range(lo, min(lo + step, people)):
                number = person_id(k)
                rows.append({"household_id": base + k * 2 // 5 + 1, "name": name(rng), "id_number": number,
                             "id_reversed": number[::-1], "relation": "self" if (k * 2) % 5 < 2 else "child",
                             "version": 1})
            conn.execute(insert(Member), rows)
            print(f"  members {lo + len(rows):,}", end="\r", file=sys.stderr)
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('households', 'id'), (SELECT max(id) FROM households))"))
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE households"))
            conn.execute(text("VACUUM ANALYZE members"))
    print(f"  registry of {people:,} people built in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def registry_sample(url: str, n: int, seed: int = 9) -> list[str]:
    """ID numbers of about ``n`` people picked at random from the registry (by random ids, in chunks)."""
    db = open_database(url)
    rng = random.Random(seed)
    out: list[str] = []
    with db.engine.connect() as conn:
        low, high = conn.execute(select(func.min(Member.id), func.max(Member.id))).one()
        for _ in range(n // 300 + 10):
            ids = [rng.randint(low, high) for _ in range(1000)]
            out.extend(conn.execute(select(Member.id_number).where(Member.id.in_(ids))).scalars())
            if len(out) >= n:
                break
    db.dispose()
    return out[:n]


def write_list(path: Path, rows: int, known: list[str], seed: int = 5) -> None:
    """A department list: title rows, 30% registry members, 1% invalid, 1% repeats, the rest new."""
    import xlsxwriter

    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("名单")
    ws.write_string(0, 0, "西塞山区困难职工名单(基准测试)")
    for c, h in enumerate(["序号", "姓名", "性别", "公民身份号码", "联系电话", "户籍地址", "登记日期", "备注"]):
        ws.write_string(2, c, h)
    communities = [(s, c) for s, names in SUBDISTRICTS.items() for c in names]
    used: list[str] = []
    picked = 0
    known = list(dict.fromkeys(known))
    for i in range(rows):
        roll = rng.random()
        if roll < 0.30:
            number = known[picked % len(known)]
            picked += 1
        elif roll < 0.31:
            number = person_id(i, 500)[:17] + "Z"
        elif roll < 0.32 and used:
            number = rng.choice(used)
        else:
            number = person_id(i, 500)
        used.append(number) if len(used) < 5000 else None
        sub, community = communities[i % len(communities)] if rng.random() < 0.8 else ("某地", "某处")
        r = i + 3
        ws.write_number(r, 0, i + 1)
        ws.write_string(r, 1, name(rng))
        ws.write_string(r, 2, "男" if i % 2 else "女")
        ws.write_string(r, 3, number.lower() if i % 50 == 0 else number)
        ws.write_string(r, 4, f"13{rng.randrange(10**9):09d}")
        ws.write_string(r, 5, f"黄石市西塞山区{sub}{community}{rng.randrange(1, 40)}栋{rng.randrange(1, 7)}单元")
        ws.write_string(r, 6, "2026-09-01")
    ws.write_string(rows + 4, 0, "制表人:  审核人:  制表日期:2026年10月8日")
    book.close()


# -- phases (each run in its own process for a clean peak RSS) -----------------------------------------

def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time this process has used so far, in all its threads (user + system)."""
    t = os.times()
    return t.user + t.system


def phase_calamine(path: str) -> dict:
    from python_calamine import CalamineWorkbook

    start, cpu = time.perf_counter(), cpu_seconds()
    book = CalamineWorkbook.from_path(path)
    n = 0
    for sheet in book.sheet_names:
        for _row in book.get_sheet_by_name(sheet).iter_rows():
            n += 1
    return {"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu, "rows": n, "rss_mb": peak_rss_mb()}


def phase_import(path: str, url: str) -> dict:
    from sqlalchemy.orm import configure_mappers

    from desktop.services import department_import as di

    configure_mappers()  # done once at program start, not per import
    db = open_database(url)
    with db.engine.connect() as conn:
        had_mapping = conn.execute(select(ColumnMapping.id).where(ColumnMapping.department == "hrss")).first()
    start, cpu = time.perf_counter(), cpu_seconds()
    result = di.import_department_list(db, Actor.system("bench"), path, "人社")
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    out = {"seconds": seconds, "cpu": cpu, "rss_mb": peak_rss_mb(), **result.counts(), "batch_id": result.batch_id}
    cleanup(db, result.batch_id, drop_mapping=had_mapping is None)
    db.dispose()
    return out


def phase_reader(path: str) -> dict:
    """Our reader alone: calamine plus sheet/header detection and the data-row filter."""
    from desktop.io import spreadsheet as ss

    start = time.perf_counter()
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book)
        n = sum(1 for _ in ss.data_rows(book, layout))
        seconds = time.perf_counter() - start
        # the look for hidden rows the command and the wizard take after an import (not in its time)
        start = time.perf_counter()
        ss.hidden_rows(path, layout.sheet, book.format)
    return {"seconds": seconds, "hidden_seconds": time.perf_counter() - start, "rows": n, "rss_mb": peak_rss_mb()}


def phase_dryrun(path: str, url: str) -> dict:
    """Everything but the writes: read, normalise, validate, match against the registry."""
    from sqlalchemy.orm import configure_mappers

    from desktop.services import department_import as di

    configure_mappers()
    db = open_database(url)
    start = time.perf_counter()
    di.import_department_list(db, Actor.system("bench"), path, "人社", dry_run=True)
    seconds = time.perf_counter() - start
    db.dispose()
    return {"seconds": seconds, "rss_mb": peak_rss_mb()}


def phase_naive(path: str, url: str) -> dict:
    """What a first attempt looks like: openpyxl, one registry query and one ORM insert per row."""
    import openpyxl
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    db = open_database(url)
    start = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = book.worksheets[0]
    with db.session_factory() as s:
        batch = ImportBatch(kind="naive", department="hrss", file_name="naive", file_hash=f"naive-{time.time()}",
                            counts={}, mapping={})
        s.add(batch)
        s.flush()
        seen: set[str] = set()
        n = 0
        for r, values in enumerate(ws.iter_rows(min_row=4, values_only=True), start=4):
            if values[3] is None:
                continue
            n += 1
            parsed = idcard.parse(values[3])
            outcome = "invalid"
            household_id = None
            if parsed.valid:
                if parsed.number in seen:
                    outcome = "duplicate"
                else:
                    seen.add(parsed.number)
                    hit = s.execute(select(Member.household_id, Household.category)
                                    .join(Household, Household.id == Member.household_id)
                                    .where(Member.id_number == parsed.number)).first()
                    outcome = "new" if hit is None else ("in_assistance" if hit.category in ("dibao", "tekun")
                                                         else "known")
                    household_id = hit.household_id if hit else None
            s.add(ImportRow(batch_id=batch.id, row_number=r, name=str(values[1] or ""), id_number=parsed.number,
                            raw_id=str(values[3]), outcome=outcome, household_id=household_id, data={}))
        s.commit()
        seconds = time.perf_counter() - start
        s.execute(delete(ImportRow).where(ImportRow.batch_id == batch.id))
        s.execute(delete(ImportBatch).where(ImportBatch.id == batch.id))
        s.commit()
    db.dispose()
    return {"seconds": seconds, "rows": n, "rss_mb": peak_rss_mb()}


def cleanup(db: Database, batch_id: int | None, drop_mapping: bool = False) -> None:
    """Remove what one timed import wrote (its batch, rows and clues), so the run can be repeated."""
    if batch_id is None:
        return
    with db.engine.begin() as conn:
        conn.execute(delete(Clue).where(Clue.batch_id == batch_id))
        conn.execute(delete(ImportRow).where(ImportRow.batch_id == batch_id))
        conn.execute(delete(ImportBatch).where(ImportBatch.id == batch_id))
        if drop_mapping:
            conn.execute(delete(ColumnMapping).where(ColumnMapping.department == "hrss"))


def run_phase(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "_phase", *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- main -------------------------------------------------------------------------------------------------

def ensure_pg_database(url: str) -> None:
    u = make_url(url).set(drivername="postgresql+psycopg")
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": u.database}).first():
            conn.execute(text(f'CREATE DATABASE "{u.database}"'))
    admin.dispose()


def registry_url(kind: str, explicit: str | None, people: int) -> str:
    if explicit:
        candidates = [explicit]
    elif kind == "sqlite":
        candidates = [f"sqlite:///{SHARED_SQLITE}", f"sqlite:///{OWN_SQLITE}"]
    else:
        candidates = [SHARED_PG, OWN_PG]
    for url in candidates:
        if kind == "sqlite" and not Path(make_url(url).database or "").exists():
            continue
        try:
            db = open_database(url, create_folder=False)
        except Exception:
            continue
        n = members_in(db)
        db.dispose()
        if n >= people:
            print(f"{kind}: using {url} ({n:,} members)", file=sys.stderr)
            return url
    url = candidates[-1]
    print(f"{kind}: building the registry in {url}", file=sys.stderr)
    if kind == "postgresql":
        ensure_pg_database(url)
    db = open_database(url)
    build_registry(db, people - members_in(db) if members_in(db) else people)
    db.dispose()
    return url


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_phase":
        what = sys.argv[2]
        result = {"calamine": lambda: phase_calamine(sys.argv[3]),
                  "reader": lambda: phase_reader(sys.argv[3]),
                  "dryrun": lambda: phase_dryrun(sys.argv[3], sys.argv[4]),
                  "import": lambda: phase_import(sys.argv[3], sys.argv[4]),
                  "naive": lambda: phase_naive(sys.argv[3], sys.argv[4])}[what]()
        print(json.dumps(result, ensure_ascii=False))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", default=None, help="SQLite registry URL (default: shared demo or own build)")
    parser.add_argument("--pg", default=None, help="PostgreSQL registry URL")
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--naive-rows", type=int, default=10_000)
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RELIEF_DESK_DATA_DIR", str(BENCH / "data"))
    kinds = [k for k, skip in (("sqlite", args.skip_sqlite), ("postgresql", args.skip_pg)) if not skip]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"department list of {args.rows:,} rows; registry of ≥ {args.people:,} people; {os.cpu_count()} CPUs, "
          f"load average {load:.1f} at start")
    for kind in kinds:
        url = registry_url(kind, args.sqlite if kind == "sqlite" else args.pg, args.people)
        tag = hashlib.sha1(url.encode()).hexdigest()[:8]
        listing = BENCH / f"dept-list-{args.rows}-{tag}.xlsx"
        subset = BENCH / f"dept-list-{args.naive_rows}-{tag}.xlsx"
        if not listing.exists() or not subset.exists():
            known = registry_sample(url, int(args.rows * 0.31) + 1)
            for path, rows in ((listing, args.rows), (subset, args.naive_rows)):
                write_list(path, rows, known)
        print(f"\n[{kind}] {url}\n  list {listing} ({listing.stat().st_size / 1e6:.1f} MB)")
        cal = run_phase("calamine", str(listing))
        reader = run_phase("reader", str(listing))
        dry = run_phase("dryrun", str(listing), url)
        imp = run_phase("import", str(listing), url)
        naive = run_phase("naive", str(subset), url)
        naive_full = naive["seconds"] * args.rows / max(naive["rows"], 1)
        print(f"  python-calamine read only                   {cal['seconds']:7.2f} s   ({cal['rows']:,} rows, peak RSS "
              f"{cal['rss_mb']:.0f} MB)")
        print(f"  our reader (+ header detection, row filter) {reader['seconds']:7.2f} s")
        print(f"  hidden-row look (after the import, not in it) {reader['hidden_seconds']:5.2f} s")
        print(f"  dry run (read, validate, match; no writes)  {dry['seconds']:7.2f} s")
        print(f"  import, file → committed batch              {imp['seconds']:7.2f} s   (peak RSS {imp['rss_mb']:.0f} MB; "
              f"valid {imp['valid']:,}, invalid {sum(imp['invalid'].values()):,}, duplicates {imp['duplicates']:,}; "
              f"in assistance {imp['in_assistance']:,}, known {imp['known']:,}, new {imp['new']:,})")
        print(f"  ratio import / calamine                     {imp['seconds'] / cal['seconds']:7.2f} ×   (goal ≤ 2×)")
        # The import reads in one thread while the database works in another: its CPU time over both,
        # against calamine's (one thread), says how near 2× even a perfect use of every CPU could come.
        # PostgreSQL's server works in its own processes: their time is not in this figure.
        cpus = os.cpu_count() or 1
        print(f"  CPU time: import (all threads) / calamine   {imp['cpu']:7.2f} s / {cal['cpu']:.2f} s = "
              f"{imp['cpu'] / cal['cpu']:.2f} ×   (÷ {cpus} CPUs: {imp['cpu'] / cal['cpu'] / cpus:.2f} × at the very best"
              f"{'; without the server processes' if kind == 'postgresql' else ''})")
        print(f"  naive openpyxl + 1 query/row                {naive['seconds']:7.2f} s on {naive['rows']:,} rows → "
              f"extrapolated {naive_full:.1f} s for {args.rows:,} rows (×{args.rows / max(naive['rows'], 1):.0f})")
        print(f"  ratio naive / import                        {naive_full / imp['seconds']:7.1f} ×   (expect ≥ 10×)")


if __name__ == "__main__":
    main()
