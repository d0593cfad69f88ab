"""Incidents keep the ranked places a report offered for them, for review

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "location_candidates", sa.JSON(), nullable=False, server_default=sa.text("'[]'")
            )
        )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.alter_column("location_candidates", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("location_candidates")
