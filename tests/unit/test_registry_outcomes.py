"""The process manager that records assessment outcomes with registry events, over a real SQLite event
store: what each outcome becomes, idempotency per assessment, and what it refuses (which the runner
dead-letters)."""
from __future__ import annotations

from datetime import datetime, timezone
from itertools import count

import pytest
from google.protobuf.message import Message

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as events
from services.common import protos
from services.common.bus import Bus, Consumer, Delivery, Record
from services.common.cloudevents import source_for, to_record, topic_for
from services.common.errors import FailedPreconditionError
from services.common.events import Metadata, NewEvent, StoredEvent
from services.common.eventstore import ANY_VERSION
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.projection import ProjectionRunner
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.demo import synthetic_uscc
from services.registry.outcomes import AssessmentOutcomes
from services.registry.policy import RegistryPolicy

USCC = synthetic_uscc("150100", 5)
DECLARATION = f"enterprises/{USCC}/declarations/milk"
RESULT = f"forerunnerSchemes/dairy-2022/results/{USCC}-milk"
LIST = "forerunners/2022/dairy-2022"
_positions = count(1)


def source(message: Message, stream_id: str = "forerunnerSchemes/dairy-2022") -> StoredEvent:
    """An assessment event as the bus delivers it."""
    return StoredEvent(position=next(_positions), stream_id=stream_id, version=1, event_id=f"assessment-{next(_positions)}",
                       type=protos.type_name(message), data=message.SerializeToString(),
                       occurred_at=datetime(2022, 11, 1, tzinfo=timezone.utc), metadata=Metadata(correlation_id="corr-1"))


@pytest.fixture
def store(tmp_path):
    events_store = SqliteEventStore(tmp_path / "registry.events.db")
    yield events_store
    events_store.close()


@pytest.fixture
def outcomes(store) -> AssessmentOutcomes:
    return AssessmentOutcomes(store, RegistryPolicy())


def handle(outcomes: AssessmentOutcomes, message: Message, stream_id: str = "forerunnerSchemes/dairy-2022") -> list:
    event = source(message, stream_id)
    for cls, handler in outcomes.handlers().items():
        if cls.DESCRIPTOR.full_name == event.type:
            return handler(event, message)
    raise AssertionError(event.type)


def types(store, stream_id: str) -> list[str]:
    return [e.type.rpartition(".")[2] for e in store.read_stream(stream_id)]


def declare(store) -> None:
    store.append(DECLARATION, ANY_VERSION, [NewEvent(DECLARATION, events.StandardSelfDeclared(
        declaration=DECLARATION, enterprise=f"enterprises/{USCC}", league_code="150100", disclosed_on="2022-05-01"))])


def listed(valid_until: str = "", listed_flag: bool = True, kind: int = assessment.ASSESSMENT_KIND_FORERUNNER) -> assessment.AssessmentCompleted:
    return assessment.AssessmentCompleted(
        assessment=RESULT, kind=kind, subject=DECLARATION, league_code="150100", completed_on="2022-11-01",
        forerunner=assessment.ForerunnerResult(scheme="forerunnerSchemes/dairy-2022", year=2022, key_field="乳制品",
                                               declaration=DECLARATION, rank=2, score=91.0, listed=listed_flag,
                                               valid_until=valid_until))


def revoked(kind: int = assessment.ASSESSMENT_KIND_FORERUNNER, name: str = RESULT, subject: str = DECLARATION) -> assessment.AssessmentRevoked:
    return assessment.AssessmentRevoked(assessment=name, kind=kind, subject=subject, league_code="150100",
                                        revoked_on="2023-03-01", reason="动态调整")


def test_a_listing_outcome_becomes_a_forerunner_entry_once(store, outcomes) -> None:
    declare(store)
    assert handle(outcomes, listed()) == []  # a process manager: no read-model changes of its own
    (entry,) = store.read_stream(LIST)
    message = entry.message()
    assert message == events.ForerunnerListed(
        forerunner_list=LIST, year=2022, key_field="乳制品", scheme="forerunnerSchemes/dairy-2022", declaration=DECLARATION,
        enterprise=f"enterprises/{USCC}", league_code="150100", rank=2, listed_on="2022-11-01",
        valid_until="2023-10-31", assessment=RESULT)  # no end date given: one configured cycle
    assert (entry.metadata.correlation_id, entry.metadata.actor) == ("corr-1", "services/registry.assessment-outcomes")
    assert entry.metadata.causation_id.startswith("assessment-")
    handle(outcomes, listed())  # redelivered
    assert types(store, LIST) == ["ForerunnerListed"]
    assert types(store, f"forerunnerAssessments/{RESULT}") == ["ForerunnerAssessmentLinked"]


def test_the_assessments_end_date_wins_over_the_configured_cycle(store) -> None:
    declare(store)
    handle(AssessmentOutcomes(store, RegistryPolicy(forerunner_validity_years=3)), listed(valid_until="2022-12-31"))
    assert store.read_stream(LIST)[0].message().valid_until == "2022-12-31"


def test_unlisted_results_and_other_kinds_are_ignored(store, outcomes) -> None:
    declare(store)
    handle(outcomes, listed(listed_flag=False))
    handle(outcomes, listed(kind=assessment.ASSESSMENT_KIND_BRAND))
    handle(outcomes, revoked())  # revoking what never listed anything
    handle(outcomes, revoked(kind=assessment.ASSESSMENT_KIND_BRAND, subject=f"enterprises/{USCC}"))
    assert [e.stream_id for e in store.read_all(0, 100)] == [DECLARATION]


def test_a_revocation_revokes_the_entry_once(store, outcomes) -> None:
    declare(store)
    handle(outcomes, listed())
    handle(outcomes, revoked())
    handle(outcomes, revoked())
    assert types(store, LIST) == ["ForerunnerListed", "ForerunnerRevoked"]
    assert store.read_stream(LIST)[1].message() == events.ForerunnerRevoked(
        forerunner_list=LIST, declaration=DECLARATION, revoked_on="2023-03-01", reason="动态调整", assessment=RESULT)


def test_an_outcome_about_an_unknown_declaration_or_a_foreign_name_is_refused(store, outcomes) -> None:
    with pytest.raises(FailedPreconditionError) as unknown:
        handle(outcomes, listed())
    assert unknown.value.reason == "DECLARATION_NOT_REGISTERED"
    bad_scheme = listed()
    bad_scheme.forerunner.scheme = "schemes/x"
    declare(store)
    with pytest.raises(FailedPreconditionError) as foreign:
        handle(outcomes, bad_scheme)
    assert foreign.value.reason == "UNKNOWN_RESOURCE_NAME"
    assert store.read_stream(LIST) == []


def good_behaviour(name: str, chamber: str = "chambers/NMB") -> assessment.AssessmentCompleted:
    return assessment.AssessmentCompleted(
        assessment=name, kind=assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR, subject=chamber, league_code="150100",
        completed_on="2022-12-01", good_behaviour=assessment.GoodBehaviourResult(
            checklist="checklists/c", total_points=70, max_points=100, conforms=True, grade="conforming"))


def test_good_behaviour_outcomes_are_recorded_on_the_chamber_once_and_revoked(store, outcomes) -> None:
    store.append("chambers/NMB", ANY_VERSION, [NewEvent("chambers/NMB", events.ChamberRegistered(
        chamber="chambers/NMB", org_code="NMB", league_code="150000", registered_on="2021-09-01"))])
    handle(outcomes, good_behaviour("chambers/NMB/goodBehaviour/1"), "chambers/NMB/goodBehaviour")
    handle(outcomes, good_behaviour("chambers/NMB/goodBehaviour/1"), "chambers/NMB/goodBehaviour")
    handle(outcomes, revoked(assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR, "chambers/NMB/goodBehaviour/1", "chambers/NMB"))
    assert types(store, "chambers/NMB") == ["ChamberRegistered", "ChamberGoodBehaviourRecorded", "ChamberGoodBehaviourRevoked"]
    recorded = store.read_stream("chambers/NMB")[1].message()
    assert (recorded.score, recorded.max_score, recorded.grade, recorded.conforms, recorded.evaluated_on) == (
        70, 100, "conforming", True, "2022-12-01")


class RecordingBus(Bus):
    """Keeps what the runner publishes (its dead letters)."""

    def __init__(self) -> None:
        self.published: list[Record] = []

    def publish(self, records) -> None:
        self.published.extend(records)

    def consumer(self, group, topics) -> Consumer:
        raise NotImplementedError


def test_the_runner_dead_letters_an_outcome_the_registry_cannot_record(store, tmp_path) -> None:
    bus = RecordingBus()
    runner = ProjectionRunner(AssessmentOutcomes(store, RegistryPolicy()), SqliteDocumentStore(tmp_path / "v.db"), bus)
    unknown_chamber = source(good_behaviour("chambers/NONE/goodBehaviour/1", chamber="chambers/NONE"), "chambers/NONE/goodBehaviour")
    record = to_record(unknown_chamber, topic_for("assessment"), source_for("assessment"))
    runner.process([Delivery(record, partition=0, offset=7)])
    (dead,) = bus.published
    assert dead.topic == "fedstd.assessment.v1.deadletter"
    assert "chambers/NONE is not registered" in dead.headers["dlq_reason"]
    assert store.read_all(0, 10) == []
