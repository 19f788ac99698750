"""Matching fields of vacancies and people.

Vacancies get preferred certificates, the experience they ask for and the day work
starts; people get the day they last stopped working. People, households and vacancies
get an index on ``updated_at``, which the matcher's cache reads on every request.

Existing vacancies get empty certificate lists; the server resolves them again when it
next starts.

Revision ID: 5c2e8d41a9f0
Revises: aedbe5af16a3
Create Date: 2026-12-03 16:00:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5c2e8d41a9f0"
down_revision: str | None = "aedbe5af16a3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_LIST = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
EMPTY_LIST = sa.text("'[]'")

STAMPED = ("person", "household", "vacancy")
VACANCY_LISTS = (
    "preferred_certificates",
    "canonical_certificates",
    "canonical_preferred_certificates",
)


def upgrade() -> None:
    # Server defaults fill the existing rows; the models give every new row its values.
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        for name in VACANCY_LISTS:
            batch_op.add_column(
                sa.Column(name, JSON_LIST, nullable=False, server_default=EMPTY_LIST)
            )
        batch_op.add_column(sa.Column("min_experience_years", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("starts_on", sa.Date(), nullable=True))
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unemployed_since", sa.Date(), nullable=True))

    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        for name in VACANCY_LISTS:
            batch_op.alter_column(name, server_default=None)
    for table in STAMPED:
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at"])


def downgrade() -> None:
    for table in STAMPED:
        op.drop_index(f"ix_{table}_updated_at", table_name=table)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("unemployed_since")
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_column("starts_on")
        batch_op.drop_column("min_experience_years")
        for name in reversed(VACANCY_LISTS):
            batch_op.drop_column(name)
