"""Shared declarative base, column types and mixins for every table."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import JSON, DateTime, Integer, MetaData, Numeric, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CENT = Decimal("0.01")


def now_utc() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps on both databases: stored as UTC, read back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a timezone-aware column")
        value = value.astimezone(UTC)
        if getattr(dialect, "name", "") == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Money(TypeDecorator[Decimal]):
    """Yuan with two decimal places, always a Decimal in Python."""

    impl = Numeric(14, 2)
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | str | None, dialect: object) -> Decimal | None:
        if value is None:
            return None
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)

    def process_result_value(self, value: object, dialect: object) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), Decimal: Money(), dict: JSON, list: JSON}


class Versioned:
    """Optimistic locking: the version column, and who saved last and when (for conflict messages)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now_utc, onupdate=now_utc)

    # The user id of the last writer (no foreign key: users and regions refer to each other).
    updated_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805
        return {"version_id_col": cls.version}


class Created:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=now_utc)

    created_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


__all__ = ["Base", "Created", "Money", "UTCDateTime", "Versioned", "now_utc", "DateTime"]
