"""Many workstations on one database: a connection lost mid-work, another transaction in the way,
two people saving the same record. Each case ends in a plain message and nothing half-written."""

from __future__ import annotations

import contextlib
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from desktop.models import Application, AssistanceRecord, Household, Member, PostCheck, SpotCheckSample
from desktop.rules import idcard
from desktop.rules.codes import Role, SourceLevel
from desktop.services import applications, base, clues, households
from desktop.services.clues import ClueInput
from desktop.services.database import Database, head_revision, open_database
from desktop.services.errors import (
    ConflictError,
    DatabaseBusy,
    DatabaseUnavailable,
    SchemaTooNew,
    ServiceError,
    ValidationFailed,
)
from desktop.services.live import ChangeWatcher
from tests.district import District
from tests.monitoring_helpers import add_households, household


def _other_workstation(db: Database) -> Database:
    return open_database(db.url.render_as_string(hide_password=False))


def _pg_only(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("a server connection to lose: PostgreSQL only")


def _at_once(*calls: Callable[[], object]) -> list[object]:
    """Run ``calls`` in threads released together (workstations pressing the same button at the same
    moment): each finished call's result, or the exception it raised, in the order given."""
    barrier = threading.Barrier(len(calls))
    outcomes: dict[int, object] = {}

    def run(n: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            outcomes[n] = call()
        except Exception as exc:  # noqa: BLE001 - returned for the caller's assertions
            outcomes[n] = exc

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return [outcomes[n] for n in sorted(outcomes)]


def _approve_directly(db: Database, app_id: int, decided_on: date, *, start_month: date | None = None,
                      paid_months: tuple[int, ...] = ()) -> None:
    """The application approved at 500 a month without its procedure (tested elsewhere), with the months
    of 2026 given already paid."""
    with db.session_factory() as session:
        app = session.get(Application, app_id)
        app.status, app.step, app.decided_on, app.amount = "approved", "done", decided_on, Decimal("500")
        if start_month is not None:
            app.start_month = start_month
        session.add_all([AssistanceRecord(household_id=app.household_id, application_id=app_id,
                                          category=app.category, month=date(2026, m, 1), amount=Decimal("500"))
                         for m in paid_months])
        session.commit()


def _slow_inserts(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Every insert of the applications service waits first: widens the gap between reading and writing."""
    real_insert = applications.insert

    def slow_insert(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        time.sleep(seconds)
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(applications, "insert", slow_insert)


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


def test_clues_assigned_twice_at_once_name_who_assigned_first(district: District) -> None:
    """Two workstations assign the same clues at the same moment: both read the same versions; the
    second's write finds the version moved. It is a conflict naming the first, not a crash."""
    db = district.db
    other = _other_workstation(db)
    admin, reviewer = district.admin, district.actor(Role.DISTRICT_REVIEWER)
    ids = [clues.add_clue(db, admin, ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date.today(),
        description="独居老人", person_name=f"人{i}", address="八泉街道1号", channel="home_visit"))
        for i in range(2)]
    clues.assign_clues(db, admin, ids, district.regions["河口镇"])
    versions = {i: clues.get_clue(db, admin, i).version for i in ids}

    def the_other_assigns_first(*_: object) -> None:
        clues.assign_clues(other, reviewer, ids[:1], district.regions["闸口社区"], versions=versions)

    # Assigning an assigned clue reads the region tree between the clues: SQLAlchemy flushes the
    # first clue's change then (autoflush), and that is where the other's save is met.
    event.listen(db.session_factory, "before_flush", the_other_assigns_first, once=True)
    try:
        with pytest.raises(ConflictError, match="测试district_reviewer") as err:
            clues.assign_clues(db, admin, ids, district.regions["八泉街道"], versions=versions)
        assert err.value.info.entity == f"线索 #{ids[0]}"
    finally:
        other.dispose()
    # All or nothing: the second clue was not assigned either.
    assert {c.id: c.region_id for c in clues.list_clues(db, admin)} == {
        ids[0]: district.regions["闸口社区"], ids[1]: district.regions["河口镇"]}


def test_household_saved_twice_at_once_names_who_saved_first(district: District) -> None:
    db = district.db
    other = _other_workstation(db)
    [hid] = add_households(db, district.regions["飞云社区"], None)
    version = household(db, hid).version
    reviewer = district.actor(Role.DISTRICT_REVIEWER)

    def the_other_saves_first(*_: object) -> None:
        households.save_household(other, reviewer, hid, version, {"phone": "0714-7654321"})

    event.listen(db.session_factory, "before_flush", the_other_saves_first, once=True)
    try:
        with pytest.raises(ConflictError, match="测试district_reviewer.*于 20") as err:
            households.save_household(db, district.admin, hid, version, {"note": "我的备注"})
        assert err.value.info.current["phone"] == "0714-7654321"
    finally:
        other.dispose()
    saved = household(db, hid)
    assert (saved.phone, saved.note, saved.version) == ("0714-7654321", "", version + 1)


@contextlib.contextmanager
def _upgraded_by_a_newer_program(db: Database) -> Iterator[None]:
    """A newer program's migration, undone afterwards (the PostgreSQL test database is shared)."""
    with db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE households ADD COLUMN verified_by varchar(64) NOT NULL DEFAULT ''"))
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d_newer'"))
    try:
        yield
    finally:
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE households DROP COLUMN verified_by"))
            conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()})


def test_database_upgraded_by_a_newer_program_while_this_one_runs(district: District) -> None:
    """The program refuses a newer schema at start "so as not to damage data"; a window that was
    already open when another workstation upgraded the database must not go on writing either."""
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], None)
    version = households.get_household(db, district.admin, hid).version
    other = _other_workstation(db)
    try:
        with _upgraded_by_a_newer_program(other):
            with pytest.raises(SchemaTooNew, match="f00d_newer.*比本程序更新.*安装最新版本"):
                households.save_household(db, district.admin, hid, version, {"note": "旧程序写入"})
            with pytest.raises(SchemaTooNew):
                households.get_household(db, district.admin, hid)
    finally:
        other.dispose()
    assert household(db, hid).version == version


def test_the_window_says_so_once_and_closes(qtbot, sqlite_district: District,  # noqa: ANN001
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.views import errors as errors_mod

    db = sqlite_district.db
    told: list[str] = []
    quits: list[bool] = []
    monkeypatch.setattr(errors_mod, "_account_change_told", False)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: told.append(text))
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    with _upgraded_by_a_newer_program(db):
        for _ in range(3):  # every open page refreshing after the change
            try:
                households.count_households(db, sqlite_district.admin, households.HouseholdFilter())
            except SchemaTooNew as exc:
                errors_mod.show_error(None, exc)
    assert len(told) == 1 and "安装最新版本" in told[0] and quits == [True]


def _wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_watcher_says_when_the_server_is_lost_and_back(district: District) -> None:
    """The window must know the database is gone (its lists stop updating), not only the next save."""
    db = district.db
    _pg_only(db)
    link = NetworkLink(db.url.host or "127.0.0.1", db.url.port or 5432)
    workstation = open_database(db.url.set(host="127.0.0.1", port=link.port).render_as_string(hide_password=False))
    states: list[bool] = []
    changes: list[tuple[str, int]] = []
    watcher = ChangeWatcher(workstation, lambda t, i: changes.append((t, i)), interval=0.1, retry=0.3,
                            on_state=states.append)
    watcher.start(wait_ready=5)
    try:
        link.cut()
        assert _wait_for(lambda: states == [False])
        add_households(db, district.regions["飞云社区"], "class_1")  # another workstation, meanwhile
        changes.clear()
        link.restore()
        assert _wait_for(lambda: states == [False, True])
        assert _wait_for(lambda: ("*", 0) in changes)  # what changed meanwhile: refresh everything
    finally:
        watcher.stop()
        workstation.dispose()
        link.cut()


def test_a_server_ending_the_connection_once_is_no_outage(district: District) -> None:
    db = district.db
    _pg_only(db)
    states: list[bool] = []
    changes: list[tuple[str, int]] = []
    watcher = ChangeWatcher(db, lambda t, i: changes.append((t, i)), interval=0.1, retry=5, on_state=states.append)
    watcher.start(wait_ready=5)
    other = _other_workstation(db)
    try:
        with other.engine.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE application_name = 'relief-desk-watcher' AND datname = current_database()"))
        assert _wait_for(lambda: ("*", 0) in changes, timeout=3)  # listening again within a second
        assert states == []
    finally:
        watcher.stop()
        other.dispose()


def test_sqlite_watcher_reports_what_changed_while_the_file_was_unreachable(sqlite_district: District,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    db = sqlite_district.db
    share_down = threading.Event()

    class SharedFolder:
        """The connection to a database on a network share that may drop."""

        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def execute(self, sql: str) -> sqlite3.Cursor:
            if share_down.is_set():
                raise sqlite3.OperationalError("disk I/O error")
            return self.conn.execute(sql)

        def close(self) -> None:
            self.conn.close()

    opener = ChangeWatcher._open_sqlite
    monkeypatch.setattr(ChangeWatcher, "_open_sqlite", staticmethod(lambda path: SharedFolder(opener(path))))
    states: list[bool] = []
    changes: list[tuple[str, int]] = []
    watcher = ChangeWatcher(db, lambda t, i: changes.append((t, i)), interval=0.1, retry=0.2, on_state=states.append)
    watcher.start(wait_ready=5)
    try:
        share_down.set()
        assert _wait_for(lambda: states == [False])
        add_households(db, sqlite_district.regions["飞云社区"], "class_1")  # written meanwhile
        changes.clear()
        share_down.clear()
        assert _wait_for(lambda: states == [False, True])
        assert _wait_for(lambda: ("*", 0) in changes)
    finally:
        watcher.stop()


def test_main_window_shows_the_lost_connection_until_it_is_back(qtbot, qapp, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop import i18n
    from desktop.views.context import AppContext
    from desktop.views.main_window import MainWindow

    i18n.install(qapp, "zh_CN")
    window = MainWindow(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(window)
    window.show()
    window.live.connectionChanged.emit(False)
    assert window.connection_label.isVisible() and "与数据库的连接已中断" in window.connection_label.text()
    window.live.connectionChanged.emit(True)
    assert not window.connection_label.isVisible() and "已重新连接到数据库" in window.statusBar().currentMessage()
    window.close()


def test_the_same_person_registered_on_two_workstations_at_once(district: District) -> None:
    """Both check that the ID number is free, then both write: the second is told in plain words
    (the database's unique index decides), and nothing of its household is left behind. SQLite lets
    one workstation write at a time, so there the second simply waits for the first."""
    db = district.db
    _pg_only(db)
    other = _other_workstation(db)
    number = idcard.make("420203", date(1977, 7, 7), 512)
    community = district.regions["飞云社区"]

    flushes: list[int] = []

    def the_other_registers_first(session: Session, *_: object) -> None:
        flushes.append(1)
        if any(isinstance(obj, Member) for obj in session.new) and len(flushes) < 10:  # after the check
            flushes.extend([1] * 10)
            households.create_household(other, district.actor(Role.DISTRICT_REVIEWER), region_id=community,
                                        address="飞云社区1栋", head={"name": "王同", "id_number": number})

    event.listen(db.session_factory, "before_flush", the_other_registers_first)
    try:
        with pytest.raises(ValidationFailed, match="身份证号刚刚已在另一台电脑上登记.*本次没有保存") as err:
            households.create_household(db, district.admin, region_id=community, address="飞云社区2栋",
                                        head={"name": "王同", "id_number": number})
        assert set(err.value.problems) == {"id_number"}
    finally:
        event.remove(db.session_factory, "before_flush", the_other_registers_first)
        other.dispose()
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 1


def test_a_unique_value_written_twice_is_named_on_both_databases(district: District) -> None:
    """The same translation from either database's wording of the unique violation."""
    db = district.db
    [hid] = add_households(db, district.regions["飞云社区"], None)
    number = idcard.make("420203", date(1980, 1, 2), 7)
    for name in ("甲", "乙"):
        with pytest.raises(ValidationFailed, match="身份证号刚刚已在另一台电脑上登记") if name == "乙" \
                else contextlib.nullcontext():
            with base.unit_of_work(db, district.admin, write=True) as uow:
                uow.add(Member(household_id=hid, name=name, id_number=number, id_reversed=number[::-1],
                               relation="other"))
                uow.flush()
    households.save_household(db, district.admin, hid, household(db, hid).version, {"code": "FY-001"})
    with pytest.raises(ValidationFailed, match="户编号刚刚已被") as err:
        with base.unit_of_work(db, district.admin, write=True) as uow:
            uow.add(Household(region_id=district.regions["飞云社区"], code="FY-001",
                              address="x", head_name="丙", member_count=0))
            uow.flush()
    assert set(err.value.problems) == {"code"}


def test_a_silently_dropped_network_is_noticed_not_waited_on_for_ever(pg_database_url: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without TCP keepalives and a user timeout, a save over a network that drops packets silently
    waits for a quarter of an hour and an idle connection that is gone is never noticed. Both the
    program's connections and the change watcher's ask the operating system to notice."""
    import psycopg

    from desktop.services import live
    from desktop.services.database import open_database

    db = open_database(pg_database_url)
    try:
        with db.engine.connect() as conn:
            params = conn.connection.dbapi_connection.info.get_parameters()
        assert (params["keepalives"], params["tcp_user_timeout"]) == ("1", "30000")
        found_dead_within = int(params["keepalives_idle"]) + int(params["keepalives_interval"]) * int(
            params["keepalives_count"])
        assert found_dead_within <= 60
        watched: list[dict] = []
        real = psycopg.connect

        def connect(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            conn = real(*args, **kwargs)
            watched.append(conn.info.get_parameters())
            return conn

        monkeypatch.setattr(psycopg, "connect", connect)
        watcher = live.ChangeWatcher(db, lambda topic, ident: None)
        watcher.start(wait_ready=10)
        watcher.stop()
        assert watched and all((w["keepalives"], w["tcp_user_timeout"]) == ("1", "30000") for w in watched)
    finally:
        db.dispose()


def test_two_spot_check_draws_at_once_save_one_sample(district: District) -> None:
    """Two reviewers open 抽取随机抽查样本 and draw at the same moment, each from their own
    workstation: one sample is saved; the other is refused in plain words naming the sample drawn
    first, so no application gets two spot checks from one round of drawing."""
    db = district.db
    other = _other_workstation(db)
    ids = add_households(db, district.regions["飞云社区"], "assisted", 6)
    for hid in ids:
        app_id = applications.accept(db, district.admin, household_id=hid, category="dibao", track="commitment",
                                      accepted_on=date(2026, 9, 1),
                                      commitment=applications.CommitmentInput("户主", date(2026, 9, 1)))
        _approve_directly(db, app_id, date(2026, 9, 10))
    first, second = district.admin, district.actor(Role.DISTRICT_REVIEWER)
    seen = {"first": applications.latest_sample(db, first), "second": applications.latest_sample(other, second)}
    try:
        outcomes = _at_once(
            lambda: applications.draw_spot_check(db, first, on=date(2026, 10, 1), count=3,
                                                 seen_latest=seen["first"]),
            lambda: applications.draw_spot_check(other, second, on=date(2026, 10, 1), count=3,
                                                 seen_latest=seen["second"]))
    finally:
        other.dispose()
    samples = [o for o in outcomes if isinstance(o, applications.SampleInfo)]
    refused = [o for o in outcomes if not isinstance(o, applications.SampleInfo)]
    assert len(samples) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], ServiceError) and "本次没有抽取" in refused[0].message
    assert f"样本 {samples[0].id}" in refused[0].message and "测试" in refused[0].message
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(SpotCheckSample)) == 1
        assert session.scalar(select(func.count()).select_from(PostCheck)) == 3
    # Drawing again on purpose, having seen that sample, is still possible.
    again = applications.draw_spot_check(db, second, on=date(2026, 10, 1), count=3,
                                         seen_latest=applications.latest_sample(db, second))
    assert again.id != samples[0].id


def test_the_same_month_recorded_on_two_workstations_at_once_pays_each_family_once(
        district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two reviewers press 登记本月发放 at the same moment. On SQLite the read of what is still unrecorded
    came before the write lock, so both found every family unrecorded and each was paid twice."""
    db = district.db
    other = _other_workstation(db)
    for hid in add_households(db, district.regions["飞云社区"], "assisted", 3):
        app_id = applications.accept(db, district.admin, household_id=hid, category="dibao",
                                      accepted_on=date(2026, 9, 1))
        _approve_directly(db, app_id, date(2026, 9, 10), start_month=date(2026, 10, 1))
    _slow_inserts(monkeypatch, 0.3)
    reviewer = district.actor(Role.DISTRICT_REVIEWER)
    try:
        outcomes = _at_once(lambda: applications.record_monthly_assistance(db, district.admin, date(2026, 10, 1)),
                            lambda: applications.record_monthly_assistance(other, reviewer, date(2026, 10, 1)))
    finally:
        other.dispose()
    assert sorted(outcomes) == [0, 3], outcomes
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AssistanceRecord)) == 3


def test_one_family_accepted_on_two_workstations_at_once_has_one_open_application(
        district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    """The community and the sub-district accept the same family's application at the same moment (a
    family already assisted, applying for 临时救助, so nothing else of the family is written): each
    found no open application, and the family had two."""
    db = district.db
    other = _other_workstation(db)
    hid = add_households(db, district.regions["飞云社区"], "assisted", 1)[0]
    real_running = applications._assisted_elsewhere

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - widens the gap between the check and the write
        time.sleep(0.3)
        return real_running(*args, **kwargs)

    monkeypatch.setattr(applications, "_assisted_elsewhere", slow)
    monkeypatch.setattr(applications, "_move", lambda *a, **k: None)  # as for a family assisted elsewhere
    def accept(on: Database, actor: base.Actor) -> object:
        return applications.accept(on, actor, household_id=hid, category="temporary", temporary_kind="expenditure",
                                   accepted_on=date(2026, 9, 1))

    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    try:
        outcomes = _at_once(lambda: accept(db, district.admin), lambda: accept(other, caseworker))
    finally:
        other.dispose()
    refused = [o for o in outcomes if isinstance(o, ServiceError)]
    assert len(outcomes) == 2 and len(refused) == 1, outcomes
    assert "已有办理中的申请" in refused[0].message
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Application)
                              .where(Application.household_id == hid, Application.status == "open")) == 1


def test_a_stop_entered_while_the_month_is_being_recorded_leaves_no_payment_after_it(
        district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    """July being recorded on one workstation while another enters a stop dated 06-10: the stop found no
    month recorded after its day (July was not committed yet) and July was then written after the last
    day assisted. The stop now takes turns with the recording: refused, or July not written."""
    db = district.db
    other = _other_workstation(db)
    hid = add_households(db, district.regions["飞云社区"], "assisted", 1)[0]
    app_id = applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 1))
    _approve_directly(db, app_id, date(2026, 3, 10), start_month=date(2026, 4, 1), paid_months=(4, 5, 6))
    _slow_inserts(monkeypatch, 0.5)

    def stop() -> object:
        time.sleep(0.15)  # the recording has read what is due and is writing
        return applications.stop_assistance(other, district.actor(Role.DISTRICT_REVIEWER), app_id,
                                            on=date(2026, 6, 10), reason="户主就业")
    try:
        outcomes = _at_once(lambda: applications.record_monthly_assistance(db, district.admin, date(2026, 7, 1),
                                                                           today=date(2026, 7, 15)), stop)
    finally:
        other.dispose()
    with db.session_factory() as session:
        stopped_on = session.get(Application, app_id).stopped_on
        july = session.scalar(select(func.count()).select_from(AssistanceRecord)
                              .where(AssistanceRecord.month == date(2026, 7, 1)))
    assert not (stopped_on is not None and stopped_on < date(2026, 7, 1) and july), (outcomes, stopped_on, july)
    assert any(isinstance(o, ServiceError) and "已登记 2026年07月" in o.message for o in outcomes) or july == 0


def test_a_change_of_category_decided_while_the_month_is_being_recorded_pays_the_month_once(
        district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    """低保 to 特困 approved (from July) on one workstation while July is being recorded on another: the
    approval found no July recorded under the 低保 and stopped it on 06-30, the recording wrote July for
    the 低保 all the same, and the approval wrote July for the 特困: July paid twice."""
    from tests.test_applications import regular_steps

    db = district.db
    other = _other_workstation(db)
    hid = add_households(db, district.regions["飞云社区"], "assisted", 1)[0]
    dibao = applications.accept(db, district.admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 1))
    _approve_directly(db, dibao, date(2026, 3, 10), start_month=date(2026, 4, 1), paid_months=(4, 5, 6))
    tekun = applications.accept(db, district.admin, household_id=hid, category="tekun", accepted_on=date(2026, 6, 1))
    regular_steps(district, tekun, date(2026, 6, 1))
    _slow_inserts(monkeypatch, 0.5)

    def decide() -> object:
        time.sleep(0.15)  # the recording has read what is due and is writing
        return applications.decide(other, district.actor(Role.DISTRICT_REVIEWER), tekun, approve=True,
                                   on=date(2026, 6, 20), amount="900", today=date(2026, 7, 15), replace_running=True)
    try:
        outcomes = _at_once(lambda: applications.record_monthly_assistance(db, district.admin, date(2026, 7, 1),
                                                                           today=date(2026, 7, 15)), decide)
    finally:
        other.dispose()
    with db.session_factory() as session:
        july = session.scalars(select(AssistanceRecord.application_id).where(
            AssistanceRecord.household_id == hid, AssistanceRecord.month == date(2026, 7, 1))).all()
    assert len(july) == 1, (outcomes, july)


def test_an_application_withdrawn_here_while_refused_on_another_workstation(district: District) -> None:
    """A caseworker records the applicant's withdrawal while the reviewer, on another workstation, refuses
    the same application: the later save is refused naming who saved first, and nothing of it is written
    (no withdrawal notice, no second library move); the application stays as the reviewer decided."""
    from desktop.models import LibraryMove, Notice

    db = district.db
    other = _other_workstation(db)
    [hid] = add_households(db, district.regions["飞云社区"], "class_1")
    app_id = applications.accept(db, district.admin, household_id=hid, category="dibao",
                                 accepted_on=date(2026, 3, 2))
    applications.complete_step(db, district.admin, app_id, "check", on=date(2026, 3, 3), result="failed")
    version = applications.get_detail(db, district.admin, app_id).row.version
    reviewer = district.actor(Role.DISTRICT_REVIEWER)

    def the_other_decides_first(*_: object) -> None:
        applications.decide(other, reviewer, app_id, approve=False, on=date(2026, 3, 4), reason="授权核对未通过",
                            expected_version=version)

    event.listen(db.session_factory, "before_flush", the_other_decides_first, once=True)
    try:
        with pytest.raises(ConflictError, match="测试district_reviewer"):
            applications.withdraw(db, district.admin, app_id, on=date(2026, 3, 4), reason="申请人撤回",
                                  expected_version=version)
    finally:
        other.dispose()
    detail = applications.get_detail(db, district.admin, app_id)
    assert detail.row.status == "refused" and detail.withdrawal is None
    with db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Notice).where(Notice.kind == "withdrawal")) == 0
        moves = session.execute(select(LibraryMove.to_stage).where(LibraryMove.household_id == hid)
                                .order_by(LibraryMove.id)).scalars().all()
    assert moves == ["applying", "class_1"]
    assert household(db, hid).stage == "class_1"
