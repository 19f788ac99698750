"""Registry: stations, employers, households, people, vacancies, API keys.

Seeds the five employment service stations.

Revision ID: 8bcb5d86da07
Revises:
Create Date: 2026-12-03 13:15:06.688540+00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "8bcb5d86da07"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "household",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("household_no", sa.String(length=30), nullable=False),
        sa.Column("site", sa.String(length=100), nullable=False),
        sa.Column("community", sa.String(length=100), nullable=False),
        sa.Column("building", sa.String(length=50), nullable=True),
        sa.Column("room", sa.String(length=20), nullable=True),
        sa.Column("origin_town", sa.String(length=12), nullable=False),
        sa.Column("origin_village", sa.String(length=100), nullable=True),
        sa.Column("alert_level", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.String(length=1000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household")),
        sa.UniqueConstraint("household_no", name=op.f("uq_household_household_no")),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_alert_level"), ["alert_level"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_household_community"), ["community"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_household_origin_town"), ["origin_town"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_household_site"), ["site"], unique=False)

    op.create_table(
        "station",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("contact_name", sa.String(length=50), nullable=True),
        sa.Column("contact_phone", sa.String(length=20), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_station")),
        sa.UniqueConstraint("name", name=op.f("uq_station_name")),
    )
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_station_region_code"), ["region_code"], unique=False
        )

    # The five employment service stations every installation starts with.
    now = datetime.now(UTC)
    stations = sa.table(
        "station",
        sa.column("name", sa.String),
        sa.column("region_code", sa.String),
        sa.column("is_active", sa.Boolean),
        sa.column("version", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    op.bulk_insert(
        stations,
        [
            {
                "name": name,
                "region_code": code,
                "is_active": True,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for name, code in (
                ("昆明", "53"),
                ("广东", "44"),
                ("上海", "31"),
                ("浙江", "33"),
                ("江苏", "32"),
            )
        ],
    )

    op.create_table(
        "employer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=True),
        sa.Column("industry", sa.String(length=50), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("contact_name", sa.String(length=50), nullable=True),
        sa.Column("contact_phone", sa.String(length=20), nullable=True),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_employer_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer")),
        sa.UniqueConstraint("credit_code", name=op.f("uq_employer_credit_code")),
    )
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employer_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_employer_region_code"), ["region_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_employer_station_id"), ["station_id"], unique=False
        )

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("birth_on", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=6), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("education", sa.String(length=20), nullable=True),
        sa.Column(
            "skills",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "certificates",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "desired_occupations",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "desired_regions",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("min_monthly_wage", sa.Integer(), nullable=True),
        sa.Column("experience_years", sa.Integer(), nullable=True),
        sa.Column("is_willing_to_relocate", sa.Boolean(), nullable=False),
        sa.Column("is_seeking_work", sa.Boolean(), nullable=False),
        sa.Column("employment_status", sa.String(length=20), nullable=False),
        sa.Column("available_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_person_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("id_number", name=op.f("uq_person_id_number")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_employment_status"),
            ["employment_status"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_person_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_person_is_seeking_work"), ["is_seeking_work"], unique=False
        )

    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("key_digest", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=8), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column("community", sa.String(length=100), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employer.id"],
            name=op.f("fk_api_key_employer_id_employer"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_api_key_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_digest", name=op.f("uq_api_key_key_digest")),
    )
    op.create_table(
        "vacancy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("occupation_code", sa.String(length=20), nullable=True),
        sa.Column(
            "skills",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "certificates",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
        ),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("work_address", sa.String(length=200), nullable=True),
        sa.Column("openings", sa.Integer(), nullable=False),
        sa.Column("wage_min", sa.Integer(), nullable=True),
        sa.Column("wage_max", sa.Integer(), nullable=True),
        sa.Column("has_housing", sa.Boolean(), nullable=False),
        sa.Column("has_meals", sa.Boolean(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("requirements", sa.String(length=1000), nullable=True),
        sa.CheckConstraint("openings > 0", name=op.f("ck_vacancy_openings_positive")),
        sa.CheckConstraint(
            "wage_min IS NULL OR wage_max IS NULL OR wage_min <= wage_max",
            name=op.f("ck_vacancy_wage_range"),
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employer.id"],
            name=op.f("fk_vacancy_employer_id_employer"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_vacancy_station_id_station")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy")),
    )
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vacancy_channel"), ["channel"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vacancy_closes_on"), ["closes_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vacancy_employer_id"), ["employer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vacancy_occupation_code"), ["occupation_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vacancy_region_code"), ["region_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vacancy_station_id"), ["station_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_vacancy_status"), ["status"], unique=False)

    op.create_table(
        "idempotent_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_digest", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_key_id"],
            ["api_key.id"],
            name=op.f("fk_idempotent_request_api_key_id_api_key"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotent_request")),
        sa.UniqueConstraint("api_key_id", "key", name="uq_idempotent_key"),
    )


def downgrade() -> None:
    op.drop_table("idempotent_request")
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancy_status"))
        batch_op.drop_index(batch_op.f("ix_vacancy_station_id"))
        batch_op.drop_index(batch_op.f("ix_vacancy_region_code"))
        batch_op.drop_index(batch_op.f("ix_vacancy_occupation_code"))
        batch_op.drop_index(batch_op.f("ix_vacancy_employer_id"))
        batch_op.drop_index(batch_op.f("ix_vacancy_closes_on"))
        batch_op.drop_index(batch_op.f("ix_vacancy_channel"))

    op.drop_table("vacancy")
    op.drop_table("api_key")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_is_seeking_work"))
        batch_op.drop_index(batch_op.f("ix_person_household_id"))
        batch_op.drop_index(batch_op.f("ix_person_employment_status"))

    op.drop_table("person")
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employer_station_id"))
        batch_op.drop_index(batch_op.f("ix_employer_region_code"))
        batch_op.drop_index(batch_op.f("ix_employer_name"))

    op.drop_table("employer")
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_station_region_code"))

    op.drop_table("station")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_site"))
        batch_op.drop_index(batch_op.f("ix_household_origin_town"))
        batch_op.drop_index(batch_op.f("ix_household_community"))
        batch_op.drop_index(batch_op.f("ix_household_alert_level"))

    op.drop_table("household")
