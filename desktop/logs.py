"""Log file in the user's data folder; used by the command line and the window alike."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desktop import config
from desktop.rules.idcard import mask_in_text


class MaskingFormatter(logging.Formatter):
    """Log lines with ID numbers masked: a traceback quoting a database error carries the values it was
    writing, and the log file is read outside the program's access control (RULES.md §4)."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_in_text(super().format(record))


def log_file() -> Path:
    """Where the log is written: the file in use once logging is set up, else where it will be."""
    for handler in logging.getLogger("relief_desk").handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return config.log_dir() / "relief-desk.log"


def setup_logging() -> Path:
    """Send warnings and errors to a rotating log file. Returns its path (or a temp path if unwritable)."""
    root = logging.getLogger("relief_desk")
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    path = config.log_dir() / "relief-desk.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir()) / "relief-desk.log"
        handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # The PostgreSQL driver's own warnings ("error ignored terminating <psycopg.Pipeline …>" after the
    # server closed the connection) go to the log too, not in English onto a user's screen beside the
    # program's own message (Python prints a library's warnings on stderr when nothing takes them).
    logging.getLogger("psycopg").addHandler(handler)
    return path
