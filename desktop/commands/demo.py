"""relief-desk demo [--households N] [--seed S]: fill a database with a synthetic 西塞山区."""

from __future__ import annotations

import argparse
import sys
import time

from desktop.commands.common import add_database_option, open_db
from desktop.rules.codes import ROLE_LABELS
from desktop.services import demo
from desktop.services.progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "demo", help="生成演示数据(合成的西塞山区)",
        description="向一个没有家庭数据的数据库写入合成的西塞山区演示数据,并为每个角色创建一个登录账号。")
    parser.add_argument("--households", type=int, default=demo.DEFAULT_HOUSEHOLDS,
                        help=f"家庭户数(默认 {demo.DEFAULT_HOUSEHOLDS},至少 {demo.MIN_HOUSEHOLDS};"
                             "各项统计数字按比例缩放)")
    parser.add_argument("--seed", type=int, default=1, help="随机种子(同一种子生成完全相同的数据,默认 1)")
    add_database_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    demo.plan(args.households)  # a bad size fails before the database is touched
    db = open_db(args, create=True)
    try:
        demo.check_empty(db)
        print(f"正在向 {db.describe()} 写入演示数据:{args.households:,} 户(种子 {args.seed})……", flush=True)
        started = time.perf_counter()
        step = max(demo.CHUNK, (args.households // 20 // demo.CHUNK) * demo.CHUNK)
        last = [0]

        def report(done: int, total: int, text: str) -> None:
            if done - last[0] >= step or done == total:
                last[0] = done
                print(f"  {done:>10,} / {total:,} 户  {text}  {time.perf_counter() - started:6.1f} 秒", flush=True)

        result = demo.build_demo(db, households=args.households, seed=args.seed, progress=Progress(report))
        figures = demo.measured_figures(db)
    finally:
        db.dispose()
    rate = result.total_rows / result.seconds if result.seconds else 0
    print(f"完成:共写入 {result.total_rows:,} 行,用时 {result.seconds:.1f} 秒({rate:,.0f} 行/秒)。")
    print("  " + ",".join(f"{demo.TABLE_LABELS.get(t, t)} {n:,}" for t, n in result.rows.items() if n))

    def pct(v: float | None) -> str:
        return "—" if v is None else f"{v:.1%}"

    print(f"主动发现 {figures['discovered']:,} 户;一类库 {figures['class_1']:,} 户;二类库 {figures['class_2']:,} 户;"
          f"救助中 {figures['assisted']:,} 户;授权核对合格率 切换前 {pct(figures['pass_rate_before'])}、"
          f"切换后 {pct(figures['pass_rate_after'])}(告知承诺制自 {demo.SWITCH.isoformat()} 起)。")
    print("登录账号:")
    for login, created in result.logins:
        note = "" if created else "(账号已存在,密码未改动)"
        print(f"  {ROLE_LABELS[login.role]:<10} 用户名 {login.username:<12} 密码 {login.password:<15} "
              f"{login.region}{note}")
    sys.stdout.flush()
    return 0
