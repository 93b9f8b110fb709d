"""Logging in and users (the regions are listed and found by :mod:`desktop.services.regions`)."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from desktop import config
from desktop.models import AuditEntry, Region, User
from desktop.models.base import now_utc
from desktop.models.region import child_path
from desktop.rules import lockout
from desktop.rules.codes import ROLE_LABELS, RegionLevel, Role, region_level_problem
from desktop.rules.lockout import LOCK_MINUTES, MAX_FAILED_LOGINS, LoginState
from desktop.services.base import (
    Actor,
    UnitOfWork,
    begin_immediate,
    require_role,
    snapshot,
    too_long,
    unit_of_work,
)
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied, ValidationFailed
from desktop.services.progress import NO_PROGRESS, Progress
from desktop.services.regions import new_region

# Tests set RELIEF_DESK_FAST_PASSWORD_HASH to trade hashing strength for speed (like Django's test hasher).
_hasher = (PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
           if os.environ.get("RELIEF_DESK_FAST_PASSWORD_HASH") else PasswordHasher())

MIN_PASSWORD = 6
# What a user name may hold: what can be typed the same at any login prompt, whatever the input
# method (no spaces, no Chinese or full-width characters that look like others).
USERNAME = re.compile(r"[A-Za-z0-9._-]+")
USERNAME_RULE = "用户名只能由英文字母、数字和 . _ - 组成,不能有空格、汉字或其他符号"


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    role_label: str
    region_id: int
    region_name: str
    active: bool
    # An account made before roles were checked against the region's level (or by hand in the
    # database) can sit at the wrong level: it sees too much or too little. Says why; "" when right.
    problem: str = ""
    # Until when (UTC) the account is locked after wrong passwords; None when it is not locked now.
    locked_until: datetime | None = None


class LoginRefused(PermissionDenied):
    """A login refused. ``tries_left``: wrong passwords still allowed before the lock (None when the
    password was right but the account may not log in); ``locked_until`` (UTC): the account is locked."""

    def __init__(self, message: str, *, tries_left: int | None = None,
                 locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.tries_left = tries_left
        self.locked_until = locked_until


def _typed(text: str) -> str:
    """A password or user name as meant, whatever the input method: a Chinese input method in
    full-width mode types "ａｄｍｉｎ１２３" for admin123 (NFKC makes them the same)."""
    return unicodedata.normalize("NFKC", text)


def hash_password(password: str) -> str:
    return _hasher.hash(_typed(password))


def _verify(password_hash: str, password: str) -> bool:
    """The password as meant; as typed too, for a password set before passwords were normalised."""
    for candidate in dict.fromkeys((_typed(password), password)):
        try:
            if _hasher.verify(password_hash, candidate):
                return True
        except (VerificationError, InvalidHashError):
            pass
    return False


def _named(session: Session, username: str) -> User | None:
    """The account a name typed at a prompt means: exactly that name, else the one name that differs
    only in case ("Admin" for admin), as a Windows login would."""
    name = _typed(username).strip()
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        found = session.scalars(select(User).where(func.lower(User.username) == name.lower()).limit(2)).all()
        user = found[0] if len(found) == 1 else None
    return user


def actor_for(db: Database, user: User, region: Region) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        region_id=region.id,
        region_path=region.path,
        region_name=region.name,
        workstation=config.workstation_name(),
    )


def has_users(db: Database) -> bool:
    with db.session_factory() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def has_active_admin(db: Database) -> bool:
    """Whether anyone can log in as administrator (the window offers to create the first one only on a
    database with no account at all)."""
    with db.session_factory() as session:
        return bool(session.scalar(select(func.count()).select_from(User).where(
            User.role == Role.ADMIN, User.active.is_(True))))


def _log_login(session: Session, user_id: int | None, username: str, action: str, detail: str,
               at: datetime | None = None) -> None:
    """A login is logged before anyone is acting (no unit of work yet), with the name as typed."""
    session.add(AuditEntry(at=at or now_utc(), user_id=user_id, username=username[:64],
                           workstation=config.workstation_name()[:128], action=action, entity="users",
                           entity_id=user_id, detail=detail))


def _now(session: Session) -> datetime:
    """The time every workstation agrees on, in UTC: the server's clock for a shared PostgreSQL
    database (the workstations' clocks differ), this computer's for its own SQLite file."""
    if session.get_bind().dialect.name == "sqlite":
        return now_utc()
    moment = session.scalar(text("SELECT statement_timestamp()"))
    assert isinstance(moment, datetime)
    return moment.astimezone(UTC)


def until_text(until: datetime) -> str:
    """The end of a lock as a clerk reads it: the time of day on this computer, to the minute
    (rounded up: locked until 14:35 is free at 14:35), with the day when it is not today."""
    local = until.astimezone()
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if local.date() == datetime.now().astimezone().date():
        return f"{local:%H:%M}"
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def _state(user: User) -> LoginState:
    return LoginState(user.failed_logins, user.last_failed_login_at, user.locked_until)


def _locked_message(until: datetime) -> LoginRefused:
    return LoginRefused(f"连续 {MAX_FAILED_LOGINS} 次密码错误,该账号已被锁定至 {until_text(until)}"
                        f"(锁定 {LOCK_MINUTES} 分钟),届时可再登录;急需使用请联系系统管理员解锁。",
                        tries_left=0, locked_until=until)


def _refusal(state: LoginState, now: datetime) -> LoginRefused:
    """What a wrong password is told: how many tries are left, or until when the lock lasts."""
    if state.locked_until is not None and state.locked(now):
        return _locked_message(state.locked_until)
    left = state.tries_left(now)
    return LoginRefused(f"用户名或密码不正确。还可再试 {left} 次;连续 {MAX_FAILED_LOGINS} 次输错,"
                        f"账号将被锁定 {LOCK_MINUTES} 分钟。", tries_left=left)


# How far back the failed logins of a name that is no account are read (rules.lockout.replay).
UNKNOWN_NAME_HOURS = 24


@functools.cache
def _decoy_hash() -> str:
    return hash_password(os.urandom(16).hex())


def _refuse_unknown(session: Session, username: str, password: str) -> NoReturn:
    """A name that is no account is answered as a wrong password is, tries left and lock included,
    so that guessing cannot tell which names exist; nothing is kept but the failed login logged, from
    which the next answer is worked out."""
    name = _typed(username).strip()[:64]
    _verify(_decoy_hash(), password)  # takes as long as checking a real password
    now = _now(session)
    failed = session.scalars(select(AuditEntry.at).where(
        AuditEntry.action == "user.login_failed", AuditEntry.user_id.is_(None),
        func.lower(AuditEntry.username) == func.lower(name),
        AuditEntry.at >= now - timedelta(hours=UNKNOWN_NAME_HOURS)).order_by(AuditEntry.at, AuditEntry.id)).all()
    state = lockout.after_failure(lockout.replay(failed), now)
    _log_login(session, None, name, "user.login_failed", "登录失败:无此用户", at=now)
    session.commit()
    raise _refusal(state, now)


def _account_for_update(session: Session, user_id: int) -> User:
    """The account read again, and kept from other logins until this one commits: two wrong
    passwords typed at once on two workstations both count."""
    if session.get_bind().dialect.name == "sqlite":
        begin_immediate(session)
    return session.scalars(select(User).where(User.id == user_id).with_for_update()
                           .execution_options(populate_existing=True)).one()


def _count_wrong_password(session: Session, user: User, state: LoginState, now: datetime, what: str) -> LoginState:
    """Count a wrong password for the account (held by :func:`_account_for_update`), lock it at the
    limit, log both and commit. The state after it."""
    after = lockout.after_failure(state, now)
    # its own UPDATE: a wrong password is not an edit of the account (no new version)
    session.execute(update(User).where(User.id == user.id).values(
        failed_logins=after.failures, last_failed_login_at=after.last_failed_at,
        locked_until=after.locked_until, updated_at=User.updated_at,
    ).execution_options(synchronize_session=False))
    _log_login(session, user.id, user.username, "user.login_failed",
               f"{what}:密码不正确(连续第 {after.failures} 次)", at=now)
    if after.locked_until is not None:
        _log_login(session, user.id, user.username, "user.locked",
                   f"连续 {after.failures} 次密码错误,账号 {user.username} 锁定至 "
                   f"{until_text(after.locked_until)}", at=now)
    session.commit()
    return after


def login(db: Database, username: str, password: str, progress: Progress = NO_PROGRESS) -> Actor:
    """Check a password; the message never tells which of the two was wrong, nor whether the name
    is an account. Wrong passwords in a row lock the account for a while (rules.lockout).

    A login the user cancels (``progress``, the login window closed while the password is checked)
    is not one: nothing of it is kept, no 登录 in the audit log (:class:`Cancelled`). A refusal is
    recorded all the same (a wrong password still counts towards the lock). Once the login is
    committed a cancel is refused: the user is logged in."""
    with db.session_factory() as session:
        user = _named(session, username)
        if user is None:
            _refuse_unknown(session, username, password)
        # no password is tried while locked; the slow check is made before the account is held
        right = None if _state(user).locked(_now(session)) else _verify(user.password_hash, password)
        user = _account_for_update(session, user.id)
        now = _now(session)
        state = _state(user)
        if state.locked(now):  # locked before, or by another workstation meanwhile
            assert state.locked_until is not None
            _log_login(session, user.id, user.username, "user.login_failed",
                       f"登录失败:账号已锁定至 {until_text(state.locked_until)}", at=now)
            session.commit()
            raise _locked_message(state.locked_until)
        if right is None:  # the lock ran out in between
            right = _verify(user.password_hash, password)
        if not right:
            after = _count_wrong_password(session, user, state, now, "登录失败")
            raise _refusal(after, now)
        if not user.active:
            _log_login(session, user.id, user.username, "user.login_failed", "登录失败:账号已停用", at=now)
            session.commit()
            raise LoginRefused("该账号已停用,不能登录;如有疑问请联系系统管理员。")
        if _hasher.check_needs_rehash(user.password_hash) or (
                _typed(password) != password and not _verify(user.password_hash, _typed(password))):
            user.password_hash = hash_password(password)  # stronger settings, or set before normalising
        user.failed_logins, user.last_failed_login_at, user.locked_until = 0, None, None
        user.last_login_at = now
        _log_login(session, user.id, user.username, "user.login", "登录", at=now)
        progress.commit()  # cancelled before: rolled back (the session closes uncommitted)
        session.commit()
        region = session.get(Region, user.region_id)
        assert region is not None
        return actor_for(db, user, region)


def ensure_district(db: Database, name: str = "西塞山区", code: str = "420203") -> int:
    """The root region, created on first run if missing. Returns its id."""
    with db.session_factory() as session:
        root = session.scalar(select(Region).where(Region.parent_id.is_(None)).order_by(Region.id))
        if root is not None:
            return root.id
        root = Region(code=code, name=name, level=RegionLevel.DISTRICT, area_type="urban", path="")
        session.add(root)
        session.flush()
        root.path = child_path("", root.id)
        session.commit()
        return root.id


def add_region(db: Database, actor: Actor, *, parent_id: int, name: str, code: str, level: str,
               area_type: str = "urban") -> int:
    """A region exactly as given, for the demo district, tests and benchmarks that build their own.
    What people add goes through :func:`desktop.services.regions.add_region`, which checks the level,
    the name and the code; both make the region with the same step (``regions.new_region``)."""
    require_role(actor, Role.ADMIN, doing="添加行政区划")
    with unit_of_work(db, actor, write=True) as uow:
        parent = uow.get(Region, parent_id, "上级区划")
        return new_region(uow, parent, name, code, level, area_type).id


def add_user(db: Database, actor: Actor, *, username: str, password: str, role: str, region_id: int | None = None,
             display_name: str = "") -> int:
    require_role(actor, Role.ADMIN, doing="添加用户")
    problems: dict[str, str] = {}
    username = username.strip()
    if not username:
        problems["username"] = "用户名不能为空"
    elif not USERNAME.fullmatch(username):
        problems["username"] = f"{USERNAME_RULE}(“{username}”不行)"
    for attr, value, label in (("username", username, "用户名"), ("display_name", display_name, "姓名")):
        if message := too_long(getattr(User, attr), value, label):
            problems[attr] = message
    _check_password(password, problems, username)
    try:
        role_code = Role(role)
    except ValueError:
        problems["role"] = "角色无效,可选:" + "、".join(f"{r.value}({label})" for r, label in ROLE_LABELS.items())
        role_code = Role.COMMUNITY_WORKER
    given = region_id is not None
    with unit_of_work(db, actor, write=True) as uow:
        if region_id is None:
            region_id = ensure_district(db)
        # One account added at a time: two administrators adding "Zhang" and "zhang" at the same moment
        # would each find no such name, and the database's unique username does not see case.
        uow.take_turns(USERS_LOCK)
        region = uow.session.get(Region, region_id)
        if region is None:
            problems["region"] = f"找不到区划 {region_id}"
        elif "role" not in problems and (message := region_level_problem(role_code, region.level, region.name)):
            problems["region"] = message + ("" if given else ";请指定所属区划(不指定即为全区)")
        same = uow.session.scalar(select(User.username).where(func.lower(User.username) == username.lower()))
        if same == username:
            problems["username"] = f"用户名“{username}”已存在"
        elif same:  # one would log in as the other by a slip of the Shift key
            problems["username"] = f"已有用户名“{same}”,与“{username}”只差大小写,请换一个用户名"
        if problems:
            raise ValidationFailed(";".join(problems.values()), problems)
        user = uow.add(User(username=username, display_name=display_name or username,
                            password_hash=hash_password(password), role=role_code, region_id=region_id))
        uow.flush()
        uow.audit("user.add", "users", user.id, after=snapshot(user),  # the names, so the log's search finds them
                  detail=f"添加用户 {user.username}({user.display_name},{ROLE_LABELS[Role(role_code)]},{region.name})")
        uow.notify("users", user.id)
        return user.id


def create_first_admin(db: Database, *, username: str, password: str, display_name: str = "",
                       progress: Progress = NO_PROGRESS) -> Actor:
    """First run on an empty database: the administrator of the whole district, then logged in
    (``progress``: a cancel leaves the account made, not logged in, as :func:`login`)."""
    if has_users(db):
        raise PermissionDenied("数据库中已有用户,不能再创建首个管理员。")
    region_id = ensure_district(db)
    add_user(db, Actor.system(config.workstation_name()), username=username, password=password,
             role=Role.ADMIN, region_id=region_id, display_name=display_name)
    return login(db, username, password, progress)


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    require_role(actor, Role.ADMIN, doing="查看用户列表")
    with unit_of_work(db, actor) as uow:
        now = _now(uow.session)
        rows = uow.session.execute(select(User, Region).join(Region, Region.id == User.region_id).order_by(User.id))
        return [UserInfo(u.id, u.username, u.display_name, u.role, ROLE_LABELS[Role(u.role)], r.id, r.name, u.active,
                         region_level_problem(u.role, r.level, r.name),
                         u.locked_until if _state(u).locked(now) else None) for u, r in rows]


def _check_password(password: str, problems: dict[str, str], username: str = "") -> None:
    typed = _typed(password)
    if not password.strip():
        problems["password"] = "密码不能为空,也不能全是空格"
    elif len(typed) < MIN_PASSWORD:
        problems["password"] = f"密码至少 {MIN_PASSWORD} 位"
    elif guessable(typed, username):
        problems["password"] = "密码太容易被猜到(同一个字符重复、连续的数字或字母、或与用户名相同),请换一个"


def guessable(password: str, username: str = "") -> bool:
    """A password anyone tries first on an account of personal data (RULES.md §4): one character
    repeated (111111), a run up or down (123456, 654321, abcdef), or the user name itself."""
    low = password.lower()
    if len(set(low)) == 1 or (username and low == username.strip().lower()):
        return True
    steps = {ord(b) - ord(a) for a, b in zip(low, low[1:], strict=False)}
    return steps in ({1}, {-1}) and (low.isdigit() or low.isalpha())


USERS_LOCK = 0x52454C55  # pg_advisory_xact_lock key ("RELU"): one account added at a time
ADMINS_LOCK = 0x52454C41  # pg_advisory_xact_lock key ("RELA"): changes that may leave no administrator


def _lock_administrators(uow: UnitOfWork) -> None:
    """Take turns before anything is read: two administrators stopping each other at the same moment
    must not both count the other as the one who remains."""
    uow.take_turns(ADMINS_LOCK)


def update_user(db: Database, actor: Actor, user_id: int, *, display_name: str | None = None, role: str | None = None,
                region_id: int | None = None, active: bool | None = None) -> None:
    """Change an account's name, role, region or whether it may log in (an account is stopped, never
    deleted: the audit log keeps naming it). At least one active administrator always remains."""
    require_role(actor, Role.ADMIN, doing="修改用户")
    problems: dict[str, str] = {}
    with unit_of_work(db, actor, write=True) as uow:
        if active is False or (role is not None and role != Role.ADMIN):
            _lock_administrators(uow)
        user = uow.get(User, user_id, "用户")
        before = snapshot(user)
        if display_name is not None:
            display_name = display_name.strip()
            if not display_name:
                problems["display_name"] = "姓名不能为空"
            elif message := too_long(User.display_name, display_name, "姓名"):
                problems["display_name"] = message
        if role is not None:
            try:
                role = Role(role)
            except ValueError:
                problems["role"] = "角色无效,可选:" + "、".join(f"{r.value}({label})" for r, label in ROLE_LABELS.items())
        region = uow.session.get(Region, region_id if region_id is not None else user.region_id)
        if region is None:
            problems["region"] = f"找不到区划 {region_id}"
        elif "role" not in problems and (role not in (None, user.role) or region.id != user.region_id):
            # checked when either changes: an account made before the check can still be renamed or stopped
            if message := region_level_problem(role or user.role, region.level, region.name):
                problems["region"] = message
        if problems:
            raise ValidationFailed(";".join(problems.values()), problems)
        stays_admin = (role or user.role) == Role.ADMIN and (user.active if active is None else active)
        if user.role == Role.ADMIN and user.active and not stays_admin:
            others = uow.session.scalar(select(func.count()).select_from(User).where(
                User.role == Role.ADMIN, User.active.is_(True), User.id != user.id))
            if not others:
                raise ValidationFailed(f"“{user.username}”是唯一启用的系统管理员,不能停用或改为其他角色;"
                                       "请先让另一个账号成为系统管理员。", {"role": "唯一的系统管理员"})
        if display_name is not None:
            user.display_name = display_name
        if role is not None:
            user.role = role
        if region_id is not None:
            user.region_id = region_id
        if active is not None:
            user.active = active
        after = snapshot(user)
        if after != before:
            said = {"display_name": f"姓名改为{user.display_name}", "role": f"角色改为{ROLE_LABELS[Role(user.role)]}",
                    "region_id": f"所属区划改为{region.name if region else ''}",
                    "active": "启用账号" if user.active else "停用账号"}
            what = "、".join(text for key, text in said.items() if after.get(key) != before.get(key))
            uow.audit("user.update", "users", user.id, before=before, after=after,
                      detail=f"修改用户 {user.username}:{what}" if what else f"修改用户 {user.username}")
            uow.notify("users", user.id)


def reset_password(db: Database, actor: Actor, user_id: int, password: str) -> None:
    """An administrator sets a new password for an account (a forgotten password)."""
    require_role(actor, Role.ADMIN, doing="重置密码")
    problems: dict[str, str] = {}
    _check_password(password, problems)
    if problems:
        raise ValidationFailed(";".join(problems.values()), problems)
    with unit_of_work(db, actor, write=True) as uow:
        user = uow.get(User, user_id, "用户")
        user.password_hash = hash_password(password)
        uow.audit("user.password_reset", "users", user.id, detail=f"重置用户 {user.username} 的密码")
        _unlock(uow, user, "重置密码时")
        uow.notify("users", user.id)


def _unlock(uow: UnitOfWork, user: User, when: str = "") -> bool:
    """Lift the account's lock and forget its wrong passwords; the lifting of a lock is logged.
    Whether it was locked."""
    locked = _state(user).locked(_now(uow.session))
    if locked:
        assert user.locked_until is not None
        uow.audit("user.unlocked", "users", user.id,
                  detail=f"{when}解锁账号 {user.username}(原锁定至 {until_text(user.locked_until)})")
    if user.failed_logins or user.last_failed_login_at is not None or user.locked_until is not None:
        user.failed_logins, user.last_failed_login_at, user.locked_until = 0, None, None
    return locked


def unlock_user(db: Database, actor: Actor, user_id: int) -> bool:
    """An administrator lifts the lock wrong passwords put on an account, before it runs out.
    False when the account is not locked (its wrong passwords so far are forgotten all the same)."""
    require_role(actor, Role.ADMIN, doing="解锁账号")
    with unit_of_work(db, actor, write=True) as uow:
        user = uow.get(User, user_id, "用户")
        if not _unlock(uow, user):
            return False
        uow.notify("users", user.id)
        return True


def _check_current_password(db: Database, user_id: int, password: str) -> str:
    """The current password asked before changing it: a wrong one counts towards the lock as at
    login (someone at a workstation left logged in cannot go on guessing), and a locked account
    cannot change its password until the lock ends or an administrator lifts it. The hash it was
    checked against."""
    with db.session_factory() as session:
        user = session.get(User, user_id)
        if user is None:
            raise ValidationFailed("找不到当前用户。")
        right = None if _state(user).locked(_now(session)) else _verify(user.password_hash, password)
        user = _account_for_update(session, user_id)
        now = _now(session)
        state = _state(user)
        if state.locked(now):
            assert state.locked_until is not None
            raise ValidationFailed(f"连续 {MAX_FAILED_LOGINS} 次密码错误,账号已锁定至 {until_text(state.locked_until)},"
                                   "届时才能修改密码;急需请联系系统管理员解锁。", {"old_password": "账号已锁定"})
        if right is None:
            right = _verify(user.password_hash, password)
        if right:
            return user.password_hash
        after = _count_wrong_password(session, user, state, now, "修改密码失败")
        if after.locked(now):
            assert after.locked_until is not None
            raise ValidationFailed(f"当前密码不正确。连续 {MAX_FAILED_LOGINS} 次密码错误,账号已锁定至 "
                                   f"{until_text(after.locked_until)};退出后在此之前不能再登录,急需请联系系统管理员解锁。",
                                   {"old_password": "不正确,账号已锁定"})
        raise ValidationFailed(f"当前密码不正确。还可再试 {after.tries_left(now)} 次;连续 {MAX_FAILED_LOGINS} 次输错,"
                               f"账号将被锁定 {LOCK_MINUTES} 分钟。", {"old_password": "不正确"})


def change_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """A user changes their own password, giving the current one."""
    if actor.user_id is None:
        raise PermissionDenied("系统账号没有密码。")
    problems: dict[str, str] = {}
    _check_password(new_password, problems)
    if _typed(new_password) == _typed(old_password):
        problems["password"] = "新密码不能与当前密码相同"
    checked = _check_current_password(db, actor.user_id, old_password)
    # Not write=True: every role, the read-only 统计查看人员 too, may change its own password.
    with unit_of_work(db, actor) as uow:
        user = uow.get(User, actor.user_id, "用户")
        if user.password_hash != checked:  # changed on another workstation meanwhile
            raise ValidationFailed("当前密码不正确。", {"old_password": "不正确"})
        if problems:
            raise ValidationFailed(";".join(problems.values()), problems)
        user.password_hash = hash_password(new_password)
        user.failed_logins, user.last_failed_login_at, user.locked_until = 0, None, None
        uow.audit("user.password_change", "users", user.id, detail=f"用户 {user.username} 修改了自己的密码")
        uow.notify("users", user.id)
        uow.commit()


def find_user(db: Database, actor: Actor, username: str) -> UserInfo:
    """An account by its user name (for the command line)."""
    users = list_users(db, actor)
    name = _typed(username).strip()
    for info in users:
        if info.username == name:
            return info
    alike = [info for info in users if info.username.lower() == name.lower()]
    if len(alike) == 1:
        return alike[0]
    raise ValidationFailed(f"没有用户名为“{username}”的用户。", {"username": "不存在"})
