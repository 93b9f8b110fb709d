"""relief-desk user add|list|set|password|unlock"""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop.commands.common import add_database_option, cli_actor, code_or_label, open_db, region_named
from desktop.rules.codes import ROLE_LABELS
from desktop.services import auth
from desktop.services.errors import ValidationFailed

# The roles as the foundation issue names them (administrator, sub-district caseworker) read as their codes.
parse_role = code_or_label(ROLE_LABELS, {"administrator": "admin", "sub_district_caseworker": "subdistrict_caseworker"})

# An account made first on the command line is not an administrator: the window then only asks to log in
# (it offers to create the first administrator on a database with no account at all).
NO_ADMIN_NOTE = ("注意:还没有启用的系统管理员账号,窗口中无人能管理区划、用户和政策参数(窗口只在没有任何账号时才提示创建管理员)。"
                 "请添加一个:relief-desk user add 用户名 --role admin")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("user", help="用户管理")
    usub = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = usub.add_parser("add", help="添加用户")
    add.add_argument("username", help="登录用户名:字母、数字、. _ -(不区分大小写)")
    add.add_argument("--role", required=True, type=parse_role, metavar="ROLE",
                     help="角色:" + ",".join(f"{r.value}={label}" for r, label in ROLE_LABELS.items()))
    add.add_argument("--region", default=None, help="所属区划名称或代码(默认全区)")
    add.add_argument("--name", default="", help="显示姓名")
    add.add_argument("--password", default=None, help="密码(不给则交互输入)")
    add_database_option(add)
    add.set_defaults(func=add_user)
    lst = usub.add_parser("list", help="列出用户")
    add_database_option(lst)
    lst.set_defaults(func=list_users)
    change = usub.add_parser("set", help="修改用户的姓名、角色、区划,或停用/启用账号")
    change.add_argument("username", help="要修改的账号的登录用户名")
    change.add_argument("--name", default=None, help="显示姓名")
    change.add_argument("--role", default=None, type=parse_role, metavar="ROLE", help="角色(代码同 user add)")
    change.add_argument("--region", default=None, help="所属区划名称或代码")
    change.add_argument("--active", default=None, choices=["yes", "no"], help="yes 启用,no 停用(停用后不能登录)")
    add_database_option(change)
    change.set_defaults(func=set_user)
    password = usub.add_parser("password", help="重置用户的密码")
    password.add_argument("username", help="要重置密码的账号的登录用户名")
    password.add_argument("--password", default=None, help="新密码(不给则交互输入)")
    add_database_option(password)
    password.set_defaults(func=reset_password)
    unlock = usub.add_parser("unlock", help="解锁因连续输错密码被锁定的账号")
    unlock.add_argument("username", help="要解锁的账号的登录用户名")
    add_database_option(unlock)
    unlock.set_defaults(func=unlock_user)


NO_PASSWORD = "没有读到密码:请在命令行用 --password 给出密码,或在终端中运行以便输入。"


def ask_password() -> str:
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        # A script: one line from standard input (getpass would warn in English that it cannot hide
        # the typing, then read the same line).
        try:
            line = stdin.readline().rstrip("\r\n") if stdin is not None else ""
        except (OSError, ValueError):  # no standard input to read, or closed
            line = ""
        if not line:
            raise ValidationFailed(NO_PASSWORD)
        return line
    try:
        password = getpass.getpass("密码:")
        again = getpass.getpass("再次输入密码:")
    except EOFError:  # input closed
        raise ValidationFailed(NO_PASSWORD) from None
    if again != password:
        raise ValidationFailed("两次输入的密码不一致。")
    return password


def add_user(args: argparse.Namespace) -> int:
    db = open_db(args, create=True)  # the first administrator of a new database
    try:
        region_id = region_named(db, args.region)
        password = args.password if args.password is not None else ask_password()
        user_id = auth.add_user(db, cli_actor(), username=args.username, password=password, role=args.role,
                                region_id=region_id, display_name=args.name)
        print(f"已添加用户 {args.username}(编号 {user_id},角色 {ROLE_LABELS[args.role]})。")
        if not auth.has_active_admin(db):
            print(NO_ADMIN_NOTE)
    finally:
        db.dispose()
    return 0


def list_users(args: argparse.Namespace) -> int:
    db = open_db(args, create=True)  # on a new install: says how to add the first administrator
    try:
        users = auth.list_users(db, cli_actor())
        if not users:
            print("还没有任何用户。添加管理员:relief-desk user add 用户名 --role admin")
        for u in users:
            state = "" if u.active else "(已停用)"
            if u.locked_until is not None:
                state += f"(已锁定至 {auth.until_text(u.locked_until)},可用 user unlock 解锁)"
            problem = f"\t注意:{u.problem};请用 user set 改正角色或区划" if u.problem else ""
            print(f"{u.id}\t{u.username}\t{u.display_name}\t{u.role_label}\t{u.region_name}{state}{problem}")
        if users and not auth.has_active_admin(db):
            print(NO_ADMIN_NOTE)
    finally:
        db.dispose()
    return 0


def set_user(args: argparse.Namespace) -> int:
    if args.name is None and args.role is None and args.region is None and args.active is None:
        raise ValidationFailed("没有给出要修改的内容:请加 --name、--role、--region 或 --active 中的至少一项。")
    db = open_db(args)
    try:
        actor = cli_actor()
        user = auth.find_user(db, actor, args.username)
        active = None if args.active is None else args.active == "yes"
        auth.update_user(db, actor, user.id, display_name=args.name, role=args.role,
                         region_id=region_named(db, args.region), active=active)
        user = auth.find_user(db, actor, args.username)
        state = "启用" if user.active else "已停用"
        print(f"已修改用户 {user.username}:{user.display_name},{user.role_label},{user.region_name},{state}。")
    finally:
        db.dispose()
    return 0


def reset_password(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = cli_actor()
        user = auth.find_user(db, actor, args.username)
        auth.reset_password(db, actor, user.id, args.password if args.password is not None else ask_password())
        print(f"已重置用户 {user.username} 的密码。")
    finally:
        db.dispose()
    return 0


def unlock_user(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = cli_actor()
        user = auth.find_user(db, actor, args.username)
        if auth.unlock_user(db, actor, user.id):
            print(f"已解锁用户 {user.username},现在可以登录。")
        else:
            print(f"用户 {user.username} 没有被锁定,无需解锁。")
    finally:
        db.dispose()
    return 0
