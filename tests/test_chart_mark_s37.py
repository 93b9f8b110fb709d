"""Session 37: the commitment track's line label, at the foot of its line, covered the label of a month at
0% just before the line (the label was hidden); it moves up the line to where it covers no point and no
point's label."""
from __future__ import annotations

import pyqtgraph as pg

from desktop.views.charts import Chart, Series


def test_the_line_label_leaves_a_low_point_and_its_label_uncovered(qtbot, cjk_font: None) -> None:  # noqa: ANN001
    months = 24
    values = [50.0] * months
    values[9] = 0.0  # two months before the line (between 11 and 12), its label to the line's left
    values[10] = 0.0
    chart = Chart("各月授权核对合格率", value_label="%", category_label="受理月份")
    qtbot.addWidget(chart)
    chart.resize(1100, 420)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_lines([(str(i), f"{2025 + i // 12}-{i % 12 + 1:02d}") for i in range(months)],
                    [Series("checked", "合格率", values, labels=[f"{v:.0f}%(x)" for v in values])],
                    suffix="%", vlines=[(months / 2 - 0.5, "2025-12-01 起实行告知承诺制")], y_range=(0, 112))
    qtbot.wait(50)
    view_box = chart.plot.getViewBox()
    line = next(i for i in chart.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine) and i.angle == 90)
    mark = line.label.sceneBoundingRect()
    points = [view_box.mapViewToScene(i.point) for i in chart.items]
    assert not any(mark.contains(p) for p in points)
    low = [t for t in chart.value_texts if t.toPlainText().startswith("0%")]
    assert len(low) == 2 and all(t.isVisible() and not t.sceneBoundingRect().intersects(mark) for t in low)
