"""The conftest lets go of modifier keys a test left held in Qt's view of the keyboard, so one test's
Ctrl does not turn a later test's click into Ctrl+click (these two tests run in this order)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit


def test_a_test_that_leaves_keys_held(qtbot) -> None:  # noqa: ANN001
    edit = QLineEdit()
    qtbot.addWidget(edit)
    held_down = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                 | Qt.KeyboardModifier.AltModifier)
    QTest.keyPress(edit, Qt.Key.Key_A, held_down)  # pressed, never released
    held = QGuiApplication.keyboardModifiers()
    assert held & Qt.KeyboardModifier.ControlModifier
    assert held & Qt.KeyboardModifier.ShiftModifier
    assert held & Qt.KeyboardModifier.AltModifier


def test_the_next_test_starts_with_no_key_held(qtbot) -> None:  # noqa: ANN001
    assert QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
