"""`fedstd rebuild reporting --workers N` splits the replay by stream over N processes: the read models it makes
equal those of a rebuild in one process, of the sequential rebuild the distributed runtime runs, and of the live
projection, document for document (versions included)."""
from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

from benchmarks.history import history, seed_sqlite
from services.common.config import SERVICES
from services.common.eventstore.sqlite import SqliteEventStore, connect
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.reporting.projections import FederationProgress
from services.reporting.rebuild import rebuild, rebuild_embedded
from tests.support.reporting import deliveries, project, synthetic_programme


def every_document(docs: SqliteDocumentStore) -> dict[str, list[dict]]:
    return {collection: docs.find(collection, limit=1_000_000) for collection in FederationProgress.collections()}


def read_models(data: Path) -> dict[str, list[dict]]:
    docs = SqliteDocumentStore(data / "reporting.views.db")
    try:
        return every_document(docs)
    finally:
        docs.close()


def event_stores(data: Path) -> dict[str, SqliteEventStore]:
    data.mkdir(parents=True, exist_ok=True)
    return {service: SqliteEventStore(data / f"{service}.events.db") for service in SERVICES}


def rebuild_command(data: Path, workers: int) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "services.cli", "rebuild", "reporting", "--data-dir", str(data),
                             "--workers", str(workers)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def test_a_rebuild_over_several_processes_equals_one_in_a_single_process_and_the_live_projection(tmp_path: Path) -> None:
    log = synthetic_programme(seed=31, enterprises=150)
    live_store = SqliteDocumentStore(tmp_path / "live.db")
    project(live_store, deliveries(log), seed=31)
    live = every_document(live_store)
    live_store.close()
    assert sum(len(documents) for documents in live.values()) > 800
    streams = {event.stored.stream_id for event in log.events}
    assert all(any(zlib.crc32(s.encode()) % 3 == part for s in streams) for part in range(3))  # every worker has work

    data = tmp_path / "data"
    for service, store in event_stores(data).items():
        log.append_to(service, store)
        store.close()
    for workers in (3, 1):
        result = rebuild_command(data, workers)
        assert f"from {len(log.events)} events" in result.stdout
        assert f"100%  {len(log.events)}/{len(log.events)} events" in result.stderr
        assert read_models(data) == live, f"--workers {workers}"
        assert not list(data.glob(".rebuild-*")), "the workers' scratch files are left behind"


def test_on_the_benchmark_history_split_and_sequential_rebuilds_agree_and_skip_the_same_broken_event(tmp_path: Path) -> None:
    data = tmp_path / "data"
    counts = seed_sqlite(data, history(6000))
    broken = connect(data / "registry.events.db")  # an event a fold cannot apply: its bytes do not parse
    broken.execute("INSERT INTO events (stream_id, version, event_id, type, data, occurred_at, metadata)"
                   " VALUES ('enterprises/broken', 1, 'broken-1', 'fedstd.registry.v1.EnterpriseRegistered', x'ffff',"
                   " '2024-01-01T00:00:00+00:00', '{}')")
    broken.close()
    events = sum(counts.values()) + 1

    stores = event_stores(data)
    sequential = SqliteDocumentStore(tmp_path / "sequential.db")
    try:
        assert rebuild(stores, sequential) == (events, 1)  # the distributed runtime's way: read_all and apply
        expected = every_document(sequential)
    finally:
        sequential.close()
        for store in stores.values():
            store.close()
    assert sum(len(documents) for documents in expected.values()) > 10_000

    assert rebuild_embedded(data, workers=2) == (events, 1)
    assert read_models(data) == expected
