"""Qt windows, dialogs and item models. Views call services only."""

import ctypes
import sys

import shiboken6

# PySide6/shiboken6 6.12.0 on CPython < 3.12 drops one reference to None/True/False on many void
# calls (setPen, setText, QGraphicsItem.setVisible, ...). Painted lists and pyqtgraph make tens of
# thousands of them, a count reaches zero and the interpreter aborts ("none_dealloc",
# "bool_dealloc"), at the latest on exit. Python 3.12 made these singletons immortal (PEP 683) and
# PySide6 6.11 has no such bug (pyproject excludes 6.12.0). Where the leaky combination is
# installed anyway, give the three singletons the same effectively-immortal count 3.12 gives them.
_LEAKY_BINDING = (sys.version_info < (3, 12) and sys.implementation.name == "cpython"
                  and shiboken6.__version__.startswith("6.12."))
_IMMORTAL = 1 << 40


def guard_refcounts() -> None:
    """Make None, True and False effectively immortal when running on the leaky binding."""
    if not _LEAKY_BINDING:
        return
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, the first field of a PyObject
        if count.value < _IMMORTAL:
            count.value += _IMMORTAL


guard_refcounts()
