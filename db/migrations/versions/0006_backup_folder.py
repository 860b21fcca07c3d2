"""Backup folder setting (issue 7: automatic backups)

The folder automatic backups go to; empty means the default, `backups/`
beside the database file.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 09:00:00.000000
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa



revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('institution_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('backup_folder', sa.String(length=260), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('institution_settings', schema=None) as batch_op:
        batch_op.drop_column('backup_folder')
