"""A clue closed as "check passed" and the application it starts (session 22): the household waits in
申请中 visibly (the clue inbox, the applications page, clue list/show, deadlines) until the application is
accepted or the clue reopened; the clue form takes any department's name as the command does; a source
category's word (部门, 部门名单) is refused as the department that sent a list, as clue add refuses it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from sqlalchemy import func, select

from desktop.cli import main as cli_main
from desktop.models import Household, ImportBatch
from desktop.rules import codes, idcard
from desktop.services import applications, clues
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.services.errors import ValidationFailed
from desktop.views import applications as applications_view
from desktop.views import clue_form
from desktop.views.application_forms import AcceptDialog
from desktop.views.applications import ApplicationsPage
from desktop.views.context import AppContext
from desktop.views.discovery import DiscoveryPage
from desktop.views.import_wizard import DepartmentImportWizard
from tests.district import District
from tests.test_clue_acceptance_s22 import _registry_person
from tests.test_discovery_views import messages  # noqa: F401  (a fixture: message boxes recorded, not shown)
from tests.test_import_department import write_list

ID = idcard.make("420203", date(1975, 3, 3), 71)


def _cli(db: Database, *args: str) -> int:
    return cli_main([*args, "--database-url", db.url.render_as_string(hide_password=False)])


def _household(db: Database, region_id: int) -> int:
    return _registry_person(db, region_id, "孙八", ID)


def _clue(d: District, household_id: int) -> int:
    return clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="volunteer", reported_on=date.today(), description="走访发现",
        household_id=household_id))


def _closed_as_passed(d: District) -> tuple[int, int]:
    household = _household(d.db, d.regions["飞云社区"])
    clue_id = _clue(d, household)
    result = clues.close_clue(d.db, d.admin, clue_id, "passed")
    assert result.start_application and result.to_stage == codes.Stage.APPLYING
    return clue_id, household


# -- item 1: a household in 申请中 with no application is listed, not lost -------------------------------

def test_a_clue_closed_as_passed_leaves_its_household_awaiting_an_application_until_accepted(
        district: District) -> None:
    d = district
    clue_id, household = _closed_as_passed(d)
    info = clues.get_clue(d.db, d.admin, clue_id)
    assert info.awaits_application and info.outcome_text == "授权核对通过,启动申请(待受理申请)"
    assert [c.awaits_application for c in clues.list_clues(d.db, d.admin)] == [True]
    waiting = applications.awaiting_acceptance(d.db, d.admin)
    assert [(a.household_id, a.head_name, a.clue_id, a.since) for a in waiting] == [
        (household, "孙八", clue_id, date.today())]
    # out of a community worker's region it is not theirs to see
    assert applications.awaiting_acceptance(d.db, d.actor("community_worker"))[0].household_id == household
    worker_elsewhere = d.actor("subdistrict_caseworker")  # 八泉街道 holds 飞云社区: theirs too
    assert applications.awaits_acceptance(d.db, worker_elsewhere, household)

    applications.accept(d.db, d.admin, household_id=household, category="dibao", accepted_on=date.today())
    assert not clues.get_clue(d.db, d.admin, clue_id).awaits_application
    assert list(applications.awaiting_acceptance(d.db, d.admin)) == []
    assert not applications.awaits_acceptance(d.db, d.admin, household)


def test_closing_as_passed_while_an_application_runs_starts_no_second_one(district: District) -> None:
    d = district
    household = _household(d.db, d.regions["飞云社区"])
    applications.accept(d.db, d.admin, household_id=household, category="dibao", accepted_on=date.today())
    clue_id = _clue(d, household)
    result = clues.close_clue(d.db, d.admin, clue_id, "passed")
    assert not result.start_application  # the window asked for an application the family already has
    assert not clues.get_clue(d.db, d.admin, clue_id).awaits_application


def test_reopening_the_clue_takes_the_household_out_of_waiting(district: District) -> None:
    d = district
    clue_id, household = _closed_as_passed(d)
    clues.reopen_clue(d.db, d.admin, clue_id, reason="办结有误")
    assert list(applications.awaiting_acceptance(d.db, d.admin)) == []
    with d.db.session_factory() as s:
        assert s.get(Household, household).stage is None  # back where it was: not on the board


def test_the_command_line_says_the_household_awaits_its_application(district: District,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    d = district
    household = _household(d.db, d.regions["飞云社区"])
    clue_id = _clue(d, household)
    assert _cli(d.db, "clue", "close", str(clue_id), "--outcome", "check passed") == 0
    out = capsys.readouterr().out
    assert f"家庭 #{household} 在“申请中”,等待受理申请" in out and "待受理" in out
    assert _cli(d.db, "clue", "list") == 0
    out = capsys.readouterr().out
    assert "授权核对通过,启动申请(待受理申请)" in out and f"尚未受理申请(#{clue_id})" in out
    assert _cli(d.db, "clue", "show", str(clue_id)) == 0
    assert f"待办:家庭 #{household} 尚未受理申请" in capsys.readouterr().out
    assert _cli(d.db, "clue", "show", str(clue_id), "--json") == 0
    assert '"awaits_application": true' in capsys.readouterr().out
    assert _cli(d.db, "deadlines") == 0
    assert f"另有 1 户在“申请中”但尚未受理申请(未计期限):孙八(家庭 #{household},线索 #{clue_id}" in (
        capsys.readouterr().out)
    applications.accept(d.db, d.admin, household_id=household, category="dibao", accepted_on=date.today())
    assert _cli(d.db, "clue", "show", str(clue_id)) == 0
    assert "待办" not in capsys.readouterr().out
    assert _cli(d.db, "deadlines") == 0
    assert "尚未受理" not in capsys.readouterr().out


def test_a_cancelled_application_form_asks_and_the_household_stays_listed(
        qtbot, district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    d = district
    clue_id, household = _closed_as_passed(d)
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.awaiting_button.isHidden())
    assert page.awaiting_button.text() == page.tr("{n} household(s) awaiting acceptance").format(n=1)
    actions = page.awaiting_button.menu().actions()
    assert len(actions) == 1 and "孙八" in actions[0].text() and f"#{clue_id}" in actions[0].text()

    shown: list[int | None] = []
    asked: list[str] = []
    answers = iter([True, False])  # accept now (the form again), then later
    monkeypatch.setattr(AcceptDialog, "exec", lambda self: shown.append(self.inputs.household.household_id()) or 0)
    monkeypatch.setattr(applications_view, "confirmed",
                        lambda _parent, _title, text, *_a, **_k: asked.append(text) or next(answers))
    actions[0].trigger()  # as the window does after the clue was closed (applyForHousehold)
    assert shown == [household, household] and len(asked) == 2
    assert applications.awaits_acceptance(d.db, d.admin, household)  # still listed, nothing half-done
    qtbot.waitUntil(lambda: not page.awaiting_button.isHidden())

    applications.accept(d.db, d.admin, household_id=household, category="dibao", accepted_on=date.today())
    page.ctx.changes.publish("applications", 0)
    qtbot.waitUntil(lambda: page.awaiting_button.isHidden())
    page.apply_for_household(household)  # cancelled with its application accepted: nothing to ask
    assert len(asked) == 2


def test_the_clue_inbox_shows_the_household_awaiting_its_application(qtbot, district: District) -> None:
    d = district
    clue_id, household = _closed_as_passed(d)
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.status.setCurrentIndex(inbox.status.findText("已办结"))
    qtbot.waitUntil(lambda: inbox.model.rowCount() == 1)
    assert inbox.model.index(0, 8).data() == "授权核对通过,启动申请(待受理申请)"
    inbox.table.selectRow(0)
    assert "awaiting its application" in inbox.detail.toPlainText()
    asked: list[int] = []
    page.ctx.nav.applyForHousehold.connect(asked.append)
    inbox.detail.anchorClicked.emit(QUrl("#apply"))
    assert asked == [household]


# -- item 2: the clue form takes another department by its name ------------------------------------------

def test_the_clue_form_takes_a_department_outside_the_list_as_the_command_does(qtbot, district: District) -> None:
    d = district
    form = clue_form.ClueForm(AppContext(d.db, d.admin))
    qtbot.addWidget(form)
    form.name.setText("周九")
    form.description.setPlainText("法院移送")
    form.level.setCurrentIndex(form.level.findData("informant"))
    assert not form.source.isEditable()
    form.level.setCurrentIndex(form.level.findData("department"))
    assert form.source.isEditable()
    form.source.setEditText("部门名单")
    assert "是线索来源的类别,不是具体来源" in form.source_hint.text()
    form.save()
    assert form.result() == 0 and "是线索来源的类别,不是具体来源" in form.message.text()
    form.source.setEditText("区人社局")
    assert form.source_value() == "区人社局" and "人社" in form.source_hint.text()
    form.source.setEditText(" 法 院")
    assert form.source_hint.text() == form.tr("Other department: the clue is kept under the name “{name}”.").format(
        name="法院")
    form.save()
    assert form.result() == 1
    saved = clues.get_clue(d.db, d.admin, form.saved_id)
    assert (saved.source_level, saved.source, saved.source_label) == ("department", "法院", "法院")
    assert _cli(d.db, "clue", "add", "--name", "周九", "--source", "法院", "--description", "命令行") == 0
    assert clues.list_clues(d.db, d.admin)[0].source == saved.source  # the same source both ways

    edit = clue_form.ClueForm(AppContext(d.db, d.admin), clue_id=form.saved_id)
    qtbot.addWidget(edit)
    assert edit.source.currentText() == "法院" and edit.source_value() == "法院"
    edit.source.setCurrentIndex(edit.source.findData("hrss"))
    assert edit.source_value() == "hrss"


# -- item 3: a category's word is no department for an import -------------------------------------------

@pytest.mark.parametrize("words", ["部门", "部门名单", "department", "部门推送", "四级信息员", "其他部门"])
def test_import_department_refuses_a_category_word_as_clue_add_does(
        db: Database, district: District, tmp_path: Path, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_list(tmp_path / "名单.csv")
    assert _cli(db, "import", "department", str(path), "--department", words) == 1
    err = capsys.readouterr().err
    assert f"“{words}”是线索来源的类别,不是具体来源:请写其中之一:区总工会、教育" in err
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0
    with pytest.raises(ValidationFailed, match="是线索来源的类别"):
        di.import_department_list(db, district.admin, path, words)
    with pytest.raises(SystemExit):  # clue add says it in the same words
        _cli(db, "clue", "add", "--name", "测试", "--source", "部门名单", "--description", "x")
    assert "“部门名单”是线索来源的类别,不是具体来源:请写其中之一:区总工会、教育" in capsys.readouterr().err


def test_the_wizard_refuses_a_category_word_for_the_department(qtbot, district: District, tmp_path: Path,
                                                               messages: list[str]) -> None:  # noqa: F811
    d = district
    wizard = DepartmentImportWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.path.setText(str(write_list(tmp_path / "名单.csv")))
    page.department.setEditText("部门名单")
    assert "“部门名单”是线索来源的类别,不是具体来源" in page.department_hint.text()
    wizard.next()
    assert wizard.currentPage() is page and "“部门名单”是线索来源的类别,不是具体来源" in messages[-1]


def test_a_category_word_kept_as_a_department_before_is_offered_no_more(district: District) -> None:
    d = district
    with d.db.session_factory() as s:
        for name in ("部门", "公安局"):
            s.add(ImportBatch(kind=di.KIND, department=name, file_name="x.csv", file_hash=name, counts={},
                              imported_by="admin"))
        s.commit()
    assert di.other_departments(d.db, d.admin) == ["公安局"]
