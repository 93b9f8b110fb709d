"""Writing a file the user chose, atomically: into a temporary file beside it that replaces it only
when complete. A failed or cancelled write (a folder given as the file, no permission, a file open in
Excel, a missing folder, a full disk) leaves no half-written file and an existing file unchanged."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


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
