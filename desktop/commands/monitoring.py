"""relief-desk board | visit-list | quarterly-report | referral-list — the monitoring board from the command line."""

from __future__ import annotations

import argparse
from datetime import date

from desktop.commands.common import (
    add_database_option,
    cli_actor,
    open_db,
    parse_date,
    parse_xlsx_path,
    parse_year,
    print_json,
    region_named,
)
from desktop.rules import monitoring as rules
from desktop.rules.codes import DEPARTMENT_LABELS, department_code
from desktop.services import monitoring, referrals
from desktop.services.errors import ValidationFailed

AS_OF_HELP = "按此日期计算本季度、走访与转介是否逾期(YYYY-MM-DD,默认今天;库别总是当前的)"


def register(sub: argparse._SubParsersAction) -> None:
    board = sub.add_parser("board", help="监测预警看板:各库户数与走访情况")
    board.add_argument("--region", default=None, help="区划名称或代码(默认全区)")
    board.add_argument("--json", action="store_true", help="以 JSON 输出")
    board.add_argument("--as-of", type=parse_date, default=None, help=AS_OF_HELP)
    add_database_option(board)
    board.set_defaults(func=show_board)

    visits = sub.add_parser("visit-list", help="导出走访名单 xlsx(本季度未走访/已逾期/全部监测家庭,含住址电话)")
    visits.add_argument("--state", default="due", choices=monitoring.VISIT_STATES,
                        help="哪些家庭:" + ",".join(f"{k}={v}" for k, v in monitoring.VISIT_STATE_LABELS.items())
                        + "(默认 due)")
    visits.add_argument("--region", default=None, help="区划名称或代码(默认全区)")
    visits.add_argument("--search", default="", help="户主姓名、身份证号(末几位)或电话")
    visits.add_argument("--as-of", type=parse_date, default=None, help=AS_OF_HELP)
    visits.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    visits.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果(文件、户数)")
    add_database_option(visits)
    visits.set_defaults(func=visit_list)

    report = sub.add_parser("quarterly-report", help="导出季度上报表(一季度一上报)xlsx")
    report.add_argument("--year", type=parse_year, default=None,
                        help="年份(只给 --quarter 时为该季度最近一次所在的年份,如 1 月里的第 4 季度是上一年)")
    report.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], default=None,
                        help="季度(都不给时:季度结束后的第一个月里是刚结束的季度,即应上报的那个,其余时候是本季度;"
                             "只给 --year 时是该年的本季度)")
    report.add_argument("--region", default=None, help="区划名称或代码(默认全区)")
    report.add_argument("--as-of", type=parse_date, default=None,
                        help="按此日期判断季度是否已结束(YYYY-MM-DD,默认今天)")
    report.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    report.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果(文件、季度、各项合计)")
    add_database_option(report)
    report.set_defaults(func=quarterly_report)

    refs = sub.add_parser("referral-list", help="导出某部门的转介名单 xlsx")
    refs.add_argument("department", help="部门:" + "、".join(DEPARTMENT_LABELS.values()))
    statuses = {"open": "未办结(默认)", "overdue": "已逾期", "all": "全部", **rules.REFERRAL_STATUSES}
    refs.add_argument("--status", default="open", choices=referrals.STATUS_FILTERS,
                      help="状态:" + ",".join(f"{s}={statuses.get(s, s)}" for s in referrals.STATUS_FILTERS))
    refs.add_argument("--as-of", type=parse_date, default=None, help="按此日期计算是否逾期(YYYY-MM-DD,默认今天)")
    refs.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    refs.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果(文件、部门、件数)")
    add_database_option(refs)
    refs.set_defaults(func=referral_list)


def show_board(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = cli_actor()
        today = args.as_of or date.today()
        region_id = region_named(db, args.region)
        counts = monitoring.column_counts(db, actor, monitoring.BoardFilter(region_id=region_id), today=today)
        visits = monitoring.visit_counts(db, actor, region_id=region_id, today=today)
        overdue = monitoring.column_counts(db, actor, monitoring.BoardFilter(region_id=region_id, overdue_only=True),
                                           today=today)
        if args.json:
            print_json({"columns": counts, "overdue": overdue, "visits": visits})
            return 0
        for stage, n in counts.items():
            late = f"(走访逾期 {overdue[stage]})" if overdue[stage] else ""
            print(f"{rules.stage_label(stage)}\t{n}{late}")
        year, quarter = rules.quarter_of(today)
        print(f"{rules.quarter_label(year, quarter)}:需走访 {visits['all']} 户,未访 {visits['due']} 户,"
              f"逾期 {visits['overdue']} 户")
    finally:
        db.dispose()
    return 0


def quarterly_report(args: argparse.Namespace) -> int:
    today = args.as_of or date.today()
    this_year, this_quarter = rules.quarter_of(today)
    if args.quarter is None and args.year is None:  # the quarter due (as the window's dialog opens on)
        year, quarter = rules.quarter_to_report(today)
    else:
        quarter = args.quarter or this_quarter
        year = args.year or rules.latest_year_of(quarter, today)  # "--quarter 4" in January: last year's
    if (year, quarter) > (this_year, this_quarter):
        raise ValidationFailed(f"{rules.quarter_label(year, quarter)}还没有开始,不能上报"
                               f"(本季度是{rules.quarter_label(this_year, this_quarter)})。")
    db = open_db(args)
    try:
        report = monitoring.export_quarterly_report(db, cli_actor(), year, quarter, args.out,
                                                    region_id=region_named(db, args.region), today=today)
        total = report.total()
        if args.json:
            print_json({"file": args.out, "title": report.title, "year": year, "quarter": quarter,
                        "finished": report.finished, "communities": len(report.rows), "due": total.due,
                        "done": total.done, "missing": total.missing, "visits": total.visits, "moves": total.moves,
                        "referrals_opened": total.referrals_opened, "referrals_closed": total.referrals_closed,
                        "note": report.interim_note()})
            return 0
        print(f"已导出 {report.title} 到 {args.out}:{len(report.rows)} 个社区(村),应访 {total.due} 户,"
              f"已访 {total.done} 户,未访 {total.missing} 户,库别调整 {total.moves} 次,"
              f"新开转介 {total.referrals_opened} 件,办结 {total.referrals_closed} 件。")
        if not report.finished:
            print("注意:" + report.interim_note())
    finally:
        db.dispose()
    return 0


def visit_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        n = monitoring.export_visit_list(db, cli_actor(), args.out, state=args.state,
                                         region_id=region_named(db, args.region), search=args.search,
                                         today=args.as_of)
    finally:
        db.dispose()
    if args.json:
        print_json({"file": args.out, "state": args.state, "households": n})
    else:
        print(f"已导出走访名单({monitoring.VISIT_STATE_LABELS[args.state]}){n:,} 户 → {args.out}")
    return 0


def referral_list(args: argparse.Namespace) -> int:
    code = department_code(args.department)
    if code is None:
        raise ValidationFailed(f"未知的部门“{args.department}”。可用:{'、'.join(DEPARTMENT_LABELS.values())}")
    db = open_db(args)
    try:
        n = referrals.export_department_list(db, cli_actor(), code, args.out, status=args.status, today=args.as_of)
        if args.json:
            print_json({"file": args.out, "department": DEPARTMENT_LABELS[code], "status": args.status,
                        "referrals": n})
        else:
            print(f"已导出 {DEPARTMENT_LABELS[code]} 转介名单 {n} 件到 {args.out}。")
    finally:
        db.dispose()
    return 0
