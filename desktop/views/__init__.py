"""Qt windows, dialogs and item models. Views call services only."""

import sys

if sys.version_info < (3, 12):
    # PySide6/shiboken6 6.12.0 on CPython 3.11 returns None from void methods (setPen, save, stop,
    # …) without taking a reference (and over-releases True/False in some calls): each call lowers
    # the count by one, and after some tens of thousands of calls (minutes of scrolling a painted
    # list) Python aborts with "Fatal Python error: none_dealloc". Python 3.12+ makes these objects
    # immortal; on 3.11 we do the same by giving them a count no session can exhaust. Harmless on
    # fixed PySide versions (pyproject excludes 6.12.0; desktop/views/charts.py guards the same).
    import ctypes

    for _obj in (None, True, False):
        _refcount = ctypes.c_ssize_t.from_address(id(_obj))
        if _refcount.value < 1 << 40:
            _refcount.value += 1 << 60
