"""Debouncing: run a slot once, shortly after the last of a burst of triggers (typing, live changes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def debounce(parent: QObject, slot: Callable[[], object], ms: int = 300) -> QTimer:
    """A single-shot timer owned by ``parent`` that calls ``slot``; ``timer.start()`` (re)arms it."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
