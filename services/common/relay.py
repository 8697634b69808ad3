"""The outbox relay: publishes a service's events from its event store to the bus, in global order.

Under load a relay lingers a moment after a batch that was not full, so the next one carries what
came in meanwhile: each batch costs the bus a transaction (or a produce request) and every
projection a read-model write, whatever its size. A lone event after a quiet spell goes at once.

At least once: the checkpoint moves only after the bus acknowledged a batch, so a crash between
the two republishes that batch (consumers deduplicate). While the bus is down the relay retries
with backoff and loses nothing; commands keep succeeding meanwhile.
"""
from __future__ import annotations

import logging
import threading

from services.common.bus import Bus, BusUnavailable
from services.common.cloudevents import to_record
from services.common.eventstore import EventStore
from services.common.failpoints import failpoint
from services.common.telemetry import RelayTelemetry

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, store: EventStore, bus: Bus, topic: str, source: str, batch_size: int = 500,
                 linger: float = 0.0):
        self.store = store
        self.bus = bus
        self.topic = topic
        self.source = source
        self.batch_size = batch_size
        self.linger = linger
        self.checkpoint_name = f"relay:{topic}"
        #: The checkpoint as this relay last read or wrote it: it is the checkpoint's one writer, so it
        #: reads it from the store once instead of on every turn (a round trip less per batch).
        self._checkpoint: int | None = None
        self.telemetry = RelayTelemetry(source.rsplit("/", 1)[-1], topic)

    def run_once(self) -> int:
        """Publishes one batch; returns how many events it published."""
        events = self.store.read_all(self._known_checkpoint(), self.batch_size)
        if not events:
            return 0
        self.bus.publish([to_record(e, self.topic, self.source) for e in events])
        failpoint("relay.after_publish")
        self.store.set_checkpoint(self.checkpoint_name, events[-1].position)
        self._checkpoint = events[-1].position
        self.telemetry.published(len(events), events[-1].position)
        return len(events)

    def lag(self) -> int:
        """Positions stored but not yet published (an upper bound when positions were voided)."""
        head, checkpoint = self._head_and_checkpoint()
        return head - checkpoint

    def _head_and_checkpoint(self) -> tuple[int, int]:
        return self.store.last_position(), self._known_checkpoint()

    def _known_checkpoint(self) -> int:
        if self._checkpoint is None:
            self._checkpoint = self.store.get_checkpoint(self.checkpoint_name)
        return self._checkpoint

    def run(self, stop: threading.Event, idle_wait: float = 0.2, max_backoff: float = 5.0) -> None:
        ensured = False
        backoff = 0.1
        progress = self.telemetry.progress
        with progress.running():
            self.telemetry.beat(0, self._head_and_checkpoint)  # the lag is known before the first bus call
            while not stop.is_set():
                published = 0
                try:
                    if not ensured:
                        self.bus.ensure_topics([self.topic])
                        ensured = True
                    published = self.run_once()
                    if published == 0:
                        self.store.wait_for_append(idle_wait)
                    elif published < self.batch_size and self.linger:
                        stop.wait(self.linger)
                    backoff = 0.1
                except BusUnavailable as exc:
                    progress.bus_errors.inc()
                    log.warning("relay %s: bus unavailable, retrying in %.1fs: %s", self.topic, backoff, exc)
                    stop.wait(backoff)
                    backoff = min(backoff * 2, max_backoff)
                except Exception:  # e.g. the event store out of reach: retry rather than end the relay
                    progress.errors.inc()
                    log.exception("relay %s failed, retrying in %.1fs", self.topic, backoff)
                    stop.wait(backoff)
                    backoff = min(backoff * 2, max_backoff)
                self.telemetry.beat(published, self._head_and_checkpoint)
