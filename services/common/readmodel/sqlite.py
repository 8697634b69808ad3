"""SQLite read models for the embedded runtime: one table per collection, JSON bodies, expression indexes.

Writes go through one connection behind a lock (SQLite has one writer); every reading thread has
its own connection, so that readers run side by side (WAL lets them read while a write commits).
The change feed's stamp is a counter in `readmodel_stamp`, raised in the write's own transaction:
a change and its stamp commit together, in stamp order.
"""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from services.common.eventstore.sqlite import connect
from services.common.readmodel.base import DocumentStore, Filter, Put, newest_per_document

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SQL_OPERATORS = {"$gte": ">=", "$gt": ">", "$lte": "<=", "$lt": "<", "$ne": "!="}
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # documents are trees


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
        self._path = path
        self._db = connect(path)
        self._lock = threading.Lock()
        self._tables: set[str] = set()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._db.execute("CREATE TABLE IF NOT EXISTS readmodel_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), stamp INTEGER NOT NULL)")
        self._db.execute("INSERT OR IGNORE INTO readmodel_stamp VALUES (1, 0)")

    def _reader(self) -> sqlite3.Connection:
        """This thread's read connection."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = connect(self._path)
            with self._lock:
                self._readers.append(connection)
        return connection

    def _read(self, collection: str, sql: str, params: Sequence[Any]) -> list[tuple]:
        """Runs a query on `{table}` of `collection` with this thread's connection."""
        table = _table(collection)
        if table not in self._tables:
            with self._lock:
                self._ensure_table(collection)
        return self._reader().execute(sql.format(table=table), params).fetchall()

    def _ensure_table(self, collection: str) -> str:
        """Creates the collection's table (with the writer connection, under the lock, outside a transaction).

        Readers skip the lock for a table in `_tables`, so a table is added there only once its creation has
        committed: created inside a write transaction, it would be missing for readers until that commits.
        """
        table = _table(collection)
        if table not in self._tables:
            self._create_table(table)
            self._tables.add(table)
        return table

    def _create_table(self, table: str) -> None:
        self._db.execute(
            f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL,"
            " stamp INTEGER NOT NULL DEFAULT 0)"
        )
        columns = {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}
        if "stamp" not in columns:  # a table written before the change feed
            self._db.execute(f"ALTER TABLE {table} ADD COLUMN stamp INTEGER NOT NULL DEFAULT 0")
        self._db.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}__stamp ON {table} (stamp)")

    def apply(self, changes: Sequence[Put]) -> int:
        if not changes:
            return 0
        with self._lock:
            tables = {collection: self._ensure_table(collection) for collection in {c.collection for c in changes}}
            with self._transaction():
                fresh = self._apply(changes, tables)
        return len(fresh)

    def _apply(self, changes: Sequence[Put], tables: dict[str, str]) -> list[Put]:
        """Merges the changes newer than the stored documents into them (inside the caller's transaction)."""
        stored: dict[tuple[str, str], int] = {}
        bodies: dict[tuple[str, str], dict[str, Any]] = {}
        for collection, table in tables.items():
            keys = list({c.key for c in changes if c.collection == collection})
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                found = self._db.execute(
                    f"SELECT key, version, body FROM {table} WHERE key IN ({', '.join('?' * len(chunk))})",
                    chunk,
                )
                for key, version, body in found:
                    stored[(collection, key)] = version
                    bodies[(collection, key)] = json.loads(body)
        fresh = newest_per_document(changes, stored)
        if fresh:
            stamp = self._next_stamp()
            rows: dict[str, list[tuple]] = {}
            for change in fresh:
                # Top-level fields are set whole (like Mongo's $set, not a recursive JSON merge
                # patch); None removes a field, also on a document that is new.
                stored_body = bodies.get((change.collection, change.key))
                body = {**stored_body, **change.fields} if stored_body else change.fields
                body = {k: v for k, v in body.items() if v is not None}
                rows.setdefault(change.collection, []).append(
                    (change.key, change.version, _encode(body), stamp))
            self._upsert(rows)
        return fresh

    def load(self, changes: Sequence[Put]) -> int:
        """Writes each change as its document's whole body, without reading the stored one: a rebuild's write.

        For changes that hold every field of their document, one change per document (a replay's batch), into
        collections nobody else writes meanwhile: then this equals `apply` (the version guard still holds, and
        None still leaves a field out) without its read and merge. Returns how many documents were written.
        """
        if not changes:
            return 0
        with self._lock:
            rows: dict[str, list[tuple]] = {collection: [] for collection in {c.collection for c in changes}}
            for collection in rows:
                self._ensure_table(collection)
            with self._transaction():
                stamp = self._next_stamp()
                for change in changes:
                    fields = change.fields
                    if None in fields.values():
                        fields = {name: value for name, value in fields.items() if value is not None}
                    rows[change.collection].append((change.key, change.version, _encode(fields), stamp))
                self._upsert(rows)
        return len(changes)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction of the writer connection (the caller holds the lock)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _next_stamp(self) -> int:
        """A new stamp for one write's documents (inside its transaction: the change feed's watermark)."""
        (stamp,) = self._db.execute("UPDATE readmodel_stamp SET stamp = stamp + 1 RETURNING stamp").fetchone()
        return stamp

    def _upsert(self, rows: dict[str, list[tuple]]) -> None:
        """Writes (key, version, body, stamp) rows per collection; a row older than the stored one changes nothing."""
        for collection, values in rows.items():
            self._db.executemany(
                f"INSERT INTO {_table(collection)} (key, version, body, stamp) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET body = excluded.body, version = excluded.version,"
                " stamp = excluded.stamp WHERE excluded.version > version",
                values,
            )

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        rows = self._read(collection, "SELECT key, version, body FROM {table} WHERE key = ?", (key,))
        return _document(rows[0]) if rows else None

    def find(self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100) -> list[dict[str, Any]]:
        clause, params = _where(where)
        rows = self._read(collection, f"SELECT key, version, body FROM {{table}} WHERE key > ? AND {clause} ORDER BY key LIMIT ?",
                          [after_key, *params, limit])
        return [_document(row) for row in rows]

    def count(self, collection: str, where: Filter | None = None) -> int:
        clause, params = _where(where)
        return self._read(collection, f"SELECT COUNT(*) FROM {{table}} WHERE {clause}", params)[0][0]

    def stamp(self) -> int:
        return self._reader().execute("SELECT stamp FROM readmodel_stamp").fetchone()[0]

    def changed(self, collection: str, since: int, after_key: str = "", limit: int = 1000) -> list[dict[str, Any]]:
        # The stamp index, not the key order: what changed is few documents of many.
        rows = self._read(collection, "SELECT key, version, body FROM {table} INDEXED BY ix_{table}__stamp"
                                      " WHERE stamp > ? AND key > ? ORDER BY key LIMIT ?", (since, after_key, limit))
        return [_document(row) for row in rows]

    def ensure_index(self, collection: str, fields: Sequence[str]) -> None:
        with self._lock:
            table = self._ensure_table(collection)
            name = f"ix_{table}_{'_'.join(_name(f) for f in fields)}"
            self._db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(_field(f) for f in fields)})")

    def drop_collections(self, collections: Sequence[str]) -> None:
        # Dropped and created again in one transaction: a reader meanwhile sees the old table or the empty one.
        with self._lock, self._transaction():
            for collection in collections:
                table = _table(collection)
                self._db.execute(f"DROP TABLE IF EXISTS {table}")
                self._create_table(table)
                self._tables.add(table)

    def merge(self, path: Path | str, collections: Sequence[str]) -> int:
        """Copies every document of `collections` from the store file at `path` into this store, inside SQLite.

        For a rebuild done in parts: the file holds documents no other part writes (another stream's), so nothing
        is merged field by field, and the copies commit in one transaction as one change of the change feed.
        Returns how many documents were copied.
        """
        with self._lock:
            tables = [self._ensure_table(collection) for collection in collections]
            self._db.execute("ATTACH DATABASE ? AS part", (str(path),))
            try:
                with self._transaction():
                    stamp = self._next_stamp()
                    copied = sum(self._db.execute(f"INSERT INTO main.{table} (key, version, body, stamp)"
                                                  f" SELECT key, version, body, ? FROM part.{table}", (stamp,)).rowcount
                                 for table in tables)
            finally:
                self._db.execute("DETACH DATABASE part")
        return copied

    def close(self) -> None:
        with self._lock:
            for connection in [self._db, *self._readers]:
                connection.close()


def _document(row: tuple) -> dict[str, Any]:
    key, version, body = row
    return {**json.loads(body), "_key": key, "_version": version}
