"""What a clerk or an office IT script gets wrong on the command line, found in an adversarial round:
each is refused with a plain Chinese message saying what is wrong, and nothing is changed or written."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desktop.rules import policy as policy_rules
from desktop.services import policy
from desktop.services.base import read_amount
from tests.district import District
from tests.test_cli_database import run
from tests.test_cli_json_errors import url_of


@pytest.mark.parametrize("value", ["800,5", "780,00", "1.200,50", "7,80"])
def test_a_comma_that_groups_no_thousands_is_no_policy_value(value: str, district: District,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """`dibao_standard=800,5` set the standard to 8,005.00 yuan and `780,00` to 78,000.00 (every comma
    was dropped): a slip or a decimal comma silently multiplied the standard every household is assessed by."""
    assert run(["policy", "seed", "--database-url", url_of(district)], capsys)[0] == 0
    before = policy.settings_in_force(district.db, district.admin, "urban", date(2026, 1, 1))["dibao_standard"]
    code, out, err = run(["policy", "set", "--effective", "2026-01-01", "--area", "城市", f"dibao_standard={value}",
                          "--database-url", url_of(district)], capsys)
    assert code == 1 and out == ""
    assert f"低保标准(dibao_standard)的值“{value}”不是数字(逗号只能用作千位分隔,如 1,200.50)" in err, err
    assert policy.settings_in_force(district.db, district.admin, "urban", date(2026, 1, 1))["dibao_standard"] == before


def test_thousands_separators_are_still_read() -> None:
    assert policy_rules.parse_value("dibao_standard", "1,200.50") == Decimal("1200.50")
    assert policy_rules.parse_value("dibao_standard", "１，２００") == Decimal("1200.00")
    assert read_amount("¥1,200元") == Decimal("1200.00") and read_amount("1,200,000.5") == Decimal("1200000.50")


@pytest.mark.parametrize("value", ["800,5", "12,00", "1.200,50"])
def test_an_amount_with_a_misplaced_comma_is_refused(value: str) -> None:
    """read_amount (an income, an amount paid or recovered) read "800,5" as 8,005 yuan."""
    with pytest.raises(ValueError, match="逗号只能用作千位分隔"):
        read_amount(value)


@pytest.mark.parametrize("port", ["99999", "0"])
def test_a_port_out_of_range_is_refused_in_chinese(port: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """postgresql://…:99999/… gave the driver's English "connection is bad: invalid port number"."""
    code, out, err = run(["board", "--database-url", f"postgresql://clerk:Geheim99@127.0.0.1:{port}/relief"], capsys)
    assert code == 1 and out == ""
    assert f"端口 {port} 不存在,应在 1–65535 之间" in err and "Geheim99" not in err and "invalid" not in err, err


def test_an_address_that_is_no_url_says_how_to_write_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["board", "--database-url", "not a url"], capsys)
    assert code == 1 and "数据库地址格式不正确:not a url(应写成 sqlite:///文件路径 或 postgresql://" in err, err


def test_a_backup_to_a_folder_says_it_is_a_folder(sqlite_district: District, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Without --yes a folder given as the backup file was "已经存在,没有覆盖。要覆盖它请加 --yes" (and --yes
    then said it is a folder): the message is now the folder's, with or without --yes."""
    folder = tmp_path / "备份"
    folder.mkdir()
    for yes in ([], ["--yes"]):
        code, out, err = run(["db", "backup", str(folder), *yes, "--database-url", url_of(sqlite_district)], capsys)
        assert code == 1 and out == ""
        assert f"无法写入文件“{folder}”:这是一个文件夹,请给出文件名。" in err and "--yes" not in err, err
    assert list(folder.iterdir()) == []


def test_an_account_without_rights_on_the_tables_is_told_so(district: District,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A PostgreSQL account IT made without granting it the tables: `db upgrade` was an internal error
    (exit 3, the SQL in English) and every other command "无法连接数据库服务器 …: permission denied for table"."""
    if district.db.is_sqlite:
        pytest.skip("PostgreSQL's accounts")
    role = f"relief_norights_{uuid.uuid4().hex[:8]}"
    with district.db.engine.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.commit()
    try:
        url = make_url(url_of(district)).set(username=role, password=None).render_as_string(hide_password=False)
        for argv in (["board"], ["db", "upgrade"], ["db", "current"], ["clue", "list", "--json"]):
            code, _out, err = run([*argv, "--database-url", url], capsys)
            assert code == 1, (argv, err)
            assert f"数据库账号“{role}”没有读写救助工作台数据表的权限" in err and "permission denied" not in err, err
    finally:
        with district.db.engine.connect() as conn:
            conn.execute(text(f"DROP ROLE {role}"))
            conn.commit()
