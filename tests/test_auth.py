"""Login, roles, region scope, audit and optimistic locking through the unit-of-work helper."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.models import AuditEntry, Region
from desktop.rules.codes import Role
from desktop.services import auth
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
    names = {r.name for r in auth.list_regions(district.db, worker)}
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
