from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Versioned


class Region(Versioned, Base):
    """District → sub-district/town → community/village.

    ``path`` is the materialised path of ids ("/1/4/17/"): a subtree is ``path LIKE '/1/4/%'``.
    """

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(16))  # rules.codes.RegionLevel
    area_type: Mapped[str] = mapped_column(String(8), default="urban")  # rules.codes.AreaType
    path: Mapped[str] = mapped_column(String(128), default="")

    __table_args__ = (Index(None, "path"), Index(None, "parent_id", "name"))
