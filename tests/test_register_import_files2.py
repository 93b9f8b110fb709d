"""Household register import on filled templates as other offices send them (relief-desk import
households FILE --json): cells merged down over a household's rows, an example row under the header."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop.cli import main as cli_main
from desktop.io import register_template as tpl
from desktop.models import Household, Income, Member
from desktop.services.database import Database
from tests.district import District
from tests.test_import_register import H1, H1_CHILD, H1_SPOUSE, H2, H3, add_regions, row, write_register

COL = {h: i for i, h in enumerate(tpl.HEADER)}
# Each household's own cells (户编号, 街道, 社区, 当前救助类别, 监测库别) and its wages, written once
# on its first row, as merged cells over its rows.
MERGED = ("户编号", "街道", "社区", "当前救助类别", "监测库别", "工资性收入")


def _rows(relation_of_child: str = "子女") -> list[list[Any]]:
    return [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 城乡类别="城市",
            工资性收入=36000, 当前救助类别="低保", 监测库别="无", 医疗支出=500),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 医疗支出=800),
        row(户编号="F001", 与户主关系=relation_of_child, 姓名="赵小", 身份证号=H1_CHILD, 在校情况="义务教育"),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇", 社区="道仕袱村", 城乡类别="农村",
            当前救助类别="特困"),
        row(户编号="F003", 与户主关系="本人", 姓名="李四", 身份证号=H3, 街道="八泉街道", 社区="八泉社区", 监测库别="一类库"),
    ]


def _groups(rows: list[list[Any]]) -> list[tuple[int, int]]:
    """(first, last) index of each household's rows."""
    spans: list[tuple[int, int]] = []
    for i, values in enumerate(rows):
        if spans and rows[spans[-1][0]][0] == values[0]:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    return spans


def _merged_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    ws.merge_range(0, 0, 0, len(tpl.HEADER) - 1, "2026年家庭台账")  # a title over the columns
    ws.write_row(2, 0, tpl.HEADER)
    merged: set[tuple[int, int]] = set()
    for first, last in _groups(rows):
        if last > first:
            for column in MERGED:
                c = COL[column]
                ws.merge_range(first + 3, c, last + 3, c, rows[first][c])
                merged.update((r, c) for r in range(first, last + 1))
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if (r, c) not in merged and v != "":
                ws.write_string(r + 3, c, v) if isinstance(v, str) else ws.write(r + 3, c, v)
    book.close()
    return path


def _merged_xls(path: Path, rows: list[list[Any]]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("家庭台账")
    ws.write_merge(0, 0, 0, len(tpl.HEADER) - 1, "2026年家庭台账")
    for c, h in enumerate(tpl.HEADER):
        ws.write(2, c, h)
    merged: set[tuple[int, int]] = set()
    for first, last in _groups(rows):
        if last > first:
            for column in MERGED:
                c = COL[column]
                ws.write_merge(first + 3, last + 3, c, c, rows[first][c])
                merged.update((r, c) for r in range(first, last + 1))
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if (r, c) not in merged and v != "":
                ws.write(r + 3, c, v)
    book.save(str(path))
    return path


def _import(db: Database, path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    url = db.url.render_as_string(hide_password=False)
    code = cli_main(["import", "households", str(path), "--json", "--database-url", url, *extra])
    out = json.loads(capsys.readouterr().out)
    assert code == 0, out
    return out


def _counts(out: dict[str, Any]) -> tuple[int, ...]:
    return (out["rows"], out["households"], out["households_created"], out["households_updated"],
            out["households_rejected"], out["persons"])


@pytest.mark.parametrize("writer", [_merged_xlsx, _merged_xls], ids=["xlsx", "xls"])
def test_household_cells_merged_down_over_its_rows(db: Database, district: District, tmp_path: Path, writer: Any,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """户编号, 街道, 社区 and the household's class written once, merged down over its rows, are
    each row's own: the members belong to the household (they were rows without 户编号, which
    refused it). An amount merged over the household's rows is one figure, counted once."""
    add_regions(db, district)
    out = _import(db, writer(tmp_path / f"merged.{writer.__name__[-3:]}", _rows()), capsys)
    assert _counts(out) == (5, 3, 3, 0, 0, 5) and out["errors"] == []
    with db.session_factory() as s:
        f1 = s.scalar(select(Household).where(Household.code == "F001"))
        assert (f1.member_count, f1.category, f1.region_id) == (3, "dibao", district.regions["飞云社区"])
        assert s.scalar(select(func.count()).select_from(Member).where(Member.household_id == f1.id)) == 3
        wages = s.scalars(select(Income.amount).where(Income.household_id == f1.id, Income.kind == "wages")).all()
        assert [Decimal(w) for w in wages] == [Decimal("36000")]


def test_error_workbook_of_a_merged_household_has_the_code_on_each_row(db: Database, district: District,
                                                                       tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A merged household with one bad member row is left out whole, the others are imported; the
    error workbook lists each of its rows with the household's code and region filled in, so that
    once the bad cell is corrected it imports as it is."""
    add_regions(db, district)
    errors = tmp_path / "错误清单.xlsx"
    out = _import(db, _merged_xlsx(tmp_path / "bad.xlsx", _rows(relation_of_child="邻居")), capsys,
                  "--errors", str(errors))
    assert _counts(out) == (5, 3, 2, 0, 1, 2)
    assert [(e["row"], e["column"]) for e in out["errors"]] == [(6, "与户主关系")]
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Household).where(Household.code == "F001")) == 0
        assert s.scalar(select(func.count()).select_from(Member).where(Member.id_number == H1_SPOUSE)) == 0
    sheet = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    at = next(i for i, values in enumerate(sheet) if values[:2] == ["户编号", "与户主关系"])
    listed = sheet[at + 1:]
    assert [(r[COL["户编号"]], r[COL["街道"]], r[COL["社区"]], r[COL["当前救助类别"]]) for r in listed] == [
        ("F001", "八泉街道", "飞云社区", "低保")] * 3
    assert [r[len(tpl.HEADER)] for r in listed] == [4, 5, 6]  # 原文件行号
    # corrected in the error workbook and sent again: F001 comes in whole
    fixed = tmp_path / "更正.xlsx"
    book = xlsxwriter.Workbook(str(fixed))
    ws = book.add_worksheet()
    for r, values in enumerate(sheet):
        for c, v in enumerate(values):
            if v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    ws.write_string(at + 3, COL["与户主关系"], "子女")
    book.close()
    out = _import(db, fixed, capsys)
    assert _counts(out) == (3, 1, 1, 0, 0, 3) and out["errors"] == []
    with db.session_factory() as s:
        f1 = s.scalar(select(Household).where(Household.code == "F001"))
        assert f1.member_count == 3
        # the wages written once for the household (merged over its rows) are still counted once
        assert s.scalar(select(func.sum(Income.amount)).where(Income.household_id == f1.id,
                                                              Income.kind == "wages")) == Decimal("36000")


@pytest.mark.parametrize("marker", ["示例", "填写示例:", "样例"])
def test_an_example_row_under_the_header_is_not_a_household(db: Database, district: District, tmp_path: Path,
                                                            marker: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An office's template showing how to fill it ("示例 | 本人 | 张三 | …" under the header) is
    not a household refused for its made-up ID number: the file's counts are its households'."""
    add_regions(db, district)
    path = tmp_path / "台账.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    ws.write_row(0, 0, tpl.HEADER)
    ws.write_row(1, 0, [marker, "本人", "张三", "420203199001011234", "八泉街道", "飞云社区", "某小区1栋"])
    for r, values in enumerate(_rows(), start=2):
        for c, v in enumerate(values):
            if v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    book.close()
    out = _import(db, path, capsys)
    assert _counts(out) == (5, 3, 3, 0, 0, 5) and out["errors"] == []


def test_a_code_that_lost_its_leading_zeros_since_the_last_register(db: Database, district: District,
                                                                    tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Last year's register wrote 户编号 00001 as text; this year's was saved with the column as
    numbers (1). The household is refused (its code is not guessed), and the message says why and
    what to write, instead of telling to move each person to another household in the system."""
    add_regions(db, district)
    first = [values[:] for values in _rows()]
    for values in first:
        values[COL["户编号"]] = {"F001": "00001", "F002": "00002", "F003": "00003"}[values[COL["户编号"]]]
    _import(db, write_register(tmp_path / "2025.xlsx", first), capsys)
    again = [values[:] for values in first]
    for values in again:
        values[COL["户编号"]] = int(values[COL["户编号"]])
    again[4][COL["户编号"]] = "00003"  # this one still written as text
    out = _import(db, write_register(tmp_path / "2026.xlsx", again), capsys)
    assert _counts(out) == (5, 3, 0, 1, 2, 1)
    messages = {(e["row"], e["column"]): e["message"] for e in out["errors"]}
    assert set(messages) == {(2, "户编号"), (3, "户编号"), (4, "户编号"), (5, "户编号")}
    said = messages[(2, "户编号")]
    assert "户编号“00001”" in said and "“1”只差开头的 0" in said and "文本格式" in said
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == 3


def test_a_family_the_system_holds_without_a_code(db: Database, district: District, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A household a clue made has no 户编号: the register listing that family under its code is
    refused, saying which code to give the household in the system (then it imports as an update)."""
    add_regions(db, district)
    with db.session_factory() as s:
        household = Household(region_id=district.regions["飞云社区"], head_name="赵大", head_id_number=H1,
                              head_id_reversed=H1[::-1], member_count=1, note="由线索 #1 建档")
        s.add(household)
        s.flush()
        s.add(Member(household_id=household.id, name="赵大", id_number=H1, id_reversed=H1[::-1], relation="self"))
        s.commit()
        hid = household.id
    errors = tmp_path / "错误清单.xlsx"
    out = _import(db, write_register(tmp_path / "台账.xlsx", _rows()), capsys, "--errors", str(errors))
    assert _counts(out) == (5, 3, 2, 0, 1, 2)
    [error] = out["errors"]
    assert (error["row"], error["column"]) == (2, "身份证号")
    assert "没有户编号" in error["message"] and "户编号填为“F001”" in error["message"]
    with db.session_factory() as s:  # as it says: the code given, the household's rows import as an update
        s.get(Household, hid).code = "F001"
        s.commit()
    out = _import(db, errors, capsys)
    assert (out["households_updated"], out["households_created"], out["households_rejected"]) == (1, 0, 0)
    with db.session_factory() as s:
        assert s.scalar(select(Household.member_count).where(Household.id == hid)) == 3


@pytest.mark.parametrize("spare", [
    {"工资性收入": 0, "经营净收入": 0, "医疗支出": 0},  # a 0 dragged down the amount columns
    {"户编号": "F009", "单亲家庭": "否", "当前救助类别": "无", "监测库别": "无"},  # pre-numbered, household columns ahead
    {"街道": "八泉街道", "社区": "飞云社区", "城乡类别": "城市"},
    {"健康状况": "健康", "残疾类别": "无", "残疾等级": "无", "劳动能力": "有", "在校情况": "无", "其他收入": "-"},
], ids=["zeros", "household-columns", "region", "defaults"])
def test_spare_rows_of_a_template_name_nobody(db: Database, district: District, tmp_path: Path, spare: dict[str, Any],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Rows under the last person that carry only what a template fills in ahead (0 in the amounts,
    否, the region, the defaults 健康/无/有) name nobody: they are not persons nor households refused
    for a missing name, and the file's counts are its people's. A row stating something about
    someone (an amount, 重病, a remark) is still a person, refused without a name."""
    add_regions(db, district)
    spare_rows = [row(**spare) for _ in range(4)]
    out = _import(db, write_register(tmp_path / "台账.xlsx", _rows() + spare_rows), capsys, "--dry-run")
    assert _counts(out) == (5, 3, 3, 0, 0, 5) and out["errors"] == []
    for said in ({"户编号": "F001", "医疗支出": 300}, {"户编号": "F001", "健康状况": "重病"}, {"户编号": "F001", "备注": "长子,身份证待补"}):
        out = _import(db, write_register(tmp_path / "台账2.xlsx", _rows() + spare_rows + [row(**said)]), capsys,
                      "--dry-run")
        assert _counts(out) == (6, 3, 2, 0, 1, 2), said
        assert ("姓名", "姓名为空") in {(e["column"], e["message"]) for e in out["errors"]}
