"""Opening the database: SQLite by default, shared PostgreSQL by URL; migration to head on start.

Every failure a user can meet here (server unreachable, wrong password, missing database, a file
that is not a database, a read-only folder, a schema newer than this program) becomes a
:class:`DatabaseUnavailable` or :class:`SchemaTooNew` with a plain Chinese message.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop import config
from desktop.io.files import replacing, system_reason
from desktop.services.errors import DatabaseBusy, DatabaseUnavailable, SchemaTooNew

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
PG_MIGRATION_LOCK = 0x52454C49  # pg_advisory_lock key: "RELI"


def resolve_url(explicit: str | None = None) -> str:
    """Command line, then environment, then IT's file, then saved settings, then the local file."""
    for candidate in (explicit, os.environ.get(config.ENV_DATABASE_URL), config.preconfigured_url(),
                      config.Settings.load().database_url):
        if candidate:
            return candidate
    return sqlite_url(config.default_sqlite_path())


def sqlite_url(path: Path) -> str:
    """The address of the SQLite database in ``path``."""
    return "sqlite:///" + path.as_posix()


def masked(raw: str) -> str:
    """A database address as typed, with any password in it replaced by ***: for messages."""
    head, at, rest = raw.rpartition("@")
    if not at:
        return raw
    scheme, sep, credentials = head.rpartition("//")
    if "/" in credentials:  # an "@" in a file's path, not user:password@server
        return raw
    user, colon, _password = credentials.partition(":")
    return f"{scheme}{sep}{user}{colon and ':***'}@{rest}"


def shown_address(raw_url: str | None = None) -> str:
    """Where :func:`open_database` will connect, for the screen and without any password: the file of
    an SQLite database, host:port/database of a server (cheap: no connection, no credential store)."""
    raw = resolve_url(raw_url)
    try:
        url = make_url(raw)
        if url.get_backend_name() == "sqlite":
            return url.database or raw
        return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    except (ArgumentError, ValueError):
        return masked(raw)


def normalise_url(raw: str) -> URL:
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"数据库地址格式不正确:{masked(raw)}(应写成 sqlite:///文件路径 或 "
                                  "postgresql://用户@服务器:5432/数据库)。") from exc
    except ValueError as exc:  # a port that is not a number (SQLAlchemy's int() of it)
        raise DatabaseUnavailable(
            f"数据库地址格式不正确:{masked(raw)}(端口必须是数字,例如 postgresql://用户@服务器:5432/数据库)。") from exc
    if url.port is not None and not 1 <= url.port <= 65535:  # else the driver's English "invalid port number"
        raise DatabaseUnavailable(
            f"数据库地址格式不正确:{masked(raw)}(端口 {url.port} 不存在,应在 1–65535 之间,PostgreSQL 通常是 5432)。")
    if url.get_backend_name() in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")  # the one driver installed
    elif url.drivername not in ("sqlite", "sqlite+pysqlite"):
        raise DatabaseUnavailable(
            f"不支持的数据库类型“{url.drivername}”(地址 {url.render_as_string()}):"
            "请使用 SQLite(sqlite:///文件路径)或 PostgreSQL(postgresql://用户@服务器/数据库)。")
    if url.drivername.startswith("postgresql") and url.password is None:
        password = stored_password(url)
        if password:
            url = url.set(password=password)
    return url


KEYRING_SERVICE = "relief-desk"


def keyring_key(url: URL) -> str:
    return f"{url.username}@{url.host}:{url.port or 5432}/{url.database}"


# Passwords typed into the connection dialog on a computer without a credential store: kept in this
# process only, so the start that follows the dialog can log in (the settings file never holds one).
_session_passwords: dict[str, str] = {}


def remember_password(url: URL, password: str) -> None:
    _session_passwords[keyring_key(url)] = password


def stored_password(url: URL) -> str | None:
    if keyring_key(url) in _session_passwords:
        return _session_passwords[keyring_key(url)]
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except Exception:  # no keyring backend on this machine
        return None


def is_network_path(path: Path) -> bool:
    text_path = str(path)
    if text_path.startswith(("\\\\", "//")):
        return True
    if os.name != "nt":
        try:
            with open("/proc/mounts", encoding="utf-8") as mounts:
                best = ("", "")
                for line in mounts:
                    parts = line.split()
                    if len(parts) >= 3 and text_path.startswith(parts[1]) and len(parts[1]) > len(best[0]):
                        best = (parts[1], parts[2])
                return best[1] in {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p"}
        except OSError:
            return False
    return False


@dataclass
class Database:
    engine: Engine
    session_factory: sessionmaker[Session]
    url: URL
    warnings: list[str]

    @property
    def kind(self) -> str:
        return "sqlite" if self.url.get_backend_name() == "sqlite" else "postgresql"

    @property
    def is_sqlite(self) -> bool:
        return self.kind == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def describe(self) -> str:
        if self.is_sqlite:
            return f"SQLite:{self.url.database}"
        return f"PostgreSQL:{self.url.host}:{self.url.port or 5432}/{self.url.database}"

    def dispose(self) -> None:
        self.engine.dispose()


SQLITE_BUSY_MS = 30_000  # how long a write waits for another program's before "busy, try again"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_MS)}")
    # WAL lets the window read while an import writes; it changes the file's header, so it is only
    # switched on in a database of ours or a new one, never in another program's file opened by mistake
    # (that is refused afterwards, and must be left as it was).
    ours_or_new = cur.execute("SELECT count(*) = 0 OR count(CASE WHEN name = 'alembic_version' THEN 1 END) > 0 "
                              "FROM sqlite_master").fetchone()[0]
    if ours_or_new:
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # Up to 64 MiB of pages per connection (the default is 2 MiB), taken only as pages are read: a
    # district's database is hundreds of megabytes and statistics re-read the same indexes.
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def _explain(exc: BaseException, url: URL) -> str:
    message = str(getattr(exc, "orig", exc) or exc)
    low = message.lower()
    if url.get_backend_name() == "sqlite":
        if "not a database" in low or "file is encrypted" in low:
            return f"文件“{url.database}”不是救助工作台的数据库(也不是 SQLite 数据库文件)。请确认路径。"
        if "readonly" in low or "read-only" in low or "unable to open" in low or "permission" in low:
            return f"无法写入数据库文件“{url.database}”:所在文件夹不存在或是只读的。请换一个可写的位置或联系管理员。"
        if "locked" in low or "busy" in low:
            return f"数据库文件“{url.database}”正被其他程序占用,请稍后再试。"
        if "malformed" in low:
            return (f"数据库文件“{url.database}”已损坏(内容不完整或被改动),无法打开。请把它移到别处保存,"
                    "再从备份恢复:relief-desk db restore 备份文件 --yes(数据库文件不在时由备份新建)。")
        if "disk is full" in low:  # SQLITE_FULL: the transaction is rolled back whole
            return (f"数据库文件“{url.database}”所在的磁盘已满,刚才的操作没有完成,没有保存任何内容。"
                    "请腾出磁盘空间后再试。")
        if "disk i/o" in low:
            return f"读写数据库文件“{url.database}”时出错:磁盘或网络驱动器可能有问题。请检查后再试。"
        return f"无法打开数据库文件“{url.database}”:{message.strip()}"
    where = f"{url.host}:{url.port or 5432}"
    if "password authentication failed" in low or "no password supplied" in low:
        return f"无法登录数据库服务器 {where}:用户名或密码错误(用户 {url.username})。"
    if "does not exist" in low and "database" in low:
        return f"数据库服务器 {where} 上没有名为“{url.database}”的数据库,请让信息管理员创建。"
    if "role" in low and "does not exist" in low:
        return f"数据库服务器 {where} 上没有用户“{url.username}”。"
    if ("could not translate host" in low or "name or service not known" in low
            or "nodename nor servname" in low or "getaddrinfo" in low):
        return f"找不到数据库服务器“{url.host}”:请检查服务器名称和网络。"
    if "invalid response to ssl negotiation" in low or "received invalid response" in low:
        return f"{where} 上的服务不是 PostgreSQL 数据库服务器:请检查服务器地址和端口(通常是 5432)。"
    if "server does not support ssl" in low:
        return (f"数据库服务器 {where} 不支持加密连接(SSL),而数据库地址要求加密(sslmode={url.query.get('sslmode')}):"
                "请去掉地址中的 sslmode,或请信息管理员在服务器上启用 SSL。")
    if option := re.search(r'invalid (?:connection option|sslmode value):? "([^"]*)"', message):
        return (f"数据库地址中“?”后面的“{option[1]}”不是 PostgreSQL 认得的连接参数或取值:"
                "请检查地址,例如 postgresql://用户@服务器:5432/数据库?sslmode=require。")
    if "connection refused" in low or "timeout" in low or "timed out" in low or "no route" in low:
        return f"连接不上数据库服务器 {where}:服务器未启动或网络不通。"
    return f"无法连接数据库服务器 {where}:{message.strip().splitlines()[0] if message.strip() else '未知原因'}"


# PostgreSQL error classes (SQLSTATE) that mean "the server is gone or refusing work", and those
# that mean "another transaction was in the way; nothing was saved, try again".
_PG_UNAVAILABLE = ("08", "53", "57P01", "57P02", "57P03")
_PG_BUSY = ("40001", "40P01", "55P03", "57014")
_PG_NO_PRIVILEGE = "42501"  # insufficient_privilege
_PG_DISK_FULL = "53100"  # disk_full: the statement failed, the transaction is rolled back whole
_SQLITE_UNAVAILABLE = ("locked", "busy", "readonly", "read-only", "unable to open", "disk i/o", "disk is full",
                       "not a database", "file is encrypted", "no such file", "malformed")


def sqlite_unavailable(exc: BaseException, url: URL) -> DatabaseUnavailable | None:
    """A SQLite file that cannot be used now (locked by another program, read-only, gone, damaged, its
    disk full) said in plain words; None for any other error. Also for statements sent past SQLAlchemy
    (``BEGIN IMMEDIATE``), which its error hook does not see."""
    low = str(exc).lower()
    if isinstance(exc, sqlite3.OperationalError) and any(w in low for w in _SQLITE_UNAVAILABLE):
        return DatabaseUnavailable(_explain(exc, url))
    return None


def take_write_lock(raw: sqlite3.Connection, url: URL) -> None:
    """SQLite: take the database's write lock now (BEGIN IMMEDIATE), before reading what is about to be
    written; the driver would take it only at the first write, after the reading. A connection in a
    transaction that has written holds it already. Sent past SQLAlchemy, whose error hook does not see it:
    a file locked or gone is said here (:func:`sqlite_unavailable`)."""
    if raw.in_transaction:
        return
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        said = sqlite_unavailable(exc, url)
        if said is None:
            raise
        raise said from exc


class _ErrorTranslator:
    """An engine ``handle_error`` hook: a lost connection, a server that cannot be reached and a
    transaction stopped by another one become a :class:`DatabaseUnavailable` or :class:`DatabaseBusy`
    with a plain Chinese message, wherever the database is used (a service, a report, the login),
    instead of a driver error that the window would show as a crash. SQLAlchemy has already marked
    a dead connection invalid; with ``pool_pre_ping`` the next action connects afresh."""

    AGAIN = "刚才的操作没有完成,没有保存任何内容。请检查网络后再试:连接恢复后程序会自动重新连接,无需重新启动。"

    def __init__(self, url: URL) -> None:
        self.url = url
        self.opened = False  # set once the first connection worked: later failures interrupt work

    def __call__(self, ctx) -> Exception | None:  # noqa: ANN001
        if ctx.is_pre_ping:  # the pool reconnects by itself
            return None
        original = ctx.original_exception
        if not isinstance(original, ctx.dialect.loaded_dbapi.Error):
            return None
        if self.url.get_backend_name() == "sqlite":
            return sqlite_unavailable(original, self.url)
        state = getattr(original, "sqlstate", None) or ""
        if ctx.connection is None:  # connecting failed
            return DatabaseUnavailable(_explain(original, self.url) + (self.AGAIN if self.opened else ""))
        if state == _PG_NO_PRIVILEGE:  # an account given no rights on the tables: said, not an internal error
            return DatabaseUnavailable(
                f"数据库账号“{self.url.username}”没有读写救助工作台数据表的权限(服务器 {self.url.host}:"
                f"{self.url.port or 5432},数据库 {self.url.database}),没有做任何修改。请信息管理员为该账号授予"
                "数据表的读写权限(SELECT、INSERT、UPDATE、DELETE)和序列的使用权限,或换用有权限的账号。")
        if state == _PG_DISK_FULL:  # not a lost connection: nothing to check on the network
            return DatabaseUnavailable(
                f"数据库服务器 {self.url.host}:{self.url.port or 5432} 的磁盘已满,刚才的操作没有完成,没有保存任何内容。"
                "请信息管理员为数据库腾出磁盘空间后再试。")
        if state.startswith(_PG_BUSY):
            return DatabaseBusy("另一台电脑正在同时修改相同的数据,本次操作没有保存。请稍后再试一次。")
        if ctx.is_disconnect or state.startswith(_PG_UNAVAILABLE):
            where = f"{self.url.host}:{self.url.port or 5432}"
            if ctx.statement is None:  # lost while committing: the server may or may not have saved it
                return DatabaseUnavailable(
                    f"保存时与数据库服务器 {where} 的连接中断了,无法确定刚才的内容是否已经保存。"
                    "网络恢复后请重新打开该记录核对,没有保存的请重新录入。")
            return DatabaseUnavailable(f"与数据库服务器 {where} 的连接中断了。" + self.AGAIN)
        return None


# A network that silently drops packets (a cable pulled, a VPN gone, a switch restarted) would leave
# a save waiting for ever: the operating system retries unanswered data for a quarter of an hour and
# never notices an idle connection that is gone. TCP keepalives find a dead idle connection within a
# minute, and tcp_user_timeout gives up on data unanswered for 30 s; the error then says so
# (:class:`_ErrorTranslator`) and the next action reconnects.
PG_CONNECT_ARGS = {"connect_timeout": 5, "keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10,
                   "keepalives_count": 3, "tcp_user_timeout": 30_000}
# A row another workstation holds (a clue it is saving, a household open in a transaction left waiting)
# is waited for 30 s, as SQLite's busy timeout waits for the file: then the save stops with "try again"
# (:class:`DatabaseBusy`) instead of waiting without a word. Taking turns on purpose (an advisory lock:
# one register import at a time, the migration) waits as long as the other takes (base.take_turns).
PG_LOCK_TIMEOUT = "-c lock_timeout=30s"


def pg_connect_args(url: URL) -> dict:
    """PG_CONNECT_ARGS, with the lock timeout added to any server options the address gives."""
    given = url.query.get("options", "")
    given = " ".join(given) if isinstance(given, tuple) else given
    return {**PG_CONNECT_ARGS, "options": f"{given} {PG_LOCK_TIMEOUT}".strip()}


def open_database(raw_url: str | None = None, *, create_folder: bool = True, must_exist: bool = False) -> Database:
    """Create the engine and check that it connects. Does not migrate (see :func:`migrate`).

    ``must_exist``: an SQLite file that is not there, or is empty (0 bytes), is refused rather than
    created (a command that only reads, given a mistyped path, must not make a new empty database and
    report zeros)."""
    url = normalise_url(resolve_url(raw_url))
    if url.get_backend_name() == "postgresql" and not url.database and not {"dbname", "service"} & set(url.query) \
            and not (os.environ.get("PGDATABASE") or os.environ.get("PGSERVICE")):
        # libpq would take the user's name for the database's: postgres, the server's own, which the
        # program would then fill with its tables
        raise DatabaseUnavailable(
            f"数据库地址中没有数据库名:{masked(resolve_url(raw_url))}(应写成 postgresql://用户@服务器:5432/数据库,"
            "例如 postgresql://relief@192.168.1.10:5432/relief_desk)。")
    warnings: list[str] = []
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseUnavailable("SQLite 数据库必须是一个文件路径。")
        path = Path(url.database)
        if must_exist and not path.exists():
            raise DatabaseUnavailable(
                f"数据库文件“{path}”不存在:请检查数据库地址中的路径。"
                "要新建一个数据库,请运行 relief-desk db upgrade(或 relief-desk demo 生成演示数据)。")
        if must_exist and path.is_file() and path.stat().st_size == 0:
            # Opening it would write a new database into it (4 KB): a command that only reads changes nothing.
            raise DatabaseUnavailable(
                f"数据库文件“{path}”是空的(0 字节),不是救助工作台的数据库:请检查数据库地址中的路径。"
                "要在这里新建一个数据库,请运行 relief-desk db upgrade(或 relief-desk demo 生成演示数据)。")
        if create_folder:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(
                    f"无法创建数据文件夹“{path.parent}”:{system_reason(exc)}。请换一个可写的位置。"
                ) from exc
        if path.exists() and path.is_dir():
            raise DatabaseUnavailable(f"“{path}”是一个文件夹,不是数据库文件。")
        if is_network_path(path):
            warnings.append(
                f"数据库文件“{path}”位于网络路径上:网络文件系统的文件锁不可靠,多人同时使用可能损坏数据。"
                "多台电脑共用请改用 PostgreSQL。"
            )
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, connect_args=pg_connect_args(url), hide_parameters=True)
    translator = _ErrorTranslator(url)
    event.listen(engine, "handle_error", translator)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            if url.get_backend_name() == "sqlite":
                # Reading the schema proves the file is a database, not just any file.
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
    except DatabaseUnavailable:
        engine.dispose()
        raise
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        raise DatabaseUnavailable(_explain(exc, url)) from exc
    except Exception as exc:  # e.g. a driver error raised before DBAPI wrapping
        engine.dispose()
        raise DatabaseUnavailable(_explain(exc, url)) from exc
    translator.opened = True
    factory = sessionmaker(engine, expire_on_commit=False)
    return Database(engine, factory, url, warnings)


# -- migrations -----------------------------------------------------------------------------

def _alembic_config(connection: object | None = None):  # noqa: ANN202
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head() or ""


@functools.cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions())


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_is_relief_desk(db: Database, revision: str | None) -> None:
    """A database without our schema version must be empty: one that holds another program's tables
    is refused, never filled with ours (a wrong address must not change someone else's data)."""
    if revision is not None:
        return
    from sqlalchemy import inspect

    with db.engine.connect() as conn:
        tables = sorted(t for t in inspect(conn).get_table_names() if t != "alembic_version")
    if tables:
        shown = "、".join(tables[:3]) + ("等" if len(tables) > 3 else "")
        raise DatabaseUnavailable(
            f"数据库“{db.describe()}”不是救助工作台的数据库:其中已有其他数据表({shown}),程序没有在其中建表。"
            "请检查数据库地址;新建数据库请使用一个空的数据库或一个新的文件。")


def check_schema_not_newer(revision: str | None) -> None:
    if revision and revision != head_revision() and revision not in known_revisions():
        raise SchemaTooNew(
            f"数据库的结构版本({revision})比本程序更新:它已被更新版本的救助工作台升级过。"
            "请安装最新版本的程序后再使用,以免损坏数据。"
        )


def check_may_upgrade(db: Database, revision: str | None) -> None:
    """On PostgreSQL, a schema to create or upgrade needs an account that may change it (the owner of
    the tables and CREATE on the schema); an office clerk's account usually may only read and write
    rows. Refused before trying, with who has to do it, instead of the server's "must be owner of table"."""
    if db.is_sqlite or revision == head_revision():
        return
    with db.engine.connect() as conn:
        allowed = conn.execute(text(
            "SELECT has_schema_privilege(current_schema(), 'CREATE') "
            "AND coalesce(bool_and(pg_has_role(current_user, tableowner, 'USAGE')), true) "
            "FROM pg_tables WHERE schemaname = current_schema()")).scalar()
    if allowed:
        return
    state = f"结构版本 {revision},需要升级到 {head_revision()} " if revision else "还是空的,需要建立数据结构"
    raise DatabaseUnavailable(
        f"数据库“{db.describe()}”{state}才能使用,但用户“{db.url.username}”没有修改数据库结构的权限。"
        "请信息管理员用数据库所有者的账户运行一次 relief-desk db upgrade(或用该账户启动一次程序)后再使用。")


SQLITE_PAGES_PER_STEP = 2048


SQLITE_FULL, SQLITE_IOERR = 13, 10  # primary result codes


def copy_sqlite_into(source: sqlite3.Connection, target: sqlite3.Connection,
                     progress: Callable[[int, int], None] | None = None) -> None:
    """SQLite's online backup: a consistent copy while others go on reading and writing.
    ``progress(done, total)`` in pages may raise to cancel."""
    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    source.backup(target, pages=SQLITE_PAGES_PER_STEP, progress=step)


def copy_sqlite(source: sqlite3.Connection, target: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """The database of ``source`` as one self-contained file (no -wal beside it), written atomically."""
    with replacing(target) as tmp:
        dest = sqlite3.connect(tmp)
        try:
            copy_sqlite_into(source, dest, progress)
            dest.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError as exc:
            # A full disk or a failing drive (a USB stick pulled out) is the file's problem, not a
            # bug: said as an OSError naming the file, like any other file that could not be written.
            code = {SQLITE_FULL: errno.ENOSPC, SQLITE_IOERR: errno.EIO}.get(
                (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF)
            if code is None:
                raise
            raise OSError(code, os.strerror(code), str(target)) from exc
        finally:
            dest.close()
            for leftover in ("-journal", "-wal", "-shm"):  # what SQLite kept beside a copy that failed
                with contextlib.suppress(OSError):
                    Path(f"{tmp}{leftover}").unlink(missing_ok=True)


def backup_sqlite(db: Database, revision: str | None) -> Path | None:
    """The file as it is before an upgrade, beside it."""
    path = db.sqlite_path
    if path is None or not path.exists() or path.stat().st_size == 0 or revision is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
    raw = db.engine.raw_connection()
    try:
        copy_sqlite(raw.driver_connection, target)  # type: ignore[arg-type]
    finally:
        raw.close()
    return target


def migrate(db: Database, before_upgrade: Callable[[], None] | None = None) -> str | None:
    """Upgrade to head. Returns a note of what was done (backup path), or None if nothing to do.
    ``before_upgrade()`` is called once an upgrade is found needed and allowed, before anything is
    changed (the start-up window says so; it may raise to stop there)."""
    from alembic import command

    revision = current_revision(db)
    check_is_relief_desk(db, revision)
    check_schema_not_newer(revision)
    head = head_revision()
    if revision == head:
        return None
    check_may_upgrade(db, revision)
    if before_upgrade is not None:
        before_upgrade()
    note = None
    if db.is_sqlite:
        from alembic.runtime.migration import MigrationContext

        with _sqlite_foreign_keys_off(db) as conn, conn.begin():
            # Programs started together on one file: the write lock first (the others wait here), the
            # version read again under it: a second finds nothing to do, rather than running the same
            # upgrade again (duplicate column), seeing the first's tables half made, or copying the
            # upgraded file as the one "before the upgrade". The upgrade is one transaction.
            take_write_lock(conn.connection.dbapi_connection, db.url)  # type: ignore[arg-type]
            revision = MigrationContext.configure(conn).get_current_revision()
            if revision == head:
                return None
            backup = backup_sqlite(db, revision)
            if backup:
                note = f"升级前已备份数据库到:{backup}"
            command.upgrade(_alembic_config(conn), "head")
    else:
        with db.engine.connect() as conn:
            # Two workstations starting together: the second waits, then finds nothing to do.
            conn.execute(text("SET lock_timeout = 0"))  # however long the other one's upgrade takes
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_MIGRATION_LOCK})
            conn.execute(text("RESET lock_timeout"))
            conn.commit()
            try:
                with conn.begin():
                    command.upgrade(_alembic_config(conn), "head")
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_MIGRATION_LOCK})
                conn.commit()
    return note or "数据库已升级到最新结构。"


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    if db.is_sqlite:
        with _sqlite_foreign_keys_off(db) as conn, conn.begin():
            command.downgrade(_alembic_config(conn), revision)
        return
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), revision)


@contextlib.contextmanager
def _sqlite_foreign_keys_off(db: Database) -> Iterator[Connection]:
    """A connection with foreign keys off, for migrations: a revision that rebuilds a table others refer
    to (0012) drops the old one, and with foreign keys on the drop first deletes its rows, and the rows
    referring to them with ON DELETE CASCADE. The pragma only takes effect outside a transaction; the
    connection goes back to the pool with foreign keys on, or is not reused."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            yield conn
        finally:
            try:
                conn.rollback()
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
            except Exception:
                conn.invalidate()
                raise


def open_and_migrate(raw_url: str | None = None, *, must_exist: bool = False,
                     before_upgrade: Callable[[], None] | None = None) -> tuple[Database, str | None]:
    db = open_database(raw_url, must_exist=must_exist)
    try:
        note = migrate(db, before_upgrade)
    except (OperationalError, DBAPIError) as exc:
        db.dispose()
        raise DatabaseUnavailable(_explain(exc, db.url)) from exc
    except Exception:
        db.dispose()
        raise
    return db, note
