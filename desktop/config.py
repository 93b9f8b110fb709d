"""Local settings of this workstation, declared in one place with types and defaults.

Kept as JSON in the user's config folder. The database password is never written here: it goes
to the operating system's credential store (keyring) when one is available.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

APP_NAME = "ReliefDesk"
ENV_DATABASE_URL = "RELIEF_DESK_DATABASE_URL"
ENV_DATA_DIR = "RELIEF_DESK_DATA_DIR"  # tests and portable installs
PRECONFIG_FILE = "relief-desk.ini"  # next to the program, written by IT


def data_dir() -> Path:
    return Path(os.environ.get(ENV_DATA_DIR) or user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    return Path(override) / "logs" if override else Path(user_log_dir(APP_NAME, appauthor=False))


def default_sqlite_path() -> Path:
    return data_dir() / "relief-desk.sqlite3"


def workstation_name() -> str:
    try:
        return socket.gethostname()[:128]
    except OSError:
        return "unknown"


def command_line_station() -> str:
    """Where a command-line action came from, for the audit log: the computer and the operating-system
    account that ran the command (the command line has no login of its own, so this is what says who)."""
    try:
        account = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment and no password database (Windows)
        account = ""
    station = f"{workstation_name()} 命令行"
    return (f"{station}({account})" if account else station)[:128]


@dataclass
class Settings:
    database_url: str = ""  # without password; empty = the local SQLite file
    language: str = "zh_CN"
    last_username: str = ""
    first_run_done: bool = False
    extra: dict = field(default_factory=dict)
    # How each staff account left the lists on this workstation: {username: {list name: state}}
    # (the columns shown, their order and widths; see desktop.views.table_model.ColumnChooser).
    views: dict = field(default_factory=dict)
    # The day's automatic copy of the local database: {"enabled": bool, "folder": str ("" = 自动备份 beside the
    # database), "keep": int}; see desktop.services.backup.auto_backup.
    auto_backup: dict = field(default_factory=dict)

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls) -> Settings:
        try:
            raw = json.loads(cls.path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self) -> None:
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(path)


def view_state(username: str, name: str) -> dict | None:
    """What ``username`` last chose for the list ``name`` on this workstation; None: nothing yet."""
    views = Settings.load().views
    mine = views.get(username) if isinstance(views, dict) else None
    state = mine.get(name) if isinstance(mine, dict) else None
    return state if isinstance(state, dict) else None


def save_view_state(username: str, name: str, state: dict | None) -> None:
    """Remember (None: forget) ``username``'s choice for the list ``name``. The file is read afresh,
    so what another part of the program saved meanwhile (the last user name, the database) is kept."""
    settings = Settings.load()
    views = settings.views if isinstance(settings.views, dict) else {}
    mine = views.get(username) if isinstance(views.get(username), dict) else {}
    if state is None:
        mine.pop(name, None)
    else:
        mine[name] = state
    if mine:
        views[username] = mine
    else:
        views.pop(username, None)
    settings.views = views
    settings.save()


def preconfigured_path() -> Path:
    """Where IT may leave ``relief-desk.ini``: next to the program (the working folder from source)."""
    base = Path(sys.executable).parent if getattr(sys, "frozen", False) else Path.cwd()
    return base / PRECONFIG_FILE


def preconfigured_url() -> str:
    """A database URL IT left next to the program (``relief-desk.ini``: ``database_url = ...``)."""
    try:
        for line in preconfigured_path().read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "database_url" and value.strip():
                return value.strip()
    except OSError:
        pass
    return ""
