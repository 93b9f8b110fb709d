"""Department list import and screening (desktop/services/department_import.py and the command)."""

from __future__ import annotations

import gc
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select, update

from desktop.cli import main as cli_main
from desktop.commands.imports import summary
from desktop.io import error_workbook as eb
from desktop.models import Clue, ColumnMapping, Household, ImportBatch, ImportRow, Member
from desktop.rules import codes, idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied, ServiceError
from desktop.services.progress import Cancelled, Progress
from tests.district import District

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8")) if SAMPLES.exists() else {}
DEPARTMENT_SAMPLES = [n for n, e in EXPECTED.items() if "data_rows" in e]

A = idcard.make("420203", date(1960, 3, 1), 11)  # in assistance (低保)
B = idcard.make("420203", date(1970, 4, 2), 22)  # known, class I, not in assistance
C = idcard.make("420203", date(1980, 5, 3), 33)  # new
D = idcard.make("420203", date(1990, 6, 4), 44)  # new, region from address
E = idcard.make("420203", date(2000, 7, 5), 55)  # new, no region
F15 = "420203500101123"  # legacy 15-digit, new


def count(db: Database, model: type) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def add_household(db: Database, district: District, number: str, name: str, category: str, stage: str | None,
                  community: str) -> int:
    with db.session_factory() as s:
        hh = Household(code=f"T{number[-6:]}", region_id=district.regions[community], head_name=name,
                       head_id_number=number, head_id_reversed=number[::-1], member_count=1, category=category,
                       stage=stage)
        s.add(hh)
        s.flush()
        s.add(Member(household_id=hh.id, name=name, id_number=number, id_reversed=number[::-1]))
        s.commit()
        return hh.id


def write_list(path: Path) -> Path:
    rows = [
        "姓名,身份证号码,街道,社区,家庭住址,联系电话",
        f"甲,{A},八泉街道,八泉社区,,13800000001",
        f"乙,{B},,,,13800000002",
        f"丙,{C},八泉街道,飞云,,13800000003",
        f"丁,{D},,,黄石市西塞山区河口镇道仕袱村3组12号,",
        f"戊,{E},,,外地某处,",
        f"己,{F15},,,,",
        f"庚,{C[:17]}0,,,,",  # bad check character
        "辛,4.20203199001012E+17,,,,",  # Excel stored it as a number
        f"壬,{B.lower()},,,,",  # repeats 乙
        "癸,,,,,",  # no ID
    ]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="gbk")
    return path


@pytest.fixture
def registry(db: Database, district: District) -> dict[str, int]:
    return {
        "A": add_household(db, district, A, "甲", codes.Category.DIBAO, codes.Stage.ASSISTED, "八泉社区"),
        "B": add_household(db, district, B, "乙", codes.Category.NONE, codes.Stage.CLASS_I, "闸口社区"),
    }


# -- the samples (acceptance counts) -----------------------------------------------------------------

@pytest.mark.skipif(not EXPECTED, reason="shared samples not present")
@pytest.mark.parametrize("name", DEPARTMENT_SAMPLES)
def test_samples_give_expected_counts(db: Database, district: District, name: str) -> None:
    want = EXPECTED[name]
    result = di.import_department_list(db, district.admin, SAMPLES / name, want["department"])
    assert result.header_row == want["header_row"]
    assert result.data_rows == want["data_rows"]
    assert result.valid == want["valid"]
    assert result.invalid == want["invalid"]
    assert result.duplicates == want["duplicates"]
    assert result.legacy_15_converted == want["legacy_15_converted"]
    assert result.valid == sum(result.buckets.values())
    assert result.batch_id is not None
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ImportRow).where(
            ImportRow.batch_id == result.batch_id)) == want["data_rows"]
        assert s.scalar(select(func.count()).select_from(Clue).where(
            Clue.batch_id == result.batch_id)) == result.buckets["new"]


@pytest.mark.skipif(not EXPECTED, reason="shared samples not present")
@pytest.mark.parametrize("name", DEPARTMENT_SAMPLES)
def test_command_prints_expected_counts(db: Database, district: District, name: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    want = EXPECTED[name]
    url = db.url.render_as_string(hide_password=False)
    errors = tmp_path / "errors.xlsx"
    code = cli_main(["import", "department", str(SAMPLES / name), "--department", want["department"], "--json",
                     "--dry-run", "--errors", str(errors), "--database-url", url])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0 and len(out) == 1
    got = json.loads(out[0])
    assert set(got) == {"department", "header_row", "encoding", "data_rows", "valid", "invalid", "duplicates",
                        "legacy_15_converted", "in_assistance", "known", "new", "clues_created", "unassigned",
                        "hidden_rows", "batch_id", "file", "sheet", "other_sheets", "already_imported", "columns", "other_id_columns"}
    for key, value in want.items():  # every figure expected.json gives, as it names it
        assert got[key] == value, key
    assert ("encoding" in want) == (got["encoding"] is not None)  # text files only
    assert got["batch_id"] is None and got["file"] == name
    assert count(db, ImportBatch) == 0 and count(db, Clue) == 0  # a dry run writes nothing
    rows = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    header = want["header_row"] - 1  # the rows above it kept as in the file
    assert rows[header][-2:] == ["原文件行号", "错误原因"]
    assert len(rows) - header - 1 == sum(want["invalid"].values()) + want["duplicates"]
    code = cli_main(["import", "department", str(SAMPLES / name), "--department", want["department"], "--json",
                     "--database-url", url])
    got = json.loads(capsys.readouterr().out)
    assert code == 0 and isinstance(got["batch_id"], int)


# -- screening ---------------------------------------------------------------------------------------

def test_screening_buckets_clues_and_regions(db: Database, district: District, registry: dict[str, int],
                                             tmp_path: Path) -> None:
    path = write_list(tmp_path / "卫健_名单.csv")
    result = di.import_department_list(db, district.admin, path, "卫健委")
    assert result.department == "health"
    assert (result.data_rows, result.valid, result.duplicates) == (10, 6, 1)
    assert result.invalid == {"check character": 1, "stored as a number": 1, "empty": 1}
    assert result.legacy_15_converted == 1
    assert result.buckets == {"in_assistance": 1, "known": 1, "new": 4}
    assert result.unassigned == 2  # 戊 and 己: no region column value, no community in the address
    rows = {r.name: r for r in di.list_batch_rows(db, district.admin, result.batch_id)}
    assert rows["甲"].outcome == "in_assistance" and rows["甲"].household_id == registry["A"]
    assert rows["乙"].outcome == "known" and rows["乙"].household_stage == codes.Stage.CLASS_I
    assert rows["乙"].region_id == district.regions["闸口社区"]
    assert rows["丙"].region_id == district.regions["飞云社区"]  # "飞云" in the community column
    assert rows["丁"].region_id == district.regions["道仕袱村"]  # from the address
    assert rows["戊"].region_id is None
    assert rows["壬"].outcome == "duplicate" and rows["壬"].reason_label == "与第3行重复"
    assert rows["壬"].data["duplicate_of"] == 3 and rows["壬"].row_number == 10  # kept as written
    assert rows["庚"].reason == "check character" and rows["庚"].reason_label == "身份证号校验码错误"
    assert rows["己"].outcome == "new" and rows["己"].raw_id == F15
    with db.session_factory() as s:
        clues = {c.person_name: c for c in s.scalars(select(Clue).where(Clue.batch_id == result.batch_id))}
    assert set(clues) == {"丙", "丁", "戊", "己"}
    assert clues["丙"].source_level == "department" and clues["丙"].source == "health"
    assert clues["丙"].channel == "screening" and clues["丙"].reported_on == date.today()
    assert clues["丙"].status == "assigned" and clues["丙"].region_id == district.regions["飞云社区"]
    assert clues["戊"].status == "new" and clues["戊"].region_id is None
    assert clues["己"].id_number == idcard.parse(F15).number
    assert clues["丙"].phone == "13800000003"
    # the known row shows the clue opened for it later
    assert rows["乙"].open_clue_id is None
    # the full ID is masked for a community worker; rows outside their area are not shown
    worker_rows = di.list_batch_rows(db, district.actor(codes.Role.COMMUNITY_WORKER), result.batch_id)
    assert {r.name for r in worker_rows} == {"丙"}
    assert "*" in worker_rows[0].id_number

    # bulk assignment of the unassigned rows, clues follow
    assigned = di.assign_rows(db, district.admin, result.batch_id, None, district.regions["河口镇"])
    assert assigned == 2
    with db.session_factory() as s:
        clue = s.scalar(select(Clue).where(Clue.person_name == "戊"))
        assert clue.status == "assigned" and clue.region_id == district.regions["河口镇"] and clue.version == 2
        batch = s.get(ImportBatch, result.batch_id)
        assert batch.counts["unassigned"] == 0
    one = [r.id for r in di.list_batch_rows(db, district.admin, result.batch_id, "new") if r.name == "丙"]
    assert di.assign_rows(db, district.admin, result.batch_id, one, district.regions["八泉社区"]) == 1
    assert di.count_batch_rows(db, district.admin, result.batch_id)["new"] == 4


def test_region_for_all_rows_from_option(db: Database, district: District, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(f"姓名,身份证号\n张三,{C}\n", encoding="utf-8")
    result = di.import_department_list(db, district.admin, path, "教育", assign_region_id=district.regions["八泉街道"])
    assert result.unassigned == 0
    with db.session_factory() as s:
        assert s.scalar(select(Clue.region_id)) == district.regions["八泉街道"]


def test_counts_add_up_and_batch_is_kept(db: Database, district: District, registry: dict[str, int],
                                         tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.csv")
    result = di.import_department_list(db, district.admin, path, "卫健")
    assert result.data_rows == result.valid + sum(result.invalid.values()) + result.duplicates
    batches = di.list_batches(db, district.admin)
    assert len(batches) == 1
    b = batches[0]
    assert (b.kind, b.department, b.file_name) == ("department", "health", "list.csv")
    assert len(b.hash) == 64 and b.imported_by and b.created_at.tzinfo is not None
    assert b.counts["data_rows"] == 10 and b.counts["new"] == 4


def test_same_content_is_refused(db: Database, district: District, tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.csv")
    first = di.import_department_list(db, district.admin, path, "卫健")
    copy = tmp_path / "renamed copy.csv"
    shutil.copy(path, copy)
    with pytest.raises(ServiceError) as info:
        di.import_department_list(db, district.admin, copy, "医保")
    assert f"批次 {first.batch_id}" in info.value.message and "导入过" in info.value.message
    assert "list.csv" in info.value.message and district.admin.username in info.value.message
    assert count(db, ImportBatch) == 1
    # a dry run still shows the counts, with a note
    again = di.import_department_list(db, district.admin, copy, "卫健", dry_run=True)
    assert again.data_rows == 10 and "导入过" in again.already_imported


def test_dry_run_writes_nothing(db: Database, district: District, registry: dict[str, int], tmp_path: Path) -> None:
    before = {m: count(db, m) for m in (ImportBatch, ImportRow, Clue, ColumnMapping)}
    result = di.import_department_list(db, district.admin, write_list(tmp_path / "l.csv"), "卫健", dry_run=True)
    assert result.batch_id is None and result.buckets == {"in_assistance": 1, "known": 1, "new": 4}
    assert {m: count(db, m) for m in before} == before
    printed = summary(result)
    assert "新发现 4(导入后将生成线索 4 条)" in printed and "已生成线索" not in printed


def test_a_person_with_an_open_clue_is_not_sent_out_again(db: Database, district: District, registry: dict[str, int],
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Departments send their lists again every quarter, and several departments know the same family:
    each import opened another clue about a person whose first clue was still being investigated, and
    the community got the same person twice. A new person with an open clue gets none; once the clue
    is closed, the next list opens one again."""
    first = di.import_department_list(db, district.admin, write_list(tmp_path / "卫健.csv"), "卫健")
    assert first.clues_created == 4 and first.counts()["clues_created"] == 4
    G = idcard.make("420203", date(1985, 8, 6), 66)
    second = tmp_path / "民政.csv"
    second.write_text(f"姓名,身份证号\n丙,{C}\n丁,{D}\n新人,{G}\n乙,{B}\n", encoding="utf-8")
    dry = di.import_department_list(db, district.admin, second, "医保", dry_run=True)
    assert dry.buckets == {"in_assistance": 0, "known": 1, "new": 3} and dry.clues_created == 1
    assert "新发现 3(导入后将生成线索 1 条;另 2 人已有未办结的线索,不重复生成)" in summary(dry)
    assert cli_main(["--database-url", str(db.url), "import", "department", str(second), "--department", "医保",
                     "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["new"] == 3 and out["clues_created"] == 1
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Clue).where(Clue.id_number == C)) == 1
        assert s.scalar(select(func.count()).select_from(Clue).where(Clue.id_number == G)) == 1
        s.execute(Clue.__table__.update().where(Clue.id_number == C).values(status="closed"))
        s.commit()
    third = tmp_path / "人社.csv"
    third.write_text(f"姓名,身份证号\n丙,{C}\n丁,{D}\n", encoding="utf-8")
    again = di.import_department_list(db, district.admin, third, "人社")
    assert again.buckets["new"] == 2 and again.clues_created == 1
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Clue).where(Clue.id_number == C)) == 2


def test_cancel_leaves_nothing(db: Database, district: District, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lines = ["姓名,身份证号"] + [f"人{i},{idcard.make('420203', date(1970, 1, 1), i % 1000)}" for i in range(1500)]
    path.write_text("\n".join(lines), encoding="utf-8")
    seen: list[int] = []
    progress = Progress(lambda done, total, text: seen.append(done))

    def cancel_at_1000(done: int, total: int, text: str) -> None:
        seen.append(done)
        if done >= 1000:
            progress.cancel()

    progress = Progress(cancel_at_1000)
    collecting = gc.isenabled()  # off once a window test installed the GUI-thread collector
    gc.enable()  # as on the command line
    try:
        with pytest.raises(Cancelled):
            di.import_department_list(db, district.admin, path, "人社", progress=progress)
        assert gc.isenabled()  # the collector paused for the read is running again
    finally:
        if not collecting:
            gc.disable()
    assert seen and all(count(db, m) == 0 for m in (ImportBatch, ImportRow, Clue, ColumnMapping))
    result = di.import_department_list(db, district.admin, path, "人社")  # and it can be imported afterwards
    assert result.valid == 1000 and result.duplicates == 500


def test_row_limit_is_a_file_error_and_rolls_back(db: Database, district: District, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("\n".join(["姓名,身份证号"] + [f"人{i},{C}" for i in range(30)]), encoding="utf-8")
    with pytest.raises(ServiceError, match="超过 20 行") as info:
        di.import_department_list(db, district.admin, path, "人社", max_rows=20)
    # a file error like any other (--json prints the code): it was "refused" when the rows were counted
    # before screening, "invalid_file" when the limit was met while screening
    assert info.value.code == "invalid_file"
    assert count(db, ImportBatch) == 0 and count(db, ImportRow) == 0


def test_mapping_is_remembered_per_department(db: Database, district: District, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text(f"序号,姓名,备用号码,身份证号\n1,张三,{C},{D}\n", encoding="utf-8")
    p = di.preview(first, "残联", db=db)
    assert p.mapping == {"name": 1, "id_number": 3} and not p.remembered
    # the user maps the ID to the third column by hand
    result = di.import_department_list(db, district.admin, first, "残联", mapping={"name": 1, "id_number": 2})
    with db.session_factory() as s:
        assert s.scalar(select(Clue.id_number)) == C
    second = tmp_path / "second.csv"
    second.write_text(f"身份证号,姓名,备用号码\n{D},李四,{E}\n", encoding="utf-8")
    p = di.preview(second, "残联联合会", db=db)
    assert p.remembered and p.mapping == {"name": 1, "id_number": 2}
    assert di.preview(second, "人社", db=db).remembered is False
    assert result.batch_id is not None


def test_preview(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("困难职工名单\n\n姓名,身份证号,电话\n" + "".join(f"人{i},{C},1380000{i:04d}\n" for i in range(30)),
                    encoding="utf-8")
    p = di.preview(path)
    assert (p.file_name, p.header_row, p.columns) == ("p.csv", 3, ["姓名", "身份证号", "电话"])
    assert p.mapping == {"name": 0, "id_number": 1, "phone": 2}
    assert len(p.sample_rows) == 20 and p.sample_rows[0] == ["人0", C, "13800000000"]
    assert p.total_rows_estimate > 20
    with pytest.raises(ServiceError, match="没有第 9 列"):
        di.preview(path, mapping={"id_number": 8})


def test_file_errors_are_service_errors(db: Database, district: District, tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(ServiceError, match="empty.xlsx"):
        di.import_department_list(db, district.admin, empty, "人社")
    with pytest.raises(ServiceError, match="请填写报送名单的部门名称"):  # any department may send one, but named
        di.import_department_list(db, district.admin, write_list(tmp_path / "l.csv"), " \u3000")
    with pytest.raises(PermissionDenied):
        di.import_department_list(db, district.actor(codes.Role.SUPERVISOR), tmp_path / "l.csv", "人社")


def test_formulas_without_a_saved_result_are_told_apart(db: Database, district: District, tmp_path: Path) -> None:
    """openpyxl (like other programs, unlike Excel) saves formulas without their result: calamine
    reads such a cell as empty; the row is invalid with a reason that says what to fix. A formula
    with a saved result is read as its value."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    ws.append(["姓名", "原号", "身份证号码"])
    ws.append(["张三", C, "=B2&\"\""])  # no saved result
    ws.append(["李四", D, D])
    ws.append(["王五", "", ""])  # really empty
    path = tmp_path / "公式.xlsx"
    book.save(path)
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    assert (result.data_rows, result.valid, result.invalid) == (3, 1, {"formula without result": 1, "empty": 1})
    problem = next(e for e in result.errors if e.row_number == 2)
    assert "公式" in problem.message and "保存" in problem.message
    assert di.reason_label("formula without result") == problem.message


def test_formulas_xlsxwriter_saved_as_zero_are_read_as_formulas(db: Database, district: District,
                                                                tmp_path: Path) -> None:
    """XlsxWriter saves 0 as the result of every formula (and asks Excel to calculate on opening):
    ="420203…" was read as the number 0, an ID too short, instead of as its constant."""
    import xlsxwriter

    path = tmp_path / "xlsxwriter公式.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    ws.write_row(0, 0, ["姓名", "身份证号"])
    ws.write_row(1, 0, ["张三"])
    ws.write_formula(1, 1, f'="{C}"')
    ws.write_row(2, 0, ["李四", "x"])
    ws.write_formula(2, 1, "=A3&B3")  # not a constant: its result is unknown
    ws.write_row(3, 0, ["王五", 0])  # a typed 0 is a 0, not a formula
    book.close()
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    assert (result.data_rows, result.valid) == (3, 1)
    assert result.invalid == {"formula without result": 1, "length": 1}


def test_a_constant_formula_without_a_saved_result_is_read_as_its_constant(db: Database, district: District,
                                                                          tmp_path: Path) -> None:
    """="420203…" (the formula that keeps the digits as text) saved without its result by a program:
    its result is the constant itself, not unknown. A numeric constant is a number that lost its
    last digits; a formula of other cells is still told apart; ="" is empty."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["姓名", "原号", "身份证号码"])
    for row in (["甲", "", f'="{C}"'], ["乙", "", f'="{D[:6]}"&"{D[6:].lower()}"'], ["丙", "", f"={E[:17]}1"],
                ["丁", C, "=B5"], ["戊", "", '=""'], ["己", "", f'="{C}"']):
        ws.append(row)
    path = tmp_path / "常量公式.xlsx"
    book.save(path)
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    assert (result.data_rows, result.valid, result.duplicates) == (6, 2, 1)
    assert result.invalid == {"stored as a number": 1, "formula without result": 1, "empty": 1}


def test_command_file_error_exits_1_with_one_line(db: Database, district: District, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    code = cli_main(["import", "department", str(path), "--department", "人社", "--json",
                     "--database-url", db.url.render_as_string(hide_password=False)])
    captured = capsys.readouterr()
    assert code == 1 and json.loads(captured.out)["code"] == "invalid_file"  # --json: the refusal as JSON
    assert len(captured.err.strip().splitlines()) == 1 and "photo.xlsx" in captured.err


def test_command_checks_the_errors_file_before_importing(db: Database, district: District, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = write_list(tmp_path / "list.csv")
    url = db.url.render_as_string(hide_password=False)
    folder = tmp_path / "out.xlsx"
    folder.mkdir()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    same = tmp_path / "名单.xlsx"  # the list named .xlsx (its content is read, whatever its name)
    same.write_bytes(path.read_bytes())
    for source, target, words in ((path, folder, "这是一个文件夹"), (same, same, "要导入的文件本身"),
                                  (path, blocker / "e.xlsx", "路径中的某一段不是文件夹")):
        code = cli_main(["import", "department", str(source), "--department", "人社", "--errors", str(target),
                         "--database-url", url])
        err = capsys.readouterr().err
        assert code == 1 and words in err and len(err.strip().splitlines()) == 1
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 0
    out = tmp_path / "new" / "errors.xlsx"  # a folder that does not exist yet is made
    assert cli_main(["import", "department", str(path), "--department", "人社", "--errors", str(out),
                     "--database-url", url]) == 0
    assert out.exists()


def test_error_workbook_from_result_and_from_batch(db: Database, district: District, registry: dict[str, int],
                                                   tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.csv")
    result = di.import_department_list(db, district.admin, path, "卫健")
    for source in (result, result.batch_id):
        out = tmp_path / f"errors-{source if isinstance(source, int) else 'r'}.xlsx"
        n = di.write_error_workbook(path, source, out, db=db, actor=district.admin)
        assert n == 4
        rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
        assert rows[0] == ["姓名", "身份证号码", "街道", "社区", "家庭住址", "联系电话", "原文件行号", "错误原因"]
        by_name = {r[0]: r for r in rows[1:]}
        assert [(r[0], r[-2]) for r in rows[1:]] == [("庚", 8), ("辛", 9), ("壬", 10), ("癸", 11)]
        assert by_name["庚"][-1] == "身份证号校验码错误"
        assert by_name["壬"][-1] == "与第3行重复" and by_name["壬"][1] == B.lower()
        assert by_name["辛"][1] == "4.20203199001012E+17"
        assert "空" in by_name["癸"][-1]
    changed = tmp_path / "list.csv"
    changed.write_text("姓名,身份证号\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="已被修改"):
        di.write_error_workbook(changed, result.batch_id, tmp_path / "x.xlsx", db=db, actor=district.admin)


def write_titled_list(path: Path) -> Path:
    """A list as a department sends it: a merged title, a 填报单位 line, a header over two rows (序号
    and the other names merged down, 患者信息 merged over 姓名 and 公民身份号码), a 街道 merged down
    over three rows, a remark beyond the named columns, and the signature under the table."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    ws.merge_range(0, 0, 0, 5, "2026年第三季度医保大额支出名单")
    ws.write_string(1, 0, "填报单位：区医保局")
    ws.write_string(1, 4, "填报日期：2026-10-08")
    for c, name in ((0, "序号"), (3, "街道"), (4, "社区"), (5, "大额支出(元)")):
        ws.merge_range(2, c, 3, c, name)
    ws.merge_range(2, 1, 2, 2, "患者信息")
    ws.write_row(3, 1, ["姓名", "公民身份号码"])
    rows = [[1, "甲", C, "八泉街道", "飞云社区", 52000], [2, "乙", C[:17] + "0", None, "八泉社区", 31000],
            [3, "丙", D, None, "八泉社区", 12000], [4, "丁", C, "河口镇", "闸口社区", 8000, "复核"],
            [5, "戊", 4.20203199001012e17, "河口镇", "闸口社区", 6000]]
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values):
            if value is not None:
                ws.write(r, c, value)
    ws.merge_range(4, 3, 6, 3, "八泉街道")
    ws.write_string(10, 0, "制表人：张三")
    book.close()
    return path


def test_the_error_workbook_keeps_the_files_layout_and_imports_again_once_corrected(
        db: Database, district: District, tmp_path: Path) -> None:
    """Issue 4 item 4: the department corrects the rows it is sent back and sends them again. The
    error workbook kept only the header row and no row numbers: the title and 填报单位 line were
    gone, the merged header came back unmerged, and the clerk could not find a row in the file sent.
    Now the rows above the data are as in the file (merged again), each bad row keeps every column
    (the 街道 merged down over it too) with 原文件行号 and 错误原因 after them; once corrected, the
    workbook imports as the list did, the two columns mapping nothing, and the person sent twice
    gets no second clue."""
    from openpyxl import load_workbook

    path = write_titled_list(tmp_path / "医保_大额支出.xlsx")
    result = di.import_department_list(db, district.admin, path, "医保")
    assert (result.header_row, result.header_height, result.data_rows, result.valid, result.duplicates) == (3, 2, 5, 2, 1)
    source = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    for from_batch in (False, True):
        out = tmp_path / f"errors_{from_batch}.xlsx"
        assert di.write_error_workbook(path, result.batch_id if from_batch else result, out,
                                       db=db, actor=district.admin) == 3
        sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0)
        rows = sheet.to_python()
        assert [r[:6] for r in rows[:4]] == [r[:6] for r in source.to_python()[:4]]  # title, 填报单位, header
        assert rows[2][6:] == ["", "原文件行号", "错误原因"] and rows[3][6:] == ["", "", ""]
        assert sorted(sheet.merged_cell_ranges) == sorted([*[m for m in source.merged_cell_ranges if m[1][0] < 4],
                                                           ((2, 7), (3, 7)), ((2, 8), (3, 8))])
        assert rows[4:] == [[2, "乙", C[:17] + "0", "八泉街道", "八泉社区", 31000, "", 6, "身份证号校验码错误"],
                            [4, "丁", C, "河口镇", "闸口社区", 8000, "复核", 8, "与第5行重复"],
                            [5, "戊", 4.20203199001012e17, "河口镇", "闸口社区", 6000, "", 9,
                             idcard.REASON_LABELS[idcard.Invalid.FLOAT]]]
    corrected = tmp_path / "医保_大额支出_更正.xlsx"
    book = load_workbook(out)
    book.active["C5"], book.active["C7"] = E, F15
    book.save(corrected)
    again = di.import_department_list(db, district.admin, corrected, "医保")
    assert (again.header_row, again.header_height, again.sheet) == (3, 2, "需更正")
    assert again.mapping == result.mapping and not {6, 7, 8} & set(again.mapping.values())
    assert (again.data_rows, again.valid, again.invalid, again.duplicates, again.legacy_15_converted) == (3, 3, {}, 0, 1)
    assert again.buckets["new"] == 3 and again.clues_created == 2  # 丁 (C) has the clue of the first list
    with db.session_factory() as s:
        sent = {c.person_name: c.id_number for c in s.scalars(select(Clue).where(Clue.batch_id == again.batch_id))}
    assert sent == {"乙": E, "戊": idcard.parse(F15).number}


def test_the_error_workbook_of_a_gbk_text_list_and_of_a_legacy_xls_keeps_their_title_rows(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV keeps no merges: its title lines come back cell by cell, where they were. A legacy .xls
    has them: its merged title and group header are merged again."""
    path = tmp_path / "医保_大额支出.csv"
    path.write_text("\r\n".join([
        "2026年第三季度医保大额支出名单,,,", "填报单位：区医保局,,填报日期：2026-10-08,", ",,,",
        "序号,姓名,身份证号码,家庭住址", f"1,甲,{C},八泉街道飞云社区", f"2,乙,{C[:17]}0,河口镇", f"3,丙,{C},",
        "制表人：张三,,,"]) + "\r\n", encoding="gbk")
    errors = tmp_path / "errors.xlsx"
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "department", str(path), "--department", "医保", "--errors", str(errors),
                     "--database-url", url]) == 0
    assert "已把 2 行无效或重复的记录写入" in capsys.readouterr().out
    sheet = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0)
    assert sheet.merged_cell_ranges == [] and sheet.to_python() == [
        ["2026年第三季度医保大额支出名单", "", "", "", "", ""], ["填报单位：区医保局", "", "填报日期：2026-10-08", "", "", ""],
        [""] * 6, ["序号", "姓名", "身份证号码", "家庭住址", "原文件行号", "错误原因"],
        ["2", "乙", C[:17] + "0", "河口镇", 6, "身份证号校验码错误"], ["3", "丙", C, "", 7, "与第5行重复"]]
    again = di.import_department_list(db, district.admin, errors, "医保", dry_run=True)
    assert (again.header_row, again.data_rows, again.valid, again.invalid) == (4, 2, 1, {"check character": 1})

    xls = Path(__file__).parent / "data" / "import" / "工会_帮扶名单.xls"
    result = di.import_department_list(db, district.admin, xls, "总工会", dry_run=True)
    assert di.write_error_workbook(xls, result, errors) == sum(result.invalid.values()) + result.duplicates == 2
    source = CalamineWorkbook.from_path(str(xls)).get_sheet_by_name("名单")
    sheet = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0)
    rows, width = sheet.to_python(), len(result.mapping) + 1
    assert [r[:width] for r in rows[:3]] == [r[:width] for r in source.to_python()[:3]]
    assert [m for m in source.merged_cell_ranges if m[1][0] < 3] and \
        set(sheet.merged_cell_ranges) >= {m for m in source.merged_cell_ranges if m[1][0] < 3}
    assert [(r[1], r[-2]) for r in rows[3:]] == [("李四", 5), ("张三", 7)]


def test_cells_beyond_the_lists_last_column_are_kept_after_the_two_columns(tmp_path: Path) -> None:
    """A row longer than the list (a remark typed beside it, far down a long list) keeps its cells,
    after 原文件行号 and 错误原因 so that these stay under their names."""
    out = tmp_path / "errors.xlsx"
    top = eb.SheetTop([["名单", "", "", ""], ["姓名", "身份证号", "", ""]], 1, [((0, 0), (0, 1))])
    assert eb.write_error_rows(out, top, iter([(3, ["甲", "42", "", "备注"], "身份证号位数不对")])) == 1
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python() == [
        ["名单", "", "", "", "", ""], ["姓名", "身份证号", "原文件行号", "错误原因", "", ""],
        ["甲", "42", 3, "身份证号位数不对", "", "备注"]]


def test_xlsx_with_numbers_and_title_rows(db: Database, district: District, tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "住保.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("公租房")
    ws.write_string(0, 0, "公租房保障对象名单")
    for c, h in enumerate(["序号", "申请人", "证件号码", "所在社区"]):
        ws.write_string(2, c, h)
    ws.write_number(3, 0, 1)
    ws.write_string(3, 1, "张三")
    ws.write_number(3, 2, float(C))
    ws.write_string(3, 3, "八泉社区")
    ws.write_number(4, 0, 2)
    ws.write_string(4, 1, "李四")
    ws.write_string(4, 2, "420203500101123")
    ws.write_string(4, 3, "道仕袱")
    ws.write_string(6, 0, "制表人:某某")
    book.close()
    result = di.import_department_list(db, district.admin, path, "住保")
    assert (result.data_rows, result.valid, result.invalid, result.legacy_15_converted) == (
        2, 1, {"stored as a number": 1}, 1)
    rows = di.list_batch_rows(db, district.admin, result.batch_id, "new")
    assert rows[0].region_id == district.regions["道仕袱村"]


def test_fast_id_road_agrees_with_the_rules() -> None:
    import random

    rng = random.Random(11)
    good = [idcard.make(rng.choice(["420203", "110105", "420281"]),
                        date.fromordinal(date(1900, 1, 1).toordinal() + rng.randrange(45_000)), rng.randrange(1000))
            for _ in range(3000)]
    bad = [g[:17] + rng.choice("0123456789X") for g in good[:1000]] + [g[:10] + "1332" + g[14:] for g in good[:50]]
    odd = [g.lower() for g in good[:20]] + [" " + good[0], "'" + good[1], "１" * 18, "42020319900101123", "", None,
                                               4.20203199001012e17, 420203500101123, "1" * 18, "18000101" * 2 + "00"]
    for raw in good + bad + odd:
        assert di.parse_id(raw) == idcard.parse(raw), raw


def test_command_on_a_legacy_xls(db: Database, district: District, capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).parent / "data" / "import" / "工会_帮扶名单.xls"
    code = cli_main(["import", "department", str(path), "--department", "区总工会", "--json",
                     "--database-url", db.url.render_as_string(hide_password=False)])
    got = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (got["data_rows"], got["valid"], got["invalid"], got["duplicates"], got["legacy_15_converted"]) == (
        4, 2, {"stored as a number": 1}, 1, 1)
    assert got["new"] == 2 and isinstance(got["batch_id"], int)
    rows = {r.name: r for r in di.list_batch_rows(db, district.admin, got["batch_id"], "new")}
    assert rows["张三"].region_id == district.regions["飞云社区"]


def test_command_on_a_truncated_legacy_xls(db: Database, district: District, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A legacy .xls cut short in transfer: one clear line and exit 1 (calamine panicked here)."""
    good = (Path(__file__).parent / "data" / "import" / "工会_帮扶名单.xls").read_bytes()
    path = tmp_path / "工会_帮扶名单(不完整).xls"
    path.write_bytes(good[:len(good) * 3 // 4])
    code = cli_main(["import", "department", str(path), "--department", "区总工会", "--json",
                     "--database-url", db.url.render_as_string(hide_password=False)])
    captured = capsys.readouterr()
    assert code == 1 and json.loads(captured.out) == {"error": captured.err.strip().removeprefix("错误:"),
                                                      "code": "invalid_file"}
    assert captured.err.strip().splitlines() == [captured.err.strip()] and "已损坏" in captured.err
    assert count(db, ImportBatch) == 0


def test_command_on_a_web_page_saved_as_xls(db: Database, district: District, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The "Excel" a web system exports is an HTML table named .xls: counted like any list, the error
    workbook written in its layout, and a renamed copy recognised as already imported."""
    page = "".join([
        '<html><head><meta charset="gbk"></head><body><h3>医保局大病患者名单</h3><table>',
        "<tr><td>序号</td><td>患者姓名</td><td>公民身份号码</td><td>家庭住址</td></tr>",
        f"<tr><td>1</td><td>甲</td><td>{C}</td><td>西塞山区河口镇道仕袱村</td></tr>",
        f'<tr><td>2</td><td>乙</td><td x:num="{D[:17]}0">4.20203E+17</td><td></td></tr>',
        f"<tr><td>3</td><td>丙</td><td>{C}</td><td></td></tr>",
        f"<tr><td>4</td><td>丁</td><td>{F15}</td><td></td></tr>",
        "<tr><td colspan=2>合计</td><td>4人</td><td></td></tr></table><p>制表人：张三</p></body></html>"])
    path = tmp_path / "大病患者.xls"
    path.write_bytes(page.encode("gbk"))
    url = db.url.render_as_string(hide_password=False)
    errors = tmp_path / "errors.xlsx"
    code = cli_main(["import", "department", str(path), "--department", "医保", "--json", "--errors", str(errors),
                     "--database-url", url])
    got = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (got["data_rows"], got["valid"], got["invalid"], got["duplicates"], got["legacy_15_converted"]) == (
        4, 2, {"stored as a number": 1}, 1, 1)
    assert isinstance(got["batch_id"], int) and got["new"] == 2
    rows = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    # the title above the table kept where it was, the rows numbered as Excel shows the page
    assert rows[:2] == [["医保局大病患者名单", "", "", "", "", ""],
                        ["序号", "患者姓名", "公民身份号码", "家庭住址", "原文件行号", "错误原因"]]
    assert [(r[1], r[-2]) for r in rows[2:]] == [("乙", 4), ("丙", 5)]
    copy = tmp_path / "大病患者(1).xls"
    shutil.copy(path, copy)
    code = cli_main(["import", "department", str(copy), "--department", "医保", "--json", "--database-url", url])
    assert code == 1 and "已于" in capsys.readouterr().err


def test_rows_with_another_kind_of_document_say_so(db: Database, district: District, tmp_path: Path) -> None:
    """A list with a 证件类型 column beside 证件号码: a passport or a Hong Kong/Macao pass number is
    not a resident ID number (RULES.md §3) and cannot be matched; it keeps the reason its number
    gives (counts by reason do not depend on the columns) and its message names the document. A
    valid ID number is used whatever the type says."""
    path = tmp_path / "证件.csv"
    path.write_text("\n".join([
        "序号,姓名,证件类型,证件号码", f"1,甲,居民身份证,{C}", "2,乙,护照,E12345678", "3,丙,港澳居民来往内地通行证,H12345678",
        "4,丁,台湾居民来往大陆通行证,12345678", f"5,戊,户口簿,{D}", f"6,己,护照,{E}", "7,庚,居民身份证,42020319900101",
        "8,辛,外国人永久居留身份证,", "9,壬,,ABC"]), encoding="utf-8")
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    assert result.mapping["id_type"] == 2 and result.mapping["id_number"] == 3
    assert (result.data_rows, result.valid) == (9, 3)
    assert result.invalid == {"characters": 3, "length": 2, "empty": 1}
    messages = {p.row_number: p.message for p in result.errors}
    assert "护照" in messages[3] and "居民身份证" in messages[3] and "港澳居民来往内地通行证" in messages[4]
    assert "台湾居民来往大陆通行证" in messages[5] and "证件类型" not in messages[8]


def test_whole_numbers_keep_their_digits(db: Database, district: District, tmp_path: Path) -> None:
    """A number of up to 15 digits lost nothing on its way through a float: a legacy number in a
    number cell or written "420203500101123.0" by an export is converted; a short one is too short."""
    path = tmp_path / "floats.csv"
    path.write_text(f"姓名,身份证号码\n甲,{F15}.0\n乙,{F15}\n丙,12345.0\n丁,{A}.0\n", encoding="gbk")
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    # both forms are converted (乙 is found a repeat of 甲); converted ones are counted among the valid rows
    assert (result.data_rows, result.valid, result.duplicates, result.legacy_15_converted) == (4, 1, 1, 1)
    assert result.invalid == {"length": 1, "stored as a number": 1}


def test_awkward_text_survives_the_database_match(db: Database, district: District, registry: dict[str, int],
                                                 tmp_path: Path) -> None:
    """Names and addresses with quotes, backslashes, tabs and line breaks reach the batch rows and the
    clues unchanged (valid rows travel to the database as JSON), and a dry run counts the same."""
    import xlsxwriter

    path = tmp_path / "awkward.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    for c, h in enumerate(["姓名", "身份证号码", "家庭住址", "联系电话"]):
        ws.write_string(0, c, h)
    people = [
        ('王"大"', C, 'C:\\路\t3号\n2单元 "东"', "138-0000'0003"),
        ("李\\小", D, "河口镇道仕袱村 ✓ 𠀋", ""),
        ("乙", B, "", "13800000002"),
        ("甲", A, "八泉社区", ""),
    ]
    for r, (name, number, address, phone) in enumerate(people, start=1):
        for c, v in enumerate((name, number, address, phone)):
            ws.write_string(r, c, v)
    book.close()
    dry = di.import_department_list(db, district.admin, path, "残联", dry_run=True)
    real = di.import_department_list(db, district.admin, path, "残联")
    assert dry.counts() == real.counts()
    assert real.buckets == {"in_assistance": 1, "known": 1, "new": 2}
    with db.session_factory() as s:
        rows = {r.id_number: r for r in s.scalars(select(ImportRow).where(ImportRow.batch_id == real.batch_id))}
        clues = {c.id_number: c for c in s.scalars(select(Clue).where(Clue.batch_id == real.batch_id))}
    assert rows[C].name == '王"大"' and rows[C].data == {"address": 'C:\\路\t3号\n2单元 "东"', "phone": "138-0000'0003"}
    assert rows[D].data == {"address": "河口镇道仕袱村 ✓ 𠀋"}
    assert rows[A].outcome == "in_assistance" and rows[A].household_id == registry["A"]
    assert rows[B].outcome == "known" and rows[B].household_id == registry["B"]
    assert set(clues) == {C, D}
    assert clues[C].person_name == '王"大"' and clues[C].address == 'C:\\路\t3号\n2单元 "东"'
    assert clues[C].phone == "138-0000'0003" and clues[D].phone == ""
    assert clues[D].region_id == district.regions["道仕袱村"] and clues[D].status == "assigned"
    assert clues[C].description.endswith("第 2 行")


def write_list_per_sheet(path: Path) -> Path:
    """A notes sheet, then one list per sub-district: 八泉街道 (2 rows) and 河口镇 (1 row)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("填表说明").write_string(0, 0, "每个街道一个工作表")
    for sheet, people in (("八泉街道", [("张三", C), ("李四", D)]), ("河口镇", [("王五", E)])):
        ws = book.add_worksheet(sheet)
        for c, h in enumerate(["序号", "姓名", "身份证号码"]):
            ws.write_string(0, c, h)
        for r, (name, number) in enumerate(people, start=1):
            ws.write_number(r, 0, r)
            ws.write_string(r, 1, name)
            ws.write_string(r, 2, number)
    book.close()
    return path


def test_a_list_per_sheet_is_named_and_imported_sheet_by_sheet(db: Database, district: District, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write_list_per_sheet(tmp_path / "分街道名单.xlsx")
    found = di.preview(path, "残联")
    assert (found.sheet, found.other_sheets) == ("八泉街道", ["河口镇"])
    first = di.import_department_list(db, district.admin, path, "残联")
    assert (first.sheet, first.data_rows, first.other_sheets) == ("八泉街道", 2, ["河口镇"])
    assert "另有 1 个工作表" in summary(first) and "“河口镇”" in summary(first)
    # the other sheet of the same file is a list of its own, imported once
    second = di.import_department_list(db, district.admin, path, "残联", sheet="河口镇")
    assert (second.data_rows, second.buckets["new"], second.other_sheets) == (1, 1, [])
    with pytest.raises(ServiceError, match="工作表“河口镇”已于"):
        di.import_department_list(db, district.admin, path, "残联", sheet="河口镇")
    url = str(db.engine.url.render_as_string(hide_password=False))
    assert cli_main(["import", "department", str(path), "--department", "残联", "--dry-run", "--json",
                     "--database-url", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["sheet"], out["other_sheets"], out["data_rows"]) == ("八泉街道", ["河口镇"], 2)
    assert "工作表“八泉街道”已于" in out["already_imported"]  # its first sheet was imported above
    assert count(db, ImportBatch) == 2


def test_a_batch_imported_by_mistake_is_undone(db: Database, district: District, registry: dict[str, int],
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.models import AuditEntry
    from desktop.services import clues as clue_svc

    path = write_list(tmp_path / "list.csv")
    wrong = di.import_department_list(db, district.admin, path, "卫健")  # meant for 医保
    info = di.undo_info(db, district.admin, wrong.batch_id)
    assert (info.rows, info.clues, info.refusal) == (10, 4, "")
    caseworker = district.actor(codes.Role.SUBDISTRICT_CASEWORKER)
    assert "只有导入人本人" in di.undo_info(db, caseworker, wrong.batch_id).refusal
    with pytest.raises(ServiceError, match="只有导入人本人"):
        di.undo_batch(db, caseworker, wrong.batch_id, "部门选错")
    with pytest.raises(ServiceError, match="原因"):
        di.undo_batch(db, district.admin, wrong.batch_id, "  ")
    di.undo_batch(db, district.admin, wrong.batch_id, "部门选错")
    assert count(db, ImportBatch) == 0 and count(db, ImportRow) == 0 and count(db, Clue) == 0
    with db.session_factory() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "import.undo"))
        assert entry is not None and "部门选错" in entry.detail and entry.before["clues"] == 4
    # the file can be imported again, under the right department
    right = di.import_department_list(db, district.admin, path, "医保")
    assert right.buckets["new"] == 4
    # once a clue of the batch is being investigated, the batch stays
    with db.session_factory() as s:
        clue = s.scalars(select(Clue).where(Clue.batch_id == right.batch_id, Clue.region_id.is_not(None))).first()
    clue_svc.start_investigation(db, district.admin, clue.id)
    with pytest.raises(ServiceError, match="已有 1 条开始调查"):
        di.undo_batch(db, district.admin, right.batch_id, "再试")
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "undo", str(right.batch_id), "--reason", "再试", "--database-url", url]) == 1
    assert "已有 1 条开始调查" in capsys.readouterr().err
    assert count(db, ImportBatch) == 1


def test_undo_command_asks_for_yes(db: Database, district: District, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    batch = di.import_department_list(db, district.admin, write_list(tmp_path / "list.csv"), "卫健").batch_id
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "undo", str(batch), "--reason", "文件发错", "--database-url", url]) == 0
    assert "确认请加 --yes" in capsys.readouterr().out and count(db, ImportBatch) == 1
    assert cli_main(["import", "undo", str(batch), "--reason", "文件发错", "--yes", "--database-url", url]) == 0
    assert "已撤销批次" in capsys.readouterr().out and count(db, ImportBatch) == 0 and count(db, Clue) == 0


def test_a_birth_date_after_today_is_an_invalid_birth_date(db: Database, district: District, tmp_path: Path) -> None:
    """Nobody on a list can be born tomorrow: a typo in the year (2062 for 1962) is sent back, not screened."""
    from datetime import timedelta

    tomorrow = idcard.make("420203", date.today() + timedelta(days=1), 11)
    later = idcard.make("420203", date(2062, 3, 1), 12)
    path = tmp_path / "future.csv"
    path.write_text(f"姓名,身份证号\n甲,{tomorrow}\n乙,{later}\n丙,{A}\n", encoding="utf-8")
    result = di.import_department_list(db, district.admin, path, "卫健", dry_run=True)
    assert (result.data_rows, result.valid, result.invalid) == (3, 1, {"birth date": 2})
    assert idcard.parse(later).reason == idcard.Invalid.BIRTH_DATE
    assert idcard.parse(later, today=date(2062, 3, 1)).valid


def test_a_disability_certificate_column_gives_the_id_number(db: Database, district: District,
                                                             tmp_path: Path) -> None:
    """A disabled persons' federation list with only 残疾人证号 (the ID number followed by category and
    grade) is read by the ID number inside; beside a 身份证号 column, the ID column is read."""
    path = tmp_path / "残联.csv"
    path.write_text("\n".join(["姓名,残疾人证号,残疾类别", f"甲,{A}41,肢体", f"乙,{B}12,视力", f"丙,{A}43,肢体",
                               f"丁,{C[:17]}0 11,视力", f"戊,{D}9,智力", f"己,{E},精神"]), encoding="gbk")
    result = di.import_department_list(db, district.admin, path, "残联", dry_run=True)
    assert result.mapping["id_number"] == 1
    assert (result.data_rows, result.valid, result.duplicates) == (6, 3, 1)
    assert result.invalid == {"check character": 1, "length": 1}
    both = tmp_path / "残联2.csv"
    both.write_text("\n".join(["姓名,残疾人证号,身份证号", f"甲,{A}41,{A}", f"乙,{B}12,{B}"]), encoding="gbk")
    result = di.import_department_list(db, district.admin, both, "残联", dry_run=True)
    assert result.mapping["id_number"] == 2 and (result.valid, result.invalid) == (2, {})


def test_a_list_without_a_header(db: Database, district: District, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A system's export of the data alone, no header row: the column of ID numbers is found by its
    content and every row from the first is data. The summary says there is no header; the error
    workbook (from the result and from the batch) keeps the file's columns with the reason beside,
    under a row naming the columns read: sent back, it is read by the same columns."""
    path = tmp_path / "导出.csv"
    rows = [f"1,甲,{A},13800000001", f"2,乙,{B},", f"3,丙,{C[:17]}0,", f"4,丁,{D},", f"5,戊,{B.lower()},", "6,己,,",
            f"7,庚,{E},", f"8,辛,{F15},"]
    path.write_text("\n".join(rows) + "\n", encoding="gbk")
    result = di.import_department_list(db, district.admin, path, "人社")
    assert (result.header_row, result.header_height, result.mapping) == (1, 0, {"id_number": 2, "name": 1})
    assert (result.data_rows, result.valid, result.duplicates, result.legacy_15_converted) == (8, 5, 1, 1)
    assert result.invalid == {"check character": 1, "empty": 1}
    assert "没有表头" in summary(result)
    for source in (result, result.batch_id):
        out = tmp_path / f"errors-{source if isinstance(source, int) else 'r'}.xlsx"
        assert di.write_error_workbook(path, source, out, db=db, actor=district.admin) == 3
        sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
        assert sheet[0] == ["", "姓名", "身份证号", "", "原文件行号", "错误原因"]  # the columns read, named
        assert [(r[1], r[-2]) for r in sheet[1:]] == [("丙", 3), ("戊", 5), ("己", 6)] and sheet[2][-1] == "与第2行重复"
        again = di.import_department_list(db, district.admin, out, "人社", dry_run=True)  # sent back as it is
        assert (again.data_rows, again.valid, again.duplicates, again.mapping) == (3, 1, 0, {"id_number": 2, "name": 1})
    # Columns named by their letters are not remembered: the next list without a header has its own order.
    assert count(db, ColumnMapping) == 0
    other = tmp_path / "导出2.csv"
    other.write_text("\n".join([f"{A},甲", f"{C},丙", f"{D},丁"]) + "\n", encoding="gbk")
    result = di.import_department_list(db, district.admin, other, "人社", dry_run=True)
    assert result.mapping == {"id_number": 0, "name": 1} and (result.data_rows, result.valid) == (3, 3)


def test_remarks_labels_and_two_numbers_in_the_id_cell(db: Database, district: District, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The number with a remark after it ("（户主）") or a label before it, and a couple's numbers with
    本人 marking the person's: read as the person's number. Two numbers without that mark cannot be
    told apart: invalid, and the error workbook says why in those words."""
    import xlsxwriter

    path = tmp_path / "备注.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    for r, row in enumerate([["姓名", "身份证号码"], ["甲", f"{A}（户主）"], ["乙", f"身份证：{B}"],
                             ["丙", f"本人:{C}\n配偶:{D}"], ["丁", f"{D}/{E}"], ["戊", f"{C} (已故)"]]):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    book.close()
    errors = tmp_path / "errors.xlsx"
    url = db.url.render_as_string(hide_password=False)
    code = cli_main(["import", "department", str(path), "--department", "人社", "--json", "--dry-run",
                     "--errors", str(errors), "--database-url", url])
    got = json.loads(capsys.readouterr().out)
    assert code == 0
    assert (got["data_rows"], got["valid"], got["invalid"], got["duplicates"]) == (5, 3, {"characters": 1}, 1)
    rows = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    assert [(r[0], r[-1]) for r in rows[1:]] == [
        ("丁", "一个单元格里有 2 个身份证号,无法确定哪一个是本人的(可写作“本人:… 配偶:…”)"), ("戊", "与第4行重复")]


def test_a_list_too_long_is_refused_before_any_row_is_screened(db: Database, district: District, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """More data rows than an import takes: refused after counting them, before reading them for good
    (screening a million rows to find the one too many took minutes). A sheet with more lines than
    that but fewer data rows (blank lines, a footer) is imported."""
    path = tmp_path / "many.csv"
    path.write_text("\n".join(["姓名,身份证号"] + [f"人{i},{C}" for i in range(30)]), encoding="utf-8")

    def no_screening(*args: object) -> None:
        raise AssertionError("screening began")

    with monkeypatch.context() as m:
        m.setattr(di._Screening, "__init__", no_screening)
        with pytest.raises(ServiceError, match="超过 20 行"):
            di.import_department_list(db, district.admin, path, "人社", max_rows=20, dry_run=True)
    spaced = tmp_path / "spaced.csv"
    spaced.write_text("\n".join(["姓名,身份证号"] + [f"人{i},{C}\n,\n" for i in range(20)] + ["制表人:张三"]),
                      encoding="utf-8")
    result = di.import_department_list(db, district.admin, spaced, "人社", max_rows=20, dry_run=True)
    assert (result.data_rows, result.valid, result.duplicates) == (20, 1, 19)


def test_a_repeated_legacy_number_is_counted_converted_once(db: Database, district: District, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """legacy_15_converted was counted before the duplicate check: a 15-digit number listed twice was two
    conversions beside one valid row (and its 18-digit form listed first, then the 15-digit one, one more).
    It counts the valid rows whose number was converted."""
    f18 = idcard.parse(F15).number
    path = tmp_path / "repeats.csv"
    path.write_text(f"姓名,身份证号码\n甲,{F15}\n甲,{F15}\n乙,{B}\n丙,{C}\n丙,{C[:6] + C[8:17]}\n"
                    f"丁,{f18}\n", encoding="utf-8")
    result = di.import_department_list(db, district.admin, path, "人社", dry_run=True)
    assert (result.data_rows, result.valid, result.duplicates) == (6, 3, 3)
    assert result.legacy_15_converted == 1  # 甲 once; 丙's 15-digit form repeats a valid row
    assert cli_main(["import", "department", str(path), "--department", "人社", "--dry-run",
                     "--database-url", district.db.url.render_as_string(hide_password=False)]) == 0
    assert "有效行中 15 位旧身份证号已转换为 18 位:1 行" in capsys.readouterr().out


@pytest.mark.parametrize(("given", "code"), [
    ("人社", "hrss"), ("区人社局", "hrss"), ("hrss", "hrss"), ("HRSS", "hrss"), (" Medical_Insurance ", "medical_insurance"),
    ("区医疗保障局", "medical_insurance"), ("残疾人联合会", "disabled_federation"), ("卫健委", "health"),
    # names offices also write: spaced or full-width, older or merged bureaus, service centres
    ("人 社", "hrss"), ("ＨＲＳＳ", "hrss"), ("区社保局", "hrss"), ("区住房保障服务中心", "housing"), ("教体局", "education"),
    ("卫计委", "health"), ("区残疾人服务中心", "disabled_federation")])
def test_a_department_is_named_by_label_longer_name_or_code_in_any_case(given: str, code: str) -> None:
    """Scripts pass the code; HRSS (as IT writes it in capitals) was an unknown department, and so
    were 住房保障, 教体局 (教育体育局), 卫计委 and a name typed with a space."""
    from desktop.services.department_import import department_code

    assert department_code(given) == code


def test_preview_rows_are_judged_as_the_import_judges_them(db: Database, district: District, tmp_path: Path) -> None:
    """Found walking the wizard: a row repeating an earlier ID showed 正确 in the preview but was
    counted as a duplicate; a passport row showed only 非法字符; a 残疾人证号 showed 位数不对."""
    other = idcard.make("420203", date(1971, 5, 6), 27)
    path = tmp_path / "残联_名单.csv"
    path.write_text(f"姓名,证件类型,残疾人证号\n甲,居民身份证,{C}11\n乙,护照,E12345678\n丙,,{C}\n丁,,{other}\n",
                    encoding="utf-8")
    p = di.preview(path)
    checks = di.check_samples(p, p.mapping)
    assert [c.usable for c in checks] == [True, False, False, True]
    assert checks[0].number == C
    assert "护照" in checks[1].message and "不是居民身份证" in checks[1].message
    assert checks[2].message == "与第2行重复"
    result = di.import_department_list(db, district.admin, path, "disabled_federation", dry_run=True)
    assert (result.valid, result.duplicates, sum(result.invalid.values())) == (2, 1, 1)


def test_the_error_workbook_from_a_batch_names_the_other_document_too(db: Database, district: District,
                                                                      tmp_path: Path) -> None:
    """Found comparing the two error workbooks of one list: the wizard's said the row held a 护照,
    the one saved later from 导入记录 only said 身份证号含有非法字符."""
    path = tmp_path / "残联_名单.csv"
    path.write_text(f"姓名,证件类型,身份证号\n甲,,{C}\n乙,护照,E12345678\n丙,,{C}\n丁,,12345\n", encoding="utf-8")
    result = di.import_department_list(db, district.admin, path, "disabled_federation")
    reasons = []
    for source in (result, result.batch_id):
        out = tmp_path / f"errors_{source is result}.xlsx"
        assert di.write_error_workbook(path, source, out, db=db, actor=district.admin) == 3
        rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
        reasons.append([row[-1] for row in rows[1:]])
    assert reasons[0] == reasons[1]
    assert "护照" in reasons[1][0] and reasons[1][1] == "与第2行重复" and "位数" in reasons[1][2]


def test_assigning_chosen_rows_keeps_row_and_clue_together_and_in_scope(db: Database, district: District,
                                                                         registry: dict[str, int], tmp_path: Path) -> None:
    """Re-assigning a list row whose clue was under investigation moved the row (the list showed the
    new community, "1 row assigned") while the clue stayed put; and a sub-district caseworker could
    take a row, and its clue, out of another sub-district. Found by bulk-assigning rows of a batch
    after some clues had been worked on."""
    from desktop.services import clues

    result = di.import_department_list(db, district.admin, write_list(tmp_path / "list.csv"), "卫健")
    rows = {r.name: r for r in di.list_batch_rows(db, district.admin, result.batch_id)}
    with db.session_factory() as s:
        found = {c.person_name: c for c in s.scalars(select(Clue).where(Clue.batch_id == result.batch_id))}
    clues.start_investigation(db, district.admin, found["丙"].id)
    with pytest.raises(ServiceError) as err:
        di.assign_rows(db, district.admin, result.batch_id, [rows["丙"].id, rows["戊"].id], district.regions["八泉社区"])
    assert f"第{rows['丙'].row_number}行" in err.value.message and f"#{found['丙'].id}" in err.value.message
    with db.session_factory() as s:  # nothing moved, row and clue agree
        assert s.get(ImportRow, rows["丙"].id).region_id == district.regions["飞云社区"]
        assert s.get(ImportRow, rows["戊"].id).region_id is None
        assert s.get(Clue, found["丙"].id).region_id == district.regions["飞云社区"]
    # 丁 was placed in 道仕袱村 (河口镇): not the 八泉街道 caseworker's to move.
    caseworker = district.actor(codes.Role.SUBDISTRICT_CASEWORKER)
    with pytest.raises(PermissionDenied, match=f"第{rows['丁'].row_number}行"):
        di.assign_rows(db, caseworker, result.batch_id, [rows["丁"].id], district.regions["八泉社区"])
    with db.session_factory() as s:
        assert s.get(ImportRow, rows["丁"].id).region_id == district.regions["道仕袱村"]
        assert s.get(Clue, found["丁"].id).region_id == district.regions["道仕袱村"]
    # Rows of their own sub-district and unassigned ones still go.
    assert di.assign_rows(db, caseworker, result.batch_id, [rows["戊"].id], district.regions["八泉社区"]) == 1


def test_a_clue_assigned_in_the_inbox_is_assigned_in_its_batch(db: Database, district: District,
                                                                registry: dict[str, int], tmp_path: Path) -> None:
    """A list clue assigned in the clue inbox stayed an unassigned row of its batch; the batch's
    "assign every unassigned row" then moved the clue away from the community it had just been sent
    to (found assigning the same list from both places)."""
    from desktop.services import clues

    result = di.import_department_list(db, district.admin, write_list(tmp_path / "list.csv"), "卫健")
    with db.session_factory() as s:
        clue_id = s.scalar(select(Clue.id).where(Clue.person_name == "戊"))
        assert s.get(ImportBatch, result.batch_id).counts["unassigned"] == 2
    clues.assign_clues(db, district.admin, [clue_id], district.regions["闸口社区"])
    with db.session_factory() as s:
        row = s.scalar(select(ImportRow).where(ImportRow.batch_id == result.batch_id, ImportRow.name == "戊"))
        assert row.region_id == district.regions["闸口社区"]
        assert s.get(ImportBatch, result.batch_id).counts["unassigned"] == 1
    assert di.assign_rows(db, district.admin, result.batch_id, None, district.regions["八泉社区"]) == 1
    with db.session_factory() as s:
        assert s.get(Clue, clue_id).region_id == district.regions["闸口社区"]
        # and a clue sent somewhere before this was kept in step stays where it was sent
        s.execute(update(ImportRow).where(ImportRow.id == row.id).values(region_id=None))
        s.commit()
    di.assign_rows(db, district.admin, result.batch_id, None, district.regions["八泉社区"])
    with db.session_factory() as s:
        assert s.get(Clue, clue_id).region_id == district.regions["闸口社区"]
