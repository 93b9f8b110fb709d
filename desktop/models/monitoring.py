from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Created, UTCDateTime, Versioned

# A move into or out of the library (class I, class II, in assistance): rules.codes.Stage values.
LIBRARY_MOVE = ("to_stage IN ('class_1', 'class_2', 'assisted') "
                "OR from_stage IN ('class_1', 'class_2', 'assisted')")


class LibraryMove(Created, Base):
    """A move of a household between board stages (库别调整), with who, when and why."""

    __tablename__ = "library_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    from_stage: Mapped[str | None] = mapped_column(String(16))
    to_stage: Mapped[str | None] = mapped_column(String(16))
    moved_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))  # the household's (REGION_COPY)

    __table_args__ = (
        Index(None, "household_id", "moved_on"),
        Index(None, "moved_on"),
        # Statistics: library sizes per month read the moves into or out of the library from these
        # partial indexes alone (a query names LIBRARY_MOVE word for word to use them).
        Index(None, "moved_on", "from_stage", "to_stage", sqlite_where=text(LIBRARY_MOVE),
              postgresql_where=text(LIBRARY_MOVE)),
        Index(None, "region_id", "moved_on", "from_stage", "to_stage", sqlite_where=text(LIBRARY_MOVE),
              postgresql_where=text(LIBRARY_MOVE)),
    )


class Visit(Versioned, Created, Base):
    """A quarterly visit (走访)."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    visited_on: Mapped[date] = mapped_column(Date)
    visitors: Mapped[str] = mapped_column(String(128), default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16), default="unchanged")  # unchanged/changed/eligible

    __table_args__ = (Index(None, "household_id", "visited_on"), Index(None, "visited_on"))


class Referral(Versioned, Created, Base):
    """A referral to another department (转介)."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    department: Mapped[str] = mapped_column(String(32))  # key of DEPARTMENT_LABELS
    need: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="sent")  # sent/received/done/declined
    sent_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    feedback: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))  # the household's (REGION_COPY)

    __table_args__ = (
        Index(None, "household_id"),
        Index(None, "department", "status"),
        Index(None, "region_id", "sent_on", "department", "status"),  # statistics per region, index only
    )
