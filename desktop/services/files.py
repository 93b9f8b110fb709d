"""Saving a document the program made (a PDF, a chart image, an attached scan) to the file the user
chose: atomically, so that a write that fails leaves no half-written file behind; and why a file
could not be written, for the window's and the command line's messages."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from desktop.io.files import write_bytes


def save_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path``. Raises OSError naming ``path`` when it cannot be written (a folder,
    no permission, the file open in another program, a missing folder, a full disk)."""
    return write_bytes(path, data)


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
