"""SQLite event store for the embedded runtime.

Appends run in one write transaction (BEGIN IMMEDIATE), so positions are assigned in commit order
and a reader of the global order can never see position n+1 before n. WAL journal with
synchronous=NORMAL: a committed append survives a crash of the process; a power failure may lose
the last transactions (set `synchronous="FULL"` to trade speed for that).
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from services.common.errors import ConcurrencyError
from services.common.events import Metadata, NewEvent, StoredEvent
from services.common.eventstore.base import EventStore, check_expected

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    data        BLOB    NOT NULL,
    occurred_at TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    UNIQUE (stream_id, version)
);
CREATE TABLE IF NOT EXISTS checkpoints (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
"""

COLUMNS = "position, stream_id, version, event_id, type, data, occurred_at, metadata"


def connect(path: Path | str, synchronous: str = "NORMAL") -> sqlite3.Connection:
    """A connection shared by this process's threads; callers serialise use with a lock."""
    connection = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA synchronous={synchronous}")
    return connection


def _row_to_event(row: tuple) -> StoredEvent:
    position, stream_id, version, event_id, type_, data, occurred_at, metadata = row
    return StoredEvent(
        position=position,
        stream_id=stream_id,
        version=version,
        event_id=event_id,
        type=type_,
        data=bytes(data),
        occurred_at=datetime.fromisoformat(occurred_at),
        metadata=Metadata.from_dict(json.loads(metadata)),
    )


class SqliteEventStore(EventStore):
    def __init__(self, path: Path | str, synchronous: str = "NORMAL"):
        super().__init__()
        self._db = connect(path, synchronous)
        self._lock = threading.Lock()
        self._db.executescript(SCHEMA)

    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[StoredEvent]:
        if not events:
            return []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                (current,) = self._db.execute(
                    "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?", (stream_id,)
                ).fetchone()
                check_expected(stream_id, expected_version, current)
                stored = []
                for version, event in enumerate(events, start=current + 1):
                    data = event.message.SerializeToString()
                    cursor = self._db.execute(
                        "INSERT INTO events (stream_id, version, event_id, type, data, occurred_at, metadata)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (stream_id, version, event.event_id, event.type, data, event.occurred_at.isoformat(),
                         json.dumps(event.metadata.as_dict())),
                    )
                    stored.append(StoredEvent(cursor.lastrowid, stream_id, version, event.event_id, event.type, data,
                                              event.occurred_at, event.metadata))
                self._db.execute("COMMIT")
            except sqlite3.IntegrityError as exc:
                self._db.execute("ROLLBACK")
                raise ConcurrencyError(f"stream {stream_id}: {exc}") from exc
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        self.notify_appended()
        return stored

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[StoredEvent]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {COLUMNS} FROM events WHERE stream_id = ? AND version > ? ORDER BY version",
                (stream_id, after_version),
            ).fetchall()
        return [_row_to_event(row) for row in rows]

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[StoredEvent]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?",
                (after_position, limit),
            ).fetchall()
        return [_row_to_event(row) for row in rows]

    def last_position(self) -> int:
        with self._lock:
            (position,) = self._db.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()
        return position

    def get_checkpoint(self, name: str) -> int:
        with self._lock:
            row = self._db.execute("SELECT position FROM checkpoints WHERE name = ?", (name,)).fetchone()
        return row[0] if row else 0

    def set_checkpoint(self, name: str, position: int) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO checkpoints (name, position) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET position = MAX(position, excluded.position)",
                (name, position),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
