"""Closing a form without saving: what was typed is not thrown away without a word."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.views.keys import text_box


def asked_yes(parent: QWidget | None, title: str, question: str) -> bool:
    """A Yes/No question before something that is not undone: True on Yes. No is the default
    button, so an Enter pressed out of habit (the form before it ended with Enter) changes nothing;
    QMessageBox.question left to itself makes Yes the default."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def discard_confirmed(dialog: QDialog, changed: bool, question: str = "") -> bool:
    """Esc, Cancel or the window's close button on ``dialog``: True when nothing was typed
    (``changed`` False), or the user agrees to discard it (``question``, or a general one)."""
    if not changed:
        return True
    return asked_yes(dialog, dialog.windowTitle(),
                     question or QCoreApplication.translate("Confirm", "Discard your changes?"))


def confirmed(parent: QWidget | None, title: str, question: str, yes: str, no: str, *,
              ends: SignalInstance | None = None) -> bool:
    """A question with two named answers: True when ``yes`` is chosen. ``no`` is the safe answer:
    the default button, and Esc's. ``ends``: a signal that takes the question away unanswered (the
    work asked about has ended meanwhile), which then counts as ``no``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    if ends is not None:
        ends.connect(box.reject)  # undone with the box
    box.exec()
    box.deleteLater()
    return box.clickedButton() is yes_button


def input_state(widget: QWidget) -> tuple:
    """What the user can have typed or chosen in ``widget``'s fields, in a comparable form."""
    state: list[object] = []
    window = widget.window()
    for child in widget.findChildren(QWidget):
        if child.window() is not window:  # a date edit's calendar or a list's popup, made when first opened
            continue
        if isinstance(child, QDateEdit):
            state.append(child.date().toString("yyyy-MM-dd"))
        elif isinstance(child, QSpinBox):
            state.append(child.value())
        elif isinstance(child, QLineEdit) and not isinstance(child.parent(), (QAbstractSpinBox, QComboBox)):
            state.append(child.text())
        elif isinstance(child, QPlainTextEdit):
            state.append(child.toPlainText())
        elif isinstance(child, QComboBox):
            state.append(child.currentIndex())
        elif isinstance(child, QAbstractButton) and child.isCheckable():
            state.append(child.isChecked())
    return tuple(state)


class FormDialog(QDialog):
    """A dialog of fields: Esc, Cancel or the close button asks before throwing away what was typed
    since it was shown (discard_confirmed); a dialog closed untouched closes without a question.

    What counts as typed is :meth:`state`: every field's content by default; a form with its own
    reading of its fields returns that instead. :meth:`mark_unchanged` takes the state to compare
    with (done on first showing unless the form did it itself, e.g. after loading a record)."""

    _opened: object = None
    discard_question = ""  # the question asked; empty: discard_confirmed's own

    def state(self) -> object:
        return input_state(self)

    def mark_unchanged(self) -> None:
        self._opened = self.state()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._opened is None:
            self.mark_unchanged()
        super().showEvent(event)

    def reject(self) -> None:  # Esc, Cancel, the window's close button
        if discard_confirmed(self, self._opened is not None and self.state() != self._opened, self.discard_question):
            super().reject()


class ReasonDialog(FormDialog):
    """Asks why (a card's move, a visit withdrawn): a sentence saying what happens, the reason typed
    below it; OK only with a reason. :meth:`build` lays it out with the caller's (translated) words."""

    def build(self, title: str, text: str, caption: str, placeholder: str) -> None:
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        caption_label = QLabel(caption)
        layout.addWidget(caption_label)
        self.reason_edit = text_box()
        self.reason_edit.setPlaceholderText(placeholder)
        caption_label.setBuddy(self.reason_edit)
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.reason_edit.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason().strip())))
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()
