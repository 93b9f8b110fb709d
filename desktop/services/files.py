"""Saving a document the program made (a PDF, a chart image, an attached scan) to the file the user
chose: atomically, so that a write that fails leaves no half-written file behind; and why a file
could not be written, for the window's and the command line's messages."""

from __future__ import annotations

import errno
import itertools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from desktop.io.files import system_reason, write_bytes
from desktop.services.errors import ValidationFailed

T = TypeVar("T")


def save_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path``. Raises OSError naming ``path`` when it cannot be written (a folder,
    no permission, the file open in another program, a missing folder, a full disk)."""
    return write_bytes(path, data)


def export_place(path: str | Path) -> str:
    """Where an export or a print went, as its audit line records it (RULES.md §4): the whole path. A
    name alone, or a path relative to the folder a command ran in, does not say where a file of
    personal data is."""
    return os.path.abspath(os.fspath(path))


def nothing_to_export(what: str) -> ValidationFailed:
    """The one rule for an export with nothing in it, in the window and on the command line alike:
    refused before anything is written, saying so (没有…,没有导出文件。); no workbook holding only its
    header, and a file already there under that name is left as it was."""
    return ValidationFailed(f"没有{what},没有导出文件。")


def rows_or_refuse(rows: Iterable[T], what: str) -> Iterator[T]:
    """``rows`` unchanged, once it is known to hold at least one (the first is read ahead, so a streamed
    query is not counted twice); :func:`nothing_to_export` when it holds none."""
    it = iter(rows)
    for first in it:
        return itertools.chain((first,), it)
    raise nothing_to_export(what)


def failure_kind(exc: OSError) -> str:
    """Why a file could not be written, for the message that says what to do: "folder" (a folder
    was given as the file), "permission" (no permission, or the file is open in another program),
    "missing" (the folder or drive does not exist), "full", "read_only" or "other"."""
    if exc.filename and os.path.isdir(os.fsdecode(exc.filename)):  # on Windows: "access denied"
        return "folder"
    if isinstance(exc, PermissionError):
        return "permission"
    if isinstance(exc, FileNotFoundError | FileExistsError | NotADirectoryError):
        return "missing"
    if exc.errno == errno.ENOSPC:
        return "full"
    if exc.errno == errno.EROFS:
        return "read_only"
    return "other"


FILE_REASONS = {
    "folder": "这是一个文件夹,请给出文件名",
    "permission": "没有在此处写入的权限,或该文件正在其他程序(如 Excel/WPS)中打开;请先关闭该文件,或换一个文件名或文件夹",
    "missing": "文件夹或驱动器不存在,或路径中的某一段不是文件夹,请换一个文件夹",
    "full": "磁盘已满,请清理空间或保存到其他驱动器",
    "read_only": "驱动器是只读的,请保存到其他驱动器",
}


def not_written_message(exc: OSError, path: str | Path | None = None) -> str:
    """Which file could not be written, why and what to do, for the command line and the services' own
    messages (the window says the same through its translations)."""
    kind = failure_kind(exc)
    reason = FILE_REASONS.get(kind) or (
        "文件名或路径太长,请换一个短一些的文件名或文件夹" if exc.errno == errno.ENAMETOOLONG
        else f"{system_reason(exc)},请换一个文件名或文件夹")
    name = os.fsdecode(exc.filename) if exc.filename else str(path or "")
    return f"无法写入文件“{name}”:{reason}。"
