"""Saving a document the program made (a PDF, a chart image, an attached scan) to the file the user
chose: atomically, so that a write that fails leaves no half-written file behind."""

from __future__ import annotations

from pathlib import Path

from desktop.io.files import write_bytes


def save_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path``. Raises OSError naming ``path`` when it cannot be written (a folder,
    no permission, the file open in another program, a missing folder, a full disk)."""
    return write_bytes(path, data)
