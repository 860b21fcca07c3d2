"""matters: registration, feedback sheets, callbacks, extensions, timeline

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:28:05
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('matter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('serial_year', sa.Integer(), nullable=False),
    sa.Column('serial_no', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('request_type', sa.String(length=20), nullable=False),
    sa.Column('complainant_name', sa.String(length=30), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('relation', sa.String(length=10), nullable=False),
    sa.Column('target_department_id', sa.Integer(), nullable=True),
    sa.Column('target_staff_id', sa.Integer(), nullable=True),
    sa.Column('target_text', sa.String(length=60), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('content', sa.String(length=2000), nullable=False),
    sa.Column('first_receiver_name', sa.String(length=30), nullable=False),
    sa.Column('registered_by', sa.String(length=30), nullable=False),
    sa.Column('upstream_order_no', sa.String(length=40), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('upstream_deadline', sa.Date(), nullable=True),
    sa.Column('local_deadline', sa.Date(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('deadline_provisional', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('close_reason', sa.String(length=20), nullable=True),
    sa.Column('close_note', sa.String(length=500), nullable=False),
    sa.Column('final_satisfaction', sa.String(length=20), nullable=True),
    sa.Column('withdrawn_reason', sa.String(length=200), nullable=False),
    sa.Column('on_the_spot_resolution', sa.String(length=1000), nullable=False),
    sa.Column('source_ref', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['target_department_id'], ['department.id'], ),
    sa.ForeignKeyConstraint(['target_staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('serial_year', 'serial_no', name='uq_matter_serial')
    )
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_matter_target_department_id'), ['target_department_id'], unique=False)

    op.create_table('feedback_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('reply_by', sa.Date(), nullable=False),
    sa.Column('instructions', sa.String(length=500), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by', sa.String(length=30), nullable=False),
    sa.Column('replier', sa.String(length=30), nullable=False),
    sa.Column('contacted_at', sa.DateTime(), nullable=True),
    sa.Column('reply_content', sa.String(length=2000), nullable=False),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.Column('recorded_by', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], ),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('matter_id', 'round', 'department_id', name='uq_feedback_sheet_round_dept')
    )
    with op.batch_alter_table('feedback_sheet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_sheet_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_feedback_sheet_matter_id'), ['matter_id'], unique=False)

    op.create_table('matter_callback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('satisfaction', sa.String(length=20), nullable=False),
    sa.Column('words', sa.String(length=500), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('explanation', sa.String(length=1000), nullable=False),
    sa.Column('path_offered', sa.String(length=500), nullable=False),
    sa.Column('recorded_by', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('matter_callback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_callback_matter_id'), ['matter_id'], unique=False)

    op.create_table('matter_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('actor', sa.String(length=30), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_event_matter_id'), ['matter_id'], unique=False)

    op.create_table('matter_extension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter_id', sa.Integer(), nullable=False),
    sa.Column('consent_by', sa.String(length=30), nullable=False),
    sa.Column('consent_at', sa.DateTime(), nullable=False),
    sa.Column('consent_method', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('old_deadline', sa.Date(), nullable=False),
    sa.Column('new_deadline', sa.Date(), nullable=False),
    sa.Column('granted_by', sa.String(length=30), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['matter_id'], ['matter.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('matter_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matter_extension_matter_id'), ['matter_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('matter_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_extension_matter_id'))

    op.drop_table('matter_extension')
    with op.batch_alter_table('matter_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_event_matter_id'))

    op.drop_table('matter_event')
    with op.batch_alter_table('matter_callback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_callback_matter_id'))

    op.drop_table('matter_callback')
    with op.batch_alter_table('feedback_sheet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_sheet_matter_id'))
        batch_op.drop_index(batch_op.f('ix_feedback_sheet_department_id'))

    op.drop_table('feedback_sheet')
    with op.batch_alter_table('matter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matter_target_department_id'))
        batch_op.drop_index(batch_op.f('ix_matter_status'))
        batch_op.drop_index(batch_op.f('ix_matter_received_at'))
        batch_op.drop_index(batch_op.f('ix_matter_deadline'))

    op.drop_table('matter')
