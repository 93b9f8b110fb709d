"""Errors a user may see. Their text is a complete, plain sentence in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ServiceError(Exception):
    """A known problem: shown as a plain message, never as a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionDenied(ServiceError):
    pass


class AccountChanged(PermissionDenied):
    """The account acting was stopped, removed, or given another role or region since it logged in:
    the window must log in again rather than go on with the old rights."""


class NotFound(ServiceError):
    pass


class ValidationFailed(ServiceError):
    """Bad input; ``problems`` maps a field (or "row N, column X") to what is wrong."""

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


class ConflictError(ServiceError):
    """Someone else saved the record first (optimistic locking)."""

    def __init__(self, info: ConflictInfo) -> None:
        when = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if info.saved_at else "未知时间"
        super().__init__(f"该记录已被 {info.saved_by} 于 {when} 修改并保存,本次没有保存。您填写的内容仍在窗口中;请刷新,核对对方的修改后再决定如何保存。")
        self.info = info


class DatabaseUnavailable(ServiceError):
    """The database cannot be reached (server down, network cut, file gone or locked). The next
    action reconnects by itself once it is back."""


class DatabaseBusy(ServiceError):
    """Another workstation's transaction stood in the way (deadlock, serialisation failure, lock
    wait): nothing was saved and trying again normally succeeds."""


class SchemaTooNew(ServiceError):
    pass
