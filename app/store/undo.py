"""Delete a record together with everything that depends on it, and undo that delete.

A teacher who deletes a student by mistake must get the student back with their
enrollments, guardians links, scores and attendance. ``delete_with_snapshot`` walks the
foreign keys of the whole schema (so feature tables added later are covered too), keeps
every row it removes as plain data, and ``restore_snapshot`` puts them back in one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from app.store.models import Base


@dataclass
class DeleteSnapshot:
    """Rows removed by one delete, parents first."""

    label: str
    rows: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(r) for _t, r in self.rows)


def _children(table: Table) -> list[tuple[Table, str, str, str]]:
    """Tables whose foreign keys point at ``table``: (child, child column, parent column, ondelete)."""
    found = []
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_keys:
            if fk.column.table is table:
                found.append((other, fk.parent.name, fk.column.name, (fk.ondelete or "").upper()))
    return found


def _collect(session: Session, table: Table, where: Any, snap: DeleteSnapshot, seen: set[str]) -> None:
    rows = [dict(r._mapping) for r in session.execute(select(table).where(where))]
    if not rows:
        return
    snap.rows.append((table.name, rows))
    for child, child_col, parent_col, ondelete in _children(table):
        if ondelete == "SET NULL":
            # The child survives with NULL; remember its old value so undo can restore it.
            key = f"{child.name}.{child_col}"
            values = [r[parent_col] for r in rows]
            affected = [dict(r._mapping) for r in session.execute(
                select(child).where(child.c[child_col].in_(values)))]
            if affected and key not in seen:
                snap.rows.append((f"~{child.name}", affected))
            continue
        if child is table and child_col == parent_col:
            continue
        values = [r[parent_col] for r in rows]
        _collect(session, child, child.c[child_col].in_(values), snap, seen)


def delete_with_snapshot(session: Session, table_name: str, pk: int, label: str) -> DeleteSnapshot:
    table = Base.metadata.tables[table_name]
    snap = DeleteSnapshot(label=label)
    _collect(session, table, table.c.id == pk, snap, set())
    session.execute(delete(table).where(table.c.id == pk))  # ON DELETE CASCADE does the rest
    session.expire_all()
    return snap


def restore_snapshot(session: Session, snap: DeleteSnapshot) -> None:
    for name, rows in snap.rows:
        if name.startswith("~"):
            continue
        session.execute(insert(Base.metadata.tables[name]), rows)
    # Re-link survivors whose reference had been set to NULL.
    for name, rows in snap.rows:
        if not name.startswith("~"):
            continue
        table = Base.metadata.tables[name[1:]]
        pk_cols = list(table.primary_key.columns)
        for row in rows:
            cond = [c == row[c.name] for c in pk_cols]
            session.execute(table.update().where(*cond).values(**{k: v for k, v in row.items()}))
    session.expire_all()
