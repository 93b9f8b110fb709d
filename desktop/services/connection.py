"""Workstation connection setup: local SQLite or the shared PostgreSQL, with a clear diagnosis.

The password never goes into the settings file: it is kept in the operating system's credential
store (Windows Credential Manager through ``keyring``) when one is available.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from desktop import config
from desktop.services import database
from desktop.services.database import sqlite_url
from desktop.services.errors import ServiceError


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str
    revision: str | None = None


def postgres_url(host: str, port: int, name: str, user: str, password: str | None = None) -> URL:
    return URL.create("postgresql+psycopg", username=user or None, password=password or None,
                      host=host or None, port=port or None, database=name or None)


def without_password(url: URL) -> URL:
    return URL.create(url.drivername, username=url.username, host=url.host, port=url.port,
                      database=url.database, query=url.query)


def check(url: URL | str) -> ConnectionCheck:
    """Connect, read the schema version, and say in plain words what is wrong if anything. An SQLite
    file not there yet is not left behind (it is made at the start that uses it)."""
    raw = url.render_as_string(hide_password=False) if isinstance(url, URL) else url
    new_file = _new_sqlite_file(raw)
    try:
        return _check(raw)
    finally:
        if new_file is not None:
            for leftover in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):
                    Path(f"{new_file}{leftover}").unlink(missing_ok=True)


def _new_sqlite_file(raw: str) -> Path | None:
    """The file of an SQLite address when it does not exist yet."""
    try:
        parsed = database.normalise_url(raw)
    except ServiceError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def _check(raw: str) -> ConnectionCheck:
    try:
        db = database.open_database(raw)
    except ServiceError as exc:
        return ConnectionCheck(False, exc.message)
    try:
        revision = database.current_revision(db)
        database.check_is_relief_desk(db, revision)
        database.check_schema_not_newer(revision)
        database.check_may_upgrade(db, revision)
    except ServiceError as exc:
        return ConnectionCheck(False, exc.message, None)
    finally:
        db.dispose()
    if revision is None:
        return ConnectionCheck(True, "连接成功。这是一个空数据库,首次启动时将自动建立数据结构。", None)
    if revision != database.head_revision():
        return ConnectionCheck(True, f"连接成功。数据库结构版本 {revision},启动时将自动升级。", revision)
    return ConnectionCheck(True, "连接成功,数据库结构是最新的。", revision)


def store_password(url: URL, password: str) -> bool:
    """Keep the password in the system credential store. Returns False when there is none: it is then
    kept in memory until the program ends (the start after the dialog must still be able to log in)."""
    database.remember_password(url, password)
    try:
        import keyring

        keyring.set_password(database.KEYRING_SERVICE, database.keyring_key(url), password)
        return True
    except Exception:
        return False


def save(url: URL | None) -> str:
    """Save this workstation's choice: None = the local SQLite file. Returns what was saved."""
    settings = config.Settings.load()
    if url is None:
        settings.database_url = ""
    else:
        settings.database_url = without_password(url).render_as_string(hide_password=False)
    settings.first_run_done = True
    settings.save()
    return settings.database_url


def save_local(path: Path | None) -> str:
    """Save the choice of a local database: the default file (None, or its path) or another SQLite file,
    kept by its full path. Returns what was saved ("" for the default)."""
    settings = config.Settings.load()
    if path is None or path.absolute() == config.default_sqlite_path().absolute():
        settings.database_url = ""
    else:
        settings.database_url = sqlite_url(path.absolute())
    settings.first_run_done = True
    settings.save()
    return settings.database_url


def local_path() -> Path:
    """The local database file this workstation uses (or would use, when it uses a server): the saved
    one, else the default in the user's data folder."""
    for raw in (database.resolve_url(None), config.Settings.load().database_url):
        if raw.startswith("sqlite"):
            try:
                url = database.normalise_url(raw)
            except ServiceError:
                continue
            if url.database:
                return Path(url.database)
    return config.default_sqlite_path()


def current_choice() -> tuple[str, URL | None]:
    """("sqlite", None) or ("postgresql", url without password) from what this workstation uses now."""
    url = database.normalise_url(database.resolve_url(None))
    if url.get_backend_name() == "sqlite":
        return "sqlite", None
    return "postgresql", without_password(url)


def preconfigured_note() -> str:
    """When IT fixed this workstation's database address (the environment variable or relief-desk.ini,
    which come before the saved choice), a sentence saying so and where; else "". A choice saved in
    the program is not used then, so the connection dialog cannot mend a wrong address."""
    import os

    if os.environ.get(config.ENV_DATABASE_URL):
        where = f"环境变量 {config.ENV_DATABASE_URL}"
    elif config.preconfigured_url():
        where = f"文件 {config.preconfigured_path()}"
    else:
        return ""
    return f"这台电脑的数据库地址由信息管理员设定({where}),在程序里保存的选择不起作用:需要更改请联系信息管理员。"


def given_at_start_note(db: database.Database | str) -> str:
    """When the database in use (``db``, or its file or host:port/database) is not the one this workstation's
    settings name — the program was started with --database-url — a sentence saying so; else "". A choice
    saved here then seemed to be what was in use, and took effect at the next plain start."""
    in_use = db if isinstance(db, str) else database.shown_address(db.url.render_as_string(hide_password=False))
    configured = database.shown_address(None)
    if preconfigured_note() or _same_place(configured, in_use):
        return ""
    return (f"本次启动时用命令行参数(--database-url)指定了数据库 {in_use},它优先于这里的设置;"
            f"这里的设置({configured})在不带该参数启动时才使用。")


def _same_place(a: str, b: str) -> bool:
    try:
        return a == b or Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def needs_setup() -> bool:
    """First start of a workstation: nothing chosen yet and IT preconfigured nothing."""
    import os

    if os.environ.get(config.ENV_DATABASE_URL) or config.preconfigured_url():
        return False
    if config.default_sqlite_path().exists():  # e.g. filled by `relief-desk demo`
        return False
    return not config.Settings.load().first_run_done
