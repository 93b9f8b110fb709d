"""Department lists as real offices send them, round 7 (after test_department_variants_s15.py to _s20.py).

Defects found (each a case below, failing before its fix): on a list of household members the name
beside each member's ID number was the head's ("户主姓名", merged down the household's rows) when the
members' names stood under "家庭成员" or "成员"; a header of 人社's field codes alone (AAC003 | AAC002;
XM | SFZH is mapped since another round) or a bilingual one ("姓名 Name", "身份证号 ID No.") found no name column; a
CSV row shifted one column right by a comma without quotes in the address before the ID column was
said to hold the address's characters, with no word of the shift; a number quoted '420…' (as a
database tool copies it) or followed by a full stop (420….) was wrong characters or "stored as a
number", and a soft hyphen hidden inside one (pasted from a web page) wrong characters.

The other cases are shapes not tried before that were right already: Excel's "sep=;" line above a
CSV's header, numbers written ="420…" to stay text, each line of a CSV quoted whole, header cells
of a CSV broken over lines, a second table under the first with its columns in another order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.services import department_import as di
from desktop.services.database import Database
from tests.test_department_variants_s15 import counts_a_clerk_finds, listed, text_list
from tests.test_department_variants_s17 import book_of
from tests.test_department_variants_s18 import screened  # noqa: F401 (a fixture)
from tests.test_import_department_files import Ids, Row, expected, people, registered, run  # noqa: F401 (a fixture)


def members_under_merged_head(tmp: Path) -> tuple[Path, dict]:
    """住建: one row per member, 户主姓名 and 户主身份证号 merged down the household's rows, the member's
    name under 家庭成员 and number under 成员身份证号."""
    ids = Ids()
    rows = people(ids)
    lines: list[list[Any]] = [["序号", "户主姓名", "户主身份证号", "家庭成员", "成员身份证号", "与户主关系"]]
    merges = []
    for start in range(0, len(rows), 3):
        head = ids.new()
        for i, (name, value, _what) in enumerate(rows[start:start + 3]):
            lines.append([start // 3 + 1, "户主" + str(start), head, name, value, "本人" if i == 0 else "子女"]
                         if i == 0 else [None, None, None, name, value, "子女"])
        last = len(lines)
        first = last - len(rows[start:start + 3]) + 1
        if last > first:
            merges += [f"{c}{first}:{c}{last}" for c in "ABC"]
    return book_of(tmp / "住建_成员.xlsx", lines, rows, merges=tuple(merges))


def members_beside_head_plain_id(tmp: Path) -> tuple[Path, dict]:
    """户主姓名 | 家庭成员 | 与户主关系 | 身份证号码: the number is the member's, so is the name."""
    rows = people(Ids())
    lines = [["户主姓名", "家庭成员", "与户主关系", "身份证号码"]]
    lines += [["户主甲", name, "本人" if i == 0 else "子女", value] for i, (name, value, _w) in enumerate(rows)]
    return book_of(tmp / "成员.xlsx", lines, rows)


def field_codes_header(tmp: Path) -> tuple[Path, dict]:
    """A database's export: the field codes alone as the header (XM | SFZH | DZ)."""
    rows = people(Ids())
    return text_list(tmp / "codes.csv", [["XM", "SFZH", "DZ"]] + [[n, v, "黄石市"] for n, v, _w in rows], rows)


def hrss_codes_header(tmp: Path) -> tuple[Path, dict]:
    """人社's standard codes as the header (AAC003 姓名 | AAC002 公民身份号码)."""
    rows = people(Ids())
    return text_list(tmp / "aac.csv", [["AAC003", "AAC002"]] + [[n, v] for n, v, _w in rows], rows)


def bilingual_headers(tmp: Path) -> tuple[Path, dict]:
    """A bilingual form (外事, 侨联): each column named in Chinese and English ("姓名 Name", "身份证号 ID No.")."""
    rows = people(Ids())
    return book_of(tmp / "双语.xlsx", [["序号 No.", "姓名 Name", "身份证号 ID No.", "联系电话 Tel"]]
                   + [[*line, "13800000000"] for line in listed(rows)], rows)


def comma_in_address(tmp: Path) -> tuple[Path, dict]:
    """A CSV typed by a script: an address before the ID column holding a comma without quotes shifts
    the rest of its row one column right; the number is not where the header says (characters)."""
    ids = Ids()
    rows: list[Row] = [(n, v, w) for n, v, w in people(ids) if w != "empty"]
    lines = [["序号", "姓名", "住址", "身份证号码", "电话"]]
    shifted: list[Row] = []
    for i, (name, value, _what) in enumerate(rows, 1):
        lines.append([i, name, "湖北省黄石市某路", value, "13800000000"])
    for j in range(2):
        name, value = f"错{j}", ids.new()
        lines.append([len(lines), name, "湖北省黄石市", f"某路{j}号", value, "13800000000"])
        shifted.append((name, value, "characters"))
    return text_list(tmp / "comma.csv", lines, rows + shifted)


def quoted_and_stopped(tmp: Path) -> tuple[Path, dict]:
    """Numbers copied from a database tool ('420…'), typed in a document with a full stop after them
    (420….), or pasted from a web page with a soft hyphen hidden inside."""
    ids = Ids()
    v = ids.new()
    rows = people(ids) + [("钱一", f"'{ids.new()}'", "new"), ("钱二", ids.new() + ".", "new"),
                          ("钱三", f"{v[:6]}\u00ad{v[6:]}", "new"), ("钱四", v, "dup")]
    return book_of(tmp / "pasted.xlsx", [["序号", "姓名", "身份证号码"], *listed(rows)], rows)


def sep_line_csv(tmp: Path) -> tuple[Path, dict]:
    """Excel's hint line "sep=;" above the header of a semicolon CSV (UTF-8 with BOM)."""
    rows = people(Ids())
    return text_list(tmp / "sep.csv", [["姓名", "身份证号码"]] + [[n, v] for n, v, _w in rows], rows, "utf-8",
                     ";", before=b"\xef\xbb\xbfsep=;\r\n")


def excel_equals_csv(tmp: Path) -> tuple[Path, dict]:
    """A web system's CSV keeping numbers as text for Excel: ="420203…" (quoted as CSV quotes it)."""
    rows = people(Ids())
    return text_list(tmp / "equals.csv", [["姓名", "身份证号码"]] + [[n, f'="{v}"' if v else ""] for n, v, _w in rows],
                     rows)


def whole_lines_quoted(tmp: Path) -> tuple[Path, dict]:
    """Each line quoted whole ("姓名,身份证号码" and "张三,420…"): one column holding name and number."""
    rows = [(n, v, w) for n, v, w in people(Ids()) if "," not in v]
    path = tmp / "quoted.csv"
    path.write_bytes("".join(f'"{a},{b}"\r\n' for a, b in [("姓名", "身份证号码")] + [(n, v) for n, v, _w in rows])
                     .encode("gbk"))
    return path, expected(rows)


def header_lines_broken(tmp: Path) -> tuple[Path, dict]:
    """A CSV saved from a sheet whose header cells wrap ("姓\\n名", "身份证号码\\n(18位)"), and an address
    over two lines."""
    rows = people(Ids())
    return text_list(tmp / "wrapped.csv", [["序\n号", "姓\n名", "身份证号码\n(18位)", "家庭\n住址"]]
                     + [[i, n, v, "某路\n1号"] for i, (n, v, _w) in enumerate(rows, 1)], rows)


def second_table_reordered(tmp: Path) -> tuple[Path, dict]:
    """Two tables on one sheet, the second (特困人员) with its number column before its name column."""
    ids = Ids()
    first, second = people(ids), [("甲", ids.new(), "new"), ("乙", ids.new(), "new"), ("丙", "", "empty")]
    lines: list[list[Any]] = [["一、低保对象"], ["序号", "姓名", "身份证号码", "住址"]]
    lines += [[*line, "某路"] for line in listed(first)]
    lines += [[], ["二、特困人员"], ["序号", "身份证号码", "姓名", "住址"]]
    lines += [[i, v, n, "某路"] for i, (n, v, _w) in enumerate(second, 1)]
    return book_of(tmp / "两表.xlsx", lines, first + second)


CASES: dict[str, Any] = {f.__name__: f for f in (
    members_under_merged_head, members_beside_head_plain_id, field_codes_header, hrss_codes_header, bilingual_headers,
    comma_in_address, quoted_and_stopped,
    sep_line_csv, excel_equals_csv, whole_lines_quoted, header_lines_broken, second_table_reordered)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,  # noqa: F811
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


@pytest.mark.parametrize(("case", "column"), [("members_under_merged_head", "家庭成员"),
                                              ("members_beside_head_plain_id", "家庭成员"),
                                              ("field_codes_header", "XM"), ("hrss_codes_header", "AAC003"),
                                              ("bilingual_headers", "姓名 Name")])
def test_the_name_beside_the_number_is_the_persons(registered: Database, tmp_path: Path,  # noqa: F811
                                                   capsys: pytest.CaptureFixture[str], case: str, column: str) -> None:
    path, _want = CASES[case](tmp_path)
    code, got = run(registered, capsys, path, "--dry-run")
    assert code == 0, got
    assert got["columns"]["name"]["header"] == column
    preview = di.preview(path)
    assert preview.columns[preview.mapping["name"]] == column


def test_the_heads_name_stays_on_a_list_of_households(tmp_path: Path) -> None:
    """One row per household: 家庭成员 holding the count or every member's name is not the name column."""
    ids = Ids()
    for members in (["3人", "2人", "4人"], ["张三、李四", "王五、赵六", "钱七、孙八"]):
        book = openpyxl.Workbook()
        book.active.append(["户主姓名", "身份证号码", "家庭成员"])
        for i, m in enumerate(members):
            book.active.append([f"户主{i}", ids.new(), m])
        path = tmp_path / "户.xlsx"
        book.save(path)
        preview = di.preview(path)
        assert preview.columns[preview.mapping["name"]] == "户主姓名"


def test_a_shifted_row_says_it_is_shifted(registered: Database, tmp_path: Path,  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path, _want = comma_in_address(tmp_path)
    errors = tmp_path / "errors.xlsx"
    code, got = run(registered, capsys, path, "--dry-run", "--errors", str(errors))
    assert code == 0, got
    assert got["invalid"]["characters"] == 2
    book = openpyxl.load_workbook(errors)
    reasons = [row[-1] for row in book.active.iter_rows(values_only=True) if row[-1] and "错位" in str(row[-1])]
    assert len(reasons) == 2
    assert "多出 1 列" in reasons[0] and "某路0号" in reasons[0]
