"""教育 lists of students: the national student number (全国学籍号) is "G" and the student's ID number.
A list whose only number column is the student number is screened by the ID number inside it; a list
with an ID column too is read from the ID column."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.io import spreadsheet as ss
from desktop.rules import idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_department_variants_s15 import counts_a_clerk_finds, wizard_counts_as_the_command
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_discovery_views import messages  # noqa: F401 (a fixture)
from tests.test_import_department_files import IN, KNOWN, Ids, Row, registered  # noqa: F401 (a fixture)


def test_the_id_number_inside_a_student_number() -> None:
    number = idcard.make("420203", date(2012, 3, 1), 37)
    assert idcard.from_student_number("G" + number) == number
    assert idcard.from_student_number(" g" + number[:-1] + "x ") == number[:-1] + "X"  # as typed
    temporary = "L" + number[1:] + "1"  # no ID number yet: judged by parse() as it is
    for other in (number, temporary, "G" + number[:17], "J" + number, 4.2e17, None):
        assert idcard.from_student_number(other) == other
    assert idcard.parse(temporary).reason is idcard.Invalid.CHARACTERS


@pytest.mark.parametrize("header", ["全国学籍号", "学籍号", "学生学籍号", "学籍号(全国)", "全国学籍编号"])
def test_a_student_number_column_is_the_id_column_when_no_other_is(header: str) -> None:
    assert ss.id_inside(ss.header_key(header)) is idcard.from_student_number
    assert ss.id_inside(ss.header_key("学籍状态")) is None and ss.id_inside(ss.header_key("身份证号")) is None


def students(tmp: Path, *, with_id_column: bool) -> tuple[Path, dict]:
    ids = Ids()
    first = ids.new()
    rows: list[Row] = [("王小伟", "G" + first, "new"), ("李小芳", "G" + IN, "in"), ("张小娜", "g" + KNOWN, "known"),
                       ("刘小英", "G" + ids.bad_check(), "check character"), ("陈小敏", "G" + first, "dup"),
                       ("杨小静", "L" + ids.new()[1:] + "5", "characters"), ("黄小丽", "", "empty")]
    header = ["序号", "学生姓名", "全国学籍号", "学校", "年级"]
    lines: list[list[Any]] = [["2026年秋季学期家庭经济困难学生名单"], header]
    for i, (name, value, _what) in enumerate(rows, 1):
        lines.append([i, name, value, "八泉小学", "五年级"])
    if with_id_column:  # the ID column is read: the student numbers beside it are left alone
        lines[1].insert(3, "身份证号")
        for line, (_name, value, _what) in zip(lines[2:], rows, strict=True):
            line.insert(3, idcard.from_student_number(value))
    path, want = book_of(tmp / ("教育_学生名单_身份证.xlsx" if with_id_column else "教育_学生名单.xlsx"), lines, rows)
    return path, want


@pytest.mark.parametrize("with_id_column", [False, True])
def test_a_list_of_students_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str],
                                                           with_id_column: bool) -> None:
    path, want = students(tmp_path, with_id_column=with_id_column)
    assert want["invalid"] == {"check character": 1, "characters": 1, "empty": 1} and want["duplicates"] == 1
    counts_a_clerk_finds(screened, capsys, tmp_path, path, want)
    preview = di.preview(path, "教育")
    assert preview.columns[preview.mapping["id_number"]] == ("身份证号" if with_id_column else "全国学籍号")


def test_the_wizard_reads_the_student_numbers_as_the_command(qtbot: Any, registered: Database,  # noqa: F811
                                                             sqlite_district: District, messages: list[str],  # noqa: F811
                                                             tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, want = students(tmp_path, with_id_column=False)
    wizard = wizard_counts_as_the_command(qtbot, registered, sqlite_district, capsys, path, want)
    preview = wizard.preview
    assert preview is not None
    checks = di.check_samples(preview, wizard.mapping_page.mapping())
    assert [c.usable for c in checks][:4] == [True, True, True, False]  # the preview judges them as the import
    assert wait_for_background()
