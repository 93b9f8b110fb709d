"""relief-desk audit [--from D] [--to D] [--user U] [--kind K] [--text T] [--limit N] [--json] [--out FILE.xlsx]

The audit log: who did what, when and from which workstation, newest first."""

from __future__ import annotations

import argparse

from desktop.commands.common import (
    add_database_option,
    cli_actor,
    open_db,
    parse_date,
    parse_positive_int,
    parse_xlsx_path,
    print_json,
)
from desktop.services import audit


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("audit", help="查看或导出操作日志(谁在何时、从哪台电脑做了什么)")
    parser.add_argument("--from", dest="date_from", metavar="DATE", type=parse_date, default=None,
                        help="开始日期 YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", metavar="DATE", type=parse_date, default=None,
                        help="结束日期 YYYY-MM-DD(含当天)")
    parser.add_argument("--user", default="", help="只看此用户:用户名或姓名(命令行所做的操作记在“系统”名下)")
    parser.add_argument("--kind", default="", choices=list(audit.GROUPS),
                        help="操作类别:" + ",".join(f"{k}={label}" for k, (label, _) in audit.GROUPS.items()))
    parser.add_argument("--text", default="", help="说明、操作或工作站中含有的文字;填完整的户编号时列出该户的全部记录(不列只是文字中含有它的记录),"
                        "填户主身份证号或完整姓名时也列出该户的全部记录,填完整姓名时还列出关于此人的线索的记录")
    parser.add_argument("--limit", type=parse_positive_int, default=100, help="最多列出多少条(默认 100;导出时不限)")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--out", metavar="FILE.xlsx", default=None, type=parse_xlsx_path, help="把符合条件的全部记录导出到此文件")
    add_database_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    flt = audit.AuditFilter(args.date_from, args.date_to, args.user.strip(), args.kind, args.text)
    db = open_db(args)
    try:
        if args.out:
            n = audit.export_xlsx(db, cli_actor(), flt, args.out)
            if args.json:
                print_json({"out": args.out, "exported": n})
            else:
                print(f"已导出操作日志 {n} 条:{args.out}")
            return 0
        rows = audit.list_entries(db, cli_actor(), flt, limit=args.limit)
    finally:
        db.dispose()
    if args.json:
        print_json([{"id": r.id, "at": r.at.isoformat(), "user": r.username, "workstation": r.workstation,
                     "action": r.action, "action_label": r.action_label, "entity": r.entity, "entity_id": r.entity_id,
                     "household_id": r.household_id, "detail": r.detail, "target": r.target,
                     "changes": [{"field": c.key, "label": c.label, "before": c.before, "after": c.after}
                                 for c in r.changes]} for r in rows])
        return 0
    if not rows:
        print("没有符合条件的操作记录。")
    for r in rows:
        print(f"{r.at.astimezone():%Y-%m-%d %H:%M:%S}\t{r.user_label or r.username}\t{r.workstation}\t{r.action_label}\t{r.target}\t"
              f"{r.detail}")
    return 0
