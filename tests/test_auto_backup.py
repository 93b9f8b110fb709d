"""The day's automatic backup of the local database: an office working alone on one computer lost everything
with its disk, as backing up was left to someone remembering File → Back up."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import cli
from desktop.config import Settings
from desktop.models import AuditEntry
from desktop.services import backup
from desktop.services.database import Database
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.views import backup as backup_view
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from tests.district import District

DAY = date(2026, 12, 3)


def _households(db: Database) -> int:
    return backup.inspect_backup(db.sqlite_path).households  # type: ignore[arg-type]


def test_one_copy_a_day_beside_the_database_and_the_newest_kept(sqlite_district: District) -> None:
    db = sqlite_district.db
    made = backup.auto_backup(db, today=DAY, workstation="办公室电脑")
    assert made is not None
    assert made.path == db.sqlite_path.resolve().parent / "自动备份" / "自动备份_20261203.sqlite3"
    assert backup.inspect_backup(made.path).households == _households(db) and made.removed == ()
    assert backup.auto_backup(db, today=DAY) is None  # the day's copy is there: not again
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "db.backup")).one()
    assert entry.detail.startswith("自动备份数据库到《自动备份_20261203.sqlite3》") and entry.workstation == "办公室电脑"
    for n in range(1, 5):
        backup.auto_backup(db, today=DAY + timedelta(days=n), keep=3)
    kept = backup.auto_backups(made.path.parent)
    assert [p.name for p in kept] == ["自动备份_20261205.sqlite3", "自动备份_20261206.sqlite3", "自动备份_20261207.sqlite3"]
    (made.path.parent / "我的笔记.sqlite3").write_bytes(b"x")  # only the program's own copies are ever deleted
    backup.auto_backup(db, today=DAY + timedelta(days=9), keep=3)
    assert (made.path.parent / "我的笔记.sqlite3").exists()


def test_a_folder_that_cannot_be_written_says_so_and_harms_nothing(sqlite_district: District, tmp_path: Path) -> None:
    db = sqlite_district.db
    blocked = tmp_path / "U盘"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(ServiceError, match="今天的自动备份没有完成:无法写入“.*U盘.*”.*数据库本身没有受影响"):
        backup.auto_backup(db, folder=blocked, today=DAY)
    with pytest.raises(ValidationFailed, match="自动备份保留份数应在 2–90 之间"):
        backup.auto_backup(db, folder=tmp_path / "备份", keep=1, today=DAY)
    assert not (tmp_path / "备份").exists()
    assert _households(db) == _households(db)  # the database still opens as it was


def test_the_shared_database_is_backed_up_on_its_server(district: District) -> None:
    if district.db.is_sqlite:
        pytest.skip("PostgreSQL only")
    assert backup.auto_backup(district.db, today=DAY) is None
    assert backup.auto_backup_folder(district.db) is None


def test_the_command_for_a_scheduled_task(sqlite_district: District, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_district.db.url.render_as_string(hide_password=False)
    folder = tmp_path / "D盘备份"
    assert cli.main(["db", "auto-backup", "--folder", str(folder), "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"已自动备份到:{folder / ('自动备份_' + date.today().strftime('%Y%m%d') + '.sqlite3')}")
    assert cli.main(["db", "auto-backup", "--folder", str(folder), "--database-url", url]) == 0
    assert "今天已有自动备份" in capsys.readouterr().out
    assert cli.main(["db", "auto-backup", "--keep", "500", "--database-url", url]) == 1
    assert "自动备份保留份数应在 2–90 之间,而不是 500" in capsys.readouterr().err


def test_the_window_backs_up_at_start_and_says_so(qtbot, sqlite_district: District, own_settings: Path,  # noqa: ANN001
                                                  tmp_path: Path, shown_errors) -> None:  # noqa: ANN001
    d = sqlite_district
    window = MainWindow(AppContext(d.db, d.admin))
    qtbot.addWidget(window)
    assert window.backup_label.isHidden()  # a window made for a test backs nothing up by itself
    window.back_up_today()
    assert wait_for_background()
    qtbot.waitUntil(lambda: window.backup_label.isVisibleTo(window))
    assert window.backup_label.text() == "Backed up today"
    today = backup.auto_backup_path(backup.auto_backup_folder(d.db), date.today())
    assert today.exists() and str(today) in window.backup_label.toolTip()
    # an administrator chooses another folder; the copy is made there at once
    dialog = backup_view.AutoBackupDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert "1 automatic backup(s) in this folder" in dialog.existing.text()
    dialog.folder.setText("相对路径")
    dialog.accept()
    assert shown_errors.plain[0].startswith("Give the folder in full")
    assert dialog.result() == 0 and Settings.load().auto_backup == {}  # refused: nothing saved
    dialog.folder.setText(str(tmp_path / "移动硬盘"))
    dialog.keep.setValue(5)
    dialog.accept()
    assert json.loads(own_settings.read_text(encoding="utf-8"))["auto_backup"] == {
        "enabled": True, "folder": str(tmp_path / "移动硬盘"), "keep": 5}
    window.back_up_today()
    assert wait_for_background()
    assert backup.auto_backup_path(tmp_path / "移动硬盘", date.today()).exists()
    # a folder that cannot be written: said in red, in the status bar
    (tmp_path / "坏盘").write_text("x")
    settings = Settings.load()
    settings.auto_backup = {"enabled": True, "folder": str(tmp_path / "坏盘"), "keep": 5}
    settings.save()
    window.back_up_today()
    assert wait_for_background()
    qtbot.waitUntil(lambda: window.backup_label.text().startswith("Automatic backup failed: 今天的自动备份没有完成"))
    # turned off: nothing is done
    settings.auto_backup = {"enabled": False}
    settings.save()
    before = backup.auto_backups(tmp_path / "移动硬盘")
    window.back_up_today()
    assert wait_for_background() and backup.auto_backups(tmp_path / "移动硬盘") == before


def test_a_clock_set_back_deletes_no_copy_and_says_so(sqlite_district: District, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A flat CMOS battery sets the clock back to 2025: today's copy sorted first and the pruning deleted it
    at once (with a good copy). Nothing is deleted while copies are dated after today, and the user is told."""
    db = sqlite_district.db
    for n in range(4):
        backup.auto_backup(db, today=DAY + timedelta(days=n), keep=3)
    folder = backup.auto_backup_folder(db)
    assert folder is not None
    (folder / "自动备份_20261399.sqlite3").write_bytes(b"x")  # a name that is no day: not a copy, never deleted
    before = backup.auto_backups(folder)
    made = backup.auto_backup(db, today=date(2025, 1, 1), keep=3)
    assert made is not None and made.removed == () and made.later == date(2026, 12, 6)
    assert made.path.exists() and backup.auto_backups(folder) == sorted([*before, made.path])
    assert "2026-12-06 的自动备份,晚于这台电脑的今天" in made.clock_note
    with db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "db.backup")
                          .order_by(AuditEntry.id.desc())).first()
    assert entry is not None and "电脑日期可能不对,未删除旧备份" in entry.detail
    # the clock right again: the newest three are kept as before
    made = backup.auto_backup(db, today=DAY + timedelta(days=4), keep=3)
    assert made is not None and made.later is None and made.clock_note == ""
    assert [p.name for p in backup.auto_backups(folder)] == [
        "自动备份_20261205.sqlite3", "自动备份_20261206.sqlite3", "自动备份_20261207.sqlite3"]
    assert (folder / "自动备份_20261399.sqlite3").exists()
    # the command says it on stderr, and still succeeds
    other = tmp_path / "另一个文件夹"
    other.mkdir()
    (other / "自动备份_20991231.sqlite3").write_bytes(b"x")
    url = db.url.render_as_string(hide_password=False)
    assert cli.main(["db", "auto-backup", "--folder", str(other), "--database-url", url]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("已自动备份到:")
    assert "注意:文件夹里已有 2099-12-31 的自动备份" in captured.err
    assert (other / "自动备份_20991231.sqlite3").exists()


def test_on_new_day_runs_once_when_the_date_turns(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QWidget

    from desktop.views.timing import on_new_day

    owner = QWidget()
    qtbot.addWidget(owner)
    clock = [DAY]
    ran: list[date] = []
    timer = on_new_day(owner, lambda: ran.append(clock[0]), today=lambda: clock[0], check_ms=10)
    assert timer.isActive()
    qtbot.wait(50)
    assert ran == []  # the same day: nothing
    clock[0] = DAY + timedelta(days=1)  # past midnight (or the computer woke up the next morning)
    qtbot.waitUntil(lambda: ran == [DAY + timedelta(days=1)])
    qtbot.wait(50)
    assert ran == [DAY + timedelta(days=1)]  # once


def test_the_window_backs_up_each_new_day_and_warns_of_a_wrong_clock(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                     own_settings: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views import main_window

    armed: list[object] = []
    real = main_window.on_new_day
    monkeypatch.setattr(main_window, "on_new_day", lambda parent, slot: armed.append(slot) or real(parent, slot))
    d = sqlite_district
    folder = backup.auto_backup_folder(d.db)
    assert folder is not None
    folder.mkdir(parents=True)
    (folder / "自动备份_20991231.sqlite3").write_bytes(b"x")
    window = MainWindow(AppContext(d.db, d.admin))
    qtbot.addWidget(window)
    window.back_up_today()
    assert wait_for_background()
    qtbot.waitUntil(lambda: window.backup_label.isVisibleTo(window))
    assert window.backup_label.text() == "Backed up today — check the computer's date"
    assert "电脑的日期可能不对" in window.backup_label.toolTip() and "#b00020" in window.backup_label.styleSheet()
    assert (folder / "自动备份_20991231.sqlite3").exists()
    window.back_up_today()
    assert wait_for_background()
    assert armed == [window.back_up_today]  # one new-day timer, whatever the number of backups asked
