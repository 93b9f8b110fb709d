"""relief-desk db upgrade|current|backup|auto-backup|restore"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop.commands.common import add_database_option, cli_actor, database_url, open_db, print_json
from desktop.services import backup, database
from desktop.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="数据库:升级结构、查看版本、备份与恢复")
    dbsub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="把数据库升级到本程序的结构版本")
    add_database_option(up)
    up.set_defaults(func=upgrade)
    cur = dbsub.add_parser("current", help="显示数据库当前的结构版本")
    add_database_option(cur)
    cur.set_defaults(func=current)
    bk = dbsub.add_parser("backup", help="把本机数据库备份到一个文件(程序运行时也可以)")
    bk.add_argument("out", help="备份文件,如 D:\\备份\\救助工作台_20261129.sqlite3")
    bk.add_argument("--yes", action="store_true", help="备份文件已存在时确认覆盖它;不加时不覆盖")
    bk.add_argument("--json", action="store_true", help="以一个 JSON 对象输出备份的文件和内容")
    add_database_option(bk)
    bk.set_defaults(func=run_backup)
    ab = dbsub.add_parser("auto-backup", help="当天的自动备份(窗口程序每天第一次启动时也做);已有当天的备份则不再做,"
                                               "只保留最近几份(可用于 Windows 计划任务)")
    ab.add_argument("--folder", default=None, help="备份文件夹(默认数据库文件旁边的“自动备份”文件夹)")
    ab.add_argument("--keep", type=int, default=backup.AUTO_KEEP,
                    help=f"保留最近的份数({backup.AUTO_KEEP_RANGE[0]}–{backup.AUTO_KEEP_RANGE[1]},默认 {backup.AUTO_KEEP})")
    ab.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    add_database_option(ab)
    ab.set_defaults(func=run_auto_backup)
    rs = dbsub.add_parser("restore", help="用备份文件替换本机数据库(先关闭窗口程序;当前数据库会另存一份)")
    rs.add_argument("file", help="备份文件")
    rs.add_argument("--yes", action="store_true", help="确认恢复;不加时只显示备份的内容")
    rs.add_argument("--json", action="store_true", help="以一个 JSON 对象输出备份的内容和结果")
    add_database_option(rs)
    rs.set_defaults(func=run_restore)


def upgrade(args: argparse.Namespace) -> int:
    db = database.open_database(database_url(args))
    try:
        note = database.migrate(db)
        print(note or "数据库已是最新结构,无需升级。")
        print(f"数据库:{db.describe()}  结构版本:{database.current_revision(db)}")
    finally:
        db.dispose()
    return 0


def current(args: argparse.Namespace) -> int:
    db = database.open_database(database_url(args), must_exist=True)
    try:
        revision = database.current_revision(db)
        database.check_is_relief_desk(db, revision)
        head = database.head_revision()
        print(f"数据库:{db.describe()}")
        if revision is None:
            print(f"结构版本:空数据库(本程序版本 {head})")
        else:
            state = ("最新" if revision == head else "需要升级:relief-desk db upgrade,或启动程序时自动升级"
                     if revision in database.known_revisions() else "比本程序新,请安装最新版本的程序")
            print(f"结构版本:{revision}(本程序版本 {head},{state})")
        database.check_schema_not_newer(revision)
    finally:
        db.dispose()
    return 0


def _describe(info: backup.BackupInfo) -> str:
    when = f",最近一次操作 {info.taken_at.astimezone():%Y-%m-%d %H:%M}" if info.taken_at else ""
    return f"结构版本 {info.revision or '空'},{info.households} 户,{info.size // 1024:,} KB{when}"


def _info_json(info: backup.BackupInfo) -> dict[str, object]:
    return {"file": str(info.path), "revision": info.revision, "households": info.households, "size": info.size,
            "taken_at": info.taken_at.isoformat() if info.taken_at else None}


def run_backup(args: argparse.Namespace) -> int:
    backup.require_local(database_url(args))
    out = Path(args.out)
    # an older backup is not lost to a name typed twice; a folder is refused as no file to write, as with --yes
    if out.exists() and not out.is_dir() and not args.yes:
        try:
            what = f"(一份备份:{_describe(backup.inspect_backup(out))})"
        except ServiceError:
            what = ""
        raise ServiceError(f"文件“{out}”已经存在{what},没有覆盖。要覆盖它请加 --yes,或换一个文件名。")
    db = open_db(args)
    try:
        info = backup.backup(db, cli_actor(), args.out)
    finally:
        db.dispose()
    if args.json:
        print_json(_info_json(info))
    else:
        print(f"已备份到:{info.path}({_describe(info)})")
    return 0


def run_auto_backup(args: argparse.Namespace) -> int:
    backup.require_local(database_url(args))
    db = open_db(args)
    try:
        made = backup.auto_backup(db, folder=args.folder, keep=args.keep, workstation=cli_actor().workstation)
        folder = Path(args.folder) if args.folder else backup.auto_backup_folder(db)
    finally:
        db.dispose()
    if args.json:
        print_json({"made": made is not None,
                    "file": str(made.path if made is not None else backup.auto_backup_path(folder, date.today())),
                    "households": made.households if made else None, "size": made.size if made else None,
                    "removed": [str(p) for p in made.removed] if made else [],
                    "note": made.clock_note if made else ""})
        return 0
    if made is None:
        assert folder is not None
        print(f"今天已有自动备份:{backup.auto_backup_path(folder, date.today())},没有再做。")
        return 0
    removed = f";删除较早的自动备份 {len(made.removed)} 份" if made.removed else ""
    print(f"已自动备份到:{made.path}({made.households} 户,{made.size // 1024:,} KB){removed}。")
    if made.clock_note:
        print(f"注意:{made.clock_note}", file=sys.stderr)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    target = backup.require_local(database_url(args))
    if not target.exists():  # nothing to replace (a workstation set up again): made from the backup
        return restore_as_new(args, target)
    db = open_db(args)
    try:
        info = backup.inspect_backup(args.file)
        backup.check_restorable(info)
        if not args.yes:
            if args.json:
                print_json({**_info_json(info), "restored": False})
            else:
                print(f"备份“{args.file}”:{_describe(info)}。用它替换当前数据库请加 --yes(当前数据库会先另存一份)。")
            return 0
        kept = backup.restore(db, cli_actor(), args.file)
    finally:
        db.dispose()
    if args.json:
        print_json({**_info_json(info), "restored": True, "kept": str(kept)})
    else:
        print(f"已从备份恢复。恢复前的数据库保存在:{kept}")
    return 0


def restore_as_new(args: argparse.Namespace, target: Path) -> int:
    """Restore to a database file that is not there: the backup becomes it. Without --yes nothing
    is made (an empty database used to be created just to show the backup, then kept aside)."""
    if not args.yes:
        info = backup.inspect_backup(args.file)
        backup.check_restorable(info)
        if args.json:
            print_json({**_info_json(info), "restored": False})
        else:
            print(f"备份“{args.file}”:{_describe(info)}。数据库文件“{target}”还不存在:"
                  "用此备份新建它请加 --yes。")
        return 0
    made = backup.restore_as_new(database_url(args), cli_actor(), args.file)
    if args.json:
        print_json({"file": str(args.file), "restored": True, "created": str(made)})
    else:
        print(f"已从备份新建数据库:{made}(原来没有数据库,无需另存)")
    return 0
