"""relief-desk payment-roster YYYY-MM --out FILE.xlsx [--region R] [--json] — the month's payment roster (发放花名册);
relief-desk publicity --from D --to D --out FILE.xlsx [--region R] [--json] — the publicity list (公示名单) of the
approvals decided in a period: name, family size and amount only (RULES.md §1.5)."""

from __future__ import annotations

import argparse

from desktop.commands.common import (
    add_database_option,
    cli_actor,
    open_db,
    parse_date,
    parse_month,
    parse_xlsx_path,
    print_json,
    region_named,
)
from desktop.services import applications


def register(sub: argparse._SubParsersAction) -> None:
    roster = sub.add_parser("payment-roster", help="导出某月已登记的救助发放花名册 xlsx(交财政或银行)")
    roster.add_argument("month", type=parse_month, help="月份 YYYY-MM(须已登记发放)")
    roster.add_argument("--region", default=None, help="区划名称或代码(默认全区)")
    roster.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    roster.add_argument("--json", action="store_true", help="以 JSON 输出户数和合计金额")
    add_database_option(roster)
    roster.set_defaults(func=run)

    publicity = sub.add_parser("publicity", help="导出某段时间内批准的救助审批结果公示名单 xlsx(只含姓名、家庭人口、金额)")
    publicity.add_argument("--from", dest="date_from", required=True, metavar="DATE", type=parse_date,
                           help="审批决定日期自(YYYY-MM-DD)")
    publicity.add_argument("--to", dest="date_to", required=True, metavar="DATE", type=parse_date,
                           help="审批决定日期至(YYYY-MM-DD,含当天)")
    publicity.add_argument("--region", default=None, help="区划名称或代码(默认全区)")
    publicity.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    publicity.add_argument("--json", action="store_true", help="以 JSON 输出户数")
    add_database_option(publicity)
    publicity.set_defaults(func=run_publicity)


def run(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        n, total = applications.export_payment_roster_xlsx(db, cli_actor(), args.out, args.month,
                                                           region_id=region_named(db, args.region))
    finally:
        db.dispose()
    if args.json:
        print_json({"month": f"{args.month:%Y-%m}", "households": n, "amount": str(total), "out": args.out})
        return 0
    print(f"已导出 {args.month:%Y年%m月} 救助发放花名册:{n} 户,合计 {total:,.2f} 元 → {args.out}")
    return 0


def run_publicity(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        n = applications.export_publicity_xlsx(db, cli_actor(), args.out, decided_from=args.date_from,
                                               decided_to=args.date_to, region_id=region_named(db, args.region))
    finally:
        db.dispose()
    if args.json:
        print_json({"from": args.date_from.isoformat(), "to": args.date_to.isoformat(), "households": n,
                    "out": args.out})
        return 0
    print(f"已导出{applications.publicity_title(args.date_from, args.date_to)}:{n} 户 → {args.out}")
    return 0
