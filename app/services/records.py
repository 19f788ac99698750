"""Loading, paging and updating records, shared by every resource's service."""

from collections.abc import Sequence
from typing import Any, TypeVar, get_args

from sqlalchemy import func, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, select
from sqlmodel.sql.expression import SelectOfScalar

from app.errors import Conflict, FieldError, InvalidInput, NotFound
from app.models.base import Record
from app.schemas.common import Patch

M = TypeVar("M", bound=SQLModel)
R = TypeVar("R", bound=Record)


def get_or_404(session: Session, model: type[M], record_id: int, kind: str) -> M:
    """Return the record with this id or raise ``NotFound``."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFound.record(kind, record_id)
    return record


def lock_row(
    session: Session, model: type[R], key: int, *, key_share: bool = True
) -> R:
    """Hold the row until commit and return it as last committed.

    ``key_share`` takes ``FOR NO KEY UPDATE``, which leaves rows that merely
    reference this one free to be written; otherwise ``FOR UPDATE``. SQLite, with
    one writer at a time, ignores the clause.
    """
    statement = (
        select(model)
        .where(model.id == key)
        .with_for_update(key_share=key_share)
        .execution_options(populate_existing=True)
    )
    return session.exec(statement).one()


def where_given(
    statement: SelectOfScalar[M], *filters: tuple[Any, object]
) -> SelectOfScalar[M]:
    """Narrow ``statement`` to ``column == value`` for each filter given a value."""
    for column, value in filters:
        if value is not None:
            statement = statement.where(column == value)
    return statement


def page(
    session: Session,
    statement: SelectOfScalar[M],
    limit: int,
    offset: int,
    *,
    order_by: Sequence[Any] = (),
) -> tuple[Sequence[M], int]:
    """Return one page of ``statement``'s rows and the total.

    Rows come in ``order_by`` order, then primary key order, so pages never overlap.
    """
    total = session.exec(select(func.count()).select_from(statement.subquery())).one()
    entity = statement.column_descriptions[0]["entity"]
    ordered = statement.order_by(*order_by, *inspect(entity).primary_key)
    rows = session.exec(ordered.limit(limit).offset(offset)).all()
    return rows, total


Reference = tuple[type[SQLModel], int | str | None]


def missing_references(
    session: Session, references: dict[str, Reference]
) -> list[FieldError]:
    """Name each field whose key (an id, or a code) points at no record."""
    errors = []
    for field, (model, key) in references.items():
        if key is not None and session.get(model, key) is None:
            key_name = inspect(model).primary_key[0].name
            message = f"no {model.__tablename__} with {key_name} {key}"
            errors.append(FieldError(field, message))
    return errors


def check_references(session: Session, references: dict[str, Reference]) -> None:
    """Raise ``InvalidInput`` naming every field whose id points at no record."""
    errors = missing_references(session, references)
    if errors:
        raise InvalidInput(errors)


def flush(session: Session, duplicate_message: str) -> None:
    """Flush pending writes, turning a unique or version clash into ``Conflict``."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(duplicate_message) from exc
    except StaleDataError as exc:
        raise Conflict("The record was changed by someone else; read it again") from exc


def _accepts_null(model: type[SQLModel], name: str) -> bool:
    # The field's type, not its column: list columns are nullable in the database
    # but always hold a list.
    annotation = model.model_fields[name].annotation
    return type(None) in get_args(annotation)


def apply_patch(session: Session, record: R, patch: Patch) -> dict[str, Any]:
    """Check ``patch.version`` and copy its fields onto ``record``; return the changes.

    Raises ``Conflict`` when the version is stale and ``InvalidInput`` when a field
    that cannot be empty is sent as null.
    """
    current = record.version
    if patch.version != current:
        raise Conflict(
            f"Stale version {patch.version}; the record is at version {current}"
        )

    changes = patch.changes()
    nulls = [
        FieldError(name, "may not be null")
        for name, value in changes.items()
        if value is None and not _accepts_null(type(record), name)
    ]
    if nulls:
        raise InvalidInput(nulls)

    for name, value in changes.items():
        setattr(record, name, value)
    session.add(record)
    return changes
