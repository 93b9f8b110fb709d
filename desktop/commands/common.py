"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import calendar
import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from desktop import config
from desktop.rules.workdays import FIRST_YEAR, LAST_YEAR
from desktop.services import regions
from desktop.services.base import Actor
from desktop.services.database import Database, open_and_migrate, resolve_url, sqlite_url

T = TypeVar("T")


def parse_database_url(text: str) -> str:
    """A database address given on the command line: an empty one (a script's unset variable) is
    refused, not taken as "the default database"."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "数据库地址为空。请写 sqlite:///文件路径 或 postgresql://用户@服务器/数据库;"
            "要用默认数据库,不加 --database-url 即可")
    return text.strip()


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", dest="sub_database_url", default=None, metavar="URL",
                        type=parse_database_url,
                        help="数据库地址(默认本机 SQLite 文件,或环境变量 RELIEF_DESK_DATABASE_URL)")


def database_url(args: argparse.Namespace) -> str | None:
    return getattr(args, "sub_database_url", None) or getattr(args, "database_url", None)


def open_db(args: argparse.Namespace, *, create: bool = False) -> Database:
    """Open the database named on the command line and bring it to the current schema. A local
    (SQLite) file that is not there is created by the commands that start a database or bring data
    into one (``create``: demo, user add, the imports, region add, clue add, policy set, calendar
    set-year), and by any command when it is the program's own default file (the first command on
    a new computer); given by its address, the others say that it is missing (a mistyped path must
    not make a new empty database and report zeros)."""
    url = database_url(args)
    own_default = resolve_url(url) == sqlite_url(config.default_sqlite_path())
    db, note = open_and_migrate(url, must_exist=not (create or own_default))
    for warning in db.warnings:
        print(f"警告:{warning}", file=sys.stderr)
    if note and not getattr(args, "json", False):
        print(note, file=sys.stderr)
    return db


def region_named(db: Database, name: str | None) -> int | None:
    """A region given on the command line by name, code or "上级/名称"; None when not given."""
    if not name:
        return None
    return regions.find_region(db, cli_actor(), name).id


def cli_actor() -> Actor:
    """The command line runs as IT's system actor (whole district); every write is audited as such,
    with the computer and the operating-system account that ran it as the workstation."""
    return Actor.system(config.command_line_station())


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, default=str))


# -- values given on the command line ----------------------------------------------------------
# Each raises ValueError with a plain message; the argparse types below turn it into argparse's error.

def read_year(text: str) -> int:
    value = text.strip()
    if not re.fullmatch(r"\d{4}", value):
        raise ValueError(f"年份“{text}”格式不正确,应为四位数字,例如 2026。")
    year = int(value)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"年份“{text}”超出范围,应在 {FIRST_YEAR}–{LAST_YEAR} 之间。")
    return year


def read_date(text: str) -> date:
    """A day written YYYY-MM-DD (only that way: 20260105 or 2026/1/5 are refused, not guessed)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if match is None:
        raise ValueError(f"日期“{text}”格式不正确,应为 YYYY-MM-DD,例如 2026-01-05。")
    year, month, day = (int(g) for g in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"日期“{text}”超出范围:年份应在 {FIRST_YEAR}–{LAST_YEAR} 之间。")
    if not 1 <= month <= 12:
        raise ValueError(f"日期“{text}”格式不正确:月份应为 01–12。")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"日期“{text}”不存在:{year} 年 {month} 月只有 {days} 天。")
    return date(year, month, day)


def read_month(text: str) -> date:
    """A month written YYYY-MM, as its first day."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"月份“{text}”格式不正确,应为 YYYY-MM,例如 2026-01。")
    year = int(match.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"月份“{text}”超出范围:年份应在 {FIRST_YEAR}–{LAST_YEAR} 之间。")
    return date(year, int(match.group(2)), 1)


def argument_type(read: Callable[[str], T]) -> Callable[[str], T]:
    """An argparse ``type=`` whose error is the reader's message."""
    def parse(text: str) -> T:
        try:
            return read(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return parse


parse_year = argument_type(read_year)
parse_date = argument_type(read_date)
parse_month = argument_type(read_month)


def code_or_label(labels: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> Callable[[str], str]:
    """An argparse ``type=`` for a fixed set of codes: the code in any case, with ``-`` or a space
    for ``_`` (walk-in, District Reviewer), its Chinese label (电话沟通, 系统管理员), or one of the
    ``aliases`` (the issue's own words: visit, administrator). Anything else is refused listing the
    codes, as argparse's choices do."""
    by_label = {str(label): str(code) for code, label in labels.items()}
    known = {str(code): str(code) for code in labels} | dict(aliases or {})

    def read(text: str) -> str:
        wanted = text.strip()
        code = known.get(re.sub(r"[\s-]+", "_", wanted.lower())) or by_label.get(wanted)
        if code is None:
            raise ValueError(f"无效的取值“{text}”,可选:{'、'.join(str(c) for c in labels)}"
                             f"(也可写中文名称:{'、'.join(by_label)})")
        return code
    return argument_type(read)


def xlsx_name_problem(text: str) -> str | None:
    """Why an output workbook's name will not do: an .xlsx is what is written, and a file named .csv
    or .xls holding one would not open, or open as garbage. A folder is left to the writer, which
    says so in its own words."""
    if not text.strip():
        return "没有给出输出文件名。"
    if not text.strip().lower().endswith(".xlsx") and not os.path.isdir(text):  # False for any bad name
        return f"输出文件“{text}”应以 .xlsx 结尾(写出的是 Excel 工作簿),例如 结果.xlsx。"
    return None


def parse_xlsx_path(text: str) -> str:
    problem = xlsx_name_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text.strip()


# The largest number a database integer column takes (PostgreSQL's INTEGER; SQLite's is larger):
# a count or record number beyond it is no such thing, not an SQL error.
LARGEST_NUMBER = 2**31 - 1


def parse_positive_int(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数。") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为大于 0 的整数,收到“{text}”。")
    if value > LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(f"“{text}”太大,应不超过 {LARGEST_NUMBER}。")
    return value


def parse_positive_ints(text: str) -> list[int]:
    """Numbers as a list is copied from a spreadsheet or a message: "12,13,14", "12、13", one alone."""
    parts = [p for p in re.split(r"[,，、;；\s]+", text) if p]
    if not parts:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数。")
    return [parse_positive_int(p) for p in parts]


def parse_days(text: str) -> int:
    """A number of days from today: 0 (today) to ten years."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数天数。") from None
    if not 0 <= value <= 3660:
        raise argparse.ArgumentTypeError(f"天数应在 0 到 3660 之间,收到“{text}”。")
    return value
