"""The bus contract, shaped after Kafka: topics of keyed records, consumer groups, committed offsets.

Delivery is at least once: a consumer that stops before `commit` gets the same records again.
Records with the same key keep their order.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Record:
    topic: str
    key: str
    value: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Delivery:
    record: Record
    partition: int
    offset: int


class BusUnavailable(Exception):
    """The bus did not acknowledge a publish; nothing may be assumed delivered."""


class Consumer(ABC):
    @abstractmethod
    def poll(self, timeout: float, max_records: int = 500) -> list[Delivery]:
        """The next records after what this consumer has been given, waiting up to `timeout`."""

    @abstractmethod
    def commit(self) -> None:
        """Marks everything returned by `poll` so far as done for the consumer group."""

    def lag(self) -> int | None:
        """Records on this consumer's partitions that `poll` has not returned yet; None when not known."""
        return None

    @abstractmethod
    def close(self) -> None: ...


class Bus(ABC):
    @abstractmethod
    def publish(self, records: Sequence[Record]) -> None:
        """Returns once every record is acknowledged; raises BusUnavailable otherwise."""

    @abstractmethod
    def consumer(self, group: str, topics: Sequence[str]) -> Consumer: ...

    def ensure_topics(self, topics: Sequence[str]) -> None:
        """Creates the topics where the bus needs that; a no-op where topics appear on first use."""

    def close(self) -> None: ...
