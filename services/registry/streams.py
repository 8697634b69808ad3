"""Loading and saving the registry's aggregates, with a retry for changes made without a caller."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from services.common.aggregate import Aggregate, Repository
from services.common.errors import ConcurrencyError
from services.common.events import Metadata, StoredEvent
from services.common.eventstore import EventStore

A = TypeVar("A", bound=Aggregate)

#: How often a change without a caller to retry it (a process manager, a compensation) is tried.
ATTEMPTS = 5


class Streams:
    def __init__(self, store: EventStore):
        self.store = store

    def load(self, factory: Callable[[str], A], stream_id: str) -> A:
        return self.load_with_history(factory, stream_id)[0]

    def load_with_history(self, factory: Callable[[str], A], stream_id: str) -> tuple[A, list[StoredEvent]]:
        """The aggregate and the events it was rebuilt from, so that a command's answer needs no second read."""
        aggregate = factory(stream_id)
        history = self.store.read_stream(stream_id)
        for stored in history:
            aggregate._apply(stored.message())
        return aggregate, history

    def save(self, metadata: Metadata, *aggregates: Aggregate) -> list[StoredEvent]:
        """Appends each aggregate's pending events (each append is atomic on its own); returns them as stored."""
        return [stored for aggregate in aggregates for stored in Repository(self.store, type(aggregate)).save(aggregate, metadata)]

    def change(self, factory: Callable[[str], A], stream_id: str, change: Callable[[A], object], metadata: Metadata) -> A:
        """Loads, changes and saves, again on a concurrent change: for idempotent changes only."""
        for attempt in range(ATTEMPTS):
            aggregate = self.load(factory, stream_id)
            change(aggregate)
            try:
                self.save(metadata, aggregate)
                return aggregate
            except ConcurrencyError:
                if attempt == ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")
