"""relief-desk today [--json]: what waits today, across the loop (the window's first page, 今日工作).

Clues to assign and investigate, households waiting for acceptance, applications open and late, written
refusals to serve, checks after approval, the month's payments to record, the quarter's visits, open
referrals and a holiday schedule not entered. The command line counts for the whole district."""

from __future__ import annotations

import argparse

from desktop.commands.common import add_database_option, cli_actor, open_db, print_json
from desktop.services import workbench


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("today", help="今日工作:各环节待办的件数与逾期数(线索、受理、申请、核查、发放、走访、转介、节假日安排)")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_database_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        work = workbench.todays_work(db, cli_actor())
    finally:
        db.dispose()
    if args.json:
        print_json(work.as_json())
        return 0
    print(f"今日工作 {work.today.isoformat()}({work.scope})")
    area = ""
    for item in work.items:
        if item.area != area:
            area = item.area
            print(area)
        if item.key == "calendar":  # years, not things to do: in words
            print(f"  {item.label}:{item.note or '今年' + ('和明年' if work.today.month >= 10 else '') + '的已录入'}")
            continue
        parts = [f"{item.count:,}"] + ([f"逾期 {item.late:,}"] if item.late else []) + ([item.note] if item.note else [])
        print(f"  {item.label}:{'  '.join(parts)}")
    print(f"逾期合计 {work.late:,} 件。各项在窗口的“今日工作”页可直接打开对应列表。")
    return 0
