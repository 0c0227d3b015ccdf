"""Timetables kept in the workspace: the imported problem as JSON, placements as rows.

The problem (days, hours, teachers, students, activities, constraints) is stored whole as
JSON because it round-trips to FET and changes as one piece; placements are rows so the
app and the calendar can query and lock single lessons.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.models.base import Base, utcnow


class Timetable(Base):
    __tablename__ = "timetable"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300), default="")  # e.g. the .fet file's name
    problem_json: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft|solved|partial
    penalty: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    placements: Mapped[list[TimetablePlacement]] = relationship(
        back_populates="timetable", cascade="all, delete-orphan", order_by="TimetablePlacement.activity_id"
    )


class TimetablePlacement(Base):
    """Where one activity (FET id) sits: day and hour indexes, room name, lock flag."""

    __tablename__ = "timetable_placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    timetable_id: Mapped[int] = mapped_column(ForeignKey("timetable.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    hour: Mapped[int] = mapped_column(Integer)
    room: Mapped[str] = mapped_column(String(100), default="")
    locked: Mapped[bool] = mapped_column(Boolean, default=False)

    timetable: Mapped[Timetable] = relationship(back_populates="placements")

    __table_args__ = (UniqueConstraint("timetable_id", "activity_id", name="timetable_activity"),)
