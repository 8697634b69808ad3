"""Projection handlers (pure event -> Put rules) and ProjectionRunner.process over a real SQLite read model."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from itertools import count

import pytest
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.reporting.v1 import events_pb2 as reporting_events
from services.assessment.projections import ASSESSMENTS, HISTORIES, AssessmentViews
from services.common import protos
from services.common.bus import Delivery
from services.common.cloudevents import source_for, to_record, topic_for
from services.common.events import Metadata, StoredEvent
from services.common.projection import Projection, ProjectionRunner
from services.common.readmodel import Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.demo import synthetic_uscc
from services.registry.projections import GROUP_STANDARDS, RegistryViews
from services.reporting.projections import FederationProgress
from tests.support.reporting import RecordingBus

USCC = synthetic_uscc("150100", 1)
BRAND_STREAM = f"enterprises/{USCC}/brandEvaluations"
STANDARD_STREAM = "chambers/NMB/groupStandards/14-2023"
REPORT_STREAM = "leagues/150100/annualReports/2022"

_positions = count(1)


def stored(stream_id: str, version: int, message: Message) -> StoredEvent:
    return StoredEvent(
        position=next(_positions),
        stream_id=stream_id,
        version=version,
        event_id=f"event-{stream_id}-{version}",
        type=protos.type_name(message),
        data=message.SerializeToString(),
        occurred_at=datetime(2023, 7, 24, tzinfo=timezone.utc),
        metadata=Metadata(correlation_id="corr"),
    )


def standard_published(sequence: int = 14, league_code: str = "150100") -> registry_events.StandardPublished:
    return registry_events.StandardPublished(
        group_standard=f"chambers/NMB/groupStandards/{sequence}-2023", number=f"T/NMB {sequence}—2023",
        org_code="NMB", title="呼和浩特老字号评定规范", league_code=league_code,
        published_on="2023-07-24", effective_on="2023-08-01",
    )


def brand_completed(n: int, total: int = 960, influence: int = 150,
                    kind: int = assessment_events.ASSESSMENT_KIND_BRAND) -> assessment_events.AssessmentCompleted:
    scores = assessment_events.BrandScores(capability=150, quality=300, reputation=250, culture=150, influence=influence)
    return assessment_events.AssessmentCompleted(
        assessment=f"{BRAND_STREAM}/{n}", kind=kind, subject=f"enterprises/{USCC}", league_code="150100",
        completed_on="2022-06-30",
        brand=assessment_events.BrandResult(scores=scores, total_score=total, star_level=assessment_events.STAR_LEVEL_FIVE,
                                            valid_until="2025-06-29", evaluator="body"),
    )


def report_submitted() -> reporting_events.ReportSubmitted:
    submitted_at = Timestamp()
    submitted_at.FromDatetime(datetime(2023, 1, 15, 8, 0, tzinfo=timezone.utc))
    return reporting_events.ReportSubmitted(
        report=REPORT_STREAM, league_code="150100", year=2022,
        figures=reporting_events.ReportFigures(private_enterprises=30, evaluated_enterprises=4,
                                               two_star_or_above_enterprises=3),
        narrative="synthetic", submitted_at=submitted_at,
    )


def apply_handler(projection: Projection, event: StoredEvent) -> list[Put] | None:
    """What the projection's handler makes of the event; None when it has no handler for its type."""
    for cls, handler in projection.handlers().items():
        if cls.DESCRIPTOR.full_name == event.type:
            return handler(event, event.message())
    return None


# ---------------------------------------------------------------- handlers


def test_registry_views_standard_published() -> None:
    event = stored(STANDARD_STREAM, 1, standard_published())
    assert apply_handler(RegistryViews(), event) == [
        Put(GROUP_STANDARDS, STANDARD_STREAM, 1, {
            "number": "T/NMB 14—2023", "state": "GROUP_STANDARD_STATE_PUBLISHED", "published_on": "2023-07-24",
            "effective_on": "2023-08-01", "sequence": 0, "year": 0, "review_due_on": "",
        })
    ]


def test_registry_views_ignores_other_services_events() -> None:
    assert apply_handler(RegistryViews(), stored(BRAND_STREAM, 1, brand_completed(1))) is None
    assert apply_handler(RegistryViews(), stored(REPORT_STREAM, 1, report_submitted())) is None


def test_assessment_views_writes_the_evaluation_supersedes_the_one_before_and_moves_the_history() -> None:
    event = stored(BRAND_STREAM, 2, brand_completed(2, total=955))
    puts = apply_handler(AssessmentViews(), event)
    assert [(p.collection, p.key, p.version) for p in puts] == [
        (ASSESSMENTS, f"{BRAND_STREAM}/2", 2),
        (ASSESSMENTS, f"{BRAND_STREAM}/1", 2),
        (HISTORIES, BRAND_STREAM, 2),
    ]
    assert puts[1].fields == {"superseded": True, "superseded_by": f"{BRAND_STREAM}/2"}
    assert puts[2].fields == {"kind": assessment_events.ASSESSMENT_KIND_BRAND, "subject": f"enterprises/{USCC}",
                              "league_code": "150100", "latest": f"{BRAND_STREAM}/2"}
    assert puts[0].fields == {
        "name": f"{BRAND_STREAM}/2",
        "kind": assessment_events.ASSESSMENT_KIND_BRAND,
        "subject": f"enterprises/{USCC}",
        "league_code": "150100",
        "completed_on": "2022-06-30",
        "year": 2022,
        "evaluator": "body",
        "scheme": "",
        "star_level": assessment_events.STAR_LEVEL_FIVE,
        "superseded": False,
        "revoked": False,
        "result_kind": "brand",
        "result": {
            "scores": {"capability": 150, "quality": 300, "reputation": 250, "culture": 150, "influence": 150},
            "total_score": 955,
            "star_level": "STAR_LEVEL_FIVE",
            "valid_until": "2025-06-29",
            "evaluator": "body",
        },
    }


def test_assessment_views_only_moves_the_history_for_an_unknown_kind_and_ignores_other_types() -> None:
    unspecified = stored(BRAND_STREAM, 1, brand_completed(1, kind=assessment_events.ASSESSMENT_KIND_UNSPECIFIED))
    assert apply_handler(AssessmentViews(), unspecified) == [Put(HISTORIES, BRAND_STREAM, 1, {})]
    assert apply_handler(AssessmentViews(), stored(STANDARD_STREAM, 1, standard_published())) is None
    assert apply_handler(AssessmentViews(), stored(REPORT_STREAM, 1, report_submitted())) is None


def test_projections_consume_the_topics_they_handle() -> None:
    assert RegistryViews.topics == ("fedstd.registry.v1",)
    assert AssessmentViews.topics == ("fedstd.assessment.v1",)
    assert set(FederationProgress.topics) == {"fedstd.registry.v1", "fedstd.assessment.v1", "fedstd.reporting.v1"}


# ---------------------------------------------------------------- runner


LATEST = "latest"


class LatestPerStream(Projection):
    """One document per stream naming its latest event: a projection as small as the runner tests need."""

    name = "test.latest"
    topics = (topic_for("registry"), topic_for("assessment"), topic_for("reporting"))

    def handlers(self):
        return {cls: self.latest for cls in (registry_events.StandardPublished, assessment_events.AssessmentCompleted,
                                             reporting_events.ReportSubmitted)}

    @staticmethod
    def latest(event: StoredEvent, message: Message) -> list[Put]:
        return [Put(LATEST, event.stream_id, event.version, {"type": event.type, "event_id": event.event_id})]


_offsets = count(0)


def delivery(event: StoredEvent, service: str) -> Delivery:
    return Delivery(to_record(event, topic_for(service), source_for(service)), partition=0, offset=next(_offsets))


@pytest.fixture
def docs(tmp_path):
    store = SqliteDocumentStore(tmp_path / "read.db")
    yield store
    store.close()


def test_runner_applies_dead_letters_and_dedupes_redelivery(docs: SqliteDocumentStore) -> None:
    bus = RecordingBus()
    runner = ProjectionRunner(LatestPerStream(), docs, bus)

    good = [
        delivery(stored(STANDARD_STREAM, 1, standard_published()), "registry"),
        delivery(stored(BRAND_STREAM, 1, brand_completed(1, total=960)), "assessment"),
        delivery(stored(BRAND_STREAM, 2, brand_completed(2, total=712)), "assessment"),
        delivery(stored(REPORT_STREAM, 1, report_submitted()), "reporting"),
    ]
    bad_record = replace(good[0].record, headers={**good[0].record.headers, "content-type": "application/json"})
    bad = Delivery(bad_record, partition=2, offset=77)
    batch = [*good[:2], bad, *good[2:]]

    runner.process(batch)

    assert runner.stats.delivered == 5
    assert runner.stats.changed == 3  # two events of one stream fold into one document
    assert runner.stats.dead_lettered == 1
    assert runner.stats.batches == 1
    assert runner.stats.last_positions["fedstd.reporting.v1"] == from_position(good[3])

    assert docs.get(LATEST, STANDARD_STREAM) == {
        "type": "fedstd.registry.v1.StandardPublished", "event_id": good[0].record.headers["ce_id"],
        "_key": STANDARD_STREAM, "_version": 1,
    }
    brand = docs.get(LATEST, BRAND_STREAM)
    assert (brand["_version"], brand["event_id"]) == (2, good[2].record.headers["ce_id"])
    assert docs.get(LATEST, REPORT_STREAM)["type"] == "fedstd.reporting.v1.ReportSubmitted"
    assert docs.count(LATEST) == 3

    (dead,) = bus.published
    assert dead.topic == "fedstd.registry.v1.deadletter"
    assert dead.key == bad_record.key
    assert dead.value == bad_record.value
    assert "content-type must be application/protobuf" in dead.headers["dlq_reason"]
    assert dead.headers["dlq_group"] == "test.latest"
    assert dead.headers["dlq_topic"] == "fedstd.registry.v1"
    assert (dead.headers["dlq_partition"], dead.headers["dlq_offset"]) == ("2", "77")
    assert dead.headers["ce_id"] == bad_record.headers["ce_id"]  # original headers travel along

    snapshot = docs.find(LATEST)
    runner.process(batch)  # a redelivery, as after a crash before the offset commit

    assert runner.stats.changed == 3
    assert runner.stats.delivered == 10
    assert runner.stats.batches == 2
    assert docs.find(LATEST) == snapshot


def from_position(d: Delivery) -> int:
    return int(d.record.headers["ce_sequence"])


def test_an_older_event_arriving_later_changes_nothing(docs: SqliteDocumentStore) -> None:
    runner = ProjectionRunner(LatestPerStream(), docs, RecordingBus())
    newer = delivery(stored(BRAND_STREAM, 2, brand_completed(2, total=905)), "assessment")
    older = delivery(stored(BRAND_STREAM, 1, brand_completed(1, total=650)), "assessment")
    runner.process([newer])
    runner.process([older])
    assert runner.stats.changed == 1
    document = docs.get(LATEST, BRAND_STREAM)
    assert (document["_version"], document["event_id"]) == (2, newer.record.headers["ce_id"])


def test_a_later_evaluation_replaces_the_nested_result_whole(docs: SqliteDocumentStore) -> None:
    # MessageToDict leaves zero fields out: a merge of nested objects would keep the old influence.
    runner = ProjectionRunner(AssessmentViews(), docs, RecordingBus())
    runner.process([delivery(stored(BRAND_STREAM, 1, brand_completed(1, total=960, influence=150)), "assessment")])
    runner.process([delivery(stored(BRAND_STREAM, 2, brand_completed(2, total=850, influence=0)), "assessment")])
    assert docs.get(HISTORIES, BRAND_STREAM)["latest"] == f"{BRAND_STREAM}/2"
    latest = docs.get(ASSESSMENTS, f"{BRAND_STREAM}/2")
    assert latest["result"]["total_score"] == 850
    assert "influence" not in latest["result"]["scores"]
    assert docs.get(ASSESSMENTS, f"{BRAND_STREAM}/1")["result"]["scores"]["influence"] == 150
    assert docs.count(ASSESSMENTS) == 2


def test_events_without_a_handler_are_skipped_not_dead_lettered(docs: SqliteDocumentStore) -> None:
    bus = RecordingBus()
    runner = ProjectionRunner(RegistryViews(), docs, bus)
    foreign = delivery(stored(BRAND_STREAM, 1, brand_completed(1)), "assessment")
    runner.process([foreign])
    assert bus.published == []
    assert runner.stats.changed == 0
    assert runner.stats.dead_lettered == 0
    assert runner.stats.delivered == 1


class BrokenProjection(Projection):
    name = "broken"
    topics = (topic_for("registry"),)

    def handlers(self):
        return {registry_events.StandardPublished: self.fail}

    @staticmethod
    def fail(event: StoredEvent, message: Message) -> list[Put]:
        raise RuntimeError("boom")


def test_a_failing_handler_dead_letters_its_record(docs: SqliteDocumentStore) -> None:
    bus = RecordingBus()
    runner = ProjectionRunner(BrokenProjection(), docs, bus)
    runner.process([delivery(stored(STANDARD_STREAM, 1, standard_published()), "registry")])
    (dead,) = bus.published
    assert dead.topic == "fedstd.registry.v1.deadletter"
    assert dead.headers["dlq_reason"].startswith("handler failed: RuntimeError('boom')")
    assert runner.stats.dead_lettered == 1



class FailingProjection(Projection):
    """Its handler fails as the given error would: a refused record or a store out of reach."""

    name = "test.failing"
    topics = (topic_for("registry"),)

    def __init__(self, error: Exception) -> None:
        self.error = error

    def handlers(self):
        def fail(event: StoredEvent, message: Message) -> list[Put]:
            raise self.error

        return {registry_events.StandardPublished: fail}


def test_a_transient_failure_is_retried_by_redelivery_not_dead_lettered(tmp_path) -> None:
    bus = RecordingBus()
    runner = ProjectionRunner(FailingProjection(ConnectionRefusedError("store down")), SqliteDocumentStore(tmp_path / "v.db"), bus)
    with pytest.raises(ConnectionRefusedError):
        runner.process([delivery(stored("chambers/NMB/groupStandards/a", 1, standard_published()), "registry")])
    assert bus.published == [] and runner.stats.dead_lettered == 0


def test_a_refused_record_is_dead_lettered(tmp_path) -> None:
    bus = RecordingBus()
    runner = ProjectionRunner(FailingProjection(KeyError("no such chamber")), SqliteDocumentStore(tmp_path / "v.db"), bus)
    runner.process([delivery(stored("chambers/NMB/groupStandards/a", 1, standard_published()), "registry")])
    assert [r.headers["dlq_reason"] for r in bus.published] == ["handler failed: KeyError('no such chamber')"]
