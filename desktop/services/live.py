"""Watching the database for changes made by other workstations (no Qt here).

* PostgreSQL: ``LISTEN`` on :data:`desktop.services.base.NOTIFY_CHANNEL` on a dedicated psycopg
  connection in a worker thread. ``UnitOfWork.commit`` sends ``"topic:id"`` payloads, delivered only
  when the writing transaction commits. A lost connection is retried every few seconds; after a
  reconnect the callback gets ``("*", 0)`` because notifications sent meanwhile are lost.
* SQLite: a dedicated connection polls ``PRAGMA data_version`` (about every 500 ms); it changes when
  any other connection commits, so the callback gets ``("*", 0)``.

Either way, when the database cannot be reached ``on_state(False)`` is called once, and
``on_state(True)`` once it can again (followed by ``("*", 0)``: what changed meanwhile is unknown).

``ChangeWatcher(db, callback, on_state=...).start()`` … ``stop()``. The callbacks run on the worker
thread; the view layer (desktop/views/live.py) hands them to the main thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from desktop.services.base import NOTIFY_CHANNEL
from desktop.services.database import PG_CONNECT_ARGS, Database

log = logging.getLogger("relief_desk.live")

Callback = Callable[[str, int], None]
StateCallback = Callable[[bool], None]


def parse_payload(payload: str) -> tuple[str, int]:
    """``"board:17"`` → ("board", 17); anything unexpected → (text, 0)."""
    topic, _, ident = (payload or "").partition(":")
    try:
        return topic or "*", int(ident) if ident else 0
    except ValueError:
        return topic or "*", 0


class ChangeWatcher:
    """Calls ``callback(topic, id)`` for every change other connections commit."""

    def __init__(self, db: Database, callback: Callback, *, interval: float = 0.5, retry: float = 5.0,
                 on_state: StateCallback | None = None) -> None:
        self.db = db
        self.callback = callback
        self.on_state = on_state
        self.connected = True  # as far as anyone was told
        self._failures = 0  # in a row
        self.interval = interval
        self.retry = retry
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self.errors = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, wait_ready: float = 0.0) -> None:
        """Start the worker; with ``wait_ready`` wait that many seconds until it listens."""
        if self.running:
            return
        self._stop.clear()
        self._ready.clear()
        target = self._run_sqlite if self.db.is_sqlite else self._run_postgresql
        self._thread = threading.Thread(target=target, name="relief-change-watcher", daemon=True)
        self._thread.start()
        if wait_ready:
            self._ready.wait(wait_ready)

    def wait_ready(self, timeout: float = 5.0) -> bool:
        return self._ready.wait(timeout)

    def request_stop(self) -> None:
        """Ask the worker to finish without waiting (it ends within ``interval`` seconds)."""
        self._stop.set()

    def stop(self, timeout: float = 3.0) -> None:
        """Ask the worker to finish and wait for it (it checks every ``interval`` seconds)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    def _emit(self, topic: str, ident: int) -> None:
        try:
            self.callback(topic, ident)
        except Exception:  # a bad receiver must not kill the watcher
            log.exception("change callback failed for %s:%s", topic, ident)

    def _failed(self, what: str) -> float:
        """After a failure: how long to wait before trying again. A connection that just broke is
        tried again soon (the server ended it, the network blinked); the second failure in a row
        means the database cannot be reached: say so, and try every ``retry`` seconds."""
        self._failures += 1
        if self._failures == 1:
            log.warning("%s; trying again", what, exc_info=True)
            return min(self.interval, self.retry)
        if self.connected:
            log.warning("%s again; retrying every %s s", what, self.retry, exc_info=True)
        self._state(False)
        return self.retry

    def _state(self, connected: bool) -> None:
        """Tell once that the database was lost, and once that it is back (then: everything may have changed)."""
        if connected == self.connected:
            return
        self.connected = connected
        if self.on_state is not None:
            try:
                self.on_state(connected)
            except Exception:
                log.exception("connection state callback failed")
        if connected:
            self._emit("*", 0)  # changes made meanwhile were not seen

    # -- SQLite ------------------------------------------------------------------------------------
    def _run_sqlite(self) -> None:
        path = self.db.sqlite_path
        if path is None:
            return
        conn: sqlite3.Connection | None = None
        last: int | None = None
        while not self._stop.is_set():
            try:
                if conn is None:
                    conn = self._open_sqlite(path)
                    last = conn.execute("PRAGMA data_version").fetchone()[0]
                    self._ready.set()
                current = conn.execute("PRAGMA data_version").fetchone()[0]
                self._failures = 0
                self._state(True)
                if last is not None and current != last:
                    self._emit("*", 0)
                last = current
                wait = self.interval
            except sqlite3.Error:
                self.errors += 1
                wait = self._failed("SQLite change check failed")
                if conn is not None:
                    conn.close()
                conn = None
            self._stop.wait(wait)
        if conn is not None:
            conn.close()

    @staticmethod
    def _open_sqlite(path: Path) -> sqlite3.Connection:
        if not path.exists():
            raise sqlite3.OperationalError(f"database file {path} is gone")
        resolved = path.resolve()
        if str(resolved).startswith(("\\\\", "//")):  # UNC path: SQLite URIs take no host name
            return sqlite3.connect(str(resolved), timeout=5, isolation_level=None, check_same_thread=False)
        # mode=rw: never create a new, empty file where the database was.
        return sqlite3.connect(f"{resolved.as_uri()}?mode=rw", uri=True, timeout=5, isolation_level=None,
                               check_same_thread=False)

    # -- PostgreSQL --------------------------------------------------------------------------------
    def _conninfo(self) -> str:
        url = self.db.url.set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def _run_postgresql(self) -> None:
        import psycopg
        from psycopg import sql

        first = True
        while not self._stop.is_set():
            conn = None
            try:
                conn = psycopg.connect(self._conninfo(), autocommit=True, application_name="relief-desk-watcher",
                                       **PG_CONNECT_ARGS)  # a silently dead connection is noticed
                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(NOTIFY_CHANNEL)))
                self._ready.set()
                if not first and self.connected:
                    self._emit("*", 0)  # notifications sent while disconnected are lost
                first = False
                self._failures = 0
                self._state(True)
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=self.interval):
                        topic, ident = parse_payload(note.payload)
                        self._emit(topic, ident)
                        if self._stop.is_set():
                            break
                    if conn.closed:
                        raise psycopg.OperationalError("connection closed")
            except Exception:
                self.errors += 1
                if not self._stop.is_set():
                    self._stop.wait(self._failed("listening for changes failed"))
            finally:
                if conn is not None:
                    try:
                        conn.close()
                    except Exception:  # already broken
                        pass
