"""Do the event stores, the topics and the read models agree? The check every reliability test ends with.

`audit` compares, per service: the events in its store (each event id once, every stream's
versions 1..n with no gap), the records it published on its topic (every stored event id at least
once, nothing that is not stored; records of other producers are counted apart) and the read
models of every projection with a fresh rebuild of them from the stores alone (the same handlers,
each event once, in order: what an undisturbed run would show).
"""
from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kafka import KafkaConsumer, TopicPartition

from services.assessment.projections import AssessmentViews, RegistryFacts
from services.common.bus import Record
from services.common.cloudevents import source_for
from services.common.config import SERVICES
from services.common.events import StoredEvent
from services.common.eventstore import EventStore
from services.common.readmodel import DocumentStore
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.registry.projections import RegistryViews
from services.registry.rebuild import replay
from services.reporting.rebuild import rebuild as rebuild_progress

#: Collections of resources a service answers for, one document per stream of its own, at the stream's version.
OWN_RESOURCES = {"registry": ("federations", "chambers", "enterprises", "group_standards")}
#: How many documents of one collection a comparison reads: far more than any test makes.
EVERY_DOCUMENT = 1_000_000


def stored_events(store: EventStore) -> list[StoredEvent]:
    events: list[StoredEvent] = []
    while batch := store.read_all(events[-1].position if events else 0, 5000):
        events.extend(batch)
    return events


def kafka_records(bootstrap: str, topic: str, timeout: float = 30.0) -> list[Record]:
    """Every record on `topic` now, read from the start of each partition to its end."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None,
                             request_timeout_ms=11_000, session_timeout_ms=6000, heartbeat_interval_ms=1000)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return []
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records: list[Record] = []
        deadline = time.monotonic() + timeout
        while any(consumer.position(p) < ends[p] for p in partitions):
            if time.monotonic() > deadline:
                raise AssertionError(f"could not read {topic} to its end in {timeout}s")
            for batch in consumer.poll(timeout_ms=500).values():
                records.extend(Record(r.topic, (r.key or b"").decode(), r.value or b"",
                                      {k: v.decode("utf-8", "replace") for k, v in r.headers or ()}) for r in batch)
        return records
    finally:
        consumer.close(autocommit=False)


def local_records(bus_file: Path, topic: str) -> list[Record]:
    """Every record on `topic` of the embedded bus, read from its file (the bus may be running)."""
    with sqlite3.connect(f"file:{bus_file}?mode=ro", uri=True, timeout=30) as db:
        rows = db.execute("SELECT key, value, headers FROM records WHERE topic = ? ORDER BY offset", (topic,)).fetchall()
    return [Record(topic, key, bytes(value), json.loads(headers)) for key, value, headers in rows]


def local_committed(bus_file: Path, group: str, topic: str) -> int:
    """The offset a consumer group committed on a topic of the embedded bus (0: none yet)."""
    with sqlite3.connect(f"file:{bus_file}?mode=ro", uri=True, timeout=30) as db:
        row = db.execute("SELECT offset FROM committed WHERE grp = ? AND topic = ?", (group, topic)).fetchone()
    return row[0] if row else 0


def rebuilt_views(stores: Mapping[str, EventStore], workdir: Path) -> dict[str, SqliteDocumentStore]:
    """Each service's read models made afresh from the stores: every event once, in store order."""
    workdir.mkdir(parents=True, exist_ok=True)
    views = {service: SqliteDocumentStore(workdir / f"{service}.rebuilt.{uuid.uuid4().hex[:6]}.db") for service in SERVICES}
    events = {service: stored_events(store) for service, store in stores.items()}
    for service, projection, source in (("registry", RegistryViews(), "registry"),
                                        ("assessment", AssessmentViews(), "assessment"),
                                        ("assessment", RegistryFacts(), "registry")):
        projection.setup(views[service])
        views[service].apply(replay(projection, events[source]))
    rebuild_progress(stores, views["reporting"])  # what `fedstd rebuild reporting` does
    return views


def collections(docs: DocumentStore) -> list[str]:
    """The read-model collections a document store holds (SQLite: its `doc_*` tables; MongoDB: its collections
    but the store's own bookkeeping, `readmodel_*`, such as the change feed's stamp)."""
    if isinstance(docs, SqliteDocumentStore):
        with docs._lock:  # the store's connection, shared with its writers
            rows = docs._db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'doc\\_%' ESCAPE '\\'").fetchall()
        return sorted(name.removeprefix("doc_") for (name,) in rows)
    return sorted(name for name in docs._db.list_collection_names() if not name.startswith("readmodel_"))


def contents(docs: DocumentStore, names: Sequence[str]) -> dict[str, list[dict]]:
    return {name: docs.find(name, limit=EVERY_DOCUMENT) for name in names}


@dataclass
class ServiceAudit:
    stored: int = 0
    #: Stored events that are there more than once (by event id).
    doubled_in_store: int = 0
    streams: int = 0
    #: Streams whose versions are not 1..n.
    broken_streams: list[str] = field(default_factory=list)
    records_on_topic: int = 0
    distinct_on_topic: int = 0
    #: Stored events not on the topic, and events on the topic that are not stored.
    missing_on_topic: int = 0
    unknown_on_topic: int = 0
    #: Records on the topic that the service did not publish (another producer's, malformed ones).
    foreign_on_topic: int = 0
    #: Read-model collections that differ from a fresh rebuild (with how many documents differ).
    differing_views: dict[str, int] = field(default_factory=dict)
    view_documents: int = 0
    #: Documents of the service's own read models named after one of its streams, at another version than
    #: that stream's last one (a resource's version is its stream's version).
    stale_documents: list[str] = field(default_factory=list)

    def problems(self, service: str) -> list[str]:
        found = []
        if self.doubled_in_store:
            found.append(f"{service}: {self.doubled_in_store} events stored twice")
        if self.broken_streams:
            found.append(f"{service}: stream versions not contiguous in {self.broken_streams[:5]}")
        if self.missing_on_topic:
            found.append(f"{service}: {self.missing_on_topic} stored events never reached the topic")
        if self.unknown_on_topic:
            found.append(f"{service}: {self.unknown_on_topic} events on the topic are not in the store")
        if self.stale_documents:
            found.append(f"{service}: documents not at their stream's version: {self.stale_documents[:5]}")
        for collection, differing in self.differing_views.items():
            found.append(f"{service}: {differing} documents of {collection} differ from a fresh rebuild")
        return found


@dataclass
class Audit:
    services: dict[str, ServiceAudit]

    def problems(self) -> list[str]:
        return [problem for service, audit in self.services.items() for problem in audit.problems(service)]

    @property
    def stored(self) -> int:
        return sum(a.stored for a in self.services.values())

    @property
    def distinct_on_topic(self) -> int:
        return sum(a.distinct_on_topic for a in self.services.values())

    @property
    def records_on_topic(self) -> int:
        return sum(a.records_on_topic for a in self.services.values())


def _differing(live: list[dict], fresh: list[dict]) -> int:
    by_key = {d["_key"]: d for d in live}
    fresh_by_key = {d["_key"]: d for d in fresh}
    return sum(by_key.get(key) != fresh_by_key.get(key) for key in by_key.keys() | fresh_by_key.keys())


def audit(stores: Mapping[str, EventStore], records: Mapping[str, list[Record]], views: Mapping[str, DocumentStore],
          workdir: Path) -> Audit:
    """Compares stores, topics (`records` per service) and live read models (`views` per service)."""
    rebuilt = rebuilt_views(stores, workdir)
    result: dict[str, ServiceAudit] = {}
    try:
        for service, store in stores.items():
            events = stored_events(store)
            report = ServiceAudit(stored=len(events))
            ids = Counter(e.event_id for e in events)
            report.doubled_in_store = sum(n - 1 for n in ids.values())
            versions: dict[str, list[int]] = defaultdict(list)
            for event in events:
                versions[event.stream_id].append(event.version)
            report.streams = len(versions)
            report.broken_streams = sorted(s for s, v in versions.items() if sorted(v) != list(range(1, len(v) + 1)))
            ours = [r for r in records[service] if r.headers.get("ce_source") == source_for(service)]
            report.foreign_on_topic = len(records[service]) - len(ours)
            on_topic = Counter(r.headers.get("ce_id") for r in ours)
            report.records_on_topic = sum(on_topic.values())
            report.distinct_on_topic = len(on_topic)
            report.missing_on_topic = len(ids.keys() - on_topic.keys())
            report.unknown_on_topic = len(on_topic.keys() - ids.keys())
            fresh = rebuilt[service]
            names = collections(fresh)
            live, expected = contents(views[service], names), contents(fresh, names)
            report.view_documents = sum(len(docs) for docs in live.values())
            report.stale_documents = sorted(
                f"{name}/{d['_key']}@{d['_version']}" for name in OWN_RESOURCES.get(service, ()) for d in live.get(name, [])
                if d["_key"] in versions and d["_version"] != max(versions[d["_key"]]))
            report.differing_views = {n: d for n in names if (d := _differing(live[n], expected[n]))}
            result[service] = report
    finally:
        for docs in rebuilt.values():
            docs.close()
    return Audit(result)


def wait_for(condition: Callable[[], object], timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def settled(audit_now: Callable[[], Audit], timeout: float, what: str = "the stores, topics and read models to agree") -> Audit:
    """Audits until everything agrees (projectors catch up asynchronously); the last audit either way."""
    deadline = time.monotonic() + timeout
    while True:
        result = audit_now()
        if not result.problems() or time.monotonic() > deadline:
            return result
        time.sleep(1.0)
