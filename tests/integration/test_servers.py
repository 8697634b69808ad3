"""The test servers in tests.support.servers, exercised through their real protocols."""

from __future__ import annotations

import os
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic
from pymongo.errors import DuplicateKeyError

from tests.support.servers import (
    ManagedProcess,
    MongoWireServer,
    MotoS3,
    ServerStartError,
    TansuBroker,
    free_port,
    wait_for_port,
)

# Tansu's group coordinator needs short intervals to let a group settle quickly.
GROUP_SETTINGS = {
    "max_poll_interval_ms": 5000,
    "session_timeout_ms": 6000,
    "heartbeat_interval_ms": 1000,
}
RECORDS = 200
CONSUME_TIMEOUT = 20.0


def _pid_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def produce(bootstrap: str, topic: str, count: int) -> set[bytes]:
    """Send ``count`` keyed records, wait for every ack, return the values sent."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    try:
        values = {f"record-{i:05d}".encode() for i in range(count)}
        futures = [producer.send(topic, key=value[-2:], value=value) for value in sorted(values)]
        producer.flush(timeout=10)
        for future in futures:
            future.get(timeout=10)  # raises if the broker rejected the record
    finally:
        producer.close(timeout=5)
    return values


def consume(bootstrap: str, topic: str, group: str, expected: int) -> list[bytes]:
    """Read ``expected`` records from the beginning as group ``group``, commit, return them.

    Counting records (not comparing with end offsets) is deliberate: Tansu's
    ListOffsets(latest) can report up to one batch too few.
    """
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **GROUP_SETTINGS,
    )
    values: list[bytes] = []
    try:
        deadline = time.monotonic() + CONSUME_TIMEOUT
        while len(values) < expected and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                values.extend(record.value for record in records)
        consumer.commit()
        committed = sum(consumer.committed(tp) or 0 for tp in consumer.assignment())
    finally:
        consumer.close()
    assert committed == len(values), "committed offsets should cover exactly what was read"
    return values


# ---------------------------------------------------------------------------
# Kafka protocol: Tansu
# ---------------------------------------------------------------------------


@pytest.fixture
def memory_broker(tmp_path: Path) -> Iterator[TansuBroker]:
    with TansuBroker(tmp_path / "tansu") as broker:
        yield broker


@pytest.fixture
def s3(tmp_path: Path) -> Iterator[MotoS3]:
    with MotoS3(tmp_path / "moto") as server:
        yield server


@pytest.mark.kafka
def test_memory_broker_round_trip_through_consumer_group(memory_broker: TansuBroker) -> None:
    admin = KafkaAdminClient(bootstrap_servers=memory_broker.bootstrap)
    try:
        admin.create_topics([NewTopic("events", num_partitions=3, replication_factor=1)])
        assert "events" in admin.list_topics()
    finally:
        admin.close()

    sent = produce(memory_broker.bootstrap, "events", RECORDS)
    received = consume(memory_broker.bootstrap, "events", "round-trip", RECORDS)

    assert len(received) == RECORDS, "every record exactly once"
    assert set(received) == sent


@pytest.mark.kafka
def test_s3_broker_keeps_records_across_restart(tmp_path: Path, s3: MotoS3) -> None:
    broker = TansuBroker(tmp_path / "tansu", s3=s3, bucket="events-store")
    with broker:
        sent = produce(broker.bootstrap, "ledger", RECORDS)  # topic auto-created
        first_pid, port = broker.pid, broker.port
        broker.stop()
        assert not broker.is_running
        assert first_pid is not None and not _pid_exists(first_pid)

        broker.start()
        assert broker.pid != first_pid and broker.port == port
        received = consume(broker.bootstrap, "ledger", "after-restart", RECORDS)

    assert len(received) == RECORDS
    assert set(received) == sent
    stored = s3.client().list_objects_v2(Bucket="events-store").get("KeyCount", 0)
    assert stored > 0, "Tansu should have written its records to the bucket"


@pytest.mark.kafka
def test_s3_broker_keeps_acked_records_after_kill(tmp_path: Path, s3: MotoS3) -> None:
    with TansuBroker(tmp_path / "tansu", s3=s3) as broker:
        sent = produce(broker.bootstrap, "crashy", 50)
        broker.kill()
        broker.start()
        received = consume(broker.bootstrap, "crashy", "after-crash", 50)
    assert sorted(received) == sorted(sent)


@pytest.mark.kafka
def test_second_broker_on_taken_port_fails_with_log_tail(
    tmp_path: Path, memory_broker: TansuBroker
) -> None:
    clash = TansuBroker(tmp_path / "clash", port=memory_broker.port)
    with pytest.raises(ServerStartError, match="already in use"):
        clash.start()
    assert not clash.is_running
    assert memory_broker.is_running


def test_process_that_dies_during_startup_reports_exit_code_and_log(tmp_path: Path) -> None:
    doomed = ManagedProcess(
        [sys.executable, "-c", "print('no such config: bogus.toml', flush=True); raise SystemExit(3)"],
        workdir=tmp_path,
        port=free_port(),
    )
    with pytest.raises(ServerStartError, match="exited with code 3") as failure:
        doomed.start()
    assert "no such config: bogus.toml" in str(failure.value)
    assert not doomed.is_running


def test_plain_managed_process_starts_and_stops(tmp_path: Path) -> None:
    port = free_port()
    server = ManagedProcess(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)],
        workdir=tmp_path,
        port=port,
    )
    with server:
        assert server.is_running
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
        pid = server.pid
    assert not server.is_running
    assert pid is not None and not _pid_exists(pid)
    assert "GET / HTTP" in server.log_tail()


def test_wait_for_port_times_out_with_clear_error() -> None:
    started = time.monotonic()
    with pytest.raises(ServerStartError, match="nothing listening"):
        wait_for_port("127.0.0.1", free_port(), timeout=0.5)
    assert time.monotonic() - started < 5


# ---------------------------------------------------------------------------
# MongoDB protocol: nx-27017
# ---------------------------------------------------------------------------


@pytest.mark.mongo
def test_mongo_unique_index_and_restart(tmp_path: Path) -> None:
    server = MongoWireServer(tmp_path / "mongo")
    with server:
        with server.client() as client:
            items = client.fedstd_test.items
            items.create_index("key", unique=True)
            items.insert_many([{"key": f"k{i}", "n": i} for i in range(10)])
            with pytest.raises(DuplicateKeyError):
                items.insert_one({"key": "k3", "n": 99})
            assert items.count_documents({}) == 10

        first_pid = server.pid
        server.stop()
        assert first_pid is not None and not _pid_exists(first_pid)
        server.start()

        with server.client() as client:
            items = client.fedstd_test.items
            assert items.count_documents({}) == 10
            assert items.find_one({"key": "k3"}, {"_id": 0}) == {"key": "k3", "n": 3}
            with pytest.raises(DuplicateKeyError):  # the unique index came back too
                items.insert_one({"key": "k3", "n": 100})
    assert not server.is_running


@pytest.mark.mongo
def test_mongo_keeps_acknowledged_writes_after_kill(tmp_path: Path) -> None:
    server = MongoWireServer(tmp_path / "mongo")
    with server:
        with server.client() as client:
            client.fedstd_test.log.insert_one({"seq": 1})
        server.kill()
        server.start()
        with server.client() as client:
            assert client.fedstd_test.log.find_one({}, {"_id": 0}) == {"seq": 1}
