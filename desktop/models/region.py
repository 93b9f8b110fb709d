from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, Versioned


class Region(Versioned, Base):
    """District → sub-district/town → community/village.

    ``path`` is the materialised path of ids, each written with eight digits
    ("/00000001/00000004/00000017/", :func:`child_path`): a subtree is ``path LIKE '/00000001/00000004/%'``,
    and ordering by ``path`` puts parents before children and children in the order they were added
    (unpadded, "/1/10/" sorted before "/1/2/").
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


PATH_DIGITS = 8


def child_path(parent_path: str, region_id: int) -> str:
    """The path of region ``region_id`` under the region whose path is ``parent_path`` ("" for the top)."""
    return f"{parent_path or '/'}{region_id:0{PATH_DIGITS}d}/"
