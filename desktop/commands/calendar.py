"""relief-desk calendar set-year YEAR --off DATE... --workday DATE... | show [YEAR] | clear-year YEAR

Days may be given one by one or as ranges, ``2027-02-05..2027-02-13``, ``02-05..02-13`` or as the State
Council notice writes them, ``2月5日至13日`` (read by
:func:`desktop.services.calendar.parse_days`, as the settings tab reads them)."""

from __future__ import annotations

import argparse

from desktop.commands.common import add_database_option, cli_actor, open_db, parse_year, print_json
from desktop.rules.workdays import years_text
from desktop.services import calendar


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("calendar", help="节假日安排:录入某年的放假和调休上班日期、查看")
    csub = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    setp = csub.add_parser("set-year", help="录入(替换)某年的全部放假日期和调休上班日期")
    setp.add_argument("year", type=parse_year, help="年份,如 2027")
    setp.add_argument("--off", nargs="+", default=[], help="放假日期:YYYY-MM-DD 或 MM-DD,连续日期写成 A..B(如 10-01..10-07),"
                      "也可照抄通知的写法(如 10月1日至7日)")
    setp.add_argument("--workday", nargs="+", default=[], help="调休上班日期(周末上班),写法同 --off")
    setp.add_argument("--note", default="", help="依据,例如国务院办公厅通知文号")
    setp.add_argument("--json", action="store_true", help="以 JSON 输出录入的天数和因此改变的未办结期限")
    add_database_option(setp)
    setp.set_defaults(func=set_year)
    show = csub.add_parser("show", help="查看各年份的节假日安排来源及录入的日期")
    show.add_argument("year", type=parse_year, nargs="?", help="年份(默认列出各年)")
    add_database_option(show)
    show.set_defaults(func=show_years)
    clear = csub.add_parser("clear-year", help="删除管理员录入的某年安排")
    clear.add_argument("year", type=parse_year, help="年份")
    clear.add_argument("--json", action="store_true", help="以 JSON 输出因此改变的未办结期限")
    add_database_option(clear)
    clear.set_defaults(func=clear_year)


def set_year(args: argparse.Namespace) -> int:
    off = calendar.parse_days(" ".join(args.off), args.year, "放假日期")
    work = calendar.parse_days(" ".join(args.workday), args.year, "调休上班日期")
    db = open_db(args, create=True)
    try:
        info = calendar.set_year(db, cli_actor(), args.year, days_off=off, workdays=work, note=args.note)
    finally:
        db.dispose()
    assert info.moved is not None
    off_days = sum(1 for d in info.days if not d.workday)
    warning = info.warnings()
    if args.json:
        print_json({"year": info.year, "days_off": off_days, "workdays": len(info.days) - off_days,
                    "note": info.note, **info.moved.as_json(), "warning": warning})
        return 0
    print(f"已录入 {info.year} 年节假日安排:放假 {off_days} 天,调休上班 {len(info.days) - off_days} 天。"
          f"办理中申请的期限已按新安排重新计算:{info.moved.text()}")
    for line in warning.splitlines():
        print(f"注意:{line}")
    return 0


def show_years(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = cli_actor()
        infos = [calendar.year_info(db, actor, args.year)] if args.year else calendar.list_years(db, actor)
    finally:
        db.dispose()
    for info in infos:
        schedule = info.schedule  # entered, else the library's: what deadlines count with
        off = sum(1 for d in schedule if not d.workday)
        counts = f",放假 {off} 天、调休上班 {len(schedule) - off} 天" if schedule else ""
        print(f"{info.year} 年:{info.source}" + (f"({info.note})" if info.note else "") + counts)
        if args.year:
            for d in schedule:
                print(f"  {d.day.isoformat()}\t{'上班' if d.workday else '放假'}\t{d.note}")
    unknown = years_text(info.year for info in infos if not info.known)  # runs of years as one range
    if unknown:  # RULES.md §2: said loudly, with what to do
        print(f"注意:{unknown}年的法定节假日安排尚未录入,这些年份的期限只按周末和固定节日估算。"
              "国务院办公厅公布后,请用 relief-desk calendar set-year 年份 --off 放假日期 --workday 调休上班日期 录入。")
    return 0


def clear_year(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        moved = calendar.clear_year(db, cli_actor(), args.year)
    finally:
        db.dispose()
    if args.json:
        print_json({"year": args.year, **moved.as_json()})
        return 0
    print(f"已删除 {args.year} 年的录入安排。办理中申请的期限已重新计算:{moved.text()}")
    return 0
