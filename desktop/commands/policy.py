"""relief-desk policy set|show|seed: the dated means-test settings (低保标准 and the rest)."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal

from desktop.commands.common import add_database_option, cli_actor, open_db, parse_date, print_json
from desktop.rules import policy as rules
from desktop.services import policy
from desktop.services.errors import ValidationFailed


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("policy", help="政策参数(低保标准等)的设置与查看")
    psub = parser.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    names = ",".join(f"{s.name}={s.label}" for s in rules.SPECS)
    st = psub.add_parser("set", help="设置自某日起生效的政策参数", description=f"参数名:{names}")
    st.add_argument("--effective", required=True, type=parse_date, help="生效日期 YYYY-MM-DD")
    st.add_argument("--area", required=True, help="城市 或 农村")
    st.add_argument("--note", default="", help="备注(如文件号)")
    st.add_argument("values", nargs="+", metavar="NAME=VALUE", help=f"参数,例如 dibao_standard=780。可用:{names}")
    st.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_database_option(st)
    st.set_defaults(func=set_values)
    sh = psub.add_parser("show", help="查看某日生效的政策参数")
    sh.add_argument("--date", type=parse_date, default=None, help="日期 YYYY-MM-DD(默认今天)")
    sh.add_argument("--area", default=None, help="城市 或 农村(默认两者)")
    sh.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_database_option(sh)
    sh.set_defaults(func=show)
    seed = psub.add_parser("seed", help="没有任何政策参数时录入演示区默认值(本地政策待确认)")
    seed.add_argument("--json", action="store_true", help="以一个 JSON 对象输出录入的项数")
    add_database_option(seed)
    seed.set_defaults(func=seed_values)


def set_values(args: argparse.Namespace) -> int:
    try:
        area = rules.area_code(args.area)
        values = rules.parse_assignments(args.values)
    except rules.PolicyValueError as exc:
        raise ValidationFailed(str(exc)) from None
    db = open_db(args, create=True)
    try:
        result = policy.set_settings(db, cli_actor(), effective_from=args.effective, area_type=area, values=values,
                                     note=args.note)
        if args.json:
            print_json({"effective": args.effective.isoformat(), "area": rules.area_label(area),
                        "written": result.written, "values": {k: rules.format_value(k, v) for k, v in values.items()},
                        "replaced": result.replaced})
        else:
            print(f"已设置{rules.area_label(area)}政策参数 {result.written} 项,自 {args.effective.isoformat()} 起生效:"
                  + ",".join(f"{rules.SPEC_BY_NAME[k].label}={rules.display_value(k, v)}" for k, v in values.items()))
            for name, old in result.replaced.items():
                print(f"更正:{rules.SPEC_BY_NAME[name].label}({name})自 {args.effective.isoformat()} 起原为 "
                      f"{rules.display_value(name, Decimal(old))},已改为 {rules.display_value(name, values[name])}"
                      "(同一生效日期只保留一个值;原值和修改人记在操作日志中)。")
    finally:
        db.dispose()
    return 0


def show(args: argparse.Namespace) -> int:
    on = args.date or date.today()
    area = None
    if args.area:
        try:
            area = rules.area_code(args.area)
        except rules.PolicyValueError as exc:
            raise ValidationFailed(str(exc)) from None
    db = open_db(args)
    try:
        rows = policy.show(db, cli_actor(), on, area)
        later = policy.upcoming(policy.list_settings(db, cli_actor(), area), on)
    finally:
        db.dispose()
    if args.json:
        out: dict[str, dict[str, object]] = {}
        for r in rows:
            out.setdefault(r.area_label, {})[r.name] = None if r.value is None else {
                "value": rules.format_value(r.name, r.value), "effective_from": r.effective_from.isoformat()
                if r.effective_from else None, **({"note": r.note} if r.note else {})}
        print_json({"date": on.isoformat(), "settings": out,
                    "upcoming": [{"area": r.area_label, "name": r.name, "value": rules.format_value(r.name, r.value),
                                  "effective_from": r.effective_from.isoformat()} for r in later]})
        return 0
    print(f"{on.isoformat()} 生效的政策参数")
    current = None
    missing = 0
    for r in rows:
        if r.area_label != current:
            current = r.area_label
            print(f"[{current}]")
        since = f"(自 {r.effective_from.isoformat()} 起)" if r.effective_from else ""
        print(f"  {r.label}({r.name}):{r.display}{since}" + (f"——注意:{r.note}" if r.note else ""))
        missing += r.value is None and r.name in rules.missing_names({})
    if later:
        print(f"已录入、尚未生效:{policy.upcoming_text(later)}。")
    if missing:
        print(f"注意:有 {missing} 项参数在该日没有生效的值,评估将无法进行。请用 relief-desk policy set 补充。")
    return 0


def seed_values(args: argparse.Namespace) -> int:
    db = open_db(args, create=True)
    try:
        count = policy.seed_default_policy(db, cli_actor())
    finally:
        db.dispose()
    if args.json:
        print_json({"written": count, "note": rules.DEMO_NOTE if count else "已有政策参数,未做改动"})
    elif count:
        print(f"已录入演示区默认政策参数 {count} 项({rules.DEMO_NOTE})。")
    else:
        print("已有政策参数,未做改动。")
    return 0
