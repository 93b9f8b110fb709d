"""A back-dated assessment or application (a paper record entered late) is saved, but does not undo a
newer board move: the household keeps its place, the user and the audit log are told, and the moves
stay in time order. Dated the day of the last move or later, it places the household as before.
Services on SQLite and PostgreSQL; the wizard and the accept dialog headless (SQLite). No CLI command
saves an assessment or accepts an application (closing a clue refuses such a date: test_clues)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from desktop.models import Application, Assessment, AuditEntry, Household, LibraryMove
from desktop.rules import means_test as mt
from desktop.rules.codes import Role
from desktop.services import applications, auth, households, monitoring, policy
from desktop.services import assessment as svc
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.views.context import AppContext
from tests.district import PASSWORD, District
from tests.test_assessment import add_household
from tests.test_assessment_views import messages  # noqa: F401  (a fixture: message boxes recorded, not shown)

MOVED = date(2026, 5, 20)  # 张三 moves the household to 二类库
EARLIER = date(2026, 5, 10)  # the paper assessment / acceptance entered late
LATER = date(2026, 6, 1)
KEPT = "该户在 2026-05-20 已由 张三 调整为 二类库,晚于本次评估日期 2026-05-10,库别保持不变"


def zhang_san(d: District) -> Actor:
    auth.add_user(d.db, Actor.system("test"), username="zhangsan", password=PASSWORD,
                  role=Role.SUBDISTRICT_CASEWORKER, region_id=d.regions["八泉街道"], display_name="张三")
    return auth.login(d.db, "zhangsan", PASSWORD)


def moved_household(d: District, *, wages: str = "3000") -> int:
    """One person in 八泉社区, in 一类库, moved by 张三 to 二类库 on MOVED. With the default wages
    (250 yuan a month) an assessment finds 低保 and suggests an application."""
    hid = add_household(d.db, d.regions["八泉社区"], [{"name": "周补录", "born": date(1975, 3, 3)}],
                        incomes={"wages": wages}, stage="class_1")
    monitoring.move_card(d.db, zhang_san(d), hid, "class_2", "复核后暂不符合条件", expected_version=None,
                         today=MOVED)
    return hid


@pytest.fixture
def world(district: District) -> tuple[District, int]:
    policy.seed_default_policy(district.db)
    return district, moved_household(district)


def save(d: District, hid: int, on: date, placement: str | None = None) -> svc.Saved:
    actor = d.actor(Role.SUBDISTRICT_CASEWORKER)
    inputs = svc.load_household(d.db, actor, hid)
    result = svc.preview(d.db, actor, hid, inputs.facts(), on).result
    chosen = placement or result.suggested_placement
    return svc.save_assessment(d.db, actor, svc.SaveRequest(
        household_id=hid, assessed_on=on, facts=inputs.facts(), verification_methods=["data_check"],
        investigators=["王调查"], placement=chosen, household_version=inputs.version,
        override_reason="" if chosen == result.suggested_placement else "补录"))


def moves(db: Database, hid: int) -> list[tuple[date, str | None, str | None]]:
    with db.session_factory() as s:
        return [(m.moved_on, m.from_stage, m.to_stage) for m in s.scalars(
            select(LibraryMove).where(LibraryMove.household_id == hid).order_by(LibraryMove.id))]


def household(db: Database, hid: int) -> Household:
    with db.session_factory() as s:
        h = s.get(Household, hid)
        s.expunge(h)
        return h


def assert_in_time_order(d: District, hid: int) -> None:
    """The moves as recorded, the household's history and the board agree: the last move in time is the
    stage the household is in, dated the day it entered it."""
    recorded = moves(d.db, hid)
    assert [m[0] for m in recorded] == sorted(m[0] for m in recorded)
    h = household(d.db, hid)
    assert recorded[-1][2] == h.stage and recorded[-1][0] == h.stage_since
    detail = households.get_household(d.db, d.admin, hid)
    assert detail.library_moves[0].when == h.stage_since
    assert detail.library_moves[0].title.endswith(detail.stage_label)
    shown = monitoring.household_moves(d.db, d.admin, hid)  # the board's history, newest first
    assert [m.moved_on for m in shown] == sorted((m.moved_on for m in shown), reverse=True)


# -- assessments -----------------------------------------------------------------------------------------

def test_assessment_dated_before_the_last_move_keeps_the_stage_and_says_so(world) -> None:  # noqa: ANN001
    d, hid = world
    actor = d.actor(Role.SUBDISTRICT_CASEWORKER)
    inputs = svc.load_household(d.db, actor, hid)
    pv = svc.preview(d.db, actor, hid, inputs.facts(), EARLIER)
    assert pv.result.category == "dibao" and pv.result.suggested_placement == mt.APPLY
    # told before saving, for a placement that would move the household; not for one that keeps it there
    assert pv.stage_kept(mt.APPLY) == f"{KEPT.replace(',库别', ':保存后评估照常记录,但库别')}。"
    assert pv.stage_kept(mt.CLASS_2) == ""

    saved = save(d, hid, EARLIER)
    assert saved.stage_kept == f"评估已保存。{KEPT}。"
    assert saved.from_stage == saved.to_stage == "class_2" and not saved.start_application
    h = household(d.db, hid)
    assert (h.stage, h.stage_since, h.category) == ("class_2", MOVED, "none")
    assert h.last_assessed_on == EARLIER
    with d.db.session_factory() as s:
        a = s.get(Assessment, saved.assessment_id)  # recorded as assessed, with its own placement
        assert (a.assessed_on, a.result_category, a.placement) == (EARLIER, "dibao", mt.APPLY)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "assessment_save")).one()
        assert KEPT in entry.detail
        assert not s.scalars(select(AuditEntry).where(AuditEntry.action == "library_move",
                                                      AuditEntry.detail.contains("综合评估"))).all()
    assert moves(d.db, hid) == [(MOVED, "class_1", "class_2")]
    assert_in_time_order(d, hid)


def test_a_category_the_assessment_would_set_is_kept_too(district: District) -> None:
    """低保边缘 found on a date before the household's last move: neither its library nor its category change."""
    policy.seed_default_policy(district.db)
    hid = moved_household(district, wages="12000")  # 1,000 yuan a month: 低保边缘 (below 1.5 × 780)
    pv = svc.preview(district.db, district.actor(Role.SUBDISTRICT_CASEWORKER), hid,
                     svc.load_household(district.db, district.actor(Role.SUBDISTRICT_CASEWORKER), hid).facts(),
                     EARLIER)
    assert pv.result.category == "marginal"
    saved = save(district, hid, EARLIER, mt.CLASS_1)
    assert saved.stage_kept.endswith("晚于本次评估日期 2026-05-10,库别和救助类别保持不变。")
    h = household(district.db, hid)
    assert (h.stage, h.category) == ("class_2", "none")
    # the same day as the move: placed and categorised as always
    again = save(district, hid, MOVED, mt.CLASS_1)
    assert again.stage_kept == "" and again.to_stage == "class_1"
    h = household(district.db, hid)
    assert (h.stage, h.stage_since, h.category) == ("class_1", MOVED, "marginal")
    assert_in_time_order(district, hid)


@pytest.mark.parametrize("on", [MOVED, LATER], ids=["same day", "later"])
def test_assessment_dated_on_or_after_the_last_move_places_as_before(world, on: date) -> None:  # noqa: ANN001
    d, hid = world
    actor = d.actor(Role.SUBDISTRICT_CASEWORKER)
    pv = svc.preview(d.db, actor, hid, svc.load_household(d.db, actor, hid).facts(), on)
    assert pv.newer is None and pv.stage_kept(mt.APPLY) == ""
    saved = save(d, hid, on)
    assert saved.stage_kept == "" and saved.to_stage == "applying" and saved.start_application
    h = household(d.db, hid)
    assert (h.stage, h.stage_since) == ("applying", on)
    assert moves(d.db, hid) == [(MOVED, "class_1", "class_2"), (on, "class_2", "applying")]
    with d.db.session_factory() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "assessment_save")).one()
        assert "保持不变" not in entry.detail
    assert_in_time_order(d, hid)


# -- applications ----------------------------------------------------------------------------------------

def test_application_accepted_before_the_last_move_is_saved_and_the_stage_kept(world) -> None:  # noqa: ANN001
    d, hid = world
    kept = "该户在 2026-05-20 已由 张三 调整为 二类库,晚于本次受理日期 2026-05-10,库别保持不变"
    accepted = applications.accept_application(d.db, d.admin, household_id=hid, category="dibao",
                                               accepted_on=EARLIER, note="纸质材料补录")
    assert accepted.stage_kept == f"申请已受理。{kept}。"
    with d.db.session_factory() as s:
        app = s.get(Application, accepted.application_id)
        assert (app.status, app.accepted_on) == ("open", EARLIER)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "application.accept")).one()
        assert entry.detail == f"纸质材料补录;{kept}"
    h = household(d.db, hid)
    assert (h.stage, h.stage_since) == ("class_2", MOVED)
    assert moves(d.db, hid) == [(MOVED, "class_1", "class_2")]
    assert_in_time_order(d, hid)


def test_front_desk_acceptance_before_the_last_move_says_so(world) -> None:  # noqa: ANN001
    d, hid = world
    result = applications.front_desk(d.db, d.admin, household_id=hid, category="dibao", accepted_on=EARLIER,
                                     referrals=[applications.ReferralInput("medical_insurance", "住院费用")])
    assert result.stage_kept == ("该户在 2026-05-20 已由 张三 调整为 二类库,晚于本次受理日期 2026-05-10,"
                                 "库别保持不变。")
    assert household(d.db, hid).stage == "class_2" and len(result.referral_ids) == 1
    assert_in_time_order(d, hid)


@pytest.mark.parametrize("on", [MOVED, LATER], ids=["same day", "later"])
def test_application_accepted_on_or_after_the_last_move_moves_as_before(world, on: date) -> None:  # noqa: ANN001
    d, hid = world
    accepted = applications.accept_application(d.db, d.admin, household_id=hid, category="dibao", accepted_on=on)
    assert accepted.stage_kept == ""
    h = household(d.db, hid)
    assert (h.stage, h.stage_since) == ("applying", on)
    assert moves(d.db, hid)[-1] == (on, "class_2", "applying")
    assert_in_time_order(d, hid)


# -- the windows, headless (SQLite) ----------------------------------------------------------------------

def wizard_at_result(qtbot, ctx: AppContext, hid: int, on: date):  # noqa: ANN001, ANN201
    from desktop.views.assessment import AssessmentPage

    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    wiz = page.assess_household(hid)
    for _ in range(4):
        wiz.next()
    assert wiz.currentPage() is wiz.verification
    wiz.verification.date.setDate(QDate(on))
    wiz.verification.methods["data_check"].setChecked(True)
    wiz.verification.investigators.setText("王芳")
    wiz.next()
    assert wiz.currentPage() is wiz.result
    return page, wiz


@pytest.mark.parametrize("on", [EARLIER, MOVED], ids=["earlier", "same day"])
def test_wizard_says_the_stage_is_kept_before_and_after_saving(qtbot, sqlite_district: District,  # noqa: ANN001
                                                               chinese: None, messages: list[str],  # noqa: F811
                                                               on: date) -> None:
    d = sqlite_district
    policy.seed_default_policy(d.db)
    hid = moved_household(d)
    ctx = AppContext(d.db, d.actor(Role.SUBDISTRICT_CASEWORKER))
    applied: list[int] = []
    ctx.nav.applyForHousehold.connect(applied.append)
    _page, wiz = wizard_at_result(qtbot, ctx, hid, on)
    assert wiz.result.placement.currentData() == mt.APPLY
    note = wiz.result.stage_kept
    if on == EARLIER:
        assert not note.isHidden() and note.text().startswith("该户在 2026-05-20 已由 张三 调整为 二类库")
        assert "库别保持不变" in note.text()
        # a placement that leaves the household where it is needs no word
        wiz.result.placement.setCurrentIndex(wiz.result.placement.findData(mt.CLASS_2))
        assert note.isHidden()
        wiz.result.placement.setCurrentIndex(wiz.result.placement.findData(mt.APPLY))
        assert not note.isHidden()
    else:
        assert note.isHidden()
    with qtbot.waitSignal(wiz.saved, timeout=5000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    h = household(d.db, hid)
    if on == EARLIER:
        assert messages == [f"评估已保存。{KEPT}。"]
        assert applied == [] and (h.stage, h.stage_since) == ("class_2", MOVED)
    else:
        assert messages == [] and applied == [hid] and (h.stage, h.stage_since) == ("applying", MOVED)


def test_accept_dialog_says_the_stage_is_kept(qtbot, sqlite_district: District, chinese: None,  # noqa: ANN001
                                              messages: list[str]) -> None:  # noqa: F811
    from desktop.views import application_forms as forms

    d = sqlite_district
    hid = moved_household(d)
    dialog = forms.AcceptDialog(AppContext(d.db, d.admin), household_id=hid)
    qtbot.addWidget(dialog)
    dialog.inputs.accepted_on.setDate(QDate(EARLIER))
    dialog.accept()
    assert dialog.application_id is not None
    assert messages == ["申请已受理。该户在 2026-05-20 已由 张三 调整为 二类库,晚于本次受理日期 2026-05-10,"
                        "库别保持不变。"]
    assert household(d.db, hid).stage == "class_2"
