"""Session 37: a birth date shown beside a masked ID number gives the whole number back (the mask hides
exactly its eight digits), so where the number is masked the date shows its year only (RULES.md §4)."""
from __future__ import annotations

from datetime import date

from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import audit
from desktop.services import households as hs
from desktop.views.context import AppContext
from desktop.views.household_detail import HouseholdDetailDialog, MemberDialog
from tests.district import District

NUMBER = idcard.make("420203", date(1971, 8, 23), 17)


def _household(d: District) -> int:
    return hs.create_household(d.db, d.admin, region_id=d.regions["飞云社区"], address="飞云路3号",
                               head={"name": "周明", "id_number": NUMBER})


def test_a_masked_number_comes_without_its_birth_date(sqlite_district: District) -> None:
    d = sqlite_district
    hid = _household(d)
    worker = d.actor(Role.COMMUNITY_WORKER)
    head = hs.get_household(d.db, worker, hid).members[0]
    assert head.id_display == idcard.mask(NUMBER)
    assert head.birth_date is None and head.birth_text == "1971-**-**" and head.age is not None
    assert "19710823" not in repr(head)
    full = hs.get_household(d.db, d.admin, hid).members[0]  # a role that sees the number sees the date
    assert full.birth_date == date(1971, 8, 23) and full.birth_text == "1971-08-23"


def test_the_member_dialog_shows_the_year_and_keeps_the_date(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    d = sqlite_district
    hid = _household(d)
    ctx = AppContext(d.db, d.actor(Role.COMMUNITY_WORKER))
    detail = HouseholdDetailDialog(ctx, hid)
    qtbot.addWidget(detail)
    dialog = MemberDialog(detail, detail.current.members[0])
    qtbot.addWidget(dialog)
    assert dialog.birth_date.text() == "1971-**-**" and dialog.birth_date.isReadOnly()
    assert dialog.problems.text() == ""
    dialog.phone.setText("13900000000")
    assert dialog.changes() == {"phone": "13900000000"}
    dialog.save()
    member = hs.get_household(d.db, d.admin, hid).members[0]
    assert member.phone == "13900000000" and member.birth_date == date(1971, 8, 23)
    # A new number typed in makes the field the date's own again (empty: taken from the number).
    dialog = MemberDialog(detail, detail.current.members[0])
    qtbot.addWidget(dialog)
    dialog.id_number.setText(idcard.make("420203", date(1972, 1, 5), 17))
    assert dialog.birth_date.text() == "" and not dialog.birth_date.isReadOnly()
    dialog.id_number.setText(idcard.mask(NUMBER))  # back to the number shown
    assert dialog.birth_date.text() == "1971-**-**" and dialog.birth_date.isReadOnly()


def test_histories_show_the_year_beside_the_masked_number(sqlite_district: District) -> None:
    d = sqlite_district
    hid = _household(d)
    version = hs.get_household(d.db, d.admin, hid).version
    hs.add_member(d.db, d.admin, hid, version, {"name": "周小", "relation": "child",
                                                 "id_number": idcard.make("420203", date(2010, 3, 9), 18)})
    worker = d.actor(Role.COMMUNITY_WORKER)
    texts = " ".join(f"{e.title} {e.detail}" for e in hs.get_household(d.db, worker, hid).audit)
    assert "2010-**-**" in texts and "2010-03-09" not in texts
    rows = audit.list_entries(d.db, d.admin, audit.AuditFilter())
    shown = " ".join(f"{r.detail} {r.after} " + " ".join(f"{c.before} {c.after}" for c in r.changes) for r in rows)
    assert "2010-**-**" in shown and "2010-03-09" not in shown and "1971-08-23" not in shown
