"""relief-desk deadlines [--overdue] [--as-of DATE] [--json | --out FILE.xlsx]; relief-desk post-checks [--overdue] [--within DAYS]
[--as-of DATE] [--json]; relief-desk assistance-month YYYY-MM [--dry-run] [--json]

Open applications with their next step, due date and working days left, and with them the emergency
help given first (临时救助 急难型) whose data check or home survey is still to complete afterwards,
marked 先行救助、待补办 (approved already: no procedure deadline). The first 5,000 (LIST_LIMIT) soonest due,
overdue ones looked for among all; a text list cut there says so in its last line; --json and --out give
every one. A deadline that falls
in a year whose holiday schedule nobody has entered carries the warning (RULES.md §2). The checks
after approval still to do (centralised cross-check, yearly review, spot check), earliest first."""

from __future__ import annotations

import argparse
from datetime import date

from desktop.commands.common import (
    add_database_option,
    cli_actor,
    open_db,
    parse_date,
    parse_days,
    parse_month,
    parse_xlsx_path,
    print_json,
)
from desktop.services import applications


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("deadlines", help="列出办理中的申请及其期限、剩余工作日(含先行救助、待补办的步骤)")
    parser.add_argument("--overdue", action="store_true", help="只列出已逾期的申请(含逾期未补办的)")
    parser.add_argument("--as-of", type=parse_date, default=None, help="按此日期计算(YYYY-MM-DD,默认今天)")
    output = parser.add_mutually_exclusive_group()  # --out wrote a sentence where --json promised JSON
    output.add_argument("--json", action="store_true", help="以 JSON 输出")
    output.add_argument("--out", metavar="FILE.xlsx", type=parse_xlsx_path, default=None,
                        help="把这些申请导出为 xlsx 申请清单(记入操作日志)")
    add_database_option(parser)
    parser.set_defaults(func=run)
    checks = sub.add_parser("post-checks", help="列出待做的审批后核查(集中比对、定期复核、随机抽查),最早到期的在前")
    checks.add_argument("--overdue", action="store_true", help="只列出已过期限的核查")
    checks.add_argument("--within", type=parse_days, default=None, metavar="DAYS",
                        help="只列出此天数内到期(含已过期)的核查")
    checks.add_argument("--as-of", type=parse_date, default=None, help="按此日期计算(YYYY-MM-DD,默认今天)")
    checks.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_database_option(checks)
    checks.set_defaults(func=run_post_checks)
    month = sub.add_parser("assistance-month", help="为所有正在救助中的申请写入某月的救助发放记录(已写入的不重复)")
    month.add_argument("month", type=parse_month, help="月份 YYYY-MM(不能晚于本月)")
    month.add_argument("--dry-run", action="store_true", help="只列出已登记和待登记的户数与金额,不写入")
    month.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_database_option(month)
    month.set_defaults(func=run_month)


def run_month(args: argparse.Namespace) -> int:
    db = open_db(args)
    ended = n = 0
    try:
        # the earlier months still to record, said in words (the JSON's keys are the month's own)
        earlier = [] if args.json else applications.unrecorded_months(db, cli_actor(), today=args.month)
        state = applications.monthly_assistance(db, cli_actor(), args.month)
        if not args.dry_run:
            ended = applications.end_gradual_exits(db, cli_actor())
            n = applications.record_monthly_assistance(db, cli_actor(), args.month)
            state = applications.monthly_assistance(db, cli_actor(), args.month)
    finally:
        db.dispose()
    if args.json:
        print_json({"month": f"{state.month:%Y-%m}", "dry_run": args.dry_run, "written": n,
                    "gradual_exits_ended": ended, "recorded": state.recorded,
                    "recorded_amount": str(state.recorded_amount), "due": state.due, "due_amount": str(state.due_amount)})
        return 0
    if earlier:  # recording February while January waits
        print("注意:以前月份未登记:" + "、".join(f"{m:%Y年%m月}" for m in earlier)
              + "(这些家庭没有发放,或已发放但没有登记),请补登。")
    if args.dry_run:
        print(f"{state.month:%Y年%m月}:已登记 {state.recorded} 户,合计 {state.recorded_amount:,.2f} 元;"
              f"待登记 {state.due} 户,合计 {state.due_amount:,.2f} 元。(试运行,未写入)")
        return 0
    if ended:
        print(f"就业渐退期已满 {ended} 户,已停止救助并转入决定时选定的库别。")
    print(f"已写入 {args.month:%Y年%m月} 救助发放记录 {n} 户;"
          f"本月共登记 {state.recorded} 户,合计 {state.recorded_amount:,.2f} 元。")
    return 0


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    db = open_db(args)
    if args.out:
        try:
            n = applications.export_applications_xlsx(db, cli_actor(), args.out, as_of=as_of,
                                                      status=applications.TO_DO, overdue_only=args.overdue)
        finally:
            db.dispose()
        print(f"已导出{'逾期' if args.overdue else '办理中及待补办'}申请 {n} 件 → {args.out}")
        return 0
    try:
        # --json is for scripts: every application, as --out writes them; the text for people is cut
        rows = applications.deadlines(db, cli_actor(), as_of=as_of, overdue_only=args.overdue,
                                      limit=applications.EXPORT_LIMIT if args.json else None)
        awaiting = applications.awaiting_acceptance(db, cli_actor(), limit=20) \
            if not (args.json or args.overdue) else None
    finally:
        db.dispose()
    if args.json:
        print_json([{
            "id": r.id, "household_id": r.household_id, "head_name": r.head_name, "region": r.region_name,
            "subdistrict": r.subdistrict_name, "category": r.category, "track": r.track, "accepted_on": r.accepted_on,
            "status": r.status, "after_help": r.after_help,
            "marker": applications.AFTER_HELP_MARKER if r.after_help else "",
            "next_step": r.next_step, "next_step_label": r.next_step_label, "step_due_on": r.step_due_on,
            # help given first is decided: the whole procedure's deadline no longer applies to its paperwork
            "due_on": None if r.after_help else r.due_on, "decided_on": r.decided_on,
            "effective_due_on": r.effective_due_on, "working_days_left": r.working_days_left,
            "overdue": r.overdue, "extended": r.extended, "warning": r.warning} for r in rows])
        return 0
    if not rows:
        print(f"截至 {as_of.isoformat()},没有{'逾期的' if args.overdue else '办理中或待补办的'}申请。")
        _print_awaiting(awaiting)
        return 0
    after_help = sum(1 for r in rows if r.after_help)
    count = f"{len(rows)} 件" + (f"(其中先行救助、待补办 {after_help} 件)" if after_help else "")
    print(f"截至 {as_of.isoformat()},{'逾期' if args.overdue else '办理中'}申请 {count}:")
    print("编号\t户主\t社区(村)\t类别\t办理方式\t待办步骤\t步骤期限\t办结期限\t剩余工作日\t状态")
    warnings: dict[str, list[int]] = {}
    for r in rows:
        left = "" if r.working_days_left is None else (  # as the applications page says it: no minus sign
            f"已逾期 {-r.working_days_left} 个工作日" if r.working_days_left < 0 else str(r.working_days_left))
        state = "已逾期" if r.overdue else ("已延期" if r.extended else "")
        if r.after_help:  # approved already: not to be taken for an application still undecided
            state = applications.AFTER_HELP_MARKER + (" " + state if state else "")
        if r.warning:
            state = (state + " " if state else "") + "期限为估算*"
            warnings.setdefault(r.warning, []).append(r.id)
        print("\t".join([str(r.id), r.head_name, r.region_name, r.category_label, r.track_label,
                         r.next_step_label or "-", r.step_due_on.isoformat() if r.step_due_on else "-",
                         "-" if r.after_help else r.due_on.isoformat(), left, state]))
    for text, ids in warnings.items():
        print(f"*警告:{text}(涉及申请 {'、'.join(map(str, ids))})。")
    if rows.truncated:  # never cut silently
        print(f"仅显示前 {len(rows):,} 件,共 {rows.total:,} 件;用 --out 导出全部")
    _print_awaiting(awaiting)
    return 0


def _print_awaiting(awaiting: list[applications.AwaitingAcceptance] | None) -> None:
    """The households in 申请中 whose application is not accepted yet: no deadline runs for them, and
    they are not in the list above, but they are waiting (a clue closed as "check passed" put them there)."""
    if not awaiting:
        return
    total = getattr(awaiting, "total", len(awaiting))
    named = "、".join(f"{a.head_name}(家庭 #{a.household_id}" + (f",线索 #{a.clue_id}" if a.clue_id else "")
                     + (f",{a.since} 起" if a.since else "") + ")" for a in awaiting)
    more = f" 等 {total} 户" if total > len(awaiting) else ""
    print(f"另有 {total} 户在“申请中”但尚未受理申请(未计期限):{named}{more}。"
          "请在窗口“申请审批”页的“待受理”中为其受理申请。")


def run_post_checks(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    db = open_db(args)
    # --json is for scripts: every check; the text for people shows the earliest LIST_LIMIT and says so
    limit = applications.EXPORT_LIMIT if args.json else applications.LIST_LIMIT
    try:
        rows = applications.post_check_queue(db, cli_actor(), as_of=as_of, due_within_days=args.within,
                                             overdue_only=args.overdue, limit=limit)
    finally:
        db.dispose()
    if args.json:
        print_json([{"id": r.id, "application_id": r.application_id, "head_name": r.head_name, "region": r.region_name,
                     "kind": r.kind, "kind_label": r.kind_label, "due_on": r.due_on, "overdue": r.overdue,
                     "days_left": (r.due_on - as_of).days, "sample_id": r.sample_id,
                     "assistance_ends": r.assistance_ends, "assistance_ended": r.assistance_ended} for r in rows])
        return 0
    which = "已过期限的" if args.overdue else (f"{args.within} 天内到期的" if args.within is not None else "待做的")
    if not rows:
        print(f"截至 {as_of.isoformat()},没有{which}审批后核查。")
        return 0
    print(f"截至 {as_of.isoformat()},{which}审批后核查 {len(rows)} 项:")
    print("核查编号\t申请编号\t户主\t社区(村)\t类型\t期限\t状态\t救助")
    for r in rows:
        days = (r.due_on - as_of).days
        state = f"已过期限 {-days} 天" if r.overdue else ("今天到期" if days == 0 else f"还有 {days} 天")
        print("\t".join([str(r.id), str(r.application_id), r.head_name, r.region_name, r.kind_label,
                         r.due_on.isoformat(), state, r.assistance_note or "-"]))
    if rows.truncated:  # never cut silently: how many there are, and how to see the rest
        print(f"仅列出最早到期的 {len(rows):,} 项,共 {rows.total:,} 项;用 --json 查看全部")
    return 0
