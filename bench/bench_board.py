"""Time the monitoring board with 3,000 cards in every column, on SQLite and PostgreSQL.

    python bench/bench_board.py                   # both databases, 3,000 cards per column
    python bench/bench_board.py --per-column 5000 --no-pg
    QT_QPA_PLATFORM=offscreen python bench/bench_board.py --qt   # also the Qt page (open, scroll, paint)

Each database gets 6 × N households on the board, as many again off the board, one open referral
for every tenth household and a visit for half of them. Figures are medians of several runs.
PostgreSQL: ``--pg-url`` names a server and maintenance database; the run (re)creates its own.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.models import Household, Referral, Region, Visit  # noqa: E402
from desktop.rules import idcard  # noqa: E402
from desktop.rules import monitoring as rules  # noqa: E402
from desktop.rules.codes import RegionLevel  # noqa: E402
from desktop.services import auth, monitoring  # noqa: E402
from desktop.services.base import Actor  # noqa: E402
from desktop.services.database import Database, open_and_migrate  # noqa: E402

BENCH_DIR = Path("/tmp/bench")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰建国志强春梅"


def timed(fn: Callable[[], object], runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def populate(db: Database, per_column: int) -> tuple[Actor, int, int]:
    system = Actor.system("bench")
    root = auth.ensure_district(db)
    communities: list[int] = []
    subs: list[int] = []
    for s in range(4):
        sid = auth.add_region(db, system, parent_id=root, name=f"街道{s + 1}", code=f"B{s:03d}",
                              level=RegionLevel.SUBDISTRICT)
        subs.append(sid)
        for c in range(6):
            communities.append(auth.add_region(db, system, parent_id=sid, name=f"社区{s + 1}-{c + 1}",
                                               code=f"B{s:03d}{c:03d}", level=RegionLevel.COMMUNITY))
    rnd = random.Random(7)
    today = date.today()
    rows = []
    seq = 0
    stages = [s.value for s in rules.BOARD_ORDER] + [None]
    for stage in stages:
        for _ in range(per_column):
            seq += 1
            number = idcard.make("420203", date(1940 + seq % 60, 1 + seq % 12, 1 + seq % 28), seq % 1000)
            last = None if rnd.random() < 0.25 else today - timedelta(days=rnd.randint(1, 400))
            rows.append({
                "region_id": rnd.choice(communities), "head_name": rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN),
                "head_id_number": number, "head_id_reversed": number[::-1], "member_count": 1 + seq % 5,
                "category": rnd.choice(["none", "dibao", "marginal", "tekun", "expenditure"]), "stage": stage,
                "stage_since": today - timedelta(days=rnd.randint(0, 700)), "last_visited_on": last,
                "next_visit_due": rules.next_visit_due(stage, last, last or today) if last else None,
                "phone": f"13{seq:09d}", "address": f"测试路{seq}号", "code": f"H{seq:08d}",
            })
    with db.engine.begin() as conn:
        for i in range(0, len(rows), 5000):
            conn.execute(insert(Household), rows[i:i + 5000])
        ids = list(conn.execute(select(Household.id).where(Household.stage.is_not(None))).scalars())
        refs = [{"household_id": hid, "department": rnd.choice(["health", "education", "housing"]), "need": "测试",
                 "status": "sent", "sent_on": today - timedelta(days=30), "due_on": today - timedelta(days=rnd.choice([-5, 5]))}
                for hid in ids[::10]]
        conn.execute(insert(Referral), refs)
        visits = [{"household_id": hid, "visited_on": today - timedelta(days=rnd.randint(1, 300)), "visitors": "甲",
                   "findings": "无变化", "outcome": "unchanged"} for hid in ids[::2]]
        conn.execute(insert(Visit), visits)
        if db.is_sqlite:
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.execute(text("ANALYZE"))
    with db.session_factory() as s:
        name = s.scalar(select(Region.name).where(Region.id == subs[0]))
    assert name
    return system, subs[0], communities[0]


def run_services(kind: str, db: Database, actor: Actor, sub_id: int, per_column: int) -> None:
    print(f"\n== {kind}: {per_column:,} cards per column ({6 * per_column:,} on the board, "
          f"{per_column:,} off it)")
    ms, board = timed(lambda: monitoring.open_board(db, actor))
    counts = {c.stage: c.count for c in board}  # type: ignore[union-attr]
    print(f"  open board (6 counts + first page of 200 per column)   {ms:8.1f} ms   counts {counts}")
    ms, _ = timed(lambda: monitoring.column_counts(db, actor))
    print(f"  counts only                                            {ms:8.1f} ms")
    ms, cards = timed(lambda: monitoring.column_page(db, actor, "class_1"))
    print(f"  one page of one column (200 cards)                     {ms:8.1f} ms")
    flt = monitoring.BoardFilter(region_id=sub_id)
    ms, b = timed(lambda: monitoring.open_board(db, actor, flt))
    print(f"  filter: one sub-district, open board                   {ms:8.1f} ms   "
          f"{sum(c.count for c in b):,} cards")  # type: ignore[union-attr]
    flt = monitoring.BoardFilter(overdue_only=True)
    ms, b = timed(lambda: monitoring.open_board(db, actor, flt))
    print(f"  filter: overdue visits only                            {ms:8.1f} ms   "
          f"{sum(c.count for c in b):,} cards")  # type: ignore[union-attr]
    flt = monitoring.BoardFilter(category="dibao", search="王")
    ms, b = timed(lambda: monitoring.open_board(db, actor, flt))
    print(f"  filter: category + name search                         {ms:8.1f} ms   "
          f"{sum(c.count for c in b):,} cards")  # type: ignore[union-attr]

    def page_all() -> int:
        after, n = None, 0
        while True:
            page = monitoring.column_page(db, actor, "class_2", after_id=after)
            n += len(page)
            if len(page) < monitoring.PAGE_SIZE:
                return n
            after = page[-1].id

    ms, n = timed(page_all, runs=3)
    print(f"  scroll a whole column by keyset pages ({n:,} cards)      {ms:8.1f} ms")
    ms, n2 = timed(lambda: len(monitoring.column_page(db, actor, "class_2", limit=None)), runs=3)
    print(f"  live refresh of a fully loaded column ({n2:,} cards)      {ms:8.1f} ms")
    ms, _ = timed(lambda: [monitoring.column_page(db, actor, s, limit=200) for s in monitoring.BOARD_STAGES]
                  + [monitoring.column_counts(db, actor)], runs=5)
    print(f"  live refresh of the board as first opened              {ms:8.1f} ms")
    ids = [c.id for c in cards][:20]  # type: ignore[union-attr]
    times = []
    for i, hid in enumerate(ids):
        target = "class_2" if i % 2 == 0 else "applying"
        started = time.perf_counter()
        monitoring.move_card(db, actor, hid, target, "基准测试", expected_version=None)
        times.append((time.perf_counter() - started) * 1000)
    print(f"  move a card (reason, library move, audit, notify)      {statistics.median(times):8.1f} ms (median of 20)")
    ms, _ = timed(lambda: monitoring.visit_counts(db, actor))
    print(f"  visit counts (due / overdue this quarter)              {ms:8.1f} ms")
    year, quarter = rules.quarter_of(date.today())
    path = BENCH_DIR / f"board-quarterly-{kind}.xlsx"
    ms, report = timed(lambda: monitoring.export_quarterly_report(db, actor, year, quarter, path), runs=1)
    print(f"  quarterly report to xlsx ({report.total().missing:,} missing households)   {ms:8.1f} ms")  # type: ignore[union-attr]


def run_qt(kind: str, db: Database, actor: Actor) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop import i18n
    from desktop.views.board import BoardPage
    from desktop.views.context import AppContext

    app = QApplication.instance() or QApplication([])
    i18n.install(app, "zh_CN")  # type: ignore[arg-type]
    ctx = AppContext(db, actor)
    started = time.perf_counter()
    page = BoardPage(ctx)
    page.resize(1400, 850)
    page.show()
    app.processEvents()
    print(f"  Qt: build and show the page (board tab loaded)         {(time.perf_counter() - started) * 1000:8.1f} ms")
    column = page.board.columns["class_2"]
    started = time.perf_counter()
    while column.model.canFetchMore():
        column.view.scrollToBottom()
        app.processEvents()
    print(f"  Qt: scroll one column to its end ({column.model.rowCount():,} cards)     "
          f"{(time.perf_counter() - started) * 1000:8.1f} ms")
    started = time.perf_counter()
    for _ in range(20):
        column.view.verticalScrollBar().setValue(column.view.verticalScrollBar().value() - 500)
        column.view.viewport().repaint()
    print(f"  Qt: repaint after a scroll step (visible cards only)   {(time.perf_counter() - started) * 1000 / 20:8.1f} ms")
    started = time.perf_counter()
    page.board.refresh()
    print(f"  Qt: refresh (blocking) with {column.model.rowCount():,} loaded in a column "
          f"{(time.perf_counter() - started) * 1000:8.1f} ms")
    started = time.perf_counter()
    page.board.overdue.setChecked(True)
    app.processEvents()
    print(f"  Qt: tick 'overdue only' (reload all columns)           {(time.perf_counter() - started) * 1000:8.1f} ms")
    page.grab().save(str(BENCH_DIR / f"board-{kind}.png"))
    page.close()
    page.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-column", type=int, default=3000)
    parser.add_argument("--pg-url", default=os.environ.get("RELIEF_DESK_TEST_PG_URL",
                                                           "postgresql://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--qt", action="store_true", help="also time the Qt page")
    args = parser.parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)

    path = BENCH_DIR / "board.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db, _ = open_and_migrate(f"sqlite:///{path}")
    started = time.perf_counter()
    actor, sub_id, _ = populate(db, args.per_column)
    print(f"SQLite populated in {time.perf_counter() - started:.1f} s ({path})")
    run_services("sqlite", db, actor, sub_id, args.per_column)
    if args.qt:
        run_qt("sqlite", db, actor)
    db.dispose()

    if args.no_pg:
        return
    admin_url = make_url(args.pg_url).set(drivername="postgresql+psycopg")
    name = "relief_bench_board"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db, _ = open_and_migrate(admin_url.set(database=name).render_as_string(hide_password=False))
    started = time.perf_counter()
    actor, sub_id, _ = populate(db, args.per_column)
    print(f"\nPostgreSQL populated in {time.perf_counter() - started:.1f} s (database {name})")
    run_services("postgresql", db, actor, sub_id, args.per_column)
    if args.qt:
        run_qt("postgresql", db, actor)
    db.dispose()
    admin.dispose()


if __name__ == "__main__":
    main()
