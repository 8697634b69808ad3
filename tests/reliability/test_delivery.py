"""Nothing lost, nothing applied twice: real processes, a real Kafka-protocol broker and MongoDB-protocol server."""
from __future__ import annotations

import time
import uuid
from contextlib import ExitStack
from pathlib import Path

from kafka import KafkaConsumer, TopicPartition
from pymongo import MongoClient

from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.cloudevents import topic_for
from services.common.eventstore.mongo import MongoEventStore
from services.common.readmodel.mongo import MongoDocumentStore
from services.reporting.projections import FederationProgress, STANDARDS
from tests.support.fedstd import FedstdService
from tests.support.servers import MotoS3, TansuBroker

GROUP = FederationProgress.name
TOPIC = topic_for("registry")
ISSUER = TokenIssuer.generate()
AUTH_ENV = ISSUER.settings().environment()


#: The registry events before the standards: the region's federation and the chamber NMB under it.
SETUP_EVENTS = 2


def register_chamber(port: int) -> None:
    with channel(f"127.0.0.1:{port}", ISSUER.issue(Role.REGION)) as region:
        stub = registry_grpc.RegistryServiceStub(region)
        stub.RegisterFederation(registry.RegisterFederationRequest(division_code="150000", registered_on="2021-09-01"), timeout=10)
        stub.RegisterChamber(registry.RegisterChamberRequest(
            org_code="NMB", display_name="synthetic chamber", federation="federations/150000", registered_on="2021-09-15"), timeout=10)


def publish_standards(port: int, sequences: range) -> None:
    """One event per standard: its proposal (`chambers/NMB/groupStandards/{n}-2022`, version 1)."""
    with channel(f"127.0.0.1:{port}", ISSUER.issue(Role.CHAMBER, "NMB")) as chamber:
        stub = registry_grpc.RegistryServiceStub(chamber)
        for sequence in sequences:
            stub.ProposeGroupStandard(registry.ProposeGroupStandardRequest(
                parent="chambers/NMB", standard_id=f"{sequence}-2022", title=f"synthetic standard {sequence}",
                scope="synthetic", proposed_on="2022-03-01"), timeout=10)


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def committed_offsets(bootstrap: str, group: str, topic: str) -> dict[int, int | None]:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        return {p: consumer.committed(TopicPartition(topic, p)) for p in partitions}
    finally:
        consumer.close(autocommit=False)


def read_model(client: MongoClient, prefix: str) -> dict[str, dict]:
    docs = MongoDocumentStore(client, f"{prefix}_reporting_views")
    return {d["_key"]: d for d in docs.find(STANDARDS, limit=1000)}


def test_projector_crash_after_apply_before_commit_changes_nothing_on_redelivery(tmp_path: Path, mongo_uri: str) -> None:
    prefix = f"rel{uuid.uuid4().hex[:8]}"
    client = MongoClient(mongo_uri)
    with ExitStack() as stack:
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
        registry_host = stack.enter_context(FedstdService(tmp_path / "registry", "registry", broker.bootstrap, mongo_uri, prefix, env=AUTH_ENV))
        register_chamber(registry_host.port)
        publish_standards(registry_host.port, range(1, 6))
        store = MongoEventStore(client, f"{prefix}_registry_events")
        wait_until(lambda: store.get_checkpoint(f"relay:{TOPIC}") == store.last_position() == SETUP_EVENTS + 5, 30, "the relay")

        # The projector applies its first batch, then dies before committing the offsets.
        crashing = FedstdService(tmp_path / "crash", "reporting", broker.bootstrap, mongo_uri, prefix,
                                 roles="projector", env={"FEDSTD_FAILPOINTS": "consumer.after_apply"})
        crashing.start()
        assert crashing.wait_exit(60) == 137
        applied_before_crash = read_model(client, prefix)
        assert applied_before_crash, "the projector applied nothing before the crash point"
        assert all(offset is None for offset in committed_offsets(broker.bootstrap, GROUP, TOPIC).values())

        # Restarted, it is given the same records again and commits; the read model is unchanged by them.
        stack.enter_context(FedstdService(tmp_path / "again", "reporting", broker.bootstrap, mongo_uri, prefix, roles="projector"))
        wait_until(lambda: len(read_model(client, prefix)) == 5 and all(
            o is not None for o in committed_offsets(broker.bootstrap, GROUP, TOPIC).values()), 60, "the restarted projector")
        after = read_model(client, prefix)
        for key, document in applied_before_crash.items():
            assert after[key] == document
        assert sorted(d["_version"] for d in after.values()) == [1] * 5
    client.close()


def consume_all(bootstrap: str, topic: str, expected: int, timeout: float) -> list:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"check-{uuid.uuid4().hex}",
                             auto_offset_reset="earliest", enable_auto_commit=False,
                             session_timeout_ms=6000, heartbeat_interval_ms=1000, max_poll_interval_ms=5000)
    records, deadline = [], time.monotonic() + timeout
    try:
        while len({dict(r.headers)["ce_id"] for r in records}) < expected and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(batch)
    finally:
        consumer.close(autocommit=False)
    return records


def test_events_published_while_the_broker_is_down_arrive_when_it_returns(tmp_path: Path, mongo_uri: str) -> None:
    prefix = f"rel{uuid.uuid4().hex[:8]}"
    client = MongoClient(mongo_uri)
    with ExitStack() as stack:
        s3 = stack.enter_context(MotoS3(tmp_path / "s3"))
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu", s3=s3))
        registry_host = stack.enter_context(
            FedstdService(tmp_path / "registry", "registry", broker.bootstrap, mongo_uri, prefix, roles="api,relay",
                          env=AUTH_ENV))
        register_chamber(registry_host.port)
        publish_standards(registry_host.port, range(1, 3))
        before = SETUP_EVENTS + 2
        assert len({dict(r.headers)["ce_id"] for r in consume_all(broker.bootstrap, TOPIC, before, 30)}) == before

        broker.stop()
        publish_standards(registry_host.port, range(3, 8))  # commands succeed with the broker down
        store = MongoEventStore(client, f"{prefix}_registry_events")
        assert store.last_position() == before + 5
        assert store.get_checkpoint(f"relay:{TOPIC}") == before
        time.sleep(2)  # let the relay fail at least once

        broker.start()
        records = consume_all(broker.bootstrap, TOPIC, before + 5, 60)
        stored_ids = {e.event_id for e in store.read_all(0, 100)}
        assert {dict(r.headers)["ce_id"].decode() for r in records} == stored_ids
        assert {r.key.decode() for r in records} == {"federations/150000", "chambers/NMB"} | {
            f"chambers/NMB/groupStandards/{n}-2022" for n in range(1, 8)}
    client.close()
