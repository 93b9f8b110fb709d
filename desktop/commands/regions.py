"""relief-desk region list|add|rename|delete|move|import"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

from desktop.commands.common import add_database_option, cli_actor, open_db, print_json
from desktop.services import auth, regions
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ServiceError, ValidationFailed

T = TypeVar("T")


def _on_db(args: argparse.Namespace, work: Callable[[Database, Actor], T], *, create: bool = False) -> T:
    db = open_db(args, create=create)
    try:
        auth.ensure_district(db)  # a database just made has no district yet (the window makes it at first run)
        return work(db, cli_actor())
    finally:
        db.dispose()


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("region", help="行政区划管理(街道/镇、社区/村)")
    rsub = parser.add_subparsers(dest="region_command", metavar="ACTION", required=True)
    lst = rsub.add_parser("list", help="列出全部区划(代码、名称、级别、城乡类别)")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_database_option(lst)
    lst.set_defaults(func=list_regions)
    add = rsub.add_parser("add", help="在上级区划下添加街道/镇或社区/村")
    add.add_argument("name", metavar="NAME", help="新区划的名称,例如 八泉街道、道仕袱村")
    add.add_argument("--parent", required=True, metavar="P",
                     help="上级区划的名称或代码(同名时写“上级/名称”);区下添加街道/镇,街道/镇下添加社区/村")
    add.add_argument("--level", default="", metavar="L", help="级别:街道、镇、社区 或 村(可不写,由上级决定)")
    add.add_argument("--code", default="", metavar="C", help="区划代码(数字;不写则按上级代码自动编号)")
    add.add_argument("--area", default="", metavar="城市|农村",
                     help="城乡类别(不写则镇、乡、村为农村,其余为城市)")
    add.add_argument("--json", action="store_true", help="以一个 JSON 对象输出添加的区划")
    add_database_option(add)
    add.set_defaults(func=add_region)
    rename = rsub.add_parser("rename", help="修改区划的名称(和代码),也可修改区本身")
    rename.add_argument("region", metavar="R", help="要修改的区划的名称或代码")
    rename.add_argument("new_name", metavar="NEW_NAME", help="新名称")
    rename.add_argument("--code", default="", metavar="C", help="新的区划代码(不写则不改)")
    rename.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    add_database_option(rename)
    rename.set_defaults(func=rename_region)
    delete = rsub.add_parser("delete", help="删除没有任何数据的区划(例如加错的区划;区本身不能删除)")
    delete.add_argument("region", metavar="R", help="要删除的区划的名称或代码(同名时写“上级/名称”)")
    delete.add_argument("--yes", action="store_true", help="确认删除;不加时只显示将删除的区划")
    delete.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    add_database_option(delete)
    delete.set_defaults(func=delete_region)
    move = rsub.add_parser("move", help="行政区划调整:把社区/村调整到另一个街道/镇下,其家庭随之调整")
    move.add_argument("region", metavar="R", help="要调整的社区/村的名称或代码(同名时写“上级/名称”)")
    move.add_argument("--parent", required=True, metavar="P", help="新的上级街道/镇的名称或代码")
    move.add_argument("--yes", action="store_true", help="确认调整;不加时只显示将调整的家庭户数")
    move.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    add_database_option(move)
    move.set_defaults(func=move_region)
    imp = rsub.add_parser("import", help="从表格导入区划清单(列:街道(镇)、社区(村),可加 城乡类别、区划代码)")
    imp.add_argument("file", metavar="FILE", help="区划清单文件(.xlsx、.xls、.csv 等)")
    imp.add_argument("--dry-run", action="store_true", help="只检查和统计,不写入数据库")
    imp.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    add_database_option(imp)
    imp.set_defaults(func=import_regions)


def _region_json(r: regions.RegionRow) -> dict[str, object]:
    return {"id": r.id, "name": r.name, "region_code": r.code, "level": r.level, "area_type": r.area_type}


def list_regions(args: argparse.Namespace) -> int:
    rows = _on_db(args, regions.list_regions)
    if args.json:
        print_json([{"id": r.id, "parent_id": r.parent_id, "code": r.code, "name": r.name, "level": r.level,
                     "area_type": r.area_type} for r in rows])
        return 0
    for r in rows:
        print(f"{r.code}\t{'  ' * r.depth}{r.name}\t{r.level_label}\t{r.area_label}")
    if len(rows) == 1:
        print("还没有街道/镇和社区/村。添加:relief-desk region add 名称 --parent 上级,"
              "或 relief-desk region import 区划清单.xlsx")
    return 0


def add_region(args: argparse.Namespace) -> int:
    def add(db: Database, actor: Actor) -> tuple[regions.RegionRow, regions.RegionRow]:
        parent = regions.find_region(db, actor, args.parent)
        new_id = regions.add_region(db, actor, parent_id=parent.id, name=args.name, code=args.code,
                                    kind=args.level, area_type=args.area)
        return parent, next(r for r in regions.list_regions(db, actor) if r.id == new_id)
    parent, added = _on_db(args, add, create=True)  # a new office's first regions
    if args.json:
        print_json({**_region_json(added), "parent": parent.name})
        return 0
    print(f"已在“{parent.name}”下添加{added.level_label}“{added.name}”(代码 {added.code},{added.area_label})。")
    return 0


def rename_region(args: argparse.Namespace) -> int:
    def rename(db: Database, actor: Actor) -> regions.RegionRow:
        region = regions.find_region(db, actor, args.region)
        regions.rename_region(db, actor, region.id, args.new_name, code=args.code)
        return region
    region = _on_db(args, rename)
    if args.json:
        print_json({**_region_json(region), "name": args.new_name.strip(), "old_name": region.name,
                    "region_code": args.code.strip() or region.code})
        return 0
    code = f",代码 {args.code.strip()}" if args.code.strip() else ""
    print(f"已将“{region.name}”改名为“{args.new_name.strip()}”{code}。")
    return 0


def delete_region(args: argparse.Namespace) -> int:
    def delete(db: Database, actor: Actor) -> tuple[regions.RegionRow, bool]:
        region = regions.find_region(db, actor, args.region)
        info = regions.deletion_info(db, actor, region.id)
        if info.refusal:
            raise ServiceError(info.refusal)
        if args.yes:
            regions.delete_region(db, actor, region.id, expected_version=region.version)
        return region, args.yes
    region, deleted = _on_db(args, delete)
    if args.json:
        print_json({**_region_json(region), "deleted": deleted})
    elif deleted:
        print(f"已删除{region.level_label}“{region.name}”(代码 {region.code})。")
    else:
        print(f"将删除{region.level_label}“{region.name}”(代码 {region.code}),它没有下级区划、家庭、账号和业务记录。"
              "确认请加 --yes。")
    return 0


def move_region(args: argparse.Namespace) -> int:
    def move(db: Database, actor: Actor) -> regions.RegionMove:
        region = regions.find_region(db, actor, args.region)
        parent = regions.find_region(db, actor, args.parent)
        if not args.yes:
            return regions.move_info(db, actor, region.id, parent.id)
        return regions.move_region(db, actor, region.id, parent.id, expected_version=region.version)
    info = _on_db(args, move)
    if args.json:
        print_json({**_region_json(info.region), "from": info.old_parent.name, "to": info.new_parent.name,
                    "households": info.households, "accounts": info.accounts, "moved": args.yes})
        return 0
    what = (f"{info.region.level_label}“{info.region.name}”从“{info.old_parent.name}”调整到“{info.new_parent.name}”下,"
            f"其家庭 {info.households} 户及其线索、申请、走访等记录随之调整")
    if args.yes:
        print(f"已将{what}。")
        if info.accounts:
            print(f"该{info.region.level_label}的 {info.accounts} 个账号如正在使用,需要重新登录。")
    else:
        print(f"将把{what}(区划代码不变,如需更改请用 region rename)。确认请加 --yes。")
    return 0


def import_regions(args: argparse.Namespace) -> int:
    result = _on_db(args, lambda db, actor: regions.import_regions(db, actor, args.file, dry_run=args.dry_run),
                    create=True)
    if args.json:
        refused = ({"error": f"区划清单有 {len(result.errors)} 处错误,没有写入任何区划。", "code": "invalid_input"}
                   if result.errors else {})
        print_json({**refused, "file": result.file_name, "dry_run": result.dry_run, "written": result.written,
                    "rows": result.rows, "created_subdistricts": result.created_subdistricts,
                    "created_communities": result.created_communities, "existing": result.existing,
                    "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors]})
        return 1 if result.errors else 0
    will = "将" if result.dry_run else ""
    head = "试运行(未写入数据库)" if result.dry_run else ("未导入" if result.errors else "已导入")
    print(f"{head}:{result.file_name},数据行 {result.rows} 行;{will}新增街道(镇){result.created_subdistricts} 个、"
          f"社区(村){result.created_communities} 个,已有 {result.existing} 个(不变)。")
    if result.errors:
        for e in result.errors:
            print(e)
        raise ValidationFailed(f"区划清单有 {len(result.errors)} 处错误(见上),没有写入任何区划;请改正后重新导入。")
    return 0
