"""Workstation connection setup: diagnosis, saving without the password, first-run detection."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from desktop import config, i18n
from desktop.services import connection
from desktop.views.operations import wait_for_background


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path))
    monkeypatch.delenv(config.ENV_DATABASE_URL, raising=False)


def test_first_start_needs_setup_until_saved() -> None:
    assert connection.needs_setup()
    connection.save(None)
    assert not connection.needs_setup()
    assert connection.current_choice() == ("sqlite", None)


def test_environment_preconfigures(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv(config.ENV_DATABASE_URL, "postgresql://clerk@dbserver/relief")
    assert not connection.needs_setup()
    kind, url = connection.current_choice()
    assert kind == "postgresql" and url is not None and url.host == "dbserver"


def test_password_never_written_to_settings() -> None:
    url = connection.postgres_url("dbserver", 5432, "relief", "clerk", "s3cret!")
    connection.save(url)
    text = config.Settings.path().read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert json.loads(text)["database_url"].startswith("postgresql+psycopg://clerk@dbserver")


def test_check_diagnoses() -> None:
    bad = connection.check(connection.postgres_url("127.0.0.1", 1, "relief", "postgres"))
    assert not bad.ok and "连接不上" in bad.message
    missing_host = connection.check(connection.postgres_url("no-such-host.invalid", 5432, "relief", "postgres"))
    assert not missing_host.ok and ("找不到" in missing_host.message or "连接不上" in missing_host.message)


def test_check_missing_database_and_success(pg_database_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_database_url)
    missing = connection.check(url.set(database="relief_absent_db"))
    assert not missing.ok and "没有名为" in missing.message
    good = connection.check(url)
    assert good.ok and "成功" in good.message


def test_connection_dialog_local_choice(qtbot, qapp: QApplication) -> None:  # noqa: ANN001
    from desktop.views.connection import ConnectionDialog

    i18n.install(qapp)
    dialog = ConnectionDialog(problem="测试问题")
    qtbot.addWidget(dialog)
    assert dialog.form.local.isChecked() and not dialog.form.box.isEnabled()
    dialog.form.shared.setChecked(True)
    assert dialog.form.box.isEnabled()
    dialog.form.host.setText("127.0.0.1")
    dialog.form.port.setValue(1)
    saved: list[bool] = []
    dialog.form.save(saved.append)
    assert wait_for_background() and saved == [False]
    assert "连接不上" in dialog.form.result.text()
    dialog.form.local.setChecked(True)
    dialog.form.save(saved.append)  # the local file is checked too (off the UI thread)
    assert wait_for_background() and saved == [False, True]
    assert not connection.needs_setup()


def test_existing_local_database_needs_no_setup() -> None:
    path = config.default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    assert not connection.needs_setup()


def test_browse_on_a_first_start_opens_in_the_data_folder(qtbot, qapp: QApplication, tmp_path,  # noqa: ANN001
                                                          monkeypatch) -> None:  # noqa: ANN001
    """On a new workstation the data folder does not exist yet: 浏览 opened the file dialog in the
    current folder (often the program's own) instead of where the database goes by default."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.views.connection import ConnectionDialog

    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "not yet" / "ReliefDesk"))
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, start, *_a, **_k: (asked.append(start), ("", ""))[1])
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.form.browse()
    assert asked == [str(config.default_sqlite_path())] and config.default_sqlite_path().parent.is_dir()
    assert dialog.form.file.text() == str(config.default_sqlite_path())  # cancelled: unchanged
