"""Household registers from other offices, round 7 (relief-desk import households FILE [--json], and the
window): a register whose header lacks 身份证号 (left out, or headed 证件编码), or lacks 与户主关系 with a
person without an ID number near the top, stopped with an internal error (KeyError) instead of
saying which required column is missing; the window's reading of the file failed the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.io import register_template as tpl
from desktop.models import Household, ImportBatch
from desktop.services import register_import as ri
from desktop.services.database import Database
from tests.district import District
from tests.test_register_variants_s15 import count as count_of
from tests.test_register_variants_s15 import families, import_json, table
from tests.test_register_variants_s15 import write_csv as csv_file
from tests.test_register_variants_s15 import write_xlsx as xlsx_file


def _without(column: str, renamed: str | None) -> list[list]:
    """The families' register with ``column`` left out (``renamed`` None) or headed ``renamed``;
    the first person's ID number blank (a newborn without one yet), as registers have."""
    people = families()
    people[0] = dict(people[0], 身份证号="")
    rows = table(people)
    i = rows[0].index(column)
    if renamed is None:
        return [r[:i] + r[i + 1:] for r in rows]
    rows[0][i] = renamed
    return rows


@pytest.mark.parametrize(("column", "renamed"), [("身份证号", None), ("身份证号", "证件编码"),
                                                 ("与户主关系", None), ("与户主关系", "称谓")])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_missing_id_or_relation_column_is_named(db: Database, district: District, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str], column: str,
                                                  renamed: str | None, kind: str) -> None:
    rows = _without(column, renamed)
    path = (xlsx_file(tmp_path / "台账.xlsx", rows) if kind == "xlsx" else csv_file(tmp_path / "台账.csv", rows))
    status, out = import_json(db, capsys, path)
    assert status == 1 and out["code"] == "invalid_file"
    assert "表头缺少必需的列" in out["error"] and column in out["error"]
    assert count_of(db, Household) == 0 and count_of(db, ImportBatch) == 0
    # the window reads the file first: it says the same under the file (no error box of an internal error)
    preview = ri.preview_register(path)
    assert column in preview.problem and "表头缺少必需的列" in preview.problem


def test_the_header_is_still_found_under_notes_without_an_id_column(tmp_path: Path) -> None:
    """The notes row under a header (how to fill each column) is still told from a person once the
    header is complete; the check on an incomplete header must not need the ID column."""
    rows = table(families())
    notes = ["填写户编号", "本人/配偶/子女", "填写姓名", "18位身份证号"] + [""] * (len(tpl.HEADER) - 4)
    rows.insert(1, notes)
    from desktop.io import spreadsheet as ss

    book = ss.open_workbook(xlsx_file(tmp_path / "台账.xlsx", rows))
    try:
        layout = tpl.find_register_header(book)
    finally:
        book.close()
    assert layout.header_row == 1 and len(layout.columns) == len(tpl.HEADER)


def test_the_template_saved_from_the_window_under_a_name_typed_without_xlsx(
        qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # noqa: ANN001
    """The save dialog (not the Windows one) returns a name typed without its suffix as it is: the
    template was written to a file "家庭台账模板" that nothing opens (the command asks for .xlsx)."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.views.register_import import RegisterImportDialog

    dialog = RegisterImportDialog(ctx=None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    typed = tmp_path / "家庭台账模板"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(typed), "")))
    dialog.save_template()
    saved = tmp_path / "家庭台账模板.xlsx"
    assert saved.is_file() and not typed.exists() and str(saved) in dialog.summary.text()
    from desktop.io import spreadsheet as ss

    book = ss.open_workbook(saved)
    try:
        assert tpl.find_register_header(book).columns == {c: i for i, c in enumerate(tpl.HEADER)}
    finally:
        book.close()
