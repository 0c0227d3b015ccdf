"""exams: bubble-sheet exams, encrypted scans, page results, review decisions

Revision ID: exams_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "exams_0001"
down_revision = "0001"
branch_labels = ("exams",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exam",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("sheet_id", sa.String(length=40), nullable=False),
        sa.Column("questions", sa.Integer(), nullable=False),
        sa.Column("choices", sa.String(length=20), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("id_digits", sa.Integer(), nullable=False),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("template", sa.JSON(), nullable=False),
        sa.Column("key", sa.JSON(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("published", sa.JSON(), nullable=False),
        sa.Column("exam_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["section_id"], ["section.id"], ondelete="CASCADE",
                                name=op.f("fk_exam_section_id_section")),
        sa.ForeignKeyConstraint(["category_id"], ["assignment_category.id"], ondelete="SET NULL",
                                name=op.f("fk_exam_category_id_assignment_category")),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignment.id"], ondelete="SET NULL",
                                name=op.f("fk_exam_assignment_id_assignment")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam")),
    )
    op.create_table(
        "exam_scan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("page_index", sa.Integer(), nullable=False),
        sa.Column("image_format", sa.String(length=10), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["exam_id"], ["exam.id"], ondelete="CASCADE",
                                name=op.f("fk_exam_scan_exam_id_exam")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_scan")),
    )
    op.create_table(
        "exam_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("scan_id", sa.Integer(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("sheet_page", sa.Integer(), nullable=True),
        sa.Column("read_student_id", sa.String(length=50), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=True),
        sa.Column("match", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["exam_id"], ["exam.id"], ondelete="CASCADE",
                                name=op.f("fk_exam_page_exam_id_exam")),
        sa.ForeignKeyConstraint(["scan_id"], ["exam_scan.id"], ondelete="SET NULL",
                                name=op.f("fk_exam_page_scan_id_exam_scan")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], ondelete="SET NULL",
                                name=op.f("fk_exam_page_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_page")),
    )
    op.create_table(
        "exam_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=True),
        sa.Column("target", sa.String(length=30), nullable=False),
        sa.Column("engine_value", sa.JSON(), nullable=False),
        sa.Column("chosen_value", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["exam_id"], ["exam.id"], ondelete="CASCADE",
                                name=op.f("fk_exam_review_exam_id_exam")),
        sa.ForeignKeyConstraint(["page_id"], ["exam_page.id"], ondelete="CASCADE",
                                name=op.f("fk_exam_review_page_id_exam_page")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_review")),
    )


def downgrade() -> None:
    op.drop_table("exam_review")
    op.drop_table("exam_page")
    op.drop_table("exam_scan")
    op.drop_table("exam")
