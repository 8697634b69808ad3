"""The outbox relay: publishes a service's events from its event store to the bus, in global order.

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

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(self, store: EventStore, bus: Bus, topic: str, source: str, batch_size: int = 500):
        self.store = store
        self.bus = bus
        self.topic = topic
        self.source = source
        self.batch_size = batch_size
        self.checkpoint_name = f"relay:{topic}"

    def run_once(self) -> int:
        """Publishes one batch; returns how many events it published."""
        after = self.store.get_checkpoint(self.checkpoint_name)
        events = self.store.read_all(after, self.batch_size)
        if not events:
            return 0
        self.bus.publish([to_record(e, self.topic, self.source) for e in events])
        failpoint("relay.after_publish")
        self.store.set_checkpoint(self.checkpoint_name, events[-1].position)
        return len(events)

    def lag(self) -> int:
        """Positions stored but not yet published (an upper bound when positions were voided)."""
        return self.store.last_position() - self.store.get_checkpoint(self.checkpoint_name)

    def run(self, stop: threading.Event, idle_wait: float = 0.2, max_backoff: float = 5.0) -> None:
        ensured = False
        backoff = 0.1
        while not stop.is_set():
            try:
                if not ensured:
                    self.bus.ensure_topics([self.topic])
                    ensured = True
                if self.run_once() == 0:
                    self.store.wait_for_append(idle_wait)
                backoff = 0.1
            except BusUnavailable as exc:
                log.warning("relay %s: bus unavailable, retrying in %.1fs: %s", self.topic, backoff, exc)
                stop.wait(backoff)
                backoff = min(backoff * 2, max_backoff)
