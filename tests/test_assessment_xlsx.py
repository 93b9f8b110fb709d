"""The streaming xlsx writer used by re-assessment: what goes in comes back out (openpyxl reads it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.io.xlsx_stream import column_letter, write_rows


def test_values_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    rows = [["A&B <c>", 3, Decimal("1234.50"), date(2026, 1, 2), True, None, "0012", " 前后有空格 ", "x\x01y"],
            ["", 2.5, Decimal("-1.00"), None, False, "", 42, "A&B <c>", "重复"]]
    written = write_rows(out, [f"列{i}" for i in range(9)], rows, title="标题 & 说明", text_columns=(6,))
    assert written == 2
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "标题 & 说明"
    assert [c.value for c in ws[2]] == [f"列{i}" for i in range(9)]
    first = [c.value for c in ws[3]]
    assert first[:3] == ["A&B <c>", 3, 1234.5] and first[3].date() == date(2026, 1, 2)
    assert first[4] == "是" and first[5] is None and first[6] == "0012" and first[7] == " 前后有空格 "
    assert first[8] == "xy"  # control characters cannot be stored in xlsx
    second = [c.value for c in ws[4]]
    assert second[:3] == [None, 2.5, -1.0] and second[4] == "否" and second[6] == "42" and second[7] == "A&B <c>"
    assert ws.freeze_panes == "A3"


def test_failure_leaves_nothing(tmp_path: Path) -> None:
    def rows():  # noqa: ANN202
        for n in range(5000):
            yield [n]
            if n == 2500:
                raise RuntimeError("stop")

    out = tmp_path / "t.xlsx"
    with pytest.raises(RuntimeError):
        write_rows(out, ["n"], rows())
    assert list(tmp_path.iterdir()) == []


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
