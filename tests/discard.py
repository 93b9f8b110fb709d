"""The check shared by the view tests of forms that ask before throwing away what was typed
(desktop/views/confirm.py FormDialog)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

Case = tuple[Callable[[], QDialog], Callable[[Any], object]]


def check_discard_question(qtbot: Any, monkeypatch: Any, cases: Sequence[Case]) -> None:  # noqa: ANN401
    """For each (make the form, type into it): Esc on an untouched form closes it without a
    question; after typing, Esc asks, No keeps the form open with the input, Yes closes it unsaved."""
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    for make, type_in in cases:
        asked.clear()
        untouched = make()
        qtbot.addWidget(untouched)
        untouched.show()
        qtbot.keyClick(untouched, Qt.Key.Key_Escape)
        name = type(untouched).__name__
        assert not untouched.isVisible() and asked == [], name
        form = make()
        qtbot.addWidget(form)
        form.show()
        type_in(form)
        answer[0] = QMessageBox.StandardButton.No
        qtbot.keyClick(form, Qt.Key.Key_Escape)
        assert form.isVisible() and len(asked) == 1, name  # kept open, the input still there
        answer[0] = QMessageBox.StandardButton.Yes
        qtbot.keyClick(form, Qt.Key.Key_Escape)
        assert not form.isVisible() and form.result() == 0 and len(asked) == 2, name
