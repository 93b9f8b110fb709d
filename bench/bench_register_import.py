"""Household register import benchmark: a register of 5,000 households (about 13,000 person rows).

    python bench/bench_register_import.py [--households 5000] [--pg-url URL] [--no-pg]

For each database (an SQLite file in a temporary folder; a throwaway PostgreSQL database made on
the server given by --pg-url or RELIEF_DESK_TEST_PG_URL), migrated and holding only the district,
times import_households on the same .xlsx four ways:

  * dry run     read and check every row, look up households and people, write nothing;
  * import      the households created;
  * dry run 2   a second register (wages changed, the last member of every tenth household gone);
  * update      that register imported right after the first, before the database has gathered
                statistics on the tables just filled (PostgreSQL's planner then has no row counts).

Goal: each in seconds (under 10 s on the 2-core development machine).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import xlsxwriter  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desktop.io.register_template import HEADER  # noqa: E402
from desktop.rules import idcard  # noqa: E402
from desktop.rules.codes import RegionLevel  # noqa: E402
from desktop.services import auth  # noqa: E402
from desktop.services import register_import as ri  # noqa: E402
from desktop.services.base import Actor  # noqa: E402
from desktop.services.database import Database, migrate, open_database  # noqa: E402

PLACES = {"八泉街道": ["八泉社区", "飞云社区"], "河口镇": ["闸口社区", "道仕袱村"]}
RELATIONS = ["配偶", "子女", "子女", "父母", "孙子女"]


def registers(households: int, seed: int = 7) -> tuple[list[list], list[list]]:
    """The first register's rows and the second's (wages up 100, some members gone)."""
    rnd = random.Random(seed)
    first: list[list] = []
    second: list[list] = []
    sequence = 0
    for n in range(households):
        sub = rnd.choice(list(PLACES))
        community = rnd.choice(PLACES[sub])
        size = rnd.choice([1, 2, 2, 3, 3, 3, 4])
        spouse = False  # one 配偶 per household (a second is refused)
        for k in range(size):
            sequence += 1
            born = date(1940 + sequence % 70, 1 + sequence % 12, 1 + sequence % 28)
            relation = "本人" if k == 0 else rnd.choice(RELATIONS)
            if relation == "配偶":
                relation, spouse = ("子女" if spouse else "配偶"), True
            values = {"户编号": f"B{n:05d}", "与户主关系": relation,
                      "姓名": f"人{sequence}", "身份证号": idcard.make("420203", born, sequence % 1000)}
            if k == 0:
                values.update(街道=sub, 社区=community, 城乡类别="农村" if sub == "河口镇" else "城市",
                              监测库别=rnd.choice(["一类库", "二类库", "无"]))
            wages = rnd.randint(0, 500) * 100
            row = [values.get(h, "") for h in HEADER]
            first.append([*row[:14], wages, *row[15:]])
            if not (n % 10 == 0 and k == size - 1 and size > 1):
                second.append([*row[:14], wages + 100, *row[15:]])
    return first, second


def write(path: Path, rows: list[list]) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("家庭台账")
    sheet.write_row(0, 0, HEADER)
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values):
            if v != "":
                sheet.write_string(r, c, v) if isinstance(v, str) else sheet.write_number(r, c, v)
    book.close()
    return path


def district(db: Database) -> Actor:
    migrate(db)
    system = Actor.system("bench")
    root = auth.ensure_district(db)
    for number, (sub, communities) in enumerate(PLACES.items(), start=1):
        area = "rural" if sub == "河口镇" else "urban"
        sid = auth.add_region(db, system, parent_id=root, name=sub, code=f"420203{number:03d}",
                              level=RegionLevel.SUBDISTRICT, area_type=area)
        for m, name in enumerate(communities, start=1):
            auth.add_region(db, system, parent_id=sid, name=name, code=f"420203{number:03d}{m:03d}",
                            level=RegionLevel.COMMUNITY, area_type=area)
    auth.add_user(db, system, username="bench", password="bench12345", role="admin", region_id=root)
    return auth.login(db, "bench", "bench12345")


def run(db: Database, first: Path, second: Path) -> None:
    actor = district(db)
    for label, path, dry_run in (("dry run", first, True), ("import", first, False),
                                 ("dry run 2", second, True), ("update", second, False)):
        start = time.perf_counter()
        result = ri.import_households(db, actor, path, dry_run=dry_run)
        took = time.perf_counter() - start
        print(f"  {label:10} {took:6.2f} s  rows {result.rows}, created {result.households_created}, "
              f"updated {result.households_updated}, members removed {result.members_removed}, "
              f"errors {len(result.errors)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--pg-url", default=os.environ.get("RELIEF_DESK_TEST_PG_URL", ""))
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-register-"))
    rows_first, rows_second = registers(args.households)
    first = write(folder / "台账1.xlsx", rows_first)
    second = write(folder / "台账2.xlsx", rows_second)
    print(f"{args.households} households, {len(rows_first)} person rows")
    print("SQLite")
    db = open_database(f"sqlite:///{folder / 'bench.sqlite3'}")
    run(db, first, second)
    db.dispose()
    if args.pg_url and not args.no_pg:
        admin_url = make_url(args.pg_url).set(drivername="postgresql+psycopg")
        name = f"relief_bench_register_{uuid.uuid4().hex[:6]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            print("PostgreSQL")
            db = open_database(admin_url.set(database=name).render_as_string(hide_password=False))
            run(db, first, second)
            db.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
