"""Today's work (今日工作): the window's first page. What waits for the person logged in, across the
loop, each with how many are late and a button that opens the list it counts (services.workbench)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.services import workbench
from desktop.views.context import AppContext
from desktop.views.errors import show_error
from desktop.views.operations import run_in_background
from desktop.views.timing import WhenShown, debounce, on_new_day

# item key -> (page, its list of all, its list of the late ones or None); see each page's show_list
LISTS: dict[str, tuple[str, str, str | None]] = {
    "clues_new": ("discovery", "new", None),
    "clues_assigned": ("discovery", "assigned", None),
    "clues_investigating": ("discovery", "investigating", None),
    "awaiting_acceptance": ("applications", "awaiting", None),
    "applications": ("applications", "to_do", "overdue"),
    "refusals": ("applications", "to_serve", "to_serve_overdue"),
    "post_checks": ("applications", "post_checks", "post_checks_overdue"),
    "payments": ("applications", "payments", None),
    "visits": ("board", "visits_due", "visits_overdue"),
    "referrals": ("board", "referrals_open", "referrals_overdue"),
    "calendar": ("settings", "calendar", None),
}

# items whose list is no list of its own (the households awaiting acceptance are a button's menu on the
# applications page): at 0 there is nothing to open, and the page's other list would show instead
EMPTY_OPENS_NOTHING = {"awaiting_acceptance"}

LATE_STYLE = "QPushButton { color: #c62828; font-weight: bold; }"
COUNT_STYLE = "QPushButton { font-size: 20px; font-weight: bold; padding: 2px 10px; text-align: right; }"
IDLE_STYLE = "QPushButton { font-size: 20px; color: #9e9e9e; padding: 2px 10px; text-align: right; }"
WEEKDAYS = "一二三四五六日"


class TodayPage(QWidget):
    """Key "today" in pages.py."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.work: workbench.Workbench | None = None
        self._generation = 0
        self.count_buttons: dict[str, QPushButton] = {}
        self.late_buttons: dict[str, QPushButton] = {}
        self.notes: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)

        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        head.addWidget(self.title, 1)
        self.updated = QLabel()
        self.updated.setStyleSheet("color: #757575;")
        head.addWidget(self.updated)
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.setToolTip(QKeySequence(QKeySequence.StandardKey.Refresh).toString(
            QKeySequence.SequenceFormat.NativeText))
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh)
        layout.addLayout(head)

        # this year's (or, late in the year, next year's) holidays not entered: deadlines are estimates
        self.calendar_bar = QWidget()
        self.calendar_bar.setObjectName("calendarBar")
        self.calendar_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        bar = QHBoxLayout(self.calendar_bar)
        bar.setContentsMargins(8, 6, 8, 6)
        self.calendar_bar.setStyleSheet("#calendarBar { background: #fff3e0; border-radius: 4px; }")
        self.calendar_note = QLabel()
        self.calendar_note.setWordWrap(True)
        bar.addWidget(self.calendar_note, 1)
        self.calendar_button = QPushButton(self.tr("Holiday &calendar…"))
        self.calendar_button.setAutoDefault(True)
        self.calendar_button.clicked.connect(lambda: self.open_list("calendar"))
        bar.addWidget(self.calendar_button)
        self.calendar_bar.hide()
        layout.addWidget(self.calendar_bar)

        self.groups = QGridLayout()
        self.groups.setHorizontalSpacing(12)
        self.groups.setVerticalSpacing(12)
        layout.addLayout(self.groups)
        self.empty = QLabel(self.tr("Loading today's work…"))
        self.empty.setStyleSheet("color: #757575;")
        layout.addWidget(self.empty)
        layout.addStretch(1)
        hint = QLabel(self.tr("Each figure opens the list it counts; “late” opens the late ones only. The page "
                              "follows what is done here and on the other workstations."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #757575;")
        layout.addWidget(hint)

        # Any change here or on another workstation: once a burst of them is over, and only when in sight.
        self._live = WhenShown(self, self.refresh)
        self._settled = debounce(self, self._live, 400)
        ctx.changes.changed.connect(lambda _topic, _ident: self._settled.start())
        QShortcut(QKeySequence.StandardKey.Refresh, self, activated=self.refresh)
        # left open overnight (a duty desk), the page turns to the new day's work by itself
        self._new_day = on_new_day(self, self._live)
        self.refresh()

    # -- data ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        db, actor = self.ctx.db, self.ctx.actor
        self._generation += 1
        generation = self._generation
        # a quiet refresh (no progress window taking the focus, nothing to ask about on exit): the page says it
        self.updated.setText(self.tr("Loading today's work…"))
        run_in_background(self, lambda _progress: workbench.todays_work(db, actor),
                          lambda work: self.show_work(work) if generation == self._generation else None,
                          on_error=self._failed, cancellable=False, delay_ms=None)

    def _failed(self, exc: BaseException) -> None:
        self.updated.setText(self.tr("not loaded"))
        show_error(self, exc)

    def show_work(self, work: workbench.Workbench) -> None:
        self.work = work
        day = work.today
        self.title.setText(self.tr("Today's work · {date} · {scope}").format(
            date=f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}", scope=work.scope))
        now = datetime.now()
        self.updated.setText(self.tr("as of {time}").format(time=now.strftime("%H:%M:%S")))
        calendar = work.item("calendar")
        self.calendar_note.setText("⚠ " + calendar.note if calendar and calendar.note else "")
        self.calendar_bar.setVisible(bool(calendar and calendar.note))
        if not self.count_buttons:
            self._build(work)
        for item in work.items:
            self._show_item(item)
        self.empty.hide()

    def _build(self, work: workbench.Workbench) -> None:
        """One box per area, one line per item: the figure (a button), what it counts, the late ones."""
        areas: list[str] = []
        for item in work.items:
            if item.key != "calendar" and item.area not in areas:
                areas.append(item.area)
        grids: dict[str, QGridLayout] = {}
        for n, area in enumerate(areas):
            box = QGroupBox(area)
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            grids[area] = QGridLayout(box)
            grids[area].setColumnStretch(1, 1)
            self.groups.addWidget(box, n // 2, n % 2, Qt.AlignmentFlag.AlignTop)
        for item in work.items:
            if item.key == "calendar":
                continue
            grid = grids[item.area]
            row = grid.rowCount()
            count = QPushButton()
            count.setAutoDefault(True)  # Enter opens the list too, as Space does (outside a dialog it did nothing)
            count.setMinimumWidth(90)
            count.setToolTip(self.tr("Open: {where}").format(where=item.where))
            count.clicked.connect(lambda _c=False, key=item.key: self.open_list(key))
            label = QLabel(item.label)
            label.setWordWrap(True)
            count.setAccessibleName(item.label)  # a screen reader says what the figure counts
            note = QLabel()
            note.setStyleSheet("color: #757575;")
            note.setWordWrap(True)
            late = QPushButton()
            late.setAutoDefault(True)
            late.setStyleSheet(LATE_STYLE)
            late.setFlat(True)
            late.setCursor(Qt.CursorShape.PointingHandCursor)
            late.clicked.connect(lambda _c=False, key=item.key: self.open_list(key, late=True))
            texts = QVBoxLayout()
            texts.setSpacing(0)
            texts.addWidget(label)
            texts.addWidget(note)
            grid.addWidget(count, row, 0)
            grid.addLayout(texts, row, 1)
            grid.addWidget(late, row, 2)
            self.count_buttons[item.key], self.late_buttons[item.key], self.notes[item.key] = count, late, note

    def _show_item(self, item: workbench.WorkItem) -> None:
        count = self.count_buttons.get(item.key)
        if count is None:
            return
        count.setText(f"{item.count:,}")
        count.setStyleSheet(COUNT_STYLE if item.waiting else IDLE_STYLE)
        count.setEnabled(bool(item.count) or item.key not in EMPTY_OPENS_NOTHING)
        late = self.late_buttons[item.key]
        late_list = LISTS[item.key][2]
        late.setText(self.tr("{n:,} late").format(n=item.late) if item.late else "")
        late.setToolTip(self.tr("Open the late ones only") if late_list else "")
        late.setEnabled(bool(item.late and late_list))
        late.setVisible(bool(item.late))
        note = self.notes[item.key]
        note.setText(item.note)
        note.setStyleSheet("color: #c62828;" if item.urgent else "color: #757575;")
        note.setVisible(bool(item.note))

    # -- going to the lists -------------------------------------------------------------------------
    def open_list(self, key: str, *, late: bool = False) -> None:
        page, every, late_ones = LISTS[key]
        self.ctx.nav.showList.emit(page, late_ones if late and late_ones else every)
