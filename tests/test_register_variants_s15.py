"""Household registers as other offices send them (relief-desk import households FILE [--json]):
the command's exit status when no household could be imported."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
import xlwt
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop import cli
from desktop.io import register_template as tpl
from desktop.models import Household, ImportBatch
from desktop.rules import idcard
from desktop.services.database import Database
from tests.district import District

H = list(tpl.HEADER)
COLUMNS = {h: i for i, h in enumerate(H)}

ZJG = idcard.make("420203", date(1968, 3, 12), 31)  # 张建国
LXY = idcard.make("420203", date(1970, 7, 8), 42)  # 李秀英
ZXM = idcard.make("420203", date(2010, 9, 1), 13)  # 张小明
WGL = idcard.make("420222", date(1948, 1, 20), 24)  # 王桂兰
WH = idcard.make("420222", date(2012, 5, 5), 51)  # 王浩
CZQ = idcard.make("420203", date(1975, 11, 30), 71)  # 陈志强
CLH = idcard.make("420203", date(1945, 2, 2), 11)  # 陈老汉


def families() -> list[dict[str, Any]]:
    """Three households as a community writes them: the head's row first, the household's values on it."""
    return [
        {"户编号": "H001", "与户主关系": "本人", "姓名": "张建国", "身份证号": ZJG, "街道": "八泉街道", "社区": "飞云社区",
         "住址": "飞云社区3栋2单元301", "联系电话": "13807141234", "城乡类别": "城市", "健康状况": "慢性病",
         "劳动能力": "部分丧失", "工资性收入": 18000, "转移净收入": 1200, "医疗支出": 6000, "单亲家庭": "否",
         "当前救助类别": "无", "监测库别": "一类库"},
        {"户编号": "H001", "与户主关系": "配偶", "姓名": "李秀英", "身份证号": LXY, "健康状况": "重病", "残疾类别": "肢体",
         "残疾等级": "二级", "劳动能力": "无", "医疗支出": 24000},
        {"户编号": "H001", "与户主关系": "子女", "姓名": "张小明", "身份证号": ZXM, "在校情况": "义务教育", "教育支出": 2500},
        {"户编号": "H002", "与户主关系": "本人", "姓名": "王桂兰", "身份证号": WGL, "街道": "河口镇", "社区": "道仕袱村",
         "住址": "道仕袱村五组12号", "城乡类别": "农村", "劳动能力": "无", "转移净收入": 2400, "当前救助类别": "低保"},
        {"户编号": "H002", "与户主关系": "孙子女", "姓名": "王浩", "身份证号": WH, "在校情况": "义务教育", "教育支出": 1200},
        {"户编号": "H003", "与户主关系": "本人", "姓名": "陈志强", "身份证号": CZQ, "街道": "八泉街道", "社区": "八泉社区",
         "住址": "八泉社区8栋", "联系电话": "15997101111", "工资性收入": 30000, "监测库别": "二类库"},
        {"户编号": "H003", "与户主关系": "父母", "姓名": "陈老汉", "身份证号": CLH, "健康状况": "重病", "劳动能力": "无",
         "医疗支出": 15000},
    ]


def table(people: list[dict[str, Any]], header: list[str] | None = None) -> list[list[Any]]:
    header = header or H
    return [list(header)] + [[p.get(h, "") for h in header] for p in people]


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    book.close()
    return path


def write_xls(path: Path, rows: list[list[Any]]) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("家庭台账")
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v != "":
                ws.write(r, c, v)
    book.save(str(path))
    return path


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "gbk") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def run(db: Database, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    url = db.url.render_as_string(hide_password=False)
    status = cli.main(["import", "households", *argv, "--database-url", url])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "内部错误" not in err, err
    return status, out, err


def import_json(db: Database, capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    status, out, _err = run(db, capsys, str(path), "--json", *extra)
    return status, json.loads(out)


def count(db: Database, model: type) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def messages(out: dict[str, Any]) -> dict[tuple[int, str], str]:
    return {(e["row"], e["column"]): e["message"] for e in out["errors"]}


def counts(out: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    return (out["rows"], out["households"], out["households_created"], out["households_updated"],
            out["households_rejected"], out["persons"])


# -- the exit status ----------------------------------------------------------------------------

def every_household_refused(path: Path) -> Path:
    people = families()
    for p in people:
        if p["与户主关系"] == "本人":
            p["社区"] = "不存在社区"
    return write_xlsx(path, table(people))


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_no_household_imported_exits_1_with_the_errors(db: Database, district: District, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str], dry_run: bool) -> None:
    """Every household refused for errors in its rows: the input had errors, exit status 1 as for a
    region list with errors; --json is the same object with "error" and "code" (invalid_input) added,
    the text lists the errors and says so on stderr. The error workbook is still written."""
    path = every_household_refused(tmp_path / "台账.xlsx")
    dry = ["--dry-run"] if dry_run else []
    status, out = import_json(db, capsys, path, *dry)
    assert status == 1
    assert out["code"] == "invalid_input" and "的 3 户都有错误" in out["error"]
    assert ("导入时不会导入任何家庭" if dry_run else "没有导入任何家庭,未写入数据库") in out["error"]
    assert counts(out) == (7, 3, 0, 0, 3, 0) and out["batch_id"] is None
    assert "“八泉街道”下没有名为“不存在社区”的社区/村" in messages(out)[(2, "社区")]
    status, text, err = run(db, capsys, str(path), *dry, "--errors", str(tmp_path / "错误清单.xlsx"))
    assert status == 1
    assert "第 2 行“社区”列" in text and "因错误" in text
    assert err.strip().splitlines()[-1].startswith("错误:家庭台账《台账.xlsx》的 3 户都有错误")
    assert len(CalamineWorkbook.from_path(str(tmp_path / "错误清单.xlsx")).get_sheet_by_index(0).to_python()) == 8
    assert count(db, Household) == 0 and count(db, ImportBatch) == 0


def test_one_household_imported_exits_0_and_reports_the_others(db: Database, district: District, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    people = families()
    people[0]["社区"] = "不存在社区"
    people[3]["社区"] = "不存在社区"
    path = write_xlsx(tmp_path / "台账.xlsx", table(people))
    status, out = import_json(db, capsys, path, "--dry-run")
    assert status == 0 and "error" not in out and "code" not in out
    assert counts(out) == (7, 3, 1, 0, 2, 2)
    status, text, err = run(db, capsys, str(path))
    assert status == 0 and err == ""
    assert "新建 1 户" in text and "第 5 行“社区”列" in text
    assert count(db, Household) == 1


def test_a_single_refused_household_is_named_as_the_only_one(db: Database, district: District, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    people = families()[:3]
    people[0]["社区"] = "不存在社区"
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)))
    assert status == 1 and "仅有的 1 户有错误" in out["error"]


def test_the_help_tells_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["import", "households", "-h"])
    text = capsys.readouterr().out
    assert "退出状态" in text and "invalid_input" in text
