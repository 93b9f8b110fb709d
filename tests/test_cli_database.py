"""The database a command is pointed at: a mistyped file, an empty address or another program's
database is refused with a plain message, and nothing is created or changed there."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from desktop import cli
from desktop.services.database import Database
from tests.conftest import PG_URL
from tests.district import District
from tests.test_import_department import write_list
from tests.test_import_register import small_register


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str], *, internal: bool = False) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of a command; ``internal``: an internal error is expected."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:  # argparse refuses with exit status 2
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and (internal or "内部错误" not in err), err
    return int(code or 0), out, err


def json_refusal(argv: list[str], code: str, err: str) -> str:
    """What stdout holds when a command is refused: with --json the message as one JSON object, else nothing."""
    if "--json" not in argv:
        return ""
    message = err.strip().splitlines()[-1].removeprefix("错误:")
    return json.dumps({"error": message, "code": code}, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("argv", [
    ["board"], ["deadlines", "--json"], ["audit"], ["clue", "list"], ["policy", "show"], ["calendar", "show"],
    ["db", "current"], ["db", "backup", "备份.sqlite3"], ["assistance-month", "2026-01", "--dry-run"],
    ["quarterly-report", "--year", "2026", "--quarter", "1", "--out", "q.xlsx"],
])
def test_a_missing_database_file_is_not_created(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A mistyped path made a new empty database (and its folders) and reported zeros, exit 0."""
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "没有的文件夹" / "relief.sqlite3"
    code, out, err = run([*argv, "--database-url", f"sqlite:///{missing}"], capsys)
    assert code == 1 and out == json_refusal(argv, "database_unavailable", err)
    assert err.startswith("错误:") and f"数据库文件“{missing}”不存在" in err and "db upgrade" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [["db", "current"], ["board"], ["audit", "--json"]])
def test_an_empty_file_is_refused_and_left_empty(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A zero-byte file (a database made by mistake, a file emptied) was opened as a new database:
    4 KB written into it by db current, the whole schema by the others."""
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "relief.sqlite3"
    empty.touch()
    code, out, err = run([*argv, "--database-url", f"sqlite:///{empty}"], capsys)
    assert code == 1 and out == json_refusal(argv, "database_unavailable", err)
    assert err.startswith("错误:") and f"数据库文件“{empty}”是空的(0 字节),不是救助工作台的数据库" in err, err
    assert empty.stat().st_size == 0 and list(tmp_path.iterdir()) == [empty]
    # db upgrade, as the message says, makes the database there
    assert run(["db", "upgrade", "--database-url", f"sqlite:///{empty}"], capsys)[0] == 0
    code, out, _ = run(["db", "current", "--database-url", f"sqlite:///{empty}"], capsys)
    assert code == 0 and "最新" in out


def test_commands_that_start_a_database_still_create_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """db upgrade, user add/list, and the commands bringing data into a database (the imports, region
    add, clue add, policy set/seed, calendar set-year): an office's first command may be one of them."""
    monkeypatch.chdir(tmp_path)
    write_list(tmp_path / "名单.csv")
    small_register(tmp_path / "台账.xlsx")
    for name, argv in (("a", ["db", "upgrade"]), ("b", ["user", "list"]),
                       ("c", ["user", "add", "admin", "--role", "admin", "--password", "secret99"]),
                       ("d", ["import", "department", "名单.csv", "--department", "人社", "--dry-run"]),
                       ("e", ["import", "households", "台账.xlsx", "--dry-run"]),
                       ("f", ["region", "add", "八泉街道", "--parent", "西塞山区", "--level", "街道"]),
                       ("g", ["clue", "add", "--name", "张三", "--source", "building_head", "--description", "独居老人"]),
                       ("h", ["policy", "set", "--effective", "2026-01-01", "--area", "城市", "dibao_standard=800"]),
                       ("i", ["policy", "seed"]), ("j", ["calendar", "set-year", "2027", "--off", "10-01..10-07"])):
        path = tmp_path / "新" / f"{name}.sqlite3"
        code, out, err = run([*argv, "--database-url", f"sqlite:///{path}"], capsys)
        assert code == 0 and path.exists(), out + err


@pytest.mark.parametrize("argv", [["board"], ["audit"], ["import", "batches", "--json"]])
def test_the_programs_own_database_is_made_by_any_command(argv: list[str], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The default file (no address given) cannot be mistyped: the first command on a new computer,
    whichever it is, makes it, as the window does at its first start; it said to run db upgrade."""
    monkeypatch.setenv("RELIEF_DESK_DATA_DIR", str(tmp_path / "数据"))
    code, out, err = run(argv, capsys)
    assert code == 0, err
    assert (tmp_path / "数据" / "relief-desk.sqlite3").exists()


@pytest.mark.parametrize("argv", [
    ["board", "--database-url", ""], ["--database-url", " ", "board"], ["db", "current", "--database-url", ""],
])
def test_an_empty_database_address_is_refused(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """An empty address (a script's unset variable) silently opened, and migrated, the default database."""
    monkeypatch.setenv("RELIEF_DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'default.sqlite3'}")
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert "参数 --database-url:数据库地址为空" in err.splitlines()[-1]
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(params=["sqlite", "postgresql"])
def foreign_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of another program: one table of its own, no schema version of ours."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
        engine = create_engine(url)
        drop = None
    else:
        if not PG_URL:
            pytest.skip("PostgreSQL tests need RELIEF_DESK_TEST_PG_URL")
        admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
        name = f"relief_foreign_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = admin.url.set(database=name).render_as_string(hide_password=False)
        engine = create_engine(url)
        drop = (admin, name)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE someone_elses (id INTEGER PRIMARY KEY)"))
    yield url
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["someone_elses"]  # nothing of ours was created
        if request.param == "sqlite":  # nor its journal switched to WAL (a change to the file's header)
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    engine.dispose()
    if drop:
        admin, name = drop
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.parametrize("argv", [["board", "--json"], ["db", "upgrade"], ["db", "current"], ["user", "list"],
                                  ["demo", "--households", "200"]])
def test_another_programs_database_is_not_filled_with_ours(argv: list[str], foreign_url: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A database holding other tables and no schema version of ours was migrated: our tables were created in it."""
    code, out, err = run([*argv, "--database-url", foreign_url], capsys)
    assert code == 1 and out == json_refusal(argv, "database_unavailable", err)
    assert err.startswith("错误:") and "不是救助工作台的数据库" in err and "someone_elses" in err


def test_our_own_database_is_still_opened(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["db", "current", "--database-url", url_of(district.db)], capsys)
    assert code == 0 and "最新" in out
