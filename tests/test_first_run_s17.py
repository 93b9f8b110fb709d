"""A workstation's first run and its connection setup, tried the way a user or IT gets it wrong: the
"test connection" diagnosis must say what starting would then say, a clerk's account that may not
change the schema is told who has to upgrade, a mistyped address never echoes its password or ends in
an internal error, and a password typed on a computer without a credential store is used for the start
that follows the dialog."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop import config
from desktop.services import connection, database
from desktop.services.errors import DatabaseUnavailable
from desktop.views.operations import wait_for_background
from tests.conftest import PG_URL, new_pg_database
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


@pytest.fixture
def clerk() -> Iterator[tuple[str, str, str]]:
    """A migrated database and a login that may read and write rows but not change the schema (as IT
    gives office staff): (owner's URL, clerk's URL, empty database's clerk URL)."""
    with new_pg_database("relief_first_run") as owner_url, new_pg_database("relief_first_empty") as empty_url:
        role = f"clerk_{uuid.uuid4().hex[:8]}"
        admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        empty = create_engine(empty_url, isolation_level="AUTOCOMMIT")
        with empty.begin() as conn:  # "empty": nothing of ours in it
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
            conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        empty.dispose()
        db = database.open_database(owner_url)
        database.downgrade(db, "0009")
        with db.engine.begin() as conn:
            conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
            conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"))
        db.dispose()
        try:
            yield (owner_url, make_url(owner_url).set(username=role).render_as_string(hide_password=False),
                   make_url(empty_url).set(username=role).render_as_string(hide_password=False))
        finally:
            for url in (owner_url, empty_url):
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
            with admin.connect() as conn:
                conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
            admin.dispose()


def test_an_older_schema_names_who_may_upgrade_it(clerk: tuple[str, str, str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A clerk's workstation on an older schema: "test connection" promised an upgrade at start, and
    the start then said 无法连接数据库服务器 …: must be owner of table import_batches."""
    owner_url, clerk_url, _ = clerk
    outcome = connection.check(clerk_url)
    assert not outcome.ok and "没有修改数据库结构的权限" in outcome.message and "db upgrade" in outcome.message
    with pytest.raises(DatabaseUnavailable, match="结构版本 0009,需要升级到") as refused:
        database.open_and_migrate(clerk_url)
    assert "must be owner" not in refused.value.message and "无法连接" not in refused.value.message
    code, _, err = run(["board", "--database-url", clerk_url], capsys)
    assert code == 1 and "没有修改数据库结构的权限" in err
    owner = database.open_database(owner_url)
    assert database.current_revision(owner) == "0009"  # nothing half-done
    owner.dispose()
    # The owner may: told so by "test connection", and the start upgrades it.
    assert connection.check(owner_url).ok
    db, note = database.open_and_migrate(owner_url)
    assert note and database.current_revision(db) == database.head_revision()
    db.dispose()
    db, note = database.open_and_migrate(clerk_url)  # once upgraded, the clerk works on it
    assert note is None
    db.dispose()


def test_an_empty_server_database_the_clerk_may_not_set_up(clerk: tuple[str, str, str]) -> None:
    _, _, empty_clerk_url = clerk
    outcome = connection.check(empty_clerk_url)
    assert not outcome.ok and "还是空的,需要建立数据结构" in outcome.message
    with pytest.raises(DatabaseUnavailable, match="没有修改数据库结构的权限"):
        database.open_and_migrate(empty_clerk_url)


@pytest.mark.parametrize(("address", "said"), [
    ("postgresql://clerk:Geheim99@dbserver:54x2/relief", "端口必须是数字"),
    ("postgresql//clerk:Geheim99@dbserver/relief", "数据库地址格式不正确"),
])
def test_a_mistyped_address_is_said_without_its_password(address: str, said: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A port that is not a number was an internal error (ValueError, exit 3); a malformed address was
    echoed whole, password and all, on the screen."""
    code, out, err = run(["board", "--json", "--database-url", address], capsys)
    assert code == 1 and said in err and "Geheim99" not in err + out
    assert json.loads(out)["code"] == "database_unavailable" and "clerk:***@dbserver" in err
    checked = connection.check(address)
    assert not checked.ok and said in checked.message and "Geheim99" not in checked.message


def test_masked_leaves_paths_alone() -> None:
    assert database.masked("sqlite:///C:/用户/a@b/救助 数据.sqlite3") == "sqlite:///C:/用户/a@b/救助 数据.sqlite3"
    assert database.masked("postgresql://u:p@ss@h/db") == "postgresql://u:***@h/db"


def test_not_a_postgresql_server_is_said_plainly() -> None:
    exc = Exception('connection failed: connection to server at "10.0.0.9", port 5432 failed: '
                    "received invalid response to SSL negotiation: H")
    message = database._explain(exc, make_url("postgresql+psycopg://clerk@10.0.0.9:5432/relief"))
    assert "不是 PostgreSQL 数据库服务器" in message and "SSL" not in message


def test_password_without_credential_store_is_used_by_the_start_after_the_dialog(
        qtbot, chinese, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Without a credential store the password typed in the dialog was dropped: the start after it
    connected without one, failed with 用户名或密码错误 and showed the dialog again, for ever."""
    import keyring

    def no_store(*_args: object) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    monkeypatch.setattr(keyring, "set_password", no_store)
    monkeypatch.setattr(keyring, "get_password", no_store)
    from desktop.views.connection import ConnectionForm

    form = ConnectionForm()
    qtbot.addWidget(form)
    form.shared.setChecked(True)
    form.host.setText("dbserver")
    form.name.setText("relief")
    form.user.setText("clerk")
    form.password.setText("Geheim99")
    form.store()
    assert "密码未保存" in form.result.text()
    assert "Geheim99" not in config.Settings.path().read_text(encoding="utf-8")
    url = database.normalise_url(database.resolve_url(None))
    assert (url.host, url.username, url.password) == ("dbserver", "clerk", "Geheim99")


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


@pytest.mark.parametrize("how", ["environment", "ini"])
def test_an_address_it_preconfigured_is_not_offered_for_mending(how: str, foreign_url: str,  # noqa: F811
                                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                qapp: QApplication) -> None:  # noqa: ARG001
    """IT's address (environment variable or relief-desk.ini) failing at start showed the connection
    dialog, whose saved choice the next try ignored (IT's address comes first): the same failure and
    the same dialog again, for ever. Now the start says where the address is set and stops."""
    from desktop import app
    from desktop.views import connection as connection_view

    if how == "environment":
        monkeypatch.setenv(config.ENV_DATABASE_URL, foreign_url)
    else:
        monkeypatch.chdir(tmp_path)
        (tmp_path / config.PRECONFIG_FILE).write_text(f"database_url = {foreign_url}\n", encoding="utf-8")
    dialogs: list[str] = []
    monkeypatch.setattr(connection_view.ConnectionDialog, "exec", lambda self: dialogs.append("shown") or len(dialogs) < 3)
    said: list[str] = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _parent, _title, message: said.append(message))
    assert app.open_database_with_message(None) is None
    assert dialogs == [] and len(said) == 1
    assert "不是救助工作台的数据库" in said[0] and "由信息管理员设定" in said[0]
    assert (config.ENV_DATABASE_URL if how == "environment" else config.PRECONFIG_FILE) in said[0]


def test_settings_tab_says_when_it_preconfigured_the_address(sqlite_db, qtbot, chinese,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services.base import Actor
    from desktop.views.connection import ConnectionTab
    from desktop.views.context import AppContext

    # the database in use is the one this workstation's settings name (not one given with --database-url)
    monkeypatch.setattr(config, "default_sqlite_path", lambda: Path(sqlite_db.url.database))
    tab = ConnectionTab(AppContext(sqlite_db, Actor.system("test")))
    qtbot.addWidget(tab)
    assert tab.preconfigured.isHidden()
    monkeypatch.setenv(config.ENV_DATABASE_URL, "postgresql://clerk@dbserver/relief")
    tab = ConnectionTab(AppContext(sqlite_db, Actor.system("test")))
    qtbot.addWidget(tab)
    assert not tab.preconfigured.isHidden() and "由信息管理员设定" in tab.preconfigured.text()
    assert config.ENV_DATABASE_URL in tab.preconfigured.text()
