"""The audit line of a list that shows whole ID numbers (RULES.md §4: every full-number view is
logged), written once for each set of rows the user is shown."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from sqlalchemy.exc import SQLAlchemyError

from desktop.services.base import Actor
from desktop.services.errors import ServiceError

log = logging.getLogger("relief_desk")

_NOTHING_YET = object()


class FullIdViewLog(QObject):
    """``shown(key, write)`` calls ``write`` (a service's ``log_list_view``) when ``list_widget`` shows
    the rows of a ``key`` (its filter and search) it has not logged last: scrolling, a new sort or a
    refresh after a save shows the same rows and writes nothing. A list loaded behind another page
    (the main window builds its pages at start) is logged when it comes into view, with the rows it
    then holds. Roles that see masked numbers have nothing to log. A line that cannot be written goes
    to the log file and is tried again the next time the rows are shown: they stay on screen (they
    were read from the same database a moment ago)."""

    def __init__(self, actor: Actor, list_widget: QWidget) -> None:
        super().__init__(list_widget)
        self.enabled = actor.sees_full_id
        self._widget = list_widget
        self._last: object = _NOTHING_YET
        self._pending: tuple[object, Callable[[], object]] | None = None
        if self.enabled:
            list_widget.installEventFilter(self)

    def shown(self, key: object, write: Callable[[], object]) -> None:
        if not self.enabled:
            return
        self._pending = (key, write)
        if self._widget.isVisible():
            self._write()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and self._pending is not None:
            self._write()
        return False

    def _write(self) -> None:
        assert self._pending is not None
        key, write = self._pending
        self._pending = None
        if key == self._last:
            return
        try:
            write()
        except (ServiceError, SQLAlchemyError) as exc:
            log.warning("could not log a list shown with whole ID numbers: %s", exc)
            return
        self._last = key
