from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, UTCDateTime, Versioned, now_utc


class CalendarDay(Versioned, Base):
    """An administrator-entered day off (``workday`` False) or make-up working day (True)."""

    __tablename__ = "calendar_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    workday: Mapped[bool]
    note: Mapped[str] = mapped_column(String(128), default="")


class CalendarYear(Versioned, Base):
    """A year whose whole schedule an administrator has entered (the days above are complete)."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    note: Mapped[str] = mapped_column(String(256), default="")


class AppSetting(Versioned, Base):
    """Shared settings kept in the database (e.g. the date the commitment track started)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON)


class AuditEntry(Base):
    """Who did what, when, from which workstation, with the values before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now_utc)
    user_id: Mapped[int | None]
    username: Mapped[str] = mapped_column(String(64), default="")
    workstation: Mapped[str] = mapped_column(String(128), default="")
    action: Mapped[str] = mapped_column(String(48))
    entity: Mapped[str] = mapped_column(String(48), default="")
    entity_id: Mapped[int | None]
    household_id: Mapped[int | None]
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    detail: Mapped[str] = mapped_column(Text, default="")

    # Ids never reused on SQLite (migration 0012): an entry's id, and the ids it names, stay its own.
    __table_args__ = (Index(None, "entity", "entity_id"), Index(None, "household_id"), Index(None, "at"),
                      {"sqlite_autoincrement": True})
