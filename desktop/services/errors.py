"""Errors a user may see. Their text is a complete, plain sentence in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ServiceError(Exception):
    """A known problem: shown as a plain message, never as a traceback.

    ``code`` is a short, stable English key for scripts (the command line's ``--json`` prints it
    beside the message): each kind of refusal has its own class default, and a refusal raised as a
    plain ServiceError may name its own (``ServiceError(message, code="invalid_file")``)."""

    code = "refused"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


# The codes a plain ServiceError names for itself (the classes below have theirs).
INVALID_FILE = "invalid_file"  # a file to read (a list, a backup) is missing, unreadable or not what it should be
NOT_WRITTEN = "not_written"  # a file to write could not be written
ALREADY_IMPORTED = "already_imported"  # the same file was imported before


class PermissionDenied(ServiceError):
    code = "permission"


class AccountChanged(PermissionDenied):
    """The account acting was stopped, removed, or given another role or region since it logged in:
    the window must log in again rather than go on with the old rights."""


class NotFound(ServiceError):
    code = "not_found"


class ValidationFailed(ServiceError):
    """Bad input; ``problems`` maps a field (or "row N, column X") to what is wrong."""

    code = "invalid_input"

    def __init__(self, message: str, problems: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or {}


@dataclass
class ConflictInfo:
    entity: str
    entity_id: int
    saved_by: str
    saved_at: datetime | None
    current: dict = field(default_factory=dict)


UNKNOWN_SAVER = "另一位用户"  # ConflictInfo.saved_by when no account is recorded for the save


class ConflictError(ServiceError):
    """Someone else saved the record first (optimistic locking)."""

    code = "conflict"

    def __init__(self, info: ConflictInfo, doing: str = "保存") -> None:
        when = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if info.saved_at else "未知时间"
        if doing == "保存":
            text = (f"该记录已被 {info.saved_by} 于 {when} 修改并保存,本次没有保存。您填写的内容仍在窗口中;"
                    "请刷新,核对对方的修改后再决定如何保存。")
        else:  # a deletion: nothing was typed to keep; the record is named
            text = (f"“{info.entity}”已被 {info.saved_by} 于 {when} 修改并保存,本次没有{doing}。"
                    f"请刷新,核对对方的修改后再决定是否{doing}。")
        super().__init__(text)
        self.info = info
        self.doing = doing

    def command_line_message(self) -> str:
        """The refusal as the command line says it: no window holds what was typed, the record is named."""
        info = self.info
        when = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if info.saved_at else "未知时间"
        what = f"“{info.entity}”(编号 {info.entity_id})" if info.entity else "该记录"
        # saved by nobody known (an account's save names it): the command line's own, or unknown
        by = (f"被 {info.saved_by} 于 {when} " if info.saved_by != UNKNOWN_SAVER
              else "在另一台电脑、另一个窗口或另一条命令中" + (f"于 {when} " if info.saved_at else ""))
        return f"{what}刚{by}修改并保存,本次没有{self.doing}(没有做任何改动);请重新查看后再执行。"


class DatabaseUnavailable(ServiceError):
    """The database cannot be reached (server down, network cut, file gone or locked). The next
    action reconnects by itself once it is back."""

    code = "database_unavailable"


class DatabaseBusy(ServiceError):
    """Another workstation's transaction stood in the way (deadlock, serialisation failure, lock
    wait): nothing was saved and trying again normally succeeds."""

    code = "database_busy"


class SchemaTooNew(ServiceError):
    code = "schema_too_new"
