"""The audit log: who changed what and when, for decisions a family may later question."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import AuditEntry


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: object = "",
    **details: Any,
) -> AuditEntry:
    """Add an audit entry in the caller's transaction (so it commits with the change)."""
    entry = AuditEntry(
        actor=actor, action=action, entity=entity, entity_id=str(entity_id), details=details
    )
    session.add(entry)
    return entry


def entries(session: Session, entity: str | None = None, limit: int = 500) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    return list(session.scalars(query))
