"""Qt windows, dialogs and item models. Views call services only."""

import sys

if sys.version_info < (3, 12):
    # PySide6/shiboken6 6.12.0 on CPython 3.11 returns None from every void method (setPen, save,
    # stop, …) without taking a reference: each call lowers None's reference count by one, and after
    # some tens of thousands of calls (a few minutes of scrolling a painted list) Python aborts with
    # "Fatal Python error: none_dealloc". Python 3.12+ makes None immortal; on 3.11 we do the same
    # by giving it a reference count no session can exhaust. Harmless on fixed PySide versions.
    import ctypes

    _refcount = ctypes.c_ssize_t.from_address(id(None))
    if _refcount.value < 1 << 40:
        _refcount.value += 1 << 60
