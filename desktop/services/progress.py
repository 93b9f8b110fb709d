"""Progress and cancellation for long work, without Qt: services report, views display."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypedDict


class Cancelled(Exception):
    """The user cancelled; whatever the work wrote has been rolled back."""


class FileHooks(TypedDict):
    """A file writer's hooks (desktop/io: xlsx_writer, xlsx_stream), from :meth:`Progress.writing`."""

    on_row: Callable[[int], None]
    before_replace: Callable[[], None]


class Progress:
    """Passed into long-running services. ``report`` may be called often; it is cheap."""

    def __init__(self, callback: Callable[[int, int, str], None] | None = None) -> None:
        self._callback = callback
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._committed = False

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        if self._callback is not None:
            self._callback(done, total, text)

    def cancel(self) -> bool:
        """Ask the work to stop. False once it has passed :meth:`commit` (it can no longer be undone)."""
        with self._lock:
            if self._committed:
                return False
            self._cancel.set()
            return True

    def commit(self) -> None:
        """The work is about to change what cannot be put back: a cancel asked before is honoured now
        (:class:`Cancelled`), one asked later is refused (see :attr:`cancellable`)."""
        with self._lock:
            if self._cancel.is_set():
                raise Cancelled()
            self._committed = True

    @property
    def cancellable(self) -> bool:
        return not self._committed

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def writing(self, total: int = 0, unit: str = "行") -> FileHooks:
        """An export's file writer reports the rows written and honours a cancel until the finished
        file is put in place (nothing is left behind); from then on the file is there, a cancel is
        refused and what follows (the audit entry of the export) is done."""
        def on_row(n: int) -> None:
            self.report(n, total, f"已写入 {n:,} / {total:,} {unit}" if total else f"已写入 {n:,} {unit}")

        return FileHooks(on_row=on_row, before_replace=self.commit)


NO_PROGRESS = Progress()
