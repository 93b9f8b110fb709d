"""The whole "三先两早" loop (RULES.md §1) driven through the real window as one office's week, on both
databases: at each step the other pages (refreshed as a user would) and the command-line equivalents
(``board --json``, ``deadlines --json``, ``post-checks --json``, ``audit --json``) must agree.

    周桂英 (not in the registry) is reported by a 楼栋长 after a 走访调查 → 主动发现 clue form (new)
    → bulk assign to 飞云社区 → 开始调查 → 办结: 核对通过 (a household is made, 申请中)
    → 家庭档案: a second member and the incomes → 综合评估: the wizard, 低保 → 申请审批: 告知承诺制,
    steps and the decision the same day → 月度发放登记 → the post-check queue → 统计分析 and its
    drill-down → 操作日志 names the household at each step.
Reverse branches: 吴 closed 核对未通过 (一类库) and 郑 closed 不属于困难对象 (no household).
"""

from __future__ import annotations

import unittest.mock
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.rules import idcard
from desktop.services import clues, policy
from desktop.services.errors import ServiceError
from desktop.views import application_detail as detail_mod
from desktop.views import application_forms as forms
from desktop.views import applications as applications_view
from desktop.views import clue_form
from desktop.views.context import AppContext
from desktop.views.main_window import MainWindow
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_applications_view import set_date
from tests.test_clue_acceptance import Cli

TODAY = date.today()
# The clues were found, closed and the application accepted ten days before the month began, so the
# decision (nine days later) falls on the last day of last month and this month's payment is due
# whatever day of the month the test runs on (payment starts the month after approval).
START = date(TODAY.year, TODAY.month, 1) - timedelta(days=10)
ZHOU = idcard.make("420203", date(1956, 3, 8), 22)  # female, 70
GRANDSON = idcard.make("420203", date(2012, 6, 1), 13)
WU = idcard.make("420203", date(1961, 5, 5), 31)
ZHENG = idcard.make("420203", date(1970, 7, 7), 41)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message the views show, recorded; confirmations answered Yes."""
    seen: list[str] = []

    def show_error(_parent: QWidget | None, exc: BaseException) -> None:
        seen.append(exc.message if isinstance(exc, ServiceError) else repr(exc))

    import desktop.views.applications as page_mod
    import desktop.views.discovery as discovery_mod
    import desktop.views.errors as errors_mod

    for module in (forms, detail_mod, page_mod, discovery_mod, clue_form):
        if hasattr(module, "show_error"):
            monkeypatch.setattr(module, "show_error", show_error)
    monkeypatch.setattr(errors_mod, "show_crash", lambda _p, _t, exc, _tb: seen.append(repr(exc)))

    def box(answer: QMessageBox.StandardButton) -> Callable[..., QMessageBox.StandardButton]:
        def answered(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> QMessageBox.StandardButton:
            seen.append(text)
            return answer
        return answered

    monkeypatch.setattr(QMessageBox, "question", box(QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", box(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", box(QMessageBox.StandardButton.Ok))
    return seen


class Office:
    """The window of the district's administrator, and what its pages show."""

    def __init__(self, qtbot: Any, d: District, cli: Cli) -> None:
        self.qtbot, self.d, self.cli = qtbot, d, cli
        self.ctx = AppContext(d.db, d.admin)
        self.window = MainWindow(self.ctx)
        qtbot.addWidget(self.window)
        self.window.show()

    def page(self, key: str) -> Any:
        """Switch to a page as the user does (the navigation list) and let it load."""
        self.window.show_page(key)
        self.qtbot.wait(10)
        assert wait_for_background()
        return self.window.page(key)

    def board(self) -> dict[str, list[str]]:
        """The board page after 刷新: column → the heads' names on its cards (the counts must agree)."""
        tab = self.page("board").board
        tab.refresh_button.click()
        assert wait_for_background()
        shown = {}
        for stage, column in tab.columns.items():
            names = [c.head_name for c in column.model.cards]
            assert column.model.total == len(names), stage
            shown[stage] = names
        cli = self.cli.json("board")["columns"]
        assert cli == {stage: len(names) for stage, names in shown.items()}
        return {stage: names for stage, names in shown.items() if names}

    def audit(self, text: str) -> list[dict[str, Any]]:
        return self.cli.json("audit", "--text", text, "--limit", "500")


def _file_clue(office: Office, name: str, number: str) -> int:
    """The clue form from 主动发现 → 线索收件箱 → 新建: a 楼栋长 after a 走访调查, no region."""
    inbox = office.page("discovery").inbox
    filled: dict[str, int] = {}

    def fill(form: clue_form.ClueForm) -> int:
        form.name.setText(name)
        form.id_number.setText(number)
        form.level.setCurrentIndex(form.level.findData("informant"))
        form.source.setCurrentIndex(form.source.findData("building_head"))
        form.channel.setCurrentIndex(form.channel.findData("home_visit"))
        form.region.setCurrentIndex(form.region.findData(None))
        form.reported_by.setText("楼栋长 王大妈")
        set_date(form.reported_on, START)
        form.description.setPlainText(f"{name}独居,收入很少")
        form.save()
        filled["id"] = form.saved_id
        return form.result()

    with unittest.mock.patch.object(clue_form.ClueForm, "exec", fill):
        inbox.new_clue()
    return filled["id"]


def _select(inbox: Any, *ids: int) -> None:
    inbox.table.clearSelection()
    for clue_id in ids:
        row = next(r for r, c in enumerate(inbox.model.rows) if c.id == clue_id)
        inbox.table.selectRow(row) if len(ids) == 1 else inbox.table.selectionModel().select(
            inbox.model.index(row, 0), inbox.table.selectionModel().SelectionFlag.Select
            | inbox.table.selectionModel().SelectionFlag.Rows)


def test_the_loop_through_the_window(qtbot: Any, district: District, shown: list[str],
                                     capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    d = district
    policy.seed_default_policy(d.db)
    cli = Cli(d.db, capsys)
    office = Office(qtbot, d, cli)

    # -- 1 先发现: three clues from the form, none in the registry, none assigned --------------------------
    zhou = _file_clue(office, "周桂英", ZHOU)
    wu = _file_clue(office, "吴长顺", WU)
    zheng = _file_clue(office, "郑小军", ZHENG)
    assert shown == []
    inbox = office.page("discovery").inbox
    assert {c.id: (c.status, c.region_name, c.household_id) for c in inbox.model.rows} == {
        zhou: ("new", "", None), wu: ("new", "", None), zheng: ("new", "", None)}
    assert office.board() == {}
    listed = {c["id"]: c for c in cli.json("clue", "list")}
    assert {i: (c["source"], c["channel"]) for i, c in listed.items()} == {
        i: ("building_head", "home_visit") for i in (zhou, wu, zheng)}

    # -- the district assigns them in one go to 飞云社区 -----------------------------------------------
    _select(inbox, zhou, wu, zheng)
    assert len(inbox.selected()) == 3

    def choose(dialog: clue_form.AssignDialog) -> int:
        dialog.region.setCurrentIndex(dialog.region.findData(d.regions["飞云社区"]))
        return 1

    monkeypatch.setattr(clue_form.AssignDialog, "exec", choose)
    inbox.assign()
    assert wait_for_background() and shown == []
    assert {c.id: (c.status, c.region_name) for c in inbox.model.rows} == {
        i: ("assigned", "飞云社区") for i in (zhou, wu, zheng)}
    assert {c["id"]: c["status"] for c in cli.json("clue", "list", "--region", "飞云社区")} == {
        i: "assigned" for i in (zhou, wu, zheng)}
    assert office.board() == {}

    # -- 调查中 ------------------------------------------------------------------------------------------
    for clue_id in (zhou, wu, zheng):
        _select(inbox, clue_id)
        inbox.investigate()
    assert shown == []
    assert {c.id: c.status for c in inbox.model.rows} == {i: "investigating" for i in (zhou, wu, zheng)}
    assert cli.json("clue", "show", str(zhou))["status"] == "investigating"

    # -- 办结 ----------------------------------------------------------------------------------------------
    applied: list[int] = []

    def close(clue_id: int, outcome: str) -> None:
        def answer(dialog: clue_form.CloseClueDialog) -> int:
            dialog.choices[outcome].setChecked(True)
            dialog.note.setText(f"办结:{clues.OUTCOME_LABELS[outcome]}")
            set_date(dialog.closed_on, START)
            return 1

        monkeypatch.setattr(clue_form.CloseClueDialog, "exec", answer)
        _select(inbox, clue_id)
        inbox.close_clue()

    # 核对通过 asks the applications page to accept an application: here the office first completes the file
    def later(dialog: forms.AcceptDialog) -> int:
        applied.append(dialog.inputs.household.household_id())
        return 0

    asked: list[str] = []  # cancelled, the page asks whether to accept now or later: later
    with unittest.mock.patch.object(forms.AcceptDialog, "exec", later), unittest.mock.patch.object(
            applications_view, "confirmed", lambda _parent, _title, text, *_a: asked.append(text) or False):
        close(zhou, "passed")
    assert len(asked) == 1
    close(wu, "not_passed")
    close(zheng, "not_hardship")
    assert shown == [], shown
    info = {i: clues.get_clue(d.db, d.admin, i) for i in (zhou, wu, zheng)}
    hid = info[zhou].household_id
    assert hid is not None and applied == [hid]
    assert info[wu].household_id is not None and info[zheng].household_id is None
    assert office.board() == {"applying": ["周桂英"], "class_1": ["吴长顺"]}
    assert inbox.model.rowCount() == 0  # the open clues: none left

    # -- 家庭档案: the household made from the clue, completed (open it from the clue, as the inbox does) --
    inbox.status.setCurrentIndex(inbox.status.findText(clues.STATUS_LABELS["closed"]))
    _select(inbox, zhou)
    inbox.open_household()
    households = office.window.page("households")
    detail = households.details[hid]
    assert detail.isVisible() and [m.name for m in detail.current.members] == ["周桂英"]
    from desktop.views.household_detail import MemberDialog, MoneyDialog

    member = MemberDialog(detail, None)
    member.name.setText("周小明")
    member.id_number.setText(GRANDSON)
    member.relation.setCurrentIndex(member.relation.findData("grandchild"))
    member.schooling.setCurrentIndex(member.schooling.findData("compulsory"))
    member.buttons.button(member.buttons.StandardButton.Save).click()
    assert shown == [], shown
    assert [m.name for m in detail.current.members] == ["周桂英", "周小明"]
    income = MoneyDialog(detail, "income", None)
    income.member.setCurrentIndex(income.member.findData(detail.current.members[0].id))
    income.kind_combo.setCurrentIndex(income.kind_combo.findData("transfer"))
    income.amount.setText("7200")
    income.save()
    assert shown == [], shown
    assert [(x.kind, str(x.amount)) for x in detail.current.incomes] == [("transfer", "7200.00")]
    detail.close()

    # -- 综合评估: the wizard, 低保, with its explanation; "start an application" opens the accept dialog --
    accepted: dict[str, int] = {}

    def accept_commitment(dialog: forms.AcceptDialog) -> int:
        inputs = dialog.inputs
        assert inputs.household.household_id() == hid
        inputs.track.setCurrentIndex(inputs.track.findData("commitment"))
        set_date(inputs.accepted_on, START)
        inputs.signer.setText("周桂英")
        set_date(inputs.signed_on, START)
        dialog.accept()
        accepted["id"] = dialog.application_id
        return 1 if dialog.application_id is not None else 0

    assessment = office.page("assessment")
    with unittest.mock.patch.object(forms.AcceptDialog, "exec", accept_commitment), \
            unittest.mock.patch.object(detail_mod.ApplicationDetailDialog, "exec", lambda _self: 0):
        wiz = assessment.assess_household(hid)
        assert wiz.choose.selected_id() == hid
        wiz.next()
        assert len(wiz.members.rows) == 2
        wiz.next()
        wiz.next()
        wiz.next()
        wiz.verification.methods["home_survey"].setChecked(True)
        wiz.verification.methods["data_check"].setChecked(True)
        wiz.verification.investigators.setText("王芳、李强")
        wiz.next()
        assert wiz.currentPage() is wiz.result
        # 7,200 ÷ 12 ÷ 2 = 300 yuan, below the 低保 standard
        assert "低保" in wiz.result.headline.text()
        assert "7,200.00" in wiz.result.explanation.toPlainText()
        from PySide6.QtWidgets import QWizard
        with qtbot.waitSignal(wiz.saved, timeout=5000):
            wiz.button(QWizard.WizardButton.FinishButton).click()
        qtbot.waitUntil(lambda: "id" in accepted, timeout=5000)
    assert shown == [], shown
    app_id = accepted["id"]
    assert app_id is not None
    assessment.refresh()
    assert wait_for_background()
    assert [r.household_id for r in assessment.model.rows] == [hid]
    assert office.board() == {"applying": ["周桂英"], "class_1": ["吴长顺"]}
    deadlines = cli.json("deadlines")
    assert [(x["id"], x["household_id"], x["track"], x["status"]) for x in deadlines] == [
        (app_id, hid, "commitment", deadlines[0]["status"])]
    assert deadlines[0]["working_days_left"] is not None and deadlines[0]["working_days_left"] <= 10
    applications = office.page("applications")
    applications.refresh()
    assert wait_for_background()
    assert [(r.id, r.head_name) for r in applications.model.rows] == [(app_id, "周桂英")]

    # -- 申请审批: the steps and the decision, all today (well within 10 working days) ----------------------
    window = detail_mod.ApplicationDetailDialog(office.ctx, app_id, applications)
    qtbot.addWidget(window)
    window.show()

    def step(on: date, fill: Callable[[Any], None] | None = None) -> Callable[[Any], None]:
        def run(w: Any) -> None:
            set_date(w.on, on)
            if fill:
                fill(w)
            w.accept()
        return run

    def investigation(w: forms.StepDialog) -> None:
        w.investigators[0].setText("王芳")
        w.investigators[1].setText("李强")

    def decide(w: forms.DecisionDialog) -> None:
        set_date(w.on, START + timedelta(days=9))
        w.amount.setText("480")
        w.accept()

    fills = [step(START), step(START + timedelta(days=1), investigation),
             step(START + timedelta(days=8), lambda w: set_date(w.publicity_start, START + timedelta(days=1))),
             decide]

    def answer(w: Any) -> int:
        fills.pop(0)(w)
        return w.result()

    with unittest.mock.patch.object(forms.StepDialog, "exec", answer), \
            unittest.mock.patch.object(forms.DecisionDialog, "exec", answer):
        for key in ("check", "investigation", "publicity", "decision"):
            assert key in window.action_buttons, (key, list(window.action_buttons))
            window.action_buttons[key].click()
            assert shown == [], (key, shown)
    assert window.detail is not None and window.detail.row.status == "approved"
    window.close()
    assert office.board() == {"assisted": ["周桂英"], "class_1": ["吴长顺"]}
    assert cli.json("deadlines") == []
    applications.refresh()
    assert wait_for_background()

    # -- 月度发放登记: this month's payment ------------------------------------------------------------------
    payments = forms.MonthlyAssistanceDialog(office.ctx, today=TODAY)
    qtbot.addWidget(payments)
    # the approval wrote this month's payment already: the dialog has nothing left to record
    assert (payments.state.recorded, str(payments.state.recorded_amount), payments.state.due) == (1, "480.00", 0)
    assert not payments.record_button.isEnabled()
    month = cli.json("assistance-month", f"{TODAY:%Y-%m}", "--dry-run")
    assert (month["recorded"], month["due"]) == (1, 0)

    # -- the post-check queue: the commitment track's centralised cross-check and the yearly review -----
    applications.refresh()
    assert wait_for_background()
    assert sorted((c.application_id, c.kind) for c in applications.checks_model.rows) == [
        (app_id, "centralised"), (app_id, "periodic")]
    assert sorted((c["application_id"], c["kind"], c["head_name"]) for c in cli.json("post-checks")) == [
        (app_id, "centralised", "周桂英"), (app_id, "periodic", "周桂英")]

    # -- 统计分析: discovered households, the commitment track's median, the funnel, the drill-down -------
    statistics = office.page("statistics")
    statistics.refresh_button.click()
    assert wait_for_background()
    stats = statistics.stats
    assert stats is not None
    headline = dict(stats.headline())
    assert headline["主动发现家庭"] == "2 户"  # 周 and 吴: 郑 was no hardship case, no household
    assert headline["一类库"] == "1 户" and headline["救助中"] == "1 户"
    # ("约" before it while the year's holidays are not entered: working days only estimated)
    assert headline["告知承诺制审批用时中位数"].removeprefix("约 ").startswith(
        f"{stats.approval.summary['commitment'].median:g}")
    assert stats.approval.summary["commitment"].count == 1
    funnel = {b.key: b.value for b in stats.discoveries.funnel}
    assert funnel[next(iter(funnel))] == 2 and list(funnel.values())[-1] == 1, funnel
    statistics.list_records("funnel", list(funnel)[-1])
    assert wait_for_background()
    assert [r.head_name for r in statistics.drill.rows] == ["周桂英"]
    # the reverse branches: 吴 (一类库) is discovered and in a library, 郑 (not a hardship case) has no household
    assert (stats.discoveries.clues, {b.key: b.value for b in stats.discoveries.by_level}.get("informant"),
            {b.key: b.value for b in stats.discoveries.by_channel}.get("home_visit")) == (3, 3, 3)
    statistics.list_records("funnel", list(funnel)[0])
    assert wait_for_background()
    assert sorted(r.head_name for r in statistics.drill.rows) == ["吴长顺", "周桂英"]
    assert {b.key: b.value for b in stats.library.now}.get("class_1") == len(office.board()["class_1"]) == 1

    # -- 操作日志: one entry per step, each naming the household -----------------------------------------
    # Searched by the head's ID number (and by the 户编号) the log lists every step, the clue's first three
    # too, made before the household existed (they named no household and were left out).
    from desktop.services import households as hs

    for text in (ZHOU, hs.get_household(d.db, d.admin, hid).code):
        entries = [e for e in reversed(office.audit(text)) if e["household_id"] == hid
                   or (e["entity"], e["entity_id"]) == ("clues", zhou)]
        assert [e["action"] for e in entries if e["action"] not in ("household.view", "clue.view_full_id", "create_referral")] == [
            "clue.add", "clue.assign", "clue.investigate", "household.add", "library_move", "clue.close",
            "member.add", "income.add", "assessment_save", "application.accept", "application.step.check",
            "application.step.investigation", "application.step.publicity", "library_move",
            "application.decide"], entries
    # the window's 操作日志 lists the same, searched the same way
    tab = office.page("settings")
    from desktop.views.audit_log import AuditLogTab

    log = tab.findChild(AuditLogTab)
    assert log is not None
    log.text.setText(ZHOU)
    log.search_button.click()
    assert wait_for_background()
    assert len(log.model.rows) == len(office.audit(ZHOU))
