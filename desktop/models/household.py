from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Created, Versioned

ONE_HEAD_INDEX = "uq_members_household_head"


class Household(Versioned, Created, Base):
    """A family (户). Head's name and ID are kept here too so the browser can sort and search
    a million households from one indexed table; services keep them in step with members."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(32), unique=True)  # 户编号
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))  # community / village
    address: Mapped[str] = mapped_column(String(256), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    area_type: Mapped[str] = mapped_column(String(8), default="urban")  # rules.codes.AreaType
    single_parent: Mapped[bool] = mapped_column(default=False)
    head_name: Mapped[str] = mapped_column(String(64), default="")
    head_id_number: Mapped[str | None] = mapped_column(String(18))
    head_id_reversed: Mapped[str | None] = mapped_column(String(18))  # for "last N characters" search
    member_count: Mapped[int] = mapped_column(default=0)
    category: Mapped[str] = mapped_column(String(16), default="none")  # rules.codes.Category
    stage: Mapped[str | None] = mapped_column(String(16))  # rules.codes.Stage (monitoring board)
    stage_since: Mapped[date | None] = mapped_column(Date)
    last_assessed_on: Mapped[date | None] = mapped_column(Date)
    last_visited_on: Mapped[date | None] = mapped_column(Date)
    next_visit_due: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    # Kept by the database alone (triggers of migration 0003), never written by the program: the
    # date of the household's first clue (when it was proactively discovered), and the best of its
    # applications (2 one approved, 1 any other, NULL none). The statistics funnel reads them.
    discovered_on: Mapped[date | None] = mapped_column(Date)
    best_application: Mapped[int | None] = mapped_column(SmallInteger)

    __table_args__ = (
        Index(None, "region_id", "id"),
        Index(None, "head_name", "id"),
        Index(None, "head_id_number"),
        Index(None, "head_id_reversed"),
        Index(None, "phone"),
        Index(None, "category", "id"),
        Index(None, "stage", "id"),
        Index(None, "stage", "stage_since"),  # statistics: the households now in a library, newest first
        # statistics: library households per community and whether visited this quarter
        Index(None, "stage", "region_id", "last_visited_on", "id"),
        Index(None, "next_visit_due", "id"),
        Index(None, "last_assessed_on", "id"),
        # statistics: the funnel of the households discovered in a period, from this index alone
        Index("ix_households_discovered", "discovered_on", "region_id", "stage", "last_assessed_on", "best_application",
              sqlite_where=text("discovered_on IS NOT NULL"), postgresql_where=text("discovered_on IS NOT NULL")),
    )


class Member(Versioned, Created, Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    id_reversed: Mapped[str] = mapped_column(String(18))
    relation: Mapped[str] = mapped_column(String(16), default="self")  # rules.codes.Relation
    sex: Mapped[str] = mapped_column(String(2), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(32), default="")
    health: Mapped[str] = mapped_column(String(16), default="healthy")  # rules.codes.Health
    disability: Mapped[str] = mapped_column(String(16), default="none")  # rules.codes.Disability
    disability_grade: Mapped[int] = mapped_column(default=0)  # 0 none, 1..4
    labour_capacity: Mapped[str] = mapped_column(String(16), default="full")  # rules.codes.LabourCapacity
    schooling: Mapped[str] = mapped_column(String(16), default="none")  # rules.codes.Schooling
    employed: Mapped[bool | None]
    union_member: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index(None, "household_id"),
        Index(None, "name"),
        Index(None, "id_reversed"),
        # At most one head (本人) per household, whatever writes: two workstations changing the head at
        # once, an import, a bug. Migration 0009; a save that would break it is a conflict (services.base).
        Index(ONE_HEAD_INDEX, "household_id", unique=True,
              sqlite_where=text("relation = 'self'"), postgresql_where=text("relation = 'self'")),
    )


class Income(Versioned, Base):
    """One income figure of one member for a 12-month period ending on ``period_end``."""

    __tablename__ = "incomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # rules.codes.IncomeKind
    amount: Mapped[Decimal]
    period_end: Mapped[date] = mapped_column(Date)
    exempt: Mapped[bool] = mapped_column(default=False)  # not counted (RULES.md §1.2)
    note: Mapped[str] = mapped_column(String(256), default="")

    __table_args__ = (Index(None, "household_id", "period_end"),)


class Expense(Versioned, Base):
    """A rigid expense of the household for a 12-month period ending on ``period_end``."""

    __tablename__ = "expenses"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # rules.codes.ExpenseKind
    amount: Mapped[Decimal]
    period_end: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(256), default="")

    __table_args__ = (Index(None, "household_id", "period_end"),)
