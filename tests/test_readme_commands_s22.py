"""README.md followed literally on an empty database (round 22)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop import cli
from desktop.services import auth
from desktop.services.database import Database


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def test_a_first_account_added_on_the_command_line_that_is_no_administrator_is_told(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """README's first hour on the command line (region import, then user add zhang --role community_worker)
    on an empty database left no administrator, silently: the window then only asks to log in (it offers
    to create the first administrator on a database with no account) and nobody can manage the
    regions, users or policy there. user add and user list now say so and how to add one."""
    url = url_of(db)
    book = openpyxl.Workbook()
    book.active.append(["街道(镇)", "社区(村)"])
    book.active.append(["八泉街道", "飞云社区"])
    book.save(tmp_path / "区划.xlsx")
    assert cli.main(["region", "import", str(tmp_path / "区划.xlsx"), "--database-url", url]) == 0
    capsys.readouterr()
    assert cli.main(["user", "add", "zhang", "--role", "community_worker", "--region", "飞云社区",
                     "--password", "Zhang12345", "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "已添加用户 zhang" in out
    assert "还没有启用的系统管理员账号" in out and "relief-desk user add 用户名 --role admin" in out
    assert cli.main(["user", "list", "--database-url", url]) == 0
    assert "还没有启用的系统管理员账号" in capsys.readouterr().out
    assert not auth.has_active_admin(db)

    assert cli.main(["user", "add", "admin", "--role", "admin", "--password", "Admin12345",
                     "--database-url", url]) == 0
    assert "系统管理员账号" not in capsys.readouterr().out
    assert cli.main(["user", "list", "--database-url", url]) == 0
    assert "注意" not in capsys.readouterr().out
    assert auth.has_active_admin(db)


def test_an_administrator_added_first_gets_no_note(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["user", "add", "admin", "--role", "系统管理员", "--password", "Admin12345",
                     "--database-url", url_of(db)]) == 0
    out, err = capsys.readouterr()
    assert out == "已添加用户 admin(编号 1,角色 系统管理员)。\n" and err == ""
