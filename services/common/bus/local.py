"""The embedded bus: a durable log in one SQLite file, read by consumer groups.

It keeps Kafka's delivery contract: records stay in order per topic, each group has committed
offsets, and a consumer that stops before committing gets the records again after a restart.
Each topic is a single partition, which keeps the per-key order of Kafka trivially.

A publish wakes the consumers of this process at once; records published by another process on the
same file (the embedded suite's worker process, seen from `fedstd events tail` or a test) are seen by
polling while a consumer is idle. Each topic's end is cached and read again
only when another process has written to the file since (`PRAGMA data_version`).
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from services.common.bus.base import Bus, Consumer, Delivery, Record
from services.common.eventstore.sqlite import connect

#: How often an idle consumer looks for records of other processes. Long next to the event store's poll: in the
#: embedded suite the relays publish in the process of the projections, which their publishes wake at once; only
#: a reader in another process (`fedstd events tail`, a test) polls.
POLL_INTERVAL_S = 0.05

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    topic   TEXT    NOT NULL,
    offset  INTEGER NOT NULL,
    key     TEXT    NOT NULL,
    value   BLOB    NOT NULL,
    headers TEXT    NOT NULL,
    PRIMARY KEY (topic, offset)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS committed (
    grp    TEXT    NOT NULL,
    topic  TEXT    NOT NULL,
    offset INTEGER NOT NULL,
    PRIMARY KEY (grp, topic)
);
"""


class LocalBus(Bus):
    def __init__(self, path: Path | str):
        self._db = connect(path)
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()
        self._published = threading.Condition(self._lock)
        #: Each topic's next offset, as last read; forgotten when another process wrote to the file.
        self._next_offset: dict[str, int] = {}
        self._data_version = -1

    def publish(self, records: Sequence[Record]) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")  # no other process appends until COMMIT: the ends read here hold
            try:
                self._sync()
                rows = []
                for record in records:
                    offset = self._end(record.topic)
                    self._next_offset[record.topic] = offset + 1
                    rows.append((record.topic, offset, record.key, record.value, json.dumps(record.headers)))
                self._db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?)", rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                self._next_offset.clear()
                raise
            self._published.notify_all()

    def consumer(self, group: str, topics: Sequence[str]) -> Consumer:
        return LocalConsumer(self, group, list(topics))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # Used by LocalConsumer, under the bus lock.
    def _sync(self) -> None:
        """Forgets the cached topic ends when another process has committed to the file since the last look."""
        (version,) = self._db.execute("PRAGMA data_version").fetchone()
        if version != self._data_version:
            self._data_version = version
            self._next_offset.clear()

    def _end(self, topic: str) -> int:
        """The topic's next offset (cached)."""
        end = self._next_offset.get(topic)
        if end is None:
            (end,) = self._db.execute("SELECT COALESCE(MAX(offset) + 1, 0) FROM records WHERE topic = ?", (topic,)).fetchone()
            self._next_offset[topic] = end
        return end

    def _committed(self, group: str, topic: str) -> int:
        row = self._db.execute("SELECT offset FROM committed WHERE grp = ? AND topic = ?", (group, topic)).fetchone()
        return row[0] if row else 0

    def _read(self, topic: str, from_offset: int, limit: int) -> list[Delivery]:
        rows = self._db.execute(
            "SELECT offset, key, value, headers FROM records WHERE topic = ? AND offset >= ? ORDER BY offset LIMIT ?",
            (topic, from_offset, limit),
        ).fetchall()
        return [Delivery(Record(topic, key, bytes(value), json.loads(headers)), 0, offset) for offset, key, value, headers in rows]


class LocalConsumer(Consumer):
    def __init__(self, bus: LocalBus, group: str, topics: list[str]):
        self._bus = bus
        self._group = group
        with bus._lock:
            self._position = {topic: bus._committed(group, topic) for topic in topics}

    def poll(self, timeout: float, max_records: int = 500) -> list[Delivery]:
        """Records as soon as there are some: woken by this process's publishes, polling for other processes'."""
        deadline = time.monotonic() + timeout
        with self._bus._published:
            while True:
                self._bus._sync()
                deliveries = self._take(max_records)
                remaining = deadline - time.monotonic()
                if deliveries or remaining <= 0:
                    return deliveries
                self._bus._published.wait(min(POLL_INTERVAL_S, remaining))

    def _take(self, max_records: int) -> list[Delivery]:
        deliveries: list[Delivery] = []
        for topic, position in self._position.items():
            if len(deliveries) >= max_records:
                break
            if self._bus._end(topic) <= position:
                continue
            batch = self._bus._read(topic, position, max_records - len(deliveries))
            if batch:
                self._position[topic] = batch[-1].offset + 1
                deliveries.extend(batch)
        return deliveries

    def lag(self) -> int | None:
        with self._bus._lock:
            self._bus._sync()
            return sum(self._bus._end(topic) - position for topic, position in self._position.items())

    def commit(self) -> None:
        with self._bus._lock:
            self._bus._db.executemany(
                "INSERT INTO committed VALUES (?, ?, ?) ON CONFLICT (grp, topic) DO UPDATE SET offset = excluded.offset",
                [(self._group, topic, position) for topic, position in self._position.items()],
            )

    def close(self) -> None:
        pass
