"""Writing a file the user chose, atomically: into a temporary file beside it that replaces it only
when complete. A failed or cancelled write (a folder given as the file, no permission, a file open in
Excel, a missing folder, a full disk) leaves no half-written file and an existing file unchanged."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

# Why the system refused, in the user's words: the operating system's own text is English on a Linux
# computer ("Read-only file system") and is only quoted when the reason is none of these.
_SYSTEM_REASONS = {
    errno.ENOENT: "文件夹或文件不存在",
    errno.EACCES: "没有权限(或文件正被其他程序占用)",
    errno.EPERM: "没有权限",
    errno.EROFS: "驱动器是只读的",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EEXIST: "已有同名的文件",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EIO: "读写出错(磁盘或网络驱动器可能有问题)",
}


def system_reason(exc: OSError) -> str:
    """Why ``exc`` happened, in Chinese: the common reasons by their errno, any other quoted as the
    system gave it."""
    return _SYSTEM_REASONS.get(exc.errno or 0) or f"系统提示“{exc.strerror or exc}”"


@contextlib.contextmanager
def replacing(path: str | Path, before_replace: Callable[[], None] | None = None) -> Iterator[Path]:
    """A temporary file next to ``path`` to write into; it replaces ``path`` when the block ends
    and is removed when the block or the replacing fails. Missing folders are created.

    ``before_replace()`` is called once the temporary file is complete, just before it replaces
    ``path``: the last moment a cancel leaves nothing behind (it may raise; an export's
    ``Progress.commit``, after which a cancel is refused: the file is there).

    Any OSError raised names ``path`` itself (``filename``), not the temporary file or the folder,
    so that the message shown says which file could not be saved."""
    target = Path(path)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".relief-", suffix=target.suffix, dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        yield tmp
        if before_replace is not None:
            before_replace()
        # mkstemp makes the file readable by its owner alone: a saved workbook is shared like any
        # other file (the mode of the file it replaces, else read-write for the owner, read for all)
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(exc, OSError):
            exc.filename, exc.filename2 = str(target), None
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically. Returns the path written."""
    target = Path(path)
    with replacing(target) as tmp:
        tmp.write_bytes(data)
    return target
