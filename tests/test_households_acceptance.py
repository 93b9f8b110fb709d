"""Issue 3's acceptance, end to end: seven households entered through the register import (the way an
office starts), then the household browser checked through the real window and the services against
figures counted by hand below — every filter and search alone and in combination with the count line,
sorting, the detail exactly as entered, editing (saved, audited with before and after), two
workstations editing one household at once (on SQLite and PostgreSQL), export (filters applied, every
row, the columns as chosen, number formats), validation messages naming the field, and a community
worker who sees only their community.

    code  community  head (born, ID seq)      others                        address             phone        category library
    F01   八泉社区   张建国 (1970-05-01, 11)    李秀英 spouse, 张小明 child    八泉路12号          13800000001  低保     一类库
    F02   八泉社区   张伟 (1980-01-01, 41)                                   颐阳路5号           13800000002  无       二类库
    F03   飞云社区   王芳 (1955-07-07, 52)                                   飞云路8号3栋        13900000003  特困     无 (救助中)
    F04   飞云社区   李明 (1990-12-12, 61)      李小红 child                  颐阳路7号           13900000004  低保     一类库
    F05   闸口社区   赵强 (1965-02-02, 71)                                   闸口村3组           15800000005  无       二类库
    F06   道仕袱村   钱丽 (1975-06-06, 82)                                   道仕袱村5组         15800000006  无       无
    F07   道仕袱村   张丽华 (1985-08-08, 92)                                 道仕袱村八泉路3号   15800000007  特困     一类库

F01's head has wages 24000 and medical costs 8000, is 慢性病; the spouse is 肢体 二级 with no labour
capacity and a transfer income of 3600; the child is in 义务教育 with education costs 2000. A 特困
household given no library class is put on the board as 救助中 by the import (F03); F06 is off the board.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import households as hs
from desktop.services import register_import as ri
from desktop.services.errors import ConflictError, PermissionDenied, ValidationFailed
from tests.district import District
from tests.test_import_register import row, write_register


def _id(born: str, seq: int) -> str:
    return idcard.make("420203", date.fromisoformat(born), seq)


IDS = {
    "张建国": _id("1970-05-01", 11), "李秀英": _id("1972-03-08", 22), "张小明": _id("2012-09-01", 31),
    "张伟": _id("1980-01-01", 41), "王芳": _id("1955-07-07", 52), "李明": _id("1990-12-12", 61),
    "李小红": _id("2015-04-04", 62), "赵强": _id("1965-02-02", 71), "钱丽": _id("1975-06-06", 82),
    "张丽华": _id("1985-08-08", 92),
}

# The households as entered (the hand count below is worked from this table, not from the database).
H = {  # code: (sub-district, community, head, address, phone, category, library, members)
    "F01": ("八泉街道", "八泉社区", "张建国", "八泉路12号", "13800000001", "dibao", "class_1", 3),
    "F02": ("八泉街道", "八泉社区", "张伟", "颐阳路5号", "13800000002", "none", "class_2", 1),
    "F03": ("八泉街道", "飞云社区", "王芳", "飞云路8号3栋", "13900000003", "tekun", "assisted", 1),
    "F04": ("八泉街道", "飞云社区", "李明", "颐阳路7号", "13900000004", "dibao", "class_1", 2),
    "F05": ("河口镇", "闸口社区", "赵强", "闸口村3组", "15800000005", "none", "class_2", 1),
    "F06": ("河口镇", "道仕袱村", "钱丽", "道仕袱村5组", "15800000006", "none", None, 1),
    "F07": ("河口镇", "道仕袱村", "张丽华", "道仕袱村八泉路3号", "15800000007", "tekun", "class_1", 1),
}
CATEGORY_WORDS = {"dibao": "低保", "tekun": "特困", "none": "无"}
LIBRARY_WORDS = {"class_1": "一类库", "class_2": "二类库"}  # anything else: 无


def _register(path: Path) -> Path:
    rows = []
    for code, (sub, community, head, address, phone, category, library, _n) in H.items():
        area = "农村" if sub == "河口镇" else "城市"
        extra: dict[str, Any] = {}
        if code == "F01":
            extra = {"健康状况": "慢性病", "工资性收入": 24000, "医疗支出": 8000}
        rows.append(row(户编号=code, 与户主关系="本人", 姓名=head, 身份证号=IDS[head], 街道=sub, 社区=community,
                        住址=address, 联系电话=phone, 城乡类别=area, 当前救助类别=CATEGORY_WORDS[category],
                        监测库别=LIBRARY_WORDS.get(library, "无"), **extra))
        if code == "F01":
            rows.append(row(户编号=code, 与户主关系="配偶", 姓名="李秀英", 身份证号=IDS["李秀英"], 残疾类别="肢体",
                            残疾等级="二级", 劳动能力="无", 转移净收入=3600))
            rows.append(row(户编号=code, 与户主关系="子女", 姓名="张小明", 身份证号=IDS["张小明"], 在校情况="义务教育",
                            教育支出=2000))
        if code == "F04":
            rows.append(row(户编号=code, 与户主关系="子女", 姓名="李小红", 身份证号=IDS["李小红"]))
    return write_register(path, rows)


@pytest.fixture
def registry(district: District, tmp_path: Path) -> dict[str, int]:
    """code → household id, imported through the register import."""
    result = ri.import_households(district.db, district.admin, _register(tmp_path / "台账.xlsx"))
    assert result.batch_id and not result.errors, result
    with district.db.session_factory() as s:
        from desktop.models import Household

        ids = {code: hid for code, hid in s.query(Household.code, Household.id)}
    assert sorted(ids) == sorted(H)
    return ids


def _expected(flt: hs.HouseholdFilter, district: District, scope: str | None = None) -> list[str]:
    """The households of the table above that a filter keeps (codes in registration order)."""
    region = None
    if flt.region_id is not None:
        region = next(name for name, rid in district.regions.items() if rid == flt.region_id)
    out = []
    for code, (sub, community, head, address, phone, category, library, _n) in H.items():
        if scope and scope not in (sub, community):
            continue
        if region and region not in ("西塞山区", sub, community):
            continue
        if flt.stage == hs.NO_STAGE and library is not None or flt.stage not in (None, hs.NO_STAGE) and library != flt.stage:
            continue
        if flt.category and category != flt.category:
            continue
        if flt.status == "on_board" and library is None or flt.status == "not_on_board" and library is not None:
            continue
        text = flt.search
        if text:
            numbers = [IDS[n] for n in IDS if n == head or (code == "F01" and n in ("李秀英", "张小明"))
                       or (code == "F04" and n == "李小红")]
            plan = hs.plan_search(text)
            if plan.kind == "name" and not head.startswith(text):
                continue
            if plan.kind == "id" and text not in numbers:
                continue
            if plan.kind == "id_tail" and not IDS[head].endswith(text):
                continue
            if plan.kind == "phone" and not phone.startswith(text):
                continue
            if plan.kind == "address" and text not in address:
                continue
            if plan.kind == "name_or_address" and not head.startswith(text) and text not in address:
                continue
        out.append(code)
    return out


# Hand-counted cases (each also checked against the table by _expected, so the two agree).
HAND = [
    ({}, ["F01", "F02", "F03", "F04", "F05", "F06", "F07"]),
    ({"search": "张"}, ["F01", "F02", "F07"]),  # heads only: 张小明 is a child
    ({"search": "张丽"}, ["F07"]),
    ({"search": IDS["李秀英"]}, ["F01"]),  # a member's full number finds the household
    ({"search": IDS["王芳"][-4:]}, ["F03"]),
    ({"search": IDS["赵强"][-6:]}, ["F05"]),
    ({"search": "1390000"}, ["F03", "F04"]),
    ({"search": "八泉路"}, ["F01", "F07"]),  # an address in another sub-district too
    ({"search": "颐阳路"}, ["F02", "F04"]),
    ({"region": "八泉街道"}, ["F01", "F02", "F03", "F04"]),
    ({"region": "飞云社区"}, ["F03", "F04"]),
    ({"region": "河口镇"}, ["F05", "F06", "F07"]),
    ({"stage": "class_1"}, ["F01", "F04", "F07"]),
    ({"stage": "class_2"}, ["F02", "F05"]),
    ({"stage": hs.NO_STAGE}, ["F06"]),
    ({"stage": "assisted"}, ["F03"]),
    ({"category": "dibao"}, ["F01", "F04"]),
    ({"category": "none"}, ["F02", "F05", "F06"]),
    ({"category": "tekun"}, ["F03", "F07"]),
    ({"status": "on_board"}, ["F01", "F02", "F03", "F04", "F05", "F07"]),
    ({"status": "not_on_board"}, ["F06"]),
    ({"region": "八泉街道", "stage": "class_1"}, ["F01", "F04"]),
    ({"region": "八泉街道", "search": "张"}, ["F01", "F02"]),
    ({"region": "河口镇", "search": "张"}, ["F07"]),
    ({"region": "飞云社区", "search": "张"}, []),
    ({"search": "颐阳路", "stage": "class_1"}, ["F04"]),
    ({"category": "tekun", "stage": "class_1"}, ["F07"]),
    ({"region": "河口镇", "category": "none", "status": "not_on_board"}, ["F06"]),
    ({"region": "八泉街道", "category": "dibao", "stage": "class_1", "search": "李"}, ["F04"]),
]


def _filter(district: District, spec: dict[str, Any]) -> hs.HouseholdFilter:
    spec = dict(spec)
    region = spec.pop("region", None)
    return hs.HouseholdFilter(region_id=district.regions[region] if region else None, **spec)


def _codes(rows: list[hs.HouseholdRow]) -> list[str]:
    return [r.code for r in rows]


def test_every_filter_and_search_gives_the_hand_counted_households(district: District,
                                                                  registry: dict[str, int]) -> None:
    d = district
    for spec, codes in HAND:
        flt = _filter(d, spec)
        assert _expected(flt, d) == codes, spec  # the hand count agrees with the table
        total, rows = hs.list_households(d.db, d.admin, flt)
        assert (total, _codes(rows)) == (len(codes), codes), spec
    # Every combination of the lists with a few searches, against the table.
    regions = [None, "八泉街道", "飞云社区", "河口镇", "道仕袱村"]
    for region in regions:
        for stage in (None, "class_1", "class_2", "assisted", hs.NO_STAGE):
            for category in (None, "dibao", "tekun", "none"):
                for status in (None, "on_board", "not_on_board"):
                    for search in ("", "张", "颐阳路", "1380000", IDS["李明"][-5:]):
                        flt = _filter(d, {"region": region, "stage": stage, "category": category,
                                          "status": status, "search": search})
                        total, rows = hs.list_households(d.db, d.admin, flt)
                        assert (total, _codes(rows)) == (len(_expected(flt, d)), _expected(flt, d)), flt


def test_sorting_by_each_column(district: District, registry: dict[str, int]) -> None:
    d = district
    by = {
        "code": sorted(H),
        "member_count": sorted(H, key=lambda c: (H[c][7], registry[c])),
        "address": sorted(H, key=lambda c: H[c][3].encode()),
        "category": sorted(H, key=lambda c: (H[c][5], registry[c])),
        "head_id_number": sorted(H, key=lambda c: IDS[H[c][2]]),
    }
    for key, codes in by.items():
        for descending in (False, True):
            total, rows = hs.list_households(d.db, d.admin, hs.HouseholdFilter(sort=key, descending=descending))
            want = list(reversed(codes)) if descending else codes
            assert (total, _codes(rows)) == (7, want), (key, descending)
    # Empty values (no library class) come last ascending, first descending; ties in id order.
    _t, rows = hs.list_households(d.db, d.admin, hs.HouseholdFilter(sort="stage"))
    assert _codes(rows) == ["F03", "F01", "F04", "F07", "F02", "F05", "F06"]
    _t, rows = hs.list_households(d.db, d.admin, hs.HouseholdFilter(sort="stage", descending=True))
    assert _codes(rows) == ["F06", "F05", "F02", "F07", "F04", "F01", "F03"]


def test_a_community_worker_sees_only_their_community(district: District, registry: dict[str, int]) -> None:
    d = district
    worker = d.actor(Role.COMMUNITY_WORKER)  # 飞云社区
    for spec, _codes_all in HAND:
        flt = _filter(d, spec)
        want = _expected(flt, d, scope="飞云社区")
        total, rows = hs.list_households(d.db, worker, flt)
        assert (total, _codes(rows)) == (len(want), want), spec
    total, rows = hs.list_households(d.db, worker, hs.HouseholdFilter())
    assert _codes(rows) == ["F03", "F04"]
    assert all("*" in r.id_display for r in rows)  # a community worker sees masked numbers
    with pytest.raises(PermissionDenied) as refused:
        hs.get_household(d.db, worker, registry["F01"])
    assert "管辖范围" in str(refused.value) and "张建国" not in str(refused.value)


def test_the_detail_shows_what_was_entered(district: District, registry: dict[str, int]) -> None:
    d = district
    x = hs.get_household(d.db, d.admin, registry["F01"])
    assert (x.code, x.subdistrict, x.community, x.address, x.phone, x.area_label) == (
        "F01", "八泉街道", "八泉社区", "八泉路12号", "13800000001", "城市")
    assert (x.category_label, x.stage_label, x.member_count, x.head_name, x.head_id_display) == (
        "低保", "一类库", 3, "张建国", IDS["张建国"])
    members = {m.name: m for m in x.members}
    assert list(members) == ["张建国", "李秀英", "张小明"]
    assert [(m.relation_label, m.id_display) for m in x.members] == [
        ("本人", IDS["张建国"]), ("配偶", IDS["李秀英"]), ("子女", IDS["张小明"])]
    assert members["张建国"].health_label == "慢性病" and members["张建国"].sex == "男"
    assert members["张建国"].birth_date == date(1970, 5, 1)
    spouse = members["李秀英"]
    assert (spouse.disability_label, spouse.grade_label, spouse.labour_label, spouse.sex) == ("肢体", "二级", "无", "女")
    assert members["张小明"].schooling_label == "义务教育"
    assert sorted((m.member_name, m.kind_label, m.amount) for m in x.incomes) == [
        ("张建国", "工资性收入", Decimal("24000")), ("李秀英", "转移净收入", Decimal("3600"))]
    assert sorted((m.member_name, m.kind_label, m.amount) for m in x.expenses) == [
        ("张小明", "教育支出", Decimal("2000")), ("张建国", "医疗支出", Decimal("8000"))]
    assert [(e.title, e.detail) for e in x.library_moves] == [("库别调整:无 → 一类库", "家庭台账导入《台账.xlsx》")]
    assert hs.get_household(d.db, d.admin, registry["F03"]).stage_label == "救助中"


# -------------------------------------------------------------------------------------------------
# Editing through the window: saved, audited with before and after; two workstations at once
# -------------------------------------------------------------------------------------------------


def test_two_sessions_at_once_one_wins_and_the_other_is_told_who(district: District, registry: dict[str, int]) -> None:
    """The services alone, as two workstations' sessions: both read version 1, the second save is refused
    by name and time and writes nothing."""
    d = district
    reviewer = d.actor(Role.DISTRICT_REVIEWER)
    hid = registry["F02"]
    first = hs.get_household(d.db, reviewer, hid)
    second = hs.get_household(d.db, d.admin, hid)
    hs.save_household(d.db, reviewer, hid, first.version, {"phone": "13811111111"})
    with pytest.raises(ConflictError) as refused:
        hs.save_household(d.db, d.admin, hid, second.version, {"phone": "13822222222", "address": "颐阳路6号"})
    assert "测试district_reviewer" in str(refused.value)
    now = hs.get_household(d.db, d.admin, hid)
    assert (now.phone, now.address) == ("13811111111", "颐阳路5号")


def test_validation_messages_name_the_field(district: District, registry: dict[str, int]) -> None:
    d = district
    x = hs.get_household(d.db, d.admin, registry["F01"])
    spouse = next(m for m in x.members if m.name == "李秀英")
    cases = [
        (lambda: hs.update_member(d.db, d.admin, spouse.id, spouse.version, {"id_number": IDS["李秀英"][:-1] + "0"}),
         "身份证号"),
        (lambda: hs.update_member(d.db, d.admin, spouse.id, spouse.version, {"id_number": IDS["王芳"]}), "王芳"),
        (lambda: hs.update_member(d.db, d.admin, spouse.id, spouse.version, {"birth_date": date(1980, 1, 1)}),
         "出生日期"),
        (lambda: hs.update_member(d.db, d.admin, spouse.id, spouse.version, {"name": " "}), "姓名"),
        (lambda: hs.save_household(d.db, d.admin, x.id, x.version, {"address": " "}), "地址"),
        (lambda: hs.add_income(d.db, d.admin, x.id, x.version, {"kind": "wages", "amount": "很多",
                                                                 "period_end": date(2025, 12, 31)}), "金额"),
        (lambda: hs.add_expense(d.db, d.admin, x.id, x.version, {"kind": "medical", "amount": "-5",
                                                                  "period_end": date(2025, 12, 31)}), "金额"),
        (lambda: hs.add_income(d.db, d.admin, x.id, x.version, {"kind": "wages", "amount": "100",
                                                                 "period_end": date.today() + timedelta(days=2)}),
         "日期"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationFailed) as refused:
            call()
        assert field in str(refused.value), (field, str(refused.value))
    assert hs.get_household(d.db, d.admin, x.id).version == x.version  # nothing was written


def _audit(db: Any, action: str, entity_id: int) -> list[Any]:
    from sqlalchemy import select

    from desktop.models import AuditEntry

    with db.session_factory() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action, AuditEntry.entity_id == entity_id)
                              .order_by(AuditEntry.id)))


def _combo(combo: Any, code: Any) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


@pytest.fixture
def two_windows(qtbot, district: District, registry: dict[str, int]):  # noqa: ANN001, ANN201
    """F01 open on two workstations: the district reviewer's ("theirs") and the administrator's ("mine")."""
    from desktop.views.context import AppContext
    from desktop.views.household_detail import HouseholdDetailDialog

    hid = registry["F01"]
    theirs = HouseholdDetailDialog(AppContext(district.db, district.actor(Role.DISTRICT_REVIEWER)), hid)
    mine = HouseholdDetailDialog(AppContext(district.db, district.admin), hid)
    for window in (theirs, mine):
        qtbot.addWidget(window)
        window.show()
    return mine, theirs


@pytest.fixture(autouse=True)
def _closing_never_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window or dialog left with typing in it (a test that failed half-way) asks before closing, and
    pytest-qt closes them before fixtures are torn down: answer Discard so a failure is reported instead of
    waiting for a click that never comes."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


@pytest.mark.usefixtures("chinese")
def test_household_fields_two_workstations_on_both_databases(qtbot, district: District,  # noqa: ANN001
                                                             registry: dict[str, int], two_windows: Any) -> None:
    from tests.test_households_view import check_two_workstations

    mine, theirs = two_windows
    check_two_workstations(qtbot, district.db, district, registry["F01"], mine, theirs, phone_before="13800000001")
    saved = _audit(district.db, "household.update", registry["F01"])
    assert [(e.before["address"], e.after["address"], e.before["phone"], e.after["phone"]) for e in saved] == [
        ("八泉路12号", "八泉路20号(审核员)", "13800000001", "13800000001"),
        ("八泉路20号(审核员)", "八泉路30号(管理员)", "13800000001", "13900000000")]
    assert [e.username for e in saved] == ["district_reviewer", "admin"]


@pytest.mark.usefixtures("chinese")
def test_a_member_edited_on_two_workstations_loses_nothing(qtbot, district: District,  # noqa: ANN001
                                                          registry: dict[str, int], two_windows: Any) -> None:
    from desktop.views.household_detail import MemberDialog
    from tests.test_households_view import answer_dialog

    mine, theirs = two_windows
    spouse = next(m for m in theirs.current.members if m.name == "李秀英")
    their_dialog = MemberDialog(theirs, spouse)
    my_dialog = MemberDialog(mine, next(m for m in mine.current.members if m.id == spouse.id))
    qtbot.addWidget(their_dialog)
    qtbot.addWidget(my_dialog)
    _combo(their_dialog.health, "serious")
    their_dialog.save()
    assert their_dialog.result() == their_dialog.DialogCode.Accepted
    my_dialog.phone.setText("13700000009")
    _combo(my_dialog.labour, "partial")
    seen: list = []
    answer_dialog(qtbot, lambda dlg: dlg.keep_button.click(), seen)
    my_dialog.save()
    assert len(seen) == 1
    message, rows = seen[0]
    assert "测试district_reviewer" in message and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", message)  # who and when
    assert ("劳动能力", "无", "部分丧失") in rows and ("联系电话", "—", "13700000009") in rows
    # Kept: the input is still there, nothing of it written.
    assert my_dialog.phone.text() == "13700000009" and my_dialog.labour.currentData() == "partial"
    now = next(m for m in hs.get_household(district.db, district.admin, registry["F01"]).members if m.id == spouse.id)
    assert (now.health, now.labour_capacity, now.phone) == ("serious", "none", "")
    answer_dialog(qtbot, lambda dlg: dlg.reapply_button.click(), seen)
    my_dialog.save()
    assert len(seen) == 2
    now = next(m for m in hs.get_household(district.db, district.admin, registry["F01"]).members if m.id == spouse.id)
    assert (now.health, now.labour_capacity, now.phone) == ("serious", "partial", "13700000009")  # both kept
    changes = _audit(district.db, "member.update", spouse.id)
    assert [(e.username, e.before["health"], e.after["health"], e.before["labour_capacity"],
             e.after["labour_capacity"]) for e in changes] == [
        ("district_reviewer", "healthy", "serious", "none", "none"), ("admin", "serious", "serious", "none", "partial")]
    # The household's history says it in words, newest first.
    history = hs.get_household(district.db, district.admin, registry["F01"]).audit
    assert [e.title for e in history][:2] == ["修改成员", "修改成员"]
    assert "劳动能力" in history[0].detail and "部分丧失" in history[0].detail


@pytest.mark.usefixtures("chinese")
def test_an_income_edited_on_two_workstations_loses_nothing(qtbot, district: District,  # noqa: ANN001
                                                           registry: dict[str, int], two_windows: Any) -> None:
    from desktop.views.household_detail import MoneyDialog
    from tests.test_households_view import answer_dialog

    mine, theirs = two_windows
    wages = next(x for x in theirs.current.incomes if x.kind == "wages")
    their_dialog = MoneyDialog(theirs, "income", wages)
    my_dialog = MoneyDialog(mine, "income", next(x for x in mine.current.incomes if x.id == wages.id))
    qtbot.addWidget(their_dialog)
    qtbot.addWidget(my_dialog)
    their_dialog.amount.setText("25,000")
    their_dialog.save()
    my_dialog.amount.setText("26000.5")
    seen: list = []
    answer_dialog(qtbot, lambda dlg: dlg.keep_button.click(), seen)
    my_dialog.save()
    assert len(seen) == 1 and ("金额(元/12个月)", "25,000.00", "26000.5") in seen[0][1], seen
    assert "测试district_reviewer" in seen[0][0] and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", seen[0][0])
    assert my_dialog.amount.text() == "26000.5"
    answer_dialog(qtbot, lambda dlg: dlg.reapply_button.click(), seen)
    my_dialog.save()
    line = next(x for x in hs.get_household(district.db, district.admin, registry["F01"]).incomes if x.id == wages.id)
    assert line.amount == Decimal("26000.50")
    changes = _audit(district.db, "income.update", wages.id)
    assert [(Decimal(str(e.before["amount"])), Decimal(str(e.after["amount"]))) for e in changes] == [
        (Decimal("24000"), Decimal("25000")), (Decimal("25000"), Decimal("26000.5"))]


# -------------------------------------------------------------------------------------------------
# Export through the window, read back with openpyxl; a community worker's window
# -------------------------------------------------------------------------------------------------


def _quarter_end(day: date) -> date:
    """The last day of ``day``'s quarter: an imported household on the board, never visited, is due then."""
    month = (day.month - 1) // 3 * 3 + 3
    return date(day.year, 12, 31) if month == 12 else date(day.year, month + 1, 1) - timedelta(days=1)


def _masked(number: str) -> str:
    return number[:6] + "*" * 8 + number[-4:]


def _page(qtbot, district: District, actor: Any, monkeypatch: pytest.MonkeyPatch, page_size: int) -> Any:  # noqa: ANN001
    """The households page as ``actor`` sees it, the table and the export reading ``page_size`` rows at a time."""
    from desktop.views.context import AppContext
    from desktop.views.households import HouseholdsPage, HouseholdTableModel

    monkeypatch.setattr(HouseholdTableModel, "PAGE", page_size)
    iter_all = hs.HouseholdPager.iter_all
    monkeypatch.setattr(hs.HouseholdPager, "iter_all", lambda pager, chunk=0: iter_all(pager, page_size))
    page = HouseholdsPage(AppContext(district.db, actor))
    qtbot.addWidget(page)
    page.show()
    page.model.wait_for_count()
    return page


def _export(page: Any, path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """Export as the user does (the button's action, the file chosen in the save dialog) and read it back."""
    import openpyxl

    from desktop.views import households as households_view
    from desktop.views.operations import wait_for_background

    monkeypatch.setattr(households_view, "ask_save_path", lambda *_a, **_k: str(path))
    page.export()
    assert wait_for_background()
    sheet = openpyxl.load_workbook(path)["家庭户"]
    return list(sheet.iter_rows(values_only=True))


def _exports(db: Any) -> list[Any]:
    from sqlalchemy import select

    from desktop.models import AuditEntry

    with db.session_factory() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == "households.export").order_by(AuditEntry.id)))


@pytest.mark.usefixtures("chinese")
def test_export_through_the_window_writes_the_filtered_sorted_view(qtbot, district: District,  # noqa: ANN001
                                                                   registry: dict[str, int], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """八泉街道, on the board, address containing 路, most members first, two rows a page: F01 (3 members),
    F04 (2), then F03 and F02 (1 each, the later registered first when descending). F07's address has 路
    too but it lies in 河口镇; F05 and F06 are in 河口镇 as well."""
    from PySide6.QtCore import Qt

    d = district
    page = _page(qtbot, d, d.admin, monkeypatch, page_size=2)
    page.regions.select_region(d.regions["八泉街道"])
    _combo(page.status, "on_board")
    page.search.setText("路")
    page.apply_filter()
    page.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # 人口数
    page.model.wait_for_count()
    assert page.model.rowCount() == 4 and page.count_label.text() == "共 4 户"
    due = _quarter_end(date.today())
    want = [
        ("F01", "张建国", IDS["张建国"], "八泉街道", "八泉社区", "八泉路12号", 3, "低保", "一类库", None, due),
        ("F04", "李明", IDS["李明"], "八泉街道", "飞云社区", "颐阳路7号", 2, "低保", "一类库", None, due),
        ("F03", "王芳", IDS["王芳"], "八泉街道", "飞云社区", "飞云路8号3栋", 1, "特困", "救助中", None, due),
        ("F02", "张伟", IDS["张伟"], "八泉街道", "八泉社区", "颐阳路5号", 1, "无", "二类库", None, due),
    ]
    rows = _export(page, tmp_path / "八泉街道.xlsx", monkeypatch)
    assert rows[0] == tuple(hs.EXPORT_HEADERS)
    # Typed cells: the member count a number, the due date a date (openpyxl reads it as a datetime).
    assert [r[:10] + (r[10].date(),) for r in rows[1:]] == want
    assert all(isinstance(r[6], int) and r[10].time() == datetime.min.time() for r in rows[1:])
    # The table shows the same rows in the same order.
    assert [page.model.data(page.model.index(r, 0)) for r in range(4)] == ["F01", "F04", "F03", "F02"]
    entry = _exports(d.db)[-1]
    assert entry.username == "admin" and entry.after["rows"] == 4 and entry.after["masked"] is False
    flt = entry.after["filter"]
    assert (flt["region_id"], flt["status"], flt["search"], flt["sort"], flt["descending"]) == (
        d.regions["八泉街道"], "on_board", "路", "member_count", True)
    assert "导出家庭户 4 户" in entry.detail and "区域:八泉街道" in entry.detail and "搜索:路" in entry.detail
    assert "八泉街道.xlsx" in entry.detail


@pytest.mark.usefixtures("chinese")
def test_a_community_worker_sees_and_exports_only_their_community_masked(qtbot, district: District,  # noqa: ANN001
                                                                         registry: dict[str, int], tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker of 飞云社区: F03 and F04 only, in the list, the count line, the region tree and the
    export (one row a page, so two pages), their ID numbers masked."""
    d = district
    worker = d.actor(Role.COMMUNITY_WORKER)
    page = _page(qtbot, d, worker, monkeypatch, page_size=1)
    assert page.model.rowCount() == 2 and page.count_label.text() == "共 2 户"
    assert [page.model.data(page.model.index(r, c)) for r in range(2) for c in (0, 1, 2, 4)] == [
        "F03", "王芳", _masked(IDS["王芳"]), "飞云社区", "F04", "李明", _masked(IDS["李明"]), "飞云社区"]
    tree = page.regions
    listed = []
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        listed.append(item.text(0))
        stack.extend(item.child(i) for i in range(item.childCount()))
    assert listed == ["飞云社区"]
    assert tree.current_region() is None  # their whole area
    page.search.setText("张")  # 张建国, 张伟 and 张丽华 head households elsewhere
    page.apply_filter()
    page.model.wait_for_count()
    assert page.model.rowCount() == 0 and page.count_label.text() == "共 0 户"
    page.search.clear()
    page.apply_filter()
    page.model.wait_for_count()
    rows = _export(page, tmp_path / "飞云.xlsx", monkeypatch)
    assert [r[:7] for r in rows[1:]] == [
        ("F03", "王芳", _masked(IDS["王芳"]), "八泉街道", "飞云社区", "飞云路8号3栋", 1),
        ("F04", "李明", _masked(IDS["李明"]), "八泉街道", "飞云社区", "颐阳路7号", 2)]
    entry = _exports(d.db)[-1]
    assert (entry.username, entry.after["rows"], entry.after["masked"]) == (worker.username, 2, True)
    assert "导出家庭户 2 户" in entry.detail and "筛选条件:全部" in entry.detail


@pytest.mark.usefixtures("chinese")
def test_a_birth_date_edited_against_the_whole_id_is_said_as_typed(qtbot, district: District,  # noqa: ANN001
                                                                   registry: dict[str, int], two_windows: Any) -> None:
    """Session 38: with the ID shown whole and left as it was, a birth date changed to disagree with it said
    nothing and Save stayed enabled; the refusal came only on saving."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.views.household_detail import MemberDialog

    mine, _theirs = two_windows
    member = next(m for m in mine.current.members if m.name == "李秀英")
    assert not member.id_masked
    dialog = MemberDialog(mine, member)
    qtbot.addWidget(dialog)
    born = member.birth_date
    assert born is not None
    dialog.birth_date.setText(f"{born.year}-{born.month % 12 + 1:02d}-15")
    problems = dialog.validate()
    assert "birth_date" in problems and "身份证" in problems["birth_date"]
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.birth_date.setText(born.isoformat())
    assert dialog.validate() == {}
