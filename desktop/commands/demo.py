"""relief-desk demo [--households N] [--seed S]: fill a database with a synthetic 西塞山区."""

from __future__ import annotations

import argparse

from desktop.commands.common import add_database_option
from desktop.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="生成演示数据(合成的西塞山区)")
    parser.add_argument("--households", type=int, default=None, help="家庭户数")
    parser.add_argument("--seed", type=int, default=1, help="随机种子(同一种子生成相同数据)")
    add_database_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise ServiceError("演示数据生成尚在开发中。")
