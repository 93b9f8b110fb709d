"""Keys in forms: Enter in a search box searches, and only that; Tab leaves a box of several lines; a
rebuilt row of buttons does not claim its Alt keys twice.

A line edit or list in a dialog lets Enter through to the dialog, which presses its default button
(Save, OK, Accept, Next). In a search box that would save a half-filled form, or accept an
application for whichever household happened to match first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLayout, QPlainTextEdit, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterOnly(QObject):
    def __init__(self, widget: QWidget, action: Callable[[], object]) -> None:
        super().__init__(widget)
        self.action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER:
            self.action()
            return True  # not passed on to the dialog's default button
        return False


def enter_runs(widget: QWidget, action: Callable[[], object]) -> None:
    """Enter (or keypad Enter) in ``widget`` runs ``action`` and goes no further."""
    widget.installEventFilter(_EnterOnly(widget, action))


class _TextBox(QPlainTextEdit):
    def __init__(self, text: str, lines: int | None) -> None:
        super().__init__(text)
        self.lines = lines

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        if self.lines is None:
            return hint
        margins = self.contentsMargins()
        height = self.fontMetrics().lineSpacing() * self.lines + 2 * int(self.document().documentMargin())
        return QSize(hint.width(), height + margins.top() + margins.bottom())


def text_box(text: str = "", lines: int | None = None) -> QPlainTextEdit:
    """A field of several lines in a form. Tab moves on to the next field, as from every other field;
    a plain QPlainTextEdit typed a tab character instead, and the keyboard could not get past it to
    the fields and buttons below (Enter still starts a new line). ``lines``: the height it asks for
    (it still grows where the form has the room); Qt's own asks for 192 pixels, which a form that
    scrolls on a small screen (views.screens) then scrolled for even where the room was there."""
    box = _TextBox(text, lines)
    box.setTabChangesFocus(True)
    return box


def clear_layout(layout: QLayout, keep: tuple[QWidget, ...] = ()) -> None:
    """Empty ``layout`` for a rebuild, deleting its widgets but those in ``keep``. Each is hidden at
    once: one waiting for deleteLater still counted as shown, so until the event loop came round its
    Alt key was claimed twice (the old button and its rebuilt copy) and only moved between them."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None and widget not in keep:
            widget.hide()
            widget.deleteLater()


def shortcut_for(button: QAbstractButton, key: QKeySequence | QKeySequence.StandardKey | str) -> None:
    """``key`` (Ctrl+N, F5 …) presses ``button`` too, while the button is shown and enabled, and its tool
    tip names the key. QAbstractButton.setShortcut instead replaced the Alt key of the button's text: 新建评估(&N)
    showed an underlined N that Alt+N no longer reached, and nothing on screen told of Ctrl+N."""
    sequence = QKeySequence(key)
    action = QAction(button)
    action.setShortcut(sequence)
    action.triggered.connect(lambda: button.click() if button.isVisible() and button.isEnabled() else None)
    button.addAction(action)  # a window shortcut, live only while the button (its page) is shown
    shown = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{button.toolTip()} ({shown})" if button.toolTip() else shown)


def leads_to(container: QWidget, field: QWidget) -> None:
    """The Alt key of ``container``'s label (a row of check boxes, a search box with its list) goes to
    ``field``. A focus proxy alone did nothing: a label gives its buddy the focus only when the buddy takes
    focus, and a plain QWidget takes none, so Alt and the letter stayed where they were. Tab passes over a
    widget with a focus proxy: the order of Tab is unchanged."""
    container.setFocusProxy(field)
    container.setFocusPolicy(field.focusPolicy())
