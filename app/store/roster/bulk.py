"""Rows of one table held as plain dicts and written back in a few statements.

A roster import touches one student, guardian, family link and enrollment per row of the
file; as ORM objects that meant one object, one identity-map entry and one flush record
each, and 50,000 students took minutes. Here the table's rows are read with one SELECT,
changed in memory, and written back with one executemany per kind of statement (DELETE,
UPDATE by primary key, INSERT), all inside the caller's one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

Row = dict[str, Any]

# SQLite allows 32,766 bound parameters per statement; stay well below for IN lists.
_CHUNK = 900


class BulkTable:
    """One table's rows, keyed by primary key, with the writes still to make.

    ``fields`` are the columns the import reads and writes; ``defaults`` fill the ones a
    new row leaves out, so every INSERT has the same columns and goes in one executemany.
    """

    def __init__(self, session: Session, model: Any, pk: tuple[str, ...], fields: tuple[str, ...],
                 defaults: Row | None = None) -> None:
        self.model = model
        self.pk = pk
        self.fields = fields
        self.defaults = defaults or {}
        columns = [getattr(model, name) for name in (*pk, *fields)]
        self.rows: list[Row] = [dict(r._mapping) for r in session.execute(select(*columns))]
        self.new: list[Row] = []
        self._dirty: dict[tuple[Any, ...], Row] = {}
        self._gone: list[tuple[Any, ...]] = []

    def key(self, row: Row) -> tuple[Any, ...]:
        return tuple(row[name] for name in self.pk)

    def is_new(self, row: Row) -> bool:
        return row.get("_new", False) is True

    def add(self, values: Row) -> Row:
        row = {**self.defaults, **values, "_new": True}
        self.new.append(row)
        return row

    def assign(self, row: Row, values: Row) -> bool:
        """Set the values that differ; True if anything changed."""
        changed = {name: value for name, value in values.items() if row.get(name) != value}
        if not changed:
            return False
        row.update(changed)
        if not self.is_new(row):
            self._dirty[self.key(row)] = row
        return True

    def remove(self, row: Row) -> None:
        if self.is_new(row):
            row["_gone"] = True
            return
        key = self.key(row)
        self._dirty.pop(key, None)
        self._gone.append(key)

    def write(self, session: Session) -> list[Row]:
        """Deletes first (a pair deleted and re-added in one file must not collide), then
        updates by primary key, then inserts; returns the rows inserted."""
        self._write_deletes(session)
        if self._dirty:
            session.execute(update(self.model), [_plain(r) for r in self._dirty.values()])
        fresh = [r for r in self.new if not r.get("_gone")]
        if fresh:
            session.execute(insert(self.model), [_plain(r) for r in fresh])
        for row in fresh:
            row.pop("_new", None)
        self.rows.extend(fresh)
        self.new = []
        self._dirty.clear()
        self._gone.clear()
        return fresh

    def _write_deletes(self, session: Session) -> None:
        table = self.model.__table__
        columns = [table.c[name] for name in self.pk]
        target = columns[0] if len(columns) == 1 else tuple_(*columns)
        for chunk in _chunks(self._gone):
            values = [k[0] for k in chunk] if len(columns) == 1 else chunk
            session.execute(delete(table).where(target.in_(values)))



def _plain(row: Row) -> Row:
    """The row without its bookkeeping marks (``_new``, ``_gone``)."""
    return {name: value for name, value in row.items() if not name.startswith("_")}

def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def assign_ids(session: Session, model: Any, by: str, rows: Iterable[Row]) -> None:
    """Give freshly inserted ``rows`` (as returned by ``BulkTable.write``) their database
    ids, found by the unique column ``by`` in one SELECT."""
    wanted = {row[by]: row for row in rows}
    if not wanted:
        return
    column = getattr(model, by)
    for value, row_id in session.execute(select(column, model.id)):
        row = wanted.get(value)
        if row is not None:
            row["id"] = row_id
