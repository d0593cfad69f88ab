"""Aggregate statements record the weapons they count ("missile and drone launches")

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("aggregates", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("weapons", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("aggregates", schema=None) as batch_op:
        batch_op.alter_column("weapons", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("aggregates", schema=None) as batch_op:
        batch_op.drop_column("weapons")
