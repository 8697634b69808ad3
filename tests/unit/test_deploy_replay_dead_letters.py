"""scripts/replay_dead_letters.py (the runbook's replay tool) over the embedded bus: dead letters go
back to their topic as first published, a dry run changes nothing, and a replay stops at what was
there when it started."""
from __future__ import annotations

from pathlib import Path

import pytest

from fedstd.registry.v1 import events_pb2 as registry_events
from services.common.bus.local import LocalBus
from services.common.cloudevents import dead_letter_topic, source_for, to_record
from services.common.eventstore import NO_STREAM
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.events import NewEvent
from services.common.projection import Projection, ProjectionRunner
from services.common.readmodel import Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from scripts.replay_dead_letters import replay

TOPIC = "fedstd.registry.v1"
DEAD = dead_letter_topic(TOPIC)


class Standards(Projection):
    """Refuses every event while `broken`, as a handler with a bug would."""

    name = "registry.test-standards"
    topics = (TOPIC,)
    broken = True

    def handlers(self):
        return {registry_events.StandardPublished: self.on_published}

    def on_published(self, event, message) -> list[Put]:
        if self.broken:
            raise RuntimeError("bug in the handler")
        return [Put("standards", event.stream_id, event.version, {"title": message.title})]


@pytest.fixture
def setup(tmp_path: Path):
    bus = LocalBus(tmp_path / "bus.db")
    store = SqliteEventStore(tmp_path / "events.db")
    docs = SqliteDocumentStore(tmp_path / "views.db")
    projection = Standards()
    runner = ProjectionRunner(projection, docs, bus)
    yield bus, store, docs, projection, runner
    docs.close()
    store.close()
    bus.close()


def publish(bus: LocalBus, store: SqliteEventStore, stream: str) -> None:
    stored = store.append(stream, NO_STREAM, [NewEvent(stream, registry_events.StandardPublished(group_standard=stream, title=stream))])
    bus.publish([to_record(e, TOPIC, source_for("registry")) for e in stored])


def consume(bus: LocalBus, group: str, topic: str, runner: ProjectionRunner | None = None) -> list:
    consumer = bus.consumer(group, [topic])
    deliveries = consumer.poll(0.1)
    if runner is not None and deliveries:
        runner.process(deliveries)
    consumer.commit()
    return deliveries


def test_replay_returns_dead_letters_to_their_topic_and_a_fixed_projection_applies_them(setup) -> None:
    bus, store, docs, projection, runner = setup
    for n in range(3):
        publish(bus, store, f"chambers/NMB/groupStandards/{n}-2023")
    originals = consume(bus, projection.name, TOPIC, runner)
    assert runner.stats.dead_lettered == 3 and docs.count("standards") == 0

    dry = replay(bus, DEAD, "registry.deadletter-inspect", dry_run=True, report=lambda line: None, poll_timeout=0.1)
    assert dry == {"handler failed: RuntimeError('bug in the handler')": 3}
    assert consume(bus, "check-nothing-replayed", TOPIC)[3:] == []

    lines: list[str] = []
    assert sum(replay(bus, DEAD, "registry.deadletter-replay", report=lines.append, poll_timeout=0.1).values()) == 3
    assert all("fedstd.registry.v1.StandardPublished" in line and "[registry.test-standards]" in line for line in lines)
    replayed = consume(bus, "check-replayed", TOPIC)[3:]
    assert [d.record for d in replayed] == [d.record for d in originals]  # as first published, dlq_* headers gone

    projection.broken = False
    assert len(consume(bus, projection.name, TOPIC, runner)) == 3
    assert docs.count("standards") == 3
    # The replay's group committed: running it again finds nothing.
    assert replay(bus, DEAD, "registry.deadletter-replay", report=lambda line: None, poll_timeout=0.1) == {}


def test_replay_stops_at_the_dead_letters_there_when_it_started(setup) -> None:
    bus, store, _, projection, runner = setup
    for n in range(2):
        publish(bus, store, f"chambers/NMB/groupStandards/{n}-2023")
    consume(bus, projection.name, TOPIC, runner)
    # While the replay runs, a replayed record fails again and lands on the dead-letter topic.
    refused_again: list[str] = []

    def refuse_again(line: str) -> None:
        if not refused_again:
            publish(bus, store, "chambers/NMB/groupStandards/9-2023")
            refused_again.append(line)
            consume(bus, projection.name, TOPIC, runner)

    assert sum(replay(bus, DEAD, "registry.deadletter-replay", report=refuse_again, poll_timeout=0.1).values()) == 2
    later = replay(bus, DEAD, "registry.deadletter-replay", dry_run=True, report=lambda line: None, poll_timeout=0.1)
    assert sum(later.values()) == 1
