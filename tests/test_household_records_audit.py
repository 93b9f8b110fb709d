"""Household records, an adversarial pass (both databases): what a tired clerk types, what an auditor
would ask. Each test names the defect it was written for."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from desktop.models import Household
from desktop.rules import idcard
from desktop.rules.codes import Relation, Role, Stage
from desktop.services import applications, assessment, clues, monitoring
from desktop.services import households as hs
from desktop.services.errors import ValidationFailed
from tests.district import District


def _home(d: District, community: str, name: str, number: str, **extra) -> int:  # noqa: ANN003
    return hs.create_household(d.db, d.admin, region_id=d.regions[community], address=extra.pop("address", "颐阳路1号"),
                               head={"name": name, "id_number": number}, **extra)


@pytest.fixture
def homes(district: District) -> dict[str, int]:
    return {
        "zhang": _home(district, "飞云社区", "张三", "420203199001011238", address="飞云路1号"),
        "li": _home(district, "飞云社区", "李四", "11010519491231002X", address="飞云路2号"),
        "wang": _home(district, "八泉社区", "王五", idcard.make("420203", date(1970, 2, 3), 21), address="八泉路3号"),
    }


def test_percent_and_underscore_are_what_was_typed_in_every_household_search(district: District,
                                                                              homes: dict[str, int]) -> None:
    """A "_" or "%" typed into a household search matched everyone (LIKE wildcards) in the household
    pickers of the application and assessment forms and in the clue searches."""
    db, admin = district.db, district.admin
    for text in ("_", "%", "__", "张%"):
        assert hs.count_households(db, admin, hs.HouseholdFilter(search=text)) == 0, text
        for mode in hs.SEARCH_MODES:
            assert hs.count_households(db, admin, hs.HouseholdFilter(search=text, search_mode=mode)) == 0, (text, mode)
        assert applications.household_choices(db, admin, text) == [], text
        assert assessment.search_households(db, admin, text) == [], text
        assert clues.search_people(db, admin, text) == [], text
    # What is typed still finds what it names.
    assert [c.head_name for c in applications.household_choices(db, admin, "张")] == ["张三"]
    assert [h.head_name for h in assessment.search_households(db, admin, "李")] == ["李四"]
    assert [p.name for p in clues.search_people(db, admin, "王")] == ["王五"]


def test_detail_list_and_export_show_the_boards_due_date(district: District, homes: dict[str, int],
                                                         tmp_path) -> None:  # noqa: ANN001
    """The detail window showed the stored next-visit date, "—" when none was stored, where the
    monitoring board derives one (rules.monitoring.effective_due); and a household out of the
    library with a date left over still showed one. The list, its overdue filter and the export read
    the stored column too."""
    db, admin = district.db, district.admin
    today = date.today()
    year, quarter = (today.year, (today.month - 1) // 3 + 1)
    last_quarter_day = date(year - 1, 12, 15) if quarter == 1 else date(year, 3 * (quarter - 1), 15)
    with db.session_factory() as s:  # placed by another service, no due date stored; in the library since last quarter
        s.execute(update(Household).where(Household.id == homes["zhang"]).values(
            stage=Stage.CLASS_I, stage_since=last_quarter_day, next_visit_due=None, last_visited_on=None))
        s.execute(update(Household).where(Household.id == homes["li"]).values(  # left the library, a date left over
            stage=None, stage_since=None, next_visit_due=today + timedelta(days=30)))
        s.commit()
    board = monitoring.household_summary(db, admin, homes["zhang"])
    assert board.visit_due is not None and board.overdue
    detail = hs.get_household(db, admin, homes["zhang"])
    assert detail.next_visit_due == board.visit_due
    row = next(r for r in hs.list_households(db, admin, hs.HouseholdFilter())[1] if r.id == homes["zhang"])
    assert row.next_visit_due == board.visit_due and row.overdue
    overdue = hs.list_households(db, admin, hs.HouseholdFilter(status="overdue"))[1]
    assert [r.id for r in overdue] == [homes["zhang"]]
    assert monitoring.visit_counts(db, admin)["overdue"] == 1

    assert hs.get_household(db, admin, homes["li"]).next_visit_due is None
    assert monitoring.household_summary(db, admin, homes["li"]).visit_due is None
    row = next(r for r in hs.list_households(db, admin, hs.HouseholdFilter())[1] if r.id == homes["li"])
    assert row.next_visit_due is None and not row.overdue
    # Sorting by the due date still lays the pages out by the stored column (no row lost or doubled).
    for descending in (False, True):
        flt = hs.HouseholdFilter(sort="next_visit_due", descending=descending)
        pager = hs.HouseholdPager(db, admin, flt)
        first = pager.first_rows(50)
        pager.settle(first)
        assert sorted(r.id for r in pager.rows(0, 50)) == sorted(homes.values())

    from python_calamine import CalamineWorkbook

    path = tmp_path / "户.xlsx"
    hs.export_households(db, admin, hs.HouseholdFilter(status="overdue"), path)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len(sheet) == 2 and str(sheet[1][-1])[:10] == board.visit_due.isoformat()


def test_the_head_of_household_cannot_be_removed(district: District, homes: dict[str, int]) -> None:
    """Removing the head left a household without one: an empty name in the list, nothing to find it
    by the head's ID, "—" in the detail's title."""
    db, admin = district.db, district.admin
    d = hs.get_household(db, admin, homes["zhang"])
    _, version = hs.add_member(db, admin, d.id, d.version, {"name": "张小", "relation": Relation.CHILD,
                                                           "id_number": idcard.make("420203", date(2010, 3, 4), 13)})
    d = hs.get_household(db, admin, d.id)
    head = next(m for m in d.members if m.relation == Relation.SELF)
    with pytest.raises(ValidationFailed) as err:
        hs.remove_member(db, admin, head.id, head.version, household_version=d.version)
    assert "户主" in err.value.message and "张三" in err.value.message
    d = hs.get_household(db, admin, d.id)
    assert d.head_name == "张三" and d.member_count == 2 and d.version == version
    # The head changes (更换户主); then the former head may go.
    child = next(m for m in d.members if m.name == "张小")
    hs.change_head(db, admin, d.id, d.version, child.id, Relation.PARENT)
    d = hs.get_household(db, admin, d.id)
    former = next(m for m in d.members if m.name == "张三")
    hs.remove_member(db, admin, former.id, former.version, household_version=d.version)
    d = hs.get_household(db, admin, d.id)
    assert d.head_name == "张小" and d.member_count == 1


def test_an_income_or_expense_line_cannot_end_after_today(district: District, homes: dict[str, int]) -> None:
    """A line dated in the future (2062 for 2026) was taken; the assessment reads only the lines of the
    latest date as the household's current figures, so every other line dropped out of it."""
    db, admin = district.db, district.admin
    hid = homes["zhang"]
    d = hs.get_household(db, admin, hid)
    _, version = hs.add_income(db, admin, hid, d.version, {"kind": "wages", "amount": "12,000", "period_end": date.today()})
    _, version = hs.add_income(db, admin, hid, version, {"kind": "wages", "amount": "12000元",
                                                         "period_end": date.today().isoformat()})
    later = date.today() + timedelta(days=1)
    for add in (hs.add_income, hs.add_expense):
        kind = "wages" if add is hs.add_income else "medical"
        with pytest.raises(ValidationFailed) as err:
            add(db, admin, hid, version, {"kind": kind, "amount": "500", "period_end": later})
        assert "晚于今天" in err.value.message and err.value.problems.keys() == {"period_end"}
    d = hs.get_household(db, admin, hid)
    line = d.incomes[0]
    with pytest.raises(ValidationFailed):
        hs.update_income(db, admin, line.id, line.version, {"period_end": date(2062, 1, 1)}, household_version=d.version)
    d = hs.get_household(db, admin, hid)
    assert [(x.amount, x.period_end) for x in d.incomes] == [(12000, date.today())] * 2 and d.version == version


def test_a_taken_id_number_names_no_one_outside_the_workers_community(district: District,
                                                                       homes: dict[str, int]) -> None:
    """Correcting a member's ID number to one already in a household of another community was
    refused, but the message told the community worker that household's head by name."""
    db = district.db
    worker = district.actor(Role.COMMUNITY_WORKER)  # 飞云社区
    taken = idcard.make("420203", date(1970, 2, 3), 21)  # 王五, 八泉社区
    d = hs.get_household(db, worker, homes["zhang"])
    head = d.members[0]
    with pytest.raises(ValidationFailed) as err:
        hs.update_member(db, worker, head.id, head.version, {"id_number": taken}, household_version=d.version)
    assert "王五" not in err.value.message and "辖区以外" in err.value.message
    owner = hs.find_id_owner(db, worker, taken)
    assert owner is not None and "王五" not in owner.message() and owner.member_name == ""
    assert hs.get_household(db, worker, homes["zhang"]).members[0].id_display == head.id_display
    # Within the worker's own community the household is named as before.
    mine = hs.get_household(db, worker, homes["li"]).members[0]
    with pytest.raises(ValidationFailed) as err:
        hs.update_member(db, worker, mine.id, mine.version, {"id_number": "420203199001011238"})
    assert "张三" in err.value.message
    assert "王五" in hs.find_id_owner(db, district.admin, taken).message()
