"""Session 37: region add/rename/move, db backup/auto-backup/restore and policy seed take --json (one object),
as the other commands office IT scripts do."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from tests.district import District
from tests.test_cli_commands import url_of


def _json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    assert cli.main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_regions_and_policy(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    url = ["--database-url", url_of(district)]
    got = _json(["region", "add", "测试社区", "--parent", "河口镇", "--json", *url], capsys)
    assert (got["name"], got["level"], got["parent"]) == ("测试社区", "community", "河口镇")
    got = _json(["region", "rename", "测试社区", "新测试社区", "--json", *url], capsys)
    assert (got["name"], got["old_name"]) == ("新测试社区", "测试社区")
    got = _json(["region", "move", "新测试社区", "--parent", "八泉街道", "--json", *url], capsys)
    assert (got["from"], got["to"], got["moved"], got["households"]) == ("河口镇", "八泉街道", False, 0)
    got = _json(["region", "move", "新测试社区", "--parent", "八泉街道", "--yes", "--json", *url], capsys)
    assert got["moved"] is True
    assert _json(["policy", "seed", "--json", *url], capsys)["written"] >= 0


def test_backups(sqlite_district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = ["--database-url", url_of(sqlite_district)]
    out = tmp_path / "备份.sqlite3"
    got = _json(["db", "backup", str(out), "--json", *url], capsys)
    assert got["file"] == str(out) and got["revision"] and "households" in got
    got = _json(["db", "auto-backup", "--folder", str(tmp_path / "自动"), "--json", *url], capsys)
    assert got["made"] is True and Path(got["file"]).exists()
    assert _json(["db", "auto-backup", "--folder", str(tmp_path / "自动"), "--json", *url], capsys)["made"] is False
    assert _json(["db", "restore", str(out), "--json", *url], capsys)["restored"] is False
    new = tmp_path / "新.db"
    got = _json(["db", "restore", str(out), "--yes", "--json", "--database-url", f"sqlite:///{new}"], capsys)
    assert got["restored"] is True and new.exists()
