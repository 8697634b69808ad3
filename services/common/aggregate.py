"""Small aggregates whose methods emit events, and the repository that stores them.

An aggregate rebuilds its state by applying its past events (`apply_<EventName>` methods) and
records new ones with `_trigger`, which applies them too. The repository appends the pending
events with the version the aggregate was loaded at, so a concurrent change fails as a whole.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from google.protobuf.message import Message

from services.common.events import Metadata, NewEvent, StoredEvent
from services.common.eventstore import EventStore


class Aggregate:
    def __init__(self, stream_id: str) -> None:
        self.stream_id = stream_id
        self.version = 0
        self._pending: list[Message] = []

    def _trigger(self, event: Message) -> None:
        self._apply(event)
        self._pending.append(event)

    def _apply(self, event: Message) -> None:
        getattr(self, f"apply_{event.DESCRIPTOR.name}")(event)
        self.version += 1

    def collect_pending(self) -> list[Message]:
        pending, self._pending = self._pending, []
        return pending


A = TypeVar("A", bound=Aggregate)


class Repository(Generic[A]):
    def __init__(self, store: EventStore, factory: Callable[[str], A]) -> None:
        self.store = store
        self.factory = factory

    def load(self, stream_id: str) -> A:
        """The aggregate as of its last event; a new one at version 0 when the stream is empty."""
        aggregate = self.factory(stream_id)
        for stored in self.store.read_stream(stream_id):
            aggregate._apply(stored.message())
        return aggregate

    def save(self, aggregate: A, metadata: Metadata) -> list[StoredEvent]:
        pending = aggregate.collect_pending()
        expected = aggregate.version - len(pending)
        return self.store.append(
            aggregate.stream_id, expected, [NewEvent(aggregate.stream_id, e, metadata) for e in pending]
        )
