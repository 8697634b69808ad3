"""Assessment over real gRPC and a real bus, fed by registry EVENTS that the test puts on the bus.

The registry's side is played by an event store named for the registry and an outbox relay, as
the registry service would run them; assessment runs as a real service (in-process on the
embedded runtime, as a `fedstd serve assessment` process on Kafka and MongoDB). Evaluations must
flow out on `fedstd.assessment.v1`.
"""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from google.protobuf.message import Message
from pymongo import MongoClient

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import assessment_service_pb2_grpc as api_grpc
from fedstd.assessment.v1 import events_pb2 as events
from fedstd.registry.v1 import events_pb2 as registry
from services.common.auth import Role, TokenIssuer
from services.common.bus import Bus
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.client import channel
from services.common.cloudevents import from_record, source_for, topic_for
from services.common.config import SERVICES, Settings
from services.common.events import NewEvent, StoredEvent
from services.common.eventstore import ANY_VERSION, EventStore
from services.common.eventstore.mongo import MongoEventStore
from services.common.relay import OutboxRelay
from services.common.runtime import EmbeddedInfrastructure, ServiceHost
from services.demo import synthetic_uscc
from tests.support.fedstd import FedstdService
from tests.support.servers import TansuBroker
from tests.support.refusals import refusal

CHECKLIST = {"id": "gbt20004", "pass_points": 60, "groups": {"organization": 40, "procedure": 60},
             "grades": [[90, "excellent"], [60, "conforming"]]}
POLICY_ENV = {"FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS": json.dumps([CHECKLIST])}
EVALUATOR = "evaluators/nmb-assess"
KEY_FIELD = "乳制品"
FORERUNNER_STANDARD = "chambers/NMB/groupStandards/20-2022"
E1, E2, E3 = (synthetic_uscc("150100", n) for n in (101, 102, 103))


# -- registry events, as the registry publishes them ------------------------------------------------


def enterprise_registered(uscc: str, division_code: str = "150102", league_code: str = "150100") -> registry.EnterpriseRegistered:
    return registry.EnterpriseRegistered(
        enterprise=f"enterprises/{uscc}", uscc=uscc, name=f"synthetic {uscc[-4:]}", division_code=division_code,
        league_code=league_code, is_private=True, industry_section="C", registered_on="2021-10-01")


def forerunner_standard_published(name: str = FORERUNNER_STANDARD, year: int = 2022,
                                  key_field: str = KEY_FIELD) -> registry.StandardPublished:
    org, sequence = name.split("/")[1], int(name.rpartition("/")[2].split("-")[0])
    return registry.StandardPublished(
        group_standard=name, number=f"T/{org} {sequence}—2022", org_code=org, title="乳制品企业标准领跑者评价要求",
        league_code="150100", published_on="2022-03-01", effective_on="2022-04-01", sequence=sequence, year=2022,
        forerunner_year=year, forerunner_key_field=key_field)


def self_declared(uscc: str, declaration_id: str, protein: float | None, fat: float, key_field: str = KEY_FIELD,
                  kind: int = registry.DECLARED_STANDARD_KIND_ENTERPRISE) -> registry.StandardSelfDeclared:
    indicators = [registry.DeclaredIndicator(name="脂肪", value=fat, unit="g/100g")]
    if protein is not None:
        indicators.append(registry.DeclaredIndicator(name="蛋白质", value=protein, unit="g/100g"))
    return registry.StandardSelfDeclared(
        declaration=f"enterprises/{uscc}/declarations/{declaration_id}", enterprise=f"enterprises/{uscc}",
        league_code="150100", disclosed_on="2022-05-01",
        content=registry.DeclarationContent(standard_number=f"Q/SYN {declaration_id}—2022", standard_name="纯牛奶",
                                            kind=kind, indicators=indicators, key_field=key_field))


def chamber_registered(org_code: str = "NMB") -> registry.ChamberRegistered:
    return registry.ChamberRegistered(chamber=f"chambers/{org_code}", org_code=org_code, name="内蒙古品牌促进会",
                                      federation="federations/150000", league_code="150000", registered_on="2021-09-01")


def scheme_request(scheme_id: str = "dairy-2022", group_standard_version: int = 0, **overrides) -> api.PublishForerunnerSchemeRequest:
    request = api.PublishForerunnerSchemeRequest(
        scheme_id=scheme_id, year=2022, key_field=KEY_FIELD, group_standard=FORERUNNER_STANDARD, evaluator=EVALUATOR,
        core_indicators=[
            events.CoreIndicator(name="蛋白质", unit="g/100g", direction=events.INDICATOR_DIRECTION_HIGHER_IS_BETTER, weight=0.75),
            events.CoreIndicator(name="脂肪", unit="g/100g", direction=events.INDICATOR_DIRECTION_LOWER_IS_BETTER, weight=0.25),
        ],
        selection_rule=events.SelectionRule(top_n=2), published_on="2022-06-01",
        group_standard_version=group_standard_version)
    for field, value in overrides.items():
        if isinstance(value, Message):
            getattr(request, field).CopyFrom(value)
        else:
            setattr(request, field, value)
    return request


# -- the harness -------------------------------------------------------------------------------------


@dataclass
class Assessment:
    """A running assessment service, the registry's event store and relay, and the bus between them."""

    port: int
    issuer: TokenIssuer
    registry_store: EventStore
    bus: Bus

    def stub(self, role: Role = Role.EVALUATOR, scope: str = "nmb-assess") -> api_grpc.AssessmentServiceStub:
        return api_grpc.AssessmentServiceStub(channel(f"127.0.0.1:{self.port}", self.issuer.issue(role, scope)))

    def publish(self, stream_id: str, *messages: Message) -> int:
        """Appends registry events and relays them to the bus, as the registry would; the stream's version."""
        stored = self.registry_store.append(stream_id, ANY_VERSION, [NewEvent(stream_id, m) for m in messages])
        relay = OutboxRelay(self.registry_store, self.bus, topic_for("registry"), source_for("registry"))
        while relay.run_once():
            pass
        return stored[-1].version

    def published_assessment_events(self, expected: int, timeout: float = 60.0) -> list[StoredEvent]:
        consumer = self.bus.consumer(f"check-{uuid.uuid4().hex}", [topic_for("assessment")])
        received: list[StoredEvent] = []
        deadline = time.monotonic() + timeout
        try:
            while len(received) < expected and time.monotonic() < deadline:
                received.extend(from_record(d.record) for d in consumer.poll(0.5))
        finally:
            consumer.close()
        return sorted(received, key=lambda e: e.position)


@pytest.fixture
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Assessment]:
    for name, value in POLICY_ENV.items():
        monkeypatch.setenv(name, value)
    issuer = TokenIssuer.generate()
    infrastructure = EmbeddedInfrastructure(tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data", ports={s: 0 for s in SERVICES}, auth=issuer.settings(),
                        read_your_writes_timeout=2.0)
    host = ServiceHost("assessment", infrastructure, settings).start()
    registry_store = infrastructure.event_store("registry")
    try:
        yield Assessment(host.port, issuer, registry_store, infrastructure.bus)
    finally:
        host.stop()
        registry_store.close()
        infrastructure.close()


@pytest.fixture
def distributed(tmp_path: Path, mongo_uri: str) -> Iterator[Assessment]:
    issuer = TokenIssuer.generate()
    prefix = f"as{uuid.uuid4().hex[:8]}"
    with ExitStack() as stack:
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
        service = stack.enter_context(FedstdService(tmp_path / "assessment", "assessment", broker.bootstrap, mongo_uri,
                                                    prefix, env={**issuer.settings().environment(), **POLICY_ENV}))
        client: MongoClient = MongoClient(mongo_uri)
        stack.callback(client.close)
        bus = KafkaBus(KafkaSettings(broker.bootstrap, session_timeout_ms=6000, heartbeat_interval_ms=1000,
                                     max_poll_interval_ms=5000))
        stack.callback(bus.close)
        yield Assessment(service.port, issuer, MongoEventStore(client, f"{prefix}_registry_events"), bus)


@pytest.fixture(params=["embedded", "distributed"])
def assessment(request: pytest.FixtureRequest) -> Assessment:
    return request.getfixturevalue(request.param)


def eventually(read: Callable[[], object], timeout: float = 30.0) -> object:
    """Polls a read until it returns something truthy (read models are eventually consistent)."""
    deadline = time.monotonic() + timeout
    while not (value := read()):
        if time.monotonic() > deadline:
            raise AssertionError("the read model did not catch up")
        time.sleep(0.05)
    return value



# -- the flow, on both runtimes -----------------------------------------------------------------------


def test_registry_events_in_evaluations_out(assessment: Assessment) -> None:
    stub = assessment.stub()
    scores = events.BrandScores(capability=140, quality=280, reputation=200, culture=120, influence=110)  # 850

    # Nothing is known of the enterprise yet: refused, naming the reason.
    assert refusal(lambda: stub.RecordBrandEvaluation(api.RecordBrandEvaluationRequest(
        uscc=E1, evaluator=EVALUATOR, scores=scores, evaluated_on="2022-06-30")))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "ENTERPRISE_NOT_REGISTERED")

    # The registry registers it; with the registry version the command waits until assessment has seen it.
    version = assessment.publish(f"enterprises/{E1}", enterprise_registered(E1, division_code="150121"))
    evaluation = stub.RecordBrandEvaluation(api.RecordBrandEvaluationRequest(
        uscc=E1, evaluator=EVALUATOR, scores=scores, evaluated_on="2022-06-30", enterprise_version=version))
    assert evaluation.name == f"enterprises/{E1}/brandEvaluations/1"
    assert evaluation.league_code == "150100"  # from the registry's data, not from the request
    assert (evaluation.result.total_score, evaluation.result.star_level) == (850, events.STAR_LEVEL_THREE)
    assert evaluation.result.evaluator == EVALUATOR

    # A forerunner group standard and three declared enterprise standards of its key field.
    standard_version = assessment.publish(FORERUNNER_STANDARD, forerunner_standard_published())
    assessment.publish(f"enterprises/{E1}/declarations/d1", self_declared(E1, "d1", protein=3.6, fat=3.1))
    assessment.publish(f"enterprises/{E2}/declarations/d2", self_declared(E2, "d2", protein=3.2, fat=3.3))
    assessment.publish(f"enterprises/{E3}/declarations/d3", self_declared(E3, "d3", protein=2.9, fat=3.5))
    scheme = stub.PublishForerunnerScheme(scheme_request(group_standard_version=standard_version))
    assert scheme.state == api.FORERUNNER_SCHEME_STATE_PUBLISHED
    seen = stub.GetForerunnerScheme(api.GetForerunnerSchemeRequest(name=scheme.name, min_version=scheme.version))
    assert (seen.key_field, seen.evaluator, seen.version) == (KEY_FIELD, EVALUATOR, scheme.version)
    candidates = eventually(lambda: len(stub.ListForerunnerCandidates(
        api.ListForerunnerCandidatesRequest(scheme=scheme.name)).candidates) == 3)
    assert candidates

    ranked = stub.RankForerunnerScheme(api.RankForerunnerSchemeRequest(scheme=scheme.name, published_on="2022-09-20"))
    assert [(e.declaration.rpartition("/")[2], e.rank, e.shortlisted) for e in ranked.entries] == [
        ("d1", 1, True), ("d2", 2, True), ("d3", 3, False)]
    for entry in ranked.entries[:2]:
        stub.RecordForerunnerCommitment(api.RecordForerunnerCommitmentRequest(
            scheme=scheme.name, declaration=entry.declaration, received_on="2022-09-25"))
    stub.OpenForerunnerPublicNotice(api.OpenForerunnerPublicNoticeRequest(
        scheme=scheme.name, opened_on="2022-10-01", closes_on="2022-10-10"))
    final = stub.FinalizeForerunnerList(api.FinalizeForerunnerListRequest(scheme=scheme.name, finalized_on="2022-11-01"))
    assert final.state == api.FORERUNNER_SCHEME_STATE_FINALIZED
    assert [e.declaration for e in final.entries if e.listed] == [f"enterprises/{E1}/declarations/d1",
                                                                 f"enterprises/{E2}/declarations/d2"]

    # Out on the bus: the brand evaluation, then the scheme's events with one FORERUNNER outcome per listed standard.
    published = assessment.published_assessment_events(expected=10)
    completed = [e.message() for e in published if e.type == "fedstd.assessment.v1.AssessmentCompleted"]
    assert [(c.kind, c.subject) for c in completed] == [
        (events.ASSESSMENT_KIND_BRAND, f"enterprises/{E1}"),
        (events.ASSESSMENT_KIND_FORERUNNER, f"enterprises/{E1}/declarations/d1"),
        (events.ASSESSMENT_KIND_FORERUNNER, f"enterprises/{E2}/declarations/d2"),
    ]
    brand, first, second = completed
    assert brand.league_code == "150100" and brand.brand.total_score == 850
    assert (first.forerunner.rank, first.forerunner.listed, first.forerunner.year, first.forerunner.key_field) == (
        1, True, 2022, KEY_FIELD)
    assert first.forerunner.enterprise == f"enterprises/{E1}" and first.forerunner.valid_until == "2023-10-31"
    assert all(e.metadata.actor == EVALUATOR for e in published)

    # Queries answer from the read model.
    level = stub.GetBrandLevel(api.GetBrandLevelRequest(enterprise=f"enterprises/{E1}", as_of="2023-01-01",
                                                        min_version=evaluation.version))
    assert (level.status, level.star_level, level.evaluation) == (
        api.BRAND_LEVEL_STATUS_VALID, events.STAR_LEVEL_THREE, evaluation.name)
    listed = stub.ListAssessments(api.ListAssessmentsRequest(kind=events.ASSESSMENT_KIND_FORERUNNER, year=2022))
    assert sorted(a.subject for a in listed.assessments) == [first.subject, second.subject]
