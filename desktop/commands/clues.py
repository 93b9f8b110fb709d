"""relief-desk clue list|add|assign"""

from __future__ import annotations

import argparse
from datetime import date

from desktop.commands.common import (
    add_database_option,
    cli_actor,
    open_db,
    parse_date,
    parse_positive_int,
    print_json,
    region_named,
)
from desktop.rules.codes import CHANNEL_LABELS, SourceLevel
from desktop.services import clues


def _all_sources() -> dict[str, str]:
    return {code: level for level, labels in clues.SOURCES_BY_LEVEL.items() for code in labels}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("clue", help="线索登记与查询")
    csub = parser.add_subparsers(dest="clue_command", metavar="ACTION", required=True)

    lst = csub.add_parser("list", help="列出线索")
    lst.add_argument("--status", choices=clues.STATUSES, action="append", help="状态(可多次给出)")
    lst.add_argument("--region", default=None, help="区划名称或代码(含下级)")
    lst.add_argument("--limit", type=parse_positive_int, default=50, help="最多列出多少条(默认 50)")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出(一个数组,每条线索一个对象)")
    add_database_option(lst)
    lst.set_defaults(func=list_clues)

    sources = ",".join(f"{code}={label}" for labels in clues.SOURCES_BY_LEVEL.values()
                       for code, label in labels.items())
    add = csub.add_parser("add", help="登记一条线索")
    add.add_argument("--name", required=True, help="当事人姓名")
    add.add_argument("--id-number", default="", help="身份证号")
    add.add_argument("--phone", default="")
    add.add_argument("--address", default="")
    add.add_argument("--source", required=True, choices=sorted(_all_sources()), metavar="SOURCE",
                     help="线索来源:" + sources)
    add.add_argument("--channel", choices=sorted(CHANNEL_LABELS), default=None,
                     help="发现渠道:" + ",".join(f"{k}={v}" for k, v in CHANNEL_LABELS.items()))
    add.add_argument("--date", type=parse_date, default=None, help="发现日期 YYYY-MM-DD(默认今天)")
    add.add_argument("--reported-by", default="", help="报告人")
    add.add_argument("--description", required=True, help="发现的情况")
    add.add_argument("--region", default=None, help="分派到的区划名称或代码")
    add_database_option(add)
    add.set_defaults(func=add_clue)

    assign = csub.add_parser("assign", help="把线索分派到街道或社区")
    assign.add_argument("ids", nargs="+", type=parse_positive_int, help="线索编号")
    assign.add_argument("--region", required=True, help="区划名称或代码")
    add_database_option(assign)
    assign.set_defaults(func=assign_clues)


def list_clues(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        flt = clues.ClueFilter(statuses=tuple(args.status or ()), region_id=region_named(db, args.region))
        rows = clues.list_clues(db, cli_actor(), flt, limit=args.limit)
        if args.json:  # one JSON document (an array), as deadlines and audit print
            print_json([{"id": c.id, "status": c.status, "name": c.person_name, "id_number": c.id_number,
                         "source_level": c.source_level, "source": c.source, "channel": c.channel,
                         "reported_on": c.reported_on, "region": c.region_name, "outcome": c.outcome,
                         "household_id": c.household_id} for c in rows])
            return 0
        for c in rows:
            print(f"{c.id}\t{c.status_label}\t{c.reported_on}\t{c.person_name}\t{c.id_number}\t"
                  f"{c.source_label}\t{c.region_name or '未分派'}\t{c.outcome_label}")
        counts = clues.count_clues(db, cli_actor(), flt)
        print("合计:" + ",".join(f"{clues.STATUS_LABELS[s]} {n}" for s, n in counts.by_status.items()))
    finally:
        db.dispose()
    return 0


def add_clue(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        reported_on = args.date or date.today()
        level = _all_sources()[args.source]
        clue_id = clues.add_clue(db, cli_actor(), clues.ClueInput(
            source_level=SourceLevel(level), source=args.source, reported_on=reported_on,
            description=args.description, person_name=args.name, id_number=args.id_number, phone=args.phone,
            address=args.address, channel=args.channel, reported_by=args.reported_by,
            region_id=region_named(db, args.region)))
        print(f"已登记线索 #{clue_id}。")
    finally:
        db.dispose()
    return 0


def assign_clues(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        region_id = region_named(db, args.region)
        assert region_id is not None
        n = clues.assign_clues(db, cli_actor(), args.ids, region_id)
        print(f"已将 {n} 条线索分派到{args.region}。")
    finally:
        db.dispose()
    return 0
