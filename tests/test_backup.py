"""Backing up and restoring the local database: the service, the command and the File menu."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.cli import main as cli_main
from desktop.rules.codes import Role
from desktop.services import audit, auth, database
from desktop.services import backup as svc
from desktop.services.database import open_database
from desktop.services.errors import PermissionDenied, ServiceError
from tests.district import PASSWORD, District


def test_backup_then_restore_brings_the_data_back(sqlite_district: District, tmp_path: Path) -> None:
    d = sqlite_district
    copy = tmp_path / "备份" / "救助工作台备份.sqlite3"
    info = svc.backup(d.db, d.admin, copy)
    assert info.path == copy and info.users == 1 and info.revision
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]  # one self-contained file
    auth.add_user(d.db, d.admin, username="later", password=PASSWORD, role="supervisor")
    kept = svc.restore(d.db, d.admin, copy)
    assert kept.exists() and kept.parent == d.db.sqlite_path.parent
    with pytest.raises(ServiceError):
        auth.find_user(d.db, d.admin, "later")  # recorded after the backup: gone
    assert auth.login(d.db, "admin", PASSWORD).username == "admin"
    assert svc.inspect_backup(kept).path == kept  # the database as it was can be restored in turn
    actions = [r.action for r in audit.list_entries(d.db, d.admin, limit=3)]
    assert actions[:2] == ["user.login", "db.restore"]


def test_refusals(sqlite_district: District, tmp_path: Path) -> None:
    d = sqlite_district
    not_db = tmp_path / "名单.xlsx"
    not_db.write_bytes(b"PK\x03\x04 not a database")
    with pytest.raises(ServiceError, match="不是救助工作台的数据库备份"):
        svc.restore(d.db, d.admin, not_db)
    with pytest.raises(ServiceError, match="找不到"):
        svc.inspect_backup(tmp_path / "missing.sqlite3")
    truncated = tmp_path / "truncated.sqlite3"
    svc.backup(d.db, d.admin, truncated)
    truncated.write_bytes(truncated.read_bytes()[:5000])
    with pytest.raises(ServiceError, match="已损坏|不是救助工作台"):
        svc.restore(d.db, d.admin, truncated)
    with pytest.raises(ServiceError, match="正在使用的数据库"):
        svc.backup(d.db, d.admin, d.db.sqlite_path)
    with pytest.raises(PermissionDenied):
        svc.backup(d.db, d.actor(Role.DISTRICT_REVIEWER), tmp_path / "x.sqlite3")


def test_shared_database_is_backed_up_on_its_server(district: District, tmp_path: Path) -> None:
    if district.db.is_sqlite:
        pytest.skip("the shared database's case")
    with pytest.raises(ServiceError, match="PostgreSQL"):
        svc.backup(district.db, district.admin, tmp_path / "pg.sqlite3")


def test_commands(sqlite_district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = sqlite_district
    url = d.db.url.render_as_string(hide_password=False)
    copy = tmp_path / "b.sqlite3"
    assert cli_main(["db", "backup", str(copy), "--database-url", url]) == 0
    assert "已备份到" in capsys.readouterr().out
    # A name typed again does not silently replace the older backup (nor any other file).
    before = copy.read_bytes()
    assert cli_main(["db", "backup", str(copy), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert f"文件“{copy}”已经存在(一份备份:结构版本" in err and "没有覆盖。要覆盖它请加 --yes" in err, err
    assert copy.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("工作记录", "utf-8")
    assert cli_main(["db", "backup", str(other), "--database-url", url]) == 1
    assert f"文件“{other}”已经存在,没有覆盖" in capsys.readouterr().err and other.read_text("utf-8") == "工作记录"
    assert cli_main(["db", "backup", str(copy), "--yes", "--database-url", url]) == 0
    assert "已备份到" in capsys.readouterr().out
    assert cli_main(["db", "restore", str(copy), "--database-url", url]) == 0
    assert "请加 --yes" in capsys.readouterr().out
    d.db.dispose()  # this test's own connections would be another user of the file
    assert cli_main(["db", "restore", str(copy), "--yes", "--database-url", url]) == 0
    assert "恢复前的数据库保存在" in capsys.readouterr().out
    assert cli_main(["db", "restore", str(tmp_path / "none.sqlite3"), "--yes", "--database-url", url]) == 1
    assert "找不到" in capsys.readouterr().err


def test_restore_to_a_database_that_is_not_there(sqlite_district: District, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """`db restore FILE` to a missing database file created an empty database just to show the backup
    (and said 数据库已升级到最新结构); with --yes it then kept that empty database aside as
    x.before-restore-….sqlite3 before copying the backup in. Now the preview makes nothing and --yes
    makes the database from the backup, with nothing to keep aside."""
    d = sqlite_district
    copy = tmp_path / "b.sqlite3"
    assert cli_main(["db", "backup", str(copy), "--database-url", d.db.url.render_as_string(hide_password=False)]) == 0
    households = svc.inspect_backup(copy).households
    capsys.readouterr()
    folder = tmp_path / "新电脑"
    target = folder / "relief.sqlite3"
    url = f"sqlite:///{target}"
    assert cli_main(["db", "restore", str(copy), "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert f"数据库文件“{target}”还不存在:用此备份新建它请加 --yes" in out and err == ""
    assert not folder.exists()
    assert cli_main(["db", "restore", str(copy), "--yes", "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert out == f"已从备份新建数据库:{target}(原来没有数据库,无需另存)\n" and err == ""
    assert sorted(p.name for p in folder.iterdir()) == ["relief.sqlite3"]
    assert svc.inspect_backup(target).households == households
    assert cli_main(["db", "current", "--database-url", url]) == 0
    assert "最新" in capsys.readouterr().out
    db = open_database(url)
    try:
        [entry] = [e for e in audit.list_entries(db, d.admin, audit.AuditFilter()) if e.action == "db.restore"]
        assert "新建数据库" in entry.detail
    finally:
        db.dispose()
    # a backup that is not one: refused, nothing made
    other = tmp_path / "其他" / "relief.sqlite3"
    assert cli_main(["db", "restore", str(tmp_path), "--yes", "--database-url", f"sqlite:///{other}"]) == 1
    assert "是一个文件夹" in capsys.readouterr().err and not other.parent.exists()


def test_file_menu(qtbot, sqlite_district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from desktop.views import backup as view
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    copy = tmp_path / "menu.sqlite3"
    view.backup_database(None, ctx, str(copy))
    assert wait_for_background() and copy.exists() and str(copy) in said[-1]
    auth.add_user(d.db, d.admin, username="later", password=PASSWORD, role="supervisor")
    ended: list[Path | None] = []
    view.restore_database(None, ctx, str(copy), then=ended.append)
    assert wait_for_background() and len(ended) == 1
    kept = ended[0]
    assert kept is not None and kept.exists() and "later" not in [u.username for u in auth.list_users(d.db, d.admin)]
    assert str(kept) in said[-1]


def test_restore_is_refused_while_another_workstation_has_the_database_open(sqlite_district: District,
                                                                              tmp_path: Path) -> None:
    """A second workstation on the same file would go on writing with what it holds of the old data."""
    import sqlite3

    d = sqlite_district
    copy = tmp_path / "b.sqlite3"
    svc.backup(d.db, d.admin, copy)
    auth.add_user(d.db, d.admin, username="later", password=PASSWORD, role="supervisor")
    other = sqlite3.connect(d.db.sqlite_path)
    try:
        other.execute("SELECT count(*) FROM users").fetchone()
        with pytest.raises(ServiceError, match="正被其他电脑或其他窗口使用"):
            svc.restore(d.db, d.admin, copy)
        assert "later" in [u.username for u in auth.list_users(d.db, d.admin)]  # nothing changed
        assert not list(tmp_path.glob("*before-restore*")) and not list(d.db.sqlite_path.parent.glob("*before-restore*"))
    finally:
        other.close()
    svc.restore(d.db, d.admin, copy)  # once the other has gone
    assert "later" not in [u.username for u in auth.list_users(d.db, d.admin)]


def test_restore_of_a_backup_with_another_page_size(sqlite_district: District, tmp_path: Path) -> None:
    """A file vacuumed by another tool (or an old SQLite) has 1 KB pages; the live database 4 KB."""
    import sqlite3

    d = sqlite_district
    copy = tmp_path / "备份 文件.sqlite3"
    svc.backup(d.db, d.admin, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA page_size=1024")
    conn.execute("VACUUM")
    conn.close()
    auth.add_user(d.db, d.admin, username="later", password=PASSWORD, role="supervisor")
    svc.restore(d.db, d.admin, copy)
    assert "later" not in [u.username for u in auth.list_users(d.db, d.admin)]
    assert auth.login(d.db, "admin", PASSWORD).username == "admin"


def test_restore_of_another_programs_database(sqlite_district: District, tmp_path: Path) -> None:
    import sqlite3

    d = sqlite_district
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.executescript("CREATE TABLE alembic_version (version_num TEXT); INSERT INTO alembic_version VALUES ('9f1');"
                       "CREATE TABLE households (id INTEGER); CREATE TABLE users (id INTEGER, name TEXT);"
                       "CREATE TABLE audit_log (id INTEGER);")
    conn.close()
    with pytest.raises(ServiceError, match="不是救助工作台的数据库备份"):
        svc.restore(d.db, d.admin, other)


def test_a_stopped_administrator_cannot_back_up_or_restore(sqlite_district: District, tmp_path: Path) -> None:
    d = sqlite_district
    reviewer = auth.find_user(d.db, d.admin, "district_reviewer")
    auth.update_user(d.db, d.admin, reviewer.id, role="admin")
    second = auth.login(d.db, "district_reviewer", PASSWORD)
    auth.update_user(d.db, d.admin, reviewer.id, active=False)
    with pytest.raises(PermissionDenied, match="已停用"):
        svc.backup(d.db, second, tmp_path / "taken.sqlite3")
    assert not (tmp_path / "taken.sqlite3").exists()
    copy = tmp_path / "b.sqlite3"
    svc.backup(d.db, d.admin, copy)
    with pytest.raises(PermissionDenied, match="已停用"):
        svc.restore(d.db, second, copy)


def test_file_menu_tells_a_file_problem_plainly(qtbot, sqlite_district: District, tmp_path: Path,  # noqa: ANN001
                                               monkeypatch: pytest.MonkeyPatch, shown_errors) -> None:  # noqa: ANN001
    from desktop.views import backup as view
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background

    d = sqlite_district
    copy = tmp_path / "b.sqlite3"
    svc.backup(d.db, d.admin, copy)
    # the confirmation and the error both come through QMessageBox.warning: record, and answer Yes
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: (
        shown_errors.plain.append(text), QMessageBox.StandardButton.Yes)[1])

    def full_disk(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device", str(d.db.sqlite_path.with_name("kept.sqlite3")))

    monkeypatch.setattr(view.svc, "restore", full_disk)
    ended: list[Path | None] = []
    view.restore_database(None, AppContext(d.db, d.admin), str(copy), then=ended.append)
    assert wait_for_background() and ended == [None]
    assert not shown_errors.crashes and "kept.sqlite3" in shown_errors.plain[-1]


def test_restore_by_an_account_the_backup_does_not_know(sqlite_district: District, tmp_path: Path) -> None:
    """A backup taken before the administrator restoring it was made: the restore still completes and
    is logged under that administrator's name."""
    d = sqlite_district
    copy = tmp_path / "older.sqlite3"
    svc.backup(d.db, d.admin, copy)
    auth.add_user(d.db, d.admin, username="newadmin", password=PASSWORD, role="admin")
    newcomer = auth.login(d.db, "newadmin", PASSWORD)
    kept = svc.restore(d.db, newcomer, copy)
    assert kept.exists()
    entry = audit.list_entries(d.db, d.admin, limit=1)[0]
    assert (entry.action, entry.username) == ("db.restore", "newadmin")


def test_commands_refuse_a_shared_database_before_touching_it(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    """db backup / db restore on a PostgreSQL address say where it is backed up, without opening it:
    an address of a database that is not even there gets the same answer, and nothing is created."""
    url = "postgresql://postgres@127.0.0.1:5999/relief_never_created"
    assert cli_main(["db", "backup", str(tmp_path / "b.sqlite3"), "--database-url", url]) == 1
    assert "PostgreSQL" in capsys.readouterr().err
    assert cli_main(["db", "restore", str(tmp_path / "b.sqlite3"), "--database-url", url]) == 1
    assert "PostgreSQL" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_backup_from_a_newer_version_is_refused_before_anyone_is_asked(
        qtbot, sqlite_district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
        capsys: pytest.CaptureFixture[str], shown_errors) -> None:  # noqa: ANN001
    """The preview (`db restore` without --yes, and the window before its question) says the backup
    cannot be restored, instead of describing it as if it could and refusing only after the yes."""
    from desktop.views import backup as view
    from desktop.views.context import AppContext

    d = sqlite_district
    copy = _backup_then(d, tmp_path / "newer.sqlite3", "UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    url = d.db.url.render_as_string(hide_password=False)
    assert cli_main(["db", "restore", str(copy), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "更新版本" in err and "无法恢复" in err and "--yes" not in err
    # the question and the error both come through QMessageBox.warning: only the error may come
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: (
        said.append(text), QMessageBox.StandardButton.Yes)[1])
    ended: list[Path | None] = []
    view.restore_database(None, AppContext(d.db, d.admin), str(copy), then=ended.append)
    assert ended == [None]
    assert len(said) == 1 and "更新版本" in said[0] and not shown_errors.crashes
    assert not list(d.db.sqlite_path.parent.glob("*before-restore*"))


def test_restore_can_be_cancelled_only_before_the_database_changes(sqlite_district: District,
                                                                    tmp_path: Path) -> None:
    """Cancelled while the database as it is is being copied aside: nothing changed, no copy left
    behind. Once the backup is being copied in, a cancel is refused and the restore completes."""
    from desktop.services.progress import Cancelled, Progress

    d = sqlite_district
    copy = tmp_path / "b.sqlite3"
    svc.backup(d.db, d.admin, copy)
    auth.add_user(d.db, d.admin, username="later", password=PASSWORD, role="supervisor")
    steps: list[str] = []

    def cancel_when(word: str) -> Progress:
        progress = Progress(lambda _done, _total, text: (steps.append(text), word in text and progress.cancel()))
        return progress

    with pytest.raises(Cancelled):
        svc.restore(d.db, d.admin, copy, cancel_when("仍可取消"))
    assert "later" in [u.username for u in auth.list_users(d.db, d.admin)]  # nothing changed
    assert not list(d.db.sqlite_path.parent.glob("*before-restore*"))
    refused = cancel_when("不能取消")
    kept = svc.restore(d.db, d.admin, copy, refused)
    assert not refused.cancellable and not refused.cancel() and kept.exists()
    assert "later" not in [u.username for u in auth.list_users(d.db, d.admin)]
    assert any("不能取消" in text for text in steps)


def test_file_menu_restores_in_the_background_behind_a_progress_dialog(
        qtbot, sqlite_district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """The restore ran on the UI thread: the window froze on a large backup. It now runs in the
    background behind a window-modal progress dialog shown at once, which Esc does not close; Cancel
    is offered until the backup is being copied in, and a cancelled restore changes nothing."""
    import threading

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

    from desktop.views import backup as view
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background

    d = sqlite_district
    copy = tmp_path / "b.sqlite3"
    svc.backup(d.db, d.admin, copy)
    auth.add_user(d.db, d.admin, username="later", password=PASSWORD, role="supervisor")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    go = threading.Event()
    threads: list[threading.Thread] = []
    restore = svc.restore

    def held(db, actor, source, progress):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        go.wait(10)  # until the test has looked at the window
        return restore(db, actor, source, progress)

    monkeypatch.setattr(view.svc, "restore", held)
    ended: list[Path | None] = []
    view.restore_database(window, AppContext(d.db, d.admin), str(copy), then=ended.append)
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None and dialog.isVisible() and dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # asks to cancel; the dialog stays until the work stops
    assert dialog.isVisible() and ended == []
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    go.set()
    assert wait_for_background() and ended == [None]  # cancelled before anything changed
    assert "未改变" in said[-1] or "not changed" in said[-1]
    assert "later" in [u.username for u in auth.list_users(d.db, d.admin)]
    assert not list(d.db.sqlite_path.parent.glob("*before-restore*"))

    # Again, without cancelling: once the backup is being copied in, Cancel is refused.
    cancellable_then: list[bool] = []

    def watch(db, actor, source, progress):  # noqa: ANN001, ANN202
        told = progress._callback

        def report(done: int, total: int, text: str) -> None:
            if "不能取消" in text:
                cancellable_then.append(progress.cancellable or progress.cancel())
            told(done, total, text)

        progress._callback = report
        return restore(db, actor, source, progress)

    monkeypatch.setattr(view.svc, "restore", watch)
    view.restore_database(window, AppContext(d.db, d.admin), str(copy), then=ended.append)
    dialog = next(w for w in window.findChildren(QProgressDialog) if w.isVisible())
    assert any(b.isVisible() for b in dialog.findChildren(QPushButton))  # Cancel, while nothing changed
    assert wait_for_background() and len(ended) == 2 and ended[1] is not None and ended[1].exists()
    assert cancellable_then and not any(cancellable_then)
    assert "later" not in [u.username for u in auth.list_users(d.db, d.admin)]
    assert QApplication.activeModalWidget() is None


def test_a_backup_to_a_full_disk_says_so_and_leaves_nothing(sqlite_district: District, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A backup to a USB stick that fills up ended in 内部错误: OperationalError: database or disk is
    full (the window's crash dialog), and left a hidden .relief-…-journal file on the stick. Found by
    backing up the demo database to a 64 KB tmpfs; here the copy's file may hold two pages."""
    from desktop.services import database

    copy_into = database.copy_sqlite_into

    def small_disk(source, target, progress=None):  # noqa: ANN001, ANN202
        target.execute("PRAGMA max_page_count=2")
        copy_into(source, target, progress)

    monkeypatch.setattr(database, "copy_sqlite_into", small_disk)
    d = sqlite_district
    stick = tmp_path / "U盘"
    stick.mkdir()
    with pytest.raises(OSError) as caught:
        svc.backup(d.db, d.admin, stick / "b.sqlite3")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(stick / "b.sqlite3")
    assert list(stick.iterdir()) == []
    url = d.db.url.render_as_string(hide_password=False)
    assert cli_main(["db", "backup", str(stick / "b.sqlite3"), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "磁盘已满" in err and "内部错误" not in err and len(err.strip().splitlines()) == 1
    assert list(stick.iterdir()) == []


def test_a_backup_without_a_schema_version_is_refused_before_the_database_is_replaced(
        sqlite_district: District, tmp_path: Path) -> None:
    """A file with our tables but no schema version (alembic_version emptied, e.g. by a repair tool)
    passed every check, replaced the database, and only then the upgrade refused it as 不是救助工作台的
    数据库: the office was left with a database the program would not open. Found reading restore()."""
    d = sqlite_district
    copy = _backup_then(d, tmp_path / "b.sqlite3", "DELETE FROM alembic_version")
    before = d.db.sqlite_path.read_bytes()
    with pytest.raises(ServiceError, match="结构版本"):
        svc.restore(d.db, d.admin, copy)
    assert d.db.sqlite_path.read_bytes() == before
    assert auth.login(d.db, "admin", PASSWORD).username == "admin"


def _backup_then(d: District, copy: Path, change: str) -> Path:
    """A backup of the district's database, changed afterwards by one SQL statement."""
    import sqlite3

    svc.backup(d.db, d.admin, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute(change)
    conn.close()
    return copy


def test_the_file_dialogs_name_their_filter_in_chinese(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """备份数据库 and 从备份恢复 offered the file types "SQLite" and a bare "*", in no language: the
    other file dialogs say 扫描件 (…);;所有文件 (*)."""
    from PySide6.QtWidgets import QFileDialog

    from desktop import i18n
    from desktop.views import backup as view
    from desktop.views.context import AppContext

    asked: list[str] = []

    def dialog(_parent, _title, _start, file_filter):  # noqa: ANN001, ANN202
        asked.append(file_filter)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    i18n.install(qapp, "zh_CN")
    try:
        ctx = AppContext(sqlite_district.db, sqlite_district.admin)
        view.backup_database(None, ctx)
        view.restore_database(None, ctx)
    finally:
        i18n.install(qapp, "en")
    assert len(asked) == 2 and all("数据库备份 (*.sqlite3" in f and "所有文件 (*)" in f for f in asked), asked


def test_a_damaged_backup_is_said_without_the_drivers_english(tmp_path) -> None:  # noqa: ANN001
    """Session 37: the reason read "(database disk image is malformed)"."""
    path = tmp_path / "坏备份.db"
    path.write_bytes(svc.SQLITE_MAGIC + b"\0" * 80 + b"not a database at all" * 20)
    with pytest.raises(ServiceError) as refused:
        svc.inspect_backup(path)
    assert "已损坏或不完整" in refused.value.message
    assert "database" not in refused.value.message and "malformed" not in refused.value.message


def test_a_backup_that_cannot_be_logged_is_not_left_behind(sqlite_district: District, tmp_path: Path) -> None:
    """Session 38: another program holding the write lock past the busy timeout made `db backup` say it
    failed, yet the copy was there in full (only its audit line could not be written); trying again as
    told was refused as "the file exists". The copy holds every household: it is kept only when logged."""
    d = sqlite_district
    holder = sqlite3.connect(d.db.url.database, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    target = tmp_path / "备份.sqlite3"
    try:
        d.db.engine.dispose()
        with pytest.MonkeyPatch.context() as mp:  # the busy timeout's 30 s, shortened
            mp.setattr(database, "SQLITE_BUSY_MS", 200)
            with pytest.raises(ServiceError, match="无法记入操作日志,已删除该备份文件"):
                svc.backup(d.db, d.admin, target)
        d.db.engine.dispose()
    finally:
        holder.rollback()
        holder.close()
    assert not target.exists()
    assert svc.backup(d.db, d.admin, target).households >= 0 and target.exists()
