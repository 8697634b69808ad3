"""A synthetic, reproducible history of the plan, streamed (never held whole in memory), and ways to load it.

Per enterprise: its registration (90 % private, one or two plan sectors, registered 2019-2023);
for 40 % a brand evaluation, for 15 % a second one; 10 % enrol in the brand pilot, 10 % declare
an enterprise standard, 5 % change their details. Every 500 enterprises a chamber publishes a
group standard and a league holds a training batch; at the end the 12 leagues report each year.
That is about 1.9 events per enterprise, the mix the progress projection and its queries see.

`seed_sqlite` writes the history into the embedded runtime's event stores in bulk (setting up a
history is not what is measured: the stores' own append is, elsewhere); `stored_events` gives it
as stored events with positions, for the bus.
"""
from __future__ import annotations

import itertools
import json
import random
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as registry
from fedstd.reporting.v1 import events_pb2 as reporting
from services.common import divisions
from services.common.config import SERVICES
from services.common.events import Metadata, StoredEvent
from services.common.eventstore.sqlite import SqliteEventStore, connect
from services.demo import synthetic_uscc
from services.reporting.facts import PLAN_SECTORS

LEAGUES = tuple(league.code for league in divisions.leagues())
FIRST_DAY = date(2019, 1, 1)
SPAN_DAYS = (date(2023, 12, 31) - FIRST_DAY).days
PLAN_START = date(2021, 9, 1)
PLAN_DAYS = (date(2023, 12, 31) - PLAN_START).days
OCCURRED_AT = datetime(2024, 1, 1, tzinfo=timezone.utc)
METADATA = Metadata(correlation_id="benchmark-history", actor="benchmarks/history")
#: Serials from here on are never in a history: the write benchmarks register these.
FRESH_SERIALS = 500_000_000
#: Enterprises made together.
CHUNK = 2_000


@dataclass(frozen=True)
class Event:
    service: str
    stream_id: str
    version: int
    type: str
    data: bytes

    @classmethod
    def of(cls, service: str, stream_id: str, version: int, message: Message) -> "Event":
        return cls(service, stream_id, version, message.DESCRIPTOR.full_name, message.SerializeToString())


def _day(rng: random.Random, first: date = FIRST_DAY, span: int = SPAN_DAYS) -> date:
    return first + timedelta(days=rng.randrange(span))


def _star(total: int) -> int:
    for threshold, level in ((950, assessment.STAR_LEVEL_FIVE), (900, assessment.STAR_LEVEL_FOUR),
                             (800, assessment.STAR_LEVEL_THREE), (700, assessment.STAR_LEVEL_TWO)):
        if total >= threshold:
            return level
    return assessment.STAR_LEVEL_NONE


def _enterprise(rng: random.Random, serial: int) -> Iterator[Event]:
    league = LEAGUES[serial % len(LEAGUES)]
    code = synthetic_uscc(league, serial)
    stream = f"enterprises/{code}"
    registered = _day(rng)
    sectors = rng.sample(PLAN_SECTORS, rng.choice((1, 1, 2)))
    own = [registry.EnterpriseRegistered(
        enterprise=stream, uscc=code, name=f"synthetic enterprise {serial}", division_code=league, league_code=league,
        is_private=rng.random() < 0.9, industry_section="H", plan_sectors=sectors,
        size_class=registry.SIZE_CLASS_SMALL, registered_on=registered.isoformat())]
    later = max(registered, PLAN_START)
    if rng.random() < 0.10:
        enrolled = _day(rng, later, max(1, (date(2023, 12, 31) - later).days))
        own.append(registry.EnterpriseEnrolledInBrandPilot(enterprise=stream, league_code=league, year=enrolled.year,
                                                           enrolled_on=enrolled.isoformat()))
    if rng.random() < 0.05:
        own.append(registry.EnterpriseDetailsChanged(
            enterprise=stream, name=f"synthetic enterprise {serial}", division_code=league, league_code=league,
            industry_section="H", plan_sectors=rng.sample(PLAN_SECTORS, 1), size_class=registry.SIZE_CLASS_SMALL,
            changed_on=_day(rng, later, max(1, (date(2023, 12, 31) - later).days)).isoformat()))
    for version, message in enumerate(own, start=1):
        yield Event.of("registry", stream, version, message)
    if rng.random() < 0.10:
        declaration = f"{stream}/declarations/d1"
        yield Event.of("registry", declaration, 1, registry.StandardSelfDeclared(
            declaration=declaration, enterprise=stream, league_code=league,
            disclosed_on=_day(rng, later, max(1, (date(2023, 12, 31) - later).days)).isoformat()))
    if rng.random() < 0.40:
        evaluations = f"{stream}/brandEvaluations"
        first = _day(rng, later, max(1, (date(2023, 12, 31) - later).days))
        days = [first] + ([min(first + timedelta(days=rng.randrange(60, 400)), date(2023, 12, 31))]
                          if rng.random() < 0.375 else [])
        for n, on in enumerate(days, start=1):
            total = rng.randrange(550, 991)
            yield Event.of("assessment", evaluations, n, assessment.AssessmentCompleted(
                assessment=f"{evaluations}/{n}", kind=assessment.ASSESSMENT_KIND_BRAND, subject=stream,
                league_code=league, completed_on=on.isoformat(), brand=assessment.BrandResult(
                    total_score=total, star_level=_star(total), evaluator="evaluators/synthetic",
                    valid_until=(on + timedelta(days=3 * 365)).isoformat())))


def _programme_work(rng: random.Random, n: int) -> Iterator[Event]:
    """Every 500 enterprises: a chamber with a published group standard, and a training batch."""
    league = LEAGUES[n % len(LEAGUES)]
    org = f"B{n:06d}"
    chamber = f"chambers/{org}"
    yield Event.of("registry", chamber, 1, registry.ChamberRegistered(
        chamber=chamber, org_code=org, name=f"synthetic chamber {n}", federation=f"federations/{league}",
        league_code=league, registered_on=_day(rng).isoformat()))
    standard = f"{chamber}/groupStandards/s1"
    proposed = _day(rng, PLAN_START, PLAN_DAYS - 200)
    sectors = rng.sample(PLAN_SECTORS, 1)
    yield Event.of("registry", standard, 1, registry.GroupStandardProposed(
        group_standard=standard, org_code=org, title="synthetic", scope="synthetic", league_code=league,
        plan_sectors=sectors, proposed_on=proposed.isoformat()))
    published = proposed + timedelta(days=150)
    yield Event.of("registry", standard, 2, registry.StandardPublished(
        group_standard=standard, number=f"T/{org} 1—{published.year}", org_code=org, title="synthetic",
        league_code=league, published_on=published.isoformat(), effective_on=published.isoformat(),
        plan_sectors=sectors, sequence=1, year=published.year))
    batch = f"trainingBatches/b{n:06d}"
    yield Event.of("registry", batch, 1, registry.TrainingBatchHeld(
        training_batch=batch, league_code=league, format=registry.TRAINING_FORMAT_LECTURE, title="synthetic",
        held_on=_day(rng, PLAN_START, PLAN_DAYS).isoformat(),
        trainees=[registry.Trainee(person_name=f"trainee {i}") for i in range(20)]))


def _reports() -> Iterator[Event]:
    for year in (2021, 2022, 2023):
        for league in LEAGUES:
            stream = f"leagues/{league}/annualReports/{year}"
            submitted = Timestamp()
            submitted.FromDatetime(datetime(year + 1, 1, 10, 2, tzinfo=timezone.utc))
            yield Event.of("reporting", stream, 1, reporting.ReportSubmitted(
                report=stream, league_code=league, year=year, submitted_at=submitted,
                figures=reporting.ReportFigures(private_enterprises=20_000), narrative="synthetic"))


def _enterprises(bounds: tuple[int, int, int]) -> list[Event]:
    """The events of enterprises `first`..`last` and their programme work; each enterprise has its own randomness,
    so a history is the same whichever way it is cut."""
    seed, first, last = bounds
    events: list[Event] = []
    for serial in range(first, last + 1):
        rng = random.Random(seed * 1_000_003 + serial)
        events.extend(_enterprise(rng, serial))
        if serial % 500 == 0:
            events.extend(_programme_work(rng, serial // 500))
    return events


def _chunks(seed: int, enterprises: int | None) -> Iterator[list[Event]]:
    """Enterprises in chunks of CHUNK serials, in order."""
    firsts = itertools.count(1, CHUNK)
    if enterprises is not None:
        firsts = itertools.takewhile(lambda first: first <= enterprises, firsts)
    return (_enterprises((seed, first, first + CHUNK - 1 if enterprises is None else min(first + CHUNK - 1, enterprises)))
            for first in firsts)


def history(events: int, seed: int = 7, enterprises: int | None = None) -> Iterator[Event]:
    """Exactly `events` events (the last enterprise's may be cut short), each stream's in version order, then the
    annual reports; with `enterprises`, fewer when that many enterprises come first."""
    reports = list(_reports())
    budget = events - len(reports) if events > 2 * len(reports) else events
    produced = 0
    for chunk in _chunks(seed, enterprises):
        taken = chunk[: budget - produced]
        yield from taken
        produced += len(taken)
        if produced == budget:
            break
    if budget < events:
        yield from reports


# ---------------------------------------------------------------------------------------------- loading


def seed_sqlite(data_dir: Path, events: Iterable[Event], chunk: int = 20_000) -> dict[str, int]:
    """Writes the events into `<service>.events.db` files of an embedded data folder; returns events per service."""
    data_dir.mkdir(parents=True, exist_ok=True)
    connections: dict[str, sqlite3.Connection] = {}
    for service in SERVICES:
        path = data_dir / f"{service}.events.db"
        SqliteEventStore(path).close()  # the store's own schema
        connections[service] = connect(path)
    metadata = json.dumps(METADATA.as_dict())
    occurred = OCCURRED_AT.isoformat()
    rows: dict[str, list[tuple]] = {service: [] for service in SERVICES}
    counts = dict.fromkeys(SERVICES, 0)

    def flush(service: str) -> None:
        db = connections[service]
        db.execute("BEGIN")
        db.executemany("INSERT INTO events (stream_id, version, event_id, type, data, occurred_at, metadata)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)", rows[service])
        db.execute("COMMIT")
        counts[service] += len(rows[service])
        rows[service].clear()

    for event in events:
        pending = rows[event.service]
        pending.append((event.stream_id, event.version, str(uuid.uuid4()), event.type, event.data, occurred, metadata))
        if len(pending) >= chunk:
            flush(event.service)
    for service in SERVICES:
        if rows[service]:
            flush(service)
        connections[service].close()
    return counts


def mark_published(data_dir: Path) -> None:
    """Moves each store's relay checkpoint to its head: the history counts as published already."""
    from services.common.cloudevents import topic_for
    from services.common.relay import OutboxRelay

    for service in SERVICES:
        store = SqliteEventStore(data_dir / f"{service}.events.db")
        try:
            store.set_checkpoint(OutboxRelay(store, None, topic_for(service), "").checkpoint_name, store.last_position())
        finally:
            store.close()


def stored_events(events: Iterable[Event]) -> Iterator[tuple[str, StoredEvent]]:
    """(service, stored event) with per-service positions, as each service's store would number them."""
    positions = dict.fromkeys(SERVICES, 0)
    for event in events:
        positions[event.service] += 1
        yield event.service, StoredEvent(
            position=positions[event.service], stream_id=event.stream_id, version=event.version,
            event_id=str(uuid.uuid4()), type=event.type, data=event.data, occurred_at=OCCURRED_AT, metadata=METADATA)
