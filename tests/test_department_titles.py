"""Department lists: the lines above the header (a title, lines about the list) and the names
departments give their columns.

Defects found: a list's title typed in A1 above its header (or merged over it) that names a place
("八泉街道低保边缘人员名单", "八泉社区困难群众") was read as a group over the header's first column: the
header was said to start on the title's row, and the 序号 column was taken for a 街道 or 社区 column
(every row then "could not be placed"). So was a line about the list right above the header
("填报单位:八泉街道办事处 … 日期:…", "街道:八泉街道 | 社区:八泉社区", "八泉街道 | 2026年困难群众名单") and
a title typed in a middle cell to look centred. Each case gives what a careful clerk finds, header row
included. And 被帮扶人 / 帮扶对象 columns and field-code headers (SFZH, GMSFHM, ZJHM) were not read as
the name or the ID column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.io import spreadsheet as ss
from desktop.services.database import Database
from tests.test_department_variants_s15 import counts_a_clerk_finds, listed, text_list
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_import_department_files import Ids, people

HEADER = ["序号", "姓名", "身份证号码", "联系电话"]


# case: (what a department sends, the lines above the header, the file's name, merged cells)
TITLES: dict[str, tuple[str, list[list[Any]], str, tuple[str, ...]]] = {
    "street_title": ("民政: the title in A1 alone, naming the 街道", [["八泉街道2026年低保边缘家庭名单"]], "a.xlsx", ()),
    "community_title_merged": ("the title merged over the header's width, naming a 社区", [["八泉社区困难群众"]],
                               "b.xlsx", ("A1:D1",)),
    "town_title_csv": ("GBK CSV: a short title reaches over the empty cells beside it", [["河口镇", "", "", ""]],
                       "c.csv", ()),
    "unit_and_date_line": ("the title, then 填报单位 on the left and the date on the right",
                           [["八泉街道困难群众名单"], ["填报单位:八泉街道办事处", None, None, "日期:2026年10月8日"]],
                           "d.xlsx", ()),
    "place_labels": ("GBK CSV: 街道:… and 社区:… in two cells", [["街道:八泉街道", "", "社区:八泉社区", ""]], "e.csv", ()),
    "place_and_title_cells": ("the place in A1, the title beside it in B1", [["八泉街道", "2026年困难群众名单"]], "f.xlsx",
                              ()),
    "title_in_a_middle_cell": ("the title typed in C1 to look centred, nothing merged", [[None, None, "八泉街道困难群众名单"]],
                               "h.xlsx", ()),
}


def titled(tmp: Path, case: str) -> tuple[Path, dict]:
    """A list under the lines of ``case``, its header right below them."""
    _what, above, name, merges = TITLES[case]
    rows = people(Ids())
    lines = [*above, HEADER, *[[*r, "13900000000"] for r in listed(rows)]]
    path, want = text_list(tmp / name, lines, rows) if name.endswith(".csv") else book_of(tmp / name, lines, rows,
                                                                                         merges=merges)
    return path, {**want, "header_row": len(above) + 1}




@pytest.mark.parametrize("case", TITLES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *titled(tmp_path, case))


@pytest.mark.parametrize("case", TITLES)
def test_a_title_naming_a_place_is_no_column(tmp_path: Path, case: str) -> None:
    path, want = titled(tmp_path, case)
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book)
    assert (layout.header_row, layout.header_height) == (want["header_row"], 1)
    assert layout.mapping == {"name": 1, "id_number": 2, "phone": 3}
    assert layout.columns == HEADER


@pytest.mark.parametrize("upper", [["", "", "身份证", ""], ["序号", "姓名", "身份证", ""]])
def test_a_group_over_some_columns_is_still_a_group(tmp_path: Path, upper: list[str]) -> None:
    """"身份证" merged over 号码 | 有效期 is a group, alone in its row or not."""
    rows = people(Ids())
    lines: list[list[Any]] = [upper, ["序号", "姓名", "号码", "有效期"], *[[*r, "长期"] for r in listed(rows)]]
    path, _want = book_of(tmp_path / "g.xlsx", lines, rows, merges=("C1:D1",))
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book)
    assert (layout.header_row, layout.header_height) == (1, 2)
    assert layout.mapping["id_number"] == 2


@pytest.mark.parametrize(("name", "number"), [("被帮扶人", "身份证号"), ("帮扶对象", "证件号码"), ("XM", "SFZH"),
                                              ("xm", "GMSFHM"), ("XM", "ZJHM")])
def test_names_and_codes_departments_use(tmp_path: Path, name: str, number: str) -> None:
    """帮扶 lists name the person 被帮扶人 / 帮扶对象; a system's export may name its columns by their field
    codes alone (XM, SFZH, GMSFHM, ZJHM): the names are read with the numbers."""
    rows = people(Ids())
    path, _want = book_of(tmp_path / "n.xlsx", [["序号", name, number], *listed(rows)], rows)
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book)
    assert layout.header_row == 1 and layout.mapping == {"name": 1, "id_number": 2}
