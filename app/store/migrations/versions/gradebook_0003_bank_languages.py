"""gradebook: each comment-bank phrase has a language and a key shared by its translations

Revision ID: gradebook_0003
Revises: gradebook_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "gradebook_0003"
down_revision = "gradebook_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("comment_bank", sa.Column("language", sa.String(16), nullable=False, server_default="en"))
    op.add_column("comment_bank", sa.Column("phrase_key", sa.String(60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("comment_bank") as batch:
        batch.drop_column("phrase_key")
        batch.drop_column("language")
