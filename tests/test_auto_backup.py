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
