"""Bulk ingestion: a streaming import of enterprises (`ImportEnterprises`), beside a no-op gRPC stream.

fedstd: `fedstd up` as its own process (all three services, relays and projections running, in its
worker process unless FEDSTD_WORKERS=threads); one client-streaming `ImportEnterprises` call per
round from a league federation's token, 500 records per message, each record a new enterprise (one
`EnterpriseRegistered` on a new stream), checked as `RegisterEnterprise` checks it and appended 500
streams per transaction. The figure is events accepted into the event store per second: records sent
until the answer (everything stored). Information beside it: the time from the answer until the
registry's read model shows every imported enterprise (relay, bus, projection), and the CPU time per
event of `fedstd up`'s API process (gRPC, checks, store) and of its child processes (the worker's relays
and projections, which take the other core while the import runs; the reporting API idles).

Baseline in the same rounds, with the same messages and client: a no-op grpcio server draining the
same client stream (what carrying the records costs gRPC itself). Further baselines on the same
rows: plain SQLite inserts of the same serialized events, 500 per transaction, same journal
settings (the ceiling of the store's medium); and `SqliteEventStore.append_batch` of the same
events, in-process (the store without gRPC and checks).
"""
from __future__ import annotations

import itertools
import sqlite3
import time
from pathlib import Path

import grpc

from benchmarks.event_store import message
from benchmarks.harness import Context, Figure, Measure, Stat, ratio_of, stopwatch
from benchmarks.history import FRESH_SERIALS
from benchmarks.load import bearer
from benchmarks.processes import EmbeddedSuite, NoopGrpcServer
from benchmarks.write_path import LEAGUE, register_request, suite_cpu_seconds
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from services.common.auth import Role, TokenIssuer
from services.common.events import NewEvent
from services.common.eventstore import NO_STREAM, Append
from services.common.eventstore.sqlite import SqliteEventStore, connect
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.registry.imports import BATCH_STREAMS
from services.registry.projections import ENTERPRISES

#: Records per round: the event-store benchmark's appends, ten times over.
RECORDS_PER_APPEND = 10
#: Records per stream message, as a bulk client would chunk them.
RECORDS_PER_MESSAGE = 500
CAUGHT_UP_TIMEOUT_S = 300.0




def chunked(serials: list[int]) -> list[registry.ImportEnterprisesRequest]:
    """The import's stream: RECORDS_PER_MESSAGE records per message."""
    records = [registry.EnterpriseImportRecord(enterprise=register_request(serial)) for serial in serials]
    return [registry.ImportEnterprisesRequest(records=records[start:start + RECORDS_PER_MESSAGE])
            for start in range(0, len(records), RECORDS_PER_MESSAGE)]


def import_rate(target: str, token: str, messages: list[registry.ImportEnterprisesRequest], fedstd: bool) -> float:
    """Records per second through one streaming call, until its answer (fedstd: all must be accepted)."""
    records = sum(len(message.records) for message in messages)
    with grpc.insecure_channel(target) as channel:
        stub = registry_grpc.RegistryServiceStub(channel)
        with stopwatch() as elapsed:
            outcome = stub.ImportEnterprises(iter(messages), metadata=bearer(token), timeout=600)
        seconds = elapsed()
    received = outcome.received_count if fedstd else records  # the no-op server counts messages, unparsed
    if received != records or outcome.refused_count:
        raise RuntimeError(f"{outcome.refused_count} of {records} records refused, first: {outcome.refusals[:1]}")
    return records / seconds


def caught_up_seconds(views: Path, expected: int) -> float:
    """Seconds until the registry's read model shows `expected` enterprises."""
    docs = SqliteDocumentStore(views)
    try:
        with stopwatch() as elapsed:
            while docs.count(ENTERPRISES) < expected:
                if elapsed() > CAUGHT_UP_TIMEOUT_S:
                    raise RuntimeError(f"the read model did not catch up in {CAUGHT_UP_TIMEOUT_S:.0f}s")
                time.sleep(0.02)
            return elapsed()
    finally:
        docs.close()


def raw_batch_rate(path: Path, serials: list[int]) -> float:
    """Plain SQLite inserts of the same serialized events, BATCH_STREAMS rows per transaction."""
    db: sqlite3.Connection = connect(path)
    db.execute("CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT, data BLOB)")
    rows = [(m.enterprise, m.SerializeToString()) for m in map(message, serials)]
    with stopwatch() as elapsed:
        for start in range(0, len(rows), BATCH_STREAMS):
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO events (stream_id, data) VALUES (?, ?)", rows[start:start + BATCH_STREAMS])
            db.execute("COMMIT")
    db.close()
    return len(rows) / elapsed()


def store_batch_rate(path: Path, serials: list[int]) -> float:
    """`SqliteEventStore.append_batch` of the same events, BATCH_STREAMS streams per call, in-process."""
    store = SqliteEventStore(path)
    appends = [Append(m.enterprise, NO_STREAM, [NewEvent(m.enterprise, m)]) for m in map(message, serials)]
    with stopwatch() as elapsed:
        for start in range(0, len(appends), BATCH_STREAMS):
            store.append_batch(appends[start:start + BATCH_STREAMS])
    store.close()
    return len(appends) / elapsed()


def run(ctx: Context) -> list[Figure]:
    figure = Figure("bulk_ingestion", "bulk ingestion: streaming import of enterprises (ImportEnterprises)",
                    "≥ 20,000 events/s")
    records = ctx.scale.appends * RECORDS_PER_APPEND
    issuer = TokenIssuer.generate()
    token = issuer.issue(Role.LEAGUE, LEAGUE)
    serials = itertools.count()
    imports, noops, raws, stores, caught_up, api_cpu, worker_cpu = [], [], [], [], [], [], []
    imported = 0
    data = ctx.folder("bulk-ingestion") / "data"
    with NoopGrpcServer(ctx.folder("grpc-noop-stream"), client_stream=True) as noop, EmbeddedSuite(data, issuer) as suite:
        target = suite.target("registry")
        for round_ in range(ctx.scale.rounds):
            batch = [next(serials) for _ in range(records)]
            messages = chunked(batch)
            noops.append(import_rate(noop.target, token, messages, fedstd=False))
            api_before, suite_before = suite_cpu_seconds(suite.pid)
            imports.append(import_rate(target, token, messages, fedstd=True))
            api_after, suite_after = suite_cpu_seconds(suite.pid)
            api_cpu.append((api_after - api_before) / records * 1e6)
            worker_cpu.append(((suite_after - api_after) - (suite_before - api_before)) / records * 1e6)
            imported += records
            caught_up.append(caught_up_seconds(data / "registry.views.db", imported))
            folder = ctx.folder(f"bulk-ingestion/{round_}")
            baseline_serials = [FRESH_SERIALS + serial for serial in batch]
            raws.append(raw_batch_rate(folder / "raw.db", baseline_serials))
            stores.append(store_batch_rate(folder / "store.db", baseline_serials))
            ctx.log(f"  round {round_ + 1}: import {imports[-1]:,.0f}/s, no-op gRPC stream {noops[-1]:,.0f}/s, "
                    f"raw SQLite batches {raws[-1]:,.0f}/s, append_batch {stores[-1]:,.0f}/s, "
                    f"read model caught up {caught_up[-1]:.1f}s after the answer; CPU per event during the import: "
                    f"API process {api_cpu[-1]:.0f} µs, child processes {worker_cpu[-1]:.0f} µs")
    figure.fedstd = Measure("ImportEnterprises", "events/s", Stat.of(imports))
    figure.baseline = Measure(f"no-op grpcio client stream, {RECORDS_PER_MESSAGE} records per message", "records/s",
                              Stat.of(noops))
    figure.ratio = ratio_of(imports, noops)
    figure.extra = [Measure(f"raw SQLite inserts, {BATCH_STREAMS} per transaction", "events/s", Stat.of(raws)),
                    Measure(f"SqliteEventStore.append_batch, {BATCH_STREAMS} streams per call", "events/s", Stat.of(stores)),
                    Measure("read model caught up, after the answer (info)", "s", Stat.of(caught_up)),
                    Measure("CPU per event of the API process during the import (info)", "µs", Stat.of(api_cpu)),
                    Measure("CPU per event of the child processes (the worker) during the import (info)", "µs", Stat.of(worker_cpu))]
    figure.details = {"records_per_round": records, "records_per_message": RECORDS_PER_MESSAGE,
                      "batch_streams": BATCH_STREAMS,
                      "caught_up_s": Stat.of(caught_up).__dict__,
                      "end_to_end_events_per_s": Stat.of([records / (records / rate + seconds)
                                                          for rate, seconds in zip(imports, caught_up)]).__dict__}
    return [figure.judge((figure.fedstd.value.median >= 20_000, f"{figure.fedstd.value.median:,.0f}/s < 20,000/s"))]
