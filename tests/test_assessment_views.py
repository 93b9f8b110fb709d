"""The assessment page, the wizard driven to a saved assessment, re-assessment in the window, and the
policy settings tab (pytest-qt, SQLite). Set RELIEF_SHOTS=/some/dir to keep screenshots of each page."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard
from sqlalchemy import select

from desktop.models import Assessment, Household, Member, PolicySetting
from desktop.rules import means_test as mt
from desktop.rules.codes import Role
from desktop.services import assessment as assessment_svc
from desktop.services import policy
from desktop.views.assessment import AssessmentPage
from desktop.views.assessment_wizard import AssessmentWizard, write_sheet
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from desktop.views.policy_settings import PolicySettingsTab
from tests.columns import menu_actions, shown_columns
from tests.district import District
from tests.test_applications import make_household
from tests.test_assessment import add_household

SHOTS = os.environ.get("RELIEF_SHOTS", "")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


# Run in Simplified Chinese, as users see it (conftest's fixture: no translator left behind).
pytestmark = pytest.mark.usefixtures("chinese")


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []

    def record(_parent, _title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        seen.append(text)
        return QMessageBox.StandardButton.Yes

    for name in ("warning", "information", "question", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return seen


@pytest.fixture
def world(sqlite_district: District) -> tuple[District, AppContext, int]:
    d = sqlite_district
    policy.seed_default_policy(d.db)
    hid = add_household(d.db, d.regions["八泉社区"], [
        {"name": "刘建国", "born": date(1958, 4, 2)},
        {"name": "刘小红", "born": date(2013, 9, 1), "schooling": "compulsory"}],
        incomes={"wages": "15000"}, expenses={"education": "800"})
    ctx = AppContext(d.db, d.actor(Role.SUBDISTRICT_CASEWORKER))
    return d, ctx, hid


def test_wizard_to_a_saved_assessment(qtbot, world, messages, tmp_path: Path) -> None:  # noqa: ANN001
    d, ctx, hid = world
    applied: list[int] = []
    ctx.nav.applyForHousehold.connect(applied.append)
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    wiz = page.assess_household(hid)
    assert wiz.choose.selected_id() == hid
    wiz.choose.search.setText("刘建国")
    wiz.choose.run_search()
    assert [h.head_name for h in wiz.choose.model.rows] == ["刘建国"]
    shot(wiz, "wizard_1_household")

    wiz.next()
    assert wiz.currentPage() is wiz.members
    assert len(wiz.members.rows) == 2
    # the daughter is seriously ill: edited here, saved to the household on "Next"
    health = wiz.members.rows[1]["health"]
    health.setCurrentIndex(health.findData("serious"))
    shot(wiz, "wizard_2_members")
    wiz.next()
    assert wiz.currentPage() is wiz.incomes
    with d.db.session_factory() as s:
        assert s.execute(select(Member.health).where(Member.name == "刘小红")).scalar_one() == "serious"
    head_id = wiz.inputs.members[0].id
    assert wiz.incomes.fields[(head_id, "wages")].text() == "15000.00"
    wiz.incomes.fields[(head_id, "transfer")].setText("1200")
    wiz.incomes.fields[(head_id, "exempt")].setText("300")
    shot(wiz, "wizard_3_incomes")
    wiz.next()
    assert wiz.currentPage() is wiz.expenses
    wiz.expenses.fields[(-1, "medical")].setText("6000")
    shot(wiz, "wizard_4_expenses")
    wiz.back()
    wiz.back()
    assert wiz.currentPage() is wiz.members
    wiz.next()  # back to the members and forward again: what was typed is kept
    assert wiz.incomes.fields[(head_id, "transfer")].text() == "1200"
    wiz.next()
    assert wiz.currentPage() is wiz.expenses
    assert wiz.expenses.fields[(-1, "medical")].text() == "6000"
    wiz.next()
    assert wiz.currentPage() is wiz.verification
    wiz.verification.methods["home_survey"].setChecked(True)
    wiz.verification.investigators.setText("王芳")
    assert not wiz.verification.isComplete()
    assert wiz.verification.hint.text() == "入户调查须至少两名调查人员。"
    wiz.verification.methods["data_check"].setChecked(True)
    wiz.verification.investigators.setText("王芳、李强")
    assert wiz.verification.isComplete()
    shot(wiz, "wizard_5_verification")
    wiz.next()
    assert wiz.currentPage() is wiz.result
    # 16,200 counted... by hand: total 15,000 + 1,200 = 16,200; deduction 10% (ill) + 5% (68 years) = 15%;
    # 16,200 × 0.85 = 13,770 ; / 12 / 2 = 573.75 < 780 → 低保
    assert wiz.preview.result.per_capita_monthly == D("573.75")
    assert "低保" in wiz.result.headline.text() and "573.75" in wiz.result.headline.text()
    assert "按差额计算每月 412.50 元" in wiz.result.headline.text()  # (780 − 573.75) × 2
    assert "13,770.00 元 ÷ 12 ÷ 2 = 573.75 元" in wiz.result.explanation.toPlainText()
    assert wiz.result.placement.currentData() == mt.APPLY
    assert wiz.result.refer["medical_insurance"].isChecked() and wiz.result.refer["education"].isChecked()
    # overriding the suggestion needs a written reason
    wiz.result.placement.setCurrentIndex(wiz.result.placement.findData(mt.CLASS_1))
    assert not wiz.result.isComplete()
    wiz.result.reason.setPlainText("申请人暂不愿申请,先纳入一类库观察")
    assert wiz.result.isComplete()
    wiz.result.placement.setCurrentIndex(wiz.result.placement.findData(mt.APPLY))
    assert wiz.result.isComplete()
    shot(wiz, "wizard_6_result")
    draft = wiz.draft_detail()
    write_sheet(draft, str(tmp_path / "draft.pdf"), draft=True)
    assert (tmp_path / "draft.pdf").stat().st_size > 1000

    with qtbot.waitSignal(wiz.saved, timeout=5000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    assert messages == []
    assert applied == [hid]  # "start an application" asks the applications page
    with d.db.session_factory() as s:
        a = s.execute(select(Assessment)).scalar_one()
        assert a.result_category == "dibao" and a.per_capita_income == D("573.75")
        assert a.investigators == ["王芳", "李强"] and a.verification_methods == ["data_check", "home_survey"]
        assert a.settings["dibao_standard"]["value"] == "780.00"
        assert s.get(Household, hid).stage == "applying"
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert "573.75" in page.detail.toPlainText()
    shot(page, "page_assessments")
    detail_pdf = tmp_path / "sheet.pdf"
    from desktop.services import assessment as svc

    write_sheet(svc.get_assessment(d.db, ctx.actor, page.model.rows[0].id), str(detail_pdf))
    assert detail_pdf.read_bytes().startswith(b"%PDF")


def test_reassess_in_the_window_and_confirm(qtbot, world, messages, tmp_path: Path) -> None:  # noqa: ANN001
    d, ctx, hid = world
    ctx.actor = d.admin
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    dialog = page.reassess()
    out = tmp_path / "all.xlsx"
    dialog.path.setText(str(out))
    dialog.as_of.setDate(date(2026, 3, 1))
    dialog.run()
    assert wait_for_background()
    assert dialog.summary is not None and dialog.summary.total == 1 and out.exists()
    assert dialog.table.model().rowCount() == 1  # none → 低保: 15,000 × 95% (one member aged 67) / 12 / 2 = 593.75 < 780
    assert dialog.confirm_button.isEnabled()
    shot(dialog, "reassess_dialog")
    dialog.confirm()
    assert wait_for_background()
    assert dialog.confirmed is not None and dialog.confirmed.moved == 1
    with d.db.session_factory() as s:
        assert s.get(Household, hid).stage == "applying"


def _reassessed_with_a_second_household(qtbot, world, tmp_path: Path):  # noqa: ANN001, ANN202
    """A second household (王秀英, 八泉社区) beside the world's, and the administrator's 政策找人 dialog
    run for everyone as at 2026-03-01: (its id, the dialog)."""
    d, ctx, _hid = world
    other = add_household(d.db, d.regions["八泉社区"], [{"name": "王秀英", "born": date(1950, 3, 1)}],
                          incomes={"wages": "3000"})
    ctx.actor = d.admin
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    dialog = page.reassess()
    dialog.path.setText(str(tmp_path / "all.xlsx"))
    dialog.as_of.setDate(date(2026, 3, 1))
    dialog.run()
    assert wait_for_background()
    return other, dialog


def test_reassess_confirms_only_the_moves_chosen(qtbot, world, messages, tmp_path: Path) -> None:  # noqa: ANN001
    """政策找人: the dialog could only confirm every proposed move at once (its table picked single cells).
    All rows start selected; the user narrows the choice, confirms those, and the rest stay listed."""
    d, ctx, hid = world
    other, dialog = _reassessed_with_a_second_household(qtbot, world, tmp_path)
    assert {p.household_id for p in dialog.model.rows} == {hid, other}
    assert dialog.confirm_button.text() == "确认所选的 2 户调整(&C)…" and dialog.confirm_button.isEnabled()
    row = next(i for i, p in enumerate(dialog.model.rows) if p.household_id == other)
    dialog.table.selectRow(row)
    assert dialog.confirm_button.text() == "确认所选的 1 户调整(&C)…"
    assert "共 2 户" in dialog.selection_hint.text()
    shot(dialog, "reassess_partly_selected")
    dialog.confirm()
    assert wait_for_background()
    assert messages[0] == "按建议调整 1 户的库别?每一次调整都会连同原因记录在案。"
    assert dialog.confirmed is not None and dialog.confirmed.moved == 1
    with d.db.session_factory() as s:
        assert s.get(Household, other).stage == "applying"
        assert s.get(Household, hid).stage is None  # not chosen: unchanged
    assert [p.household_id for p in dialog.model.rows] == [hid]  # still there to confirm later
    assert not dialog.confirm_button.isEnabled()
    dialog.table.selectAll()
    dialog.confirm()
    assert wait_for_background()
    with d.db.session_factory() as s:
        assert s.get(Household, hid).stage == "applying"
    assert dialog.model.rows == []


def test_policy_settings_tab(qtbot, sqlite_district: District, messages) -> None:  # noqa: ANN001
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    tab = PolicySettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    assert tab.history.rowCount() == 0 and not tab.seed_button.isHidden()
    assert tab.in_force.data(tab.in_force.index(0, 2)) == "未设置"
    tab.seed_button.click()  # the first run: the demo district's values, marked "to be confirmed"
    assert tab.seed_button.isHidden()
    assert tab.in_force.rowCount() == 15 and tab.history.rowCount() == 28  # 12 set; 2 optional deductions and the pension exemption not
    tab.on.setDate(date(2026, 12, 4))  # the seeded values are 2026's: in force all that year
    assert tab.renewal_note.isHidden()
    tab.on.setDate(date(2027, 2, 1))  # the yearly 上年人均可支配收入 of 2026 still in force: said under the table
    assert not tab.renewal_note.isHidden()
    assert "上年人均可支配收入(城市):2027 年执行的新数值(2026 年度)尚未录入" in tab.renewal_note.text()
    row = next(r for r in range(tab.in_force.rowCount())
               if tab.in_force.data(tab.in_force.index(r, 1)) == "disposable_income_last_year")
    assert "尚未录入" in tab.in_force.data(tab.in_force.index(row, 3), Qt.ItemDataRole.ToolTipRole)
    tab.on.setDate(date(2026, 12, 4))
    assert tab.renewal_note.isHidden()
    shot(tab, "policy_settings_tab")
    dialog = tab.add_values()
    dialog.area.setCurrentIndex(dialog.area.findData("rural"))
    dialog.effective.setDate(date(2027, 1, 1))
    assert dialog.fields["dibao_standard"].text() == "620.00"
    assert dialog.fields["deduct_cap"].text() == "30%"
    dialog.fields["dibao_standard"].setText("660")
    assert dialog.changed_values() == {"dibao_standard": "660"}
    shot(dialog, "policy_new_values")
    dialog.save()
    assert messages == []
    with d.db.session_factory() as s:
        row = s.execute(select(PolicySetting).where(PolicySetting.effective_from == date(2027, 1, 1))).scalar_one()
        assert (row.name, row.area_type, row.value) == ("dibao_standard", "rural", "660.00")
    assert tab.history.rowCount() == 29
    # a bad value is refused with the service's words, and nothing is written
    dialog2 = tab.add_values()
    dialog2.fields["deduct_cap"].setText("150%")
    dialog2.save()
    assert messages and "0 到 1" in messages[-1]
    # others may look but not change
    viewer = PolicySettingsTab(AppContext(d.db, d.actor(Role.COMMUNITY_WORKER)))
    qtbot.addWidget(viewer)
    assert viewer.add_button.isHidden() and viewer.in_force.rowCount() == 15


def test_enter_in_the_wizard_search_stays_on_the_list(qtbot, sqlite_district: District, messages) -> None:  # noqa: ANN001
    """Enter in the search box lists the matches and leaves the choice to the user; it used to press
    Next as well and carry the first match (of several) on to its members page."""
    from PySide6.QtCore import Qt

    from desktop.views.assessment_wizard import AssessmentWizard

    d = sqlite_district
    add_household(d.db, d.regions["飞云社区"], [{"name": "钱多多"}])
    add_household(d.db, d.regions["飞云社区"], [{"name": "钱少少"}])
    wiz = AssessmentWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    wiz.choose.search.setFocus()
    wiz.choose.search.setText("钱")
    qtbot.keyClick(wiz.choose.search, Qt.Key.Key_Return)
    assert wiz.choose.model.rowCount() == 2
    assert wiz.currentPage() is wiz.choose and wiz.inputs is None


def test_new_policy_values_keep_what_was_typed_when_the_date_changes(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                    messages) -> None:
    """The clerk types the new standard, then corrects the date it takes effect (or the area): the
    values they typed stay; only the untouched fields show the values in force on the new date. They
    used to be replaced silently by the old values, and the old value was then 'not changed'."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    tab = PolicySettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.seed_button.click()
    dialog = tab.add_values()
    dialog.area.setCurrentIndex(dialog.area.findData("rural"))
    dialog.fields["dibao_standard"].setText("660")
    dialog.effective.setDate(date(2027, 7, 1))
    dialog.area.setCurrentIndex(dialog.area.findData("urban"))
    dialog.area.setCurrentIndex(dialog.area.findData("rural"))
    assert dialog.fields["dibao_standard"].text() == "660"
    assert dialog.fields["deduct_cap"].text() == "30%"  # untouched: the value in force
    assert dialog.changed_values() == {"dibao_standard": "660"}


def test_reassess_file_label_leads_to_the_path(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """输出文件(&F) sat beside a path and a "…" button: the form gave the label no buddy, so its Alt key
    (and a screen reader) went nowhere."""
    from PySide6.QtWidgets import QLabel

    from desktop.views.assessment import ReassessDialog

    dialog = ReassessDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.path]
    assert len(labels) == 1 and "&" in labels[0].text()


def wizard_at_incomes(qtbot, ctx: AppContext, hid: int):  # noqa: ANN001, ANN201
    """The assessment wizard of a household, opened on its income page."""
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    wiz = page.assess_household(hid)
    wiz.next()
    wiz.next()
    assert wiz.currentPage() is wiz.incomes
    return wiz


def test_net_transfer_income_accepts_a_minus_sign(qtbot, world) -> None:  # noqa: ANN001
    """转移净收入 may be below zero (support paid to others above what was received), like business and
    property income; wages may not."""
    _d, ctx, hid = world
    wiz = wizard_at_incomes(qtbot, ctx, hid)
    head_id = wiz.inputs.members[0].id
    transfer = wiz.incomes.fields[(head_id, "transfer")]
    transfer.clear()
    qtbot.keyClicks(transfer, "-2400")
    assert transfer.text() == "-2400"
    wages = wiz.incomes.fields[(head_id, "wages")]
    wages.clear()
    qtbot.keyClicks(wages, "-1")
    assert wages.text() == "1"
    assert any(i.kind == "transfer" and i.amount == D("-2400") for i in wiz.incomes.items())
    assert "转移净收入" in wiz.incomes.note.text()


def test_each_assessment_list_says_why_it_is_empty(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The note "no assessment yet, use New assessment" sat on the re-assessment dialog's list of
    proposed moves, and the assessment page's own list had none: an empty page said nothing, and a
    re-assessment that changed nothing told the user to make a new assessment."""
    from desktop.views.assessment import ReassessDialog
    from desktop.views.table_model import EmptyHint

    ctx = AppContext(sqlite_district.db, sqlite_district.admin)
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    assert "新建评估" in page.table.findChild(EmptyHint).text()
    dialog = ReassessDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.model.set_rows([])  # a re-assessment that proposes no move
    hint = dialog.table.findChild(EmptyHint)
    assert "没有需要调整的家庭" in hint.text() and "新建评估" not in hint.text()


def test_reassess_confirm_counts_every_household_skipped(qtbot, world, messages, tmp_path: Path,  # noqa: ANN001
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Found in the cal8 pass: a household changed by someone else after the re-assessment is skipped and
    leaves the list; the message named only the first 20 skipped, so the 21st and later vanished without
    a word. Every skipped household is now counted, the first ones named, the rest said to exist."""
    from desktop.services import assessment as svc

    d, ctx, hid = world
    other, dialog = _reassessed_with_a_second_household(qtbot, world, tmp_path)
    with d.db.session_factory() as s, s.begin():  # someone else edits 刘建国's household meanwhile
        s.get(Household, hid).phone = "13800000000"
    dialog.confirm()
    assert wait_for_background()
    assert dialog.confirmed is not None and dialog.confirmed.moved == 1
    assert "1 户未调整" in messages[-1] and "刘建国(重新评估后已被修改,请重新评估)" in messages[-1]
    with d.db.session_factory() as s:
        assert s.get(Household, hid).stage is None and s.get(Household, other).stage == "applying"
    # many skipped: the ones not named are still counted
    dialog.model.set_rows([p for p in dialog.summary.proposals])
    dialog.table.selectAll()
    many = [f"户{i}(重新评估后已被修改,请重新评估)" for i in range(25)]
    monkeypatch.setattr(svc, "confirm_moves", lambda *a, **k: svc.ConfirmResult(0, 0, many))
    dialog.confirm()
    assert wait_for_background()
    assert "25 户未调整" in messages[-1] and "户19(" in messages[-1] and "户20(" not in messages[-1]
    assert "另有 5 户" in messages[-1]


def test_wizard_list_shows_household_and_id_numbers_whole(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The wizard's household list gave every column the same 100 pixels: the 17-digit household
    number and the 18-character ID number were cut to "4202030010…", the very values the user
    chooses the family by, with the last column empty and wide beside them. The re-assessment's
    list of proposed moves cut the household number the same way."""
    from desktop.views.assessment import ReassessDialog
    from desktop.views.assessment_wizard import AssessmentWizard

    d = sqlite_district
    add_household(d.db, d.regions["飞云社区"], [{"name": "钱多多"}], code="42020300100200043")
    ctx = AppContext(d.db, d.admin)
    wiz = AssessmentWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    wiz.choose.search.setText("钱多多")
    wiz.choose.run_search()
    table = wiz.choose.table
    hit = wiz.choose.model.rows[0]
    for column, text in ((0, hit.code), (2, hit.head_id)):
        assert len(text) >= 17
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(text) + 8, column
    dialog = ReassessDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.columnWidth(0) >= dialog.table.fontMetrics().horizontalAdvance(hit.code) + 8


def test_wizard_list_right_aligns_the_member_count(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The wizard's household list showed the member count flush left, unlike 家庭档案's list."""
    d = sqlite_district
    add_household(d.db, d.regions["飞云社区"], [{"name": "钱多多"}, {"name": "钱少少"}])
    wiz = AssessmentWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(wiz)
    wiz.choose.search.setText("钱多多")
    wiz.choose.run_search()
    model = wiz.choose.model
    assert model.headerData(4, Qt.Orientation.Horizontal) == "人口"
    assert model.data(model.index(0, 4)) == 2
    alignment = model.data(model.index(0, 4), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_wizard_for_a_household_already_in_assistance(qtbot, sqlite_district: District, messages,  # noqa: ANN001
                                                      tmp_path: Path) -> None:
    """A household on 低保 whose result is still 低保: the result page, the calculation sheet and the
    assessments list say it keeps its assistance (维持现有救助), as the re-assessment sheet does, and
    saving asks the applications page for no second application."""
    from desktop.views.assessment_wizard import sheet_html

    d = sqlite_district
    policy.seed_default_policy(d.db)
    hid = add_household(d.db, d.regions["八泉社区"], [{"name": "陈保", "born": date(1970, 5, 1)}],
                        incomes={"wages": "3000"}, category="dibao", stage="assisted")
    ctx = AppContext(d.db, d.actor(Role.SUBDISTRICT_CASEWORKER))
    applied: list[int] = []
    ctx.nav.applyForHousehold.connect(applied.append)
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    wiz = page.assess_household(hid)
    for _ in range(4):
        wiz.next()
    assert wiz.currentPage() is wiz.verification
    wiz.verification.methods["data_check"].setChecked(True)
    wiz.verification.investigators.setText("王芳、李强")
    wiz.next()
    assert wiz.currentPage() is wiz.result
    combo = wiz.result.placement
    assert combo.currentData() == mt.APPLY and combo.currentText() == mt.KEEP_LABEL
    assert mt.PLACEMENT_LABELS[mt.APPLY] not in [combo.itemText(i) for i in range(combo.count())]
    assert f"建议去向:{mt.KEEP_LABEL}" in wiz.result.explanation.toPlainText()
    assert mt.PLACEMENT_LABELS[mt.APPLY] not in wiz.result.explanation.toPlainText()
    assert wiz.result.isComplete()  # the suggestion itself: no reason asked for
    shot(wiz, "wizard_6_result_in_assistance")
    draft = sheet_html(wiz.draft_detail(), draft=True)
    assert f"建议去向:{mt.KEEP_LABEL};确定去向:<b>{mt.KEEP_LABEL}</b>" in draft

    with qtbot.waitSignal(wiz.saved, timeout=5000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    assert messages == [] and applied == []  # no second application pushed
    with d.db.session_factory() as s:
        assert s.get(Household, hid).stage == "assisted"
    assert page.model.rowCount() == 1
    placement_column = 7
    assert page.model.index(0, placement_column).data() == mt.KEEP_LABEL
    from desktop.services import assessment as svc

    saved = svc.get_assessment(d.db, ctx.actor, page.model.rows[0].id)
    assert f"建议去向:{mt.KEEP_LABEL};确定去向:<b>{mt.KEEP_LABEL}</b>" in sheet_html(saved)

    # a household not yet in assistance with the same result is still offered an application
    other = add_household(d.db, d.regions["八泉社区"], [{"name": "陈新", "born": date(1970, 5, 2)}],
                          incomes={"wages": "3000"})
    wiz2 = page.assess_household(other)
    for _ in range(4):
        wiz2.next()
    wiz2.verification.methods["data_check"].setChecked(True)
    wiz2.verification.investigators.setText("王芳、李强")
    wiz2.next()
    assert wiz2.result.placement.currentText() == mt.PLACEMENT_LABELS[mt.APPLY]


def test_the_assessment_page_says_when_its_list_is_cut(qtbot, sqlite_district: District,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The page lists the latest 200 assessments: it stopped there without a word. A line under the list
    says how many there are and where a household's others are (a small limit stands in for 200)."""
    d = sqlite_district
    hid = make_household(d.db, d.regions["八泉社区"], "孙一")
    with d.db.session_factory() as s:
        for day in (1, 2, 3):
            s.add(Assessment(household_id=hid, assessed_on=date(2026, 3, day), inputs={}, settings={},
                             per_capita_income=D("500.00"), result_category="dibao", result={}, explanation="",
                             suggested_placement="apply", placement="apply"))
        s.commit()
    monkeypatch.setattr(assessment_svc, "LIST_LIMIT", 2)
    page = AssessmentPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    assert [r.assessed_on.day for r in page.model.rows] == [3, 2]
    assert not page.cut_note.isHidden()
    assert page.cut_note.text() == "仅显示最近的 2 次评估,共 3 次;每户的全部评估见其家庭档案窗口的“历史记录”页。"
    monkeypatch.setattr(assessment_svc, "LIST_LIMIT", 3)
    page.refresh()
    assert page.model.rowCount() == 3 and page.cut_note.isHidden()


def test_the_wizard_search_says_when_it_lists_the_first_households_only(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A search lists the first 50 households; it said "找到 50 户" when there were more."""
    d = sqlite_district
    for name in ("李一", "李二", "李三"):
        make_household(d.db, d.regions["八泉社区"], name)
    monkeypatch.setattr(assessment_svc, "SEARCH_LIMIT", 2)
    wizard = AssessmentWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(wizard)
    choose = wizard.choose
    choose.search.setText("李")
    choose.run_search()
    assert choose.model.rowCount() == 2 and choose.status.text() == "找到 3 户。"
    assert not choose.cut_note.isHidden()
    assert choose.cut_note.text() == "仅列出前 2 户;请输入更完整的姓名或身份证号查找其他家庭。"
    choose.search.setText("李三")
    choose.run_search()
    assert choose.model.rowCount() == 1 and choose.cut_note.isHidden()


def test_the_assessment_list_columns_are_the_users_to_choose(qtbot, sqlite_district: District,  # noqa: ANN001
                                                             own_settings: Path) -> None:
    """列… as in 家庭档案 (the same ColumnChooser): 编号 and 户主 always shown, the choice kept per account."""
    d = sqlite_district
    page = AssessmentPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    assert page.columns_button.text() == "列(&U)…"
    actions = menu_actions(page.columns)
    assert [name for name, action in actions.items() if not action.isEnabled()] == ["编号", "户主"]
    actions["评估人"].trigger()
    again = AssessmentPage(AppContext(d.db, d.admin))
    qtbot.addWidget(again)
    assert "评估人" not in shown_columns(again.table) and len(shown_columns(again.table)) == 8


def test_reassess_summary_counts_have_thousands_separators(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """政策找人 on a whole district said "重新评估 6000 户 … 不符合 3754 … 类别有变化的 1536 户", while the
    wizard beside it says "找到 6,000 户"."""
    from desktop.views.assessment import ReassessDialog

    dialog = ReassessDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    dialog.show_summary(assessment_svc.ReassessSummary(
        as_of=date(2026, 12, 1), out_path="/tmp/x.xlsx", total=6000, assessed=6000, changed=1536,
        by_category={"dibao": 858, mt.INELIGIBLE: 3754}))
    text = dialog.result_label.text()
    assert "6,000 户" in text and "不符合 3,754" in text and "1,536 户" in text, text


def test_reassess_asks_before_replacing_the_days_file(qtbot, world, tmp_path: Path,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 37: the file name offered is the day's, so a second re-assessment that day (another region)
    replaced the first one's workbook without a word."""
    from desktop.views import assessment as view

    d, ctx, _hid = world
    ctx.actor = d.admin
    page = AssessmentPage(ctx)
    qtbot.addWidget(page)
    dialog = page.reassess()
    out = tmp_path / "重新评估.xlsx"
    out.write_bytes(b"an earlier workbook")
    asked: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(view, "asked_yes", lambda _p, _t, q: (asked.append(q), answers.pop(0))[1])
    dialog.path.setText(str(out))
    dialog.as_of.setDate(date(2026, 3, 1))
    dialog.run()  # No: nothing run, the file kept
    assert wait_for_background()
    assert dialog.summary is None and out.read_bytes() == b"an earlier workbook" and str(out) in asked[0]
    dialog.run()  # Yes
    assert wait_for_background()
    assert dialog.summary is not None and out.read_bytes() != b"an earlier workbook"
    dialog.run()  # the same file again, agreed already: not asked twice
    assert wait_for_background() and len(asked) == 2
