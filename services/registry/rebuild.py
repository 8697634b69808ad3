"""Rebuilds the registry's read models from its event store alone, without the bus.

`Replay` turns stored events into read-model changes with the same projection the live consumer
runs; `rebuild` empties the read models and replays the whole store into them in global order.
The API also uses `Replay` to answer a command with the resource as the read model will show it.

    python -m services.registry.rebuild --data-dir data            # embedded, suite stopped
    python -m services.registry.rebuild --mongo-uri mongodb://...  # distributed (`<prefix>_registry_*`)
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from services.common.events import StoredEvent
from services.common.eventstore import EventStore
from services.common.projection import Projection
from services.common.readmodel import DocumentStore, Put
from services.registry.projections import RegistryViews


class Replay:
    """The read-model changes a projection makes of stored events; its handlers are looked up once."""

    def __init__(self, projection: Projection):
        self._handlers = {cls.DESCRIPTOR.full_name: handler for cls, handler in projection.handlers().items()}

    def __call__(self, stored: Iterable[StoredEvent]) -> list[Put]:
        """The changes, in the events' order."""
        changes: list[Put] = []
        for event in stored:
            if (handler := self._handlers.get(event.type)) is not None:
                changes.extend(handler(event, event.message()))
        return changes


def replay(projection: Projection, stored: Iterable[StoredEvent]) -> list[Put]:
    """The read-model changes the projection makes of these events, in their order."""
    return Replay(projection)(stored)


def rebuild(store: EventStore, docs: DocumentStore, projection: Projection | None = None, batch_size: int = 1000) -> int:
    """Empties the projection's collections and replays every stored event; returns how many."""
    projection = projection or RegistryViews()
    docs.drop_collections(list(projection.indexes))
    projection.setup(docs)
    changes_of = Replay(projection)
    position = replayed = 0
    while batch := store.read_all(position, batch_size):
        docs.apply(changes_of(batch))
        position, replayed = batch[-1].position, replayed + len(batch)
    return replayed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.registry.rebuild", description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data-dir", type=Path, help="the embedded runtime's data folder (stop the suite first)")
    where.add_argument("--mongo-uri", help="the distributed runtime's MongoDB")
    parser.add_argument("--database-prefix", default="fedstd", help="FEDSTD_MONGO_DATABASE_PREFIX (default fedstd)")
    args = parser.parse_args(argv)
    if args.data_dir:
        from services.common.eventstore.sqlite import SqliteEventStore
        from services.common.readmodel.sqlite import SqliteDocumentStore

        store: EventStore = SqliteEventStore(args.data_dir / "registry.events.db")
        docs: DocumentStore = SqliteDocumentStore(args.data_dir / "registry.views.db")
    else:
        from pymongo import MongoClient

        from services.common.eventstore.mongo import MongoEventStore
        from services.common.readmodel.mongo import MongoDocumentStore

        client: MongoClient = MongoClient(args.mongo_uri)
        store = MongoEventStore(client, f"{args.database_prefix}_registry_events")
        docs = MongoDocumentStore(client, f"{args.database_prefix}_registry_views")
    try:
        print(f"replayed {rebuild(store, docs)} registry events into fresh read models")
    finally:
        store.close()
        docs.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
