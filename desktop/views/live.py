"""Live updates in the window: the change watcher's reports, handed to the main thread.

The watcher (desktop/services/live.py) calls back on its worker thread; a queued Qt signal brings
each change to the main thread, where changes arriving together are published once on
``ctx.changes`` (pages then refresh what they show, keeping selection and scroll position).
``connectionChanged`` tells the window when the database is lost and when it is back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from desktop.services.live import ChangeWatcher
from desktop.views.context import AppContext
from desktop.views.timing import debounce

COALESCE_MS = 150
MANY = 50  # more distinct topics than this in one burst: publish "*" instead


class LiveUpdates(QObject):
    received = Signal(str, int)
    connectionChanged = Signal(bool)  # noqa: N815 (Qt naming): False when the database is lost, True when back

    def __init__(self, ctx: AppContext, parent: QObject | None = None, *, interval: float = 0.5) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._pending: dict[str, set[int]] = {}  # topic → the records changed, in order of arrival
        self._timer = debounce(self, self._flush, COALESCE_MS)
        self.received.connect(self._queue, Qt.ConnectionType.QueuedConnection)
        self.watcher = ChangeWatcher(ctx.db, self._from_worker, interval=interval,
                                     on_state=self.connectionChanged.emit)  # a cross-thread emit is queued
        watcher = self.watcher  # a window destroyed without closeEvent still ends the worker
        self.destroyed.connect(lambda *_: watcher.request_stop())

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self._timer.stop()
        self.watcher.stop()

    def _from_worker(self, topic: str, ident: int) -> None:  # worker thread
        self.received.emit(topic, ident)

    def _queue(self, topic: str, ident: int) -> None:  # main thread
        self._pending.setdefault(topic, set()).add(ident)
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        """Publish a burst once per topic: a topic changed for several records at once (a bulk
        assignment, an import) is published once as (topic, 0), not once per record — each publish
        may make a page read its list again."""
        pending, self._pending = self._pending, {}
        if "*" in pending or len(pending) > MANY:
            self.ctx.changes.publish("*", 0)
            return
        for topic, idents in pending.items():
            self.ctx.changes.publish(topic, next(iter(idents)) if len(idents) == 1 else 0)
