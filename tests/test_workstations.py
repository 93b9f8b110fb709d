"""Many workstations on one database: a connection lost mid-work, another transaction in the way,
two people saving the same record. Each case ends in a plain message and nothing half-written."""

from __future__ import annotations

import contextlib
import socket
import threading

import pytest
from sqlalchemy import text

from desktop.models import Household
from desktop.services import base, households
from desktop.services.database import Database, open_database
from desktop.services.errors import DatabaseBusy, DatabaseUnavailable
from tests.district import District
from tests.monitoring_helpers import add_households, household


def _other_workstation(db: Database) -> Database:
    return open_database(db.url.render_as_string(hide_password=False))


def _pg_only(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("a server connection to lose: PostgreSQL only")


def _cut_connections(db: Database, other: Database) -> None:
    """What a network drop does to ``db``: the server ends its backends (the pool does not know)."""
    with other.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                          "AND application_name <> 'relief-desk-watcher'"))


def test_connection_lost_mid_save_is_a_plain_message_and_the_next_save_works(
        district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    db = district.db
    _pg_only(db)
    other = _other_workstation(db)
    [hid] = add_households(db, district.regions["飞云社区"], None)
    version = household(db, hid).version
    commit = base.UnitOfWork.commit

    def cut_then_commit(uow: base.UnitOfWork) -> None:
        _cut_connections(db, other)
        commit(uow)

    monkeypatch.setattr(base.UnitOfWork, "commit", cut_then_commit)
    try:
        with pytest.raises(DatabaseUnavailable, match="连接中断.*没有保存任何内容.*自动重新连接"):
            households.save_household(db, district.admin, hid, version, {"note": "断网时保存"})
        monkeypatch.setattr(base.UnitOfWork, "commit", commit)
        assert household(db, hid).version == version  # nothing half-written
        # The network is back: the same window saves without a restart.
        households.save_household(db, district.admin, hid, version, {"note": "恢复后保存"})
        assert household(db, hid).note == "恢复后保存"
    finally:
        other.dispose()


class NetworkLink:
    """A TCP relay between a workstation and the PostgreSQL server: ``cut()`` is the network
    dropping (open connections reset, new ones refused), ``restore()`` is it coming back."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener: socket.socket | None = None
        self.port = 0
        self.sockets: list[socket.socket] = []
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(20)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        for s in (a, b):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        assert self.listener is not None
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept()
        self.listener.close()
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self.sockets = []


def test_network_down_then_back_without_a_restart(district: District) -> None:
    db = district.db
    _pg_only(db)
    link = NetworkLink(db.url.host or "127.0.0.1", db.url.port or 5432)
    url = db.url.set(host="127.0.0.1", port=link.port)
    workstation = open_database(url.render_as_string(hide_password=False))
    [hid] = add_households(db, district.regions["飞云社区"], None)
    try:
        version = households.get_household(workstation, district.admin, hid).version
        link.cut()
        with pytest.raises(DatabaseUnavailable, match="没有保存任何内容.*自动重新连接"):
            households.save_household(workstation, district.admin, hid, version, {"note": "断网"})
        with pytest.raises(DatabaseUnavailable, match="连接不上数据库服务器.*没有保存任何内容"):
            households.get_household(workstation, district.admin, hid)
        assert household(db, hid).version == version
        link.restore()
        households.save_household(workstation, district.admin, hid, version, {"note": "网络恢复"})
        assert household(db, hid).note == "网络恢复"
    finally:
        workstation.dispose()
        link.cut()


def test_lock_held_by_another_workstation_is_busy_not_a_crash(district: District) -> None:
    db = district.db
    _pg_only(db)
    other = _other_workstation(db)
    [hid] = add_households(db, district.regions["飞云社区"], None)
    version = household(db, hid).version
    try:
        with other.engine.connect() as holder:
            holder.execute(text("SELECT id FROM households WHERE id = :id FOR UPDATE"), {"id": hid})
            with db.engine.begin() as conn:
                conn.execute(text("SET lock_timeout = '200ms'"))
                with pytest.raises(DatabaseBusy, match="本次操作没有保存"):
                    conn.execute(Household.__table__.update().where(Household.id == hid).values(note="x"))
            holder.rollback()
        assert household(db, hid).version == version
    finally:
        other.dispose()
