"""SQLite event store for the embedded runtime.

Appends run in one write transaction (BEGIN IMMEDIATE), so positions are assigned in commit order
and a reader of the global order can never see position n+1 before n. A batch append is one
transaction too, with a savepoint per stream so that a refused stream leaves the others in. An
append to a new stream (NO_STREAM) skips reading the stream's version: the unique
(stream_id, version) key refuses its first event when the stream exists. WAL journal with
synchronous=NORMAL: a committed append survives a crash of the process; a power failure may lose
the last transactions (set `synchronous="FULL"` to trade speed for that). Several processes may share
the file (the embedded suite's API and worker processes): a follower waiting for appends is woken by
this process's appends and sees other processes' ones by polling, every few milliseconds while idle.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from services.common.errors import ConcurrencyError
from services.common.events import Metadata, NewEvent, StoredEvent
from services.common.eventstore.base import NO_STREAM, Append, EventStore, Outcome, check_expected, distinct_streams

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

#: How often an idle follower looks for appends of other processes: `PRAGMA data_version`, a few microseconds.
POLL_INTERVAL_S = 0.005

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
                stored = self._insert(stream_id, expected_version, events)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        self.notify_appended()
        return stored

    def append_batch(self, appends: Sequence[Append]) -> list[Outcome]:
        distinct_streams(appends)
        outcomes: list[Outcome] = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for append in appends:
                    self._db.execute("SAVEPOINT stream")
                    try:
                        outcomes.append(self._insert(append.stream_id, append.expected_version, append.events))
                        self._db.execute("RELEASE stream")
                    except ConcurrencyError as refused:
                        self._db.execute("ROLLBACK TO stream")
                        self._db.execute("RELEASE stream")
                        outcomes.append(refused)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        self.notify_appended()
        return outcomes

    def _insert(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[StoredEvent]:
        """Inserts one stream's events inside the caller's transaction; ConcurrencyError when refused."""
        if expected_version == NO_STREAM:
            current = NO_STREAM
        else:
            (current,) = self._db.execute(
                "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream_id = ?", (stream_id,)
            ).fetchone()
            check_expected(stream_id, expected_version, current)
        stored = []
        try:
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
        except sqlite3.IntegrityError as exc:
            raise ConcurrencyError(f"stream {stream_id} already has version {version}: {exc}") from exc
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

    def wait_for_append(self, timeout: float) -> None:
        """Until an append of this process (notified), one of another process (its commit changes the file's
        `data_version`, polled every few milliseconds), or `timeout`."""
        deadline = time.monotonic() + timeout
        seen = self._data_version()
        while (remaining := deadline - time.monotonic()) > 0:
            with self._appended:
                if self._appended.wait(min(POLL_INTERVAL_S, remaining)):
                    return
            if self._data_version() != seen:
                return

    def _data_version(self) -> int:
        """Changes whenever another connection commits to the file (not on this connection's own commits)."""
        with self._lock:
            return self._db.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
