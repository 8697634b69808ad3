"""`fedstd rebuild reporting` drops the progress read models and replays the three services' event stores:
on a populated store it ends in exactly the state the live projection reached (embedded and MongoDB)."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from pymongo import MongoClient

from services.common.auth import TokenIssuer
from services.common.config import SERVICES, Settings
from services.common.readmodel import DocumentStore, Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.common.runtime import EmbeddedInfrastructure, ServiceHost
from services.reporting.facts import BRAND_LEVELS
from services.reporting.projections import STATES, FederationProgress
from services.reporting.rebuild import mongo_stores
from tests.support.reporting import deliveries, project, relay_until_stopped, synthetic_programme


def every_document(docs: DocumentStore) -> dict[str, list[dict]]:
    return {collection: docs.find(collection, limit=100_000) for collection in FederationProgress.collections()}


def rebuild(*arguments: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "services.cli", "rebuild", "reporting", *arguments],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def spoil(docs: DocumentStore) -> None:
    """What a rebuild must not keep: a lost collection and a stray document."""
    docs.drop_collections([STATES])
    docs.apply([Put(BRAND_LEVELS, "enterprises/stray/brandEvaluations/1", 99, {"star_level": 5})])


def test_rebuild_of_the_embedded_store_reproduces_the_live_projection(tmp_path: Path) -> None:
    data = tmp_path / "data"
    log = synthetic_programme(seed=21, enterprises=80)
    reference = SqliteDocumentStore(tmp_path / "reference.db")
    project(reference, deliveries(log), seed=21)
    expected = every_document(reference)
    reference.close()

    infrastructure = EmbeddedInfrastructure(data)
    stores = {service: infrastructure.event_store(service) for service in SERVICES}
    for service, store in stores.items():
        log.append_to(service, store)
    host = ServiceHost("reporting", infrastructure,
                       Settings(data_dir=data, ports={"reporting": 0}, auth=TokenIssuer.generate().settings()),
                       roles=["projector"]).start()
    stop = threading.Event()
    relays = threading.Thread(target=relay_until_stopped, args=(stores, infrastructure.bus, stop), daemon=True)
    relays.start()
    try:
        deadline = time.monotonic() + 60
        while (live := every_document(host.docs)) != expected:
            assert time.monotonic() < deadline, "the live projection did not reach the expected read model"
            time.sleep(0.2)
    finally:
        stop.set()
        relays.join(30)
        host.stop()
        infrastructure.close()
    assert sum(len(documents) for documents in live.values()) > 500
    views = SqliteDocumentStore(data / "reporting.views.db")
    spoil(views)
    views.close()

    result = rebuild("--data-dir", str(data))
    assert f"from {len(log.events)} events" in result.stdout
    assert "100%" in result.stderr and f"{len(log.events)}/{len(log.events)} events" in result.stderr
    rebuilt = SqliteDocumentStore(data / "reporting.views.db")
    try:
        assert every_document(rebuilt) == live
    finally:
        rebuilt.close()


def test_rebuild_of_mongodb_stores_reproduces_the_projection(mongo_uri: str, mongo_database: str) -> None:
    log = synthetic_programme(seed=22, enterprises=30)
    client = MongoClient(mongo_uri)
    try:
        stores, docs = mongo_stores(client, mongo_database)
        for service in SERVICES:
            log.append_to(service, stores[service])
        project(docs, deliveries(log), seed=22, chaos=True)  # as a live projector would: redeliveries and all
        live = every_document(docs)
        spoil(docs)

        result = rebuild("--mongo-uri", mongo_uri, "--database-prefix", mongo_database)
        assert f"from {len(log.events)} events" in result.stdout
        assert every_document(docs) == live
    finally:
        for name in [n for n in client.list_database_names() if n.startswith(f"{mongo_database}_")]:
            client.drop_database(name)
        client.close()
