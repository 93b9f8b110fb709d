"""Progress and cancellation for long work, without Qt: services report, views display."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled; whatever the work wrote has been rolled back."""


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


NO_PROGRESS = Progress()
