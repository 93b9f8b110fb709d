"""One column of the monitoring board: a QListView over a list model of cards, drawn by a delegate.

The model holds only the cards loaded so far (keyset pages of 200, more on scroll through
``fetchMore``); the delegate paints what is visible, so a column of 3,000 households costs what
a screenful costs. Dragging a card to another column emits ``cardDropped``; the page asks for the
reason and calls the service (the model never moves anything by itself).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.monitoring import Card
from desktop.views.table_model import EmptyHint

Index = QModelIndex | QPersistentModelIndex
CARD_MIME = "application/x-relief-desk-card"
CardRole = Qt.ItemDataRole.UserRole + 1
CARD_HEIGHT = 76

Loader = Callable[[str, int | None], list[Card]]  # (stage, after_id) -> next page


class BoardListModel(QAbstractListModel):
    """The cards of one column, in id order; more are fetched as the user scrolls."""

    cardDropped = Signal(int, int, str, str)  # household id, version, from stage, to stage

    def __init__(self, stage: str, loader: Loader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.loader = loader
        self.cards: list[Card] = []
        self.total = 0
        self.exhausted = True
        self.page_size = 200

    # -- loading -----------------------------------------------------------------------------------
    def set_cards(self, cards: list[Card], total: int) -> None:
        """Replace everything (a new filter)."""
        self.beginResetModel()
        self.cards = list(cards)
        self.total = total
        self.exhausted = len(cards) >= total
        self.endResetModel()

    def set_total(self, total: int) -> None:
        self.total = total
        self.exhausted = len(self.cards) >= total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self.exhausted:
            return
        after = self.cards[-1].id if self.cards else None
        page = self.loader(self.stage, after)
        if len(page) < self.page_size:
            self.exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self.cards), len(self.cards) + len(page) - 1)
            self.cards.extend(page)
            self.endInsertRows()

    def last_loaded_id(self) -> int | None:
        """The highest id loaded, or None when the whole column is loaded."""
        if self.exhausted or not self.cards:
            return None
        return self.cards[-1].id

    def refresh_range(self) -> tuple[int | None, int | None]:
        """``(upto_id, limit)`` to read the loaded range again. A partly loaded column reads up to
        its last card. A whole column reads as many cards as it holds and a page more: many
        households arriving at once (an import) must not all be read; the rest comes by scrolling."""
        upto = self.last_loaded_id()
        return (upto, None) if upto is not None else (None, len(self.cards) + self.page_size)

    def merge(self, fresh: list[Card]) -> None:
        """Bring the loaded range up to date with the smallest changes (selection and scroll
        position survive): remove cards that left, insert cards that arrived, update the rest."""
        fresh_ids = {c.id for c in fresh}
        i = len(self.cards) - 1
        while i >= 0:
            if self.cards[i].id in fresh_ids:
                i -= 1
                continue
            j = i
            while j - 1 >= 0 and self.cards[j - 1].id not in fresh_ids:
                j -= 1
            self.beginRemoveRows(QModelIndex(), j, i)
            del self.cards[j:i + 1]
            self.endRemoveRows()
            i = j - 1
        pos = 0
        for card in sorted(fresh, key=lambda c: c.id):
            if pos < len(self.cards) and self.cards[pos].id == card.id:
                if self.cards[pos] != card:
                    self.cards[pos] = card
                    index = self.index(pos)
                    self.dataChanged.emit(index, index)
            else:
                self.beginInsertRows(QModelIndex(), pos, pos)
                self.cards.insert(pos, card)
                self.endInsertRows()
            pos += 1

    def row_of(self, household_id: int) -> int:
        for row, card in enumerate(self.cards):
            if card.id == household_id:
                return row
        return -1

    # -- Qt model API -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == CardRole:
            return card
        if role == Qt.ItemDataRole.DisplayRole:
            return card.head_name
        if role == Qt.ItemDataRole.ToolTipRole:
            return card_tooltip(card)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{card.head_name} {card.community} {card.category_label}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CARD_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        cards = [self.cards[i.row()] for i in indexes if i.isValid()]
        if cards:
            card = cards[0]
            payload = {"id": card.id, "version": card.version, "stage": card.stage, "name": card.head_name}
            mime.setData(CARD_MIME, QByteArray(json.dumps(payload).encode()))
        return mime

    @staticmethod
    def decode(mime: QMimeData) -> dict | None:
        if not mime.hasFormat(CARD_MIME):
            return None
        try:
            return json.loads(bytes(mime.data(CARD_MIME).data()).decode())
        except ValueError:
            return None

    def canDropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Index) -> bool:
        payload = self.decode(mime)
        return payload is not None and payload.get("stage") != self.stage

    def dropMimeData(self, mime: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Index) -> bool:
        payload = self.decode(mime)
        if payload is None or payload.get("stage") == self.stage:
            return False
        # Ask for the reason after the drag has finished (no dialog inside the drag loop). Return
        # False: the card stays where it is until the service has recorded the move.
        hid, version, stage = int(payload["id"]), int(payload["version"]), str(payload["stage"])
        QTimer.singleShot(0, self, lambda: self.cardDropped.emit(hid, version, stage, self.stage))
        return False


def card_tooltip(card: Card) -> str:
    lines = [f"{card.head_name}  {card.head_id_masked}", f"{card.community} · {card.category_label}"]
    if card.last_visited_on and card.days_since_visit == 0:
        lines.append(QCoreApplication.translate("BoardColumn", "Last visit: {day} (today)").format(day=card.last_visited_on))
    elif card.last_visited_on:
        lines.append(QCoreApplication.translate("BoardColumn", "Last visit: {day} ({days} days ago)").format(day=card.last_visited_on,
                                                                       days=card.days_since_visit))
    else:
        lines.append(QCoreApplication.translate("BoardColumn", "Never visited"))
    if card.visit_due:
        lines.append(QCoreApplication.translate("BoardColumn", "Next visit due by {day}").format(day=card.visit_due))
    if card.open_referrals:
        lines.append(QCoreApplication.translate("BoardColumn", "Open referrals: {n} (overdue: {late})").format(n=card.open_referrals,
                                                                         late=card.overdue_referrals))
    if card.exit_until:
        lines.append(QCoreApplication.translate("BoardColumn", "Assistance ends: assisted until {day}")
                     .format(day=card.exit_until))
    return "\n".join(lines)


class CardDelegate(QStyledItemDelegate):
    """Paints a card: head of household, community and category, days since the last visit, and
    the overdue and open-referral badges."""

    OVERDUE = QColor("#d93025")
    REFERRAL = QColor("#e37400")
    EXIT = QColor("#8430ce")
    MUTED = QColor("#5f6368")

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return QSize(150, CARD_HEIGHT)  # list mode stretches items to the viewport's width

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card: Card | None = index.data(CardRole)
        if card is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 3, -4, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.setPen(QPen(QColor("#1a73e8") if selected else QColor("#dadce0"), 2 if selected else 1))
        painter.setBrush(QColor("#e8f0fe") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(rect, 6, 6)
        stripe = QRect(rect.left(), rect.top(), 4, rect.height())
        painter.fillRect(stripe.adjusted(1, 3, 0, -3), self.OVERDUE if card.overdue else QColor("#34a853")
                         if card.visit_due else QColor("#bdc1c6"))
        inner = rect.adjusted(10, 5, -8, -5)
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        bold.setPointSizeF(base.pointSizeF() + 1)
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 0.5, 7))
        line_h = inner.height() // 3

        # Badges on the first line, right-aligned.
        x = inner.right()
        badges: list[tuple[str, QColor]] = []
        if card.overdue:
            badges.append((QCoreApplication.translate("BoardColumn", "Overdue"), self.OVERDUE))
        if card.open_referrals:
            color = self.OVERDUE if card.overdue_referrals else self.REFERRAL
            badges.append((QCoreApplication.translate("BoardColumn", "Referral {n}").format(n=card.open_referrals), color))
        if card.exit_until:
            badges.append((QCoreApplication.translate("BoardColumn", "Exiting"), self.EXIT))  # the day: tooltip
        painter.setFont(small)
        metrics = QFontMetrics(small)
        for text, color in badges:
            w = metrics.horizontalAdvance(text) + 12
            badge = QRect(x - w, inner.top() + 1, w, min(line_h, metrics.height() + 4))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            x -= w + 4

        painter.setFont(bold)
        painter.setPen(QColor("#202124"))
        name_rect = QRect(inner.left(), inner.top(), max(x - inner.left() - 4, 10), line_h)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(card.head_name, Qt.TextElideMode.ElideRight, name_rect.width()))

        painter.setFont(base)
        painter.setPen(QColor("#3c4043"))
        second = QRect(inner.left(), inner.top() + line_h, inner.width(), line_h)
        text = f"{card.community} · {card.category_label}"
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(base).elidedText(text, Qt.TextElideMode.ElideRight, second.width()))

        painter.setFont(small)
        third = QRect(inner.left(), inner.top() + 2 * line_h, inner.width(), line_h)
        painter.setPen(self.OVERDUE if card.overdue else self.MUTED)
        left_width = third.width()
        if card.visit_due:
            due = QCoreApplication.translate("BoardColumn", "Due {date}").format(date=_short(card.visit_due))
            painter.drawText(third, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, due)
            left_width -= metrics.horizontalAdvance(due) + 6
        visit = visit_text(card, metrics, left_width)
        painter.drawText(third.adjusted(0, 0, left_width - third.width(), 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(visit, Qt.TextElideMode.ElideRight, max(left_width, 0)))
        if focused and not selected:
            painter.setPen(QPen(QColor("#1a73e8"), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)
        painter.restore()


def visit_text(card: Card, metrics: QFontMetrics, width: int) -> str:
    """The last line's left part: days since the last visit, in fewer words when the due date
    beside it leaves too little room (a due date in another year is long). On a 1024-pixel screen or
    at 150 % even “48 天前” did not fit and was cut to “48 …”, a number without its unit: the
    shortest form keeps the unit."""
    if card.days_since_visit is None:
        return QCoreApplication.translate("BoardColumn", "Never visited")
    if card.days_since_visit == 0:  # not "0 天未走访"
        return QCoreApplication.translate("BoardColumn", "Visited today")
    forms = (QCoreApplication.translate("BoardColumn", "{days} days since visit"),
             QCoreApplication.translate("BoardColumn", "{days} days ago"),
             QCoreApplication.translate("BoardColumn", "{days} d"))
    texts = [form.format(days=card.days_since_visit) for form in forms]
    return next((text for text in texts if metrics.horizontalAdvance(text) <= width), texts[-1])


def _short(day: date) -> str:
    """A due date on a narrow card: month and day, the year said in a word when it is next or last year."""
    year = date.today().year
    if day.year == year:
        return f"{day:%m-%d}"
    if day.year == year + 1:
        return QCoreApplication.translate("BoardColumn", "next year {md}").format(md=f"{day:%m-%d}")
    if day.year == year - 1:
        return QCoreApplication.translate("BoardColumn", "last year {md}").format(md=f"{day:%m-%d}")
    return f"{day:%Y-%m-%d}"


class BoardColumn(QWidget):
    """The header (label and count) and the card list of one board column."""

    def __init__(self, stage: str, label: str, loader: Loader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.label = label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(4)
        self.header = QLabel()
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header.setStyleSheet("QLabel { background: #f1f3f4; border-radius: 4px; padding: 6px; font-size: 14px; }")
        layout.addWidget(self.header)
        self.model = BoardListModel(stage, loader, self)
        self.view = QListView()
        self.view.setObjectName(f"column_{stage}")
        self.view.setAccessibleName(label)
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalScrollBar().setSingleStep(24)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(False)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setStyleSheet("QListView { background: #f8f9fa; border: 1px solid #e0e0e0; border-radius: 4px; }")
        # Six columns beside the navigation fit 1280 px: at 170 the page scrolled sideways by a few pixels.
        self.view.setMinimumWidth(160)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        layout.addWidget(self.view, 1)
        # An empty column says so (a bare grey box read as a column still loading, or broken); the
        # board sets the words (none at all, or none under the filter).
        self.empty_hint = EmptyHint(self.view, "")
        self.empty_hint.setStyleSheet("color: #777; padding: 12px;")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = count
        self.header.setText(f"<b>{self.label}</b>  <span style='color:#5f6368'>{count:,}</span>")

    def current_card(self) -> Card | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return index.data(CardRole)

    def select(self, household_id: int) -> bool:
        row = self.model.row_of(household_id)
        if row < 0:
            return False
        index = self.model.index(row)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True
