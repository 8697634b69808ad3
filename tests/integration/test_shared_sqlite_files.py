"""The embedded bus and event store shared by two processes (the suite's API and worker processes): each
side has its own connection to the same file, as two `LocalBus`/`SqliteEventStore` objects here have."""
from __future__ import annotations

import threading
import uuid
from pathlib import Path

from fedstd.registry.v1 import events_pb2 as events
from services.common.bus import Record
from services.common.bus.local import LocalBus
from services.common.events import Metadata, NewEvent
from services.common.eventstore import NO_STREAM
from services.common.eventstore.sqlite import SqliteEventStore

TOPIC = "fedstd.registry.v1"
#: Far longer than the polling interval: a waiter that relied on an in-process wake-up alone would still wait.
LONG_WAIT = 30.0


def records(prefix: str, count: int) -> list[Record]:
    return [Record(TOPIC, f"{prefix}-{i}", f"{prefix}-{i}".encode(), {"n": str(i)}) for i in range(count)]


def test_a_consumer_sees_what_another_connection_publishes_and_offsets_stay_unique(tmp_path: Path) -> None:
    path = tmp_path / "bus.db"
    first, second = LocalBus(path), LocalBus(path)
    try:
        consumer = second.consumer("readers", [TOPIC])
        waited: list = []
        waiter = threading.Thread(target=lambda: waited.extend(consumer.poll(LONG_WAIT)))
        waiter.start()
        first.publish(records("a", 3))
        waiter.join(LONG_WAIT / 2)
        assert not waiter.is_alive(), "the consumer was not woken by the other connection's publish"
        # Both sides publish in turn: each takes the offsets after the other's, none is reused.
        second.publish(records("b", 2))
        first.publish(records("c", 2))
        seen = list(waited)
        while len(seen) < 7 and (batch := consumer.poll(LONG_WAIT)):
            seen.extend(batch)
        assert [d.offset for d in seen] == list(range(7))
        assert [d.record.key for d in seen] == ["a-0", "a-1", "a-2", "b-0", "b-1", "c-0", "c-1"]
        assert consumer.lag() == 0
    finally:
        first.close()
        second.close()


def test_a_follower_waiting_for_appends_sees_another_connection_append(tmp_path: Path) -> None:
    path = tmp_path / "registry.events.db"
    writer, follower = SqliteEventStore(path), SqliteEventStore(path)
    try:
        waiter = threading.Thread(target=follower.wait_for_append, args=(LONG_WAIT,))
        waiter.start()
        appended: list[str] = []
        # Appends until the follower returns: an append made before it began to wait does not count.
        while waiter.is_alive() and len(appended) < 30:
            stream = f"enterprises/{uuid.uuid4().hex}"
            writer.append(stream, NO_STREAM, [NewEvent(stream, events.EnterpriseRegistered(enterprise=stream), Metadata())])
            appended.append(stream)
            waiter.join(0.5)
        assert not waiter.is_alive(), "the follower was not woken by the other connection's appends"
        assert [e.stream_id for e in follower.read_all()] == appended
    finally:
        writer.close()
        follower.close()
