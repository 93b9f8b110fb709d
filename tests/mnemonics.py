"""Keyboard checks shared by the view tests."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)


def duplicate_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys that more than one visible, enabled label, button or tab of ``window`` claims
    (Alt then only moves between them instead of doing what the user asked). A tab's key works
    whichever tab is shown: every tab of a visible tab bar counts."""
    claimed: dict[str, list[str]] = defaultdict(list)
    for child in window.findChildren(QWidget):
        if not child.isVisibleTo(window) or not child.isEnabled():
            continue
        if isinstance(child, QLabel) and child.textFormat() != Qt.TextFormat.RichText:
            texts = [child.text()]
        elif isinstance(child, QAbstractButton):
            texts = [child.text()]
        elif isinstance(child, QTabBar):
            texts = [child.tabText(i) for i in range(child.count()) if child.isTabEnabled(i)]
        elif isinstance(child, QGroupBox):
            texts = [child.title()]
        else:
            continue
        for text in texts:
            match = re.search(r"&([^&\s])", text.replace("&&", ""))
            if match:
                claimed[match.group(1).upper()].append(text)
    return {key: texts for key, texts in claimed.items() if len(texts) > 1}


def tabs_without_alt_key(window: QWidget) -> list[str]:
    """The tabs of ``window``'s visible tab bars that no Alt+letter reaches."""
    return [bar.tabText(i) for bar in window.findChildren(QTabBar) if bar.isVisibleTo(window)
            for i in range(bar.count()) if not re.search(r"&[^&\s]", bar.tabText(i).replace("&&", ""))]


def fields_without_alt_key(window: QWidget) -> list[str]:
    """The visible, enabled fields of ``window`` that no Alt+letter reaches: a radio button or check box
    without a mnemonic of its own, or a box whose label has none (or is no buddy of it). The check boxes
    of a group box whose title has an Alt key count as reached: it goes to the first, Tab on through
    the list. A read-only text (a detail pane) is no field."""
    reached: set[int] = set()
    for label in window.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and "&" in label.text().replace("&&", ""):
            reached.add(id(buddy))
            if buddy.focusProxy() is not None:
                reached.add(id(buddy.focusProxy()))
    for box in window.findChildren(QGroupBox):
        if not box.isCheckable() and re.search(r"&[^&\s]", box.title().replace("&&", "")):
            reached.update(id(check) for check in box.findChildren(QCheckBox))
    def own_key(button: QAbstractButton) -> bool:
        return id(button) in reached or bool(re.search(r"&[^&\s]", button.text().replace("&&", "")))

    missing = []
    for child in window.findChildren(QWidget):
        if not child.isVisibleTo(window) or not child.isEnabled():
            continue
        if isinstance(child.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside an editable combo box or a date box
        if isinstance(child, QRadioButton):  # the arrow keys move between the radio buttons of one box
            siblings = [r for r in child.parentWidget().findChildren(QRadioButton)
                        if r.parentWidget() is child.parentWidget() and r.autoExclusive()]
            if not own_key(child) and not (child.autoExclusive() and any(own_key(r) for r in siblings)):
                missing.append(child.text())
        elif isinstance(child, QCheckBox):
            if not own_key(child):
                missing.append(child.text())
        elif isinstance(child, (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit)):
            if isinstance(child, (QPlainTextEdit, QTextEdit)) and child.isReadOnly():
                continue
            if id(child) not in reached:
                missing.append(f"{type(child).__name__} {child.objectName() or child.toolTip()}".strip())
    return missing
