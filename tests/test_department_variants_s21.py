"""Department lists as real offices send them, round 7 (after test_department_variants_s15.py to _s20.py).

Defect found: a list's title typed in A1 above its header (or merged over it) that names a place
("八泉街道低保边缘人员名单", "八泉社区困难群众") was read as a group over the header's first column: the
header was said to start on the title's row, and the 序号 column was taken for a 街道 or 社区 column
(every row then "could not be placed"). So was a line about the list right above the header
("填报单位:八泉街道办事处 … 日期:…", "街道:八泉街道 | 社区:八泉社区", "八泉街道 | 2026年困难群众名单") and
a title typed in a middle cell to look centred. Each case gives what a careful clerk finds, header row included."""

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


def _rows(rows: list) -> list[list[Any]]:
    return [[*r, "13900000000"] for r in listed(rows)]


def street_title(tmp: Path) -> tuple[Path, dict]:
    """民政: the title in A1 alone, naming the 街道."""
    rows = people(Ids())
    path, want = book_of(tmp / "a.xlsx", [["八泉街道2026年低保边缘家庭名单"], HEADER, *_rows(rows)], rows)
    return path, {**want, "header_row": 2}


def community_title_merged(tmp: Path) -> tuple[Path, dict]:
    """The title merged over the header's width, naming a 社区."""
    rows = people(Ids())
    path, want = book_of(tmp / "b.xlsx", [["八泉社区困难群众"], HEADER, *_rows(rows)], rows, merges=("A1:D1",))
    return path, {**want, "header_row": 2}


def town_title_csv(tmp: Path) -> tuple[Path, dict]:
    """The same saved as GBK CSV: a short title reaches over the empty cells beside it."""
    rows = people(Ids())
    path, want = text_list(tmp / "c.csv", [["河口镇", "", "", ""], HEADER, *_rows(rows)], rows)
    return path, {**want, "header_row": 2}


def unit_and_date_line(tmp: Path) -> tuple[Path, dict]:
    """The title, then 填报单位 on the left and the date on the right, right above the header."""
    rows = people(Ids())
    lines = [["八泉街道困难群众名单"], ["填报单位:八泉街道办事处", None, None, "日期:2026年10月8日"], HEADER, *_rows(rows)]
    path, want = book_of(tmp / "d.xlsx", lines, rows)
    return path, {**want, "header_row": 3}


def place_labels(tmp: Path) -> tuple[Path, dict]:
    """街道:… and 社区:… in two cells above the header, as GBK CSV."""
    rows = people(Ids())
    path, want = text_list(tmp / "e.csv", [["街道:八泉街道", "", "社区:八泉社区", ""], HEADER, *_rows(rows)], rows)
    return path, {**want, "header_row": 2}


def place_and_title_cells(tmp: Path) -> tuple[Path, dict]:
    """The place in A1 and the title beside it in B1."""
    rows = people(Ids())
    path, want = book_of(tmp / "f.xlsx", [["八泉街道", "2026年困难群众名单"], HEADER, *_rows(rows)], rows)
    return path, {**want, "header_row": 2}


def title_in_a_middle_cell(tmp: Path) -> tuple[Path, dict]:
    """The title typed in C1 to look centred, nothing merged."""
    rows = people(Ids())
    path, want = book_of(tmp / "h.xlsx", [[None, None, "八泉街道困难群众名单"], HEADER, *_rows(rows)], rows)
    return path, {**want, "header_row": 2}


CASES: dict[str, Any] = {f.__name__: f for f in (street_title, community_title_merged, town_title_csv,
                                                 unit_and_date_line, place_labels, place_and_title_cells,
                                                 title_in_a_middle_cell)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


@pytest.mark.parametrize("case", CASES)
def test_a_title_naming_a_place_is_no_column(tmp_path: Path, case: str) -> None:
    path, _want = CASES[case](tmp_path)
    with ss.open_workbook(path) as book:
        layout = ss.find_layout(book)
    assert (layout.header_row, layout.header_height) == (_want["header_row"], 1)
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
