"""SQLite read models for the embedded runtime: one table per collection, JSON bodies, expression indexes."""
from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from services.common.eventstore.sqlite import connect
from services.common.readmodel.base import DocumentStore, Filter, Put, newest_per_document

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SQL_OPERATORS = {"$gte": ">=", "$gt": ">", "$lte": "<=", "$lt": "<", "$ne": "!="}


def _name(value: str) -> str:
    if not NAME.match(value):
        raise ValueError(f"not a valid collection or field name: {value!r}")
    return value


def _table(collection: str) -> str:
    return f"doc_{_name(collection)}"


def _field(field: str) -> str:
    return f"json_extract(body, '$.{_name(field)}')"


def _where(where: Filter | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for field, condition in (where or {}).items():
        expression = _field(field)
        conditions = condition.items() if isinstance(condition, dict) else [("$eq", condition)]
        for operator, value in conditions:
            if operator == "$eq":
                clauses.append(f"{expression} = ?")
                params.append(value)
            elif operator == "$in":
                values = list(value)
                clauses.append(f"{expression} IN ({', '.join('?' * len(values))})" if values else "0")
                params.extend(values)
            elif operator == "$ne":
                # As in MongoDB, $ne also matches documents that lack the field.
                if value is None:
                    clauses.append(f"{expression} IS NOT NULL")
                else:
                    clauses.append(f"({expression} IS NULL OR {expression} != ?)")
                    params.append(value)
            else:
                clauses.append(f"{expression} {SQL_OPERATORS[operator]} ?")
                params.append(value)
    return (" AND ".join(clauses) or "1"), params


class SqliteDocumentStore(DocumentStore):
    def __init__(self, path: Path | str):
        self._db = connect(path)
        self._lock = threading.Lock()
        self._tables: set[str] = set()

    def _ensure_table(self, collection: str) -> str:
        table = _table(collection)
        if table not in self._tables:
            self._db.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL)"
            )
            self._tables.add(table)
        return table

    def apply(self, changes: Sequence[Put]) -> int:
        if not changes:
            return 0
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                stored: dict[tuple[str, str], int] = {}
                bodies: dict[tuple[str, str], dict[str, Any]] = {}
                for collection in {c.collection for c in changes}:
                    table = self._ensure_table(collection)
                    keys = list({c.key for c in changes if c.collection == collection})
                    for start in range(0, len(keys), 500):
                        chunk = keys[start : start + 500]
                        rows = self._db.execute(
                            f"SELECT key, version, body FROM {table} WHERE key IN ({', '.join('?' * len(chunk))})",
                            chunk,
                        )
                        for key, version, body in rows:
                            stored[(collection, key)] = version
                            bodies[(collection, key)] = json.loads(body)
                fresh = newest_per_document(changes, stored)
                for change in fresh:
                    # Top-level fields are set whole (like Mongo's $set, not a recursive JSON merge
                    # patch); None removes a field, also on a document that is new.
                    body = {**bodies.get((change.collection, change.key), {}), **change.fields}
                    body = {k: v for k, v in body.items() if v is not None}
                    self._db.execute(
                        f"INSERT INTO {_table(change.collection)} (key, version, body) VALUES (?, ?, ?)"
                        " ON CONFLICT (key) DO UPDATE SET body = excluded.body,"
                        " version = excluded.version WHERE excluded.version > version",
                        (change.key, change.version, json.dumps(body, ensure_ascii=False)),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return len(fresh)

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT key, version, body FROM {self._ensure_table(collection)} WHERE key = ?", (key,)
            ).fetchone()
        return _document(row) if row else None

    def find(self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100) -> list[dict[str, Any]]:
        clause, params = _where(where)
        with self._lock:
            rows = self._db.execute(
                f"SELECT key, version, body FROM {self._ensure_table(collection)}"
                f" WHERE key > ? AND {clause} ORDER BY key LIMIT ?",
                [after_key, *params, limit],
            ).fetchall()
        return [_document(row) for row in rows]

    def count(self, collection: str, where: Filter | None = None) -> int:
        clause, params = _where(where)
        with self._lock:
            (count,) = self._db.execute(
                f"SELECT COUNT(*) FROM {self._ensure_table(collection)} WHERE {clause}", params
            ).fetchone()
        return count

    def ensure_index(self, collection: str, fields: Sequence[str]) -> None:
        table = self._ensure_table(collection)
        name = f"ix_{table}_{'_'.join(_name(f) for f in fields)}"
        with self._lock:
            self._db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(_field(f) for f in fields)})")

    def drop_collections(self, collections: Sequence[str]) -> None:
        with self._lock:
            for collection in collections:
                self._db.execute(f"DELETE FROM {self._ensure_table(collection)}")

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _document(row: tuple) -> dict[str, Any]:
    key, version, body = row
    return {**json.loads(body), "_key": key, "_version": version}
