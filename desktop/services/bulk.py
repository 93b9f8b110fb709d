"""Many rows into the database at speed, inside the caller's transaction, and a writer thread that
does the database work while the caller prepares the next rows.

Used where rows come by the hundred thousand (the demo district, department lists); everywhere
else the ORM writes one change at a time."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.engine import Connection


def insert_rows(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """``rows`` into ``table``: one executemany on SQLite, COPY (by far its fastest way in) on
    PostgreSQL. Values must be ready for the driver (numbers, text, dates; JSON as text): no
    SQLAlchemy type processing, whose per-row machinery costs more than the database itself."""
    if not rows:
        return
    names = ", ".join(columns)
    raw: Any = conn.connection.dbapi_connection
    if conn.dialect.name == "postgresql":
        statement = f"COPY {table} ({names}) FROM STDIN"
        try:
            with raw.cursor() as cur, cur.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        except conn.dialect.loaded_dbapi.Error as exc:
            # COPY goes past SQLAlchemy: its error is handed back to it, so that the engine's error
            # hooks say it as any statement's (a full disk, a lost connection), never as a crash
            conn._handle_dbapi_exception(exc, statement, None, None, None)
    else:
        statement = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
        try:
            raw.executemany(statement, rows)
        except conn.dialect.loaded_dbapi.Error as exc:  # past SQLAlchemy too: said as above (a locked file)
            conn._handle_dbapi_exception(exc, statement, None, None, None)


class WriterThread:
    """Runs queued database work, in order, on a second thread: the drivers release the GIL while
    the database works, so the caller goes on reading or generating. The caller's connection and
    transaction are used by this thread alone until :meth:`close` returns.

    A failure in the work is raised again by the next :meth:`put` or by :meth:`close`; after it,
    queued work is skipped (the transaction is going to be rolled back)."""

    def __init__(self, name: str, depth: int = 2) -> None:
        self._queue: queue.Queue[tuple[Callable[[Any], None], Any] | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if self._error is not None or self._abandoned:
                continue  # keep draining so the caller never blocks
            work, payload = item
            try:
                work(payload)
            except BaseException as exc:  # handed to the caller's thread
                self._error = exc

    def put(self, work: Callable[[Any], None], payload: Any) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put((work, payload))

    def close(self, *, abandon: bool = False) -> None:
        """Wait until the queued work is done (or, ``abandon``, skipped) and the thread has ended;
        then raise a failure of the work, unless abandoning (the caller is raising already)."""
        self._abandoned = abandon
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and not abandon:
            raise self._error
