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
