"""Household services: paged browsing, search, filters, scope, editing, conflicts, export (both databases)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, insert, select

from desktop.models import AuditEntry, Household, Member
from desktop.rules import idcard
from desktop.rules.codes import Category, Role, Stage
from desktop.services import households as hs
from desktop.services.errors import ConflictError, PermissionDenied, ValidationFailed
from desktop.services.progress import Cancelled, Progress
from tests.district import District

TODAY = date(2026, 11, 1)


def make_household(d: District, community: str, name: str, number: str, **extra) -> int:  # noqa: ANN003
    return hs.create_household(d.db, d.admin, region_id=d.regions[community], address=extra.pop("address", "颐阳路1号"),
                               head={"name": name, "id_number": number}, **extra)


@pytest.fixture
def sample(district: District) -> dict[str, int]:
    """Seven households through the service, across the four communities."""
    ids = {
        "zhang": make_household(district, "八泉社区", "张三", "420203199001011238", address="八泉路12号3栋",
                                phone="13800001111", category=Category.DIBAO, stage=Stage.CLASS_I,
                                next_visit_due=TODAY - timedelta(days=5), last_assessed_on=date(2026, 3, 1)),
        "zhangsi": make_household(district, "八泉社区", "张四", idcard.make("420203", date(1985, 5, 6), 11),
                                  address="八泉路14号", stage=Stage.CLASS_II, next_visit_due=TODAY + timedelta(days=20)),
        "li": make_household(district, "飞云社区", "李四", "11010519491231002X", address="飞云路8号",
                             category=Category.TEKUN, stage=Stage.CLASS_I, next_visit_due=TODAY - timedelta(days=1)),
        "wang": make_household(district, "飞云社区", "王五", idcard.make("420203", date(1970, 2, 3), 21),
                               address="颐阳路100号"),
        "zhao": make_household(district, "闸口社区", "赵六", idcard.make("420222", date(1960, 7, 8), 31),
                               address="闸口街5号", category=Category.DIBAO, stage=Stage.ASSISTED),
        "qian": make_household(district, "道仕袱村", "钱七", idcard.make("420281", date(1950, 9, 10), 42),
                               address="道仕袱村三组"),
        "sun": make_household(district, "道仕袱村", "孙八", idcard.make("420203", date(2001, 1, 2), 52),
                              address="道仕袱村五组", phone="13912345678"),
    }
    return ids


def names(d: District, flt: hs.HouseholdFilter, actor=None) -> list[str]:  # noqa: ANN001
    total, rows = hs.list_households(d.db, actor or d.admin, flt, 0, 1000)
    assert total == len(rows)
    return [r.head_name for r in rows]


def test_browse_sort_and_page(district: District, sample: dict[str, int]) -> None:
    assert names(district, hs.HouseholdFilter()) == ["张三", "张四", "李四", "王五", "赵六", "钱七", "孙八"]
    by_name = names(district, hs.HouseholdFilter(sort="head_name"))
    assert by_name == sorted(by_name)
    assert names(district, hs.HouseholdFilter(sort="id", descending=True))[0] == "孙八"
    # Empty values sort last ascending, first descending; the same on both databases.
    due = names(district, hs.HouseholdFilter(sort="next_visit_due"))
    assert due[:3] == ["张三", "李四", "张四"] and set(due[3:]) == {"王五", "赵六", "钱七", "孙八"}
    due_desc = names(district, hs.HouseholdFilter(sort="next_visit_due", descending=True))
    assert due_desc[-3:] == ["张四", "李四", "张三"]
    stage = names(district, hs.HouseholdFilter(sort="stage"))
    assert stage[:4] == ["赵六", "张三", "李四", "张四"]  # assisted < class_1 < class_2 (codes), then empty


def test_pager_random_access_matches_a_full_read(district: District, sample: dict[str, int]) -> None:
    for sort in ("id", "head_name", "next_visit_due", "stage", "region", "member_count", "head_id_number"):
        for descending in (False, True):
            flt = hs.HouseholdFilter(sort=sort, descending=descending)
            _, full = hs.list_households(district.db, district.admin, flt, 0, 100)
            pager = hs.HouseholdPager(district.db, district.admin, flt)
            pager.refresh()
            # Jump to the end, then fetch backwards and forwards from remembered anchors, in small pieces.
            got = {}
            for start in (5, 6, 2, 0, 3, 1, 4):
                for r in pager.rows(start, 1):
                    got[start] = r.id
            assert [got[i] for i in range(7)] == [r.id for r in full], (sort, descending)


def test_masking_and_scope(district: District, sample: dict[str, int]) -> None:
    _, rows = hs.list_households(district.db, district.admin, hs.HouseholdFilter(search="张三"))
    assert rows[0].id_display == "420203199001011238"
    worker = district.actor(Role.COMMUNITY_WORKER)  # 飞云社区 only
    _, rows = hs.list_households(district.db, worker, hs.HouseholdFilter())
    assert sorted(r.head_name for r in rows) == ["李四", "王五"]
    assert {r.id_display for r in rows} >= {"110105********002X"}
    assert names(district, hs.HouseholdFilter(region_id=district.regions["八泉社区"]), worker) == []
    caseworker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # 八泉街道
    assert len(names(district, hs.HouseholdFilter(), caseworker)) == 4
    with pytest.raises(PermissionDenied):
        hs.get_household(district.db, worker, sample["zhang"])


def test_search(district: District, sample: dict[str, int]) -> None:
    def found(text: str, mode: str = "auto") -> list[str]:
        return names(district, hs.HouseholdFilter(search=text, search_mode=mode))

    assert found("张") == ["张三", "张四"]
    assert found("张三") == ["张三"]
    assert found("420203199001011238") == ["张三"]
    assert found(" 4202０3199001011238 ") == ["张三"]  # normalised as idcard does
    assert found("11010519491231002x") == ["李四"]  # lower-case x
    assert found("1238") == ["张三"]
    assert found("31002X") == ["李四"]
    assert found("13800001111") == ["张三"]
    assert found("1391234") == ["孙八"]  # phone prefix
    assert found("颐阳路") == ["张三", "王五"] or found("颐阳路") == ["王五"]
    assert found("八泉路1") == ["张三", "张四"]
    assert found("三组") == ["钱七"]
    assert found("三组", "name") == []
    assert found("420203199001011233") == []  # bad check character: nothing, explained
    assert hs.plan_search("420203199001011233").kind == "invalid_id"
    # A member who is not the head is found by a full ID search.
    detail = hs.get_household(district.db, district.admin, sample["wang"])
    spouse = idcard.make("420203", date(1972, 4, 4), 62)
    hs.add_member(district.db, district.admin, sample["wang"], detail.version,
                  {"name": "王妻", "id_number": spouse, "relation": "spouse"})
    assert found(spouse) == ["王五"]


def test_search_finds_names_holding_an_address_word(district: District, sample: dict[str, int]) -> None:
    """张元芳, 王道明, 单丽 or a five-character name were searched as a piece of the address (元, 道, 单 are
    address words) and found nobody; a text without digits now finds the name too, and 三组 still the address."""
    for name, born in (("张元芳", date(1980, 1, 2)), ("王道明", date(1975, 3, 4)), ("单丽", date(1990, 5, 6)),
                       ("买买提·艾力", date(1988, 7, 8))):
        make_household(district, "闸口社区", name, idcard.make("420203", born, 71), address="闸口街9号")

    def found(text: str) -> list[str]:
        return names(district, hs.HouseholdFilter(search=text))

    assert found("张元芳") == ["张元芳"]
    assert found("王道") == ["王道明"]
    assert found("单丽") == ["单丽"]
    assert found("买买提·艾力") == ["买买提·艾力"]
    assert found("三组") == ["钱七"]
    assert found("闸口街9") == ["张元芳", "王道明", "单丽", "买买提·艾力"]  # with a digit: the address alone


def test_filters(district: District, sample: dict[str, int]) -> None:
    def found(**kw) -> list[str]:  # noqa: ANN003
        return names(district, hs.HouseholdFilter(today=TODAY, **kw))

    assert found(region_id=district.regions["河口镇"]) == ["赵六", "钱七", "孙八"]
    assert found(region_id=district.regions["飞云社区"]) == ["李四", "王五"]
    assert found(stage=Stage.CLASS_I) == ["张三", "李四"]
    assert found(stage=hs.NO_STAGE) == ["王五", "钱七", "孙八"]
    assert found(category=Category.DIBAO) == ["张三", "赵六"]
    assert found(status="overdue") == ["张三", "李四"]
    assert found(status="on_board", region_id=district.regions["八泉街道"]) == ["张三", "张四", "李四"]
    assert found(category=Category.DIBAO, region_id=district.regions["河口镇"], search="赵") == ["赵六"]
    assert hs.count_households(district.db, district.admin, hs.HouseholdFilter(today=TODAY, status="overdue")) == 2


def test_detail_and_timelines(district: District, sample: dict[str, int]) -> None:
    hid = sample["zhang"]
    d = hs.get_household(district.db, district.admin, hid, log_view=True)
    assert d.head_name == "张三" and d.member_count == 1 and d.members[0].sex == "男"
    assert d.members[0].birth_date == date(1990, 1, 1)
    assert d.subdistrict == "八泉街道" and d.community == "八泉社区"
    version = hs.save_household(district.db, district.admin, hid, d.version, {"address": "八泉路99号"})
    version = hs.add_income(district.db, district.admin, hid, version,
                            {"kind": "wages", "amount": "12000.50", "period_end": date(2026, 10, 31),
                             "member_id": d.members[0].id})[1]
    _, version = hs.add_expense(district.db, district.admin, hid, version,
                                {"kind": "medical", "amount": Decimal("3000"), "period_end": date(2026, 10, 31)})
    d = hs.get_household(district.db, district.admin, hid)
    assert d.version == version and d.address == "八泉路99号"
    assert d.incomes[0].amount == Decimal("12000.50") and d.incomes[0].member_name == "张三"
    assert d.expenses[0].kind_label == "医疗支出" and d.expenses[0].member_name == "全户"
    actions = [e.title for e in d.audit]
    assert "修改户信息" in actions and "添加收入" in actions and "查看完整身份证号" in actions
    change = next(e for e in d.audit if e.title == "修改户信息")
    # the person by their name (as "last saved by" shows them), not their login
    assert "八泉路12号3栋 → 八泉路99号" in change.detail and change.by == "测试admin" == d.updated_by
    version = hs.update_income(district.db, district.admin, d.incomes[0].id, d.incomes[0].version,
                               {"amount": "11000"}, household_version=version)
    version = hs.remove_expense(district.db, district.admin, d.expenses[0].id, d.expenses[0].version,
                                household_version=version)
    d = hs.get_household(district.db, district.admin, hid)
    assert d.incomes[0].amount == Decimal("11000.00") and d.expenses == []
    with pytest.raises(ValidationFailed) as err:
        hs.add_income(district.db, district.admin, hid, version, {"kind": "wages", "amount": "-5",
                                                                   "period_end": "2026-10-31"})
    assert "amount" in err.value.problems



def test_history_names_who_acted_by_their_name(district: District, sample: dict[str, int]) -> None:
    """The change history's 经办人 is the person's name (their name now, after a rename), not their
    login; what the system did (demo data, maintenance) reads 系统."""
    from desktop.services import auth
    from desktop.services.base import Actor

    db, hid = district.db, sample["zhang"]
    worker = district.actor(Role.SUBDISTRICT_CASEWORKER)
    d = hs.get_household(db, worker, hid)
    version = hs.save_household(db, worker, hid, d.version, {"phone": "13900001111"})
    hs.save_household(db, Actor.system("test"), hid, version, {"address": "八泉路1号"})
    assert worker.user_id is not None
    auth.update_user(db, district.admin, worker.user_id, display_name="王丽")
    by = {e.detail.split(":")[0]: e.by for e in hs.get_household(db, district.admin, hid).audit
          if e.title == "修改户信息"}
    assert by == {"联系电话": "王丽", "地址": "系统"}

def test_amounts_as_clerks_type_them(district: District, sample: dict[str, int]) -> None:
    """Thousands separators and full-width digits (a Chinese input method) are read; a number too large
    for the amount column (an ID number typed into the wrong field) is refused with a plain message
    instead of a database error on PostgreSQL or a silently stored 10^20 on SQLite."""
    db, admin = district.db, district.admin
    hid = sample["zhang"]
    version = hs.get_household(db, admin, hid).version
    for typed, expected in (("1,200", "1200.00"), ("１２００", "1200.00"), ("１，２００．５", "1200.50"),
                            (" 3000 ", "3000.00")):
        version = hs.add_income(db, admin, hid, version, {"kind": "wages", "amount": typed,
                                                          "period_end": date(2026, 10, 31)})[1]
        assert hs.get_household(db, admin, hid).incomes[-1].amount == Decimal(expected), typed
    for typed in ("420203199001011238", "1e20", "999999999999999", "NaN", "abc", "-5"):
        with pytest.raises(ValidationFailed) as err:
            hs.add_expense(db, admin, hid, version, {"kind": "medical", "amount": typed, "period_end": date(2026, 10, 31)})
        assert "amount" in err.value.problems and typed in err.value.message, typed
    assert len(hs.get_household(db, admin, hid).incomes) == 4 and hs.get_household(db, admin, hid).expenses == []


def test_net_incomes_may_be_a_loss(district: District, sample: dict[str, int]) -> None:
    """经营、财产、转移净收入 are net amounts and may be below zero (RULES.md §1.2: transfers are net of
    taxes, contributions and support paid to others), in the window as in the register import; wages,
    other income and expenses may not, also when an edit changes only the kind or only the amount."""
    db, admin = district.db, district.admin
    hid = sample["zhang"]
    version = hs.get_household(db, admin, hid).version
    for kind in ("business", "property", "transfer"):
        version = hs.add_income(db, admin, hid, version, {"kind": kind, "amount": "-1,200",
                                                          "period_end": date(2026, 10, 31)})[1]
    lines = hs.get_household(db, admin, hid).incomes
    assert [(i.kind, i.amount) for i in lines[-3:]] == [(k, Decimal("-1200.00")) for k in ("business", "property", "transfer")]
    loss = lines[-1]
    with pytest.raises(ValidationFailed) as err:  # the kind alone changed to one that cannot be negative
        hs.update_income(db, admin, loss.id, loss.version, {"kind": "wages"}, household_version=version)
    assert "amount" in err.value.problems and "不能为负数" in err.value.message
    version = hs.add_income(db, admin, hid, version, {"kind": "wages", "amount": "800",
                                                      "period_end": date(2026, 10, 31)})[1]
    lines = hs.get_household(db, admin, hid).incomes
    with pytest.raises(ValidationFailed) as err:
        hs.update_income(db, admin, lines[-1].id, lines[-1].version, {"amount": "-1"}, household_version=version)
    assert "amount" in err.value.problems
    assert hs.get_household(db, admin, hid).incomes == lines


def test_member_validation_and_head_kept_in_step(district: District, sample: dict[str, int]) -> None:
    db, admin = district.db, district.admin
    hid = sample["zhang"]
    d = hs.get_household(db, admin, hid)
    problems = hs.check_member_fields({"name": "小明", "id_number": "420200199001011233"})
    assert problems["id_number"] == "身份证号校验码错误"
    problems = hs.check_member_fields({"id_number": "420203199001011238", "birth_date": date(1990, 1, 2), "sex": "女"})
    assert "1990-01-01" in problems["birth_date"] and "男" in problems["sex"]
    with pytest.raises(ValidationFailed) as err:
        hs.add_member(db, admin, hid, d.version, {"name": "冒名", "id_number": "11010519491231002X"})
    li_code = hs.get_household(db, admin, sample["li"]).code
    assert err.value.problems["id_number"] == f"该身份证号已属于 {li_code} 户(户主 李四),同一人不能重复登记;如已迁入本户,请先从该户删除此成员"
    owner = hs.find_id_owner(db, admin, "11010519491231002x")
    assert owner is not None and owner.message() == f"该身份证号已属于 {li_code} 户(户主 李四),同一人不能重复登记;如已迁入本户,请先从该户删除此成员"
    with pytest.raises(ValidationFailed) as err:
        hs.add_member(db, admin, hid, d.version, {"name": "二户主", "id_number": idcard.make("420203", date(1991, 1, 1), 7),
                                                  "relation": "self"})
    assert "已有户主" in err.value.problems["relation"]
    child = idcard.make("420203", date(2015, 6, 1), 8)
    mid, version = hs.add_member(db, admin, hid, d.version, {"name": "张小", "id_number": child, "relation": "child",
                                                             "schooling": "compulsory"})
    d = hs.get_household(db, admin, hid)
    assert d.member_count == 2 and d.version == version
    kid = next(m for m in d.members if m.id == mid)
    assert kid.sex == "女" and kid.birth_date == date(2015, 6, 1)
    # Making the child the head (the father becomes her parent) renames the household's head.
    head = next(m for m in d.members if m.relation == "self")
    version = hs.change_head(db, admin, hid, version, kid.id, "parent")
    with db.session_factory() as s:
        h = s.get(Household, hid)
        assert (h.head_name, h.head_id_number, h.head_id_reversed, h.member_count) == ("张小", child, child[::-1], 2)
    kid = next(m for m in hs.get_household(db, admin, hid).members if m.id == mid)
    with pytest.raises(ValidationFailed) as err:  # the head is not removed (the household would have none)
        hs.remove_member(db, admin, kid.id, kid.version, household_version=version)
    assert "不能删除户主 张小" in err.value.message
    with db.session_factory() as s:
        h = s.get(Household, hid)
        assert (h.head_name, h.head_id_number, h.member_count, h.version) == ("张小", child, 2, version)
    with pytest.raises(ValidationFailed):
        hs.update_member(db, admin, head.id, head.version + 1, {"birth_date": date(1990, 1, 5)},
                         household_version=version)


def test_stale_versions_raise_conflict_naming_who(district: District, sample: dict[str, int]) -> None:
    db = district.db
    hid = sample["li"]
    caseworker = district.actor(Role.DISTRICT_REVIEWER)
    d = hs.get_household(db, district.admin, hid)
    hs.save_household(db, caseworker, hid, d.version, {"phone": "0714-1234567"})
    with pytest.raises(ConflictError) as err:
        hs.save_household(db, district.admin, hid, d.version, {"phone": "13000000000"})
    assert "测试district_reviewer" in err.value.message and err.value.info.current["phone"] == "0714-1234567"
    with pytest.raises(ConflictError):
        hs.add_member(db, district.admin, hid, d.version, {"name": "某", "id_number": idcard.make("420203", date(2000, 1, 1), 3)})
    # The first save is intact.
    assert hs.get_household(db, district.admin, hid).phone == "0714-1234567"
    with db.session_factory() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.household_id == hid,
                                                     AuditEntry.action == "household.update")).all()
        assert len(entries) == 1 and entries[0].before["phone"] == "" and entries[0].after["phone"] == "0714-1234567"


def test_export_reads_back_as_seen(district: District, sample: dict[str, int], tmp_path: Path) -> None:
    worker = district.actor(Role.SUBDISTRICT_CASEWORKER)  # sees full numbers, 八泉街道 only
    flt = hs.HouseholdFilter(sort="head_name", descending=True)
    path = tmp_path / "户.xlsx"
    seen = []
    n = hs.export_households(district.db, worker, flt, path, Progress(lambda a, b, t: seen.append((a, b))))
    _, rows = hs.list_households(district.db, worker, flt)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("家庭户").to_python()
    assert n == 4 and sheet[0] == hs.EXPORT_HEADERS and len(sheet) == 5
    assert [line[1] for line in sheet[1:]] == [r.head_name for r in rows]
    assert [line[2] for line in sheet[1:]] == [r.id_display for r in rows]
    zhang = next(line for line in sheet[1:] if line[1] == "张三")
    assert zhang[2] == "420203199001011238" and zhang[3] == "八泉街道" and zhang[7] == "低保" and zhang[8] == "一类库"
    # A community worker's export is masked.
    masked = tmp_path / "masked.xlsx"
    hs.export_households(district.db, district.actor(Role.COMMUNITY_WORKER), hs.HouseholdFilter(), masked)
    sheet = CalamineWorkbook.from_path(str(masked)).get_sheet_by_name("家庭户").to_python()
    assert {line[2] for line in sheet[1:]} == {"110105********002X", idcard.mask(idcard.make("420203", date(1970, 2, 3), 21))}
    with district.db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "households.export")
                          .order_by(AuditEntry.id)).first()
        assert entry.after["rows"] == 4 and entry.after["filter"]["sort"] == "head_name" and "4 户" in entry.detail


def test_export_is_cancellable_and_leaves_nothing(district: District, tmp_path: Path) -> None:
    region = district.regions["八泉社区"]
    with district.db.engine.begin() as conn:
        conn.execute(insert(Household), [
            {"region_id": region, "address": f"测试路{i}号", "head_name": f"户{i}", "member_count": 1,
             "head_id_number": idcard.make("420203", date(1980, 1, 1) + timedelta(days=i), 1)} for i in range(3000)])
    progress = Progress(lambda done, total, text: progress.cancel() if done >= 1000 else None)
    path = tmp_path / "cancel.xlsx"
    with pytest.raises(Cancelled):
        hs.export_households(district.db, district.admin, hs.HouseholdFilter(), path, progress)
    assert not path.exists() and list(tmp_path.glob("*.xlsx")) == []
    with district.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "households.export")) == 0
        assert s.scalar(select(func.count()).select_from(Member)) == 0


def test_a_household_created_in_a_library_stage_records_the_move_that_put_it_there(district: District) -> None:
    """The statistics read each month's library from the moves: a household created straight into
    一类库 without one was counted there in every month before it existed."""
    from sqlalchemy import select

    from desktop.models import LibraryMove

    placed = make_household(district, "八泉社区", "钱七", idcard.make("420203", date(1966, 6, 6), 31),
                            stage=Stage.CLASS_I)
    plain = make_household(district, "八泉社区", "钱八", idcard.make("420203", date(1967, 7, 7), 41))
    with district.db.session_factory() as s:
        moves = s.execute(select(LibraryMove.household_id, LibraryMove.from_stage, LibraryMove.to_stage,
                                 LibraryMove.moved_on)).all()
    assert [tuple(m) for m in moves] == [(placed, None, "class_1", date.today())]
    assert plain not in {m[0] for m in moves}


def test_a_text_longer_than_its_column_is_refused_by_name(district: District, sample: dict[str, int]) -> None:
    """An address over 256 characters or a 户编号 over 32 ended in PostgreSQL's "value too long" SQL error
    (an internal error) and SQLite kept it whole; each is now refused naming the field and its limit."""
    db, admin, hid = district.db, district.admin, sample["zhang"]
    version = hs.get_household(db, admin, hid).version
    for changes, words in (({"address": "路" * 257}, "地址过长(最多256个字)"), ({"code": "9" * 33}, "户编号过长(最多32个字)")):
        with pytest.raises(ValidationFailed) as caught:
            hs.save_household(db, admin, hid, version, changes)
        assert words in caught.value.message
    with pytest.raises(ValidationFailed, match="地址过长"):
        make_household(district, "八泉社区", "周九", idcard.make("420203", date(1991, 1, 1), 81), address="路" * 300)
    with pytest.raises(ValidationFailed, match="姓名过长"):
        hs.add_member(db, admin, hid, version, {"name": "名" * 65, "id_number": idcard.make("420203", date(2010, 1, 1), 83),
                                                "relation": "child"})
    with pytest.raises(ValidationFailed, match="备注过长"):
        hs.add_income(db, admin, hid, version, {"kind": "wages", "amount": "100", "period_end": TODAY.isoformat(),
                                                "note": "注" * 257})
    assert hs.get_household(db, admin, hid).version == version  # nothing written
