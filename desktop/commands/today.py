"""relief-desk today [--region R] [--json]: what waits today, across the loop (the window's first page, 今日工作).

Clues to assign and investigate, households waiting for acceptance, applications open and late, written
refusals to serve, checks after approval, the month's payments to record, the quarter's visits, open
referrals and a holiday schedule not entered. The command line counts for the whole district, or for one
sub-district or community with ``--region`` (what its staff see on their page, for a morning e-mail or a
meeting)."""

from __future__ import annotations

import argparse
import dataclasses

from desktop.commands.common import add_database_option, cli_actor, open_db, print_json
from desktop.rules.codes import RegionLevel, Role
from desktop.services import regions, workbench

# A region's work is counted as its own staff see it on their page (a sub-district's caseworkers do not
# assign the district's new clues; a community does not serve refusals or record payments).
STAFF_OF_LEVEL = {RegionLevel.SUBDISTRICT: Role.SUBDISTRICT_CASEWORKER, RegionLevel.COMMUNITY: Role.COMMUNITY_WORKER}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("today", help="今日工作:各环节待办的件数与逾期数(线索、受理、申请、核查、发放、走访、转介、节假日安排)")
    parser.add_argument("--region", default=None, help="只算此街道/社区(名称或代码,含下级;默认全区)")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_database_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = cli_actor()
        if args.region:
            region = regions.find_region(db, actor, args.region)
            actor = dataclasses.replace(actor, role=STAFF_OF_LEVEL.get(region.level, actor.role), region_id=region.id,
                                        region_path=region.path, region_name=region.name)
        work = workbench.todays_work(db, actor)
    finally:
        db.dispose()
    if args.json:
        print_json(work.as_json())
        return 0
    print(f"今日工作 {work.today.isoformat()}({work.scope})")
    area = ""
    for item in work.items:
        if item.area != area:
            area = item.area
            print(area)
        if item.key == "calendar":  # years, not things to do: in words
            print(f"  {item.label}:{item.note or '今年' + ('和明年' if work.today.month >= 10 else '') + '的已录入'}")
            continue
        parts = [f"{item.count:,}"] + ([f"逾期 {item.late:,}"] if item.late else []) + ([item.note] if item.note else [])
        print(f"  {item.label}:{'  '.join(parts)}")
    print(f"逾期合计 {work.late:,} 件。各项在窗口的“今日工作”页可直接打开对应列表。")
    return 0
