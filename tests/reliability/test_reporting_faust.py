"""The reporting projector of the distributed runtime (a faust-streaming app) killed with SIGKILL in the
middle of a backlog and started again converges to exactly the read model of an uninterrupted run."""
from __future__ import annotations

import time
import uuid
from contextlib import ExitStack
from pathlib import Path

from pymongo import MongoClient

from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.cloudevents import source_for, topic_for
from services.common.config import SERVICES
from services.common.readmodel import DocumentStore
from services.common.readmodel.mongo import MongoDocumentStore
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.common.relay import OutboxRelay
from services.reporting.projections import STATES, FederationProgress
from services.reporting.rebuild import mongo_stores
from tests.support.fedstd import FedstdService
from tests.support.reporting import deliveries, project, synthetic_programme
from tests.support.servers import TansuBroker

#: Batches small enough that the kill comes with most of the backlog left.
SMALL_BATCHES = {"FEDSTD_FAUST_BATCH_SIZE": "50"}


def every_document(docs: DocumentStore) -> dict[str, list[dict]]:
    return {collection: docs.find(collection, limit=100_000) for collection in FederationProgress.collections()}


def test_a_killed_faust_projector_restarts_and_converges(tmp_path: Path, mongo_uri: str) -> None:
    prefix = f"faust{uuid.uuid4().hex[:8]}"
    log = synthetic_programme(seed=41, enterprises=120)
    reference = SqliteDocumentStore(tmp_path / "reference.db")
    project(reference, deliveries(log), seed=41)
    expected = every_document(reference)
    states = len(expected[STATES])
    reference.close()

    client = MongoClient(mongo_uri)
    with ExitStack() as stack:
        stack.callback(client.close)
        stack.callback(lambda: [client.drop_database(name) for name in client.list_database_names()
                                if name.startswith(f"{prefix}_")])
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
        stores, _ = mongo_stores(client, prefix)
        bus = KafkaBus(KafkaSettings(broker.bootstrap, request_timeout_ms=5000))
        stack.callback(bus.close)
        for service in SERVICES:  # the whole backlog is on the topics before the projector starts
            log.append_to(service, stores[service])
            relay = OutboxRelay(stores[service], bus, topic_for(service), source_for(service), batch_size=1000)
            bus.ensure_topics([relay.topic])
            while relay.run_once():
                pass
        views = MongoDocumentStore(client, f"{prefix}_reporting_views")

        first = FedstdService(tmp_path / "first", "reporting", broker.bootstrap, mongo_uri, prefix, roles="projector",
                              env=SMALL_BATCHES)
        first.start()
        deadline = time.monotonic() + 90
        while views.count(STATES) == 0:
            assert first.is_running and time.monotonic() < deadline, first.log_tail()
            time.sleep(0.05)
        first.kill()  # SIGKILL, with a batch applied and the rest of the backlog waiting
        at_kill = views.count(STATES)
        assert 0 < at_kill < states, "the projector was not killed in the middle of the backlog"

        stack.enter_context(FedstdService(tmp_path / "second", "reporting", broker.bootstrap, mongo_uri, prefix,
                                          roles="projector", env=SMALL_BATCHES))
        deadline = time.monotonic() + 120
        while (seen := every_document(views)) != expected:
            assert time.monotonic() < deadline, (
                f"not converged: {len(seen[STATES])} of {states} streams")
            time.sleep(0.5)
