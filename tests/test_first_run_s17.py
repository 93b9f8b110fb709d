"""A workstation's first run and its connection setup, tried the way a user or IT gets it wrong: the
"test connection" diagnosis must say what starting would then say, a clerk's account that may not
change the schema is told who has to upgrade, a mistyped address never echoes its password or ends in
an internal error, and a password typed on a computer without a credential store is used for the start
that follows the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import make_url

from desktop import config
from desktop.services import connection, database
from desktop.views.operations import wait_for_background
from tests.test_cli_database import foreign_url, run  # noqa: F401 - the fixture of another program's database


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "data"))
    monkeypatch.delenv(config.ENV_DATABASE_URL, raising=False)
    monkeypatch.setattr(database, "_session_passwords", {}, raising=False)


def test_test_connection_refuses_another_programs_database(foreign_url: str) -> None:  # noqa: F811
    """"Test connection" called a database holding another program's tables "empty, set up at first
    start" and the dialog saved it; the start then refused it."""
    outcome = connection.check(foreign_url)
    assert not outcome.ok
    assert "不是救助工作台的数据库" in outcome.message and "someone_elses" in outcome.message
    assert "连接成功" not in outcome.message


def test_dialog_does_not_save_another_programs_server_database(foreign_url: str, qtbot, chinese) -> None:  # noqa: ANN001, F811
    url = make_url(foreign_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("the dialog's server choice is PostgreSQL")
    from desktop.views.connection import ConnectionDialog

    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.form.shared.setChecked(True)
    dialog.form.host.setText(url.host or "")
    dialog.form.port.setValue(url.port or 5432)
    dialog.form.name.setText(url.database or "")
    dialog.form.user.setText(url.username or "")
    dialog.save_button.click()
    assert wait_for_background()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "不是救助工作台的数据库" in dialog.form.result.text()
    assert not config.Settings.path().exists() and connection.needs_setup()


def test_saved_choice_is_used_at_next_start_and_switches_kind(tmp_path: Path) -> None:
    assert connection.needs_setup() and connection.current_choice() == ("sqlite", None)
    connection.save(connection.postgres_url("dbserver", 6432, "relief", "clerk"))
    assert not connection.needs_setup()
    kind, url = connection.current_choice()
    assert kind == "postgresql" and url is not None and (url.host, url.port, url.database) == ("dbserver", 6432, "relief")
    connection.save(None)
    assert connection.current_choice() == ("sqlite", None)


def test_sqlite_path_with_chinese_and_spaces(tmp_path: Path, qapp: QApplication) -> None:  # noqa: ARG001
    path = tmp_path / "民政 数据" / "救助 工作台.sqlite3"
    db, note = database.open_and_migrate(f"sqlite:///{path}")
    assert note and path.exists() and database.current_revision(db) == database.head_revision()
    db.dispose()
    assert connection.check(f"sqlite:///{path}").ok
