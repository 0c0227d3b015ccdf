"""timetables: imported FET problems and their placements

Revision ID: timetable_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "timetable_0001"
down_revision = "0001"
branch_labels = ("timetable",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timetable",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("problem_json", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("penalty", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timetable")),
    )
    op.create_table(
        "timetable_placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("timetable_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("room", sa.String(length=100), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["timetable_id"], ["timetable.id"],
            name=op.f("fk_timetable_placement_timetable_id_timetable"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timetable_placement")),
        sa.UniqueConstraint("timetable_id", "activity_id", name=op.f("uq_timetable_placement_timetable_id")),
    )


def downgrade() -> None:
    op.drop_table("timetable_placement")
    op.drop_table("timetable")
