"""A row of filters or buttons that wraps onto a further line when the page is narrower than the row.

Office screens are often 1366×768 at 125 % (about 909 logical pixels beside the navigation) or 1024×768:
a page whose toolbar needs its full length in one line made the page scroll sideways and hid the buttons
at its right end. ``FlowRow`` lays its items out as ``QHBoxLayout`` does while they fit (stretch factors
and ``addStretch`` included, so at 1366×768 at 100 % the row looks as before) and moves what does not fit
to the next line. A caption and its field added with ``add_pair`` stay together on one line.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QStyle,
    QWidget,
    QWidgetItem,
)


class FlowRow(QLayout):
    """Items left to right; a line full, the next items go on a new line below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: list[int] = []
        self._height = -1  # of the lines at the last width laid out; -1: one line
        self._cache: tuple[QSize, QSize] | None = None
        if parent is None:
            self.setContentsMargins(0, 0, 0, 0)

    # -- filling ------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)
        self._stretch.append(0)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self._stretch.append(stretch)
        self.invalidate()

    def addStretch(self, stretch: int = 1) -> None:  # noqa: N802
        """Room that pushes the items after it to the line's right end while they share the line."""
        self._items.append(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))
        self._stretch.append(stretch)
        self.invalidate()

    def addSpacing(self, size: int) -> None:  # noqa: N802
        self._items.append(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))
        self._stretch.append(0)
        self.invalidate()

    def addLayout(self, layout: QLayout, stretch: int = 0) -> None:  # noqa: N802
        """A group kept on one line (as a caption and its field)."""
        self.addChildLayout(layout)
        self._items.append(layout)
        self._stretch.append(stretch)
        self.invalidate()

    def add_pair(self, caption: QWidget, field: QWidget, stretch: int = 0) -> QHBoxLayout:
        pair = QHBoxLayout()
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(caption)
        pair.addWidget(field, 1 if stretch else 0)
        self.addLayout(pair, stretch)
        return pair

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if 0 <= index < len(self._items):
            self._stretch.pop(index)
            return self._items.pop(index)
        return None

    # -- sizes --------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    # No height-for-width: a page's scroll area gives a page that has one the height it prefers (the
    # charts' full height), not the window's. The row asks for the height its lines took at the width
    # it was given last, and asks again when that changes.
    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        height = self._arrange(rect, apply=True)
        if height != self._height:
            self._height = height
            self.invalidate()  # the page lays out again with the row's new height

    def invalidate(self) -> None:
        self._cache = None
        super().invalidate()

    def _sizes(self) -> tuple[QSize, QSize]:
        if self._cache is None:
            shown = [item for item in self._items if not item.isEmpty()]
            # the hint: all on one line, as a QHBoxLayout would ask
            width = sum(item.sizeHint().width() for item in shown) + self._gap() * max(len(shown) - 1, 0)
            height = max((item.sizeHint().height() for item in shown), default=0)
            # the least: as wide as the widest single item, everything else can go on a line of its own
            least = QSize(0, 0)
            for item in shown:
                least = least.expandedTo(item.minimumSize())
            if self._height >= 0:
                height = self._height - self.contentsMargins().top() - self.contentsMargins().bottom()
            self._cache = (QSize(width, height).grownBy(self.contentsMargins()),
                           QSize(least.width(), max(height, least.height())).grownBy(self.contentsMargins()))
        return self._cache

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._sizes()[0]

    def minimumSize(self) -> QSize:  # noqa: N802
        return self._sizes()[1]

    # -- placing ------------------------------------------------------------------------------
    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        gap = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if style is not None else -1
        return gap if gap >= 0 else 6

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        gap = self._gap()
        vgap = gap
        parent = self.parentWidget()
        if parent is not None:
            v = parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing)
            vgap = v if v >= 0 else gap
        lines: list[list[int]] = [[]]
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            if isinstance(item, QSpacerItem) and item.sizeHint().width() == 0 and not lines[-1]:
                continue  # a stretch that opens a line pushes nothing
            width = item.sizeHint().width()
            if lines[-1] and used + gap + width > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(index)
        y = area.y()
        for line in lines:
            if not line:
                continue
            widths = {i: min(self._items[i].sizeHint().width(), area.width()) for i in line}
            widths = {i: max(w, min(self._items[i].minimumSize().width(), area.width())) for i, w in widths.items()}
            room = area.width() - sum(widths.values()) - gap * (len(line) - 1)
            growing = [i for i in line if self._stretch[i] > 0]
            if not growing:  # as QHBoxLayout: with no stretch factors, the expanding items take the room
                growing = [i for i in line if self._items[i].expandingDirections() & Qt.Orientation.Horizontal]
            factor = {i: self._stretch[i] or 1 for i in growing}
            while room > 0 and growing:
                total = sum(factor[i] for i in growing)
                handed = 0
                for i in list(growing):
                    share = room * factor[i] // total
                    cap = self._items[i].maximumSize().width() - widths[i]
                    if share >= cap:
                        share = cap
                        growing.remove(i)
                    widths[i] += share
                    handed += share
                room -= handed
                if handed == 0:
                    break
            height = max(self._items[i].sizeHint().height() for i in line)
            if apply:
                x = area.x()
                for i in line:
                    item = self._items[i]
                    h = height
                    if not (item.expandingDirections() & Qt.Orientation.Vertical):
                        h = min(height, max(item.sizeHint().height(), item.minimumSize().height()))
                    item.setGeometry(QRect(QPoint(x, y + (height - h) // 2), QSize(widths[i], h)))
                    x += widths[i] + gap
            y += height + vgap
        return y - vgap - area.y() + margins.top() + margins.bottom() if y > area.y() else 0


def field_width(field: QWidget, sample: str) -> int:
    """The least width of a text field or list that still shows ``sample`` in the field's font."""
    return field.fontMetrics().horizontalAdvance(sample) + field.fontMetrics().averageCharWidth() * 4
