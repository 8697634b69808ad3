"""Loading and saving the registry's aggregates, with a retry for changes made without a caller."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from services.common.aggregate import Aggregate, Repository
from services.common.errors import ConcurrencyError
from services.common.events import Metadata
from services.common.eventstore import EventStore

A = TypeVar("A", bound=Aggregate)

#: How often a change without a caller to retry it (a process manager, a compensation) is tried.
ATTEMPTS = 5


class Streams:
    def __init__(self, store: EventStore):
        self.store = store

    def load(self, factory: Callable[[str], A], stream_id: str) -> A:
        return Repository(self.store, factory).load(stream_id)

    def save(self, metadata: Metadata, *aggregates: Aggregate) -> None:
        """Appends each aggregate's pending events (each append is atomic on its own)."""
        for aggregate in aggregates:
            Repository(self.store, type(aggregate)).save(aggregate, metadata)

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
