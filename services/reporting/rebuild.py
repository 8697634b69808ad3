"""`fedstd rebuild reporting`: drops the progress read models and replays every event into them.

The events come straight from the three services' event stores (the embedded data folder's SQLite
files, or the `<prefix>_<service>_events` MongoDB databases), not from the bus, and go through the
same projection handlers as the live projector, so the rebuilt read models equal the live ones.
Stop the reporting projector first: it would write into collections being rebuilt.

The collections start empty and nothing else writes them, so the projection keeps the streams'
states in memory (`FederationProgress(replay=True)`) instead of reading each back, and the
indexes are created after the load (one sorted pass each instead of upkeep on every write).
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from typing import TextIO

from services.common.config import SERVICES
from services.common.eventstore import EventStore
from services.common.readmodel import DocumentStore
from services.reporting.projections import FederationProgress

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
BAR_WIDTH = 40

Progress = Callable[[int, int], None]


def rebuild(stores: Mapping[str, EventStore], docs: DocumentStore, progress: Progress = lambda done, total: None,
            batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Empties the projection's collections and replays every stored event; returns (replayed, skipped).

    An event a handler cannot apply is skipped, as the live projector dead-letters it.
    """
    projection = FederationProgress(replay=True)
    docs.drop_collections(projection.collections())
    projection.attach(docs)
    handlers = {cls.DESCRIPTOR.full_name: handler for cls, handler in projection.handlers().items()}
    total = sum(store.last_position() for store in stores.values())
    replayed = skipped = 0
    progress(0, total)
    for service, store in stores.items():
        position = 0
        while batch := store.read_all(position, batch_size):
            changes = []
            for event in batch:
                handler = handlers.get(event.type)
                if handler is None:
                    continue
                try:
                    changes.extend(handler(event, event.message()))
                except Exception:  # the live projector dead-letters it: the rebuild leaves it out too
                    log.exception("rebuild: %s event %s at %d could not be applied", service, event.type, event.position)
                    skipped += 1
            docs.apply(changes)
            position, replayed = batch[-1].position, replayed + len(batch)
            progress(replayed, max(total, replayed))
    projection.setup(docs)
    progress(replayed, replayed)
    return replayed, skipped


def progress_bar(stream: TextIO = sys.stderr) -> Progress:
    """Redraws `[#####.....]  52%  1234/2345 events` on one line of `stream`."""

    def draw(done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(BAR_WIDTH * share)
        stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%}  {done}/{total} events")
        stream.flush()

    return draw


def embedded_stores(data_dir) -> tuple[dict[str, EventStore], DocumentStore]:
    """The embedded runtime's files (named as EmbeddedInfrastructure names them)."""
    from services.common.eventstore.sqlite import SqliteEventStore
    from services.common.readmodel.sqlite import SqliteDocumentStore

    stores = {service: SqliteEventStore(data_dir / f"{service}.events.db") for service in SERVICES}
    return stores, SqliteDocumentStore(data_dir / "reporting.views.db")


def mongo_stores(client, prefix: str) -> tuple[dict[str, EventStore], DocumentStore]:
    """The distributed runtime's databases (named as DistributedInfrastructure names them)."""
    from services.common.eventstore.mongo import MongoEventStore
    from services.common.readmodel.mongo import MongoDocumentStore

    stores = {service: MongoEventStore(client, f"{prefix}_{service}_events") for service in SERVICES}
    return stores, MongoDocumentStore(client, f"{prefix}_reporting_views")
