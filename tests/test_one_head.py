"""At most one head (本人) per household, kept by the database (migration 0009's partial unique index
on members(household_id) WHERE relation = 'self'), on both databases.

The services kept one head, but nothing below them did: two workstations on one shared database, or
a bug, could leave two. Now the database refuses a second head; every path that changes heads writes
the former head before the new one (a flush writes a table's rows in the order of their ids, so the
new head could come first); a second head refused because another workstation changed the household
meanwhile is the usual conflict, naming who saved it; and the migration puts right the households
that have two heads already, keeping the one the program shows and saying so in the audit log."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, inspect, select, update
from sqlalchemy.exc import IntegrityError

from desktop.models import AuditEntry, Household, Member
from desktop.models.household import ONE_HEAD_INDEX
from desktop.rules import idcard
from desktop.rules.codes import Relation, Role
from desktop.services import audit, base
from desktop.services import households as hs
from desktop.services import register_import as ri
from desktop.services.database import (
    Database,
    current_revision,
    downgrade,
    head_revision,
    migrate,
    open_database,
)
from desktop.services.errors import ConflictError
from tests.district import District
from tests.test_import_register import H1, H1_CHILD, H1_SPOUSE, H2, row, write_register

FATHER = idcard.make("420203", date(1970, 1, 1), 13)
REGION = dict(街道="八泉街道", 社区="飞云社区")


def _numbers(area: str) -> dict[str, str]:
    """The family's ID numbers, registered in ``area`` (another area: another family of the same names)."""
    return {"张父": idcard.make(area, date(1970, 1, 1), 13), "张母": idcard.make(area, date(1972, 3, 4), 22),
            "张子": idcard.make(area, date(1996, 5, 6), 31), "张女": idcard.make(area, date(2001, 7, 8), 42)}


def _family(d: District, *, code: str | None = None, area: str = "420203") -> tuple[int, dict[str, int]]:
    """张父 (head), 张母 (spouse), 张子 and 张女 (children) in 飞云社区: the household and the member ids."""
    numbers = _numbers(area)
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["飞云社区"], address="飞云路9号", code=code,
                              head={"name": "张父", "id_number": numbers["张父"]})
    version = hs.get_household(d.db, d.admin, hid).version
    for name, relation in (("张母", Relation.SPOUSE), ("张子", Relation.CHILD), ("张女", Relation.CHILD)):
        _mid, version = hs.add_member(d.db, d.admin, hid, version, {"name": name, "id_number": numbers[name],
                                                                    "relation": relation})
    return hid, {m.name: m.id for m in hs.get_household(d.db, d.admin, hid).members}


def _headless(d: District, *, area: str = "420203") -> tuple[int, dict[str, int]]:
    """The family without a head, as the old member editor could leave a household."""
    hid, ids = _family(d, area=area)
    with d.db.engine.begin() as conn:
        conn.execute(update(Member).where(Member.id == ids["张父"]).values(relation=Relation.OTHER))
        conn.execute(update(Household).where(Household.id == hid).values(head_name="", head_id_number=None,
                                                                         head_id_reversed=None))
    return hid, ids


def _heads(db: Database, hid: int) -> list[str]:
    with db.session_factory() as s:
        return list(s.scalars(select(Member.name).where(Member.household_id == hid, Member.relation == Relation.SELF)))


def _relations(db: Database, hid: int) -> dict[str, str]:
    with db.session_factory() as s:
        return dict(s.execute(select(Member.name, Member.relation).where(Member.household_id == hid)).all())


def _other_workstation(db: Database) -> Database:
    return open_database(db.url.render_as_string(hide_password=False))


# -- the index ------------------------------------------------------------------------------------


def test_the_database_refuses_a_second_head(district: District) -> None:
    """Written past the services (another program, a bug): refused by the database itself; through a
    unit of work, the refusal is a conflict, not a crash. A household without a head is allowed."""
    db = district.db
    hid, ids = _family(district)
    with db.session_factory() as s, pytest.raises(IntegrityError):
        s.execute(update(Member).where(Member.id == ids["张子"]).values(relation=Relation.SELF))
    with pytest.raises(ConflictError, match="本次没有保存"):
        with base.unit_of_work(db, district.admin, write=True) as uow:
            uow.session.get(Member, ids["张女"]).relation = Relation.SELF
            uow.flush()
    assert _heads(db, hid) == ["张父"]
    with db.engine.begin() as conn:  # no head at all: the index has nothing to say
        conn.execute(update(Member).where(Member.id == ids["张父"]).values(relation=Relation.PARENT))
    assert _heads(db, hid) == []
    index = next(i for i in inspect(db.engine).get_indexes("members") if i["name"] == ONE_HEAD_INDEX)
    assert index["unique"] and index["column_names"] == ["household_id"]


# -- writing the former head first ---------------------------------------------------------------------


def test_the_head_changed_back_to_a_member_registered_before(district: District) -> None:
    """The son made head, then the father again: the father's row comes first by id, and was written
    first, while the son was still head."""
    db, admin = district.db, district.admin
    hid, ids = _family(district)
    version = hs.get_household(db, admin, hid).version
    version = hs.change_head(db, admin, hid, version, ids["张子"], Relation.PARENT,
                             {ids["张母"]: Relation.PARENT, ids["张女"]: Relation.SIBLING})
    assert _heads(db, hid) == ["张子"]
    version = hs.change_head(db, admin, hid, version, ids["张父"], Relation.CHILD,
                             {ids["张母"]: Relation.SPOUSE, ids["张女"]: Relation.CHILD})
    assert _relations(db, hid) == {"张父": "self", "张母": "spouse", "张子": "child", "张女": "child"}
    detail = hs.get_household(db, admin, hid)
    assert (detail.head_name, detail.version) == ("张父", version)
    assert [e.title for e in detail.audit].count("更换户主") == 2


def test_a_register_swapping_heads_lists_the_new_head_first(db: Database, district: District,
                                                           tmp_path: Path) -> None:
    """A re-sent register with the new head on the first row of the household, as registers are
    written: the members are written in the file's order, so the new head came before the former."""
    ri.import_households(db, district.admin, write_register(tmp_path / "a.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **REGION),
        row(户编号="M1", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
    ]))
    result = ri.import_households(db, district.admin, write_register(tmp_path / "b.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵小", 身份证号=H1_CHILD, **REGION),
        row(户编号="M1", 与户主关系="父母", 姓名="赵大", 身份证号=H1),
    ]))
    assert result.errors == [] and result.households_updated == 1
    with db.session_factory() as s:
        h = s.scalar(select(Household).where(Household.code == "M1"))
        assert (h.head_name, h.head_id_number, h.member_count) == ("赵小", H1_CHILD, 2)
    assert _relations(db, h.id) == {"赵大": "parent", "赵小": "self"}


def test_a_register_naming_a_new_person_head_and_moving_a_head(db: Database, district: District,
                                                               tmp_path: Path) -> None:
    """A person not registered yet becomes M1's head, its former head staying as spouse; M2's head
    moves to head M3 (分户), whose head stays as a member."""
    ri.import_households(db, district.admin, write_register(tmp_path / "a.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **REGION),
        row(户编号="M2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **REGION),
        row(户编号="M2", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
        row(户编号="M3", 与户主关系="本人", 姓名="张父", 身份证号=FATHER, **REGION),
    ]))
    result = ri.import_households(db, district.admin, write_register(tmp_path / "b.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="钱二", 身份证号=H1_SPOUSE, **REGION),
        row(户编号="M1", 与户主关系="配偶", 姓名="赵大", 身份证号=H1),
        row(户编号="M3", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **REGION),
        row(户编号="M3", 与户主关系="其他", 姓名="张父", 身份证号=FATHER),
        row(户编号="M2", 与户主关系="本人", 姓名="赵小", 身份证号=H1_CHILD, **REGION),
    ]))
    assert result.errors == [] and (result.households_created, result.households_updated) == (0, 3)
    with db.session_factory() as s:
        homes = dict(s.execute(select(Household.code, Household.id)).all())
        heads = dict(s.execute(select(Household.code, Household.head_name)).all())
    assert heads == {"M1": "钱二", "M2": "赵小", "M3": "孙三"}
    assert _relations(db, homes["M1"]) == {"钱二": "self", "赵大": "spouse"}
    assert _relations(db, homes["M2"]) == {"赵小": "self"}
    assert _relations(db, homes["M3"]) == {"孙三": "self", "张父": "other"}


# -- two workstations at once ------------------------------------------------------------------------


@contextlib.contextmanager
def _saved_first_elsewhere(d: District, hid: int, new_head: int, old_head_relation: str | None = None,
                           relations: dict[int, str] | None = None) -> Iterator[None]:
    """Within the block, another workstation (the district reviewer) makes ``new_head`` the head
    and saves, right before this workstation's first write: after this one's reading and checks."""
    other = _other_workstation(d.db)
    reviewer = d.actor(Role.DISTRICT_REVIEWER)

    def the_other_saves_first(*_: object) -> None:
        version = hs.get_household(other, reviewer, hid).version
        hs.change_head(other, reviewer, hid, version, new_head, old_head_relation, relations)

    event.listen(d.db.session_factory, "before_flush", the_other_saves_first, once=True)
    try:
        yield
    finally:
        if event.contains(d.db.session_factory, "before_flush", the_other_saves_first):
            event.remove(d.db.session_factory, "before_flush", the_other_saves_first)
        other.dispose()


def test_two_workstations_changing_the_head_at_once(district: District) -> None:
    """Both read the household with 张父 as head; the other makes 张女 head first. This one's change
    (张子) is a conflict naming who saved first, and the household keeps the one head saved."""
    db = district.db
    hid, ids = _family(district)
    version = hs.get_household(db, district.admin, hid).version
    with _saved_first_elsewhere(district, hid, ids["张女"], Relation.PARENT,
                                {ids["张母"]: Relation.PARENT, ids["张子"]: Relation.SIBLING}):
        with pytest.raises(ConflictError, match="测试district_reviewer.*于 20"):
            hs.change_head(db, district.admin, hid, version, ids["张子"], Relation.PARENT,
                           {ids["张母"]: Relation.PARENT, ids["张女"]: Relation.SIBLING})
    assert _relations(db, hid) == {"张父": "parent", "张母": "parent", "张子": "sibling", "张女": "self"}
    assert hs.get_household(db, district.admin, hid).head_name == "张女"


def test_a_household_without_a_head_given_one_on_two_workstations_at_once(district: District) -> None:
    """No former head to meet: both only write their new head, and the database's index is what
    stops the second. Its refusal is the conflict a version check gives, naming who saved first
    (it was a plain "same content saved elsewhere")."""
    db = district.db
    hid, ids = _headless(district)
    version = hs.get_household(db, district.admin, hid).version
    with _saved_first_elsewhere(district, hid, ids["张母"]):
        with pytest.raises(ConflictError, match="测试district_reviewer.*于 20") as err:
            hs.change_head(db, district.admin, hid, version, ids["张父"], None)
    assert err.value.info.entity.startswith("户 ") and err.value.info.current["head_name"] == "张母"
    assert _heads(db, hid) == ["张母"]


def test_a_member_made_head_while_another_workstation_gave_the_household_one(district: District) -> None:
    """The member editor's save (本人 on a household without a head): its check found no head, the
    other workstation's change of head came between the check and the write."""
    db = district.db
    hid, ids = _headless(district)
    detail = hs.get_household(db, district.admin, hid)
    son = next(m for m in detail.members if m.name == "张子")
    with _saved_first_elsewhere(district, hid, ids["张父"]):
        with pytest.raises(ConflictError, match="测试district_reviewer"):
            hs.update_member(db, district.admin, son.id, son.version, {"relation": Relation.SELF},
                             household_version=detail.version)
    assert _heads(db, hid) == ["张父"]


def test_two_workstations_pressing_change_head_together(district: District) -> None:
    """On the shared server, really at once: one saves, the other is told who did; one head."""
    from tests.test_workstations import _at_once

    db = district.db
    if db.is_sqlite:
        pytest.skip("one writer at a time on SQLite: the second waits for the first (the cases above)")
    other = _other_workstation(db)
    hid, ids = _family(district)
    version = hs.get_household(db, district.admin, hid).version
    reviewer = district.actor(Role.DISTRICT_REVIEWER)
    try:
        outcomes = _at_once(
            lambda: hs.change_head(db, district.admin, hid, version, ids["张子"], Relation.PARENT),
            lambda: hs.change_head(other, reviewer, hid, version, ids["张女"], Relation.PARENT))
    finally:
        other.dispose()
    assert sorted(type(o).__name__ for o in outcomes) == ["ConflictError", "int"]
    assert _heads(db, hid) == [["张子", "张女"][[type(o) for o in outcomes].index(int)]]


# -- the migration -------------------------------------------------------------------------------------


def test_the_migration_keeps_the_head_shown_and_says_what_it_changed(district: District,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    """A database of revision 0008 with two heads in a household (and three in another): the upgrade
    keeps the head the program shows (the household's head_id_number; the first registered when
    none of them is that one), makes the others 其他, writes each change to the audit log and a
    warning to the log, and creates the index. Households with one head or none are not touched."""
    db, admin = district.db, district.admin
    two, two_ids = _family(district, code="R1")
    three, three_ids = _family(district, code="R2", area="420204")
    one, _ = _family(district, code="R3", area="420205")
    none, _ = _headless(district, area="420222")
    downgrade(db, "0008")
    try:
        assert current_revision(db) == "0008"
        with db.engine.begin() as conn:
            # R1: the son registered as 本人 too (the father is the head shown)
            conn.execute(update(Member).where(Member.id == two_ids["张子"]).values(relation=Relation.SELF))
            # R2: three heads, none of them the one the household names (a stale copy): the first kept
            conn.execute(update(Member).where(Member.id.in_([three_ids["张母"], three_ids["张女"]]))
                         .values(relation=Relation.SELF))
            conn.execute(update(Household).where(Household.id == three).values(head_name="旧户主",
                                                                                head_id_number="x"))
            versions = dict(conn.execute(select(Household.id, Household.version)).all())
            entries_before = conn.execute(select(func.count()).select_from(AuditEntry)).scalar()
        with caplog.at_level(logging.WARNING, logger="relief_desk"):
            migrate(db)
    finally:
        if current_revision(db) != head_revision():
            migrate(db)
    assert current_revision(db) == head_revision()
    assert _relations(db, two) == {"张父": "self", "张母": "spouse", "张子": "other", "张女": "child"}
    assert _relations(db, three) == {"张父": "self", "张母": "other", "张子": "child", "张女": "other"}
    assert _heads(db, one) == ["张父"] and _heads(db, none) == []
    with db.session_factory() as s:
        now = dict(s.execute(select(Household.id, Household.version)).all())
        fixed = s.get(Household, three)
        father = _numbers("420204")["张父"]
        assert (fixed.head_name, fixed.head_id_number, fixed.head_id_reversed) == ("张父", father, father[::-1])
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == entries_before + 3
    assert now == {**versions, two: versions[two] + 1, three: versions[three] + 1}
    # what an administrator sees: 操作日志 (among 家庭档案), and each household's own history
    rows = audit.list_entries(db, admin, audit.AuditFilter(group="households", text="重复户主"))
    # the member named with the household it is in (session 38)
    assert sorted((r.household_id, r.target) for r in rows) == sorted([
        (two, "家庭成员 张子 张父户(户编号 R1)"), (three, "家庭成员 张母 张父户(户编号 R2)"),
        (three, "家庭成员 张女 张父户(户编号 R2)")])
    son = next(r for r in rows if r.target.startswith("家庭成员 张子"))
    assert son.action_label == "升级时更正重复户主" and son.username == "system"
    assert [(c.label, c.before, c.after) for c in son.changes] == [("与户主关系", "本人", "其他")]
    assert son.detail == ("数据库升级(一户只能有一位户主):户编号 R1 有 2 位“本人”(张父、张子),保留户主列表显示的"
                          " 张父 为户主,张子 的与户主关系改为“其他”;请核对后在家庭档案中改为正确的关系")
    assert [e.title for e in hs.get_household(db, admin, two).audit].count("升级时更正重复户主") == 1
    warnings = [r.getMessage() for r in caplog.records if r.name == "relief_desk.migrations"]
    assert len(warnings) == 1 and "2 户有不止一位户主" in warnings[0] and "其余 3 人" in warnings[0]
    # and from now on the database refuses a second head
    with db.session_factory() as s, pytest.raises(IntegrityError):
        s.execute(update(Member).where(Member.id == two_ids["张子"]).values(relation=Relation.SELF))


def test_the_migration_with_nothing_to_repair_writes_nothing(district: District,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    db = district.db
    _family(district)
    downgrade(db, "0008")
    with db.engine.connect() as conn:
        entries = conn.execute(select(func.count()).select_from(AuditEntry)).scalar()
    with caplog.at_level(logging.WARNING, logger="relief_desk"):
        migrate(db)
    assert current_revision(db) == head_revision()
    assert not [r for r in caplog.records if r.name == "relief_desk.migrations"]
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(AuditEntry)).scalar() == entries
    hid, ids = _family(district, area="420204")
    with db.session_factory() as s, pytest.raises(IntegrityError):  # the index is back
        s.execute(update(Member).where(Member.id == ids["张母"]).values(relation=Relation.SELF))
    assert _heads(db, hid) == ["张父"]


# -- the window ----------------------------------------------------------------------------------------


def test_the_member_window_shows_the_conflict_dialog(qtbot, sqlite_district: District,  # noqa: ANN001
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The member editor saving 本人 on a household without a head, given a head meanwhile on another
    workstation: the conflict dialog naming who saved (it was an error box: "saved elsewhere"),
    the input kept."""
    from desktop.views import household_detail
    from desktop.views.context import AppContext
    from desktop.views.household_detail import HouseholdDetailDialog, MemberDialog
    from tests.test_households_view import answer_dialog

    d = sqlite_district
    hid, ids = _headless(d)
    detail = HouseholdDetailDialog(AppContext(d.db, d.admin), hid)
    qtbot.addWidget(detail)
    dialog = MemberDialog(detail, next(m for m in detail.current.members if m.name == "张子"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.SELF))
    assert dialog.problems.text() == ""
    seen: list = []
    answer_dialog(qtbot, lambda dlg: dlg.keep_button.click(), seen)
    errors: list[str] = []
    monkeypatch.setattr(household_detail, "show_error", lambda _parent, exc: errors.append(str(exc)))
    try:
        with _saved_first_elsewhere(d, hid, ids["张父"]):
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        kept = dialog.isVisible() and dialog.relation.currentData() == Relation.SELF
    finally:
        dialog.mark_unchanged()  # closed at the end without the question to discard
    assert errors == [] and len(seen) == 1
    message, rows = seen[0]
    assert "测试district_reviewer" in message
    assert rows == [("与户主关系", "子女", "本人")]
    assert kept
    assert _heads(d.db, hid) == ["张父"]
