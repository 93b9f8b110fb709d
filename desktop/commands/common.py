"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desktop import config
from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database, open_and_migrate
from desktop.services.errors import ValidationFailed


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", dest="sub_database_url", default=None,
                        help="数据库地址(默认本机 SQLite 文件,或环境变量 RELIEF_DESK_DATABASE_URL)")


def database_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "sub_database_url", None) or getattr(args, "database_url", None)


def open_db(args: argparse.Namespace) -> Database:
    """Open the database named on the command line and bring it to the current schema."""
    db, note = open_and_migrate(database_url(args))
    for warning in db.warnings:
        print(f"警告:{warning}", file=sys.stderr)
    if note and not getattr(args, "json", False):
        print(note, file=sys.stderr)
    return db


def region_named(db: Database, name: str | None) -> int | None:
    """A region given on the command line by name or code; None when not given."""
    if not name:
        return None
    region = auth.find_region(db, name)
    if region is None:
        raise ValidationFailed(f"找不到区划“{name}”。")
    return region.id


def cli_actor() -> Actor:
    """The command line runs as IT's system actor (whole district); every write is audited as such."""
    return Actor.system(config.workstation_name())


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, default=str))
