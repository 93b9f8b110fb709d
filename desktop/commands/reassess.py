"""relief-desk reassess [--region NAME] [--as-of DATE] --out FILE.xlsx [--json]: 政策找人.

Re-runs the means test for every household in scope with the settings in force and writes one row per
household. Nothing in the registry changes: confirming the proposed moves is done in the window.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from desktop.commands.common import (
    add_database_option,
    cli_actor,
    open_db,
    parse_date,
    parse_xlsx_path,
    print_json,
    region_named,
)
from desktop.rules import means_test as mt
from desktop.services import assessment
from desktop.services.progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reassess", help="按某日生效的政策参数重新评估全部家庭(政策找人),结果写入 xlsx")
    parser.add_argument("--region", default=None, help="只评估该区划(名称或代码)及其下级")
    parser.add_argument("--as-of", dest="as_of", type=parse_date, default=None, help="评估日期 YYYY-MM-DD(默认今天)")
    parser.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出汇总和变化的家庭")
    add_database_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = cli_actor()
    try:
        region_id = region_named(db, args.region)
        quiet = args.json or not sys.stderr.isatty()

        def report(done: int, total: int, text: str) -> None:
            if not quiet and text:
                print("\r" + text, end="", file=sys.stderr, flush=True)

        summary = assessment.reassess(db, actor, region_id=region_id, as_of=args.as_of or date.today(),
                                      out_path=args.out, progress=Progress(report))
        if not quiet:
            print(file=sys.stderr)
    finally:
        db.dispose()
    if args.json:
        print_json({
            "as_of": summary.as_of.isoformat(), "out": summary.out_path, "total": summary.total,
            "assessed": summary.assessed, "changed": summary.changed, "without_members": summary.without_members,
            "by_category": {mt.RESULT_LABELS[k]: v for k, v in summary.by_category.items()},
            "dibao_allowance_monthly": str(summary.dibao_allowance),
            "figures_off_period": summary.figures_off_period,
            "settings": summary.settings_used,
            "changes": [{"household_id": p.household_id, "code": p.code, "head_name": p.head_name,
                         "current": assessment.category_label(p.current_category),
                         "suggested": mt.RESULT_LABELS[p.suggested_category],
                         "per_capita_income": str(p.per_capita_income),
                         "placement": mt.PLACEMENT_LABELS[p.placement]} for p in summary.proposals],
        })
        return 0
    counts = ",".join(f"{mt.RESULT_LABELS[k]} {v} 户" for k, v in summary.by_category.items())
    print(f"已按 {summary.as_of.isoformat()} 生效的政策参数重新评估 {summary.total} 户:{counts}。")
    if summary.by_category.get("dibao"):
        print(f"按差额测算,评估为低保的 {summary.by_category['dibao']} 户每月保障金合计 {summary.dibao_allowance:,.2f} 元。")
    if summary.without_members:
        print(f"{summary.without_members} 户没有成员记录(或评估日期时成员均未出生),无法评估(已在表中注明)。")
    if summary.figures_off_period:
        print(f"注意:{summary.figures_off_period} 户的收支数据不是评估日期前12个月的(已在表的备注中注明),"
              "其结果请核实。")
    print(f"类别有变化的 {summary.changed} 户;结果已写入 {summary.out_path}。")
    if summary.changed:
        print("登记册尚未改动:请在“综合评估 → 重新评估全部”中确认库别调整。")
    return 0
