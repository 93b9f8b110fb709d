"""Keyboard checks shared by the view tests."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget


def duplicate_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys that more than one visible, enabled label or button of ``window`` claims
    (Alt then only moves between them instead of doing what the user asked)."""
    claimed: dict[str, list[str]] = defaultdict(list)
    for child in window.findChildren(QWidget):
        if not child.isVisibleTo(window) or not child.isEnabled():
            continue
        if isinstance(child, QLabel) and child.textFormat() != Qt.TextFormat.RichText:
            text = child.text()
        elif isinstance(child, QAbstractButton):
            text = child.text()
        else:
            continue
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            claimed[match.group(1).upper()].append(text)
    return {key: texts for key, texts in claimed.items() if len(texts) > 1}
