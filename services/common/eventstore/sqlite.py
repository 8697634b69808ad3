"""SQLite event store for the embedded runtime.

Appends run in one write transaction (BEGIN IMMEDIATE), so positions are assigned in commit order
and a reader of the global order can never see position n+1 before n. An append to a new stream
(NO_STREAM) skips reading the stream's version: the unique (stream_id, version) key refuses its
first event when the stream exists. A batch append is one transaction too: it reads the versions
of all its streams in one query (the write lock, held from BEGIN IMMEDIATE, keeps them true until
the commit), refuses the streams whose version differs, and inserts the others' events with one
statement. WAL journal with
synchronous=NORMAL: a committed append survives a crash of the process; a power failure may lose
the last transactions (set `synchronous="FULL"` to trade speed for that). Several processes may share
the file (the embedded suite's API and worker processes): a follower waiting for appends is woken by
this process's appends and sees other processes' ones by polling, every few milliseconds while idle.
"""
from __future__ import annotations

import functools
import itertools
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
#: An event as a replay needs it: (position, stream id, version, type, data).
EventRow = tuple[int, str, int, str, bytes]
INSERT = ("INSERT INTO events (stream_id, version, event_id, type, data, occurred_at, metadata)"
          " VALUES (?, ?, ?, ?, ?, ?, ?)")
#: Streams per version query of a batch append: well below SQLite's limit of bound parameters.
MAX_PARAMETERS = 500


def connect(path: Path | str, synchronous: str = "NORMAL") -> sqlite3.Connection:
    """A connection shared by this process's threads; callers serialise use with a lock."""
    connection = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA synchronous={synchronous}")
    return connection


def _encode(metadata: Metadata) -> str:
    return json.dumps(metadata.as_dict())


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
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                outcomes = self._insert_batch(appends)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        self.notify_appended()
        return outcomes

    def _insert_batch(self, appends: Sequence[Append]) -> list[Outcome]:
        """Inserts the accepted streams' events inside the caller's transaction; a refused stream's outcome
        is its ConcurrencyError."""
        versions = self._stream_versions([append.stream_id for append in appends])
        # AUTOINCREMENT numbers each row one above the highest ever used, which sqlite_sequence records.
        (last,) = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'events'").fetchone()
        positions = itertools.count(last + 1)
        outcomes: list[Outcome] = []
        for append in appends:
            current = versions.get(append.stream_id, NO_STREAM)
            try:
                check_expected(append.stream_id, append.expected_version, current)
            except ConcurrencyError as refused:
                outcomes.append(refused)
                continue
            outcomes.append([StoredEvent(next(positions), append.stream_id, version, event.event_id, event.type,
                                         event.message.SerializeToString(), event.occurred_at, event.metadata)
                             for version, event in enumerate(append.events, start=current + 1)])
        # The events of a batch share their metadata and often their time: each is encoded once.
        encode_time, encode_metadata = functools.cache(datetime.isoformat), functools.cache(_encode)
        self._db.executemany(INSERT, ((e.stream_id, e.version, e.event_id, e.type, e.data, encode_time(e.occurred_at),
                                       encode_metadata(e.metadata))
                                      for stored in outcomes if isinstance(stored, list) for e in stored))
        return outcomes

    def _stream_versions(self, stream_ids: Sequence[str]) -> dict[str, int]:
        """The version of each of these streams that has events."""
        versions: dict[str, int] = {}
        for start in range(0, len(stream_ids), MAX_PARAMETERS):
            chunk = stream_ids[start:start + MAX_PARAMETERS]
            versions.update(self._db.execute(
                f"SELECT stream_id, MAX(version) FROM events WHERE stream_id IN ({', '.join('?' * len(chunk))})"
                " GROUP BY stream_id", chunk))
        return versions

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
                cursor = self._db.execute(INSERT, (stream_id, version, event.event_id, event.type, data,
                                                   event.occurred_at.isoformat(), _encode(event.metadata)))
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

    def read_rows(self, after_position: int = 0, limit: int = 1000) -> list[EventRow]:
        """Like `read_all`, as (position, stream id, version, type, data) rows: for a replay that needs no more, it
        saves decoding each event's metadata and time."""
        with self._lock:
            return self._db.execute("SELECT position, stream_id, version, type, data FROM events WHERE position > ?"
                                    " ORDER BY position LIMIT ?", (after_position, limit)).fetchall()

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
