"""Backing up and restoring the local database: the service, the command and the File menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.cli import main as cli_main
from desktop.rules.codes import Role
from desktop.services import audit, auth
from desktop.services import backup as svc
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
    assert cli_main(["db", "restore", str(copy), "--database-url", url]) == 0
    assert "请加 --yes" in capsys.readouterr().out
    assert cli_main(["db", "restore", str(copy), "--yes", "--database-url", url]) == 0
    assert "恢复前的数据库保存在" in capsys.readouterr().out
    assert cli_main(["db", "restore", str(tmp_path / "none.sqlite3"), "--yes", "--database-url", url]) == 1
    assert "找不到" in capsys.readouterr().err


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
    kept = view.restore_database(None, ctx, str(copy))
    assert kept is not None and kept.exists() and "later" not in [u.username for u in auth.list_users(d.db, d.admin)]
