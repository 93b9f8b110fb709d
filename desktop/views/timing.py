"""Timers for views: debouncing (a slot run once, shortly after the last of a burst of triggers: typing, live
changes), and a slot run when the day turns while the window stays open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def debounce(parent: QObject, slot: Callable[[], object], ms: int = 300) -> QTimer:
    """A single-shot timer owned by ``parent`` that calls ``slot``; ``timer.start()`` (re)arms it."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


def on_new_day(parent: QObject, slot: Callable[[], object], today: Callable[[], date] = date.today,
               check_ms: int = 60_000) -> QTimer:
    """Calls ``slot`` once the date has turned, for a window left open overnight (a duty desk). The date
    is looked at every minute rather than a timer set for midnight: a computer asleep overnight or a
    clock corrected does not miss the new day."""
    seen = [today()]

    def check() -> None:
        now = today()
        if now != seen[0]:
            seen[0] = now
            slot()

    timer = QTimer(parent)
    timer.setInterval(check_ms)
    timer.timeout.connect(check)
    timer.start()
    return timer


class WhenShown(QObject):
    """A page's refresh after a change, put off while the page is out of sight.

    ``when_shown()`` runs ``slot`` now when the page is on screen (or is not in a shown window at
    all: a page on its own); when its window shows another page or tab, the page is only marked
    stale, and ``slot`` runs once when the page is shown again — however many changes came meanwhile."""

    def __init__(self, page: QWidget, slot: Callable[[], object]) -> None:
        super().__init__(page)
        self.page = page
        self.slot = slot
        self.stale = False
        page.installEventFilter(self)

    def __call__(self) -> None:
        if not self.page.isVisible() and self.page.window().isVisible():
            self.stale = True
            return
        self.stale = False
        self.slot()

    def flush(self) -> None:
        """Run ``slot`` now if a change is still waiting (after the page's own action, which may end
        while the page is out of sight: what it did is shown at once, however the page is reached)."""
        if self.stale:
            self.stale = False
            self.slot()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.slot()
        return False
