"""gradebook: comment bank and per-term student comments

Revision ID: gradebook_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "gradebook_0001"
down_revision = "0001"
branch_labels = ("gradebook",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comment_bank",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_bank")),
    )
    op.create_table(
        "student_term_comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["student_id"], ["student.id"], ondelete="CASCADE",
            name=op.f("fk_student_term_comment_student_id_student"),
        ),
        sa.ForeignKeyConstraint(
            ["section_id"], ["section.id"], ondelete="CASCADE",
            name=op.f("fk_student_term_comment_section_id_section"),
        ),
        sa.ForeignKeyConstraint(
            ["term_id"], ["term.id"], ondelete="CASCADE",
            name=op.f("fk_student_term_comment_term_id_term"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_term_comment")),
        sa.UniqueConstraint(
            "student_id", "section_id", "term_id",
            name="student_section_term",
        ),
    )


def downgrade() -> None:
    op.drop_table("student_term_comment")
    op.drop_table("comment_bank")
