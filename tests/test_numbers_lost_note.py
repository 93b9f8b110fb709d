"""A CSV whose ID numbers were saved as numbers (opened in Excel or WPS and saved again): besides each
row's reason, the command and the wizard say once what happened to the file and what to ask for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.cli import main as cli_main
from desktop.rules import idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import _run_wizard, text_list
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import (  # noqa: F401 (registered is a fixture)
    Ids,
    Row,
    registered,
)

NOTE = "未经 Excel/WPS 打开保存的原始文件"


def resaved_csv(tmp: Path) -> tuple[Path, dict]:
    """Three numbers as Excel writes a number cell to CSV (4.20203E+17; all 18 places, the last
    three zeros), and two numbers kept as text."""
    ids = Ids()
    zeroed = next(z for z in (ids.new()[:15] + "000" for _ in range(20)) if idcard.parse(z).reason is idcard.Invalid.FLOAT)
    rows: list[Row] = [("王伟", ids.new(), "new"), ("李芳", "4.20203E+17", "stored as a number"),
                       ("张娜", "4.20203199001012E+17", "stored as a number"),
                       ("刘英", zeroed, "stored as a number"), ("陈敏", ids.new(), "new")]
    return text_list(tmp / "医保_另存.csv", [["姓名", "身份证号"]] + [[n, v] for n, v, _w in rows], rows)


def summary(db: Database, capsys: pytest.CaptureFixture[str], path: Path) -> str:
    code = cli_main(["import", "department", str(path), "--department", "医保", "--dry-run",
                     "--database-url", db.url.render_as_string(hide_password=False)])
    assert code == 0
    return capsys.readouterr().out


def test_the_command_says_the_csv_was_saved_again(screened: Database, tmp_path: Path,  # noqa: F811
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path, want = resaved_csv(tmp_path)
    assert want["invalid"] == {"stored as a number": 3}
    out = summary(screened, capsys, path)
    assert "注意:有 3 行的身份证号在文件里已是数字" in out and NOTE in out


def test_no_note_for_a_workbook_or_a_clean_csv(screened: Database, district: District,  # noqa: F811
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = Ids()
    clean = text_list(tmp_path / "医保.csv", [["姓名", "身份证号"], ["王伟", ids.new()]], [])[0]
    assert NOTE not in summary(screened, capsys, clean)
    # a number cell in a workbook: each row's reason says it; the file was not saved through a CSV
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["李芳", 420203199001011238])
    book.save(tmp_path / "医保.xlsx")
    result = di.import_department_list(screened, district.admin, tmp_path / "医保.xlsx", "医保", dry_run=True)
    assert result.invalid == {"stored as a number": 1} and di.numbers_lost_note(result) == ""
    assert NOTE not in summary(screened, capsys, tmp_path / "医保.xlsx")


def test_the_wizard_shows_the_note_under_the_counts(qtbot: Any, registered: Database,  # noqa: F811
                                                    sqlite_district: District, messages: list[str],  # noqa: F811
                                                    tmp_path: Path) -> None:
    from desktop.views.context import AppContext

    path, _want = resaved_csv(tmp_path)
    wizard = _run_wizard(qtbot, AppContext(registered, sqlite_district.admin), path, "医保")
    note = wizard.dry_run_page.counts.note
    assert NOTE in note.text() and not note.isHidden()
    assert wait_for_background()
