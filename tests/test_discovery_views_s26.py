"""The discovery views, round 26 of the user's-eye review: what the closing dialog says up front, and
what Enter does in a batch's rows dialog and in the register dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from sqlalchemy import func, select

from desktop.models import Clue, Household
from desktop.rules import idcard
from desktop.services import clues
from desktop.services import department_import as di
from desktop.services import register_import as ri
from desktop.views import clue_form
from desktop.views.context import AppContext
from desktop.views.discovery import BatchRowsDialog, ClueInboxTab, ImportHistoryTab
from desktop.views.operations import wait_for_background
from desktop.views.register_import import RegisterImportDialog
from tests.district import District

SAMPLE_REGISTER = Path("/work/shared/samples/家庭台账_导入示例.xlsx")


def _clue(d: District, region_id: int | None, day: int) -> int:
    return clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date.today(), description="独居老人",
        person_name=f"冯{day}", id_number=idcard.make("420203", date(1951, 2, day), 60 + day), region_id=region_id))


def _notes(dialog: clue_form.CloseClueDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_closing_an_unassigned_clue_says_to_assign_it_first(qtbot, district: District,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A clue without household or region: the first three outcomes are refused (a household needs its
    community), which the dialog said only after it was filled in, and its note spoke of "the assigned
    region" there was none of. It says so before, and the outcome it names as possible does close it."""
    d = district
    ctx = AppContext(d.db, d.admin)
    free = _clue(d, None, 3)
    placed = _clue(d, d.regions["飞云社区"], 4)

    dialog = clue_form.CloseClueDialog(clues.get_clue(d.db, d.admin, free))
    qtbot.addWidget(dialog)
    text = _notes(dialog)
    assert "not assigned yet" in text and "“Assign…”" in text and "Not a hardship case" in text
    assert "in the assigned region" not in text
    other = clue_form.CloseClueDialog(clues.get_clue(d.db, d.admin, placed))
    qtbot.addWidget(other)
    assert "in the assigned region" in _notes(other) and "not assigned yet" not in _notes(other)
    # assigned to a sub-district only: the household needs a community too, said the same way
    street = _clue(d, d.regions["八泉街道"], 5)
    assert clues.get_clue(d.db, d.admin, street).in_community is False
    assert next(c for c in clues.list_clues(d.db, d.admin) if c.id == placed).in_community is True
    third = clue_form.CloseClueDialog(clues.get_clue(d.db, d.admin, street))
    qtbot.addWidget(third)
    assert "assigned to 八泉街道, not to a community" in _notes(third) and "“Assign…”" in _notes(third)
    assert "in the assigned region" not in _notes(third)

    # What the note says holds: "check passed" is refused until the clue is assigned …
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: seen.append(a[2])))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: seen.append(a[2])))
    inbox = ClueInboxTab(ctx)
    qtbot.addWidget(inbox)
    row = next(r for r, c in enumerate(inbox.model.rows) if c.id == free)
    answers = iter(["passed", None])

    def answer(dialog: clue_form.CloseClueDialog) -> int:
        outcome = next(answers)
        if outcome is None:
            return 0  # the refusal shows the dialog again: cancelled
        dialog.choices[outcome].setChecked(True)
        return 1

    monkeypatch.setattr(clue_form.CloseClueDialog, "exec", answer)
    inbox.table.selectRow(row)
    inbox.close_clue()
    assert any("分派" in m for m in seen)
    assert clues.get_clue(d.db, d.admin, free).status == "new"

    # … and "not a hardship case" closes it as it is.
    def not_hardship(dialog: clue_form.CloseClueDialog) -> int:
        dialog.choices["not_hardship"].setChecked(True)
        return 1

    monkeypatch.setattr(clue_form.CloseClueDialog, "exec", not_hardship)
    inbox.table.selectRow(next(r for r, c in enumerate(inbox.model.rows) if c.id == free))
    inbox.close_clue()
    closed = clues.get_clue(d.db, d.admin, free)
    assert (closed.status, closed.outcome) == ("closed", "not_hardship")


def test_enter_in_a_batch_rows_dialog_closes_it_and_assigns_nothing(qtbot, district: District,
                                                                    tmp_path: Path) -> None:
    """Enter on a row went to the first push button, 分派选中行: the rows selected were assigned to the
    region the combo happened to show, with no question. Enter now closes the dialog, as Esc does."""
    d = district
    ctx = AppContext(d.db, d.admin)
    rows = ["序号,姓名,身份证号"] + [f"{i},褚{i},{idcard.make('420203', date(1962, 5, 1 + i), 70 + i)}" for i in range(3)]
    path = tmp_path / "残联_名单.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = di.import_department_list(d.db, d.admin, path, "残联")
    assert result.counts()["unassigned"] == 3
    batch = next(b for b in di.list_batches(d.db, d.admin, di.KIND) if b.id == result.batch_id)

    dialog = BatchRowsDialog(ctx, batch)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.table.setFocus()
    dialog.table.selectAll()
    assert dialog.assign_selected.isEnabled() and dialog.region.currentData() is not None
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with d.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Clue).where(
            Clue.batch_id == batch.id, Clue.region_id.is_not(None))) == 0
    assert di.count_batch_rows(d.db, d.admin, batch.id).get("unassigned") == 3
    # the buttons still assign when pressed
    again = BatchRowsDialog(ctx, batch)
    qtbot.addWidget(again)
    again.table.selectAll()
    qtbot.mouseClick(again.assign_selected, Qt.MouseButton.LeftButton)
    assert wait_for_background()
    assert di.count_batch_rows(d.db, d.admin, batch.id).get("unassigned") == 0


@pytest.mark.skipif(not SAMPLE_REGISTER.exists(), reason="shared sample files not present")
def test_enter_after_typing_a_register_path_runs_the_dry_run(qtbot, district: District,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The path pasted and Enter pressed opened the file dialog (浏览 was the first button); it runs the
    dry run, which writes nothing, and does nothing while there is no path."""
    d = district
    browsed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *a, **k: browsed.append("browse") or ("", "")))
    dialog = RegisterImportDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.path.setFocus()
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # no path: nothing happens
    assert dialog.isVisible() and dialog.result is None and browsed == []
    dialog.path.setText(str(SAMPLE_REGISTER))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert wait_for_background()
    assert browsed == [] and dialog.isVisible()
    assert dialog.result is not None and dialog.result.dry_run and dialog.result.rows > 0
    with d.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == 0


@pytest.mark.skipif(not SAMPLE_REGISTER.exists(), reason="shared sample files not present")
def test_history_says_why_a_register_batch_has_its_buttons_grey(qtbot, district: District) -> None:
    """A household register batch selected greyed out 查看明细, 保存错误清单 and 撤销本批导入 with no
    word why; the line under the list says it."""
    d = district
    result = ri.import_households(d.db, d.admin, SAMPLE_REGISTER, dry_run=False)
    assert result.batch_id is not None
    tab = ImportHistoryTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    row = next(r for r, b in enumerate(tab.batches) if b.id == result.batch_id)
    tab.table.selectRow(row)
    assert not (tab.rows_button.isEnabled() or tab.errors_button.isEnabled() or tab.undo_button.isEnabled())
    assert "cannot be undone as a whole" in tab.hash_label.text() and "家庭档案" in tab.hash_label.text()
    assert "SHA-256" in tab.hash_label.text()
    # its rows counted as a list's (rows = imported + left out with their households), as the command says
    counts = [tab.model.index(row, col).data() for col in range(4, 7)]
    rejected = len(result.rejected_rows)
    assert rejected > 0  # the sample has households this district cannot take: both columns are tried
    assert [str(n).replace(",", "") for n in counts] == [str(result.rows), str(result.rows - rejected), str(rejected)]
