"""Events of all three services for the reporting tests, and the progress recomputed straight from them.

`EventLog` records events as their services would store them (stream versions, per-service
positions); the builders make each event type with plain arguments; `synthetic_programme` makes a
random but reproducible programme (enterprises re-classified, evaluations superseded, expired and
revoked, chambers, standards through their lifecycle, forerunners listed and revoked, training,
reports returned and resubmitted). `recompute` is the oracle: the figures on a day, computed by
reading the events directly, independently of the projection.
"""
from __future__ import annotations

import random
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import count
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as registry
from fedstd.reporting.v1 import events_pb2 as reporting
from services.common import divisions, protos
from services.common.bus import Bus, Consumer, Delivery, Record
from services.common.cloudevents import source_for, to_record, topic_for
from services.common.events import Metadata, NewEvent, StoredEvent
from services.common.eventstore import EventStore
from services.common.projection import ProjectionRunner
from services.common.relay import OutboxRelay
from services.common.readmodel import DocumentStore
from services.reporting.projections import FederationProgress
from services.demo import synthetic_uscc

REGION = divisions.REGION_CODE
HOHHOT = "150100"
LEAGUES = [league.code for league in divisions.leagues()]
CST = timezone(timedelta(hours=8))
STAR_FIGURES = {assessment.STAR_LEVEL_NONE: "star_none", assessment.STAR_LEVEL_TWO: "star_two",
                assessment.STAR_LEVEL_THREE: "star_three", assessment.STAR_LEVEL_FOUR: "star_four",
                assessment.STAR_LEVEL_FIVE: "star_five"}


#: A synthetic, well-formed unified social credit code of a league.
uscc = synthetic_uscc


def star_of(total: int) -> int:
    for threshold, level in ((950, assessment.STAR_LEVEL_FIVE), (900, assessment.STAR_LEVEL_FOUR),
                             (800, assessment.STAR_LEVEL_THREE), (700, assessment.STAR_LEVEL_TWO)):
        if total >= threshold:
            return level
    return assessment.STAR_LEVEL_NONE


def timestamp(day: date, hour: int = 10) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(datetime(day.year, day.month, day.day, hour, tzinfo=CST))
    return stamp


@dataclass(frozen=True)
class LoggedEvent:
    service: str
    stored: StoredEvent

    @property
    def message(self) -> Message:
        return self.stored.message()


@dataclass
class EventLog:
    """Events in the order their services stored them."""

    events: list[LoggedEvent] = field(default_factory=list)
    _versions: Counter = field(default_factory=Counter)
    _positions: Counter = field(default_factory=Counter)

    def add(self, service: str, stream: str, message: Message) -> StoredEvent:
        self._versions[stream] += 1
        self._positions[service] += 1
        stored = StoredEvent(
            position=self._positions[service], stream_id=stream, version=self._versions[stream],
            event_id=f"{service}-{self._positions[service]}", type=protos.type_name(message),
            data=message.SerializeToString(), occurred_at=datetime(2024, 1, 1, tzinfo=timezone.utc),
            metadata=Metadata(correlation_id="test"),
        )
        self.events.append(LoggedEvent(service, stored))
        return stored

    def of(self, service: str) -> list[StoredEvent]:
        return [e.stored for e in self.events if e.service == service]

    def append_to(self, service: str, store: EventStore) -> None:
        """Appends this log's events of `service` to a real event store, one append per stream."""
        streams: dict[str, list[StoredEvent]] = defaultdict(list)
        for event in self.of(service):
            streams[event.stream_id].append(event)
        for stream, stored in streams.items():
            store.append(stream, stored[0].version - 1, [NewEvent(stream, e.message(), e.metadata, e.event_id, e.occurred_at)
                                                         for e in stored])

    # ---------------------------------------------------------------- builders

    def enterprise(self, code: str, league: str, on: date, private: bool = True, sectors: Iterable[int] = (7,)) -> str:
        stream = f"enterprises/{code}"
        self.add("registry", stream, registry.EnterpriseRegistered(
            enterprise=stream, uscc=code, name="synthetic", division_code=league, league_code=league,
            is_private=private, plan_sectors=list(sectors), registered_on=on.isoformat()))
        return stream

    def enterprise_changed(self, stream: str, league: str, on: date, sectors: Iterable[int]) -> None:
        self.add("registry", stream, registry.EnterpriseDetailsChanged(
            enterprise=stream, name="synthetic", division_code=league, league_code=league, plan_sectors=list(sectors),
            changed_on=on.isoformat()))

    def enrolled(self, stream: str, league: str, year: int, on: date) -> None:
        self.add("registry", stream, registry.EnterpriseEnrolledInBrandPilot(
            enterprise=stream, league_code=league, year=year, enrolled_on=on.isoformat()))

    def withdrew(self, stream: str, on: date) -> None:
        self.add("registry", stream, registry.EnterpriseWithdrewFromBrandPilot(
            enterprise=stream, withdrawn_on=on.isoformat(), reason="synthetic"))

    def evaluation(self, enterprise: str, n: int, league: str, on: date, total: int, valid_until: date) -> str:
        stream = f"{enterprise}/brandEvaluations"
        name = f"{stream}/{n}"
        self.add("assessment", stream, assessment.AssessmentCompleted(
            assessment=name, kind=assessment.ASSESSMENT_KIND_BRAND, subject=enterprise, league_code=league,
            completed_on=on.isoformat(), brand=assessment.BrandResult(
                total_score=total, star_level=star_of(total), valid_until=valid_until.isoformat(),
                evaluator="evaluators/synthetic")))
        return name

    def evaluation_revoked(self, name: str, league: str, on: date) -> None:
        stream, _, _ = name.rpartition("/")
        self.add("assessment", stream, assessment.AssessmentRevoked(
            assessment=name, kind=assessment.ASSESSMENT_KIND_BRAND, subject=stream.rpartition("/brandEvaluations")[0],
            league_code=league, revoked_on=on.isoformat(), reason="synthetic"))

    def chamber(self, org: str, league: str, on: date) -> str:
        stream = f"chambers/{org}"
        self.add("registry", stream, registry.ChamberRegistered(
            chamber=stream, org_code=org, name="synthetic", federation=f"federations/{league}", league_code=league,
            registered_on=on.isoformat()))
        return stream

    def chamber_pilot(self, stream: str, year: int, on: date) -> None:
        self.add("registry", stream, registry.ChamberSelectedAsPilot(chamber=stream, year=year, selected_on=on.isoformat()))

    def good_behaviour(self, stream: str, n: int, on: date, conforms: bool) -> str:
        name = f"{stream}/goodBehaviourEvaluations/{n}"
        self.add("registry", stream, registry.ChamberGoodBehaviourRecorded(
            chamber=stream, assessment=name, conforms=conforms, grade="A" if conforms else "", score=80, max_score=100,
            evaluated_on=on.isoformat()))
        return name

    def good_behaviour_revoked(self, stream: str, name: str, on: date) -> None:
        self.add("registry", stream, registry.ChamberGoodBehaviourRevoked(
            chamber=stream, assessment=name, revoked_on=on.isoformat(), reason="synthetic"))

    def standard_proposed(self, org: str, standard_id: str, league: str, on: date, sectors: Iterable[int] = ()) -> str:
        stream = f"chambers/{org}/groupStandards/{standard_id}"
        self.add("registry", stream, registry.GroupStandardProposed(
            group_standard=stream, org_code=org, title="synthetic", scope="synthetic", league_code=league,
            plan_sectors=list(sectors), proposed_on=on.isoformat()))
        return stream

    def standard_published(self, stream: str, league: str, on: date, sequence: int, sectors: Iterable[int] = ()) -> None:
        org = stream.split("/")[1]
        self.add("registry", stream, registry.StandardPublished(
            group_standard=stream, number=f"T/{org} {sequence}—{on.year}", org_code=org, title="synthetic",
            league_code=league, published_on=on.isoformat(), effective_on=on.isoformat(), plan_sectors=list(sectors),
            sequence=sequence, year=on.year))

    def review(self, stream: str, started: date, concluded: date | None, outcome: int) -> None:
        self.add("registry", stream, registry.GroupStandardPeriodicReviewStarted(group_standard=stream,
                                                                                  started_on=started.isoformat()))
        if concluded is not None:
            self.add("registry", stream, registry.GroupStandardPeriodicReviewConcluded(
                group_standard=stream, outcome=outcome, concluded_on=concluded.isoformat()))

    def abolished(self, stream: str, on: date) -> None:
        self.add("registry", stream, registry.GroupStandardAbolished(group_standard=stream, abolished_on=on.isoformat()))

    def conversion(self, stream: str, on: date, accepted: bool) -> None:
        self.add("registry", stream, registry.GroupStandardConversionDecided(
            group_standard=stream, request_id="r1", accepted=accepted, decided_on=on.isoformat(),
            converted_number="DB15/T 1—2023" if accepted else ""))

    def translated(self, stream: str, on: date, language: str = "en") -> None:
        self.add("registry", stream, registry.GroupStandardTranslated(
            group_standard=stream, language=language, translator="synthetic", published_on=on.isoformat()))

    def leader(self, stream: str, year: int, recommended: date, listed: date | None = None,
               revoked: date | None = None) -> None:
        self.add("registry", stream, registry.LeaderRecommended(group_standard=stream, year=year,
                                                                recommended_on=recommended.isoformat()))
        if listed is not None:
            self.add("registry", stream, registry.LeaderListed(group_standard=stream, year=year, listed_on=listed.isoformat()))
        if revoked is not None:
            self.add("registry", stream, registry.LeaderRevoked(group_standard=stream, year=year,
                                                                revoked_on=revoked.isoformat()))

    def declared(self, enterprise: str, declaration_id: str, league: str, on: date) -> str:
        stream = f"{enterprise}/declarations/{declaration_id}"
        self.add("registry", stream, registry.StandardSelfDeclared(
            declaration=stream, enterprise=enterprise, league_code=league, disclosed_on=on.isoformat()))
        return stream

    def declaration_withdrawn(self, stream: str, on: date) -> None:
        self.add("registry", stream, registry.SelfDeclarationWithdrawn(declaration=stream, withdrawn_on=on.isoformat()))

    def forerunner_listed(self, year: int, scheme: str, declaration: str, league: str, on: date, valid_until: date) -> str:
        stream = f"forerunners/{year}/{scheme}"
        self.add("registry", stream, registry.ForerunnerListed(
            forerunner_list=stream, year=year, key_field="synthetic", scheme=f"forerunnerSchemes/{scheme}",
            declaration=declaration, enterprise=declaration.rpartition("/declarations/")[0], league_code=league, rank=1,
            listed_on=on.isoformat(), valid_until=valid_until.isoformat()))
        return stream

    def forerunner_revoked(self, stream: str, declaration: str, on: date) -> None:
        self.add("registry", stream, registry.ForerunnerRevoked(forerunner_list=stream, declaration=declaration,
                                                                revoked_on=on.isoformat()))

    def ranking(self, scheme: str, ranked: list[tuple[str, str]], on: date) -> None:
        self.add("assessment", f"forerunnerSchemes/{scheme}", assessment.ForerunnerRankingPublished(
            scheme=f"forerunnerSchemes/{scheme}", published_on=on.isoformat(), ranking=[
                assessment.RankedStandard(declaration=d, enterprise=d.rpartition("/declarations/")[0], league_code=league,
                                          score=90 - i, rank=i + 1) for i, (d, league) in enumerate(ranked)]))

    def training(self, batch_id: str, league: str, on: date, trainees: int) -> str:
        stream = f"trainingBatches/{batch_id}"
        self.add("registry", stream, registry.TrainingBatchHeld(
            training_batch=stream, league_code=league, format=registry.TRAINING_FORMAT_LECTURE, title="synthetic",
            held_on=on.isoformat(), trainees=[registry.Trainee(person_name=f"p{i}") for i in range(trainees)]))
        return stream

    def trainees_recorded(self, stream: str, trainees: int) -> None:
        self.add("registry", stream, registry.TraineesRecorded(
            training_batch=stream, trainees=[registry.Trainee(person_name=f"q{i}") for i in range(trainees)]))

    def report_submitted(self, league: str, year: int, on: date, private: int, late: bool = False, trainees: int = 0) -> str:
        stream = f"leagues/{league}/annualReports/{year}"
        self.add("reporting", stream, reporting.ReportSubmitted(
            report=stream, league_code=league, year=year, submitted_at=timestamp(on), late=late,
            figures=reporting.ReportFigures(private_enterprises=private, trainees=trainees), narrative="synthetic"))
        return stream

    def report_returned(self, stream: str, revision: int, on: date) -> None:
        league, year = stream.split("/")[1], int(stream.split("/")[3])
        self.add("reporting", stream, reporting.ReportReturned(
            report=stream, league_code=league, year=year, revision=revision, returned_at=timestamp(on),
            issues=[reporting.ReportIssue(figure="trainees", description="please check")],
            resubmit_by=(on + timedelta(days=15)).isoformat()))

    def report_resubmitted(self, stream: str, revision: int, on: date, private: int) -> None:
        league, year = stream.split("/")[1], int(stream.split("/")[3])
        self.add("reporting", stream, reporting.ReportResubmitted(
            report=stream, league_code=league, year=year, revision=revision, submitted_at=timestamp(on),
            figures=reporting.ReportFigures(private_enterprises=private), narrative="corrected"))

    def report_accepted(self, stream: str, revision: int, on: date) -> None:
        league, year = stream.split("/")[1], int(stream.split("/")[3])
        self.add("reporting", stream, reporting.ReportAccepted(
            report=stream, league_code=league, year=year, revision=revision, accepted_at=timestamp(on)))


# -------------------------------------------------------------------- feeding a projection


class RecordingBus(Bus):
    """Keeps what the runner dead-letters; process() is driven directly, nothing consumes."""

    def __init__(self) -> None:
        self.published: list[Record] = []

    def publish(self, records: Sequence[Record]) -> None:
        self.published.extend(records)

    def consumer(self, group: str, topics: Sequence[str]) -> Consumer:
        raise NotImplementedError("process() is driven directly")


def deliveries(log: EventLog) -> list[Delivery]:
    offsets = count()
    return [Delivery(to_record(e.stored, topic_for(e.service), source_for(e.service)), 0, next(offsets)) for e in log.events]


def project(docs: DocumentStore, records: list[Delivery], seed: int, chaos: bool = False) -> RecordingBus:
    """Feeds the records in random batches; with chaos, also redelivers, duplicates and restarts."""
    rng = random.Random(seed)
    bus = RecordingBus()
    runner = ProjectionRunner(FederationProgress(), docs, bus)
    done = 0
    while done < len(records):
        size = rng.randint(1, 40)
        batch = records[done:done + size]
        if chaos and done and rng.random() < 0.3:  # a crash before the commit: redelivered from earlier
            batch = records[done - rng.randint(1, min(done, 60)):done] + batch
        if chaos and rng.random() < 0.3:  # the same record twice in a batch
            batch = batch + rng.sample(batch, min(len(batch), 5))
        if chaos and rng.random() < 0.2:  # a restarted projector remembers nothing
            runner = ProjectionRunner(FederationProgress(), docs, bus)
        runner.process(batch)
        done += size
    return bus


def relay_until_stopped(stores: dict[str, EventStore], bus: Bus, stop: threading.Event) -> None:
    """Publishes the stores' events as their services' relays would, until `stop` is set."""
    relays = [OutboxRelay(store, bus, topic_for(service), source_for(service)) for service, store in stores.items()]
    for relay in relays:
        bus.ensure_topics([relay.topic])
    while not stop.is_set():
        if not sum(relay.run_once() for relay in relays):
            stop.wait(0.1)


def programme(docs: DocumentStore) -> EventLog:
    """Projects a small programme: Hohhot's 20 private enterprises and one other, 3 evaluated, a report of 30."""
    log = EventLog()
    streams = [log.enterprise(uscc(HOHHOT, n), HOHHOT, date(2021, 10, 1), sectors=[7]) for n in range(1, 21)]
    log.enterprise(uscc(HOHHOT, 99), HOHHOT, date(2021, 10, 1), private=False)
    log.evaluation(streams[0], 1, HOHHOT, date(2022, 1, 1), 960, date(2024, 12, 31))
    log.evaluation(streams[1], 1, HOHHOT, date(2021, 12, 1), 720, date(2024, 11, 30))
    log.evaluation(streams[2], 1, HOHHOT, date(2022, 2, 1), 650, date(2025, 1, 31))
    log.report_submitted(HOHHOT, 2021, date(2022, 1, 20), private=30)
    project(docs, deliveries(log), 1)
    return log


# -------------------------------------------------------------------- a synthetic programme

START, END = date(2021, 6, 1), date(2023, 12, 31)


def synthetic_programme(seed: int, enterprises: int = 60) -> EventLog:
    """A reproducible programme over 2021-2023; each stream's events in date order, streams interleaved."""
    rng = random.Random(seed)
    streams: list[list[tuple]] = []

    def day_between(first: date, last: date) -> date:
        return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))

    def later(first: date, most: int = 400) -> date:
        return min(first + timedelta(days=rng.randint(0, most)), END)

    def stream(*steps: tuple[date, tuple]) -> None:
        """One stream's calls, in the order of their dates (a tie keeps the order given)."""
        streams.append([call for _, call in sorted(steps, key=lambda step: step[0])])

    declared: list[tuple[str, str]] = []  # (declaration, league)
    for serial in range(1, enterprises + 1):
        league = rng.choice(LEAGUES)
        code = uscc(league, serial)
        enterprise = f"enterprises/{code}"
        registered = day_between(START, date(2023, 6, 30))
        steps = [(registered, ("enterprise", code, league, registered, rng.random() < 0.9,
                               rng.sample(range(1, 12), rng.randint(0, 2))))]
        current = league
        if rng.random() < 0.25:
            current = rng.choice(LEAGUES) if rng.random() < 0.3 else league
            changed = later(registered)
            steps.append((changed, ("enterprise_changed", enterprise, current, changed,
                                    rng.sample(range(1, 12), rng.randint(1, 2)))))
        if rng.random() < 0.4:
            enrolled = later(registered, 200)
            steps.append((enrolled, ("enrolled", enterprise, current, enrolled.year, enrolled)))
            if rng.random() < 0.2:
                withdrawn = later(enrolled)
                steps.append((withdrawn, ("withdrew", enterprise, withdrawn)))
        stream(*steps)
        if rng.random() < 0.55:
            steps, on = [], day_between(date(2021, 10, 1), date(2023, 10, 31))
            for n in range(1, rng.randint(1, 3) + 1):
                valid_until = on + timedelta(days=rng.choice((364, 365 * 3 - 1)))
                steps.append((on, ("evaluation", enterprise, n, current, on, rng.randint(600, 990), valid_until)))
                if rng.random() < 0.15:
                    revoked = later(on, 300)
                    steps.append((revoked, ("evaluation_revoked", f"{enterprise}/brandEvaluations/{n}", current, revoked)))
                on = on if rng.random() < 0.1 else later(on, 500)  # now and then two evaluations on one day
            stream(*steps)
        if rng.random() < 0.3:
            disclosed = later(registered, 300)
            declaration = f"{enterprise}/declarations/d{serial}"
            steps = [(disclosed, ("declared", enterprise, f"d{serial}", current, disclosed))]
            if rng.random() < 0.2:
                withdrawn = later(disclosed)
                steps.append((withdrawn, ("declaration_withdrawn", declaration, withdrawn)))
            stream(*steps)
            declared.append((declaration, current))

    for year, scheme in ((2022, "s-2022"), (2023, "s-2023")):
        chosen = rng.sample(declared, min(len(declared), 6))
        stream((date(year, 9, 1), ("ranking", scheme, chosen, date(year, 9, 1))))
        steps = []
        for declaration, league in chosen[:3]:
            listed = date(year, 11, 1)
            steps.append((listed, ("forerunner_listed", year, scheme, declaration, league, listed, date(year + 1, 10, 31))))
            if rng.random() < 0.3:
                revoked = later(listed, 200)
                steps.append((revoked, ("forerunner_revoked", f"forerunners/{year}/{scheme}", declaration, revoked)))
        if steps:
            stream(*steps)

    for number in range(1, 9):
        org, league = f"C{number:02d}", rng.choice([*LEAGUES, REGION])
        chamber = f"chambers/{org}"
        registered = day_between(START, date(2022, 12, 31))
        steps = [(registered, ("chamber", org, league, registered))]
        if rng.random() < 0.6:
            selected = later(registered, 200)
            steps.append((selected, ("chamber_pilot", chamber, 2022, selected)))
        on = later(registered, 300)
        for n in range(1, rng.randint(0, 2) + 1):
            steps.append((on, ("good_behaviour", chamber, n, on, rng.random() < 0.7)))
            if rng.random() < 0.2:
                revoked = later(on, 200)
                steps.append((revoked, ("good_behaviour_revoked", chamber, f"{chamber}/goodBehaviourEvaluations/{n}", revoked)))
            on = later(on, 300)
        stream(*steps)
        for index in range(rng.randint(0, 3)):
            standard = f"chambers/{org}/groupStandards/s{index}"
            sectors = rng.sample(range(1, 12), rng.randint(0, 2))
            proposed = day_between(START, date(2023, 6, 30))
            steps = [(proposed, ("standard_proposed", org, f"s{index}", league, proposed, sectors))]
            if rng.random() < 0.75:
                published = later(proposed, 300)
                steps.append((published, ("standard_published", standard, league, published, index + 1, sectors)))
                if rng.random() < 0.3:
                    started = later(published, 300)
                    outcome = rng.choice([registry.PERIODIC_REVIEW_OUTCOME_CONTINUE, registry.PERIODIC_REVIEW_OUTCOME_ABOLISH])
                    concluded = later(started, 120) if rng.random() < 0.7 else None
                    steps.append((started, ("review", standard, started, concluded, outcome)))
                if rng.random() < 0.2:
                    abolished = later(published, 500)
                    steps.append((abolished, ("abolished", standard, abolished)))
                if rng.random() < 0.3:
                    decided = later(published, 300)
                    steps.append((decided, ("conversion", standard, decided, rng.random() < 0.6)))
                if rng.random() < 0.3:
                    translated = later(published, 300)
                    steps.append((translated, ("translated", standard, translated)))
                if rng.random() < 0.3:
                    recommended = later(published, 200)
                    listed = later(recommended, 100) if rng.random() < 0.6 else None
                    revoked = later(listed, 200) if listed and rng.random() < 0.3 else None
                    steps.append((recommended, ("leader", standard, recommended.year, recommended, listed, revoked)))
            stream(*steps)

    for number in range(1, 7):
        held = day_between(date(2021, 10, 1), END)
        steps = [(held, ("training", f"b{number}", rng.choice(LEAGUES), held, rng.randint(2, 12)))]
        if rng.random() < 0.5:
            steps.append((held, ("trainees_recorded", f"trainingBatches/b{number}", rng.randint(1, 5))))
        stream(*steps)

    for league in rng.sample(LEAGUES, 5):
        for year in (2021, 2022):
            if rng.random() < 0.7:
                report = f"leagues/{league}/annualReports/{year}"
                submitted = date(year + 1, 1, rng.randint(5, 28)) + timedelta(days=rng.choice((0, 0, 20)))
                steps = [(submitted, ("report_submitted", league, year, submitted, rng.randint(10, 80),
                                      submitted > date(year + 1, 1, 31)))]
                on, revision = later(submitted, 20), 1
                if rng.random() < 0.4:
                    steps.append((on, ("report_returned", report, revision, on)))
                    on, revision = later(on, 20), revision + 1
                    steps.append((on, ("report_resubmitted", report, revision, on, rng.randint(10, 80))))
                    on = later(on, 20)
                if rng.random() < 0.7:
                    steps.append((on, ("report_accepted", report, revision, on)))
                stream(*steps)

    log = EventLog()
    pending = [calls for calls in streams if calls]
    while pending:  # interleave the streams, keeping each stream's order
        calls = rng.choice(pending)
        name, *arguments = calls.pop(0)
        getattr(log, name)(*arguments)
        if not calls:
            pending.remove(calls)
    return log


# -------------------------------------------------------------------- the oracle


def _iso(value: str) -> date:
    return date.fromisoformat(value)


def _day_of(stamp: Timestamp) -> date:
    return stamp.ToDatetime(tzinfo=timezone.utc).astimezone(CST).date()


def _latest(items: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """The item with the latest date on or before `day` (a later one wins a tie)."""
    candidates = [item for item in items if item["on"] <= day]
    return max(candidates, key=lambda item: (item["on"], item["seq"])) if candidates else None


def recompute(log: EventLog, day: date) -> dict[str, Counter]:
    """Every progress figure on `day`, per league code and for the region, straight from the events."""
    enterprises: dict[str, dict] = defaultdict(lambda: {"profiles": [], "pilots": []})
    brands: dict[str, list[dict]] = defaultdict(list)
    chambers: dict[str, dict] = defaultdict(lambda: {"results": []})
    standards: dict[str, dict] = defaultdict(lambda: {"reviews": [], "leaders": defaultdict(dict)})
    declarations: dict[str, dict] = {}
    forerunners: dict[tuple[str, str], dict] = {}
    participants: dict[tuple[str, str], dict] = {}
    batches: dict[str, dict] = {}
    reports: dict[str, dict] = defaultdict(lambda: {"steps": [], "submissions": []})

    for seq, logged in enumerate(log.events):
        stream, m = logged.stored.stream_id, logged.message
        kind = type(m).__name__
        if kind == "EnterpriseRegistered":
            enterprises[stream]["private"] = m.is_private
            enterprises[stream]["profiles"].append({"on": _iso(m.registered_on), "seq": seq, "league": m.league_code})
        elif kind == "EnterpriseDetailsChanged":
            enterprises[stream]["profiles"].append({"on": _iso(m.changed_on), "seq": seq, "league": m.league_code})
        elif kind == "EnterpriseEnrolledInBrandPilot":
            pilots = enterprises[stream]["pilots"]
            if not any(p["until"] is None for p in pilots):
                pilots.append({"from": _iso(m.enrolled_on), "until": None, "league": m.league_code})
        elif kind == "EnterpriseWithdrewFromBrandPilot":
            for pilot in enterprises[stream]["pilots"]:
                if pilot["until"] is None:
                    pilot["until"] = _iso(m.withdrawn_on)
        elif kind == "AssessmentCompleted" and m.kind == assessment.ASSESSMENT_KIND_BRAND:
            brands[m.subject].append({"name": m.assessment, "on": _iso(m.completed_on), "seq": seq, "league": m.league_code,
                                      "star": m.brand.star_level, "valid_until": _iso(m.brand.valid_until), "revoked": None})
        elif kind == "AssessmentRevoked" and m.kind == assessment.ASSESSMENT_KIND_BRAND:
            for evaluation in brands[m.subject]:
                if evaluation["name"] == m.assessment:
                    evaluation["revoked"] = min(filter(None, (evaluation["revoked"], _iso(m.revoked_on))))
        elif kind == "ChamberRegistered":
            chambers[stream]["league"] = m.league_code
        elif kind == "ChamberSelectedAsPilot":
            chambers[stream]["pilot"] = min(filter(None, (chambers[stream].get("pilot"), _iso(m.selected_on))))
        elif kind == "ChamberGoodBehaviourRecorded":
            chambers[stream]["results"].append({"name": m.assessment, "on": _iso(m.evaluated_on), "seq": seq,
                                                "conforms": m.conforms, "revoked": None})
        elif kind == "ChamberGoodBehaviourRevoked":
            for result in chambers[stream]["results"]:
                if result["name"] == m.assessment:
                    result["revoked"] = _iso(m.revoked_on)
        elif kind == "GroupStandardProposed":
            standards[stream].update(league=m.league_code, proposed=_iso(m.proposed_on))
        elif kind == "StandardPublished":
            standards[stream]["league"] = m.league_code
            standards[stream].setdefault("published", _iso(m.published_on))
        elif kind == "GroupStandardPeriodicReviewStarted":
            standards[stream]["reviews"].append([_iso(m.started_on), None])
        elif kind == "GroupStandardPeriodicReviewConcluded":
            for review in standards[stream]["reviews"]:
                review[1] = review[1] or _iso(m.concluded_on)
            if m.outcome == registry.PERIODIC_REVIEW_OUTCOME_ABOLISH:
                standards[stream]["abolished"] = min(filter(None, (standards[stream].get("abolished"), _iso(m.concluded_on))))
        elif kind == "GroupStandardAbolished":
            standards[stream]["abolished"] = min(filter(None, (standards[stream].get("abolished"), _iso(m.abolished_on))))
        elif kind == "GroupStandardConversionDecided" and m.accepted:
            standards[stream].setdefault("converted", _iso(m.decided_on))
        elif kind == "GroupStandardTranslated":
            standards[stream]["translated"] = min(filter(None, (standards[stream].get("translated"), _iso(m.published_on))))
        elif kind == "LeaderRecommended":
            standards[stream]["leaders"][m.year]["recommended"] = _iso(m.recommended_on)
        elif kind == "LeaderListed":
            standards[stream]["leaders"][m.year]["listed"] = _iso(m.listed_on)
        elif kind == "LeaderRevoked":
            standards[stream]["leaders"][m.year]["revoked"] = _iso(m.revoked_on)
        elif kind == "StandardSelfDeclared":
            declarations[stream] = {"league": m.league_code, "on": _iso(m.disclosed_on), "withdrawn": None}
        elif kind == "SelfDeclarationWithdrawn":
            declarations[stream]["withdrawn"] = _iso(m.withdrawn_on)
        elif kind == "ForerunnerListed":
            forerunners[(stream, m.declaration)] = {"league": m.league_code, "on": _iso(m.listed_on),
                                                    "valid_until": _iso(m.valid_until), "revoked": None}
        elif kind == "ForerunnerRevoked":
            forerunners[(stream, m.declaration)]["revoked"] = _iso(m.revoked_on)
        elif kind == "ForerunnerRankingPublished":
            for ranked in m.ranking:
                participants.setdefault((stream, ranked.declaration), {"league": ranked.league_code,
                                                                       "on": _iso(m.published_on)})
        elif kind == "TrainingBatchHeld":
            batches[stream] = {"league": m.league_code, "on": _iso(m.held_on), "trainees": len(m.trainees)}
        elif kind == "TraineesRecorded":
            batches[stream]["trainees"] += len(m.trainees)
        elif kind in ("ReportSubmitted", "ReportResubmitted"):
            report = reports[stream]
            on = _day_of(m.submitted_at)
            report.update(league=m.league_code, year=m.year)
            if kind == "ReportSubmitted":
                report.update(first=on, late=m.late)
            report["steps"].append({"on": on, "seq": seq, "state": "submitted", "private": m.figures.private_enterprises})
        elif kind in ("ReportReturned", "ReportAccepted"):
            report = reports[stream]
            on = _day_of(m.returned_at if kind == "ReportReturned" else m.accepted_at)
            state = "returned" if kind == "ReportReturned" else "accepted"
            report["steps"].append({"on": on, "seq": seq, "state": state, "private": report["steps"][-1]["private"]})

    figures: dict[str, Counter] = defaultdict(Counter)

    def count(league: str, name: str, amount: int = 1) -> None:
        if league != REGION:  # the region's own chambers and standards count once, in the total
            figures[league][name] += amount
        figures[REGION][name] += amount

    for enterprise in enterprises.values():
        profile = _latest(enterprise["profiles"], day)
        if profile is not None and enterprise.get("private"):
            count(profile["league"], "private_enterprises_registered")
        for pilot in enterprise["pilots"]:
            if pilot["from"] <= day and (pilot["until"] is None or day < pilot["until"]):
                count(pilot["league"], "pilot_enterprises")
    for evaluations in brands.values():
        first = min(evaluations, key=lambda e: (e["on"], e["seq"]))
        if first["on"] <= day:
            count(first["league"], "enterprises_evaluated")
        current = _latest(evaluations, day)
        if current and day <= current["valid_until"] and not (current["revoked"] and current["revoked"] <= day):
            count(current["league"], STAR_FIGURES[current["star"]])
            if current["star"] >= assessment.STAR_LEVEL_TWO:
                count(current["league"], "enterprises_two_star_or_above")
    for chamber in chambers.values():
        if chamber.get("pilot") and chamber["pilot"] <= day:
            count(chamber["league"], "pilot_chambers")
            result = _latest(chamber["results"], day)
            if result and not (result["revoked"] and result["revoked"] <= day):
                count(chamber["league"], "pilot_chambers_evaluated")
                if result["conforms"]:
                    count(chamber["league"], "pilot_chambers_conforming")
    for standard in standards.values():
        league, abolished = standard["league"], standard.get("abolished")
        gone = abolished is not None and abolished <= day
        published = standard.get("published") is not None and standard["published"] <= day
        if published and not gone:
            count(league, "group_standards_published")
        if standard.get("proposed") and standard["proposed"] <= day and not published and not gone:
            count(league, "group_standards_in_development")
        if gone:
            count(league, "group_standards_abolished")
        for name in ("converted", "translated"):
            if standard.get(name) and standard[name] <= day:
                count(league, f"group_standards_{name}")
        for started, concluded in standard["reviews"]:
            if started <= day and (concluded is None or day < concluded):
                count(league, "group_standards_under_review")
        for leader in standard["leaders"].values():
            if leader.get("recommended") and leader["recommended"] <= day:
                count(league, "leader_recommendations")
            if leader.get("listed") and leader["listed"] <= day and not (leader.get("revoked") and leader["revoked"] <= day):
                count(league, "leaders_listed")
    for declaration in declarations.values():
        if declaration["on"] <= day and not (declaration["withdrawn"] and declaration["withdrawn"] <= day):
            count(declaration["league"], "self_declarations")
    for entry in forerunners.values():
        if entry["on"] <= day <= entry["valid_until"] and not (entry["revoked"] and entry["revoked"] <= day):
            count(entry["league"], "forerunners")
    for entry in participants.values():
        if entry["on"] <= day:
            count(entry["league"], "forerunner_participants")
    for batch in batches.values():
        if batch["on"] <= day:
            count(batch["league"], "training_batches")
            count(batch["league"], "trainees", batch["trainees"])
    latest_report: dict[str, tuple[int, int]] = {}
    for report in reports.values():
        league = report["league"]
        if report["first"] <= day:
            count(league, "annual_reports_submitted")
            if report["late"]:
                count(league, "annual_reports_late")
        step = _latest(report["steps"], day)
        if step is None:
            continue
        if step["state"] == "accepted":
            count(league, "annual_reports_accepted")
        if step["state"] in ("submitted", "accepted") and report["year"] > latest_report.get(league, (0, 0))[0]:
            latest_report[league] = (report["year"], step["private"])
    for league, (_, private) in latest_report.items():
        count(league, "private_enterprises_reported", private)
    return figures


def plan_days() -> Iterator[date]:
    """Dates worth asking about: before the plan, each quarter, the year ends, after the plan."""
    yield date(2021, 5, 1)
    day = date(2021, 9, 30)
    while day <= date(2024, 3, 31):
        yield day
        day = (day.replace(day=1) + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    yield from (date(2021, 12, 31), date(2022, 12, 31), date(2023, 12, 31), date(2025, 1, 1))
