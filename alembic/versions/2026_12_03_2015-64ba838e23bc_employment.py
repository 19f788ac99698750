"""Referrals, placements, follow-ups, employment history and household cases.

People get the day they entered the registry (their creation day for those already
there); vacancies count the openings hires have filled, never more than they offer.
The server writes each existing person's first employment event when it next starts.

Revision ID: 64ba838e23bc
Revises: 5c2e8d41a9f0
Create Date: 2026-12-03 20:15:00.000000+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "64ba838e23bc"
down_revision: str | None = "5c2e8d41a9f0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("from_level", sa.String(length=10), nullable=True),
        sa.Column("to_level", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("actor_key_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_key_id"],
            ["api_key.id"],
            name=op.f("fk_alert_change_actor_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_alert_change_household_id_household"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_change")),
    )
    with op.batch_alter_table("alert_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alert_change_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_key_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_key_id"],
            ["api_key.id"],
            name=op.f("fk_referral_created_by_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_referral_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"], ["vacancy.id"], name=op.f("fk_referral_vacancy_id_vacancy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referral_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_referral_status"), ["status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_referral_vacancy_id"), ["vacancy_id"], unique=False
        )
        batch_op.create_index(
            "uq_referral_open_pair",
            ["person_id", "vacancy_id"],
            unique=True,
            sqlite_where=sa.text("status IN ('proposed', 'referred', 'interviewed')"),
            postgresql_where=sa.text(
                "status IN ('proposed', 'referred', 'interviewed')"
            ),
        )

    op.create_table(
        "placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=True),
        sa.Column("employer_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("station_id", sa.Integer(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("monthly_wage", sa.Integer(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=30), nullable=True),
        sa.Column("end_note", sa.String(length=1000), nullable=True),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on",
            name=op.f("ck_placement_ends_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employer.id"],
            name=op.f("fk_placement_employer_id_employer"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_placement_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            name=op.f("fk_placement_referral_id_referral"),
        ),
        sa.ForeignKeyConstraint(
            ["station_id"], ["station.id"], name=op.f("fk_placement_station_id_station")
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"], ["vacancy.id"], name=op.f("fk_placement_vacancy_id_vacancy")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_placement_referral_id")),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_placement_channel"), ["channel"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_placement_employer_id"), ["employer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_placement_ended_on"), ["ended_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_placement_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_placement_started_on"), ["started_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_placement_station_id"), ["station_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_placement_vacancy_id"), ["vacancy_id"], unique=False
        )
        batch_op.create_index(
            "uq_placement_current_person",
            ["person_id"],
            unique=True,
            sqlite_where=sa.text("ended_on IS NULL"),
            postgresql_where=sa.text("ended_on IS NULL"),
        )

    op.create_table(
        "referral_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("actor_key_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_key_id"],
            ["api_key.id"],
            name=op.f("fk_referral_event_actor_key_id_api_key"),
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            name=op.f("fk_referral_event_referral_id_referral"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_event")),
    )
    with op.batch_alter_table("referral_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referral_event_referral_id"), ["referral_id"], unique=False
        )

    op.create_table(
        "employment_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("employment_status", sa.String(length=20), nullable=False),
        sa.Column("is_seeking_work", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_employment_event_person_id_person"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_employment_event_placement_id_placement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employment_event")),
    )
    with op.batch_alter_table("employment_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_employment_event_person_on", ["person_id", "effective_on"], unique=False
        )

    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=True),
        sa.Column("is_still_employed", sa.Boolean(), nullable=True),
        sa.Column("monthly_wage", sa.Integer(), nullable=True),
        sa.Column("problems", sa.String(length=1000), nullable=True),
        sa.Column("recorded_by_key_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_follow_up_placement_id_placement"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_key_id"],
            ["api_key.id"],
            name=op.f("fk_follow_up_recorded_by_key_id_api_key"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sa.UniqueConstraint(
            "placement_id", "month", name=op.f("uq_follow_up_placement_id")
        ),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_due_on"), ["due_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_follow_up_placement_id"), ["placement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_follow_up_status"), ["status"], unique=False
        )

    op.create_table(
        "zero_employment_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("deadline_on", sa.Date(), nullable=False),
        sa.Column("cleared_on", sa.Date(), nullable=True),
        sa.Column("clear_reason", sa.String(length=30), nullable=True),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
            name=op.f("fk_zero_employment_case_household_id_household"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_zero_employment_case_placement_id_placement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zero_employment_case")),
    )
    with op.batch_alter_table("zero_employment_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_zero_employment_case_cleared_on"),
            ["cleared_on"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_zero_employment_case_household_id"),
            ["household_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_zero_employment_case_opened_on"), ["opened_on"], unique=False
        )
        batch_op.create_index(
            "uq_zero_employment_case_open_household",
            ["household_id"],
            unique=True,
            sqlite_where=sa.text("cleared_on IS NULL"),
            postgresql_where=sa.text("cleared_on IS NULL"),
        )

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registered_on", sa.Date(), nullable=True))
    day = (
        "date(created_at)"
        if op.get_bind().dialect.name == "sqlite"
        else "CAST(created_at AS DATE)"
    )
    op.execute(f"UPDATE person SET registered_on = {day}")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.alter_column("registered_on", existing_type=sa.Date(), nullable=False)

    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "openings_filled", sa.Integer(), nullable=False, server_default="0"
            )
        )
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.alter_column(
            "openings_filled", existing_type=sa.Integer(), server_default=None
        )
        batch_op.create_check_constraint(
            op.f("ck_vacancy_openings_filled_range"),
            "openings_filled >= 0 AND openings_filled <= openings",
        )


def downgrade() -> None:
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("ck_vacancy_openings_filled_range"), type_="check"
        )
        batch_op.drop_column("openings_filled")

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("registered_on")

    with op.batch_alter_table("zero_employment_case", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_zero_employment_case_open_household",
            sqlite_where=sa.text("cleared_on IS NULL"),
            postgresql_where=sa.text("cleared_on IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_zero_employment_case_opened_on"))
        batch_op.drop_index(batch_op.f("ix_zero_employment_case_household_id"))
        batch_op.drop_index(batch_op.f("ix_zero_employment_case_cleared_on"))

    op.drop_table("zero_employment_case")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_status"))
        batch_op.drop_index(batch_op.f("ix_follow_up_placement_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_due_on"))

    op.drop_table("follow_up")
    with op.batch_alter_table("employment_event", schema=None) as batch_op:
        batch_op.drop_index("ix_employment_event_person_on")

    op.drop_table("employment_event")
    with op.batch_alter_table("referral_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_event_referral_id"))

    op.drop_table("referral_event")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_placement_current_person",
            sqlite_where=sa.text("ended_on IS NULL"),
            postgresql_where=sa.text("ended_on IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_placement_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_placement_station_id"))
        batch_op.drop_index(batch_op.f("ix_placement_started_on"))
        batch_op.drop_index(batch_op.f("ix_placement_person_id"))
        batch_op.drop_index(batch_op.f("ix_placement_ended_on"))
        batch_op.drop_index(batch_op.f("ix_placement_employer_id"))
        batch_op.drop_index(batch_op.f("ix_placement_channel"))

    op.drop_table("placement")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_referral_open_pair",
            sqlite_where=sa.text("status IN ('proposed', 'referred', 'interviewed')"),
            postgresql_where=sa.text(
                "status IN ('proposed', 'referred', 'interviewed')"
            ),
        )
        batch_op.drop_index(batch_op.f("ix_referral_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_referral_status"))
        batch_op.drop_index(batch_op.f("ix_referral_person_id"))

    op.drop_table("referral")
    with op.batch_alter_table("alert_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_change_household_id"))

    op.drop_table("alert_change")
