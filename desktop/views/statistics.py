"""Statistics for supervisors: the whole loop as interactive charts.

Filters (period, region drill-down, track, category) run the figures off the UI thread; a click on
a bar or point lists the households behind it (ID numbers masked, whoever is looking); each chart
exports to PNG and xlsx; a one-page PDF summarises the key figures for the monthly meeting.
The page only calls :mod:`desktop.services.statistics`; it never queries.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.codes import CATEGORY_LABELS, TRACK_LABELS, Category, RegionLevel, Stage, Track
from desktop.services import statistics as st
from desktop.views import guard_refcounts
from desktop.views.charts import Chart, Series
from desktop.views.context import AppContext
from desktop.views.dates import day_edit
from desktop.views.errors import show_error
from desktop.views.flow import FlowRow
from desktop.views.keys import clear_layout, shortcut_for
from desktop.views.operations import run_in_background
from desktop.views.printing import html_to_pdf
from desktop.views.save_as import with_suffix
from desktop.views.table_model import RowListTableModel, read_only_table

TRACK_COLORS = {Track.REGULAR.value: "#e07b39", Track.COMMITMENT.value: "#2f6db5"}
STAGE_COLORS = {Stage.CLASS_I.value: "#c0392b", Stage.CLASS_II.value: "#d4ac0d", Stage.ASSISTED.value: "#3a9d5d"}
STATUS_COLORS = {"sent": "#7f8c8d", "received": "#2f6db5", "done": "#3a9d5d", "declined": "#c0392b"}
# A rate from fewer cases than this is marked: a pale bar or a hollow point, its count written beside it.
SMALL_SAMPLE = 10
REFRESH_TOPICS = {"*", "households", "board", "visits", "referrals", "applications", "clues", "assessments"}


class RecordTableModel(RowListTableModel[st.RecordRow]):
    """The records behind a clicked bar or point (plain rows from the service)."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("RecordTableModel", "Household no."),
        QT_TRANSLATE_NOOP("RecordTableModel", "Head of household"),
        QT_TRANSLATE_NOOP("RecordTableModel", "ID number (masked)"),
        QT_TRANSLATE_NOOP("RecordTableModel", "Community"),
        QT_TRANSLATE_NOOP("RecordTableModel", "Date"),
        QT_TRANSLATE_NOOP("RecordTableModel", "Details"),
    )

    def display(self, r: st.RecordRow, column: int) -> str:
        return (r.household_code, r.head_name, r.id_masked, r.region, r.on.isoformat() if r.on else "",
                r.detail)[column]

    def role_data(self, r: st.RecordRow, column: int, role: int) -> Any:
        return self.display(r, column) if role == Qt.ItemDataRole.ToolTipRole else None


def _month_label(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def every_month(months: list[date]) -> list[date]:
    """The first days of every month from the first to the last of ``months``: a month without a
    record is a month of the axis too (left out, a community's line ran from March straight to June
    one step apart, as if April and May had been measured)."""
    if not months:
        return []
    first, last = st.month_start(min(months)), st.month_start(max(months))
    out = []
    while first <= last:
        out.append(first)
        first = (first + timedelta(days=31)).replace(day=1)
    return out


def _small_samples(counts: list[tuple[int, int]], values: list[float | None]) -> tuple[list[bool], list[str]]:
    """Which rates rest on fewer than SMALL_SAMPLE cases, and for those the rate with its count
    beside it ("100%(3/3)"); a month without cases has no point and no text."""
    small = [0 < whole < SMALL_SAMPLE for _part, whole in counts]
    labels = [f"{value:.0f}%({part}/{whole})" if is_small and value is not None else ""
              for (part, whole), value, is_small in zip(counts, values, small, strict=True)]
    return small, labels


class StatisticsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stats: st.Statistics | None = None
        self.visits: st.VisitCompletion | None = None
        self.drill: st.Drill | None = None
        self._generation = 0
        self._drill_generation = 0
        self._stale = False
        self._regions: list[st.RegionChoice] = []
        self._build()
        self._load_regions()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh)
        ctx.changes.changed.connect(self._on_changed)
        QTimer.singleShot(0, self, self.refresh)

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        filters = FlowRow()  # wraps onto a second line on a narrow screen
        self.period = QComboBox()
        for key, text in (("all", self.tr("All dates")), ("month", self.tr("This month")),
                          ("last_month", self.tr("Last month")), ("quarter", self.tr("This quarter")),
                          ("year", self.tr("This year")), ("12m", self.tr("Last 12 months")),
                          ("custom", self.tr("Custom range"))):
            self.period.addItem(text, key)
        today = QDate.currentDate()
        self.date_from = day_edit(today.addYears(-1))
        self.date_to = day_edit(today)
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(False)
        self.subdistrict = QComboBox()
        self.community = QComboBox()
        self.track = QComboBox()
        self.track.addItem(self.tr("All tracks"), "")
        for t in Track:
            self.track.addItem(TRACK_LABELS[t], t.value)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), "")
        for c, label in CATEGORY_LABELS.items():
            if c != Category.NONE:
                self.category.addItem(label, c.value)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Compute the figures again"))
        # F5 from anywhere in the window while the page is shown, the list of pages too (it worked only from
        # a field of the page); the tool tip names it
        shortcut_for(self.refresh_button, QKeySequence.StandardKey.Refresh)
        self.summary_button = QPushButton(self.tr("Monthly &summary (PDF)…"))
        self.all_xlsx_button = QPushButton(self.tr("All numbers (&xlsx)…"))
        for label, widget in ((self.tr("&Period:"), self.period), (self.tr("Fr&om"), self.date_from),
                              (self.tr("u&ntil"), self.date_to), (self.tr("Re&gion:"), self.subdistrict),
                              (None, self.community), (self.tr("&Track:"), self.track),
                              (self.tr("&Category:"), self.category)):
            if label is None:
                filters.addWidget(widget)
                continue
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.add_pair(caption, widget)  # a caption stays on the line of its field
        filters.addWidget(self.refresh_button)
        filters.addStretch(1)
        outer.addLayout(filters)
        # What track and category narrow, told where they are chosen: a line of its own took the
        # height a chart needs at 1366×768.
        self.note = self.tr("Track and category narrow the figures about applications "
                            "(pass rate, approval time, post-checks, the funnel's last steps).")
        for widget in (self.track, self.category):
            widget.setToolTip(self.note)
        region_note = self.tr("A household counts in the community it belongs to now, with all its records "
                              "(one that moved takes its clues, applications and referrals along).")
        for widget in (self.subdistrict, self.community):
            widget.setToolTip(region_note)

        self.headline_box = QFrame()
        self.headline_box.setStyleSheet("QFrame#headline { background: #f4f7fb; border: 1px solid #d5dde8; }")
        self.headline_box.setObjectName("headline")
        headline_rows = QVBoxLayout(self.headline_box)
        headline_rows.setContentsMargins(8, 3, 8, 3)
        headline_rows.setSpacing(2)
        # Figures of one width, in as many columns as the page's width takes (six at 1366×768, fewer on
        # a narrower screen, where a grid of six made the page scroll sideways).
        self.headline_layout = FlowRow()
        self.headline_layout.setSpacing(6)
        headline_rows.addLayout(self.headline_layout)
        # A figure that is only an estimate (working days of a year whose holidays are not entered)
        # says so under the figures, across the box, where it is read with them. One line, not
        # wrapped: a wrapped label gives the page a height for its width, which the page's scroll
        # area then takes from the charts' preferred sizes (the page grew to twice the window).
        self.headline_warning = QLabel("")
        self.headline_warning.setObjectName("headline_warning")
        self.headline_warning.setStyleSheet("color: #a04000; font-weight: bold;")
        self.headline_warning.hide()
        headline_rows.addWidget(self.headline_warning)
        # A period that is over: which figures stand at its end, which count up to today, what is not traced
        # back. One line, not wrapped (as the warning), and no more: at 1366×768 the discovery tab has no
        # room for a second. Never wider than the window: a narrow one cuts it (the tooltip has it whole).
        self.headline_basis = QLabel("")
        self.headline_basis.setObjectName("headline_basis")
        self.headline_basis.setStyleSheet("color: #555;")
        self.headline_basis.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.headline_basis.hide()
        headline_rows.addWidget(self.headline_basis)
        outer.addWidget(self.headline_box)

        self.tabs = QTabWidget()
        exports = QWidget()  # beside the tabs, where the row of tabs leaves room
        exports_row = QHBoxLayout(exports)
        exports_row.setContentsMargins(0, 0, 0, 2)
        exports_row.addWidget(self.summary_button)
        exports_row.addWidget(self.all_xlsx_button)
        self.tabs.setCornerWidget(exports, Qt.Corner.TopRightCorner)
        self.charts: dict[str, Chart] = {}

        def chart(key: str, title: str, **kw: Any) -> Chart:
            c = Chart(title, **kw)
            c.itemClicked.connect(lambda series, k, name=key: self._on_item_clicked(name, series, k))
            c.exportPngRequested.connect(lambda c=c: self.ask_export_png(c))
            c.exportXlsxRequested.connect(lambda c=c: self.ask_export_xlsx(c))
            self.charts[key] = c
            return c

        approval = QWidget()
        grid = QHBoxLayout(approval)
        grid.addWidget(chart("approval_hist", self.tr("Approval time: distribution (working days)"),
                             value_label=self.tr("Applications"), category_label=self.tr("Working days")))
        grid.addWidget(chart("approval_month", self.tr("Approval time: monthly median (working days)"),
                             value_label=self.tr("Working days"), category_label=self.tr("Month of acceptance")))
        self.tabs.addTab(approval, self.tr("&Approval time"))

        self.tabs.addTab(chart("pass_rate", self.tr("Authorisation pass rate per month"),
                               value_label="%", category_label=self.tr("Month of acceptance")),
                         self.tr("Pass rat&e"))

        library = QWidget()
        row = QHBoxLayout(library)
        row.addWidget(chart("library_month", self.tr("Library sizes at month end"),
                            value_label=self.tr("Households")), 3)
        row.addWidget(chart("library_now", self.tr("Library sizes now"), value_label=self.tr("Households")), 1)
        self.tabs.addTab(library, self.tr("Li&braries"))

        discovery = QWidget()
        dgrid = QGridLayout(discovery)
        dgrid.addWidget(chart("level", self.tr("Clues by source level"), value_label=self.tr("Clues")), 0, 0)
        dgrid.addWidget(chart("channel", self.tr("Clues by channel"), value_label=self.tr("Clues")), 0, 1)
        # Across, each department named on its own line: the nine and those outside them that sent lists
        # (公安局 …) are too many for names under upright bars, where only every other one fitted. A long
        # list scrolls in its own place, as the visits by community do.
        departments_scroll = QScrollArea()
        departments_scroll.setWidgetResizable(True)
        departments_scroll.setFrameShape(QFrame.Shape.NoFrame)
        departments_scroll.setWidget(chart("department", self.tr("Clues from departments"),
                                           value_label=self.tr("Clues"), horizontal=True))
        dgrid.addWidget(departments_scroll, 1, 0)
        dgrid.addWidget(chart("funnel", self.tr("From clue to assistance (households)"),
                              value_label=self.tr("Households"), horizontal=True), 1, 1)
        self.tabs.addTab(discovery, self.tr("&Discovery"))

        visits = QWidget()
        vbox = QVBoxLayout(visits)
        qrow = QHBoxLayout()
        self.quarter = QComboBox()
        qlabel = QLabel(self.tr("&Quarter:"))
        qlabel.setBuddy(self.quarter)
        qrow.addWidget(qlabel)
        qrow.addWidget(self.quarter)
        qrow.addStretch(1)
        vbox.addLayout(qrow)
        visits_scroll = QScrollArea()  # one line per community: a district's list outgrows the tab
        visits_scroll.setWidgetResizable(True)
        visits_scroll.setFrameShape(QFrame.Shape.NoFrame)
        visits_scroll.setWidget(chart("visits", self.tr("Quarterly visit completion by community"),
                                      value_label="%", horizontal=True))
        vbox.addWidget(visits_scroll, 1)
        self.tabs.addTab(visits, self.tr("V&isits"))

        self.tabs.addTab(chart("referrals", self.tr("Referrals by department and outcome"),
                               value_label=self.tr("Referrals")), self.tr("Referra&ls"))
        self.tabs.addTab(chart("post_checks", self.tr("Post-check failure rate per month"),
                               value_label="%", category_label=self.tr("Month checked")), self.tr("Post-chec&ks"))

        self.drill_box = drill_box = QWidget()
        drill_box.hide()  # until a bar or point is clicked: until then the charts have the height
        dlay = QVBoxLayout(drill_box)
        dlay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.drill_title = QLabel(self.tr("Click a bar or a point to list the records behind it."))
        self.drill_title.setStyleSheet("font-weight: bold;")
        self.drill_export = QPushButton(self.tr("Export list (xlsx)…"))
        self.drill_export.setEnabled(False)
        top.addWidget(self.drill_title, 1)
        top.addWidget(self.drill_export)
        dlay.addLayout(top)
        self.drill_model = RecordTableModel(self)
        self.drill_view = read_only_table(self.drill_model, fit_contents=True)
        dlay.addWidget(self.drill_view)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(drill_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 200])
        outer.addWidget(splitter, 1)
        self.status = QLabel("")
        self.status.setStyleSheet("color: #555;")
        outer.addWidget(self.status)

        self.period.currentIndexChanged.connect(self._period_changed)
        for widget in (self.track, self.category, self.community):
            widget.currentIndexChanged.connect(self._filters_changed)
        self.subdistrict.currentIndexChanged.connect(self._subdistrict_changed)
        self.date_from.dateChanged.connect(self._filters_changed)
        self.date_to.dateChanged.connect(self._filters_changed)
        self.quarter.activated.connect(self._quarter_chosen)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.summary_button.clicked.connect(lambda: self.ask_export_summary())
        self.all_xlsx_button.clicked.connect(lambda: self.ask_export_all())
        self.drill_export.clicked.connect(lambda: self.ask_export_drill())

    # -- filters ------------------------------------------------------------------------------------
    def _load_regions(self) -> None:
        try:
            self._regions = st.regions(self.ctx.db, self.ctx.actor)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            self._regions = []
        self.subdistrict.blockSignals(True)
        self.subdistrict.clear()
        top = [r for r in self._regions if r.level != RegionLevel.COMMUNITY]
        if not top:  # a community worker: their community only
            top = self._regions[:1]
        for r in top:
            prefix = "" if r.level == RegionLevel.DISTRICT or r is top[0] else "  "
            self.subdistrict.addItem(prefix + r.name, r.id)
        self.subdistrict.blockSignals(False)
        self._fill_communities()

    def _fill_communities(self) -> None:
        self.community.blockSignals(True)
        self.community.clear()
        parent = self.subdistrict.currentData()
        chosen = next((r for r in self._regions if r.id == parent), None)
        if chosen is not None and chosen.level == RegionLevel.SUBDISTRICT:
            self.community.addItem(self.tr("All communities"), None)
            for r in self._regions:
                if r.parent_id == parent:
                    self.community.addItem(r.name, r.id)
            self.community.setEnabled(True)
        else:
            self.community.addItem(self.tr("All communities"), None)
            self.community.setEnabled(False)
        self.community.blockSignals(False)

    def _subdistrict_changed(self) -> None:
        self._fill_communities()
        self._filters_changed()

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:  # the dates counted, shown greyed (and where a custom range then starts)
            f = self.current_filter()
            if f.date_from is not None and f.date_to is not None:
                for edit, day in ((self.date_from, f.date_from), (self.date_to, f.date_to)):
                    edit.setDate(QDate(day.year, day.month, day.day))
        self._filters_changed()

    def _filters_changed(self) -> None:
        self._refresh_timer.start(250)

    def select_region(self, region_id: int | None) -> None:
        """Drill to a region (district, sub-district or community) as if chosen in the combos."""
        region = next((r for r in self._regions if r.id == region_id), None)
        if region is None:
            return
        if region.level == RegionLevel.COMMUNITY:
            index = self.subdistrict.findData(region.parent_id)
            if index >= 0:
                self.subdistrict.setCurrentIndex(index)
            self._fill_communities()
            self.community.setCurrentIndex(max(self.community.findData(region.id), 0))
        else:
            self.subdistrict.setCurrentIndex(max(self.subdistrict.findData(region.id), 0))
            self._fill_communities()

    def current_filter(self, today: date | None = None) -> st.StatsFilter:
        today = today or date.today()
        key = self.period.currentData()
        start: date | None = None
        end: date | None = None
        if key == "month":
            start, end = today.replace(day=1), today
        elif key == "last_month":
            end = today.replace(day=1) - timedelta(days=1)
            start = end.replace(day=1)
        elif key == "quarter":
            start, end = st.quarter_bounds(*st.quarter_of(today))[0], today
        elif key == "year":
            start, end = date(today.year, 1, 1), today
        elif key == "12m":
            # twelve months: this one (to today) and the eleven before it; a year back from the
            # first of this month made thirteen
            months = today.year * 12 + today.month - 1 - 11
            start, end = date(months // 12, months % 12 + 1, 1), today
        elif key == "custom":
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        region = self.community.currentData() or self.subdistrict.currentData()
        return st.StatsFilter(start, end, region, self.track.currentData() or None,
                              self.category.currentData() or None)

    # -- computing ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute every figure for the current filter, off the UI thread."""
        self._refresh_timer.stop()
        f = self.current_filter()
        wrong = bool(f.date_from and f.date_to and f.date_from > f.date_to)
        for button in (self.summary_button, self.all_xlsx_button):  # not the last range's figures beside this one
            button.setEnabled(not wrong)
        if wrong:
            self.status.setText(self.tr("The start date is after the end date: the figures shown are the last "
                                        "range's; correct the dates to compute and export them."))
            return
        self._generation += 1
        generation = self._generation
        self._stale = False
        self.status.setText(self.tr("Computing…"))
        self.refresh_button.setEnabled(True)
        db, actor = self.ctx.db, self.ctx.actor
        run_in_background(self, lambda progress: st.compute(db, actor, f, progress),
                          lambda result: self._computed(generation, result),
                          on_error=lambda exc: self._failed(generation, exc),
                          on_cancelled=lambda: self.status.setText(self.tr("Cancelled.")),
                          label=self.tr("Computing statistics…"))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.status.setText(self.tr("The figures could not be computed."))
        show_error(self, exc)

    def _computed(self, generation: int, stats: st.Statistics) -> None:
        if generation != self._generation:
            return  # a newer filter is being computed
        self.show_statistics(stats)

    def show_statistics(self, stats: st.Statistics) -> None:
        self.stats = stats
        self.visits = stats.visits
        self._show_headline(stats)
        self._show_approval(stats.approval, stats.pass_rates.track_start)
        self._show_pass_rate(stats.pass_rates)
        self._show_library(stats.library)
        self._show_discoveries(stats.discoveries)
        self._fill_quarters(stats)
        self._show_visits(stats.visits)
        self._show_referrals(stats.referrals)
        self._show_post_checks(stats.post_checks)
        guard_refcounts()
        total_ms = sum(stats.timings.values()) * 1000
        self.status.setText(self.tr("{scope}: {filter}. Computed from the records in {ms:.0f} ms.").format(
            scope=stats.scope_name, filter=stats.filter.describe(), ms=total_ms))

    def _show_headline(self, stats: st.Statistics) -> None:
        clear_layout(self.headline_layout)
        figures = stats.headline()
        warnings = [value for label, value in figures if label == st.HEADLINE_WARNING]
        figures = [(label, value) for label, value in figures if label != st.HEADLINE_WARNING]
        cells = []
        for i, (label, value) in enumerate(figures):
            cell = QLabel(f"<div style='color:#555'>{escape(label)}</div>"
                          f"<div style='font-size:14px; font-weight:bold'>{escape(value)}</div>")
            cell.setTextFormat(Qt.TextFormat.RichText)
            cell.setObjectName(f"headline_{i}")
            cells.append(cell)
        # A rich-text label draws its bold 14 px line a few pixels wider than its size hint says (the
        # last characters of "32 个工作日(1,000 件)" were cut): one wide character more of room.
        width = max((cell.sizeHint().width() for cell in cells), default=0) + self.fontMetrics().horizontalAdvance("件")
        for cell in cells:
            cell.setFixedWidth(width)  # one width: the lines make columns
            self.headline_layout.addWidget(cell)
        self.headline_warning.setText("\n".join(f"⚠ {text}" for text in warnings))
        self.headline_warning.setVisible(bool(warnings))
        basis = self.basis_note(stats)
        self.headline_basis.setText(basis)
        self.headline_basis.setToolTip(basis)
        self.headline_basis.setVisible(bool(basis))

    def basis_note(self, stats: st.Statistics) -> str:
        """For a period that is over: which figures stand at its end and which count the decisions and
        checks made up to the day of computing (cohort figures), and what is not traced back."""
        if stats.as_of is None:
            return ""
        note = self.tr("The discovery funnel, library sizes and referral outcomes as at the end of {day}; approval "
                       "time and the authorisation pass rate: the period's applications by the decisions and data "
                       "checks made up to {today}.").format(day=stats.as_of.isoformat(),
                                                             today=stats.computed_on.isoformat())
        if stats.regional:
            note += " " + self.tr("Households count in the community they belong to now (moves are not traced back).")
        return note

    def _show_approval(self, ap: st.ApprovalTimes, start: date | None) -> None:
        tracks = [t for t in (Track.REGULAR.value, Track.COMMITMENT.value) if not self._track_excluded(t)]
        cats = [(str(d), f"{d}+" if d == ap.cap else str(d)) for d in range(ap.cap + 1)]
        if not any(sum(ap.histogram[t]) for t in tracks):
            cats = []
        series = [Series(t, TRACK_LABELS[Track(t)], list(ap.histogram[t]), TRACK_COLORS[t],
                         hover=[self.tr("{track}: {n} applications took {days} working days").format(
                             track=TRACK_LABELS[Track(t)], n=n, days=label) for n, (_, label)
                             in zip(ap.histogram[t], cats, strict=False)]) for t in tracks]
        hist = self.charts["approval_hist"]
        # each limit drawn just after its own bar: the applications decided on the last day are within it
        hist.set_bars(cats, series, vlines=[(st.COMMITMENT_LIMIT + 0.5, self.tr("10-day limit")),
                                            (st.REGULAR_LIMIT + 0.5, self.tr("30-day limit"))], max_labels=13)
        notes = []
        for t in tracks:
            s = ap.summary[t]
            if s.count:
                notes.append(self.tr("{track}: {n} decided, median {median}, mean {mean}, 90% within {p90}, "
                                     "range {lo}–{hi} working days").format(
                    track=TRACK_LABELS[Track(t)], n=f"{s.count:,}", median=st.fmt_days(s.median),
                    mean=st.fmt_days(s.mean),
                    p90=st.fmt_days(s.p90), lo=s.minimum, hi=s.maximum))
        if ap.warning():
            notes.append(ap.warning())
        counted = self.tr("Counted: applications accepted in the period and decided since (approved or refused, also "
                          "those revoked later), from the day after acceptance to the decision; applications still "
                          "open are not counted, nor those withdrawn (they have no decision).")
        if self.stats is not None and self.stats.as_of is not None:
            counted += " " + self.tr("Decisions made after the end of the period count too (up to {today}), so a "
                                     "later run may count more applications.").format(
                today=self.stats.computed_on.isoformat())
        notes.append(counted)
        hist.set_note("\n".join(notes))
        months = every_month([m.month for m in ap.monthly])
        cats = [(st.month_key(m), _month_label(m)) for m in months]
        by = {(m.month, m.track): m for m in ap.monthly}
        line_series = []
        for t in tracks:
            values = [by[(m, t)].median if (m, t) in by else None for m in months]
            hover = [self.tr("{month} {track}: median {median} working days ({n} applications)").format(
                month=_month_label(m), track=TRACK_LABELS[Track(t)], median=st.fmt_days(by[(m, t)].median),
                n=by[(m, t)].count) if (m, t) in by else "" for m in months]
            line_series.append(Series(t, TRACK_LABELS[Track(t)], values, TRACK_COLORS[t], hover=hover))
        vlines = self._start_line(months, start)
        self.charts["approval_month"].set_lines(
            cats, line_series, decimals=1, vlines=vlines,
            hlines=[(st.COMMITMENT_LIMIT, self.tr("10-day limit")), (st.REGULAR_LIMIT, self.tr("30-day limit"))])

    def _track_excluded(self, track: str) -> bool:
        chosen = self.stats.filter.track if self.stats else None
        return bool(chosen) and chosen != track

    def _start_line(self, months: list[date], start: date | None) -> list[tuple[float, str]]:
        if start is None or not months:
            return []
        first = st.month_start(start)
        if first < months[0] or first > months[-1]:
            return []
        # Position between the month before and the month the track started in.
        index = next(i for i, m in enumerate(months) if m >= first)
        offset = (start.day - 1) / 31
        return [(index - 0.5 + offset if index else index, self.tr("Commitment track from {d}").format(
            d=start.isoformat()))]

    def _show_pass_rate(self, pr: st.PassRates) -> None:
        found = {m.month: m for m in pr.months}
        months = every_month(list(found))
        rows = [found.get(m) or st.PassRateMonth(m, 0, 0) for m in months]  # none checked: no point
        cats = [(st.month_key(m), _month_label(m)) for m in months]
        values = [m.rate * 100 if m.rate is not None else None for m in rows]
        hover = [self.tr("{month}: {rate} passed ({passed} of {checked} checked)").format(
            month=_month_label(m.month), rate=st.pct(m.rate), passed=m.passed, checked=m.checked) for m in rows]
        chart = self.charts["pass_rate"]
        small, labels = _small_samples([(m.passed, m.checked) for m in rows], values)
        chart.set_lines(cats, [Series("checked", self.tr("Pass rate"), values, "#2f6db5", hover=hover, labels=labels,
                                      small=small)],
                        decimals=1, suffix="%", vlines=self._start_line(months, pr.track_start), y_range=(0, 112))
        chart.set_counts([self.tr("Checked"), self.tr("Passed")], [[m.checked, m.passed] for m in rows])
        if pr.track_start is not None:
            chart.set_note(self.tr("Before the commitment track ({d}): {before} ({bp} of {bc}); "
                                   "after: {after} ({ap} of {ac}).").format(
                d=pr.track_start.isoformat(), before=st.pct(pr.before_rate), bp=f"{pr.before_passed:,}",
                bc=f"{pr.before_checked:,}", after=st.pct(pr.after_rate), ap=f"{pr.after_passed:,}",
                ac=f"{pr.after_checked:,}") + self._small_note(small) + " " + self._pass_rate_counts())
        else:
            chart.set_note(self.tr("No application has been accepted on the commitment track yet; overall: {rate}.")
                           .format(rate=st.pct(pr.overall_rate)) + self._small_note(small) + " "
                           + self._pass_rate_counts())

    def _pass_rate_counts(self) -> str:
        counted = self.tr("Counted by month of acceptance: every application whose data check has a result, "
                          "whatever became of it (also withdrawn or revoked).")
        if self.stats is not None and self.stats.as_of is not None:
            counted += " " + self.tr("Data checks made after the end of the period count too (up to {today}), so a "
                                     "later run may count more applications.").format(
                today=self.stats.computed_on.isoformat())
        return counted

    def _small_note(self, small: list[bool]) -> str:
        if not any(small):
            return ""
        return " " + self.tr("Hollow points: fewer than {n} cases that month, the count written beside them.").format(
            n=SMALL_SAMPLE)

    def _show_library(self, lib: st.LibrarySizes) -> None:
        months = [m.month for m in lib.months]
        cats = [(st.month_key(m), _month_label(m)) for m in months]
        labels = {b.key: b.label for b in lib.now}
        series = []
        for stage, attr in ((Stage.CLASS_I.value, "class_1"), (Stage.CLASS_II.value, "class_2"),
                            (Stage.ASSISTED.value, "assisted")):
            values = [getattr(m, attr) for m in lib.months]
            hover = [self.tr("End of {month}: {n} households in {stage}").format(
                month=_month_label(m.month), n=f"{getattr(m, attr):,}", stage=labels[stage]) for m in lib.months]
            series.append(Series(stage, labels[stage], values, STAGE_COLORS[stage], hover=hover))
        self.charts["library_month"].set_lines(cats, series)
        now = self.charts["library_now"]
        now.set_bars([(b.key, b.label) for b in lib.now],
                     [Series("now", self.tr("Households"), [b.value for b in lib.now], "#2f6db5")], value_labels=True)

    def _show_discoveries(self, d: st.Discoveries) -> None:
        for key, items in (("level", d.by_level), ("channel", d.by_channel), ("department", d.by_department)):
            hover = [self.tr("{label}: {clues} clues").format(label=b.label, clues=f"{b.value:,}") for b in items]
            self.charts[key].set_bars([(b.key, b.label) for b in items],
                                      [Series(key, self.tr("Clues"), [b.value for b in items], hover=hover)],
                                      value_labels=True)
        self.charts["level"].set_note(self.tr("{clues} clues; {households} households discovered for the first time in the period.")
                                      .format(households=f"{d.households:,}", clues=f"{d.clues:,}"))
        first = d.funnel[0].value if d.funnel else 0
        hover = [self.tr("{label}: {n} households ({share} of those discovered)").format(
            label=b.label, n=f"{b.value:,}", share=st.pct(st.rate(b.value, first))) for b in d.funnel]
        self.charts["funnel"].set_bars([(b.key, b.label) for b in d.funnel],
                                       [Series("funnel", self.tr("Households"), [b.value for b in d.funnel],
                                               "#3a9d5d", hover=hover)], value_labels=True)
        self.charts["funnel"].set_note(self.tr(
            "The households first reported in the period, each step counted on its own (a household can reach "
            "a later step without an earlier one), as it stands today, or for a period that is over as it stood "
            "at its end: assessed = has an assessment; in a library or applying = in class I or II, or has "
            "an application; approved = has an approved application not revoked (by then)."))

    def _fill_quarters(self, stats: st.Statistics) -> None:
        current = (stats.visits.year, stats.visits.quarter)
        self.quarter.blockSignals(True)
        self.quarter.clear()
        year, q = current
        for _ in range(8):
            self.quarter.addItem(self.tr("{year} Q{q}").format(year=year, q=q), (year, q))
            year, q = (year, q - 1) if q > 1 else (year - 1, 4)
        self.quarter.setCurrentIndex(0)
        self.quarter.blockSignals(False)

    def _quarter_chosen(self) -> None:
        chosen = self.quarter.currentData()
        if not chosen or self.stats is None:
            return
        f = self.stats.filter
        db, actor = self.ctx.db, self.ctx.actor
        run_in_background(self, lambda _p: st.visit_completion(db, actor, f, chosen[0], chosen[1]),
                          self._show_visits, label=self.tr("Computing visits…"))

    def _show_visits(self, v: st.VisitCompletion) -> None:
        self.visits = v
        rows = list(v.rows)
        cats = [(str(r.region_id), r.name) for r in rows]
        values = [(r.rate or 0.0) * 100 for r in rows]
        hover = [self.tr("{name}, {quarter}: {visited} of {monitored} monitored households visited ({rate}); "
                         "click to list those not visited").format(
            name=r.name, quarter=v.label, visited=r.visited, monitored=r.monitored, rate=st.pct(r.rate))
            for r in rows]
        chart = self.charts["visits"]
        # each community's rate with its count ("76.2%(45/59)"): a community of 3 households at 100%
        # is not the same news as one of 300
        labels = [f"{st.pct(r.rate)}({r.visited}/{r.monitored})" for r in rows]
        small = [r.monitored < SMALL_SAMPLE for r in rows]
        chart.set_bars(cats, [Series(f"missing@{v.year}-Q{v.quarter}", self.tr("Completion"), values, "#2f6db5",
                                     hover=hover, labels=labels, small=small)], decimals=1, suffix="%",
                       zeros_are_data=True, value_labels=True)
        chart.set_counts([self.tr("Monitored households"), self.tr("Visited")], [[r.monitored, r.visited] for r in rows])
        chart.set_note(self.tr("{quarter}: {visited} of {monitored} households in class I, class II or assistance "
                               "visited ({rate}). Worst first.").format(
            quarter=v.label, visited=f"{v.visited:,}", monitored=f"{v.monitored:,}", rate=st.pct(v.rate))
            + ("" if not any(small) else " " + self.tr("Pale bars: fewer than {n} households.").format(n=SMALL_SAMPLE)))

    def _show_referrals(self, ref: st.Referrals) -> None:
        rows = [r for r in ref.rows if r.total] or list(ref.rows)
        cats = [(r.department, r.label) for r in rows]
        series = []
        for status in st.REFERRAL_STATUSES:
            label = st.REFERRAL_STATUS_LABELS[status]
            values = [r.counts.get(status, 0) for r in rows]
            hover = [self.tr("{dept} · {status}: {n} of {total} referrals").format(
                dept=r.label, status=label, n=r.counts.get(status, 0), total=r.total) for r in rows]
            series.append(Series(status, label, values, STATUS_COLORS[status], hover=hover))
        self.charts["referrals"].set_bars(cats, series, value_labels=True)
        note = self.tr("{done} of {total} referrals done.").format(done=f"{ref.total('done'):,}",
                                                                      total=f"{ref.total():,}")
        if self.stats is not None and self.stats.as_of is not None:
            note += " " + self.tr("The referrals sent in the period, each with its status at the end of {day}.").format(
                day=self.stats.as_of.isoformat())
        self.charts["referrals"].set_note(note)

    def _show_post_checks(self, pc: st.PostChecks) -> None:
        found = {m.month: m for m in pc.months}
        rows = [found.get(m) or st.PostCheckMonth(m, 0, 0) for m in every_month(list(found))]
        cats = [(st.month_key(m.month), _month_label(m.month)) for m in rows]
        # a month without a post-check has no rate: no point, not a 0% failure rate
        values = [m.rate * 100 if m.rate is not None else None for m in rows]
        hover = [self.tr("{month}: {failed} of {done} post-checks failed ({rate})").format(
            month=_month_label(m.month), failed=m.failed, done=m.done, rate=st.pct(m.rate)) for m in rows]
        chart = self.charts["post_checks"]
        small, labels = _small_samples([(m.failed, m.done) for m in rows], values)
        chart.set_lines(cats, [Series("failed", self.tr("Failure rate"), values, "#c0392b", hover=hover, labels=labels,
                                      small=small)], decimals=1, suffix="%")
        chart.set_counts([self.tr("Post-checks done"), self.tr("Failed")], [[m.done, m.failed] for m in rows])
        kinds = ",".join(f"{st.POST_CHECK_KIND_LABELS.get(k, k)} {f}/{d}" for k, (d, f) in sorted(pc.by_kind.items()))
        chart.set_note(self.tr("Overall: {failed} of {done} post-checks failed ({rate}). By kind: {kinds}.").format(
            failed=f"{pc.failed:,}", done=f"{pc.done:,}", rate=st.pct(pc.rate), kinds=kinds or "—")
            + self._small_note(small) + " " + self.tr("Counted by the day the check was done; checks not done yet "
                                                      "are not counted."))

    # -- drill-down -----------------------------------------------------------------------------------
    def _on_item_clicked(self, chart: str, series: str, key: str) -> None:
        # Bars whose series is only a label ("now", "level", "funnel", …) list by their key alone.
        plain = chart in ("library_now", "level", "channel", "department", "funnel")
        self.list_records(chart, key, "" if plain else series)

    def list_records(self, chart: str, key: str, series: str = "") -> None:
        """List the records behind one bar or point (off the UI thread)."""
        if self.stats is None:
            return
        f = self.stats.filter
        today = self.stats.computed_on
        self._drill_generation += 1
        generation = self._drill_generation
        self.drill_title.setText(self.tr("Listing records…"))
        self.drill_box.show()
        db, actor = self.ctx.db, self.ctx.actor
        run_in_background(self, lambda _p: st.records_behind(db, actor, f, chart, key, series, today=today),
                          lambda drill: self._show_drill(generation, drill), label=self.tr("Listing records…"))

    def _show_drill(self, generation: int, drill: st.Drill) -> None:
        if generation != self._drill_generation:
            return
        self.drill = drill
        self.drill_model.set_rows(drill.rows)
        if drill.truncated:
            text = self.tr("{title}: {total} records (the first {shown} are listed)").format(
                title=drill.title, total=f"{drill.total:,}", shown=f"{len(drill.rows):,}")
        else:
            text = self.tr("{title}: {total} records").format(title=drill.title, total=f"{drill.total:,}")
        self.drill_title.setText(text)
        self.drill_export.setEnabled(bool(drill.rows))

    # -- exports ----------------------------------------------------------------------------------------
    def _ask_path(self, title: str, suggested: str, pattern: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / suggested), pattern)
        return with_suffix(path, Path(suggested).suffix[1:]) if path else path

    def _stamp(self) -> str:
        return datetime.now().strftime("%Y%m%d")

    def _not_saved(self, exc: BaseException) -> None:
        """A file that could not be written: the shared plain message (the crash dialog for a bug)."""
        self.status.setText(self.tr("Not saved."))
        show_error(self, exc)

    def ask_export_png(self, chart: Chart) -> None:
        path = self._ask_path(self.tr("Save chart as PNG"), f"{chart.title}-{self._stamp()}.png",
                              self.tr("PNG images (*.png)"))
        if path:
            self.export_png(chart, path)

    def export_png(self, chart: Chart, path: str) -> None:
        try:
            chart.save_png(path)
        except Exception as exc:  # noqa: BLE001 - a plain message, or the crash dialog for a bug
            self._not_saved(exc)
            return
        self.status.setText(self.tr("Saved {path}").format(path=path))

    def ask_export_xlsx(self, chart: Chart) -> None:
        path = self._ask_path(self.tr("Save the numbers as xlsx"), f"{chart.title}-{self._stamp()}.xlsx",
                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.export_xlsx([chart], path)

    def _chart_table(self, chart: Chart) -> tuple[str, str, list[str], list[list[object]]]:
        headers, rows = chart.table()
        if note := chart.note_label.text():  # what is counted, written under the numbers as under the chart
            rows = [*rows, [], [self.tr("Definition"), note]]
        scope = self.stats.filter.describe(self.stats.scope_name) if self.stats else ""
        return chart.title, f"{chart.title}({scope})", headers, rows

    def export_xlsx(self, charts: list[Chart], path: str) -> None:
        tables = []
        if len(charts) > 1 and self.stats is not None:
            rows = [list(x) for x in self.stats.headline()]
            if basis := self.basis_note(self.stats):
                rows.append([self.tr("Basis"), basis])
            tables.append((self.tr("Key figures"), self.stats.filter.describe(self.stats.scope_name),
                           [self.tr("Figure"), self.tr("Value")], rows))
        tables += [self._chart_table(c) for c in charts]
        run_in_background(self, lambda progress: st.export_tables(path, tables, progress),
                          lambda _n: self.status.setText(self.tr("Saved {path}").format(path=path)),
                          on_error=self._not_saved,
                          label=self.tr("Writing the workbook…"))

    def ask_export_all(self) -> None:
        if self.stats is None:
            return
        path = self._ask_path(self.tr("Save all numbers as xlsx"), f"统计数据-{self._stamp()}.xlsx",
                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.export_xlsx(list(self.charts.values()), path)

    def ask_export_drill(self) -> None:
        if self.drill is None:
            return
        path = self._ask_path(self.tr("Save the list as xlsx"), f"明细-{self._stamp()}.xlsx",
                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            drill, db, actor = self.drill, self.ctx.db, self.ctx.actor  # every record, not only those listed
            run_in_background(self, lambda progress: st.export_drill(db, actor, path, drill, progress),
                              lambda _n: self.status.setText(self.tr("Saved {path}").format(path=path)),
                              on_error=self._not_saved,
                              label=self.tr("Writing the workbook…"))

    def ask_export_summary(self) -> None:
        if self.stats is None:
            return
        path = self._ask_path(self.tr("Save the monthly summary"), f"统计摘要-{self._stamp()}.pdf",
                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.export_summary(path)

    def summary_html(self, image_dir: Path) -> str:
        """The one-page summary: key figures and four charts (images written into image_dir)."""
        assert self.stats is not None
        s = self.stats
        rows = "".join(f"<tr><td>{escape(k)}</td><td class='right'>{escape(v)}</td></tr>" for k, v in s.headline()
                       if k != st.HEADLINE_WARNING)
        rows += "".join(f"<tr><td colspan='2' style='color:#a04000; font-weight:bold'>{escape(k)}:{escape(v)}</td></tr>"
                        for k, v in s.headline() if k == st.HEADLINE_WARNING)
        images = []
        for key in ("approval_month", "pass_rate", "library_month", "funnel"):
            chart = self.charts[key]
            path = chart.save_png(image_dir / f"{key}.png", 660, 380)
            images.append(f"<td><img src='{path.as_uri()}' width='325'></td>")
        grid = f"<table style='border:none'><tr>{images[0]}{images[1]}</tr><tr>{images[2]}{images[3]}</tr></table>"
        scope = escape(s.filter.describe(s.scope_name))
        made = datetime.now().strftime("%Y-%m-%d %H:%M")
        title = escape(self.tr("Social assistance: monthly summary"))
        made_on = escape(self.tr("Made on {when} by {who}").format(when=made, who=self.ctx.actor.display_name))
        key_figures = escape(self.tr("Key figures"))
        charts = escape(self.tr("Charts"))
        footer = escape(" ".join(filter(None, (self.tr("Every figure is computed from the records at the time of "
                                                       "printing."), self.basis_note(s)))))
        return (f"<h1>{title}</h1><p class='muted'>{scope} · {made_on}</p>"
                f"<h2>{key_figures}</h2><table>{rows}</table>"
                f"<h2>{charts}</h2>{grid}<p class='muted'>{footer}</p>")

    def export_summary(self, path: str) -> None:
        if self.stats is None:
            return
        try:
            with tempfile.TemporaryDirectory(prefix="relief-summary-") as tmp:
                html = self.summary_html(Path(tmp))
                html_to_pdf(html, path, title=self.tr("Monthly summary"))
        except Exception as exc:  # noqa: BLE001 - a plain message, or the crash dialog for a bug
            self._not_saved(exc)
            return
        self.status.setText(self.tr("Saved {path}").format(path=path))

    # -- live updates -----------------------------------------------------------------------------------
    def _on_changed(self, topic: str, _ident: int) -> None:
        if topic not in REFRESH_TOPICS:
            return
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start(3000)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._refresh_timer.start(100)

    def maybe_close(self) -> bool:
        return True

