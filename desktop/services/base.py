"""The unit-of-work helper every service uses: session, permission, audit, version check."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import UniqueConstraint, column, func, inspect, select, table, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.models import AuditEntry, Base, Household, Region, User
from desktop.models.household import ONE_HEAD_INDEX
from desktop.rules.codes import ROLES_SEEING_FULL_ID, Role
from desktop.rules.policy import comma_misplaced
from desktop.rules.workdays import EARLIEST_DAY
from desktop.services.database import Database, check_schema_not_newer, take_write_lock
from desktop.services.errors import (
    UNKNOWN_SAVER,
    AccountChanged,
    ConflictError,
    ConflictInfo,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

NOTIFY_CHANNEL = "relief_desk_changes"

# The schema version, read with the account check of every unit of work (no extra round trip).
SCHEMA_REVISION = (select(column("version_num")).select_from(table("alembic_version"))
                   .limit(1).scalar_subquery().label("revision"))

WRITERS = frozenset({Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUBDISTRICT_CASEWORKER, Role.COMMUNITY_WORKER})


class CutList(list):
    """The rows of a list, at most the limit asked for, and ``total``: how many matched in all, so that a
    list cut at the limit can say so (``truncated``) in the window and on the command line alike."""

    def __init__(self, rows: Iterable[Any] = (), total: int | None = None) -> None:
        super().__init__(rows)
        self.total = len(self) if total is None else total

    @property
    def truncated(self) -> bool:
        return self.total > len(self)


def matched_in_all(session: Any, query: Any, key: Any, fetched: int, limit: int | None) -> int:
    """How many rows ``query`` matches in all, ``fetched`` of them having been read with ``limit``: counted
    (on ``key``, one column of it) only when the page came back full, cut or exactly full."""
    if limit is None or fetched < limit:
        return fetched
    return session.scalar(select(func.count()).select_from(
        query.with_only_columns(key).order_by(None).subquery())) or 0


@dataclass(frozen=True)
class Actor:
    """The person acting, as services see them (never a live ORM object)."""

    user_id: int | None
    username: str
    display_name: str
    role: Role
    region_id: int | None
    region_path: str  # "" = everything (system actor)
    region_name: str = ""
    workstation: str = ""

    @property
    def sees_full_id(self) -> bool:
        return self.role in ROLES_SEEING_FULL_ID

    @property
    def id_words(self) -> str:
        """How the ID numbers in what this actor exports or prints are written, for its audit entry."""
        return "完整身份证号" if self.sees_full_id else "身份证号已脱敏"

    @property
    def may_write(self) -> bool:
        """Whether the actor changes data at all (the supervisor only looks)."""
        return self.role in WRITERS

    @classmethod
    def system(cls, workstation: str = "") -> Actor:
        """For command-line maintenance run by IT (migrations, demo data, first administrator)."""
        return cls(None, "system", "系统", Role.ADMIN, None, "", "全区", workstation)


def person_label(username: str | None, display_name: str | None = None) -> str:
    """Who did something, as people know them: 周建华(admin); 系统 for the command line's and the program's
    own (the account "system", or none)."""
    system = Actor.system()
    if not username or username == system.username:
        return system.display_name
    return f"{display_name}({username})" if display_name and display_name != username else username


ROLE_WORDS = {
    Role.ADMIN: "系统管理员",
    Role.DISTRICT_REVIEWER: "区级审核员",
    Role.SUBDISTRICT_CASEWORKER: "街道经办人",
    Role.COMMUNITY_WORKER: "社区工作人员",
    Role.SUPERVISOR: "统计查看人员",
}


def require_role(actor: Actor, *roles: Role, doing: str = "此操作") -> None:
    if actor.role not in roles:
        allowed = "、".join(ROLE_WORDS[r] for r in roles)
        raise PermissionDenied(f"{ROLE_WORDS[actor.role]}无权{doing};需要以下角色之一:{allowed}。")


def require_writer(actor: Actor, doing: str = "修改数据") -> None:
    require_role(actor, *sorted(WRITERS), doing=doing)


def too_long(column: Any, value: str | None, label: str) -> str | None:
    """What is wrong when ``value`` does not fit ``column`` (a model attribute such as User.username),
    or None. PostgreSQL refuses such a value with an SQL error; SQLite would keep it whole."""
    limit = column.property.columns[0].type.length
    if value and limit and len(value) > limit:
        return f"{label}过长(最多{limit}个字)"
    return None


def too_early(day: dt.date, label: str) -> str | None:
    """What is wrong when a day typed for ``label`` is before 2000-01-01 (a slip of the year: 1900,
    0001, 2206 → 0206 …), or None. Every service that takes a day a user typed asks this."""
    if day < EARLIEST_DAY:
        return f"{label} {day.isoformat()} 早于 {EARLIEST_DAY.isoformat()},应是年份输入有误,请核对"
    return None


def exported_on(day: dt.date) -> str:
    """An export title's date: the day it was made, and the day its figures are worked out for when
    that is another (a list exported “as of” an earlier day)."""
    real = dt.date.today()
    return f"{day:%Y-%m-%d} 导出" if day == real else f"按 {day:%Y-%m-%d} 计算,{real:%Y-%m-%d} 导出"


def check_day(day: dt.date, label: str, today: dt.date | None = None, *, future: bool = False) -> None:
    """A day typed for ``label``: not before 2000 (:func:`too_early`) and, the day something was done
    (a decision, a check, a delivery …; ``future`` False), not after today."""
    problem = too_early(day, label)
    if problem is None and not future and day > (today or dt.date.today()):
        problem = f"{label} {day.isoformat()} 不能晚于今天"
    if problem:
        raise ValidationFailed(problem + "。")


def moment_on(day: dt.date) -> dt.datetime:
    """The time to keep for something done on ``day`` (a business day, possibly entered afterwards):
    now when it is today, else the start of that day in the workstation's time zone, so that the
    day read back from the time is the day given."""
    if day == dt.date.today():
        return dt.datetime.now(dt.UTC)
    return dt.datetime.combine(day, dt.time()).astimezone()


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def snapshot(obj: Any, skip: Sequence[str] = ("password_hash", "file_data")) -> dict[str, Any]:
    """A plain dict of an ORM object's column values, for audit before/after."""
    mapper = inspect(obj).mapper
    return {c.key: jsonable(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in skip}


def begin_immediate(session: Session) -> None:
    """SQLite: take the database's write lock now, before reading what is about to be written
    (:func:`desktop.services.database.take_write_lock`)."""
    take_write_lock(session.connection().connection.dbapi_connection, session.get_bind().url)


NOTIFY_MANY = 50  # more changes than this in one transaction: one "topic:0" per topic instead


def notify_payloads(topics: set[tuple[str, int]]) -> list[str]:
    """The NOTIFY payloads for what a transaction changed: ``"topic:id"`` each, or, past
    :data:`NOTIFY_MANY`, ``"topic:0"`` (many of them) once per topic, so that no topic goes unheard
    however many rows a bulk change touched."""
    if len(topics) <= NOTIFY_MANY:
        return [f"{topic}:{ident}" for topic, ident in sorted(topics)]
    return [f"{topic}:0" for topic in sorted({topic for topic, _ in topics})]


class UnitOfWork:
    """One user action: a session, the actor, and the audit entries written with the same commit."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self.session: Session = db.session_factory()
        self.topics: set[tuple[str, int]] = set()
        self._checked: list[tuple[type, Any, int, str]] = []  # (model, id, version read, label)

    def notify(self, topic: str, ident: int = 0) -> None:
        """Tell other workstations what changed ("households", "board", "visits", ...), on commit."""
        self.topics.add((topic, ident))

    def take_turns(self, key: int) -> None:
        """Until this unit of work ends, others taking turns on ``key`` wait: what it reads next and
        writes is one turn (two workstations recording the same month cannot both find it unrecorded).
        PostgreSQL: a transaction advisory lock on ``key``. SQLite: the database's write lock, taken now
        (the driver would take it only at the first write, after the reading)."""
        if self.db.is_sqlite:
            begin_immediate(self.session)
        else:
            # however long the other's turn takes (the lock timeout is for rows held unexpectedly)
            self.session.execute(text("SET LOCAL lock_timeout = 0"))
            self.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
            self.session.execute(text("SET LOCAL lock_timeout = DEFAULT"))

    # -- reading ---------------------------------------------------------------------------
    def region_ids(self) -> list[int] | None:
        """The ids of the regions the actor may see; None means all."""
        if not self.actor.region_path:
            return None
        rows = self.session.execute(
            select(Region.id).where(Region.path.like(self.actor.region_path + "%"))
        ).scalars()
        return list(rows)

    def in_scope(self, region_id: int | None) -> bool:
        ids = self.region_ids()
        return ids is None or region_id in ids

    def require_scope(self, region_id: int | None, what: str = "该记录") -> None:
        if not self.in_scope(region_id):
            raise PermissionDenied(f"{what}不在您({self.actor.region_name})的管辖范围内。")

    def get(self, model: type, ident: Any, what: str = "记录") -> Any:
        obj = self.session.get(model, ident)
        if obj is None:
            raise NotFound(f"找不到{what}(编号 {ident}),可能已被删除。")
        return obj

    # -- writing ---------------------------------------------------------------------------
    def check_version(self, obj: Any, expected: int | None, what: str = "", doing: str = "保存") -> None:
        """Refuse a save made on a stale copy, naming who saved first and when. Without ``expected``
        (a command, a save made without a form) the version read now is the one checked: another
        workstation's save reaching the row before this one commits is then named as well."""
        if expected is None:
            self._checked.append((type(obj), inspect(obj).identity, obj.version, what))
            return
        if obj.version == expected:
            # Another save may still reach the row before this one commits: the UPDATE then finds
            # the version moved (StaleDataError) and _raise_stale names who saved it.
            self._checked.append((type(obj), inspect(obj).identity, expected, what))
            return
        raise ConflictError(self._conflict_info(obj, what), doing)

    def _conflict_info(self, obj: Any, what: str = "") -> ConflictInfo:
        saved_by = UNKNOWN_SAVER
        user_id = getattr(obj, "updated_by_id", None)
        if user_id is not None:
            user = self.session.get(User, user_id)
            if user is not None:
                saved_by = f"{user.display_name}({user.username})"
        return ConflictInfo(
            entity=what or type(obj).__tablename__,
            entity_id=getattr(obj, "id", 0) or 0,
            saved_by=saved_by,
            saved_at=getattr(obj, "updated_at", None),
            current=snapshot(obj),
        )

    def touch(self, obj: Any) -> None:
        """Mark an editable object as saved by the actor."""
        if hasattr(obj, "updated_by_id"):
            obj.updated_by_id = self.actor.user_id
        if hasattr(obj, "created_by_id") and getattr(obj, "created_by_id", None) is None:
            obj.created_by_id = self.actor.user_id

    def add(self, obj: Any) -> Any:
        self.touch(obj)
        self.session.add(obj)
        return obj

    def audit(
        self,
        action: str,
        entity: str = "",
        entity_id: int | None = None,
        *,
        before: dict | None = None,
        after: dict | None = None,
        household_id: int | None = None,
        detail: str = "",
    ) -> None:
        self.session.add(
            AuditEntry(
                user_id=self.actor.user_id,
                username=self.actor.username,
                workstation=self.actor.workstation,
                action=action,
                entity=entity,
                entity_id=entity_id,
                household_id=household_id,
                before=jsonable(before) if before is not None else None,
                after=jsonable(after) if after is not None else None,
                detail=detail,
            )
        )

    def flush(self) -> None:
        try:
            self.session.flush()
        except StaleDataError as exc:
            self._raise_stale(exc)

    def commit(self) -> None:
        try:
            if self.topics and not self.db.is_sqlite:
                # Sent by PostgreSQL only if the transaction commits (LISTEN/NOTIFY).
                for payload in notify_payloads(self.topics):
                    self.session.execute(text("SELECT pg_notify(:channel, :payload)"),
                                         {"channel": NOTIFY_CHANNEL, "payload": payload})
            self.session.commit()
        except StaleDataError as exc:
            self._raise_stale(exc)

    def _raise_stale(self, exc: Exception) -> NoReturn:
        """Two saves of the same version at once: the other one committed first. Name who saved
        it and when, as check_version does, from the record as it is now."""
        self.session.rollback()
        for model, identity, expected, what in self._checked:
            current = self.session.get(model, identity, populate_existing=True)
            if current is not None and current.version != expected:
                raise ConflictError(self._conflict_info(current, what)) from exc
        raise ConflictError(
            ConflictInfo(entity="", entity_id=0, saved_by=UNKNOWN_SAVER, saved_at=None)
        ) from exc

    def _raise_second_head(self, exc: IntegrityError) -> NoReturn:
        """A second head (本人) refused by the database (index ONE_HEAD_INDEX): the services never
        write one, so another workstation changed the household's head between this one's reading
        and its writing. A conflict like any other: who saved the household and when."""
        self.session.rollback()
        household_id = _key_of(exc)
        if household_id is not None:  # PostgreSQL names the household; SQLite only the column
            current = self.session.get(Household, household_id, populate_existing=True)
            if current is not None:
                raise ConflictError(self._conflict_info(current, f"户 {current.code or current.id}")) from exc
        self._raise_stale(exc)

    def close(self) -> None:
        self.session.close()

    def check_actor(self) -> None:
        """The account acting must still be as it was at login: a window left open after the
        administrator stopped the account or changed its role or region must not keep the old rights."""
        if self.actor.user_id is None:
            return
        row = self.session.execute(select(User.active, User.role, User.region_id, Region.path, Region.name,
                                          SCHEMA_REVISION)
                                   .join(Region, Region.id == User.region_id)
                                   .where(User.id == self.actor.user_id)).first()
        if row is None:
            raise AccountChanged(f"账号“{self.actor.username}”已不存在,不能再进行操作。请重新登录。")
        if not row.active:
            raise AccountChanged(f"账号“{self.actor.username}”已停用,不能再进行操作。如有疑问请联系系统管理员。")
        if row.role != self.actor.role:
            raise AccountChanged(f"账号“{self.actor.username}”的角色已被系统管理员修改,请重新登录后再操作。")
        if self.actor.region_id is not None and row.region_id != self.actor.region_id:
            raise AccountChanged(f"账号“{self.actor.username}”的所属区划已被系统管理员修改,请重新登录后再操作。")
        if self.actor.region_id is not None and row.path != self.actor.region_path:
            # its community was moved to another sub-district: what it may see is read from the path
            raise AccountChanged(f"账号“{self.actor.username}”所属的“{row.name}”已被系统管理员调整到其他上级区划,"
                                 "请重新登录后再操作。")
        # Another workstation may have upgraded the database with a newer program since this one
        # started: what this program writes could then damage data the newer one relies on.
        check_schema_not_newer(row.revision)


# Money columns are NUMERIC(14, 2): a larger amount is a typing slip (an ID number in the wrong field).
MAX_AMOUNT = decimal.Decimal("999999999999.99")


def read_amount(value: decimal.Decimal | str | int | float | None, *, to_the_fen: bool = False) -> decimal.Decimal:
    """An amount in yuan as a clerk types it: thousands separators, spaces around it, full-width
    digits and punctuation of a Chinese input method ("１，２００．５"), the unit after it or the
    currency sign before it ("650元", "¥650"). Raises ValueError: without a
    message when it is no number, with the reason in plain Chinese when it is too large, or (``to_the_fen``:
    an amount paid or recovered, which is never rounded behind the user's back) finer than a fen."""
    text = unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()
    if comma_misplaced(text):  # "800,5" is no 8,005 yuan
        raise ValueError("不是有效的数字:逗号只能用作千位分隔(如 1,200.50)")
    text = text.replace(",", "")
    # the unit or the currency sign typed with the number: "650元", "¥650", "650 元/月"
    text = re.sub(r"^[¥￥]\s*|\s*元(\s*/\s*月)?$", "", text).strip()
    try:
        amount = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise ValueError from None
    if not amount.is_finite():
        raise ValueError
    if abs(amount) > MAX_AMOUNT:
        raise ValueError(f"超过上限 {MAX_AMOUNT:,} 元,请检查是否输错(例如把身份证号填进了金额栏)")
    rounded = amount.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)
    if to_the_fen and rounded != amount:
        raise ValueError("最多只能到分(两位小数),请检查是否多输了一位")
    return rounded


# What a unique column means to a user, for a save that another workstation's save of the same value
# beat to the database (both checked, neither saw the other). Keyed by constraint or unique index name.
SAVED_ELSEWHERE = {
    "uq_members_id_number": "这个身份证号刚刚已在另一台电脑上登记(同一人可能被两处同时录入)",
    "uq_households_code": "这个户编号刚刚已被另一台电脑上保存的户使用",
    "uq_users_username": "这个用户名刚刚已被另一台电脑上建立的账号使用",
    "uq_regions_code": "这个区划代码刚刚已被另一台电脑上建立的区划使用",
    "uq_calendar_days_day": "这一天的节假日安排刚刚已在另一台电脑上录入",
    "uq_commitments_application_id": "这份申请的承诺书刚刚已在另一台电脑上上传",
    "ix_import_batches_kind_file_hash_sheet": "这个文件刚刚已在另一台电脑上导入",
    "ix_import_batches_kind_content_hash": "同样内容的名单刚刚已在另一台电脑上导入",
}


@functools.cache
def _unique_constraints() -> dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]]:
    """(table, columns) → (name, columns) of every unique constraint and index: SQLite names only
    the columns ("UNIQUE constraint failed: members.id_number"), PostgreSQL the constraint."""
    found = {}
    for tbl in Base.metadata.tables.values():
        groups = [c for c in tbl.constraints if isinstance(c, UniqueConstraint)] + [i for i in tbl.indexes if i.unique]
        for group in groups:
            cols = tuple(c.name for c in group.columns)
            found[(tbl.name, cols)] = (str(group.name), cols)
    return found


def _violated(exc: IntegrityError) -> tuple[str, tuple[str, ...]]:
    """The unique constraint or index a unique violation names, and its columns; ("", ()) for any
    other integrity error."""
    orig = exc.orig
    name = getattr(getattr(orig, "diag", None), "constraint_name", None)
    sqlstate = getattr(orig, "sqlstate", None)
    constraints = _unique_constraints()
    if name and sqlstate == "23505":
        return name, next((cols for n, cols in constraints.values() if n == name), ())
    m = re.match(r"UNIQUE constraint failed: (.+)$", str(orig))
    if not m:
        return "", ()
    pairs = [part.strip().split(".", 1) for part in m[1].split(",")]
    return constraints.get((pairs[0][0], tuple(col for _, col in pairs)), ("", ()))


def _key_of(exc: IntegrityError) -> int | None:
    """The value of a one-column key PostgreSQL names in a unique violation ("Key (household_id)=(12)
    already exists.", in the server's language); None on SQLite, which names only the columns."""
    detail = getattr(getattr(exc.orig, "diag", None), "message_detail", None) or ""
    m = re.search(r"\(\w+\)=\((\d+)\)", detail)
    return int(m[1]) if m else None


def saved_elsewhere(exc: IntegrityError) -> ValidationFailed | None:
    """A unique value saved by another workstation between this one's check and its write, in
    plain words naming the field; None for any other integrity error (a bug)."""
    name, columns = _violated(exc)
    if not name:
        return None
    what = SAVED_ELSEWHERE.get(name, "相同的内容刚刚已在另一台电脑上保存")
    message = f"{what},本次没有保存。请刷新后核对,再决定如何修改。"
    return ValidationFailed(message, {columns[0]: message} if len(columns) == 1 else {})


def log_access(db: Database, actor: Actor, action: str, entity: str = "", entity_id: int | None = None, *,
               after: dict | None = None, household_id: int | None = None, detail: str = "") -> None:
    """One audit line for an export, a print or a view of personal data. Written for every role:
    read-only ones (统计查看人员) export too, and the line is their only write."""
    uow = UnitOfWork(db, actor)
    try:
        uow.audit(action, entity, entity_id, after=after, household_id=household_id, detail=detail)
        uow.session.commit()
    finally:
        uow.close()


def log_full_id_list(db: Database, actor: Actor, listing: str, shown: str | Callable[[Session], str],
                     rows: int | None = None) -> bool:
    """RULES.md §4: every view of whole ID numbers is logged. A list that shows them (the household
    browser, the clue inbox, an import's rows) is logged once for each set of rows
    the user asks for, by filter and search, with how many rows it holds; not at each page read while
    scrolling, a change of sort or a refresh after someone's save. ``listing`` is what the list
    shows (a table name); ``shown`` its filter in words, or a function of the session that words it.
    Nothing is logged for roles that see masked numbers; the command line (IT's system actor) is
    logged with its workstation, as its writes are. Returns whether a line was written."""
    if not actor.sees_full_id:
        return False
    uow = UnitOfWork(db, actor)
    try:
        words = shown(uow.session) if callable(shown) else shown
        count = f",{rows:,} 条" if rows is not None else ""
        uow.audit("list.view_full_id", listing, None, after={"shown": words, "rows": rows},
                  detail=f"查看{LISTS_WITH_FULL_IDS.get(listing, listing)}(显示完整身份证号):{words}{count}")
        uow.session.commit()
    finally:
        uow.close()
    return True


def region_names(session: Session, *region_ids: int | None) -> dict[int, str]:
    """The names of these regions, for a filter put in words."""
    wanted = sorted({r for r in region_ids if r is not None})
    if not wanted:
        return {}
    return {int(k): v for k, v in session.execute(select(Region.id, Region.name).where(Region.id.in_(wanted)))}


# What each list that shows whole ID numbers is called in its audit line.
LISTS_WITH_FULL_IDS = {
    "households": "家庭列表",
    "clues": "线索收件箱",
    "import_rows": "导入名单的行",
    "import_preview": "导入文件的预览",
}


@contextmanager
def unit_of_work(db: Database, actor: Actor, *, write: bool = False) -> Iterator[UnitOfWork]:
    """``with unit_of_work(db, actor, write=True) as uow: ...`` commits on success, rolls back on error."""
    if write:
        require_writer(actor)
    uow = UnitOfWork(db, actor)
    try:
        uow.check_actor()
        yield uow
        if write:
            uow.commit()
        else:
            uow.session.rollback()
    except StaleDataError as exc:  # from a flush SQLAlchemy made before a query (autoflush)
        uow._raise_stale(exc)
    except IntegrityError as exc:
        if _violated(exc)[0] == ONE_HEAD_INDEX:
            uow._raise_second_head(exc)
        uow.session.rollback()
        problem = saved_elsewhere(exc)
        if problem is None:
            raise
        raise problem from exc
    except BaseException:
        uow.session.rollback()
        raise
    finally:
        uow.close()
