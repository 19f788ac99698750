"""Occupations: the occupation table, and what vacancies and people resolve to.

Existing vacancies and people get false and empty lists; the server resolves them when
it next starts, since the occupation table changes then.

Revision ID: aedbe5af16a3
Revises: 8bcb5d86da07
Create Date: 2026-12-03 13:55:46.023602+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "aedbe5af16a3"
down_revision: str | None = "8bcb5d86da07"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_LIST = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
EMPTY_LIST = sa.text("'[]'")

PERSON_LISTS = ("occupation_codes", "canonical_skills", "canonical_certificates")


def upgrade() -> None:
    op.create_table(
        "occupation",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("parent_code", sa.String(length=12), nullable=True),
        sa.Column("aliases", JSON_LIST, nullable=False),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("is_official", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "level BETWEEN 1 AND 4", name=op.f("ck_occupation_level_range")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_occupation")),
    )
    with op.batch_alter_table("occupation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_occupation_parent_code"), ["parent_code"], unique=False
        )

    # Server defaults fill the existing rows; the models give every new row its values.
    with op.batch_alter_table("person", schema=None) as batch_op:
        for name in PERSON_LISTS:
            batch_op.add_column(
                sa.Column(name, JSON_LIST, nullable=False, server_default=EMPTY_LIST)
            )
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "is_occupation_resolved",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
        batch_op.add_column(sa.Column("occupation_score", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "canonical_skills", JSON_LIST, nullable=False, server_default=EMPTY_LIST
            )
        )

    with op.batch_alter_table("person", schema=None) as batch_op:
        for name in PERSON_LISTS:
            batch_op.alter_column(name, server_default=None)
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.alter_column("is_occupation_resolved", server_default=None)
        batch_op.alter_column("canonical_skills", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_column("canonical_skills")
        batch_op.drop_column("occupation_score")
        batch_op.drop_column("is_occupation_resolved")

    with op.batch_alter_table("person", schema=None) as batch_op:
        for name in reversed(PERSON_LISTS):
            batch_op.drop_column(name)

    with op.batch_alter_table("occupation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_occupation_parent_code"))

    op.drop_table("occupation")
