"""Filling a combo box again (the choices changed: regions added or moved, a department's first list)
without losing what the user chose."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QComboBox, QWidget


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


def choose(combo: QComboBox, data: object) -> bool:
    """Choose the item whose data is ``data``; False when there is none (the choice is left as it was).
    Compared in Python: findData does not find a tuple (the clue inbox's statuses)."""
    for index in range(combo.count()):
        if combo.itemData(index) == data:
            combo.setCurrentIndex(index)
            return True
    return False


@contextmanager
def quietly(*widgets: QWidget) -> Iterator[None]:
    """Set several filters at once without each change loading the list again: the caller loads it once after."""
    blocked = [w.blockSignals(True) for w in widgets]
    try:
        yield
    finally:
        for w, was in zip(widgets, blocked, strict=True):
            w.blockSignals(was)
