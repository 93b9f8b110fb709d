"""Session 37: the export commands office IT scripts (visit-list, quarterly-report, referral-list, clue export)
take --json like the others; reassess --out naming a folder is not_written like every other export."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop import cli
from tests.district import District
from tests.monitoring_helpers import add_households
from tests.test_cli_commands import url_of


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = cli.main(argv)
    out, _err = capsys.readouterr()
    return code, json.loads(out)


def test_the_exports_print_one_json_object(district: District, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    url = url_of(district)
    add_households(district.db, district.regions["飞云社区"], "class_1", 2, stage_since=date(2025, 1, 1))
    assert cli.main(["clue", "add", "--name", "张三", "--source", "building_head", "--description", "独居老人",
                     "--database-url", url]) == 0
    capsys.readouterr()
    code, got = _json(["visit-list", "--state", "all", "--out", str(tmp_path / "v.xlsx"), "--json",
                       "--database-url", url], capsys)
    assert code == 0 and got == {"file": str(tmp_path / "v.xlsx"), "state": "all", "households": 2}
    code, got = _json(["quarterly-report", "--year", "2026", "--quarter", "1", "--as-of", "2026-05-01",
                       "--out", str(tmp_path / "q.xlsx"), "--json", "--database-url", url], capsys)
    assert code == 0 and (got["year"], got["quarter"], got["finished"]) == (2026, 1, True)
    assert (got["due"], got["done"], got["missing"]) == (2, 0, 2) and got["communities"] > 0 and got["note"] == ""
    code, got = _json(["clue", "export", "--out", str(tmp_path / "c.xlsx"), "--json", "--database-url", url], capsys)
    assert code == 0 and got == {"file": str(tmp_path / "c.xlsx"), "clues": 1}
    code, got = _json(["referral-list", "医保", "--status", "all", "--out", str(tmp_path / "r.xlsx"), "--json",
                       "--database-url", url], capsys)
    if code == 0:
        assert got["department"] == "医保" and "referrals" in got
    else:  # nothing to export: refused as one JSON object too
        assert got["code"] == "invalid_input" and "没有导出文件" in got["error"]


def test_reassess_to_a_folder_is_not_written(district: District, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "结果.xlsx"
    folder.mkdir()
    code, got = _json(["reassess", "--out", str(folder), "--json", "--database-url", url_of(district)], capsys)
    assert code == 1 and got["code"] == "not_written" and "这是一个文件夹" in got["error"]
