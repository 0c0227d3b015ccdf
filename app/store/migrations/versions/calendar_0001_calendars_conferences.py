"""calendars and conferences: days off, calendar events, conference days/requests/bookings

Revision ID: calendar_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "calendar_0001"
down_revision = "0001"
branch_labels = ("calendar",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_day_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_day_off")),
    )
    op.create_table(
        "calendar_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("owner_staff_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("start_local", sa.DateTime(), nullable=False),
        sa.Column("end_local", sa.DateTime(), nullable=False),
        sa.Column("tzid", sa.String(length=64), nullable=False),
        sa.Column("rrule", sa.String(length=200), nullable=False),
        sa.Column("repeat_until", sa.Date(), nullable=True),
        sa.Column("skip_days_off", sa.Boolean(), nullable=False),
        sa.Column("exdates", sa.JSON(), nullable=False),
        sa.Column("alarms_minutes", sa.JSON(), nullable=False),
        sa.Column("student_ids", sa.JSON(), nullable=False),
        sa.Column("busy", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_staff_id"], ["staff.id"],
            name=op.f("fk_calendar_event_owner_staff_id_staff"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_event")),
        sa.UniqueConstraint("uid", name=op.f("uq_calendar_event_uid")),
    )
    op.create_table(
        "conference_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=False),
        sa.Column("end_time", sa.String(length=5), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("passing_minutes", sa.Integer(), nullable=False),
        sa.Column("breaks", sa.JSON(), nullable=False),
        sa.Column("max_consecutive", sa.Integer(), nullable=False),
        sa.Column("walk_minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference_day")),
    )
    op.create_table(
        "conference_teacher",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("room", sa.String(length=50), nullable=False),
        sa.Column("unavailable", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"],
            name=op.f("fk_conference_teacher_staff_id_staff"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_conference_teacher")),
    )
    op.create_table(
        "conference_interpreter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("unavailable", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference_interpreter")),
    )
    op.create_table(
        "conference_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("student_ids", sa.JSON(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=True),
        sa.Column("earliest", sa.String(length=5), nullable=False),
        sa.Column("latest", sa.String(length=5), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["guardian.id"],
            name=op.f("fk_conference_request_guardian_id_guardian"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"],
            name=op.f("fk_conference_request_staff_id_staff"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["conference_day.id"],
            name=op.f("fk_conference_request_day_id_conference_day"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference_request")),
    )
    op.create_table(
        "conference_booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("day_id", sa.Integer(), nullable=False),
        sa.Column("slot_index", sa.Integer(), nullable=False),
        sa.Column("interpreter_id", sa.Integer(), nullable=True),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"], ["conference_request.id"],
            name=op.f("fk_conference_booking_request_id_conference_request"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["day_id"], ["conference_day.id"],
            name=op.f("fk_conference_booking_day_id_conference_day"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interpreter_id"], ["conference_interpreter.id"],
            name=op.f("fk_conference_booking_interpreter_id_conference_interpreter"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conference_booking")),
        sa.UniqueConstraint("request_id", name=op.f("uq_conference_booking_request_id")),
    )


def downgrade() -> None:
    for table in (
        "conference_booking", "conference_request", "conference_interpreter",
        "conference_teacher", "conference_day", "calendar_event", "school_day_off",
    ):
        op.drop_table(table)
