"""Every command that writes a file follows one set of rules (README, Command line):
an export with nothing in it is refused with 没有…,没有导出文件 (exit 1, no file written, an existing one kept);
an existing target is replaced (db backup alone asks for --yes); a write that fails leaves no half file and the
old file whole, saying which file and why; a name without .xlsx is refused."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop import cli
from desktop.io import files
from desktop.models import Notice
from desktop.rules import idcard
from tests.district import District

OLD = b"old contents, kept"


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder of the test's own files alone (the SQLite database is beside it, in pytest's tmp_path)."""
    folder = tmp_path / "输出"
    folder.mkdir()
    return folder


def run(district: District, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    given = [*argv] if argv[:2] == ("import", "template") else [*argv, "--database-url", url_of(district)]
    try:
        code = cli.main(given)  # import template touches no database: it takes no --database-url
    except SystemExit as exc:  # refused by argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


# each: the command without --out, and what its refusal names
EMPTY_EXPORTS = [
    (["clue", "export", "--text", "无此人"], "没有符合筛选条件的线索,没有导出文件。"),
    (["deadlines"], "没有符合筛选条件的申请,没有导出文件。"),
    (["visit-list", "--state", "all"], "没有符合条件的家庭(全部监测家庭),没有导出文件。"),
    (["referral-list", "人社", "--status", "all"], "没有符合条件的转介人社的记录,没有导出文件。"),
    (["payment-roster", "2026-03"], "2026年03月还没有登记救助发放,没有花名册可导出"),
    (["publicity", "--from", "2026-01-01", "--to", "2026-03-31"],
     "没有2026年01月01日至2026年03月31日批准的救助(公示名单为空),没有导出文件。"),
    (["reassess"], "没有要重新评估的家庭(所选范围内没有登记家庭),没有导出文件。"),
    (["audit", "--text", "没有这样的记录"], "没有符合条件的操作记录,没有导出文件。"),
]


@pytest.mark.parametrize(("argv", "said"), EMPTY_EXPORTS, ids=[a[0] for a, _ in EMPTY_EXPORTS])
def test_an_export_with_nothing_in_it_is_refused_and_writes_no_file(
        district: District, out_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str) -> None:
    new, kept = out_dir / "新.xlsx", out_dir / "旧.xlsx"
    kept.write_bytes(OLD)
    for target in (new, kept):
        code, out, err = run(district, capsys, *argv, "--out", str(target))
        assert code == 1 and out == ""
        assert err.startswith("错误:") and said in err and len(err.splitlines()) == 1
    assert not new.exists() and kept.read_bytes() == OLD
    assert sorted(p.name for p in out_dir.iterdir()) == ["旧.xlsx"]  # no temporary file left either


def test_an_empty_publicity_list_is_not_recorded_as_published(
        district: District, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(district, capsys, "publicity", "--from", "2026-01-01", "--to", "2026-01-31",
                          "--out", str(out_dir / "公示.xlsx"), "--json")
    assert code == 1 and json.loads(out)["code"] == "invalid_input"
    with district.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0


def test_an_existing_target_is_replaced(district: District, out_dir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    template, log = out_dir / "模板.xlsx", out_dir / "日志.xlsx"
    template.write_bytes(OLD)
    log.write_bytes(OLD)
    assert run(district, capsys, "import", "template", str(template))[0] == 0
    assert openpyxl.load_workbook(template).sheetnames  # a workbook now, not the old bytes
    code, out, _err = run(district, capsys, "audit", "--out", str(log))
    assert code == 0 and out.startswith("已导出操作日志 ")
    book = openpyxl.load_workbook(log)
    assert book.active.title == "操作日志" and book.active.max_row > 2
    assert sorted(p.name for p in out_dir.iterdir()) == ["日志.xlsx", "模板.xlsx"]


def test_a_backup_alone_asks_before_replacing(out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{out_dir / 'db.sqlite3'}"
    assert cli.main(["db", "upgrade", "--database-url", url]) == 0
    target = out_dir / "备份.sqlite3"
    target.write_bytes(OLD)
    capsys.readouterr()
    assert cli.main(["db", "backup", str(target), "--database-url", url]) == 1
    assert "没有覆盖" in capsys.readouterr().err and target.read_bytes() == OLD
    assert cli.main(["db", "backup", str(target), "--yes", "--database-url", url]) == 0
    assert target.read_bytes() != OLD


@pytest.mark.parametrize("argv", [["import", "template"], ["audit", "--out"]])
def test_a_write_failing_at_the_end_leaves_the_old_file_whole(
        district: District, out_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        argv: list[str]) -> None:
    target = out_dir / "结果.xlsx"
    target.write_bytes(OLD)

    def full(_src: object, _dst: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "replace", full)
    code, _out, err = run(district, capsys, *argv, str(target))
    assert code == 1 and err == f"错误:无法写入文件“{target}”:磁盘已满,请清理空间或保存到其他驱动器。\n"
    assert target.read_bytes() == OLD
    assert [p.name for p in out_dir.iterdir()] == ["结果.xlsx"]  # the temporary file is gone


@pytest.mark.parametrize("argv", [["import", "template"], ["audit", "--out"]])
def test_a_target_that_cannot_be_written_is_named(
        district: District, out_dir: Path, capsys: pytest.CaptureFixture[str], read_only_dir: Path,
        argv: list[str]) -> None:
    folder = out_dir / "是文件夹.xlsx"
    folder.mkdir()
    code, _out, err = run(district, capsys, *argv, str(folder))
    assert code == 1 and err == f"错误:无法写入文件“{folder}”:这是一个文件夹,请给出文件名。\n"
    locked = read_only_dir / "结果.xlsx"
    code, _out, err = run(district, capsys, *argv, str(locked))
    assert code == 1 and err.startswith(f"错误:无法写入文件“{locked}”:没有在此处写入的权限,或该文件正在其他程序")
    assert "Traceback" not in err and list(read_only_dir.iterdir()) == []


@pytest.mark.parametrize("argv", [["import", "template"], ["audit", "--out"], ["visit-list", "--out"],
                                  ["payment-roster", "2026-03", "--out"]])
def test_a_name_without_xlsx_is_refused(district: District, out_dir: Path, capsys: pytest.CaptureFixture[str],
                                        argv: list[str]) -> None:
    for name in ("结果", "结果.csv"):
        code, _out, err = run(district, capsys, *argv, str(out_dir / name))
        assert code == 2 and "应以 .xlsx 结尾" in err.splitlines()[-1]
    assert list(out_dir.iterdir()) == []


def _number(first17: str) -> str:
    return first17 + idcard.check_char(first17)


def test_an_import_without_errors_still_writes_its_error_list(district: District, out_dir: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """--errors is asked for with the import, not an export of its own: the list is written whatever it
    holds (its header alone when every row was right), so a script always finds the file it named."""
    source = out_dir / "名单.csv"
    source.write_text(f"姓名,身份证号码\n甲,{_number('42020319900101001')}\n乙,{_number('42020319800202002')}\n",
                      encoding="utf-8")
    errors = out_dir / "错误清单.xlsx"
    errors.write_bytes(OLD)
    code, out, err = run(district, capsys, "import", "department", str(source), "--department", "人社",
                         "--dry-run", "--errors", str(errors))
    assert code == 0 and err == ""
    assert f"已把 0 行无效或重复的记录写入:{errors}" in out
    assert openpyxl.load_workbook(errors).active.max_row == 1  # the header, no row
    bad = out_dir / "有错.csv"
    bad.write_text(f"姓名,身份证号码\n甲,{_number('42020319900101001')}\n乙,12345\n", encoding="utf-8")
    code, out, _err = run(district, capsys, "import", "department", str(bad), "--department", "人社",
                          "--dry-run", "--errors", str(errors))
    assert code == 0 and f"已把 1 行无效或重复的记录写入:{errors}" in out
    assert openpyxl.load_workbook(errors).active.max_row >= 2


def test_a_quarterly_report_of_a_region_without_communities_is_refused(
        district: District, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(district, capsys, "region", "add", "新港街道", "--parent", "西塞山区", "--level", "街道")[0] == 0
    target = out_dir / "季报.xlsx"
    code, out, err = run(district, capsys, "quarterly-report", "--year", "2026", "--quarter", "1",
                         "--region", "新港街道", "--out", str(target))
    assert code == 1 and out == "" and "没有可上报的社区(村)" in err and "没有导出文件" in err
    assert not target.exists()
    code, out, _err = run(district, capsys, "quarterly-report", "--year", "2026", "--quarter", "1",
                          "--region", "八泉街道", "--out", str(target))
    assert code == 0 and target.exists()  # communities with nothing due: a report of zeros, still a report
