from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Created, UTCDateTime, Versioned


class Clue(Versioned, Created, Base):
    """A lead about a household in hardship (线索)."""

    __tablename__ = "clues"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    person_name: Mapped[str] = mapped_column(String(64), default="")
    id_number: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(256), default="")
    source_level: Mapped[str] = mapped_column(String(16))  # rules.codes.SourceLevel
    source: Mapped[str] = mapped_column(String(32))  # key of INFORMANT/VERTICAL/DEPARTMENT_LABELS
    channel: Mapped[str | None] = mapped_column(String(16))  # key of CHANNEL_LABELS
    reported_on: Mapped[date] = mapped_column(Date)
    reported_by: Mapped[str] = mapped_column(String(64), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="new")  # new/assigned/investigating/closed
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))  # assigned to
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(String(16))  # class_2/passed/not_passed/not_hardship
    closed_on: Mapped[date | None] = mapped_column(Date)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    # Where the clue counts in statistics: its household's region, or its own without a household.
    # Kept by the database (migration 0002), like the region copies of applications and moves.
    scope_region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))

    __table_args__ = (
        Index(None, "status", "region_id"),
        Index(None, "id_number"),
        # Statistics, read from these indexes alone: discovered households in household order (all,
        # or per region); discoveries by source and channel.
        Index(None, "household_id", "reported_on"),
        Index(None, "scope_region_id", "household_id", "reported_on"),
        Index(None, "source_level", "source", "channel", "reported_on", "scope_region_id"),
        # Ids never reused on SQLite (migration 0012): undoing an import deletes the newest clues, and
        # the audit log's "clue 123" must not come to name the next import's clue.
        {"sqlite_autoincrement": True},
    )


class ImportBatch(Created, Base):
    """One imported spreadsheet: a department list or a household register."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # department / households
    department: Mapped[str | None] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(256))
    file_hash: Mapped[str] = mapped_column(String(64))
    # What the list holds, whatever file it came in (migration 0010; services.department_import.ContentHash):
    # the same list saved again by Excel, or exported as .xls or CSV, is the same list. None for older batches.
    content_hash: Mapped[str | None] = mapped_column(String(64))
    sheet: Mapped[str] = mapped_column(String(128), default="")
    header_row: Mapped[int] = mapped_column(default=1)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    imported_by: Mapped[str] = mapped_column(String(64), default="")

    # one batch per sheet of a file (migration 0004): a workbook with a list per sheet is imported sheet by sheet
    __table_args__ = (
        Index(None, "kind", "file_hash", "sheet", unique=True),
        # one batch per content and kind (migration 0010): two workstations importing the same list at once
        Index(None, "kind", "content_hash", unique=True),
        {"sqlite_autoincrement": True},  # ids never reused on SQLite (migration 0012), as clues
    )


class ImportRow(Base):
    """A data row of a department list with what screening made of it."""

    __tablename__ = "import_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    row_number: Mapped[int]  # 1-based row in the source sheet
    name: Mapped[str] = mapped_column(String(64), default="")
    id_number: Mapped[str | None] = mapped_column(String(18))
    raw_id: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[str] = mapped_column(String(16))  # in_assistance/known/new/invalid/duplicate
    reason: Mapped[str | None] = mapped_column(String(32))
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    __table_args__ = (Index(None, "batch_id", "row_number"), {"sqlite_autoincrement": True})  # as clues


class ColumnMapping(Versioned, Base):
    """The column mapping last used for a department, offered again next time."""

    __tablename__ = "column_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    department: Mapped[str] = mapped_column(String(32), unique=True)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
