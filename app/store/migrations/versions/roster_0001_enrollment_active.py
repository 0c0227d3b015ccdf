"""roster: an enrollment can be inactive (the district's file no longer lists it)

Revision ID: roster_0001
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "roster_0001"
down_revision = "0001"
branch_labels = ("roster",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enrollment") as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("enrollment") as batch:
        batch.drop_column("active")
