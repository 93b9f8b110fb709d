"""relief-desk clue list|export|add|assign|reopen"""

from __future__ import annotations

import argparse
import re
from datetime import date

from desktop.commands.common import (
    add_database_option,
    argument_type,
    cli_actor,
    open_db,
    parse_date,
    parse_positive_int,
    parse_xlsx_path,
    print_json,
    region_named,
)
from desktop.rules.codes import CHANNEL_LABELS, SourceLevel, department_key
from desktop.services import clues
from desktop.services.database import Database
from desktop.services.errors import ValidationFailed


def _all_sources() -> dict[str, str]:
    return {code: level for level, labels in clues.SOURCES_BY_LEVEL.items() for code in labels}


def _informant_and_vertical_labels() -> dict[str, tuple[str, str]]:
    """An informant's or a vertical source's Chinese name (楼栋长, 网格 …) → (level, code): typed
    instead of its code it is that source, not a department of that name."""
    return {label: (level, code) for level, labels in clues.SOURCES_BY_LEVEL.items()
            if level != SourceLevel.DEPARTMENT.value for code, label in labels.items()}


_CODE_LIKE = re.compile(r"[a-z][a-z_]*")


def read_source(text: str) -> tuple[str, str]:
    """(level, source) from a source code (building_head, grid, hrss …), an informant's or vertical
    source's Chinese name (楼栋长, 网格), or a department's name: one
    of the nine by its name (人社局) or a department outside them by its own (公安局, kept as typed).
    A word written like a code that is none (nosuch) is a mistyped code, not a department."""
    wanted = text.strip()
    level = _all_sources().get(wanted.lower())
    if level is not None:
        return level, wanted.lower()
    named = _informant_and_vertical_labels().get(wanted)
    if named is not None:
        return named
    if _CODE_LIKE.fullmatch(wanted) or not wanted:
        raise ValueError(f"未知的线索来源“{text}”:请写来源代码(见 clue add --help),"
                         "或报送部门的名称(如 人社、公安局)。")
    return SourceLevel.DEPARTMENT.value, department_key(wanted)


parse_source = argument_type(read_source)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("clue", help="线索登记与查询")
    csub = parser.add_subparsers(dest="clue_command", metavar="ACTION", required=True)

    lst = csub.add_parser("list", help="列出线索")
    _filter_arguments(lst)
    lst.add_argument("--limit", type=parse_positive_int, default=50, help="最多列出多少条(默认 50)")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出(一个数组,每条线索一个对象)")
    add_database_option(lst)
    lst.set_defaults(func=list_clues)

    export = csub.add_parser("export", help="把符合条件的全部线索导出为 xlsx 工作清单(身份证号按权限遮挡,记入操作日志)")
    _filter_arguments(export)
    export.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    add_database_option(export)
    export.set_defaults(func=export_clues)

    sources = ",".join(f"{code}={label}" for labels in clues.SOURCES_BY_LEVEL.values()
                       for code, label in labels.items())
    add = csub.add_parser("add", help="登记一条线索")
    add.add_argument("--name", required=True, help="当事人姓名")
    add.add_argument("--id-number", default="", help="身份证号")
    add.add_argument("--phone", default="", help="当事人联系电话")
    add.add_argument("--address", default="", help="当事人住址")
    add.add_argument("--source", required=True, type=parse_source, metavar="SOURCE",
                     help="线索来源:" + sources + ";九个部门之外的部门写其名称(如 公安局)")
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

    reopen = csub.add_parser("reopen", help="重新打开一条已办结的线索(办结有误或情况有变化),理由记入操作日志")
    reopen.add_argument("id", type=parse_positive_int, help="线索编号")
    reopen.add_argument("--reason", required=True, help="重新打开的理由(必填)")
    reopen.add_argument("--json", action="store_true", help="以 JSON 输出结果(一个对象)")
    add_database_option(reopen)
    reopen.set_defaults(func=reopen_clue)


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The inbox's filters, for ``list`` and ``export`` alike."""
    parser.add_argument("--status", choices=clues.STATUSES, action="append", help="状态(可多次给出;默认全部)")
    parser.add_argument("--region", default=None, help="区划名称或代码(含下级)")
    parser.add_argument("--unassigned", action="store_true", help="只要尚未分派的线索")
    parser.add_argument("--source", type=parse_source, metavar="SOURCE", default=None,
                        help="线索来源(代码同 clue add;部门也可写名称,如 人社、公安局)")
    parser.add_argument("--from", dest="date_from", type=parse_date, default=None, help="发现日期自 YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=parse_date, default=None, help="发现日期至 YYYY-MM-DD")
    parser.add_argument("--text", default="", help="姓名(开头几个字)或身份证号(全部或末几位)")


def _filter(db: Database, args: argparse.Namespace) -> clues.ClueFilter:
    if args.unassigned and args.region:
        raise ValidationFailed("--unassigned 与 --region 不能同时给出:未分派的线索不属于任何区划。")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ValidationFailed(f"--from {args.date_from} 晚于 --to {args.date_to}。")
    return clues.ClueFilter(statuses=tuple(dict.fromkeys(args.status or ())), region_id=region_named(db, args.region),
                            unassigned_only=args.unassigned,
                            source_level=args.source[0] if args.source else None,
                            source=args.source[1] if args.source else None,
                            date_from=args.date_from, date_to=args.date_to, text=args.text)


def list_clues(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        flt = _filter(db, args)
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


def export_clues(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        n = clues.export_clues(db, cli_actor(), _filter(db, args), args.out)
    finally:
        db.dispose()
    print(f"已导出 {n:,} 条线索 → {args.out}")
    return 0


def add_clue(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        reported_on = args.date or date.today()
        level, source = args.source
        clue_id = clues.add_clue(db, cli_actor(), clues.ClueInput(
            source_level=SourceLevel(level), source=source, reported_on=reported_on,
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


def reopen_clue(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        plan = clues.reopen_clue(db, cli_actor(), args.id, reason=args.reason)
    finally:
        db.dispose()
    if args.json:
        print_json({"id": plan.clue_id, "status": plan.returns_to, "previous_outcome": plan.outcome,
                    "closed_on": plan.closed_on, "household_id": plan.household_id, "stage_before": plan.stage,
                    "stage": plan.to_stage, "class_note": plan.effect, "other_open_clue_id": plan.other_open_clue_id})
        return 0
    print(f"已重新打开线索 #{plan.clue_id}({plan.person_name}),原办结结果:{plan.outcome_label or '无'},"
          f"现为“{plan.returns_to_label}”。")
    print(plan.effect)
    if plan.other_open_clue_id is not None:
        print(f"注意:该当事人另有未办结的线索 #{plan.other_open_clue_id}。")
    return 0
