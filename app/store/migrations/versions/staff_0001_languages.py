"""staff: the languages a staff member speaks with families

Revision ID: staff_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "staff_0001"
down_revision = "0001"
branch_labels = ("staff",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("languages", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("languages")
