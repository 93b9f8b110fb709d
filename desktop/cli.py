"""The command line: ``relief-desk`` starts the window; ``relief-desk COMMAND`` runs a task.

Every command takes ``--database-url``. Known problems print one clear line and exit non-zero;
an unexpected error prints one line pointing at the log file, never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from desktop import __version__
from desktop.commands.common import parse_database_url, print_json
from desktop.rules.idcard import mask_in_text
from desktop.services.errors import NOT_WRITTEN, ConflictError, ServiceError
from desktop.services.files import not_written_message

# Each module defines register(subparsers); add a line here for a new command group.
COMMAND_MODULES = [
    "desktop.commands.db",
    "desktop.commands.users",
    "desktop.commands.regions",
    "desktop.commands.clues",
    "desktop.commands.demo",
    "desktop.commands.imports",
    "desktop.commands.policy",
    "desktop.commands.reassess",
    "desktop.commands.deadlines",
    "desktop.commands.payments",
    "desktop.commands.calendar",
    "desktop.commands.monitoring",
    "desktop.commands.today",
    "desktop.commands.audit",
]

EXIT_USER_ERROR = 1
EXIT_ARGUMENTS = 2  # argparse's
EXIT_INTERNAL = 3
EXIT_CANCELLED = 130

# The "code" of a refusal printed with --json, beside those of the service errors (ServiceError.code).
ARGUMENTS_REFUSED = "invalid_arguments"
CANCELLED = "cancelled"
INTERNAL = "internal"


_TYPE_NAMES = {"int": "整数", "float": "数字"}
_HELP_WORDS = (("usage: ", "用法:"), ("\npositional arguments:\n", "\n位置参数:\n"), ("\noptions:\n", "\n选项:\n"),
               ("show this help message and exit", "显示本说明并退出"))


def argument_message(message: str) -> str:
    """argparse's English refusal in Chinese (the messages of Python's argparse; our own argument
    types already speak Chinese and pass through)."""
    def listed(text: str) -> str:
        return "、".join(part.strip().strip("'\"") for part in text.split(","))

    if m := re.fullmatch(r"argument (.+?): (.*)", message, re.S):
        return f"参数 {m[1]}:{argument_message(m[2])}"
    if m := re.fullmatch(r"the following arguments are required: (.*)", message):
        return f"缺少必需的参数:{m[1]}"
    if m := re.fullmatch(r"unrecognized arguments: (.*)", message):
        return f"无法识别的参数:{m[1]}(参数名写错了,或多给了值)"
    if m := re.fullmatch(r"invalid choice: (['\"]?)(.*?)\1 \(choose from (.*)\)", message):
        return f"无效的取值“{m[2]}”,可选:{listed(m[3])}"
    if m := re.fullmatch(r"invalid (\w+) value: '(.*)'", message):
        return f"“{m[2]}”不是{_TYPE_NAMES.get(m[1], '有效的值')}"
    if m := re.fullmatch(r"ambiguous option: (\S+) could match (.*)", message):
        return f"选项 {m[1]} 不明确,可能是:{listed(m[2])}"
    if m := re.fullmatch(r"not allowed with argument (.*)", message):
        return f"不能与参数 {m[1]} 同时使用"
    if m := re.fullmatch(r"ignored explicit argument '(.*)'", message):
        return f"不接受值“{m[1]}”"
    if message in ("expected one argument", "expected at least one argument"):
        return "缺少值"
    return message


_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """A refusal as the one line it is printed as: a control character in a value it quotes (a line
    break, NUL, a terminal's escape sequence) written as Python writes it (\\n, \\x00, \\x1b), not sent."""
    return _INVISIBLE.sub(lambda m: repr(m[0])[1:-1], message)


class Parser(argparse.ArgumentParser):
    """argparse that refuses in Chinese: the usage, then one line 错误:… naming the argument. Exit
    status 2 as before. Sub-commands' parsers are of this class too (argparse makes them so)."""

    def format_usage(self) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix="用法:")
        return formatter.format_help()

    def format_help(self) -> str:  # -h: argparse's own headings in Chinese too
        text = super().format_help()
        for english, chinese in _HELP_WORDS:
            text = text.replace(english, chinese)
        return text

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = one_line(f"{argument_message(message).rstrip('。')}。查看说明:{self.prog} -h")
        sys.stderr.write(f"错误:{text}\n")
        raise ArgumentsRefused(self, text)


class ArgumentsRefused(SystemExit):
    """argparse's refusal (exit status 2), with the parser that refused and what it said."""

    def __init__(self, parser: argparse.ArgumentParser, text: str) -> None:
        super().__init__(EXIT_ARGUMENTS)
        self.parser = parser
        self.text = text


def asks_for_json(parser: argparse.ArgumentParser, argv: Sequence[str]) -> bool:
    """Whether ``argv`` gives --json (or an abbreviation argparse takes for it) to a command whose
    parser has that option."""
    if "--json" not in parser._option_string_actions:
        return False
    for token in argv:
        if token == "--":
            break
        option = token.split("=", 1)[0]
        if len(option) >= 3 and "--json".startswith(option):
            return True
    return False


@functools.cache  # built once a process (28 ms: argparse looks for its own translation files at every call)
def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="relief-desk", description="救助工作台 Relief Desk")
    parser.add_argument("--database-url", metavar="URL", type=parse_database_url,
                        help="数据库地址,例如 postgresql://user@host/db;默认使用本机 SQLite 文件")
    parser.add_argument("--smoke-test", action="store_true", help="启动窗口、迁移数据库后立即退出(用于安装检查)")
    parser.add_argument("--version", action="version", version=f"救助工作台 Relief Desk {__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the (sub)command that ``args`` ran, e.g. the one of ``db backup``."""
    current = parser
    while True:
        subs = [a for a in current._actions if isinstance(a, argparse._SubParsersAction)]
        name = getattr(args, subs[0].dest, None) if subs else None
        if name not in (subs[0].choices if subs else {}):
            return current
        current = subs[0].choices[name]


def _refuse_nul(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A value holding NUL is no name, text or path (the system refuses it in a file name, PostgreSQL
    in any text): refused as the bad argument it is, naming the argument, before anything is opened."""
    command = _command_parser(parser, args)
    for action in [*parser._actions, *command._actions]:
        value = getattr(args, action.dest, None)
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and "\0" in v for v in values):
            name = "/".join(action.option_strings) or action.metavar or action.dest
            command.error(f"argument {name}: 含有空字符(NUL,\\x00),不是有效的值")


def _configure_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def refused(args: argparse.Namespace, message: str, code: str, status: int, prefix: str = "错误:") -> int:
    """Say on stderr why the command was refused; with --json also as one JSON object on stdout,
    ``{"error": message, "code": code}``, for a script that reads stdout. Returns the exit status."""
    message = one_line(message)
    print(f"{prefix}{message}", file=sys.stderr)
    if getattr(args, "json", False):
        print_json({"error": message, "code": code})
    return status


def main(argv: Sequence[str] | None = None) -> int:
    _configure_stdout()
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    try:
        args, extra = parser.parse_known_args(given)
        if extra:  # refused by the command's own parser: its usage, its -h
            _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
        _refuse_nul(parser, args)
    except ArgumentsRefused as exc:
        if asks_for_json(exc.parser, given):
            print_json({"error": exc.text, "code": ARGUMENTS_REFUSED})
        raise
    if args.smoke_test and args.command is not None:
        parser.error(f"--smoke-test 只用于检查窗口程序能否启动,不能与命令 {args.command} 同时使用")
    if args.command is None:
        from desktop.app import main as gui_main

        return gui_main(database_url=args.database_url, smoke_test=args.smoke_test)
    from desktop.logs import setup_logging

    log_path = setup_logging()
    try:
        return int(args.func(args) or 0)
    except ConflictError as exc:
        return refused(args, exc.command_line_message(), exc.code, EXIT_USER_ERROR)
    except ServiceError as exc:
        return refused(args, exc.message, exc.code, EXIT_USER_ERROR)
    except KeyboardInterrupt:
        return refused(args, "已取消。", CANCELLED, EXIT_CANCELLED, prefix="")
    except BrokenPipeError:  # what reads stdout stopped reading (… | head): nothing more to say there
        _stdout_to_devnull()
        return EXIT_USER_ERROR
    except OSError as exc:
        if not exc.filename:
            return internal_error(args, exc, log_path)
        return refused(args, not_written_message(exc), NOT_WRITTEN, EXIT_USER_ERROR)
    except Exception as exc:  # a bug: log it whole, show one line
        return internal_error(args, exc, log_path)


def _stdout_to_devnull() -> None:
    """So that Python's own flush of stdout at exit does not fail on the broken pipe again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # stdout is no file (a test's capture)
        pass


def internal_error(args: argparse.Namespace, exc: Exception, log_path: object) -> int:
    logging.getLogger("relief_desk").exception("unexpected error in command %s", args.command)
    # ID numbers masked: a database error quotes the values it was writing (RULES.md §4)
    return refused(args, mask_in_text(f"{type(exc).__name__}: {exc}(详细信息已写入 {log_path})"), INTERNAL, EXIT_INTERNAL,
                   prefix="内部错误:")


if __name__ == "__main__":
    raise SystemExit(main())
