"""The command line: ``relief-desk`` starts the window; ``relief-desk COMMAND`` runs a task.

Every command takes ``--database-url``. Known problems print one clear line and exit non-zero;
an unexpected error prints one line pointing at the log file, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from desktop.services.errors import ServiceError
from desktop.services.files import not_written_message

# Each module defines register(subparsers); add a line here for a new command group.
COMMAND_MODULES = [
    "desktop.commands.db",
    "desktop.commands.users",
    "desktop.commands.clues",
    "desktop.commands.demo",
    "desktop.commands.imports",
    "desktop.commands.policy",
    "desktop.commands.reassess",
    "desktop.commands.deadlines",
    "desktop.commands.calendar",
    "desktop.commands.monitoring",
    "desktop.commands.audit",
]

EXIT_USER_ERROR = 1
EXIT_INTERNAL = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="relief-desk", description="救助工作台 Relief Desk")
    parser.add_argument("--database-url", help="数据库地址,例如 postgresql://user@host/db;默认使用本机 SQLite 文件")
    parser.add_argument("--smoke-test", action="store_true", help="启动窗口、迁移数据库后立即退出(用于安装检查)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _configure_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    _configure_stdout()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.app import main as gui_main

        return gui_main(database_url=args.database_url, smoke_test=args.smoke_test)
    from desktop.logs import setup_logging

    log_path = setup_logging()
    try:
        return int(args.func(args) or 0)
    except ServiceError as exc:
        print(f"错误:{exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except OSError as exc:
        if not exc.filename:
            raise
        print(f"错误:{not_written_message(exc)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # a bug: log it whole, show one line
        logging.getLogger("relief_desk").exception("unexpected error in command %s", args.command)
        print(f"内部错误:{type(exc).__name__}: {exc}(详细信息已写入 {log_path})", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
