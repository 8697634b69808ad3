"""The embedded bus: a durable log in one SQLite file, read by consumer groups in this process.

It keeps Kafka's delivery contract: records stay in order per topic, each group has committed
offsets, and a consumer that stops before committing gets the records again after a restart.
Each topic is a single partition, which keeps the per-key order of Kafka trivially.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

from services.common.bus.base import Bus, Consumer, Delivery, Record
from services.common.eventstore.sqlite import connect

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
        self._next_offset: dict[str, int] = dict(
            self._db.execute("SELECT topic, MAX(offset) + 1 FROM records GROUP BY topic").fetchall()
        )

    def publish(self, records: Sequence[Record]) -> None:
        with self._lock:
            rows = []
            for record in records:
                offset = self._next_offset.get(record.topic, 0)
                self._next_offset[record.topic] = offset + 1
                rows.append((record.topic, offset, record.key, record.value, json.dumps(record.headers)))
            self._db.execute("BEGIN")
            self._db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
            self._published.notify_all()

    def consumer(self, group: str, topics: Sequence[str]) -> Consumer:
        return LocalConsumer(self, group, list(topics))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # Used by LocalConsumer, under the bus lock.
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
        with self._bus._published:
            deliveries = self._take(max_records)
            if not deliveries and self._bus._published.wait(timeout):
                deliveries = self._take(max_records)
        return deliveries

    def _take(self, max_records: int) -> list[Delivery]:
        deliveries: list[Delivery] = []
        for topic, position in self._position.items():
            if len(deliveries) >= max_records:
                break
            if self._bus._next_offset.get(topic, 0) <= position:
                continue
            batch = self._bus._read(topic, position, max_records - len(deliveries))
            if batch:
                self._position[topic] = batch[-1].offset + 1
                deliveries.extend(batch)
        return deliveries

    def lag(self) -> int | None:
        with self._bus._lock:
            return sum(self._bus._next_offset.get(topic, 0) - position for topic, position in self._position.items())

    def commit(self) -> None:
        with self._bus._lock:
            self._bus._db.executemany(
                "INSERT INTO committed VALUES (?, ?, ?) ON CONFLICT (grp, topic) DO UPDATE SET offset = excluded.offset",
                [(self._group, topic, position) for topic, position in self._position.items()],
            )

    def close(self) -> None:
        pass
