"""Chart widgets on pyqtgraph: bars and lines over categories, hover for exact values, click to
ask for the records behind a bar or point, export to PNG.

A chart only draws what it is given (plain lists); it never queries. ``itemClicked(series, key)``
tells the page which bar or point was clicked; ``table()`` gives the numbers shown, for xlsx.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QToolTip, QVBoxLayout, QWidget

from desktop.services.files import save_bytes

# exitCleanup off: its atexit sweep over gc objects crashes PySide6 at interpreter exit.

pg.setConfigOptions(background="w", foreground="#222", antialias=True, exitCleanup=False)

PALETTE = ("#2f6db5", "#e07b39", "#3a9d5d", "#c0392b", "#8e6bbf", "#7f8c8d", "#d4ac0d", "#16a085")
CHART_FONT = QFont()
CHART_FONT.setFamilies(["Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "sans-serif"])
CHART_FONT.setPointSize(9)
# Small enough that two charts one above the other, with their legends, axis titles and notes, fit a
# maximised window at 1366×768 (the office desktops) without scrolling the page.
MIN_PLOT_HEIGHT = 150
MARK_LABEL_POSITION = 0.06  # a line marking a date has its label this far up from the foot
# ... or, where it would cover a point there, the first of these heights where it covers none
MARK_LABEL_POSITIONS = (MARK_LABEL_POSITION, 0.2, 0.35, 0.5, 0.65, 0.8, 0.94)
LABEL_FONT = QFont(CHART_FONT)
LABEL_FONT.setPointSize(8)


@dataclass
class Series:
    """One series: a key (sent back on click), a label (legend), one value per category
    (None = no point), and optionally the hover text per category."""

    key: str
    label: str
    values: Sequence[float | None]
    color: str = ""
    hover: Sequence[str] | None = None
    clickable: bool = True
    # text written at each bar's end or beside each point ("" for none), e.g. "100%(3/3)"
    labels: Sequence[str] | None = None
    # categories whose value rests on very few cases: drawn hollow (a point) or pale (a bar)
    small: Sequence[bool] | None = None


@dataclass
class Item:
    """A drawn bar or point, in data coordinates, for hover and click."""

    series: str
    key: str
    text: str
    rect: QRectF | None = None  # bars
    point: QPointF | None = None  # points
    clickable: bool = True


@dataclass
class _Content:
    categories: list[tuple[str, str]] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    value_header: str = ""
    # counts behind a rate, one row per category, as extra columns of the xlsx table
    count_headers: list[str] = field(default_factory=list)
    counts: list[list[int]] = field(default_factory=list)


def fmt_value(value: float | None, decimals: int = 0, suffix: str = "") -> str:
    if value is None:
        return "—"
    if decimals == 0:
        return f"{value:,.0f}{suffix}"
    return f"{value:,.{decimals}f}{suffix}"


def _mark_label_rect(line: pg.InfiniteLine, at: float, height: float, position: float | None = None) -> QRectF:
    """Where a marked line's label is drawn, in pixels of the plot, at ``position`` up the line (its own
    when not given), with the room its fill takes around the text."""
    label = line.label
    w, h = _text_size(QFontMetrics(label.textItem.font()), label.toPlainText())
    w, h = w + 12.0, h + 8.0
    left = at - w if label.anchors[0][0] == 1 else at
    up = label.orthoPos if position is None else position
    return QRectF(left, height * (1 - up) - h / 2, w, h)


def _text_size(metrics: QFontMetrics, text: str) -> tuple[float, float]:
    """The width of the widest line of ``text`` and the height of its lines."""
    lines = text.split("\n")
    return float(max(metrics.horizontalAdvance(line) for line in lines)), float(metrics.height() * len(lines))


def _crosses(rect: QRectF, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the segment a–b passes through the rectangle (Liang–Barsky clipping)."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - rect.left()), (dx, rect.right() - ax), (-dy, ay - rect.top()), (dy, rect.bottom() - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


class ValueAxis(pg.AxisItem):
    """A value axis whose end labels are drawn: with grid lines on, pyqtgraph clips the tick labels
    to the axis and the plot, so the "0" at the very end (half of it past the end) was never drawn."""

    def boundingRect(self) -> QRectF:  # noqa: N802
        rect = super().boundingRect()
        if self.orientation in ("left", "right"):
            return rect.adjusted(0, -12, 0, 12)
        return rect.adjusted(-24, 0, 24, 0)


class Chart(QFrame):
    """A titled chart with its own PNG/xlsx buttons (the page decides what xlsx export does)."""

    itemClicked = Signal(str, str)  # series key, category key
    exportPngRequested = Signal()
    exportXlsxRequested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None, *, value_label: str = "",
                 category_label: str = "", horizontal: bool = False) -> None:
        super().__init__(parent)
        self._init_kwargs = {"value_label": value_label, "category_label": category_label, "horizontal": horizontal}
        self._last_draw: tuple[str, tuple, dict] | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = title
        self.horizontal = horizontal
        self.items: list[Item] = []
        self.content = _Content()
        self.decimals = 0
        self.suffix = ""
        self.title_label = QLabel(title)
        self.title_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.png_button = QToolButton()
        self.png_button.setText(self.tr("PNG…"))
        self.png_button.setToolTip(self.tr("Save this chart as a PNG image"))
        self.png_button.clicked.connect(lambda: self.exportPngRequested.emit())
        self.xlsx_button = QToolButton()
        self.xlsx_button.setText(self.tr("xlsx…"))
        self.xlsx_button.setToolTip(self.tr("Save the numbers of this chart as an Excel workbook"))
        self.xlsx_button.clicked.connect(lambda: self.exportXlsxRequested.emit())
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.png_button)
        header.addWidget(self.xlsx_button)
        self.plot = pg.PlotWidget(axisItems={"left": ValueAxis("left"), "top": ValueAxis("top")})
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=horizontal, y=not horizontal, alpha=0.25)
        self.plot.setMinimumHeight(MIN_PLOT_HEIGHT)
        # A horizontal chart's scale is along the top: a long list of communities scrolls, and a scale
        # at the bottom was out of sight until scrolled to the end.
        value_side = "top" if horizontal else "left"
        self.plot.showAxis("top", horizontal)
        self.plot.showAxis("bottom", not horizontal)
        if horizontal:  # room past the scale's end for the half of its last number beyond it ("60" read "6")
            self.plot.getPlotItem().setContentsMargins(0, 0, QFontMetrics(CHART_FONT).horizontalAdvance("0000") // 2 + 4, 0)
        for name in ("left", "bottom", "top"):
            axis = self.plot.getAxis(name)
            axis.setStyle(tickFont=CHART_FONT)
            # Months, counts and rates are never scaled: over one month's narrow range pyqtgraph titled
            # the axis "Month of acceptance (x0.001)".
            axis.enableAutoSIPrefix(False)
        if value_label:
            self.plot.setLabel(value_side, value_label)
        if category_label:
            self.plot.setLabel("left" if horizontal else "bottom", category_label)
        # The legend sits in its own row above the chart, one line across: it never covers data and
        # is read before the bars, not below the fold of a short window.
        self.legend = pg.LegendItem(labelTextSize="9pt", colCount=6)
        plot_item = self.plot.getPlotItem()
        plot_item.layout.removeItem(plot_item.titleLabel)  # the title is the frame's, above: its row is free
        plot_item.titleLabel.hide()
        plot_item.layout.addItem(self.legend, 0, 1)
        self.plot.getPlotItem().legend = self.legend  # named lines add themselves to it
        self.hover_label = QLabel(" ")
        self.hover_label.setStyleSheet("color: #444;")
        self.note_label = QLabel("")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #7a4b00;")
        self.note_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(header)
        layout.addWidget(self.note_label)  # the chart's summary, read with the title
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover_label)
        self.plot.scene().sigMouseMoved.connect(self._on_move)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self._bottom_labels: tuple[list[tuple[str, str]], int] | None = None  # categories along the bottom
        self.plot.getViewBox().sigResized.connect(self._fit_bottom_labels)
        # the labels beside points: each (text, point) placed where it covers no other label or point
        self._point_labels: list[tuple[pg.TextItem, QPointF]] = []
        self._segments: list[tuple[QPointF, QPointF]] = []  # the lines drawn, point to point (data)
        self._marked_lines: list[pg.InfiniteLine] = []  # vertical lines marking a date
        self.plot.getViewBox().sigResized.connect(self._fit_point_labels)
        self._empty_text: pg.TextItem | None = None
        self.value_texts: list[pg.TextItem] = []  # the values written on the chart
        self.hover_text: Callable[[Item], str] | None = None

    # -- drawing ---------------------------------------------------------------------------------
    def clear(self) -> None:
        self.plot.clear()
        if self.legend is not None:
            self.legend.clear()
        self.items = []
        self.content = _Content()
        self.hover_label.setText(" ")
        self._empty_text = None
        self._last_draw = None
        self._bottom_labels = None
        self._point_labels = []
        self._segments = []
        self._marked_lines = []
        self.value_texts: list[pg.TextItem] = []

    def set_counts(self, headers: Sequence[str], counts: Sequence[Sequence[int]]) -> None:
        """The counts behind a chart of rates (one row per category), exported beside the rates."""
        self.content.count_headers = list(headers)
        self.content.counts = [list(row) for row in counts]

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def _color(self, series: Series, index: int) -> QColor:
        return QColor(series.color or PALETTE[index % len(PALETTE)])

    def _category_ticks(self, categories: Sequence[tuple[str, str]], max_labels: int = 14) -> list[tuple[float, str]]:
        step = max(1, -(-len(categories) // max_labels))
        return [(float(i), label) for i, (_, label) in enumerate(categories) if i % step == 0]

    def _set_bottom_labels(self, categories: Sequence[tuple[str, str]], max_labels: int) -> None:
        self._bottom_labels = (list(categories), max_labels)
        self._fit_bottom_labels()

    def _fit_bottom_labels(self, *_args: object) -> None:
        """Category labels along the bottom, every n-th one so that they fit the width the chart
        has now (on a half-width chart, 12 month labels ran into each other); again on resize."""
        if self._bottom_labels is None:
            return
        categories, max_labels = self._bottom_labels
        width = self.plot.getViewBox().width()
        if categories and width > 0:
            metrics = QFontMetrics(CHART_FONT)
            room = max(metrics.horizontalAdvance(label) for _, label in categories) + 12
            max_labels = max(1, min(max_labels, int(width // room)))
        self.plot.getAxis("bottom").setTicks([self._category_ticks(categories, max_labels), []])

    def _show_empty(self, categories: Sequence[tuple[str, str]], series: Sequence[Series],
                    zeros_are_data: bool = True) -> bool:
        """The empty state: a plain message, no axis numbers. Bars of counts that are all zero are
        empty too (``zeros_are_data`` False): nothing was counted."""
        has_values = any(v is not None and (zeros_are_data or v != 0) for s in series for v in s.values)
        if categories and has_values:
            return False
        self._empty_text = pg.TextItem(self.tr("No records for this selection"), color="#888", anchor=(0.5, 0.5))
        self.plot.addItem(self._empty_text)
        self._empty_text.setPos(0.5, 0.5)
        self.plot.getViewBox().invertY(False)  # a horizontal chart drawn before leaves it inverted
        self.plot.setXRange(0, 1)
        self.plot.setYRange(0, 1)
        for name in ("bottom", "left", "top"):  # no 0.0–1.0 scale that means nothing
            self.plot.getAxis(name).setTicks([[], []])
        return True

    def _label(self, s: Series, ci: int, value: float) -> str:
        if s.labels is not None:
            return s.labels[ci] if ci < len(s.labels) else ""
        return fmt_value(value, self.decimals, self.suffix)

    def _add_text(self, text: str, x: float, y: float, anchor: tuple[float, float], color: str = "#333",
                  fill: tuple[int, int, int, int] | None = None) -> None:
        item = pg.TextItem(text, color=color, anchor=anchor, fill=fill)
        item.setFont(LABEL_FONT)
        item.setPos(x, y)
        self.plot.addItem(item)
        self.value_texts.append(item)

    def set_bars(self, categories: Sequence[tuple[str, str]], series: Sequence[Series], *, decimals: int = 0,
                 suffix: str = "", value_header: str = "", vlines: Sequence[tuple[float, str]] = (),
                 max_labels: int = 14, zeros_are_data: bool = False, value_labels: bool = False) -> None:
        """Grouped bars: one group per category, one bar per series. Bars that are all zero show
        the empty state unless ``zeros_are_data`` (e.g. a rate of 0%). ``value_labels`` writes each
        bar's value (or its series' ``labels``) at its end, where bars are there to be compared."""
        self.clear()
        self._last_draw = ("set_bars", (list(categories), list(series)),
                           {"decimals": decimals, "suffix": suffix, "value_header": value_header,
                            "vlines": list(vlines), "max_labels": max_labels, "zeros_are_data": zeros_are_data,
                            "value_labels": value_labels})
        self.decimals, self.suffix = decimals, suffix
        self.content = _Content(list(categories), list(series), value_header)
        if self._show_empty(categories, series, zeros_are_data):
            return
        n = max(1, len(series))
        width = 0.8 / n
        longest = 0
        for si, s in enumerate(series):
            color = self._color(s, si)
            positions, heights, brushes = [], [], []
            for ci, (key, label) in enumerate(categories):
                value = s.values[ci] if ci < len(s.values) else None
                if value is None:
                    continue
                pos = ci - 0.4 + width * (si + 0.5)
                positions.append(pos)
                heights.append(float(value))
                small = bool(s.small and ci < len(s.small) and s.small[ci])
                brushes.append(QColor(color.red(), color.green(), color.blue(), 90) if small else color)
                if value_labels and (text := self._label(s, ci, value)):
                    longest = max(longest, QFontMetrics(LABEL_FONT).horizontalAdvance(text))
                    if self.horizontal:
                        self._add_text(text, float(value), pos, (0, 0.5))
                    else:
                        self._add_text(text, pos, float(value), (0.5, 1))
                text = s.hover[ci] if s.hover and ci < len(s.hover) else \
                    f"{label} · {s.label}:{fmt_value(value, decimals, suffix)}"
                rect = (QRectF(0.0, pos - width / 2, float(value), width) if self.horizontal
                        else QRectF(pos - width / 2, 0.0, width, float(value)))
                self.items.append(Item(s.key, key, text, rect=rect.normalized(), clickable=s.clickable))
            # brush: the legend's swatch (it reads no per-bar brushes and was grey); brushes: the bars
            if self.horizontal:
                bar = pg.BarGraphItem(x0=0, y=positions, height=width * 0.95, width=heights, brush=color,
                                      brushes=brushes, pen=pg.mkPen(color.darker(120)))
            else:
                bar = pg.BarGraphItem(x=positions, height=heights, width=width * 0.95, brush=color, brushes=brushes,
                                      pen=pg.mkPen(color.darker(120)))
            self.plot.addItem(bar)
            if n > 1 and self.legend is not None:
                self.legend.addItem(bar, s.label)
        if self.horizontal:
            ticks = self._category_ticks(categories, 60)
            axis = self.plot.getAxis("left")
            axis.setTicks([ticks, []])
            # room for the longest name now, not after the first paint
            metrics = QFontMetrics(CHART_FONT)
            axis.setWidth(max([metrics.horizontalAdvance(label) for _, label in ticks] + [20]) + 16)
            # a line per name, so that 30-odd community names do not run into each other (the page
            # scrolls); every name stays, as each bar is a community to act on
            self.plot.setMinimumHeight(max(MIN_PLOT_HEIGHT, len(categories) * (metrics.height() + 4) + 48))
        else:
            self._set_bottom_labels(categories, max_labels)
        value_axis = self.plot.getAxis("top" if self.horizontal else "left")
        value_axis.setTicks(None)
        counts = [float(v) for s in series for v in s.values if v is not None]
        if decimals == 0 and suffix != "%" and counts and max(counts) < 10:
            # a handful of records: whole numbers only (a scale of 0.5, 1.5 applications meant nothing)
            value_axis.setTicks([[(float(v), str(v)) for v in range(0, int(max(counts)) + 1)], []])
        if suffix == "%":  # the room left for the bars' labels is not a scale past 100%
            value_axis.setTicks([[(float(v), str(v)) for v in range(0, 101, 20)],
                                 [(float(v), "") for v in range(10, 100, 20)]])
        # Percentages on a 0–100 scale (all 0% is not drawn on a scale of 0.1%).
        top = max([float(v) for s in series for v in s.values if v is not None] + [100.0 if suffix == "%" else 1.0])
        for i, (pos, label) in enumerate(vlines):
            # Each label starts at its line and reads away from it, a step lower than the one
            # before, so neighbouring limits (10 and 30 days) never cover each other's text.
            line = pg.InfiniteLine(pos=pos, angle=0 if self.horizontal else 90,
                                   pen=pg.mkPen("#c0392b", width=2, style=Qt.PenStyle.DashLine),
                                   label=label, labelOpts={"position": 0.94 - 0.07 * i, "color": "#c0392b",
                                                           "fill": (255, 255, 255, 200),
                                                           "anchors": [(0, 0.5), (0, 0.5)]})
            self.plot.addItem(line)
        if self.horizontal:
            self.plot.setYRange(-0.6, len(categories) - 0.4, padding=0)
            # room at the right for the labels at the bars' ends ("76.2%(45/59)")
            room = 1.08
            width_px = self.plot.getViewBox().width() or 600
            if longest:
                room = max(room, 1 / max(0.4, 1 - (longest + 8) / width_px))
            self.plot.setXRange(0, top * room, padding=0)
            self.plot.getViewBox().invertY(True)
        else:
            self.plot.getViewBox().invertY(False)
            self.plot.setXRange(-0.6, len(categories) - 0.4, padding=0)
            room = 1.2 if value_labels else 1.12
            if vlines:  # the limits' labels (lowest at 0.94 − 0.07 per line before it) above the bars' tops
                room = max(room, 1 / (0.94 - 0.07 * (len(vlines) - 1) - 0.07))
            self.plot.setYRange(0, top * room, padding=0)

    def set_lines(self, categories: Sequence[tuple[str, str]], series: Sequence[Series], *, decimals: int = 0,
                  suffix: str = "", value_header: str = "", vlines: Sequence[tuple[float, str]] = (),
                  hlines: Sequence[tuple[float, str]] = (), y_range: tuple[float, float] | None = None,
                  max_labels: int = 14) -> None:
        """One line per series over the categories (usually months), with markers to hover and click."""
        self.clear()
        self._last_draw = ("set_lines", (list(categories), list(series)),
                           {"decimals": decimals, "suffix": suffix, "value_header": value_header,
                            "vlines": list(vlines), "hlines": list(hlines), "y_range": y_range,
                            "max_labels": max_labels})
        self.plot.getViewBox().invertY(False)
        self.decimals, self.suffix = decimals, suffix
        self.content = _Content(list(categories), list(series), value_header)
        if self._show_empty(categories, series):
            return
        top = 0.0
        for si, s in enumerate(series):
            color = self._color(s, si)
            # A month without a value breaks the line (NaN, connect="finite"): joined across it, a line
            # from the last month with data to the next one drew a trend through months that had none.
            xs, ys = [], []
            for ci, (key, label) in enumerate(categories):
                value = s.values[ci] if ci < len(s.values) else None
                xs.append(float(ci))
                ys.append(math.nan if value is None else float(value))
                if value is None:
                    continue
                top = max(top, float(value))
                text = s.hover[ci] if s.hover and ci < len(s.hover) else \
                    f"{label} · {s.label}:{fmt_value(value, decimals, suffix)}"
                self.items.append(Item(s.key, key, text, point=QPointF(ci, float(value)), clickable=s.clickable))
                if s.labels is not None and ci < len(s.labels) and s.labels[ci]:
                    # on a white ground: where no place is free of the lines, the text still reads
                    self._add_text(s.labels[ci], float(ci), float(value), (0, 0), color.darker(140).name(),
                                   fill=(255, 255, 255, 210))
                    self._point_labels.append((self.value_texts[-1], QPointF(ci, float(value))))
            # a point resting on very few cases is hollow: it is not as sure as its neighbours
            brushes = [QColor("white") if s.small and ci < len(s.small) and s.small[ci] else color
                       for ci in range(len(xs))]
            self._segments += [(QPointF(xs[i], ys[i]), QPointF(xs[i + 1], ys[i + 1])) for i in range(len(xs) - 1)
                               if not (math.isnan(ys[i]) or math.isnan(ys[i + 1]))]
            self.plot.plot(xs, ys, pen=pg.mkPen(color, width=2), symbol="o", symbolSize=7, symbolBrush=brushes,
                           symbolPen=pg.mkPen(color.darker(130), width=1.5), name=s.label if len(series) > 1 else None,
                           connect="finite")
        top = max([top, *(value for value, _ in hlines)])
        for value, label in hlines:
            # above its line at the right end, or at the left end where a point sits under the right one's text
            # (a month at 10 working days hidden under "10个工作日时限")
            def near(lo: float, hi: float, value: float = value) -> bool:
                return any(lo <= it.point.x() <= hi and value - 0.02 * top <= it.point.y() <= value + 0.1 * top
                           for it in self.items if it.point is not None)
            last = len(categories) - 1
            left = near(last * 0.7, last) and not near(0, last * 0.3)
            anchor = (0, 1) if left else (1, 1)
            line = pg.InfiniteLine(pos=value, angle=0, pen=pg.mkPen("#c0392b", width=1.5,
                                                                    style=Qt.PenStyle.DashLine),
                                   label=label, labelOpts={"position": 0.03 if left else 0.97, "color": "#c0392b",
                                                           "fill": (255, 255, 255, 200), "anchors": [anchor, anchor]})
            self.plot.addItem(line)
        for pos, label in vlines:
            # the label reads away from its line towards the wider side, so that it stays inside the plot
            # and the point labels know where it is
            side = (0, 0.5) if pos < (len(categories) - 1) / 2 else (1, 0.5)
            line = pg.InfiniteLine(pos=pos, angle=90, pen=pg.mkPen("#8e44ad", width=2, style=Qt.PenStyle.DashLine),
                                   label=label, labelOpts={"position": MARK_LABEL_POSITION, "color": "#8e44ad",
                                                           "fill": (255, 255, 255, 220), "anchors": [side, side]})
            line.full_label = label  # the one-line text, again when the width changes (_fit_mark_labels)
            self.plot.addItem(line)
            self._marked_lines.append(line)
        self._set_bottom_labels(categories, max_labels)
        self.plot.getAxis("left").setTicks(None)
        self.plot.setXRange(-0.5, max(len(categories) - 0.5, 0.5), padding=0)
        if y_range is not None:
            self.plot.setYRange(*y_range, padding=0)
        else:
            self.plot.setYRange(0, max(top, 1.0) * 1.12, padding=0)
        self._fit_point_labels()

    def _fit_point_labels(self, *_args: object) -> None:
        """Place each point's label where it covers no other label, no point and no marked line
        (the commitment track's start), inside the plot, and if it can, off the series' lines:
        above its point, else below it, centred or to one side. A label with no such place is hidden
        (its value stays in the hover text and the xlsx). Labels of points at 100% ran into each
        other ("100%(1/1)100%(1/1)…") and were cut off at the plot's ends. Again on resize, as the
        room between points changes with the width."""
        view_box = self.plot.getViewBox()
        width, height = view_box.width(), view_box.height()
        (x0, x1), (y0, y1) = view_box.viewRange()
        if width <= 0 or height <= 0 or x1 <= x0 or y1 <= y0:
            return
        sx, sy = width / (x1 - x0), height / (y1 - y0)

        def px(p: QPointF) -> tuple[float, float]:
            return (p.x() - x0) * sx, (y1 - p.y()) * sy

        marker = 5.0  # half a point marker and a little air, in pixels
        metrics = QFontMetrics(LABEL_FONT)
        points = [QRectF(x - marker, y - marker, 2 * marker, 2 * marker)
                  for x, y in (px(i.point) for i in self.items if i.point is not None)]
        # a point with its label above it: what a marked line's label must leave uncovered
        labelled = [QRectF(x - w / 2, y - marker - h, w, h + 2 * marker)
                    for (x, y), w, h in ((px(point), metrics.horizontalAdvance(text.toPlainText()) + 2.0,
                                          metrics.height() + 2.0) for text, point in self._point_labels)]
        self._fit_mark_labels(width, x0, sx, height, points + labelled)
        if not self._point_labels:
            return
        taken = list(points)
        for line in self._marked_lines:  # the line, and its label (either side of it)
            at = (line.value() - x0) * sx
            taken.append(QRectF(at - 2, 0, 4, height))
            if line.label is not None:
                taken.append(_mark_label_rect(line, at, height))
        segments = [(px(a), px(b)) for a, b in self._segments]
        for text, point in self._point_labels:
            w = metrics.horizontalAdvance(text.toPlainText()) + 2.0  # the glyphs and 1 px around them
            h = metrics.height() + 2.0
            x, y = px(point)
            spots = [QRectF(min(max(left, 0.0), width - w), top, w, h)
                     for top in (y - marker - h, y + marker) for left in (x - w / 2, x - 2, x - w + 2)]
            spots = [r for r in spots if r.top() >= 0 and r.bottom() <= height
                     and not any(r.intersects(t) for t in taken)]
            spot = next((r for r in spots if not any(_crosses(r, a, b) for a, b in segments)),
                        spots[0] if spots else None)
            text.setVisible(spot is not None)
            if spot is None:
                continue
            taken.append(spot)
            # the text item has a blank margin round its glyphs: the glyphs go in the place found
            margin = text.textItem.document().documentMargin() - 1
            text.setPos(x0 + (spot.left() - margin) / sx, y1 - (spot.top() - margin) / sy)

    def _fit_mark_labels(self, width: float, x0: float, sx: float, height: float = 0.0,
                         points: list[QRectF] | None = None) -> None:
        """Each marked line's label on the side of its line where it fits, else in two lines (the date
        above the words) on the side with more room. On a 1024-pixel screen neither side of the
        commitment track's line had room for “2025-12-01 起实行告知承诺制”: it was cut to
        “025-12-01 起实行…” at the plot's edge. At its foot unless it covers a point or the point's
        label there (a month at 0% lost its label under it), then the first height up the line where it
        covers none."""
        for line in self._marked_lines:
            label = line.label
            if label is None:
                continue
            font = QFontMetrics(label.textItem.font())
            at = (line.value() - x0) * sx
            rooms = {(1, 0.5): at, (0, 0.5): width - at}  # reading left of the line, or right of it
            full: str = line.full_label
            texts = [full] + ([full.replace(" ", "\n", 1)] if " " in full else [])
            side, text = max(rooms, key=rooms.get), texts[-1]
            for candidate in texts:
                fits = [s for s, room in rooms.items() if _text_size(font, candidate)[0] + 12 <= room]
                if fits:
                    side = label.anchors[0] if label.anchors[0] in fits else fits[0]
                    text = candidate
                    break
            if label.anchors[0] != side or label.toPlainText() != text:
                label.anchors = [side, side]
                label.setFormat(text)
                label.updatePosition()
            if points and height > 0:
                for position in MARK_LABEL_POSITIONS:
                    rect = _mark_label_rect(line, at, height, position)
                    if not any(rect.intersects(p) for p in points):
                        break
                else:
                    position = MARK_LABEL_POSITION
                if label.orthoPos != position:
                    label.setPosition(position)

    # -- hover and click ------------------------------------------------------------------------------
    def item_at(self, scene_pos: QPointF) -> Item | None:
        """The bar under the cursor, or the point nearest to it within 12 pixels."""
        view_box = self.plot.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            return None
        data = view_box.mapSceneToView(scene_pos)
        best: tuple[float, Item] | None = None
        for item in self.items:
            if item.rect is not None and item.rect.contains(data):
                return item
            if item.point is not None:
                at = view_box.mapViewToScene(item.point)
                distance = (at.x() - scene_pos.x()) ** 2 + (at.y() - scene_pos.y()) ** 2
                if distance <= 144 and (best is None or distance < best[0]):
                    best = (distance, item)
        return best[1] if best else None

    def scene_pos_of(self, item: Item) -> QPointF:
        """Where an item is drawn, in scene coordinates (for tests and keyboard use)."""
        view_box = self.plot.getViewBox()
        target = item.rect.center() if item.rect is not None else item.point
        assert target is not None
        return view_box.mapViewToScene(target)

    def widget_pos_of(self, item: Item) -> QPointF:
        return QPointF(self.plot.mapFromScene(self.scene_pos_of(item)))

    def find(self, series: str, key: str) -> Item | None:
        return next((i for i in self.items if i.series == series and i.key == key), None)

    def _on_move(self, scene_pos: QPointF) -> None:
        item = self.item_at(scene_pos)
        if item is None:
            self.hover_label.setText(" ")
            self.plot.setCursor(Qt.CursorShape.ArrowCursor)
            QToolTip.hideText()
            return
        hint = self.tr("click to list the records") if item.clickable else ""
        self.hover_label.setText(f"{item.text}    {hint}".rstrip())
        self.plot.setCursor(Qt.CursorShape.PointingHandCursor if item.clickable else Qt.CursorShape.ArrowCursor)
        QToolTip.showText(QCursor.pos(), item.text, self.plot)

    def _on_click(self, event: object) -> None:
        button = event.button()  # type: ignore[attr-defined]
        if button != Qt.MouseButton.LeftButton:
            return
        item = self.item_at(event.scenePos())  # type: ignore[attr-defined]
        if item is not None and item.clickable:
            self.itemClicked.emit(item.series, item.key)

    # -- export ----------------------------------------------------------------------------------------
    def table(self) -> tuple[list[str], list[list[object]]]:
        """The numbers shown: one row per category, one column per series."""
        c = self.content
        headers = [self.tr("Category")] + [s.label for s in c.series] + c.count_headers
        rows: list[list[object]] = []
        for ci, (_, label) in enumerate(c.categories):
            row: list[object] = [label]
            for s in c.series:
                value = s.values[ci] if ci < len(s.values) else None
                if value is not None and self.decimals == 0:
                    value = int(round(value))
                elif value is not None:
                    value = round(float(value), self.decimals + 2)
                row.append(value)
            if c.count_headers:
                row += c.counts[ci] if ci < len(c.counts) else [None] * len(c.count_headers)
            rows.append(row)
        return headers, rows

    def render_image(self, width: int = 900, height: int = 420) -> QPixmap:
        """The chart drawn at a given size, also when it sits on a hidden tab: a twin chart is
        drawn off screen from the same figures and grabbed."""
        twin = Chart(self.title, **self._init_kwargs)
        twin.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        twin.png_button.hide()
        twin.xlsx_button.hide()
        twin.hover_label.hide()
        if self._last_draw is not None:
            name, args, kwargs = self._last_draw
            getattr(twin, name)(*args, **kwargs)
        twin.set_note(self.note_label.text())
        twin.resize(width, height)
        twin.show()
        layout = twin.layout()
        if layout is not None:
            layout.activate()
        pixmap = twin.grab()
        twin.hide()
        twin.deleteLater()
        return pixmap

    def save_png(self, path: str | Path, width: int = 1200, height: int = 560) -> Path:
        """Saved atomically; raises OSError naming the path when it cannot be written (a folder, no
        permission, a full disk, …)."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not self.render_image(width, height).save(buffer, "PNG"):
            raise OSError(f"无法生成图片:{path}")
        return save_bytes(path, bytes(buffer.data().data()))

