"""Projections: event handlers that turn events into read-model changes, and the runner that feeds them.

The runner polls the bus, applies a whole batch of changes in one read-model write, and commits
the consumer offsets only afterwards. A crash in between redelivers the batch, and the version
guard of the read model makes the second application change nothing. Records that are not
fedstd events, or that a handler cannot apply, go to the dead-letter topic with the reason, and
the runner moves on.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from google.protobuf.message import Message
from pymongo.errors import PyMongoError

from services.common.bus import Bus, BusUnavailable, Delivery, Record
from services.common.cloudevents import MalformedRecord, dead_letter_topic, from_record
from services.common.errors import DeadlineError, NotFoundError
from services.common.events import StoredEvent
from services.common.failpoints import failpoint
from services.common.readmodel import DocumentStore, Put
from services.common.telemetry import ProjectionTelemetry, log_context

log = logging.getLogger(__name__)

Handler = Callable[[StoredEvent, Message], list[Put]]

#: Failures of the infrastructure rather than of the record: retried by redelivery, never dead-lettered.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OSError, sqlite3.OperationalError, PyMongoError, BusUnavailable)


class Projection:
    """Subclasses name their consumer group, topics, collections and indexes, and map event types to handlers."""

    name: str
    topics: tuple[str, ...]
    #: collection -> indexes, each a list of fields.
    indexes: Mapping[str, Sequence[Sequence[str]]] = {}

    def handlers(self) -> Mapping[type[Message], Handler]:
        raise NotImplementedError

    @contextmanager
    def batch(self, events: Sequence[StoredEvent]) -> Iterator[None]:
        """Wraps the handlers of one batch: a projection that reads its own documents per event loads the batch's
        documents here with one query (a round trip per batch instead of one per event), and forgets them after."""
        yield

    def setup(self, docs: DocumentStore) -> None:
        for collection, indexes in self.indexes.items():
            for fields in indexes:
                docs.ensure_index(collection, fields)


@dataclass
class RunnerStats:
    delivered: int = 0
    changed: int = 0
    dead_lettered: int = 0
    batches: int = 0
    last_positions: dict[str, int] = field(default_factory=dict)


class ProjectionRunner:
    def __init__(self, projection: Projection, docs: DocumentStore, bus: Bus):
        self.projection = projection
        self.docs = docs
        self.bus = bus
        self.stats = RunnerStats()
        self.telemetry = ProjectionTelemetry(projection.name)
        self._handlers = {cls.DESCRIPTOR.full_name: h for cls, h in projection.handlers().items()}
        projection.setup(docs)

    def process(self, deliveries: Sequence[Delivery]) -> None:
        """Applies one batch; dead-letters what cannot be applied."""
        changes: list[Put] = []
        dead: list[Record] = []
        positions: dict[str, int] = {}
        decoded: list[tuple[Delivery, StoredEvent]] = []
        for delivery in deliveries:
            try:
                decoded.append((delivery, from_record(delivery.record)))
            except MalformedRecord as exc:
                dead.append(self._dead_letter(delivery, str(exc)))
        with self.projection.batch([event for _, event in decoded]):
            for delivery, event in decoded:
                with log_context(event.metadata):
                    try:
                        handler = self._handlers.get(event.type)
                        if handler is not None:
                            changes.extend(handler(event, event.message()))
                        positions[delivery.record.topic] = max(event.position, positions.get(delivery.record.topic, 0))
                    except TRANSIENT_ERRORS:
                        raise  # a store or bus out of reach: nothing is committed, the batch comes again
                    except Exception as exc:  # a handler bug or a refused record must not stop the projection
                        log.exception("projection %s could not apply a record", self.projection.name)
                        dead.append(self._dead_letter(delivery, f"handler failed: {exc!r}"))
        if dead:
            self.bus.publish(dead)
        self.stats.changed += self.docs.apply(changes)
        self.stats.last_positions.update(positions)
        self.stats.delivered += len(deliveries)
        self.stats.dead_lettered += len(dead)
        self.stats.batches += 1
        self.telemetry.applied(len(deliveries), positions)
        for record in dead:
            self.telemetry.dead_lettered(record.headers["dlq_topic"])

    def _dead_letter(self, delivery: Delivery, reason: str) -> Record:
        record = delivery.record
        headers = {
            **record.headers,
            "dlq_reason": reason,
            "dlq_group": self.projection.name,
            "dlq_topic": record.topic,
            "dlq_partition": str(delivery.partition),
            "dlq_offset": str(delivery.offset),
        }
        return Record(dead_letter_topic(record.topic), record.key, record.value, headers)

    def run(self, stop: threading.Event, poll_timeout: float = 0.5, batch_size: int = 500) -> None:
        consumer = None
        progress = self.telemetry.progress
        try:
            with progress.running():
                while not stop.is_set():
                    delivered = 0
                    try:
                        if consumer is None:
                            consumer = self.bus.consumer(self.projection.name, self.projection.topics)
                        deliveries = consumer.poll(poll_timeout, batch_size)
                        if deliveries:
                            self.process(deliveries)
                            failpoint("consumer.after_apply")
                            consumer.commit()
                            delivered = len(deliveries)
                        self.telemetry.beat(delivered, consumer.lag())
                    except BusUnavailable as exc:
                        progress.bus_errors.inc()
                        log.warning("projection %s: bus unavailable: %s", self.projection.name, exc)
                        stop.wait(1.0)
                    except Exception:
                        # Uncommitted work is redelivered to a fresh consumer; the version guard dedupes it.
                        progress.errors.inc()
                        log.exception("projection %s: consumer failed; reconnecting", self.projection.name)
                        if consumer is not None:
                            consumer.close()
                        consumer = None
                        stop.wait(1.0)
        finally:
            if consumer is not None:
                consumer.close()


def wait_for_version(docs: DocumentStore, collection: str, key: str, min_version: int, timeout: float) -> dict | None:
    """Read-your-writes: the document once its version reaches `min_version`, or DeadlineError."""
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        document = docs.get(collection, key)
        if min_version <= 0 or (document is not None and document["_version"] >= min_version):
            return document
        if time.monotonic() >= deadline:
            raise DeadlineError(f"{key} has not reached version {min_version} in the read model yet")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def read_document(docs: DocumentStore, collection: str, name: str, min_version: int, timeout: float) -> dict:
    """The document for resource `name`, after waiting for `min_version`; NOT_FOUND when absent."""
    document = wait_for_version(docs, collection, name, min_version, timeout)
    if document is None:
        raise NotFoundError(f"{name} not found")
    return document
