"""Session 38: a limit line's label covered what it marks: "30个工作日时限" over the bars of 31 and 32 working
days (the bars reached the labels' height), "10个工作日时限" over a month at 10 working days at the right
end of the line chart."""
from __future__ import annotations

import pyqtgraph as pg

from desktop.views.charts import Chart, Series


def _shown(qtbot, chart: Chart) -> None:  # noqa: ANN001
    qtbot.addWidget(chart)
    chart.resize(560, 360)
    chart.show()
    qtbot.waitExposed(chart)


def _limits(chart: Chart) -> list[pg.InfiniteLine]:
    return [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)]


def test_the_limit_labels_are_above_the_bars(qtbot, cjk_font: None) -> None:  # noqa: ANN001
    chart = Chart("审批用时分布(工作日)", value_label="申请件数", category_label="工作日")
    _shown(qtbot, chart)
    days = list(range(60))
    counts = [1.0 if d in (7, 8, 9, 10, 31, 32, 36) else 0.0 for d in days]
    chart.set_bars([(str(d), str(d)) for d in days], [Series("n", "件数", counts)],
                   vlines=[(10.5, "10个工作日时限"), (30.5, "30个工作日时限")])
    qtbot.wait(50)
    view_box = chart.plot.getViewBox()
    bars = [view_box.mapViewToScene(i.rect).boundingRect() for i in chart.items if i.rect is not None and i.rect.height()]
    labels = [line.label.sceneBoundingRect() for line in _limits(chart)]
    assert len(bars) == 7 and len(labels) == 2
    assert not any(label.intersects(bar) for label in labels for bar in bars)


def test_a_limit_label_leaves_a_point_at_its_right_end_uncovered(qtbot, cjk_font: None) -> None:  # noqa: ANN001
    chart = Chart("审批用时月度中位数(工作日)", value_label="工作日", category_label="受理月份")
    _shown(qtbot, chart)
    values = [36.0, 31.0, 32.0, None, None, None, None, None, None, 7.5, None, 10.0, 9.0]
    chart.set_lines([(str(i), f"2025-{i + 1:02d}") for i in range(len(values))], [Series("t", "告知承诺制", values)],
                    hlines=[(30.0, "30个工作日时限"), (10.0, "10个工作日时限")])
    qtbot.wait(50)
    view_box = chart.plot.getViewBox()
    points = [view_box.mapViewToScene(i.point) for i in chart.items]
    for line in _limits(chart):
        assert not any(line.label.sceneBoundingRect().contains(p) for p in points), line.label.toPlainText()
