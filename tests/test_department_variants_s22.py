"""Department lists as real offices send them, round 8 (after test_department_variants_s15.py to _s21.py).

Defect found: ``import department --region 西塞山区`` (the district itself, by name or code) was taken as
an assignment: the new people's clues were marked "assigned" to the whole district and the command
printed ``"unassigned": 0``, although a clue for the whole district is one not yet assigned
(clues.add_clue keeps it unassigned, ``clue assign --region 西塞山区`` refuses it) and the window
offers only sub-districts and communities. The service refused nothing either when asked to assign a
batch's rows to the district (department_import.assign_rows). Both now refuse, saying why.

The other cases are shapes not tried before that were right already: an English header row above
the Chinese one (and below it), a template numbered down the sheet in advance with only some rows
filled, and the invisible characters a web page or an input method leaves around a number beside the
same number written as 15 digits after its 18-character form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import Clue, ImportBatch, ImportRow
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_department_variants_s15 import counts_a_clerk_finds, listed, text_list
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_import_department_files import Ids, Row, people, registered, run  # noqa: F401 (a fixture)

# -- the region given for the rows a list does not place --------------------------------------------


def _unplaced_list(tmp: Path) -> Path:
    """Two new people without any address or region column: only --region can place them."""
    ids = Ids()
    path = tmp / "公安局_无住址.csv"
    path.write_text(f"姓名,身份证号\n甲,{ids.new()}\n乙,{ids.new()}\n", encoding="utf-8")
    return path


def _count(db: Database, what: Any) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(what)) or 0


@pytest.mark.parametrize("region", ["西塞山区", "420203"])
@pytest.mark.parametrize("dry", [True, False])
def test_the_whole_district_is_no_region_to_assign_rows_to(screened: Database, district: District,  # noqa: F811
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          region: str, dry: bool) -> None:
    path = _unplaced_list(tmp_path)
    code, got = run(screened, capsys, path, "--region", region, *(["--dry-run"] if dry else []))
    assert code == 1 and got["code"] == "invalid_input"
    assert "全区" in got["error"] and "街道(镇)或社区(村)" in got["error"]
    assert _count(screened, ImportBatch) == 0 and _count(screened, Clue) == 0
    # a sub-district is an assignment: nothing left without one
    code, got = run(screened, capsys, path, "--region", "八泉街道", *(["--dry-run"] if dry else []))
    assert code == 0 and got["new"] == 2 and got["unassigned"] == 0


def test_a_batchs_rows_are_not_assigned_to_the_whole_district(screened: Database, district: District,  # noqa: F811
                                                              tmp_path: Path) -> None:
    result = di.import_department_list(screened, district.admin, _unplaced_list(tmp_path), "公安局")
    assert result.batch_id is not None and result.unassigned == 2
    with pytest.raises(ValidationFailed, match="全区"):
        di.assign_rows(screened, district.admin, result.batch_id, None, district.root_id)
    with screened.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ImportRow).where(ImportRow.region_id.is_not(None))) == 0
        assert set(s.scalars(select(Clue.status))) == {"new"}
    assert di.assign_rows(screened, district.admin, result.batch_id, None, district.regions["飞云社区"]) == 2
    assert di.count_batch_rows(screened, district.admin, result.batch_id)["unassigned"] == 0


# -- shapes ----------------------------------------------------------------------------------------

def english_above_chinese_header(tmp: Path) -> tuple[Path, dict]:
    """外事: "No. | Name | ID Number" above "序号 | 姓名 | 身份证号"; the Chinese row is no person."""
    rows = people(Ids())
    return book_of(tmp / "双语两行.xlsx", [["No.", "Name", "ID Number"], ["序号", "姓名", "身份证号"]] + listed(rows), rows)


def english_below_chinese_header(tmp: Path) -> tuple[Path, dict]:
    """The same with the English row under the Chinese one."""
    rows = people(Ids())
    return book_of(tmp / "双语两行下.xlsx", [["序号", "姓名", "身份证号"], ["No.", "Name", "ID Number"]] + listed(rows), rows)


def serials_filled_in_advance(tmp: Path) -> tuple[Path, dict]:
    """A template numbered 1–40 down the sheet, only the first rows filled: the numbers alone are no data."""
    rows = people(Ids())
    lines: list[list[Any]] = [["序号", "姓名", "身份证号", "备注"]]
    lines += [[*line, None] for line in listed(rows)]
    lines += [[i, None, None, None] for i in range(len(rows) + 1, 41)]
    return book_of(tmp / "预编序号.xlsx", lines, rows)


def invisible_characters_and_both_lengths(tmp: Path) -> tuple[Path, dict]:
    """UTF-8 CSV without BOM: a zero-width space, a no-break space, an ideographic space around numbers, a
    full-width ｘ; a number's 18-character form and then its 15 digits (a repeat)."""
    ids = Ids()
    short, long = ids.legacy()
    x = next(n for n in iter(ids.new, None) if n.endswith("X"))
    a = ids.new()
    rows: list[Row] = [("甲", "\u200b" + a, "new"), ("乙", ids.new() + "\u00a0", "new"), ("丙", "\u3000" + ids.new(), "new"),
                       ("丁", x[:17] + "ｘ", "new"), ("戊", long, "new"), ("己", short, "dup"), ("庚", a, "dup")]
    return text_list(tmp / "法院.csv", [["当事人姓名", "当事人身份证号"]] + [[n, v] for n, v, _w in rows], rows, "utf-8",
                     line_end=b"\n")


CASES: dict[str, Any] = {f.__name__: f for f in (
    english_above_chinese_header, english_below_chinese_header, serials_filled_in_advance,
    invisible_characters_and_both_lengths)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))
