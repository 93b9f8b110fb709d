"""Backing up and restoring the local database (SQLite: one office working alone).

A backup is a consistent copy taken while the program runs (SQLite's online backup), written to a
temporary file that becomes the chosen file only when complete. A restore first checks that the
file is a Relief Desk database this program can open, keeps a copy of the current database beside
it, then copies the backup in and upgrades it to the current schema. The shared PostgreSQL
database is backed up on its server (pg_dump), not from a workstation.

Both are the administrator's and both are logged: a backup holds everyone's personal data."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.io.files import system_reason
from desktop.rules.codes import Role
from desktop.services.base import Actor, require_role, unit_of_work
from desktop.services.database import (
    Database,
    check_schema_not_newer,
    copy_sqlite,
    copy_sqlite_into,
    migrate,
    normalise_url,
    open_database,
    resolve_url,
)
from desktop.services.errors import (
    INVALID_FILE,
    DatabaseUnavailable,
    SchemaTooNew,
    ServiceError,
    ValidationFailed,
)
from desktop.services.files import export_place
from desktop.services.progress import Cancelled, Progress

SQLITE_MAGIC = b"SQLite format 3\x00"
SHARED_DATABASE = ("共享数据库(PostgreSQL)在服务器上统一备份和恢复(如 pg_dump / pg_restore),请联系信息科;"
                   "工作站上的备份只用于本机数据库。")


# What inspect_backup reads: another program's database with tables of the same names is not ours.
_REQUIRED = {"alembic_version": {"version_num"}, "households": {"id"}, "users": {"active", "role"},
             "audit_log": {"at"}}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int  # bytes
    revision: str | None  # schema version
    households: int
    users: int
    taken_at: datetime | None  # the newest audit entry in it: how recent its data is


def _admin_on_local(db: Database, actor: Actor, doing: str) -> Path:
    """The local database's file, for an account that is (still) an active administrator."""
    require_role(actor, Role.ADMIN, doing=doing)
    with unit_of_work(db, actor):  # checks the account as it is now, not as it was at login
        pass
    return _local_path(db)


def require_local(raw_url: str | None) -> Path:
    """Refuse a shared (PostgreSQL) database by its address, before anything is opened or upgraded.
    Returns the local database's file (which may not be there yet)."""
    url = normalise_url(resolve_url(raw_url))
    if url.get_backend_name() != "sqlite":
        raise ServiceError(SHARED_DATABASE)
    if not url.database or url.database == ":memory:":
        raise DatabaseUnavailable("SQLite 数据库必须是一个文件路径。")
    return Path(url.database)


def _local_path(db: Database) -> Path:
    path = db.sqlite_path
    if path is None:
        raise ServiceError(SHARED_DATABASE)
    return path.resolve()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def inspect_backup(path: str | Path) -> BackupInfo:
    """What a backup file holds; a plain message when it is not a Relief Desk database."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError as exc:
        raise ServiceError(f"找不到文件“{path}”。", code=INVALID_FILE) from exc
    except IsADirectoryError as exc:
        raise ServiceError(f"“{path}”是一个文件夹,请选择备份文件。", code=INVALID_FILE) from exc
    except OSError as exc:
        raise ServiceError(f"无法读取文件“{name}”:{system_reason(exc)}。", code=INVALID_FILE) from exc
    if head != SQLITE_MAGIC:
        raise ServiceError(f"文件“{name}”不是救助工作台的数据库备份(不是 SQLite 数据库文件)。", code=INVALID_FILE)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            columns = {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in _REQUIRED if t in tables}
            if any(not need <= columns.get(t, set()) for t, need in _REQUIRED.items()):
                raise ServiceError(f"文件“{name}”是 SQLite 数据库,但不是救助工作台的数据库备份。", code=INVALID_FILE)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            households = conn.execute("SELECT count(*) FROM households").fetchone()[0]
            users = conn.execute("SELECT count(*) FROM users WHERE active AND role = 'admin'").fetchone()[0]
            newest = conn.execute("SELECT max(at) FROM audit_log").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        # the driver's English words ("database disk image is malformed") say nothing more to the user
        raise ServiceError(f"文件“{name}”已损坏或不完整(复制中断或内容被改动),无法作为备份使用;"
                           "请换一个备份文件(自动备份文件夹里通常还有更早的几份)。", code=INVALID_FILE) from exc
    taken = None
    if newest:
        try:
            taken = datetime.fromisoformat(str(newest)).replace(tzinfo=UTC)  # stored as UTC
        except ValueError:
            taken = None
    return BackupInfo(path, path.stat().st_size, row[0] if row else None, int(households), int(users), taken)


def check_restorable(info: BackupInfo) -> None:
    """Refuses, in plain words, a backup this program cannot restore: asked before the user is
    asked to confirm, and again by :func:`restore`."""
    if info.revision is None:  # the upgrade after the copy would refuse it, the database then replaced
        raise ServiceError(f"备份“{info.path.name}”中没有数据库结构版本记录(可能被其他工具修改过),"
                           "无法确认是救助工作台的完整备份,无法恢复。数据库未改变。", code=INVALID_FILE)
    try:
        check_schema_not_newer(info.revision)
    except SchemaTooNew as exc:
        raise ServiceError(f"备份“{info.path.name}”来自更新版本的救助工作台,无法恢复:{exc.message}") from exc
    if info.users == 0:
        raise ServiceError(f"备份“{info.path.name}”中没有启用的系统管理员账号,恢复后将无法登录,无法恢复。")


IN_USE = ("数据库“{path}”正被其他电脑或其他窗口使用:恢复会替换他们正在用的数据。请先让其他人退出救助工作台"
          "(也关闭本机上的其他救助工作台窗口和命令),再恢复。数据库未改变。")


def _take_over(live: Path) -> sqlite3.Connection:
    """A connection that has the live database to itself until closed (locking mode EXCLUSIVE).
    Refused while any other connection, from this or another computer, has the file open: in WAL
    mode each holds a shared lock as long as it is open."""
    conn = sqlite3.connect(live, timeout=2, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.close()
        raise ServiceError(IN_USE.format(path=live)) from exc
    return conn


def backup(db: Database, actor: Actor, target: str | Path,
           progress: Callable[[int, int], None] | None = None) -> BackupInfo:
    """A consistent copy of the local database at ``target``; ``progress(done, total)`` in pages may
    raise to cancel (nothing is left behind)."""
    live = _admin_on_local(db, actor, "备份数据库")
    target = Path(target)
    if _same_file(live, target):
        raise ServiceError("备份文件不能是正在使用的数据库本身,请换一个文件名或位置。")
    raw = db.engine.raw_connection()
    try:
        copy_sqlite(raw.driver_connection, target, progress)  # type: ignore[arg-type]
    finally:
        raw.close()
    info = inspect_backup(target)
    place = export_place(target)
    try:
        with unit_of_work(db, actor, write=True) as uow:
            uow.audit("db.backup", "database", None, after={"file": place, "size": info.size},
                      detail=f"备份数据库到《{place}》({info.households} 户,{info.size // 1024:,} KB)")
    except ServiceError as exc:  # the file's copy is every household's data: not kept unless logged (RULES.md §4)
        target.unlink(missing_ok=True)
        raise ServiceError(f"备份已复制,但无法记入操作日志,已删除该备份文件,请稍后再试:{exc.message}",
                           code=exc.code) from exc
    return info


def _pages(progress: Progress, text: str) -> Callable[[int, int], None]:
    return lambda done, total: progress.report(done, total, text)


def restore_as_new(raw_url: str | None, actor: Actor, source: str | Path) -> Path:
    """Make the local database, whose file is not there yet, from a backup (a workstation set up
    again): the backup is copied in and upgraded, and there is no database as it was to keep aside.
    Returns the database's file. (:func:`restore` replaces a database that is there.)"""
    require_role(actor, Role.ADMIN, doing="从备份恢复数据库")
    target = require_local(raw_url)
    if target.exists():
        raise ServiceError(f"数据库文件“{target}”已存在:请用恢复(替换当前数据库,当前数据库会先另存一份)。")
    source = Path(source)
    info = inspect_backup(source)
    check_restorable(info)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy_sqlite(src, target)  # atomically: a copy that fails leaves no database behind
    except sqlite3.Error as exc:
        raise ServiceError(f"无法从备份“{source.name}”新建数据库:{exc}。") from exc
    finally:
        src.close()
    db = open_database(raw_url, must_exist=True)
    try:
        migrate(db)
        with unit_of_work(db, replace(actor, user_id=None), write=True) as uow:  # by name, as restore() logs
            uow.audit("db.restore", "database", None, after={"file": str(source), "kept": None},
                      detail=f"{actor.display_name or actor.username}从备份《{source.name}》新建数据库"
                             "(原来没有数据库)")
    finally:
        db.dispose()
    return target


def restore(db: Database, actor: Actor, source: str | Path, progress: Progress | None = None) -> Path:
    """Replace the local database by a backup. Returns where the database as it was is kept. The
    program must be started again afterwards: what it holds in memory is of the old database.

    ``progress`` is told each step. It may cancel (:class:`Cancelled`) while the backup is checked
    and the database as it is is copied aside: nothing has changed then, and that copy is not left
    behind. Once the backup is being copied in, it cannot be cancelled (:meth:`Progress.commit`)."""
    progress = progress or Progress()
    live = _admin_on_local(db, actor, "从备份恢复数据库")
    source = Path(source)
    if _same_file(live, source):
        raise ServiceError("所选文件就是正在使用的数据库,请选择备份文件。")
    progress.report(0, 0, "正在检查备份文件…")
    info = inspect_backup(source)
    check_restorable(info)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = live.with_name(f"{live.stem}.before-restore-{stamp}{live.suffix}")
    progress.report(0, 0, "正在等待其他连接关闭…")
    db.engine.dispose()  # no pooled connection of ours holds the file
    conn = _take_over(live)
    try:
        copy_sqlite(conn, kept, _pages(progress, "正在保存恢复前的数据库(仍可取消)…"))
        try:
            progress.commit()  # from here the database changes: no more cancelling
        except Cancelled:
            kept.unlink(missing_ok=True)
            raise
        # Out of WAL mode while alone with the file: the copy is then one transaction in the rollback
        # journal, may change the page size, and leaves no -wal of the old database beside it.
        conn.execute("PRAGMA journal_mode=DELETE")
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy_sqlite_into(src, conn, _pages(progress, "正在从备份恢复数据库(不能取消)…"))
        finally:
            src.close()
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.Error as exc:
        raise ServiceError(f"无法从备份“{source.name}”恢复:{exc}。数据库未改变。") from exc
    finally:
        conn.close()
    progress.report(0, 0, "正在升级恢复的数据库(不能取消)…")
    db.engine.dispose()
    migrate(db)
    # Logged in the restored database, where the account acting may not exist (a backup taken
    # before it was made) or have another id: by name, without an account id.
    with unit_of_work(db, replace(actor, user_id=None), write=True) as uow:
        uow.audit("db.restore", "database", None, after={"file": str(source), "kept": str(kept)},
                  detail=f"{actor.display_name or actor.username}从备份《{source.name}》恢复数据库;"
                         f"恢复前的数据库保存在《{kept.name}》")
    return kept


# -- the day's automatic copy (an office working alone on its own computer) ---------------------------------

AUTO_PREFIX = "自动备份_"
AUTO_KEEP = 10  # the newest copies kept; older ones are deleted
AUTO_KEEP_RANGE = (2, 90)
_AUTO_NAME = re.compile(re.escape(AUTO_PREFIX) + r"\d{8}\.sqlite3")


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    size: int  # bytes
    households: int
    removed: tuple[Path, ...]  # older copies deleted to keep the newest ``keep``
    later: date | None = None  # a copy dated after today is there: the computer's clock is behind; none deleted

    @property
    def clock_note(self) -> str:
        """What the user is told when the computer's date looks wrong ("" when it does not)."""
        if self.later is None:
            return ""
        return (f"文件夹里已有 {self.later:%Y-%m-%d} 的自动备份,晚于这台电脑的今天:电脑的日期可能不对,请核对"
                "(右下角的时间);若那一份是日期错时做的,可删去它。在此之前不删除旧的自动备份。")


def auto_backup_folder(db: Database) -> Path | None:
    """Where the day's copies go unless an administrator chose another folder: 自动备份 beside the database
    file (None for the shared database, backed up on its server)."""
    path = db.sqlite_path
    return None if path is None else path.resolve().parent / "自动备份"


def auto_backup_path(folder: Path, day: date) -> Path:
    """The name of a day's automatic copy in ``folder``."""
    return folder / f"{AUTO_PREFIX}{day:%Y%m%d}.sqlite3"


def auto_backups(folder: Path) -> list[Path]:
    """The automatic copies in ``folder``, oldest first."""
    try:
        return sorted(p for p in folder.iterdir()
                      if _AUTO_NAME.fullmatch(p.name) and _auto_day(p) is not None and p.is_file())
    except OSError:
        return []


def auto_backup(db: Database, *, folder: str | Path | None = None, keep: int = AUTO_KEEP, today: date | None = None,
                workstation: str = "") -> AutoBackup | None:
    """The day's copy of the local database (自动备份_YYYYMMDD.sqlite3 in ``folder``), taken on the first start
    of the day, and only the newest ``keep`` copies kept. None when there is nothing to do: the shared
    database (PostgreSQL, backed up on its server) or today's copy already there. Logged as the system's."""
    live = db.sqlite_path
    if live is None:
        return None
    low, high = AUTO_KEEP_RANGE
    if not low <= keep <= high:
        raise ValidationFailed(f"自动备份保留份数应在 {low}–{high} 之间,而不是 {keep}。", {"keep": str(keep)})
    day = today or date.today()
    where = Path(folder) if folder else auto_backup_folder(db)
    assert where is not None
    target = auto_backup_path(where, day)
    if target.exists():
        return None
    if _same_file(live.resolve(), target):
        raise ServiceError("自动备份的文件夹不能是数据库本身所在的文件名,请换一个文件夹。")
    raw = db.engine.raw_connection()
    try:
        where.mkdir(parents=True, exist_ok=True)
        copy_sqlite(raw.driver_connection, target)  # type: ignore[arg-type]
    except OSError as exc:
        raise ServiceError(f"今天的自动备份没有完成:无法写入“{target}”({system_reason(exc)})。"
                           "数据库本身没有受影响;请检查该文件夹(或在“文件 › 自动备份设置”换一个),下次启动时会再试。") from exc
    finally:
        raw.close()
    info = inspect_backup(target)
    copies = auto_backups(where)
    # A copy dated after today means the clock was set back (a flat CMOS battery): today's copy would sort
    # first and be deleted at once, so nothing is deleted until the date is right again.
    later = max((d for d in map(_auto_day, copies) if d and d > day), default=None)  # copies all have a day
    removed = []
    for old in [] if later else copies[:-keep]:
        try:
            old.unlink()
            removed.append(old)
        except OSError:  # open elsewhere (being copied to a USB stick): kept, tried again tomorrow
            continue
    with unit_of_work(db, Actor.system(workstation), write=True) as uow:
        uow.audit("db.backup", "database", None,
                  after={"file": str(target), "size": info.size, "automatic": True, "removed": len(removed)},
                  detail=f"自动备份数据库到《{target.name}》({info.households} 户,{info.size // 1024:,} KB)"
                         + (f",删除较早的自动备份 {len(removed)} 份" if removed else "")
                         + (f";已有 {later:%Y-%m-%d} 的自动备份,晚于今天,电脑日期可能不对,未删除旧备份" if later else ""))
    return AutoBackup(target, info.size, info.households, tuple(removed), later)


def _auto_day(path: Path) -> date | None:
    """The day in an automatic copy's name (None for a name like 自动备份_20261399 that is no day)."""
    try:
        return datetime.strptime(path.stem.removeprefix(AUTO_PREFIX), "%Y%m%d").date()
    except ValueError:
        return None
