"""Session 37: a quarterly report of a community with no household to visit said "本季度应访的家庭都已走访"
on its sheet of households not visited; it says there were none to visit."""
from __future__ import annotations

from datetime import date

import openpyxl

from desktop.services import monitoring
from tests.district import District


def test_no_household_due_is_not_all_visited(district: District, tmp_path) -> None:  # noqa: ANN001
    out = tmp_path / "q.xlsx"
    report = monitoring.export_quarterly_report(district.db, district.admin, 2026, 2, out,
                                                region_id=district.regions["飞云社区"], today=date(2026, 8, 1))
    assert report.total().due == 0 and report.finished
    cells = [c for row in openpyxl.load_workbook(out)["未访家庭"].iter_rows(values_only=True) for c in row if c]
    assert "(没有应访的家庭:季度末所选范围内没有一类库、二类库或救助中的家庭)" in cells
    assert not any("都已走访" in str(c) for c in cells)
