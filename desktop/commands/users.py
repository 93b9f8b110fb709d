"""relief-desk user add|list"""

from __future__ import annotations

import argparse
import getpass

from desktop.commands.common import add_database_option, cli_actor, open_db
from desktop.rules.codes import ROLE_LABELS
from desktop.services import auth
from desktop.services.errors import ValidationFailed


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("user", help="用户管理")
    usub = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = usub.add_parser("add", help="添加用户")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[r.value for r in ROLE_LABELS],
                     help="角色:" + ",".join(f"{r.value}={label}" for r, label in ROLE_LABELS.items()))
    add.add_argument("--region", default=None, help="所属区划名称或代码(默认全区)")
    add.add_argument("--name", default="", help="显示姓名")
    add.add_argument("--password", default=None, help="密码(不给则交互输入)")
    add_database_option(add)
    add.set_defaults(func=add_user)
    lst = usub.add_parser("list", help="列出用户")
    add_database_option(lst)
    lst.set_defaults(func=list_users)


def add_user(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        region_id = None
        if args.region:
            region = auth.find_region(db, args.region)
            if region is None:
                raise ValidationFailed(f"找不到区划“{args.region}”。")
            region_id = region.id
        password = args.password
        if password is None:
            password = getpass.getpass("密码:")
            if getpass.getpass("再次输入密码:") != password:
                raise ValidationFailed("两次输入的密码不一致。")
        user_id = auth.add_user(db, cli_actor(), username=args.username, password=password, role=args.role,
                                region_id=region_id, display_name=args.name)
        print(f"已添加用户 {args.username}(编号 {user_id},角色 {ROLE_LABELS[args.role]})。")
    finally:
        db.dispose()
    return 0


def list_users(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        for u in auth.list_users(db, cli_actor()):
            state = "" if u.active else "(已停用)"
            print(f"{u.id}\t{u.username}\t{u.display_name}\t{u.role_label}\t{u.region_name}{state}")
    finally:
        db.dispose()
    return 0
