"""Department lists, acceptance round 34 (76 files and commands made outside the project; these are
the cases that failed, each failing before its fix):

- a list read by the guardian's ID column chosen by hand (``--id-column 监护人身份证号``, or the
  wizard's ID column changed) kept the pupil's name column: every clue would have paired one person's
  name with another person's number. The name now follows the ID column to the same person;
- ``--errors 错误.csv`` was refused with exit code 1, where every other output named other than .xlsx
  is refused by the argument check with exit code 2, as the README says;
- a UTF-16 text file without its byte-order mark was "not a spreadsheet nor a text table" when its
  cells held a no-break space or a zero-width space pasted in with the numbers;
- a named pipe or /dev/zero given as the file was read for ever."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main as cli_main
from desktop.io import spreadsheet as ss
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.import_wizard import DepartmentImportWizard
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_import_department_files import Ids, run


@pytest.mark.parametrize(("headers", "id_col", "name_col"), [
    (["学生姓名", "监护人姓名", "监护人身份证号", "学生身份证号", "学校"], 2, 1),
    (["学生姓名", "监护人姓名", "监护人身份证号", "学生身份证号", "学校"], 3, 0),
    (["姓名", "身份证号码", "监护人姓名", "监护人身份证号码"], 1, 0),
    (["姓名", "身份证号码", "监护人姓名", "监护人身份证号码"], 3, 2),
    # a two-row header: the group over the lower names ("监护人/姓名" as the reader names the column)
    (["姓名", "身份证号", "监护人/姓名", "监护人/身份证号"], 3, 2),
    (["患者姓名", "患者身份证号", "联系人", "联系人身份证号"], 1, 0),
    (["患者姓名", "患者身份证号", "联系人", "联系人身份证号"], 3, None),  # no name column of his
    (["姓 名", "身份证号(18位)", "备注"], 1, 0),
    (["姓名", "电话", "备注"], 1, None),  # not an ID column
])
def test_the_name_column_of_the_person_whose_number_is_read(headers: list[str], id_col: int,
                                                           name_col: int | None) -> None:
    assert ss.name_column_for(headers, id_col) == name_col


def _guardians(path: Path) -> tuple[Path, list[tuple[str, str, str, str]]]:
    ids = Ids()
    rows = [(f"学生{i}", f"家长{i}", ids.new(), ids.new()) for i in range(6)]
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["学生姓名", "监护人姓名", "监护人身份证号", "学生身份证号", "学校"])
    for pupil, parent, parent_id, pupil_id in rows:
        ws.append([pupil, parent, parent_id, pupil_id, "八泉小学"])
    book.save(path)
    return path, rows


def test_a_list_read_by_the_guardians_number_takes_the_guardians_name(db: Database, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path, rows = _guardians(tmp_path / "资助学生名单.xlsx")
    code, found = run(db, capsys, path, "--dry-run")
    assert code == 0 and found["columns"]["id_number"]["header"] == "学生身份证号"
    assert found["columns"]["name"]["header"] == "学生姓名"
    for given in ("监护人身份证号", "C"):
        code, found = run(db, capsys, path, "--dry-run", "--id-column", given)
        assert code == 0 and (found["columns"]["id_number"]["column"], found["columns"]["name"]["column"]) == ("C", "B")
    # a name column given too is kept
    code, found = run(db, capsys, path, "--dry-run", "--id-column", "C", "--name-column", "A")
    assert found["columns"]["name"]["header"] == "学生姓名"
    # imported: each clue is the guardian, by his name and number
    code, found = run(db, capsys, path, "--id-column", "C")
    assert code == 0 and found["clues_created"] == 6
    from sqlalchemy import select

    from desktop.models import Clue
    with db.session_factory() as s:
        made = set(s.execute(select(Clue.person_name, Clue.id_number)))
    assert made == {(parent, parent_id) for _pupil, parent, parent_id, _pupil_id in rows}


def test_in_the_wizard_the_name_follows_the_id_column_chosen(qtbot, sqlite_district: District,  # noqa: ANN001
                                                            tmp_path: Path) -> None:
    path, _rows = _guardians(tmp_path / "资助学生名单.xlsx")
    wizard = DepartmentImportWizard(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    wizard.file_page.department.setCurrentIndex(wizard.file_page.department.findText("教育"))
    wizard.next()
    assert wait_for_background() and wizard.currentPage() is wizard.mapping_page
    combos = wizard.mapping_page.combos
    assert (combos["id_number"].currentData(), combos["name"].currentData()) == (3, 0)

    def choose(index: int) -> None:  # as the user picks an item from the list
        combos["id_number"].setCurrentIndex(combos["id_number"].findData(index))
        combos["id_number"].activated.emit(combos["id_number"].currentIndex())

    choose(2)
    assert combos["name"].currentData() == 1  # 监护人姓名
    choose(3)
    assert combos["name"].currentData() == 0  # back to 学生姓名
    # a name chosen by hand stays until another ID column is chosen
    combos["name"].setCurrentIndex(combos["name"].findData(4))
    assert combos["name"].currentData() == 4
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page


@pytest.mark.parametrize("kind", ["department", "households"])
def test_an_error_list_named_other_than_xlsx_is_refused_by_the_argument_check(
        sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    source = tmp_path / "名单.csv"
    source.write_text("姓名,身份证号\n张三,420203199001011238\n", encoding="utf-8")
    extra = ["--department", "人社"] if kind == "department" else []
    with pytest.raises(SystemExit) as raised:
        cli_main(["import", kind, str(source), *extra, "--errors", str(tmp_path / "错误.csv"),
                  "--database-url", sqlite_db.url.render_as_string(hide_password=False)])
    assert raised.value.code == 2
    assert "应以 .xlsx 结尾" in capsys.readouterr().err
    assert not (tmp_path / "错误.csv").exists()


def test_utf16_without_its_mark_with_invisible_characters_in_the_cells(db: Database, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    ids = Ids()
    numbers = [ids.new() for _ in range(5)]
    lines = ["姓名\t身份证号"] + [f"人{i}\t{n}" for i, n in enumerate(numbers)]
    lines[2] = f"人1\t\u00a0{numbers[1]}\u00a0"
    lines[3] = f"人2\t{numbers[2]}\u200b"
    lines.append(f"人5\t{numbers[0]}")  # a repeat
    path = tmp_path / "名单.txt"
    for encoding in ("utf-16-le", "utf-16-be"):
        path.write_bytes("\r\n".join(lines).encode(encoding))
        code, found = run(db, capsys, path, "--dry-run")
        assert code == 0, found
        assert (found["encoding"], found["data_rows"], found["valid"], found["duplicates"]) == (encoding, 6, 5, 1)


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev/zero are POSIX")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_pipe_or_a_device_is_refused_at_once(sqlite_db: Database, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str], kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "名单.csv"
        os.mkfifo(path)  # nobody writes to it: opening it would wait for ever
    else:
        path = Path("/dev/zero")  # never ends
    url = sqlite_db.url.render_as_string(hide_password=False)
    for argv in (["import", "department", str(path), "--department", "人社", "--dry-run"],
                 ["import", "households", str(path)]):
        assert cli_main([*argv, "--database-url", url]) == 1
        err = capsys.readouterr().err
        assert f"“{path.name}”不是普通文件" in err and "Traceback" not in err


def test_the_summary_says_how_to_get_the_rows_to_correct(db: Database, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A list with wrong rows: the text summary says how to write them out for the department (a
    dry run: with --errors; once imported: from the batch in the window); none said when written."""
    ids = Ids()
    path = tmp_path / "名单.csv"
    path.write_text("姓名,身份证号\n" + "\n".join([f"人{i},{ids.new()}" for i in range(3)] + ["错一,42020319900101123"]),
                    encoding="utf-8")
    url = db.url.render_as_string(hide_password=False)
    base = ["import", "department", str(path), "--department", "人社", "--database-url", url]
    assert cli_main([*base, "--dry-run"]) == 0
    assert "无效和重复的 1 行可写成错误清单" in (out := capsys.readouterr().out) and "加 --errors 错误清单.xlsx" in out
    assert cli_main([*base, "--dry-run", "--errors", str(tmp_path / "错误.xlsx")]) == 0
    assert "可写成错误清单" not in capsys.readouterr().out
    assert cli_main(base) == 0
    assert "在“主动发现 › 导入记录”中选中该批次,点“保存错误清单”" in capsys.readouterr().out
