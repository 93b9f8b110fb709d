"""Filling a combo box again (the choices changed: regions added or moved, a department's first list)
without losing what the user chose."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, items: Iterable[tuple[str, object]]) -> bool:
    """Replace the combo's items by ``items`` (text, data), keeping the item chosen (by its data)
    without signalling. False when it is gone: the first item is chosen instead."""
    kept = combo.currentData()
    blocked = combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(kept) if kept is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(blocked)
    return index >= 0
