"""--json when a command is refused: besides the message on stderr and the exit status as without it,
stdout holds exactly one JSON object {"error": the message, "code": a stable English key}, so that a
script parsing stdout has something to parse (it used to get nothing at all)."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path

import pytest

from desktop import cli
from desktop.services import applications, audit, department_import
from desktop.services.errors import DatabaseBusy, PermissionDenied
from tests.district import District
from tests.test_cli_database import run
from tests.test_import_department import write_list
from tests.test_import_register import add_regions, small_register

# Every command that takes --json, with what it needs besides.
JSON_COMMANDS = [
    ["audit", "--json"],
    ["clue", "list", "--json"],
    ["clue", "add", "--name", "张三", "--source", "building_head", "--description", "独居老人", "--json"],
    ["clue", "assign", "1", "--region", "飞云社区", "--json"],
    ["clue", "reopen", "1", "--reason", "误办结", "--json"],
    ["clue", "show", "1", "--json"],
    ["clue", "edit", "1", "--phone", "13800001111", "--json"],
    ["clue", "investigate", "1", "--json"],
    ["clue", "close", "1", "--outcome", "not_hardship", "--json"],
    ["deadlines", "--json"],
    ["post-checks", "--json"],
    ["import", "department", "名单.csv", "--department", "人社", "--json"],
    ["import", "households", "台账.xlsx", "--json"],
    ["import", "batches", "--json"],
    ["board", "--json"],
    ["today", "--json"],
    ["policy", "set", "--effective", "2026-01-01", "--area", "城市", "dibao_standard=800", "--json"],
    ["policy", "show", "--json"],
    ["reassess", "--out", "重新评估.xlsx", "--json"],
    ["assistance-month", "2026-07", "--json"],
    ["payment-roster", "2026-07", "--out", "花名册.xlsx", "--json"],
    ["publicity", "--from", "2026-07-01", "--to", "2026-07-31", "--out", "公示.xlsx", "--json"],
    ["region", "list", "--json"],
    ["region", "import", "区划.xlsx", "--json"],
    ["calendar", "set-year", "2027", "--off", "10-01..10-07", "--json"],
    ["calendar", "clear-year", "2027", "--json"],
    ["region", "delete", "飞云社区", "--json"],
    # session 37
    ["visit-list", "--out", "走访.xlsx", "--json"],
    ["quarterly-report", "--out", "季报.xlsx", "--json"],
    ["referral-list", "医保", "--out", "转介.xlsx", "--json"],
    ["clue", "export", "--out", "线索.xlsx", "--json"],
    ["region", "add", "新社区", "--parent", "八泉街道", "--json"],
    ["region", "rename", "飞云社区", "飞云新社区", "--json"],
    ["region", "move", "飞云社区", "--parent", "河口镇", "--json"],
    ["policy", "seed", "--json"],
    ["db", "backup", "备份.sqlite3", "--json"],
    ["db", "auto-backup", "--json"],
    ["db", "restore", "备份.sqlite3", "--json"],
]

# The commands bringing data into a database make it when its file is not there.
CREATING = [["import", "department"], ["import", "households"], ["region", "import"], ["clue", "add"],
            ["policy", "set"], ["calendar", "set-year"], ["region", "add"], ["policy", "seed"],
            ["db", "restore"]]  # restores a missing database file as new
# The local database's backups: a shared (PostgreSQL) database is refused before any connection (code refused).
LOCAL_ONLY = [["db", "backup"], ["db", "auto-backup"], ["db", "restore"]]


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def refusal(out: str) -> dict[str, str]:
    """The one JSON object on stdout (one line, nothing else)."""
    assert out.endswith("\n") and out.count("\n") == 1, out
    value = json.loads(out)
    assert isinstance(value, dict) and set(value) == {"error", "code"}, value
    return value


def check_refused(argv: list[str], capsys: pytest.CaptureFixture[str], code: str, status: int = 1,
                  prefix: str = "错误:") -> dict[str, str]:
    got, out, err = run(argv, capsys, internal=status == cli.EXIT_INTERNAL)
    assert got == status, err
    value = refusal(out)
    assert value["code"] == code, value
    assert err.strip().splitlines()[-1] == prefix + value["error"]  # the same message as on stderr
    # and without --json: the same status and message, nothing on stdout
    plain = [a for a in argv if a not in ("--json", "--js")]
    got, out, err_plain = run(plain, capsys, internal=status == cli.EXIT_INTERNAL)
    assert got == status and out == "", out
    assert err_plain.strip().splitlines()[-1] == prefix + value["error"]
    return value


def test_every_json_command_is_tested() -> None:
    """The list above is every command whose parser has --json."""
    found: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        for action in parser._actions:
            if "--json" in action.option_strings:
                found.append(path)
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, [*path, name])

    walk(cli.build_parser(), [])
    tested = [argv[:2] if argv[0] in ("calendar", "clue", "import", "policy", "region", "db") else argv[:1]
              for argv in JSON_COMMANDS]
    assert sorted(found) == sorted(tested) and len(found) == 38


@pytest.mark.parametrize(("argv", "where"), [
    (argv, where) for argv in JSON_COMMANDS for where in ("missing file", "server not answering")
    if (where != "missing file" or argv[:2] not in CREATING)  # those make the database (test_cli_database)
    and (where != "server not answering" or argv[:2] not in LOCAL_ONLY)],
    ids=lambda a: " ".join(a[:2]) if isinstance(a, list) else a)
def test_a_database_that_cannot_be_opened(argv: list[str], where: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    write_list(tmp_path / "名单.csv")
    small_register(tmp_path / "台账.xlsx")
    missing = tmp_path / "没有" / "relief.sqlite3"
    url = f"sqlite:///{missing}" if where == "missing file" else "postgresql://nobody@127.0.0.1:1/relief"
    value = check_refused([*argv, "--database-url", url], capsys, "database_unavailable")
    assert where != "missing file" or f"数据库文件“{missing}”不存在" in value["error"]


@pytest.mark.parametrize(("argv", "code", "words"), [
    (["audit", "--json", "--from", "2026-02-01", "--to", "2026-01-01"], "invalid_input", "开始日期晚于结束日期"),
    (["clue", "list", "--json", "--region", "火星街道"], "not_found", "找不到区划“火星街道”"),
    (["board", "--json", "--region", "火星街道"], "not_found", "找不到区划“火星街道”"),
    (["policy", "show", "--json", "--area", "火星"], "invalid_input", "地区类别“火星”无法识别"),
    (["policy", "set", "--effective", "2026-01-01", "--area", "城市", "no_such_setting=1", "--json"], "invalid_input",
     "no_such_setting"),
    (["reassess", "--out", "重新评估.xlsx", "--region", "火星街道", "--json"], "not_found", "找不到区划“火星街道”"),
    (["import", "department", "没有的名单.csv", "--department", "人社", "--json"], "invalid_file", "找不到文件“没有的名单.csv”"),
    (["import", "households", "名单.csv", "--json"], "invalid_file", "名单.csv"),
    (["import", "department", "名单.csv", "--department", "人社", "--json", "--id-column", "ZZ"], "invalid_input",
     "找不到列“ZZ”"),
])
def test_refusals_of_each_command(argv: list[str], code: str, words: str, district: District, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    write_list(tmp_path / "名单.csv")
    value = check_refused([*argv, "--database-url", url_of(district)], capsys, code)
    assert words in value["error"], value


def test_a_file_imported_before(district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    url = url_of(district)
    write_list(tmp_path / "名单.csv")
    assert run(["import", "department", "名单.csv", "--department", "人社", "--json", "--database-url", url],
               capsys)[0] == 0
    shutil.copy(tmp_path / "名单.csv", tmp_path / "副本.csv")
    value = check_refused(["import", "department", "副本.csv", "--department", "人社", "--json", "--database-url", url],
                          capsys, "already_imported")
    assert "导入过" in value["error"]

    add_regions(district.db, district)
    small_register(tmp_path / "台账.xlsx")
    code, out, err = run(["import", "households", "台账.xlsx", "--json", "--database-url", url], capsys)
    assert code == 0 and json.loads(out)["batch_id"], err
    value = check_refused(["import", "households", "台账.xlsx", "--json", "--database-url", url], capsys,
                          "already_imported")
    assert "导入过" in value["error"]


@pytest.mark.parametrize(("argv", "target", "error", "code"), [
    (["deadlines", "--json"], (applications, "deadlines"), PermissionDenied("统计查看人员无权此操作。"), "permission"),
    (["post-checks", "--json"], (applications, "post_check_queue"), DatabaseBusy("另一台电脑正在保存,请重试。"),
     "database_busy"),
    (["import", "batches", "--json"], (department_import, "list_batches"), PermissionDenied("无权查看导入批次。"),
     "permission"),
])
def test_refusals_the_services_raise(argv: list[str], target: tuple[object, str], error: Exception, code: str,
                                     district: District, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Refusals a command line (which acts for the whole district) rarely meets: each its own code."""
    def refuse(*_a: object, **_k: object) -> None:
        raise error

    monkeypatch.setattr(*target, refuse)
    value = check_refused([*argv, "--database-url", url_of(district)], capsys, code)
    assert value["error"] == error.args[0]


def test_an_internal_error(district: District, monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(audit, "list_entries", broken)
    value = check_refused(["audit", "--json", "--database-url", url_of(district)], capsys, "internal", status=3,
                          prefix="内部错误:")
    assert value["error"].startswith("RuntimeError: boom(详细信息已写入 ")


def test_an_os_error_without_a_file_name_is_an_internal_error(district: District, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """It escaped main() as a traceback: the handler re-raised it past the one for unexpected errors."""
    def broken(*_a: object, **_k: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(audit, "list_entries", broken)
    value = check_refused(["audit", "--json", "--database-url", url_of(district)], capsys, "internal", status=3,
                          prefix="内部错误:")
    assert "Input/output error" in value["error"]


def test_cancelled(district: District, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*_a: object, **_k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(applications, "deadlines", interrupted)
    assert check_refused(["deadlines", "--json", "--database-url", url_of(district)], capsys, "cancelled",
                         status=130, prefix="") == {"error": "已取消。", "code": "cancelled"}


@pytest.mark.parametrize("argv", [
    ["deadlines", "--json", "--as-of", "1999-12-31"],
    ["deadlines", "--as-of", "2026-02-30", "--json"],
    ["audit", "--js", "--limit", "0"],  # an abbreviation argparse takes for --json
    ["board", "--json", "--bogus"],
    ["import", "department", "x.csv", "--json"],  # --department missing
])
def test_argument_errors_with_json(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    value = check_refused(argv, capsys, "invalid_arguments", status=2)
    assert value["error"].startswith(("参数 ", "无法识别的参数", "缺少必需的参数"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["user", "list", "--json"], ["db", "current", "--json"]])
def test_json_is_not_printed_for_a_command_without_it(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and "无法识别的参数:--json" in err


class ClosedPipe(io.StringIO):
    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_stops_reading(district: District, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """relief-desk audit --json | head -c 100: a BrokenPipeError (no file name) was re-raised past every
    handler, a traceback; it ends quietly now, with nothing more written to the closed pipe."""
    url = url_of(district)
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert cli.main(["audit", "--json", "--database-url", url]) == cli.EXIT_USER_ERROR
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-01-05"]) == cli.EXIT_USER_ERROR
    assert capsys.readouterr().err == ""


def test_deadlines_as_json_and_as_a_workbook_at_once_is_refused(district: District, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """``deadlines --json --out FILE.xlsx`` wrote the workbook and printed 已导出… on stdout, where the script
    that asked for --json expected JSON: the usage says ``[--json | --out FILE.xlsx]``, now enforced."""
    target = tmp_path / "d.xlsx"
    code, out, err = run(["deadlines", "--json", "--out", str(target), "--database-url", url_of(district)], capsys)
    assert code == 2 and not target.exists()
    value = refusal(out)
    assert value == {"error": "参数 --out:不能与参数 --json 同时使用。查看说明:relief-desk deadlines -h",
                     "code": "invalid_arguments"}
    assert err.strip().splitlines()[-1] == "错误:" + value["error"]
