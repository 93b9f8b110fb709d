"""The statistics page: charts render offscreen, filters recompute, a click lists the records
behind a bar with masked ID numbers, exports write real files, the supervisor sees only this page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, Qt

from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from desktop.views.statistics import StatisticsPage
from tests.conftest import ShownErrors
from tests.district import District
from tests.test_statistics import build_dataset, head_id


@pytest.fixture
def page(qtbot, sqlite_district: District) -> Iterator[StatisticsPage]:  # noqa: ANN001
    build_dataset(sqlite_district)
    ctx = AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR))
    widget = StatisticsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.stats is not None, timeout=20000)
    yield widget
    widget._refresh_timer.stop()  # no figures computed after the test: the page is going away
    assert wait_for_background(20000)


def settle(qtbot) -> None:  # noqa: ANN001
    assert wait_for_background(20000)
    qtbot.wait(20)


def headline(page: StatisticsPage) -> dict[str, str]:
    assert page.stats is not None
    return dict(page.stats.headline())


def test_page_shows_the_figures_and_every_chart_draws(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    assert headline(page)["主动发现家庭"] == "5 户"
    cells = [page.headline_layout.itemAt(i).widget().text() for i in range(page.headline_layout.count())]
    assert any("主动发现家庭" in c and "5 户" in c for c in cells)
    for key, chart in page.charts.items():
        assert chart.items, f"chart {key} drew nothing"
        assert not chart.render_image(600, 300).isNull()
    hist = page.charts["approval_hist"]
    bar = hist.find("regular", "30")
    assert bar is not None and "1" in bar.text
    funnel = {i.key: i.text for i in page.charts["funnel"].items}
    assert set(funnel) == {"discovered", "assessed", "placed", "approved"}
    assert "2" in funnel["approved"] and "40.0%" in funnel["approved"]  # 2 of 5 discovered
    assert "33.3%" in page.charts["pass_rate"].note_label.text()


def test_hover_shows_the_exact_value(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    page.tabs.setCurrentIndex(2)  # libraries
    qtbot.wait(50)
    chart = page.charts["library_now"]
    item = chart.find("now", "class_1")
    assert item is not None
    chart._on_move(chart.scene_pos_of(item))
    assert "一类库" in chart.hover_label.text() and "2" in chart.hover_label.text()
    chart._on_move(chart.plot.getViewBox().sceneBoundingRect().topLeft())
    assert chart.hover_label.text().strip() == ""


def test_click_a_bar_lists_the_records_with_masked_ids(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    page.tabs.setCurrentIndex(2)
    qtbot.wait(50)
    chart = page.charts["library_now"]
    item = chart.find("now", "class_1")
    assert item is not None
    with qtbot.waitSignal(chart.itemClicked, timeout=5000) as signal:
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.widget_pos_of(item).toPoint())
    assert signal.args == ["now", "class_1"]
    settle(qtbot)
    model = page.drill_model
    assert model.rowCount() == 2
    codes = sorted(model.index(r, 0).data() for r in range(model.rowCount()))
    assert codes == ["H001", "H005"]
    shown = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    for n in (1, 5):
        assert idcard.mask(head_id(n)) in shown
        assert head_id(n) not in shown
    assert "一类库" in page.drill_title.text() and "2" in page.drill_title.text()


def test_click_a_point_of_a_line(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    page.tabs.setCurrentIndex(1)  # pass rate
    qtbot.wait(50)
    chart = page.charts["pass_rate"]
    item = chart.find("checked", "2026-02")
    assert item is not None and "33.3%" in item.text
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.widget_pos_of(item).toPoint())
    settle(qtbot)
    assert sorted(page.drill_model.index(r, 0).data() for r in range(page.drill_model.rowCount())) == [
        "H001", "H002", "H004"]


def test_filters_recompute_without_blocking(page: StatisticsPage, qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    # Drill into 八泉街道, then into 飞云社区.
    page.select_region(sqlite_district.regions["八泉街道"])
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.scope_name == "八泉街道", timeout=20000)
    assert headline(page)["主动发现家庭"] == "3 户"
    assert page.community.isEnabled() and page.community.count() == 3  # all + two communities
    page.community.setCurrentIndex(page.community.findData(sqlite_district.regions["飞云社区"]))
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.scope_name == "飞云社区", timeout=20000)
    assert headline(page)["二类库"] == "1 户" and headline(page)["救助中"] == "1 户"
    page.select_region(sqlite_district.root_id)
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.scope_name == "西塞山区", timeout=20000)
    # Track: only the commitment track's applications.
    page.track.setCurrentIndex(page.track.findData("commitment"))
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.filter.track == "commitment", timeout=20000)
    assert page.charts["approval_hist"].find("regular", "30") is None
    assert page.stats.approval.summary["commitment"].count == 3
    # A custom period: first half of 2026.
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.date_from.setDate(page.date_from.date().fromString("2026-01-01", "yyyy-MM-dd"))
    page.date_to.setDate(page.date_to.date().fromString("2026-06-30", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.filter.date_to is not None
                    and page.stats.filter.date_to.isoformat() == "2026-06-30", timeout=20000)
    assert page.stats.discoveries.households == 4
    assert (page.stats.visits.year, page.stats.visits.quarter) == (2026, 2)
    assert {i.key for i in page.charts["visits"].items} == {str(sqlite_district.regions[n]) for n in
                                                            ("八泉社区", "飞云社区", "闸口社区", "道仕袱村")}


def test_a_period_without_records_shows_the_empty_state(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.date_from.setDate(page.date_from.date().fromString("2020-01-01", "yyyy-MM-dd"))
    page.date_to.setDate(page.date_to.date().fromString("2020-03-31", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.filter.date_to is not None
                    and page.stats.filter.date_to.isoformat() == "2020-03-31", timeout=20000)
    # Counts that are all zero are "no records", not a chart of invisible bars on a 0–1 scale.
    for key in ("level", "channel", "department", "funnel", "referrals", "approval_hist", "pass_rate"):
        chart = page.charts[key]
        assert chart._empty_text is not None and not chart.items, key
        assert chart.plot.getAxis("left")._tickLevels == [[], []], key  # no axis numbers
        assert not chart.plot.getViewBox().state["yInverted"], key  # the funnel was drawn inverted
        assert key in ("approval_hist", "pass_rate") or chart.table()[1], key  # the xlsx still lists the zeros
    # Nobody was in the library at the end of 2020 Q1, so nobody was to be visited then.
    assert page.stats.visits.monitored == 0 and page.charts["visits"]._empty_text is not None
    # A completion rate of 0% is a figure: the households to visit are there, none was visited.
    page.quarter.clear()
    page.quarter.addItem("2026 Q1", (2026, 1))
    page.quarter.setCurrentIndex(0)
    page._quarter_chosen()
    settle(qtbot)
    visits = page.charts["visits"]
    assert visits._empty_text is None and visits.items
    assert visits.plot.getViewBox().viewRange()[0][1] >= 100  # on a 0–100% scale, not 0–1
    assert page.visits.monitored > 0 and page.visits.visited == 0


def test_visit_bar_lists_households_not_visited(page: StatisticsPage, qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    page.quarter.clear()
    page.quarter.addItem("2026 Q2", (2026, 2))
    page.quarter.setCurrentIndex(0)
    page._quarter_chosen()
    settle(qtbot)
    assert (page.visits.year, page.visits.quarter) == (2026, 2)
    chart = page.charts["visits"]
    key = str(sqlite_district.regions["八泉社区"])
    item = next(i for i in chart.items if i.key == key)
    assert "1" in item.text and "50.0%" in item.text
    chart.itemClicked.emit(item.series, item.key)
    settle(qtbot)
    assert [page.drill_model.index(r, 0).data() for r in range(page.drill_model.rowCount())] == ["H002"]


def test_exports(page: StatisticsPage, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    chart = page.charts["library_now"]
    png = tmp_path / "chart.png"
    page.export_png(chart, str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    xlsx = tmp_path / "chart.xlsx"
    page.export_xlsx([chart], str(xlsx))
    settle(qtbot)
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["一类库", 2] in values and ["救助中", 2] in values
    # a chart of rates exports the counts behind each rate beside it
    headers, rows = page.charts["pass_rate"].table()
    assert headers[-2:] == [page.tr("Checked"), page.tr("Passed")] and rows
    for _month, rate, checked, passed in rows:
        # a month inside the range without a check has no rate (and is on the axis all the same)
        assert checked >= passed and rate == (round(passed / checked * 100, 3) if checked else None)
    headers, rows = page.charts["visits"].table()
    assert headers[-2:] == [page.tr("Monitored households"), page.tr("Visited")]
    assert all(monitored >= visited for *_rest, monitored, visited in rows)
    everything = tmp_path / "all.xlsx"
    page.export_xlsx(list(page.charts.values()), str(everything))
    settle(qtbot)
    book = openpyxl.load_workbook(everything)
    assert len(book.worksheets) == len(page.charts) + 1
    key_rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert ["主动发现家庭", "5 户"] in key_rows
    pdf = tmp_path / "summary.pdf"
    page.export_summary(str(pdf))
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + \
        data.count(b"/Type/Page\n") >= 1
    assert b"/Subtype /Image" in data or b"/Subtype/Image" in data
    page.list_records("library_now", "class_2")
    settle(qtbot)
    listing = tmp_path / "list.xlsx"
    from desktop.services import statistics as st

    st.export_drill(page.ctx.db, page.ctx.actor, str(listing), page.drill)
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(listing).worksheets[0].iter_rows()]
    assert any(idcard.mask(head_id(2)) in row for row in rows)
    assert not any(head_id(2) in row for row in rows)



def test_exports_to_a_path_that_cannot_be_written_say_why(page: StatisticsPage, qtbot, tmp_path: Path,  # noqa: ANN001
                                                          monkeypatch: pytest.MonkeyPatch, read_only_dir: Path,
                                                          shown_errors: ShownErrors) -> None:
    import desktop.views.statistics as view

    chosen = {"path": ""}
    monkeypatch.setattr(view.QFileDialog, "getSaveFileName", lambda *_a, **_k: (chosen["path"], ""))
    page.list_records("library_now", "class_1")
    settle(qtbot)
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    chart = page.charts["library_now"]
    for target, why in (
            (str(tmp_path), "this is a folder; choose a file name"),
            (str(a_file / "x.out"), "the folder or drive does not exist or cannot hold files; choose another folder"),
            (str(read_only_dir / "x.out"), "no permission to write there, or the file is open in another program; "
                                           "close it there, or save under another name or in another folder")):
        why = QCoreApplication.translate("Errors", why)
        chosen["path"] = target
        for export in (lambda: page.ask_export_png(chart), lambda: page.ask_export_xlsx(chart),
                       page.ask_export_summary, page.ask_export_drill):
            shown_errors.clear()
            export()
            settle(qtbot)
            # A plain message naming the file and the reason, not the crash dialog; nothing
            # claims to be saved (the PDF writer used to report success and write nothing).
            assert shown_errors.crashes == [] and len(shown_errors.plain) == 1, shown_errors.plain
            assert target in shown_errors.plain[0] and why in shown_errors.plain[0]
            assert page.status.text() == page.tr("Not saved.")
    assert tmp_path.is_dir() and a_file.read_text() == "x" and list(read_only_dir.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".relief-")]


def test_supervisor_sees_only_statistics(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop.views.main_window import MainWindow

    ctx = AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.page_keys() == ["statistics"]
    assert isinstance(window.page("statistics"), StatisticsPage)
    settle(qtbot)


def test_month_labels_fit_a_narrow_chart(qtbot) -> None:  # noqa: ANN001
    """24 month labels on a half-width chart: every n-th one, so that they do not run into each
    other; more of them when the chart is widened."""
    from PySide6.QtGui import QFontMetrics

    from desktop.views.charts import CHART_FONT, Chart, Series

    months = [(f"{2025 + i // 12}-{i % 12 + 1:02d}",) * 2 for i in range(24)]
    chart = Chart("月度")
    qtbot.addWidget(chart)
    chart.resize(520, 360)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_lines(months, [Series("s", "s", list(range(24)))])

    def labels() -> list[tuple[float, str]]:
        qtbot.wait(20)
        return chart.plot.getAxis("bottom")._tickLevels[0]

    room = QFontMetrics(CHART_FONT).horizontalAdvance("2025-01")
    per_month = chart.plot.getViewBox().width() / len(months)
    narrow = labels()
    step = narrow[1][0] - narrow[0][0]
    assert step * per_month >= room + 8, (step, per_month)
    chart.resize(1400, 360)
    assert len(labels()) > len(narrow)


def test_a_long_list_of_communities_gets_a_line_each(qtbot) -> None:  # noqa: ANN001
    """Thirty-odd community names on a horizontal chart ran into each other: the chart grows a line
    per name (the visits tab scrolls) and keeps every name."""
    from PySide6.QtGui import QFontMetrics

    from desktop.views.charts import CHART_FONT, MIN_PLOT_HEIGHT, Chart, Series

    chart = Chart("走访", horizontal=True)
    qtbot.addWidget(chart)
    names = [(str(i), f"第{i}社区") for i in range(40)]
    chart.set_bars(names, [Series("rate", "完成率", [50.0] * 40)])
    assert chart.plot.minimumHeight() >= 40 * QFontMetrics(CHART_FONT).height()
    assert len(chart.plot.getAxis("left")._tickLevels[0]) == 40
    chart.set_bars(names[:3], [Series("rate", "完成率", [50.0] * 3)])
    assert chart.plot.minimumHeight() == MIN_PLOT_HEIGHT


def test_a_line_breaks_over_months_without_a_value(qtbot) -> None:  # noqa: ANN001
    """The regular track's monthly median had values up to 2025-11 and one in 2026-11 (a refusal decided
    that month): the line ran straight across the twelve empty months, drawing a trend where there was
    no data. Months without a value now break the line; the points with values are still drawn."""
    import math

    from desktop.views.charts import Chart, Series

    months = [(f"2026-{m:02d}",) * 2 for m in range(1, 7)]
    chart = Chart("月度")
    qtbot.addWidget(chart)
    chart.set_lines(months, [Series("regular", "常规程序", [33, 32, None, None, None, 4])])
    (curve,) = chart.plot.listDataItems()
    xs, ys = curve.getData()
    assert list(xs) == [0, 1, 2, 3, 4, 5] and [math.isnan(y) for y in ys] == [False, False, True, True, True, False]
    assert curve.opts["connect"] == "finite"
    assert [item.key for item in chart.items] == ["2026-01", "2026-02", "2026-06"]  # hover and click as before
    assert chart.table()[1][-1][-1] == 4  # the numbers exported are unchanged


def test_an_axis_of_one_month_has_no_scale_factor_in_its_title(qtbot) -> None:  # noqa: ANN001
    """"Last month" has one month on the axis of the monthly median: pyqtgraph scaled its range of
    0.001 and titled the axis "Month of acceptance (x0.001)". Months and counts are never scaled."""
    from desktop.views.charts import Chart, Series

    chart = Chart("月度", value_label="工作日", category_label="受理月份")
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_lines([("2026-10", "2026-10")], [Series("commitment", "告知承诺制", [8.5])])
    qtbot.wait(20)

    def title(name: str) -> str:
        return re.sub("<[^>]*>", "", chart.plot.getAxis(name).labelString()).strip()

    assert (title("bottom"), title("left")) == ("受理月份", "工作日")


def test_months_without_records_stay_on_the_axis(page: StatisticsPage) -> None:
    """A community's pass rate had checks in March and June only: the chart drew the two points one
    step apart, joined by a line, as if April and May had been measured. Every month from the first
    to the last is now on the axis; a month without records has no point, and no 0% either."""
    from datetime import date

    from desktop.services import statistics as st

    page._show_pass_rate(st.PassRates((st.PassRateMonth(date(2026, 3, 1), 4, 1),
                                       st.PassRateMonth(date(2026, 6, 1), 2, 2)), None, 0, 0, 6, 3))
    chart = page.charts["pass_rate"]
    assert [label for _, label in chart.content.categories] == ["2026-03", "2026-04", "2026-05", "2026-06"]
    assert [(i.key, i.point.x()) for i in chart.items] == [("2026-03", 0.0), ("2026-06", 3.0)]
    headers, rows = chart.table()
    assert rows[1] == ["2026-04", None, 0, 0] and rows[3] == ["2026-06", 100.0, 2, 2]
    page._show_post_checks(st.PostChecks(5, 0, (st.PostCheckMonth(date(2025, 12, 1), 3, 0),
                                                st.PostCheckMonth(date(2026, 2, 1), 2, 0)), {}))
    post = page.charts["post_checks"]
    assert [label for _, label in post.content.categories] == ["2025-12", "2026-01", "2026-02"]
    assert [i.key for i in post.items] == ["2025-12", "2026-02"]  # January: not a 0% failure rate


def _axis_texts(chart, side: str) -> list[str]:  # noqa: ANN001
    from PySide6.QtGui import QPainter, QPixmap

    axis = chart.plot.getAxis(side)
    pixmap = QPixmap(10, 10)
    painter = QPainter(pixmap)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]]


def test_each_chart_reads_in_one_screen_at_1366x768(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    """At 1366×768 (maximised: about 1366×698 for the page's window) each chart's legend and axis title
    fell below the fold: the page itself had to be scrolled to read a chart."""
    available = 698 - 22 - 22  # the window less its menu and status bars
    assert page.minimumSizeHint().height() <= available, page.minimumSizeHint()
    page.resize(1366 - 190, available)
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        qtbot.wait(10)
        for chart in page.tabs.currentWidget().findChildren(type(page.charts["pass_rate"])):
            if chart.horizontal and chart in (page.charts["visits"], page.charts["department"]):
                continue  # one line per community or department: its own area scrolls, its scale at the top
            bottom = chart.mapTo(page, chart.rect().bottomLeft()).y()
            assert bottom <= page.height(), (chart.title, bottom, page.height())
    # the legend is above the plot, not under the axis title
    chart = page.charts["approval_hist"]
    view_top = chart.plot.getViewBox().sceneBoundingRect().top()
    assert chart.legend.sceneBoundingRect().bottom() <= view_top


def test_bars_to_compare_carry_their_values_and_axes_start_at_0(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    """The visits chart's bars carried no value labels (a rate gave no hint of its count but on hover),
    its % scale sat at the bottom of an inner scroll area, and no value axis drew its 0 tick."""
    settle(qtbot)
    visits = page.charts["visits"]
    assert page.visits is not None and page.visits.rows
    row = page.visits.rows[0]
    texts = [t.toPlainText() for t in visits.value_texts]
    assert f"({row.visited}/{row.monitored})" in texts[0] and texts[0].startswith(f"{row.rate * 100:.1f}%")
    assert visits.plot.getAxis("top").isVisible() and not visits.plot.getAxis("bottom").isVisible()
    assert "0" in _axis_texts(visits, "top") and "100" in _axis_texts(visits, "top")
    assert "110" not in _axis_texts(visits, "top")  # the room for the labels is no scale past 100%
    for key in ("library_now", "level", "funnel", "referrals"):
        assert page.charts[key].value_texts, key
    for key in ("approval_hist", "pass_rate", "library_now"):
        assert "0" in _axis_texts(page.charts[key], "left"), key


def test_a_rate_from_very_few_cases_is_marked_with_its_count(qtbot) -> None:  # noqa: ANN001
    """100% of 3 looked the same as 100% of 300 unless hovered."""
    from desktop.views.charts import Chart, Series
    from desktop.views.statistics import _small_samples

    small, labels = _small_samples([(3, 3), (45, 90), (0, 0)], [100.0, 50.0, None])
    assert small == [True, False, False] and labels == ["100%(3/3)", "", ""]
    chart = Chart("合格率", value_label="%")
    qtbot.addWidget(chart)
    chart.set_lines([("a", "2026-01"), ("b", "2026-02"), ("c", "2026-03")],
                    [Series("s", "合格率", [100.0, 50.0, None], labels=labels, small=small)], suffix="%")
    assert [t.toPlainText() for t in chart.value_texts] == ["100%(3/3)"]


def test_the_legend_of_a_bar_chart_shows_each_series_colour(qtbot) -> None:  # noqa: ANN001
    """The legend's swatches of the bar charts were grey: they read the bar item's one brush, not the bars'."""
    import pyqtgraph as pg

    from desktop.views.charts import Chart, Series

    chart = Chart("审批用时分布", value_label="件")
    qtbot.addWidget(chart)
    chart.set_bars([("1", "1"), ("2", "2")], [Series("regular", "常规程序", [3.0, 4.0]),
                                              Series("commitment", "告知承诺制", [5.0, 6.0])])
    bars = [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]
    swatches = {pg.mkBrush(b.opts["brush"]).color().name() for b in bars}
    painted = {pg.mkBrush(b.opts["brushes"][0]).color().name() for b in bars}
    assert len(bars) == 2 and swatches == painted and len(swatches) == 2


def test_every_filter_is_reached_by_an_alt_key(page: StatisticsPage) -> None:
    """从 and 至 had no Alt key: the keyboard user tabbed through the whole bar to reach the dates."""
    from PySide6.QtWidgets import QLabel

    from tests.mnemonics import duplicate_mnemonics

    buddies = {w.buddy(): w.text() for w in page.findChildren(QLabel) if w.buddy() is not None}
    for widget in (page.period, page.date_from, page.date_to, page.subdistrict, page.track, page.category):
        assert "&" in buddies.get(widget, ""), widget
    assert duplicate_mnemonics(page) == {}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_chart_tab_has_its_own_alt_key(qtbot, qapp, sqlite_district: District, language: str) -> None:  # noqa: ANN001
    """审批用时, 授权合格率, 监测库 … had no Alt key, where every other page's tabs have one (线索收件箱(&J),
    看板(&B), 申请列表(&A)): the keyboard reached the filters by Alt but the charts only by tabbing."""
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics, tabs_without_alt_key

    i18n.install(qapp, language)
    try:
        page = StatisticsPage(AppContext(sqlite_district.db, sqlite_district.admin))
        qtbot.addWidget(page)
        page.show()
        assert tabs_without_alt_key(page) == []
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            assert duplicate_mnemonics(page) == {}, tab
        page._refresh_timer.stop()
        assert wait_for_background(20000)
    finally:
        i18n.install(qapp, "en")


def test_approval_estimates_are_told_wherever_the_headline_is_printed(page: StatisticsPage, qtbot,  # noqa: ANN001
                                                                     tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """With a year whose holidays are not entered, the approval-time figures are estimates: the
    headline box, the key-figures sheet of the xlsx and the PDF summary say so (only the
    distribution chart's note did)."""
    from desktop.rules import workdays

    assert not page.headline_warning.isVisible()
    monkeypatch.setattr(workdays, "library_knows", lambda year: year != 2026)
    generation = page._generation
    page.refresh()
    qtbot.waitUntil(lambda: page._generation == generation + 1 and page.stats is not None
                    and bool(page.stats.approval.unknown_years), timeout=20000)
    settle(qtbot)
    assert page.headline_warning.isVisible() and "2026年的法定节假日安排尚未录入" in page.headline_warning.text()
    cells = [page.headline_layout.itemAt(i).widget().text() for i in range(page.headline_layout.count())]
    assert any("常规程序审批用时中位数" in c and "约 " in c for c in cells)
    everything = tmp_path / "all.xlsx"
    page.export_xlsx(list(page.charts.values()), str(everything))
    settle(qtbot)
    key_rows = [[c.value for c in row] for row in openpyxl.load_workbook(everything).worksheets[0].iter_rows()]
    assert any(row[0] == "注意" and "2026年的法定节假日安排尚未录入" in str(row[1]) for row in key_rows)
    html = page.summary_html(tmp_path)
    assert "2026年的法定节假日安排尚未录入" in html and "约 " in html


@pytest.mark.parametrize(("months", "width", "height"), [(12, 660, 300), (24, 1100, 420), (36, 600, 250)])
def test_point_labels_never_cover_each_other_nor_leave_the_plot(qtbot, months: int, width: int,  # noqa: ANN001
                                                                height: int) -> None:
    """The pass-rate labels of months at 100% ran into each other ("100%(1/1)100%(1/1)…") and were
    cut off at the plot's ends; at 0% and with many months too. Each label shown now has a place of
    its own inside the plot, off the points and the commitment track's line and label; a label
    without one is hidden (the value is in the hover text and the xlsx)."""
    import pyqtgraph as pg

    from desktop.views.charts import Chart, Series
    from desktop.views.statistics import _small_samples

    pattern = [(1, 1), (3, 3), (0, 2), (2, 2), (9, 9), (0, 0), (4, 5), (0, 3), (1, 1), (2, 2)]
    counts = [pattern[i % len(pattern)] for i in range(months)]
    values = [p / c * 100 if c else None for p, c in counts]
    small, labels = _small_samples(counts, values)
    chart = Chart("各月授权核对合格率", value_label="%", category_label="受理月份")
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_lines([(str(i), f"{2025 + i // 12}-{i % 12 + 1:02d}") for i in range(months)],
                    [Series("checked", "合格率", values, labels=labels, small=small)], decimals=1, suffix="%",
                    vlines=[(months / 2 - 0.5, "2025-12-01 起实行告知承诺制")], y_range=(0, 112))
    qtbot.wait(50)
    view_box = chart.plot.getViewBox()
    plot_area = view_box.sceneBoundingRect()
    shown = [t for t in chart.value_texts if t.isVisible()]
    assert len(chart.value_texts) == sum(bool(x) for x in labels)
    assert len(shown) >= len(chart.value_texts) // 3
    assert any(t.toPlainText().startswith("100%") for t in shown) and any(t.toPlainText().startswith("0%")
                                                                         for t in shown)
    # each text as its glyphs take it: the item's blank margin round them may touch the next one
    margins = [t.textItem.document().documentMargin() - 1 for t in shown]
    rects = [t.sceneBoundingRect().adjusted(m, m, -m, -m) for t, m in zip(shown, margins, strict=True)]
    points = [view_box.mapViewToScene(i.point) for i in chart.items]
    mark = next(i for i in chart.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)).label.sceneBoundingRect()
    for n, rect in enumerate(rects):
        assert plot_area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect), shown[n].toPlainText()
        assert not any(rect.intersects(other) for other in rects[n + 1:]), shown[n].toPlainText()
        assert not any(rect.contains(p) for p in points), shown[n].toPlainText()
        assert not rect.intersects(mark), shown[n].toPlainText()


@pytest.mark.parametrize("width", [380, 1100])
def test_the_commitment_line_label_stays_whole_inside_a_narrow_plot(qtbot, width: int, cjk_font: None) -> None:  # noqa: ANN001
    """On a 1024-pixel screen the monthly median chart is about 380 pixels wide: neither side of the
    commitment track's line had room for “2025-12-01 起实行告知承诺制”, cut to “025-12-01 起实行…” at the
    plot's edge. The label now takes two lines there (date above the words), one line where it fits."""
    import pyqtgraph as pg

    from desktop.views.charts import Chart, Series

    chart = Chart("审批用时月度中位数(工作日)", value_label="工作日", category_label="受理月份")
    qtbot.addWidget(chart)
    chart.resize(width, 420)
    chart.show()
    qtbot.waitExposed(chart)
    months = 24
    chart.set_lines([(str(i), f"{2025 + i // 12}-{i % 12 + 1:02d}") for i in range(months)],
                    [Series("median", "中位数", [32.0] * 12 + [8.0] * 12)],
                    vlines=[(months / 2 - 0.5, "2025-12-01 起实行告知承诺制")], hlines=[(30, "30个工作日时限")])
    qtbot.wait(50)
    plot_area = chart.plot.getViewBox().sceneBoundingRect()
    line = next(i for i in chart.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine) and i.angle == 90)
    margin = line.label.textItem.document().documentMargin() - 1
    assert plot_area.contains(line.label.sceneBoundingRect().adjusted(margin, margin, -margin, -margin))
    assert line.label.toPlainText().replace("\n", " ") == "2025-12-01 起实行告知承诺制"
    assert ("\n" in line.label.toPlainText()) == (width < 600)


def test_a_period_that_is_over_says_which_figures_stand_at_its_end(page: StatisticsPage, qtbot,  # noqa: ANN001
                                                                    sqlite_district: District, tmp_path: Path) -> None:
    """The funnel, library sizes and referral outcomes of a period that is over are as at its end
    (tests/test_statistics_as_at.py), approval time and the pass rate count the decisions and checks
    made up to today: the page says which is which under the key figures, in the notes of the charts
    concerned, the key-figures sheet and the PDF; and, for a part of the district, that a household
    counts in the community it belongs to now."""
    assert not page.headline_basis.isVisible()  # all dates: today's figures
    approval_note = page.tr("Counted: applications accepted in the period and decided since (approved or refused, "
                            "also those revoked later), from the day after acceptance to the decision; applications "
                            "still open are not counted, nor those withdrawn (they have no decision).")
    decided_later = page.tr("Decisions made after the end of the period count too (up to {today}), so a later run "
                            "may count more applications.")
    checked_later = page.tr("Data checks made after the end of the period count too (up to {today}), so a later run "
                            "may count more applications.")
    assert page.charts["approval_hist"].note_label.text().endswith(approval_note)
    assert checked_later.format(today=page.stats.computed_on.isoformat()) not in page.charts["pass_rate"].note_label.text()
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.date_from.setDate(page.date_from.date().fromString("2026-01-01", "yyyy-MM-dd"))
    page.date_to.setDate(page.date_to.date().fromString("2026-06-30", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.as_of is not None
                    and page.stats.as_of.isoformat() == "2026-06-30", timeout=20000)
    settle(qtbot)
    today = page.stats.computed_on.isoformat()
    as_at = page.tr("The discovery funnel, library sizes and referral outcomes as at the end of {day}; approval "
                    "time and the authorisation pass rate: the period's applications by the decisions and data "
                    "checks made up to {today}.").format(day="2026-06-30", today=today)
    moved = page.tr("Households count in the community they belong to now (moves are not traced back).")
    # one line under the key figures (at 1366×768 there is no room for a second), never wider than the
    # page: where it does not fit it is cut, and the tooltip has it whole
    assert page.headline_basis.isVisible() and page.headline_basis.text() == as_at
    assert page.headline_basis.toolTip() == as_at
    assert page.headline_box.minimumSizeHint().width() < page.headline_basis.sizeHint().width()
    assert page.charts["approval_hist"].note_label.text().endswith(
        f"{approval_note} {decided_later.format(today=today)}")
    assert page.charts["pass_rate"].note_label.text().endswith(" " + checked_later.format(today=today))
    assert page.tr("The referrals sent in the period, each with its status at the end of {day}.").format(
        day="2026-06-30") in page.charts["referrals"].note_label.text()
    everything = tmp_path / "all.xlsx"
    page.export_xlsx(list(page.charts.values()), str(everything))
    settle(qtbot)
    key_rows = [[c.value for c in row] for row in openpyxl.load_workbook(everything).worksheets[0].iter_rows()]
    assert [page.tr("Basis"), as_at] in key_rows
    assert escape(as_at) in page.summary_html(tmp_path)
    page.select_region(sqlite_district.regions["八泉街道"])
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.scope_name == "八泉街道", timeout=20000)
    settle(qtbot)
    assert page.headline_basis.text() == f"{as_at} {moved}"
    assert escape(f"{as_at} {moved}") in page.summary_html(tmp_path)
    page.period.setCurrentIndex(page.period.findData("all"))
    qtbot.waitUntil(lambda: page.stats is not None and page.stats.filter.date_to is None, timeout=20000)
    settle(qtbot)
    assert not page.headline_basis.isVisible() and page.headline_basis.text() == ""


def test_every_department_is_named_on_its_chart_also_one_outside_the_nine(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Under upright bars only every other department's name fitted; a department outside the nine
    (公安局, from its list) is a bar of its own, named like the nine."""
    from datetime import date

    from desktop.models import Clue
    from desktop.rules.codes import DEPARTMENT_LABELS

    build_dataset(sqlite_district)
    with sqlite_district.db.session_factory() as s:
        s.add(Clue(person_name="钱七", source_level="department", source="公安局", channel="screening",
                   reported_on=date(2026, 3, 3), region_id=sqlite_district.regions["飞云社区"]))
        s.commit()
    widget = StatisticsPage(AppContext(sqlite_district.db, sqlite_district.actor(Role.SUPERVISOR)))
    qtbot.addWidget(widget)
    widget.resize(1366 - 190, 654)
    widget.show()
    qtbot.waitUntil(lambda: widget.stats is not None, timeout=20000)
    settle(qtbot)
    chart = widget.charts["department"]
    assert chart.horizontal
    assert _axis_texts(chart, "left") == [*DEPARTMENT_LABELS.values(), "公安局"]
    widget._refresh_timer.stop()
    assert wait_for_background(20000)


def test_the_last_number_of_a_horizontal_scale_is_drawn_whole(qtbot) -> None:  # noqa: ANN001
    """部门推送线索's scale ended on a tick at the chart's right edge: its "60" was drawn as "6", half of
    it past the edge of the chart."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFontMetrics

    from desktop.views.charts import CHART_FONT, Chart, Series

    chart = Chart("部门推送线索", value_label="线索条数", horizontal=True)
    qtbot.addWidget(chart)
    chart.resize(520, 330)
    chart.show()
    qtbot.waitExposed(chart)
    names = ["区总工会", "教育", "司法", "人社", "住保", "卫健", "应急管理", "医保", "残联"]
    chart.set_bars([(n, n) for n in names], [Series("n", "线索", [56, 56, 41, 48, 38, 38, 27, 44, 38])],
                   value_labels=True)
    qtbot.wait(50)
    box = chart.plot.getViewBox()
    low, high = box.viewRange()[0]
    axis = chart.plot.getAxis("top")
    last = max(v for _spacing, values in axis.tickValues(low, high, box.width()) for v in values if v <= high)
    x = chart.plot.mapFromScene(box.mapViewToScene(QPointF(last, 0))).x()
    half = QFontMetrics(CHART_FONT).horizontalAdvance(f"{last:g}") / 2
    assert x + half <= chart.plot.width(), (last, x, half, chart.plot.width())


def test_a_reversed_range_exports_nothing_of_the_last_one(page: StatisticsPage, qtbot) -> None:  # noqa: ANN001
    """Session 38: with a start after the end the page kept the last range's figures (only a status line said
    the dates were wrong) and "all numbers" still exported them."""
    page.period.setCurrentIndex(page.period.findData("custom"))
    page.date_from.setDate(page.date_from.date().fromString("2026-11-30", "yyyy-MM-dd"))
    page.date_to.setDate(page.date_to.date().fromString("2026-11-01", "yyyy-MM-dd"))
    page.refresh()
    assert not page.all_xlsx_button.isEnabled() and not page.summary_button.isEnabled()
    assert "开始日期晚于结束日期" in page.status.text() or "start date" in page.status.text()
    page.date_to.setDate(page.date_to.date().fromString("2026-12-31", "yyyy-MM-dd"))
    page.refresh()
    assert page.all_xlsx_button.isEnabled() and page.summary_button.isEnabled()
    settle(qtbot)
