"""The event store contract. It is also the outbox: the relay follows `read_all` in global order."""
from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from services.common.errors import ConcurrencyError
from services.common.events import NewEvent, StoredEvent

#: `expected_version` for a stream that must not exist yet.
NO_STREAM = 0
#: `expected_version` that skips the concurrency check (appends after whatever is there).
ANY_VERSION = -1


@dataclass(frozen=True)
class Append:
    """One stream's part of a batch append: the arguments `append` takes."""

    stream_id: str
    expected_version: int
    events: Sequence[NewEvent]


#: A batch append's answer for one of its streams: the events as stored, or why that stream was refused.
Outcome = list[StoredEvent] | ConcurrencyError


class EventStore(ABC):
    """Append-only streams of events with a gapless global order.

    * `append` writes all events or none. With an expected version other than ANY_VERSION it
      fails with ConcurrencyError when the stream's version differs, changing nothing.
    * `append_batch` writes many streams' appends at once (a bulk import): each is checked and
      written whole or not at all like `append`, and a refused one does not stop the others.
    * `read_all(after)` returns events in global order; a reader that resumes after the last
      position it saw never skips an event, even one whose append committed late.
    * Checkpoints record how far a follower (the outbox relay) has got, in the same store.
    """

    def __init__(self) -> None:
        self._appended = threading.Condition()

    @abstractmethod
    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[StoredEvent]:
        """Appends events to one stream; returns them as stored, with positions and versions."""

    @abstractmethod
    def append_batch(self, appends: Sequence[Append]) -> list[Outcome]:
        """Appends to many streams in one write (one transaction; on MongoDB one bulk insert of
        commits that are each atomic). Returns one outcome per append, in order: its stored events,
        or the ConcurrencyError that refused it (nothing of it stored). A stream appears at most once."""

    @abstractmethod
    def read_stream(self, stream_id: str, after_version: int = 0) -> list[StoredEvent]:
        """Returns the stream's events with a version above `after_version`, oldest first."""

    @abstractmethod
    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[StoredEvent]:
        """Returns up to `limit` events with a position above `after_position`, in global order."""

    @abstractmethod
    def last_position(self) -> int:
        """The highest position stored, 0 when empty."""

    @abstractmethod
    def get_checkpoint(self, name: str) -> int:
        """The position a follower recorded, 0 when none."""

    @abstractmethod
    def set_checkpoint(self, name: str, position: int) -> None:
        """Records a follower's position. It never moves backwards."""

    def close(self) -> None:
        """Releases connections."""

    def notify_appended(self) -> None:
        with self._appended:
            self._appended.notify_all()

    def wait_for_append(self, timeout: float) -> None:
        """Sleeps until an append in this process or `timeout`; followers in other processes just poll."""
        with self._appended:
            self._appended.wait(timeout)


def distinct_streams(appends: Sequence[Append]) -> None:
    """A batch names each stream once: its expected version is then checked against the store alone."""
    if len({a.stream_id for a in appends}) != len(appends):
        raise ValueError("a batch append names a stream more than once")


def check_expected(stream_id: str, expected_version: int, current_version: int) -> None:
    if expected_version != ANY_VERSION and expected_version != current_version:
        raise ConcurrencyError(
            f"stream {stream_id} is at version {current_version}, expected {expected_version}"
        )
