"""Windows and dialogs that fit the screen they open on.

Office laptops are often 1366×768 at 125 % or 150 % scaling: about 580 or 480 logical pixels above the
taskbar. A dialog opened at its designed size (640 pixels tall and more) hung past the bottom of such a
screen, its Save and Cancel buttons out of reach. :func:`fit_size` gives a window its designed size or
the room there is, whichever is less; :func:`scrolling_body` gives a form whose fields need more height
than some screens have a scrolling area for them, built so from the start, its buttons kept below it on
screen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QVBoxLayout, QWidget

# What the title bar and frame add to the size given to resize(), at least (before the window is
# shown, its frame is not known yet).
FRAME_EXTRA = QSize(16, 40)


def screen_of(window: QWidget) -> QScreen | None:
    """The screen ``window`` is on (shown) or opens on (its parent's window's; else the primary).

    Found through QGuiApplication's own functions, never ``window.screen()``: PySide makes the one
    Python object of a screen the child of the widget that asked for it last (its return-value
    heuristic), so two dialogs that had asked and then went in one collection of Python's garbage
    (each in a reference cycle) damaged the screen, and the next dialog built crashed the program
    (segfault in QScreen::virtualSiblings under QDialog's constructor; PySide6 6.11)."""
    parent = window.parentWidget()
    top = window.window() if window.isVisible() or parent is None else parent.window()
    screen = QGuiApplication.screenAt(top.geometry().center()) if top.isVisible() else None
    return screen or QGuiApplication.primaryScreen()


def available_room(window: QWidget) -> QSize | None:
    """The size above the taskbar of the screen ``window`` opens on (its parent's, else the primary)."""
    screen = screen_of(window)
    return None if screen is None else screen.availableGeometry().size()


def fit_size(window: QWidget, wanted: QSize) -> QSize:
    """``wanted``, or less on a smaller screen: the room of the screen the window opens on (its parent's,
    else the primary screen) less its frame."""
    room = available_room(window)
    if room is None:
        return wanted
    frame = window.frameGeometry().size() - window.geometry().size()
    extra = QSize(max(frame.width(), FRAME_EXTRA.width()), max(frame.height(), FRAME_EXTRA.height()))
    return wanted.boundedTo(room - extra)


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """``window.resize(width, height)``, bounded by the screen's room (:func:`fit_size`)."""
    window.resize(fit_size(window, QSize(width, height)))


def scrolling_body(outer: QBoxLayout) -> QVBoxLayout:
    """A frameless scrolling area added to ``outer`` (stretching), and the layout of its content: the
    form's fields go there, its message and buttons into ``outer`` after it, always on screen. Where
    the screen has the room, it looks as the fields laid out directly in ``outer`` did."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own before the first field
    content = QWidget()
    content.setObjectName("scrollingBody")
    area.setWidget(content)
    body = QVBoxLayout(content)
    body.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area, 1)
    return body


def resize_to_content(window: QWidget, body: QVBoxLayout) -> None:
    """The window as tall as its :func:`scrolling_body` needs to show every field without scrolling
    (a scrolling area asks for less), bounded by the screen's room."""
    content = body.parentWidget()
    viewport = content.parentWidget() if content is not None else None
    area = viewport.parentWidget() if viewport is not None else None
    hint = window.sizeHint()
    more = content.sizeHint().height() - area.sizeHint().height() if isinstance(area, QScrollArea) else 0
    resize_to_fit(window, hint.width(), hint.height() + max(more, 0))
