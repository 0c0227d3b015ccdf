"""gradebook: a note per score (right-click in the grid)

Revision ID: gradebook_0002
Revises: gradebook_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "gradebook_0002"
down_revision = "gradebook_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"], ["assignment.id"], ondelete="CASCADE",
            name=op.f("fk_score_note_assignment_id_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], ondelete="CASCADE",
            name=op.f("fk_score_note_student_id_student"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_note")),
        sa.UniqueConstraint("assignment_id", "student_id", name="score_note_assignment_student"),
    )


def downgrade() -> None:
    op.drop_table("score_note")
