"""Login, roles, region scope, audit and optimistic locking through the unit-of-work helper."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from desktop.models import AuditEntry, Region
from desktop.rules.codes import Role
from desktop.services import auth, regions
from desktop.services.base import unit_of_work
from desktop.services.database import Database
from desktop.services.errors import ConflictError, PermissionDenied, ValidationFailed
from tests.district import PASSWORD, District


def test_login_and_wrong_password(district: District) -> None:
    actor = auth.login(district.db, "admin", PASSWORD)
    assert actor.role == Role.ADMIN and actor.sees_full_id
    with pytest.raises(PermissionDenied, match="用户名或密码不正确"):
        auth.login(district.db, "admin", "wrong")
    with pytest.raises(PermissionDenied):
        auth.login(district.db, "nobody", PASSWORD)


def test_supervisor_cannot_write(district: District) -> None:
    supervisor = district.actor(Role.SUPERVISOR)
    assert not supervisor.sees_full_id
    with pytest.raises(PermissionDenied, match="无权"):
        with unit_of_work(district.db, supervisor, write=True):
            pass


def test_only_admin_adds_users(district: District) -> None:
    with pytest.raises(PermissionDenied):
        auth.add_user(district.db, district.actor(Role.COMMUNITY_WORKER), username="x", password="secret99",
                      role="supervisor")
    with pytest.raises(ValidationFailed, match="已存在"):
        auth.add_user(district.db, district.admin, username="admin", password="secret99", role="supervisor")
    with pytest.raises(ValidationFailed, match="至少"):
        auth.add_user(district.db, district.admin, username="newbie", password="1", role="supervisor")


def test_region_scope(district: District) -> None:
    worker = district.actor(Role.COMMUNITY_WORKER)  # 飞云社区
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道
    with unit_of_work(district.db, worker) as uow:
        assert uow.region_ids() == [district.regions["飞云社区"]]
        assert not uow.in_scope(district.regions["八泉社区"])
        with pytest.raises(PermissionDenied, match="管辖范围"):
            uow.require_scope(district.regions["闸口社区"])
    with unit_of_work(district.db, caseworker) as uow:
        assert set(uow.region_ids() or []) == {district.regions[n] for n in ("八泉街道", "八泉社区", "飞云社区")}
    names = {r.name for r in regions.list_regions(district.db, worker)}
    assert names == {"飞云社区"}


def test_write_is_audited_in_the_same_transaction(district: District) -> None:
    admin = district.admin
    with unit_of_work(district.db, admin, write=True) as uow:
        region = uow.get(Region, district.regions["八泉社区"])
        region.name = "八泉社区(新)"
        uow.touch(region)
        uow.audit("region.rename", "regions", region.id, before={"name": "八泉社区"}, after={"name": region.name})
    with district.db.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "region.rename")).one()
        assert entry.username == "admin" and entry.workstation and entry.at.tzinfo is not None
        assert entry.before == {"name": "八泉社区"}
    # A failing unit of work leaves neither the change nor its audit entry.
    with pytest.raises(RuntimeError):
        with unit_of_work(district.db, admin, write=True) as uow:
            uow.get(Region, district.regions["飞云社区"]).name = "改名"
            uow.audit("region.rename2", "regions", 1)
            raise RuntimeError("boom")
    with district.db.session_factory() as session:
        assert session.scalar(select(Region.name).where(Region.id == district.regions["飞云社区"])) == "飞云社区"
        assert not session.scalars(select(AuditEntry).where(AuditEntry.action == "region.rename2")).all()


def test_stale_version_names_who_saved_first(district: District) -> None:
    db: Database = district.db
    rid = district.regions["闸口社区"]
    with unit_of_work(db, district.admin) as uow:
        seen_version = uow.get(Region, rid).version
    reviewer = district.actor(Role.DISTRICT_REVIEWER)
    with unit_of_work(db, district.admin, write=True) as uow:
        region = uow.get(Region, rid)
        uow.check_version(region, seen_version)
        region.name = "闸口社区A"
        uow.touch(region)
    with pytest.raises(ConflictError) as caught:
        with unit_of_work(db, reviewer, write=True) as uow:
            region = uow.get(Region, rid)
            uow.check_version(region, seen_version)
    assert "测试admin" in caught.value.message
    assert caught.value.info.current["name"] == "闸口社区A"


def test_first_admin_only_once(db: Database) -> None:
    assert not auth.has_users(db)
    actor = auth.create_first_admin(db, username="boss", password="secret123", display_name="主任")
    assert actor.role == Role.ADMIN and actor.region_path
    with pytest.raises(PermissionDenied):
        auth.create_first_admin(db, username="boss2", password="secret123")


def _user(district: District, username: str) -> auth.UserInfo:
    return auth.find_user(district.db, district.admin, username)


def test_edit_stop_and_restart_an_account(district: District) -> None:
    db, admin = district.db, district.admin
    worker = _user(district, "community_worker")
    auth.update_user(db, admin, worker.id, display_name=" 陈晓琴 ", role="subdistrict_caseworker",
                     region_id=district.regions["八泉街道"])
    changed = _user(district, "community_worker")
    assert (changed.display_name, changed.role, changed.region_name) == ("陈晓琴", "subdistrict_caseworker", "八泉街道")
    assert auth.login(db, "community_worker", PASSWORD).region_path.endswith(f"/{district.regions['八泉街道']:08d}/")
    auth.update_user(db, admin, worker.id, active=False)
    with pytest.raises(PermissionDenied, match="已停用"):
        auth.login(db, "community_worker", PASSWORD)
    auth.update_user(db, admin, worker.id, active=True)
    assert auth.login(db, "community_worker", PASSWORD).username == "community_worker"
    with db.session_factory() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "user.update")).all()
        assert len(entries) == 3 and all("password_hash" not in (e.after or {}) for e in entries)
    with pytest.raises(PermissionDenied):
        auth.update_user(db, district.actor(Role.SUBDISTRICT_CASEWORKER), worker.id, active=False)
    with pytest.raises(ValidationFailed, match="姓名不能为空"):
        auth.update_user(db, admin, worker.id, display_name="  ")


def test_the_last_administrator_stays(district: District) -> None:
    db, admin = district.db, district.admin
    me = _user(district, "admin")
    with pytest.raises(ValidationFailed, match="唯一启用的系统管理员"):
        auth.update_user(db, admin, me.id, active=False)
    with pytest.raises(ValidationFailed, match="唯一启用的系统管理员"):
        auth.update_user(db, admin, me.id, role="supervisor")
    reviewer = _user(district, "district_reviewer")
    auth.update_user(db, admin, reviewer.id, role="admin")
    auth.update_user(db, admin, me.id, active=False)  # another administrator is left
    other = auth.login(db, "district_reviewer", PASSWORD)
    assert not auth.find_user(db, other, "admin").active


def test_reset_and_change_password(district: District) -> None:
    db, admin = district.db, district.admin
    worker = _user(district, "community_worker")
    with pytest.raises(ValidationFailed, match="至少"):
        auth.reset_password(db, admin, worker.id, "12")
    with pytest.raises(PermissionDenied):
        auth.reset_password(db, district.actor(Role.COMMUNITY_WORKER), worker.id, "another-secret")
    auth.reset_password(db, admin, worker.id, "temporary1")
    with pytest.raises(PermissionDenied):
        auth.login(db, "community_worker", PASSWORD)
    me = auth.login(db, "community_worker", "temporary1")
    with pytest.raises(ValidationFailed, match="当前密码不正确"):
        auth.change_password(db, me, "wrong", "my-own-secret")
    with pytest.raises(ValidationFailed, match="不能与当前密码相同"):
        auth.change_password(db, me, "temporary1", "temporary1")
    auth.change_password(db, me, "temporary1", "my-own-secret")
    assert auth.login(db, "community_worker", "my-own-secret").username == "community_worker"
    with db.session_factory() as s:
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == worker.id)))
        assert {"user.password_reset", "user.password_change"} <= actions


def test_user_commands(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main as cli_main

    url = district.db.url.render_as_string(hide_password=False)
    assert cli_main(["user", "set", "community_worker", "--name", "陈晓琴", "--region", "八泉社区", "--active", "no",
                     "--database-url", url]) == 0
    assert "已修改用户 community_worker:陈晓琴,社区工作人员,八泉社区,已停用" in capsys.readouterr().out
    assert cli_main(["user", "password", "community_worker", "--password", "fresh-secret", "--database-url", url]) == 0
    assert "已重置" in capsys.readouterr().out
    assert cli_main(["user", "set", "community_worker", "--active", "yes", "--database-url", url]) == 0
    assert auth.login(district.db, "community_worker", "fresh-secret").username == "community_worker"
    assert cli_main(["user", "set", "nobody", "--active", "no", "--database-url", url]) == 1
    assert "没有用户名为“nobody”" in capsys.readouterr().err


def test_every_role_changes_its_own_password(district: District) -> None:
    """统计查看人员 writes nothing else, but must be able to change their own password."""
    supervisor = district.actor(Role.SUPERVISOR)
    auth.change_password(district.db, supervisor, PASSWORD, "viewer-secret")
    assert auth.login(district.db, "supervisor", "viewer-secret").username == "supervisor"
    with pytest.raises(PermissionDenied):
        auth.reset_password(district.db, supervisor, supervisor.user_id, "viewer-secret2")


def test_a_stopped_or_demoted_account_cannot_go_on_working(district: District) -> None:
    """A window opened before the account was stopped (or its role changed) must not keep its rights."""
    db, admin = district.db, district.admin
    reviewer = _user(district, "district_reviewer")
    auth.update_user(db, admin, reviewer.id, role="admin")
    second = auth.login(db, "district_reviewer", PASSWORD)  # now an administrator
    auth.update_user(db, admin, reviewer.id, active=False)
    with pytest.raises(PermissionDenied, match="已停用"):
        auth.reset_password(db, second, _user(district, "admin").id, "taken-over")
    with pytest.raises(PermissionDenied, match="已停用"):
        auth.list_users(db, second)
    auth.update_user(db, admin, reviewer.id, active=True, role="supervisor")
    with pytest.raises(PermissionDenied, match="重新登录"):
        auth.update_user(db, second, _user(district, "admin").id, active=False)
    worker = district.actor(Role.COMMUNITY_WORKER)
    auth.update_user(db, admin, _user(district, "community_worker").id, active=False)
    with pytest.raises(PermissionDenied, match="已停用"):
        auth.change_password(db, worker, PASSWORD, "still-here")
    with pytest.raises(PermissionDenied, match="已停用"):
        with unit_of_work(db, worker, write=True):
            pass
    assert auth.login(db, "admin", PASSWORD).username == "admin"  # the rest goes on
    # moved to another region: the window opened before would still see the old one
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    auth.update_user(db, admin, _user(district, "subdistrict_caseworker").id, region_id=district.regions["河口镇"])
    with pytest.raises(PermissionDenied, match="所属区划已被系统管理员修改"):
        with unit_of_work(db, caseworker):
            pass


def test_two_administrators_stopping_each_other_at_once_leave_one(district: District,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Each checks that another administrator remains, then both commit: none would be left."""
    import threading
    import time

    db, admin = district.db, district.admin
    reviewer = _user(district, "district_reviewer")
    auth.update_user(db, admin, reviewer.id, role="admin")
    second = auth.login(db, "district_reviewer", PASSWORD)
    me = _user(district, "admin")
    real_snapshot = auth.snapshot

    def slow_snapshot(obj):  # noqa: ANN001, ANN202
        time.sleep(0.3)  # both have read the count before either commits
        return real_snapshot(obj)

    monkeypatch.setattr(auth, "snapshot", slow_snapshot)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def stop(actor, user_id) -> None:  # noqa: ANN001
        start.wait()
        try:
            auth.update_user(db, actor, user_id, active=False)
            outcomes.append("stopped")
        except ValidationFailed as exc:
            outcomes.append(exc.message)

    threads = [threading.Thread(target=stop, args=(admin, reviewer.id)),
               threading.Thread(target=stop, args=(second, me.id))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    monkeypatch.setattr(auth, "snapshot", real_snapshot)
    assert outcomes.count("stopped") == 1 and any("唯一" in o for o in outcomes), outcomes
    admins = [u for u in auth.list_users(db, auth.Actor.system()) if u.role == "admin" and u.active]
    assert len(admins) == 1


def test_user_commands_without_a_password_to_read(district: District, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """No --password and nothing to read it from (input closed, as in a script): a plain message, no account."""
    import getpass

    from desktop.cli import main as cli_main

    def closed(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", closed)
    url = district.db.url.render_as_string(hide_password=False)
    assert cli_main(["user", "add", "newcomer", "--role", "supervisor", "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误:") and "--password" in err and "内部错误" not in err
    assert cli_main(["user", "password", "community_worker", "--database-url", url]) == 1
    assert "--password" in capsys.readouterr().err
    with pytest.raises(ValidationFailed):
        auth.find_user(district.db, district.admin, "newcomer")
    assert auth.login(district.db, "community_worker", PASSWORD).username == "community_worker"


def test_user_list_on_a_database_without_accounts(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    from desktop.cli import main as cli_main

    assert cli_main(["user", "list", "--database-url", f"sqlite:///{tmp_path / 'empty.sqlite3'}"]) == 0
    assert "还没有任何用户" in capsys.readouterr().out


@pytest.mark.parametrize(("role", "region", "needs"), [
    ("community_worker", None, "社区工作人员须属于一个社区或村,“西塞山区”是区"),
    ("community_worker", "八泉街道", "社区工作人员须属于一个社区或村,“八泉街道”是街道(镇)"),
    ("subdistrict_caseworker", None, "街道经办人须属于一个街道或镇,“西塞山区”是区"),
    ("subdistrict_caseworker", "飞云社区", "街道经办人须属于一个街道或镇,“飞云社区”是社区(村)"),
    ("district_reviewer", "河口镇", "区级审核员须属于全区(区级区划),“河口镇”是街道(镇)"),
    ("admin", "飞云社区", "系统管理员须属于全区(区级区划)"),
])
def test_an_account_belongs_to_a_region_of_its_roles_level(district: District, role: str, region: str | None,
                                                          needs: str) -> None:
    """A community worker or caseworker added without a region (or at the wrong level) was accepted and
    then saw the whole district (RULES.md §4: access control)."""
    region_id = district.regions[region] if region else None
    with pytest.raises(ValidationFailed, match=re.escape(needs)) as caught:
        auth.add_user(district.db, district.admin, username="newcomer", password=PASSWORD, role=role,
                      region_id=region_id)
    assert ("请指定所属区划" in caught.value.message) == (region is None)  # the command line's default said so
    assert all(u.username != "newcomer" for u in auth.list_users(district.db, district.admin))
    worker = _user(district, "community_worker")
    with pytest.raises(ValidationFailed, match="社区工作人员须属于一个社区或村"):
        auth.update_user(district.db, district.admin, worker.id, region_id=district.regions["八泉街道"])
    with pytest.raises(ValidationFailed, match="街道经办人须属于一个街道或镇"):
        auth.update_user(district.db, district.admin, worker.id, role="subdistrict_caseworker")
    auth.update_user(district.db, district.admin, worker.id, role="subdistrict_caseworker",
                     region_id=district.regions["河口镇"])
    assert _user(district, "community_worker").region_name == "河口镇"
    # the statistics viewer may be given any level; a right-level account is accepted
    auth.add_user(district.db, district.admin, username="leader.bq", password=PASSWORD, role="supervisor",
                  region_id=district.regions["八泉街道"])
    auth.add_user(district.db, district.admin, username="worker-2", password=PASSWORD, role="community_worker",
                  region_id=district.regions["道仕袱村"])


def test_an_account_made_before_the_region_check_can_still_be_stopped(district: District) -> None:
    """A community worker already at the district (made before the check) can be renamed or stopped
    without first choosing a region; changing its role or region asks for the right level."""
    from desktop.models import User

    worker = _user(district, "community_worker")
    with district.db.session_factory() as s:
        s.get(User, worker.id).region_id = district.root_id
        s.commit()
    auth.update_user(district.db, district.admin, worker.id, display_name="老账号", active=False)
    assert (_user(district, "community_worker").display_name, _user(district, "community_worker").active) == (
        "老账号", False)


@pytest.mark.parametrize("name", ["wang li", "王丽", "ｗａｎｇ", "wang\tli", "li/wang", "a+b"])
def test_a_user_name_that_cannot_be_typed_reliably_is_refused(district: District, name: str) -> None:
    with pytest.raises(ValidationFailed, match="用户名只能由英文字母、数字和 . _ - 组成") as caught:
        auth.add_user(district.db, district.admin, username=name, password=PASSWORD, role="supervisor")
    assert list(caught.value.problems) == ["username"]
    assert all(u.username != name for u in auth.list_users(district.db, district.admin))


def test_a_user_name_of_letters_digits_and_dots_is_accepted(district: District) -> None:
    for name in ("wangli", "Wang.Li", "wang_li-2", " spaced "):
        auth.add_user(district.db, district.admin, username=name, password=PASSWORD, role="supervisor")
    assert {"wangli", "Wang.Li", "wang_li-2", "spaced"} <= {u.username for u in auth.list_users(district.db,
                                                                                                district.admin)}


def test_user_names_differing_only_in_case(district: District) -> None:
    """`user add Admin` beside admin made a second account (a Shift slip at the prompt then logged in
    as the other one or failed), and "Admin" at the login prompt was refused for admin, where a
    Windows login takes it. Found trying both on the demo database."""
    db, admin = district.db, district.admin
    with pytest.raises(ValidationFailed, match="只差大小写") as caught:
        auth.add_user(db, admin, username="Admin", password="secret99", role="supervisor")
    assert "username" in caught.value.problems
    assert auth.login(db, "Admin", PASSWORD).username == "admin"
    assert auth.login(db, " ADMIN ", PASSWORD).username == "admin"
    assert auth.find_user(db, admin, "ADMIN").username == "admin"


def test_passwords_as_a_chinese_input_method_types_them(district: District) -> None:
    """A password typed with the input method in full-width mode (ｓｅｃｒｅｔ１２３) was another
    password: set that way, the same password typed half-width was refused, and the other way round.
    A password of six spaces was taken. 200 characters and inner spaces are fine."""
    db, admin = district.db, district.admin
    worker = _user(district, "community_worker")
    auth.reset_password(db, admin, worker.id, "ｓｅｃｒｅｔ　１２３")
    assert auth.login(db, "community_worker", "secret 123").username == "community_worker"
    assert auth.login(db, "ｃｏｍｍｕｎｉｔｙ＿ｗｏｒｋｅｒ", "ｓｅｃｒｅｔ　１２３").username == "community_worker"
    with pytest.raises(PermissionDenied):
        auth.login(db, "community_worker", "secret123")
    for blank in ("      ", "\u3000" * 8):
        with pytest.raises(ValidationFailed, match="全是空格"):
            auth.reset_password(db, admin, worker.id, blank)
    long = "我的密码 " * 40
    auth.reset_password(db, admin, worker.id, long)
    assert len(long) == 200 and auth.login(db, "community_worker", long).username == "community_worker"
    actor = auth.login(db, "community_worker", long)
    with pytest.raises(ValidationFailed, match="不能与当前密码相同"):
        auth.change_password(db, actor, long, "我的密码　" * 40)


def test_a_password_set_before_normalising_still_works_and_is_rehashed(district: District) -> None:
    from argon2 import PasswordHasher

    from desktop.models import User

    db = district.db
    worker = _user(district, "community_worker")
    with db.session_factory() as session:  # as an older version stored it: the full-width text itself
        session.get(User, worker.id).password_hash = PasswordHasher(
            time_cost=1, memory_cost=1024, parallelism=1).hash("ａｂｃ１２３")
        session.commit()
    assert auth.login(db, "community_worker", "ａｂｃ１２３").username == "community_worker"
    assert auth.login(db, "community_worker", "abc123").username == "community_worker"


# -- lockout after wrong passwords (等保: 登录失败处理) ------------------------------------------------
def _refused(db: Database, username: str, password: str) -> auth.LoginRefused:
    with pytest.raises(auth.LoginRefused) as caught:
        auth.login(db, username, password)
    return caught.value


def _lock_state(db: Database, username: str) -> tuple[int, object]:
    from desktop.models import User

    with db.session_factory() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        return user.failed_logins, user.locked_until


def _turn_clock(db: Database, minutes: int) -> None:
    """As if ``minutes`` had passed: every kept time of a failure, a lock or a failed login moves back."""
    from datetime import timedelta

    from sqlalchemy import update

    from desktop.models import User

    with db.session_factory() as s:
        for user in s.scalars(select(User)):
            if user.last_failed_login_at is not None:
                s.execute(update(User).where(User.id == user.id).values(
                    last_failed_login_at=user.last_failed_login_at - timedelta(minutes=minutes),
                    locked_until=user.locked_until - timedelta(minutes=minutes) if user.locked_until else None))
        for entry in s.scalars(select(AuditEntry).where(AuditEntry.action == "user.login_failed")):
            entry.at -= timedelta(minutes=minutes)
        s.commit()


def test_five_wrong_passwords_lock_an_account_for_thirty_minutes(district: District) -> None:
    db = district.db
    for left in (4, 3, 2, 1):
        refused = _refused(db, "community_worker", "wrong")
        assert refused.tries_left == left and f"还可再试 {left} 次" in refused.message
        assert "用户名或密码不正确" in refused.message and "锁定 30 分钟" in refused.message
    locked = _refused(db, "community_worker", "wrong")
    assert locked.tries_left == 0 and locked.locked_until is not None
    assert f"已被锁定至 {auth.until_text(locked.locked_until)}" in locked.message
    assert re.search(r"锁定至 (\d+月\d+日 )?\d\d:\d\d", locked.message) and "系统管理员解锁" in locked.message
    failed, until = _lock_state(db, "community_worker")
    assert failed == 5 and until == locked.locked_until
    minutes = (locked.locked_until - auth.now_utc()).total_seconds() / 60
    assert 29 < minutes <= 30.5
    # locked: the right password is refused too, and nothing lengthens the lock
    again = _refused(db, "community_worker", PASSWORD)
    assert again.locked_until == locked.locked_until and again.message == locked.message
    assert _lock_state(db, "community_worker") == (5, locked.locked_until)
    assert auth.login(db, "admin", PASSWORD).username == "admin"  # other accounts go on
    with db.session_factory() as s:
        logged = s.execute(select(AuditEntry.action, AuditEntry.detail).where(
            AuditEntry.username == "community_worker", AuditEntry.action != "user.login")
            .order_by(AuditEntry.id)).all()
    assert [a for a, _ in logged] == ["user.login_failed"] * 5 + ["user.locked", "user.login_failed"]
    assert logged[4][1] == "登录失败:密码不正确(连续第 5 次)" and "连续 5 次密码错误" in logged[5][1]
    assert "账号已锁定" in logged[6][1]
    # half an hour later the lock has run out: the right password works and the count starts over
    _turn_clock(db, 30)
    assert auth.login(db, "community_worker", PASSWORD).username == "community_worker"
    assert _lock_state(db, "community_worker") == (0, None)


def test_a_successful_login_starts_the_count_over(district: District) -> None:
    db = district.db
    for _ in range(4):
        _refused(db, "community_worker", "wrong")
    auth.login(db, "community_worker", PASSWORD)
    assert _lock_state(db, "community_worker") == (0, None)
    assert [_refused(db, "Community_Worker", "wrong").tries_left for _ in range(4)] == [4, 3, 2, 1]
    # wrong passwords half an hour apart do not add up either
    _turn_clock(db, 30)
    assert _refused(db, "community_worker", "wrong").tries_left == 4


def test_wrong_current_passwords_when_changing_it_count_towards_the_lock(district: District) -> None:
    """Someone at a workstation left logged in cannot go on guessing the password by changing it."""
    db = district.db
    me = auth.login(db, "community_worker", PASSWORD)
    for left in (4, 3, 2, 1):
        with pytest.raises(ValidationFailed, match=f"当前密码不正确。还可再试 {left} 次"):
            auth.change_password(db, me, "wrong", "my-own-secret")
    with pytest.raises(ValidationFailed, match="当前密码不正确。连续 5 次密码错误,账号已锁定至"):
        auth.change_password(db, me, "wrong", "my-own-secret")
    failed, until = _lock_state(db, "community_worker")
    assert failed == 5 and until is not None
    # locked: neither the right password changes it nor does the login work
    with pytest.raises(ValidationFailed, match="账号已锁定至"):
        auth.change_password(db, me, PASSWORD, "my-own-secret")
    assert _refused(db, "community_worker", PASSWORD).locked_until == until
    with db.session_factory() as s:
        details = s.scalars(select(AuditEntry.detail).where(AuditEntry.username == "community_worker",
                                                            AuditEntry.action == "user.login_failed")
                            .order_by(AuditEntry.id)).all()
    assert details[4] == "修改密码失败:密码不正确(连续第 5 次)"
    # once the lock is lifted, a right current password changes it and forgets the wrong ones
    admin = auth.login(db, "admin", PASSWORD)
    auth.unlock_user(db, admin, auth.find_user(db, admin, "community_worker").id)
    with pytest.raises(ValidationFailed, match="还可再试 4 次"):
        auth.change_password(db, me, "wrong", "my-own-secret")
    auth.change_password(db, me, PASSWORD, "my-own-secret")
    assert _lock_state(db, "community_worker") == (0, None)
    assert auth.login(db, "community_worker", "my-own-secret").username == "community_worker"


def test_an_unknown_name_is_answered_as_a_wrong_password_and_locks_nothing(district: District) -> None:
    """Guessing must not tell which names are accounts: the same answers, counted down and locked,
    but no account is made or locked, and no real account's count moves."""
    from sqlalchemy import func

    from desktop.models import User

    db = district.db
    with db.session_factory() as s:
        users_before = s.scalar(select(func.count()).select_from(User))
    known = [_refused(db, "community_worker", "wrong") for _ in range(5)]
    unknown = [_refused(db, "zhang.san" if i % 2 else "Zhang.San", "wrong") for i in range(5)]
    pattern = re.compile(r"\d\d:\d\d|\d+月\d+日")
    assert [pattern.sub("", e.message) for e in unknown] == [pattern.sub("", e.message) for e in known]
    assert [e.tries_left for e in unknown] == [4, 3, 2, 1, 0] and unknown[-1].locked_until is not None
    assert _refused(db, "zhang.san", PASSWORD).locked_until == unknown[-1].locked_until  # still "locked"
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(User)) == users_before
        assert s.scalar(select(func.count()).select_from(User).where(User.failed_logins > 0)) == 1
        assert not s.scalars(select(AuditEntry).where(AuditEntry.action == "user.locked",
                                                      AuditEntry.user_id.is_(None))).all()
        details = set(s.scalars(select(AuditEntry.detail).where(func.lower(AuditEntry.username) == "zhang.san")))
    assert details == {"登录失败:无此用户"}
    # another unknown name has its own count; the "lock" runs out like a real one
    assert _refused(db, "li.si", "wrong").tries_left == 4
    _turn_clock(db, 30)
    assert _refused(db, "zhang.san", "wrong").tries_left == 4


def test_an_administrator_unlocks_and_a_password_reset_unlocks(district: District) -> None:
    db, admin = district.db, district.admin
    worker = _user(district, "community_worker")
    assert not auth.unlock_user(db, admin, worker.id)  # not locked: nothing to do
    for _ in range(5):
        _refused(db, "community_worker", "wrong")
    listed = _user(district, "community_worker")
    assert listed.locked_until is not None and _user(district, "admin").locked_until is None
    with pytest.raises(PermissionDenied):
        auth.unlock_user(db, district.actor(Role.SUBDISTRICT_CASEWORKER), worker.id)
    assert auth.unlock_user(db, admin, worker.id)
    assert _user(district, "community_worker").locked_until is None and _lock_state(db, "community_worker") == (0, None)
    assert auth.login(db, "community_worker", PASSWORD).username == "community_worker"
    for _ in range(5):
        _refused(db, "community_worker", "wrong")
    auth.reset_password(db, admin, worker.id, "temporary1")
    assert auth.login(db, "community_worker", "temporary1").username == "community_worker"
    with db.session_factory() as s:
        entries = s.execute(select(AuditEntry.action, AuditEntry.username, AuditEntry.detail).where(
            AuditEntry.action.in_(["user.locked", "user.unlocked"])).order_by(AuditEntry.id)).all()
    assert [(a, u) for a, u, _ in entries] == [("user.locked", "community_worker"), ("user.unlocked", "admin"),
                                              ("user.locked", "community_worker"), ("user.unlocked", "admin")]
    assert entries[1][2].startswith("解锁账号 community_worker(原锁定至 ")
    assert entries[3][2].startswith("重置密码时解锁账号 community_worker")
    from desktop.services import audit

    labels = {r.action: r.action_label for r in audit.list_entries(db, admin, audit.AuditFilter(group="login"))}
    assert (labels["user.locked"], labels["user.unlocked"]) == ("账号锁定", "解锁账号")


def test_two_wrong_passwords_at_once_on_two_workstations_both_count(district: District,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Each reads the count before the other writes it: both would write 1."""
    import threading
    import time

    from desktop.rules import lockout

    db = district.db
    for _ in range(3):
        _refused(db, "community_worker", "wrong")
    real = lockout.after_failure

    def slow(state, now):  # noqa: ANN001, ANN202
        time.sleep(0.3)
        return real(state, now)

    monkeypatch.setattr(auth.lockout, "after_failure", slow)
    start = threading.Barrier(2)
    answers: list[int | None] = []

    def guess() -> None:
        start.wait()
        try:
            auth.login(db, "community_worker", "wrong")
        except auth.LoginRefused as exc:
            answers.append(exc.tries_left)

    threads = [threading.Thread(target=guess) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(answers) == [0, 1]  # the fifth locks
    failed, until = _lock_state(db, "community_worker")
    assert failed == 5 and until is not None


def test_the_lock_runs_on_the_database_clock_on_a_shared_database(district: District,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A workstation whose clock is two hours off must not shorten or lengthen another's lock: on
    PostgreSQL the server's time counts; an SQLite file has one computer's clock anyway."""
    from datetime import timedelta

    real_now = auth.now_utc()
    monkeypatch.setattr(auth, "now_utc", lambda: real_now + timedelta(hours=2))
    for _ in range(5):
        locked = _refused(district.db, "community_worker", "wrong")
    assert locked.locked_until is not None
    expected = real_now if not district.db.is_sqlite else real_now + timedelta(hours=2)
    assert abs(locked.locked_until - expected - timedelta(minutes=30)) < timedelta(minutes=1)


def test_the_end_of_a_lock_reads_as_a_time_of_day() -> None:
    from datetime import datetime, timedelta

    today = datetime.now().astimezone()
    assert auth.until_text(today.replace(hour=14, minute=34, second=10)) == "14:35"  # free from 14:35
    assert auth.until_text(today.replace(hour=9, minute=5, second=0, microsecond=0)) == "09:05"
    tomorrow = (today + timedelta(days=1)).replace(hour=0, minute=20, second=0, microsecond=0)
    assert auth.until_text(tomorrow) == f"{tomorrow.month}月{tomorrow.day}日 00:20"


def test_user_unlock_command_and_the_lock_in_the_list(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli import main as cli_main

    url = district.db.url.render_as_string(hide_password=False)
    for _ in range(5):
        _refused(district.db, "community_worker", "wrong")
    assert cli_main(["user", "list", "--database-url", url]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "\tcommunity_worker\t" in x)
    assert re.search(r"已锁定至 (\d+月\d+日 )?\d\d:\d\d,可用 user unlock 解锁", line)
    assert cli_main(["user", "unlock", "community_worker", "--database-url", url]) == 0
    assert "已解锁用户 community_worker" in capsys.readouterr().out
    assert auth.login(district.db, "community_worker", PASSWORD).username == "community_worker"
    assert cli_main(["user", "unlock", "community_worker", "--database-url", url]) == 0
    assert "没有被锁定" in capsys.readouterr().out
    assert cli_main(["user", "unlock", "nobody", "--database-url", url]) == 1
    assert "没有用户名为“nobody”" in capsys.readouterr().err


def test_a_database_before_the_lockout_is_upgraded_with_its_accounts(district: District) -> None:
    """Migration 0008 adds the count and the lock to the accounts a database already has."""
    from sqlalchemy import inspect

    from desktop.services import database

    db = district.db
    database.downgrade(db, "0007")
    assert "locked_until" not in {c["name"] for c in inspect(db.engine).get_columns("users")}
    database.migrate(db)
    assert database.current_revision(db) == database.head_revision()
    assert _lock_state(db, "community_worker") == (0, None)
    assert _refused(db, "community_worker", "wrong").tries_left == 4
    assert auth.login(db, "community_worker", PASSWORD).username == "community_worker"
