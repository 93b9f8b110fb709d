"""relief-desk db upgrade|current"""

from __future__ import annotations

import argparse

from desktop.commands.common import add_database_option, database_url
from desktop.services import database


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("db", help="数据库结构:升级、查看版本")
    dbsub = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="把数据库升级到本程序的结构版本")
    add_database_option(up)
    up.set_defaults(func=upgrade)
    cur = dbsub.add_parser("current", help="显示数据库当前的结构版本")
    add_database_option(cur)
    cur.set_defaults(func=current)


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
    db = database.open_database(database_url(args))
    try:
        revision = database.current_revision(db)
        head = database.head_revision()
        print(f"数据库:{db.describe()}")
        if revision is None:
            print(f"结构版本:空数据库(本程序版本 {head})")
        else:
            state = "最新" if revision == head else "需要升级"
            print(f"结构版本:{revision}(本程序版本 {head},{state})")
        database.check_schema_not_newer(revision)
    finally:
        db.dispose()
    return 0
