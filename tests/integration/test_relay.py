"""The outbox relay over both buses: at least once, resuming from its recorded position."""
from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from services.common.bus import Bus
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.bus.local import LocalBus
from services.common.cloudevents import from_record
from services.common.eventstore import NO_STREAM
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.relay import OutboxRelay
from tests.contract.event_store_contract import event


@pytest.fixture(params=["local", "kafka"])
def bus(request: pytest.FixtureRequest, tmp_path: Path) -> Bus:
    if request.param == "local":
        made: Bus = LocalBus(tmp_path / "bus.db")
    else:
        broker = request.getfixturevalue("kafka_broker")
        made = KafkaBus(KafkaSettings(broker.bootstrap, session_timeout_ms=6000, heartbeat_interval_ms=1000,
                                      max_poll_interval_ms=5000))
    yield made
    made.close()


def drain(bus: Bus, topic: str, expected: int, timeout: float = 30.0) -> list:
    consumer = bus.consumer(f"check-{uuid.uuid4().hex}", [topic])
    deliveries, deadline = [], time.monotonic() + timeout
    try:
        while len(deliveries) < expected and time.monotonic() < deadline:
            deliveries.extend(consumer.poll(0.5))
    finally:
        consumer.close()
    return [from_record(d.record) for d in deliveries]


def test_relay_publishes_in_order_and_resumes_after_its_checkpoint(bus: Bus, tmp_path: Path) -> None:
    topic = f"relay-{uuid.uuid4().hex[:8]}"
    store = SqliteEventStore(tmp_path / "events.db")
    for i in range(5):
        store.append(f"s/{i}", NO_STREAM, [event(f"s/{i}", str(i))])
    bus.ensure_topics([topic])
    assert OutboxRelay(store, bus, topic, "/test", batch_size=3).run_once() == 3
    # A new relay (as after a restart) continues after the recorded checkpoint.
    restarted = OutboxRelay(store, bus, topic, "/test", batch_size=3)
    assert restarted.run_once() == 2
    assert restarted.run_once() == 0 and restarted.lag() == 0
    received = drain(bus, topic, 5)
    assert sorted(e.position for e in received) == [1, 2, 3, 4, 5]
    assert {e.event_id for e in received} == {e.event_id for e in store.read_all(0, 10)}
    assert all(e.message().group_standard == e.stream_id for e in received)


def test_relay_crash_after_publish_republishes_the_batch(tmp_path: Path) -> None:
    """At least once: a relay that dies between publishing and checkpointing publishes the batch again."""
    store_path, bus_path = tmp_path / "events.db", tmp_path / "bus.db"
    store = SqliteEventStore(store_path)
    for i in range(4):
        store.append(f"s/{i}", NO_STREAM, [event(f"s/{i}")])
    script = (
        "from services.common.bus.local import LocalBus\n"
        "from services.common.eventstore.sqlite import SqliteEventStore\n"
        "from services.common.relay import OutboxRelay\n"
        f"OutboxRelay(SqliteEventStore({str(store_path)!r}), LocalBus({str(bus_path)!r}), 't', '/test').run_once()\n"
    )
    crashed = subprocess.run([sys.executable, "-c", script], env={"FEDSTD_FAILPOINTS": "relay.after_publish",
                                                                  "PATH": ""}, timeout=60)
    assert crashed.returncode == 137
    assert store.get_checkpoint("relay:t") == 0
    bus = LocalBus(bus_path)
    assert OutboxRelay(store, bus, "t", "/test").run_once() == 4
    received = drain(bus, "t", 8, timeout=5)
    assert len(received) == 8 and len({e.event_id for e in received}) == 4


class ArrivalsWhileWaiting:
    """The relay's stop event: each wait lets `arrivals` more events reach the store (as commands would while
    the relay lingers), and records how long the relay meant to wait; set after `waits` waits."""

    def __init__(self, store: SqliteEventStore, arrivals: list[int], waits: int):
        self.store, self.arrivals, self.waits = store, list(arrivals), waits
        self.timeouts: list[float] = []
        self.appended = 0

    def is_set(self) -> bool:
        return len(self.timeouts) >= self.waits

    def wait(self, timeout: float) -> bool:
        self.timeouts.append(timeout)
        for _ in range(self.arrivals.pop(0) if self.arrivals else 0):
            self.appended += 1
            self.store.append(f"s/{self.appended}", NO_STREAM, [event(f"s/{self.appended}", str(self.appended))])
        return self.is_set()


class BatchCountingBus(LocalBus):
    """The embedded bus, noting the size of each batch published to it."""

    def __init__(self, path: Path):
        super().__init__(path)
        self.batches: list[int] = []

    def publish(self, records) -> None:
        super().publish(records)
        self.batches.append(len(records))


def test_under_load_the_relay_lingers_so_that_a_batch_carries_what_came_in_meanwhile(tmp_path: Path) -> None:
    store = SqliteEventStore(tmp_path / "events.db")
    bus = BatchCountingBus(tmp_path / "bus.db")
    stop = ArrivalsWhileWaiting(store, arrivals=[1, 4, 7], waits=4)
    stop.wait(0)  # the first event comes in before the relay starts
    relay = OutboxRelay(store, bus, "t", "/test", batch_size=500, linger=0.02)
    relay.run(stop, idle_wait=0.01)
    # One event alone is published at once; after a batch that was not full the relay lingers, and the next
    # batch carries every event that arrived in the meantime.
    assert stop.timeouts == [0, 0.02, 0.02, 0.02]
    assert bus.batches == [1, 4, 7]
    received = drain(bus, "t", 12)
    assert [e.position for e in received] == list(range(1, 13))
    bus.close()
