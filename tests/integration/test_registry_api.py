"""The registry over real gRPC: every command, the events it puts on the bus,
the queries, the callers' rights, and bad input of every kind (each answered without writing).

The registry runs as a real service host (gRPC server, outbox relay, projections) on SQLite and the
embedded bus; the broad tests also run against `fedstd serve registry` on a Kafka-protocol broker and
MongoDB (`runtime`). Assessment outcomes are put on the bus by an assessment-named event store and
an outbox relay, as the assessment service would publish them.
"""
from __future__ import annotations

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

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.common.bus import Bus
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.client import channel
from services.common.cloudevents import from_record, source_for, topic_for
from services.common.config import SERVICES, Settings
from services.common.events import NewEvent, StoredEvent
from services.common.eventstore import ANY_VERSION, EventStore
from services.common.eventstore.mongo import MongoEventStore
from services.common.readmodel import DocumentStore
from services.common.readmodel.mongo import MongoDocumentStore
from services.common.relay import OutboxRelay
from services.common.runtime import EmbeddedInfrastructure, ServiceHost
from services.demo import synthetic_uscc
from tests.support.fedstd import FedstdService
from tests.support.servers import TansuBroker
from tests.support.refusals import refusal

EM = "\u2014"
CALL_TIMEOUT = 30.0


class Deadline(grpc.UnaryUnaryClientInterceptor):
    """Gives every call a deadline (CALL_TIMEOUT seconds) unless it has one."""

    def intercept_unary_unary(self, continuation, client_call_details, request):
        if client_call_details.timeout is None:
            client_call_details = client_call_details._replace(timeout=CALL_TIMEOUT)
        return continuation(client_call_details, request)


@dataclass
class Registry:
    """A running registry, its event store, the bus, and an assessment-named store to publish outcomes from."""

    port: int
    issuer: TokenIssuer
    store: EventStore
    assessment_store: EventStore
    bus: Bus
    #: The registry's live read model.
    docs: DocumentStore

    def stub(self, role: Role = Role.REGION, scope: str = "", leagues: tuple[str, ...] = ()) -> api_grpc.RegistryServiceStub:
        """A client of the given role; every call has a deadline, so a stuck server fails the test."""
        token = self.issuer.issue(role, scope, leagues=leagues)
        return api_grpc.RegistryServiceStub(grpc.intercept_channel(channel(f"127.0.0.1:{self.port}", token), Deadline()))

    def stored_events(self) -> list[str]:
        """The ids of every event in the registry's store, in global order (what a refused command must not change)."""
        return [e.event_id for e in self.store.read_all(0, 100_000)]

    def publish_assessment(self, stream_id: str, *messages: Message) -> None:
        """Appends assessment events and relays them to the bus, as the assessment service would."""
        self.assessment_store.append(stream_id, ANY_VERSION, [NewEvent(stream_id, m) for m in messages])
        relay = OutboxRelay(self.assessment_store, self.bus, topic_for("assessment"), source_for("assessment"))
        while relay.run_once():
            pass

    def bus_events(self, streams: Callable[[str], bool], expected: int, timeout: float = 60.0) -> list[StoredEvent]:
        """The registry events on the bus of the streams `streams` accepts, once `expected` (distinct) arrived."""
        consumer = self.bus.consumer(f"check-{uuid.uuid4().hex}", [topic_for("registry")])
        received: dict[str, StoredEvent] = {}
        deadline = time.monotonic() + timeout
        try:
            while len(received) < expected and time.monotonic() < deadline:
                for delivery in consumer.poll(0.5):
                    event = from_record(delivery.record)
                    if streams(event.stream_id):
                        received[event.event_id] = event
        finally:
            consumer.close()
        assert len(received) == expected, f"{len(received)} registry events on the bus, expected {expected}"
        return sorted(received.values(), key=lambda e: e.position)


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[Registry]:
    """The registry on the embedded runtime: SQLite and the embedded bus, in this process."""
    issuer = TokenIssuer.generate()
    infrastructure = EmbeddedInfrastructure(tmp_path / "data")
    settings = Settings(data_dir=tmp_path / "data", ports={s: 0 for s in SERVICES}, auth=issuer.settings(),
                        read_your_writes_timeout=10.0)
    host = ServiceHost("registry", infrastructure, settings).start()
    assessment_store = infrastructure.event_store("assessment")
    try:
        yield Registry(host.port, issuer, host.store, assessment_store, infrastructure.bus, host.docs)
    finally:
        host.stop()
        assessment_store.close()
        infrastructure.close()


@pytest.fixture
def distributed(tmp_path: Path, mongo_uri: str) -> Iterator[Registry]:
    """The registry as a `fedstd serve registry` process on a Kafka-protocol broker and MongoDB."""
    issuer = TokenIssuer.generate()
    prefix = f"rg{uuid.uuid4().hex[:8]}"
    with ExitStack() as stack:
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
        service = stack.enter_context(FedstdService(tmp_path / "registry", "registry", broker.bootstrap, mongo_uri, prefix,
                                                    env=issuer.settings().environment()))
        client: MongoClient = MongoClient(mongo_uri)
        stack.callback(client.close)
        bus = KafkaBus(KafkaSettings(broker.bootstrap, session_timeout_ms=6000, heartbeat_interval_ms=1000,
                                     max_poll_interval_ms=5000))
        stack.callback(bus.close)
        yield Registry(service.port, issuer, MongoEventStore(client, f"{prefix}_registry_events"),
                       MongoEventStore(client, f"{prefix}_assessment_events"), bus,
                       MongoDocumentStore(client, f"{prefix}_registry_views"))


@pytest.fixture(params=["embedded", "distributed"])
def runtime(request: pytest.FixtureRequest) -> Registry:
    """The registry on each runtime in turn."""
    return request.getfixturevalue("registry" if request.param == "embedded" else "distributed")



def eventually(read: Callable[[], object], timeout: float = 30.0) -> object:
    deadline = time.monotonic() + timeout
    while not (value := read()):
        if time.monotonic() > deadline:
            raise AssertionError("the read model did not catch up")
        time.sleep(0.05)
    return value


# -- a small world: the region, a league, a chamber, enterprises -----------------------------------------

HOHHOT, BAOTOU = "150100", "150200"
E1, E2 = synthetic_uscc(HOHHOT, 11), synthetic_uscc(HOHHOT, 12)
E3 = synthetic_uscc(BAOTOU, 13)
NMB = "chambers/NMB"
STANDARD = "chambers/NMB/groupStandards/heritage-brands"


def register_world(stub: api_grpc.RegistryServiceStub) -> None:
    """The region and two league federations, the chamber NMB in Hohhot, and three enterprises."""
    for code in ("150000", HOHHOT, BAOTOU, "150102"):
        stub.RegisterFederation(api.RegisterFederationRequest(division_code=code, registered_on="2021-09-01"))
    stub.RegisterChamber(api.RegisterChamberRequest(
        org_code="NMB", display_name="内蒙古品牌促进会", federation=f"federations/{HOHHOT}",
        plan_sectors=[plan.PLAN_SECTOR_BUSINESS_SERVICES], registered_on="2021-09-15"))
    for uscc, division in ((E1, "150102"), (E2, "150121"), (E3, "150203")):
        stub.RegisterEnterprise(enterprise_request(uscc, division))


def enterprise_request(uscc: str, division_code: str = "150102", **overrides) -> api.RegisterEnterpriseRequest:
    request = api.RegisterEnterpriseRequest(
        uscc=uscc, display_name=f"合成企业 {uscc[-4:]}", division_code=division_code, is_private=True,
        industry_section="C", industry_division="14", plan_sectors=[plan.PLAN_SECTOR_MANUFACTURING],
        size_class=events.SIZE_CLASS_SMALL, registered_on="2021-10-01")
    for field, value in overrides.items():
        if isinstance(value, list):
            del getattr(request, field)[:]
            getattr(request, field).extend(value)
        else:
            setattr(request, field, value)
    return request


def drive_to_published(chamber: api_grpc.RegistryServiceStub, name: str = STANDARD, sequence: int = 14,
                       **proposal) -> api.GroupStandard:
    """Proposal to publication, each step over gRPC; published 2023-07-24, in force from 2023-08-01."""
    parent, standard_id = name.rsplit("/groupStandards/", 1)
    chamber.ProposeGroupStandard(api.ProposeGroupStandardRequest(
        parent=parent, standard_id=standard_id, title="呼和浩特老字号评定规范", scope="老字号的评定",
        plan_sectors=[plan.PLAN_SECTOR_WHOLESALE_RETAIL], proposed_on="2023-01-05", **proposal))
    chamber.ApproveGroupStandardForDrafting(api.ApproveGroupStandardForDraftingRequest(name=name, approved_on="2023-01-20"))
    chamber.StartGroupStandardDrafting(api.StartGroupStandardDraftingRequest(
        name=name, started_on="2023-02-01", drafting_units=["内蒙古品牌促进会", "呼和浩特市商务局"]))
    chamber.OpenGroupStandardComment(api.OpenGroupStandardCommentRequest(name=name, opened_on="2023-04-01", closes_on="2023-05-01"))
    chamber.ReviewGroupStandard(api.ReviewGroupStandardRequest(
        name=name, reviewed_on="2023-06-01", comments_received=23, votes_for=7, votes_cast=8))
    chamber.ApproveGroupStandard(api.ApproveGroupStandardRequest(name=name, approved_on="2023-07-10"))
    return chamber.PublishGroupStandard(api.PublishGroupStandardRequest(
        name=name, sequence=sequence, published_on="2023-07-24", effective_on="2023-08-01"))


LIFECYCLE_EVENTS = [
    "GroupStandardProposed", "GroupStandardApprovedForDrafting", "GroupStandardDraftingStarted",
    "GroupStandardCommentOpened", "GroupStandardTechnicallyReviewed", "GroupStandardApproved", "StandardPublished",
]


def short_types(stored: list[StoredEvent]) -> list[str]:
    return [e.type.rpartition(".")[2] for e in stored]


# -- group standards -----------------------------------------------------------------------------------------


def test_group_standard_lifecycle_over_grpc_with_its_events_on_the_bus(runtime: Registry) -> None:
    registry = runtime
    register_world(registry.stub())
    chamber = registry.stub(Role.CHAMBER, "NMB")
    published = drive_to_published(chamber)
    assert published.number == f"T/NMB 14{EM}2023" and published.name == STANDARD
    assert (published.org_code, published.league_code, published.year, published.sequence) == ("NMB", HOHHOT, 2023, 14)
    assert published.review_due_on == "2028-07-24" and published.drafting_units == ["内蒙古品牌促进会", "呼和浩特市商务局"]
    assert (published.votes_for, published.votes_cast, published.review_passed) == (7, 8, True)
    assert published.version == 7

    # The state is derived for the query's date: published before the effective date, in force from it.
    read = chamber.GetGroupStandard(api.GetGroupStandardRequest(name=STANDARD, min_version=published.version, as_of="2023-07-31"))
    assert read.state == api.GROUP_STANDARD_STATE_PUBLISHED
    in_force = chamber.GetGroupStandard(api.GetGroupStandardRequest(number=f"T/NMB 14-2023", as_of="2023-08-01"))
    assert in_force.state == api.GROUP_STANDARD_STATE_IN_FORCE
    assert in_force == api.GroupStandard(**{**_fields(read), "state": api.GROUP_STANDARD_STATE_IN_FORCE})

    # The command's answer is the read model's view of the same stream.
    published.state = api.GROUP_STANDARD_STATE_IN_FORCE  # answered on today's date, long after 2023-08-01
    assert published == in_force

    stored = registry.bus_events(lambda s: s == STANDARD, expected=7)
    assert short_types(stored) == LIFECYCLE_EVENTS
    assert [e.version for e in stored] == list(range(1, 8))
    published_event = stored[-1].message()
    assert published_event.number == f"T/NMB 14{EM}2023" and published_event.review_due_on == "2028-07-24"
    assert stored[-1].metadata.actor == "chambers/NMB" and stored[-1].metadata.correlation_id
    claims = registry.bus_events(lambda s: s.startswith("standardNumbers/"), expected=1)
    assert [(e.stream_id, e.message().owner) for e in claims] == [("standardNumbers/T-NMB-14-2023", STANDARD)]
    assert claims[0].metadata.correlation_id == stored[-1].metadata.correlation_id  # one command, one correlation


def _fields(message: Message) -> dict:
    return {f.name: v for f, v in message.ListFields()}


def test_periodic_review_revision_abolition_conversion_translation_and_leaders(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    chamber = registry.stub(Role.CHAMBER, "NMB")
    drive_to_published(chamber)

    converting = chamber.RequestGroupStandardConversion(api.RequestGroupStandardConversionRequest(
        name=STANDARD, request_id="to-local", target_level=events.STANDARD_LEVEL_LOCAL, requested_on="2024-01-10"))
    assert [(c.request_id, c.state) for c in converting.conversions] == [("to-local", api.CONVERSION_STATE_PENDING)]
    decided = region.DecideGroupStandardConversion(api.DecideGroupStandardConversionRequest(
        name=STANDARD, request_id="to-local", accepted=True, decided_on="2024-06-01", converted_number="db15/t 1508-2024"))
    assert [(c.state, c.converted_number) for c in decided.conversions] == [(api.CONVERSION_STATE_ACCEPTED, f"DB15/T 1508{EM}2024")]
    translated = chamber.RecordGroupStandardTranslation(api.RecordGroupStandardTranslationRequest(
        name=STANDARD, language="en", translator="合成翻译社", published_on="2024-03-01"))
    assert [(t.language, t.translator) for t in translated.translations] == [("en", "合成翻译社")]

    leader = region.RecommendLeader(api.RecommendLeaderRequest(group_standard=STANDARD, year=2023, recommended_on="2023-09-01"))
    assert (leader.name, leader.state, leader.number, leader.league_code) == (
        f"{STANDARD}/leaders/2023", api.LEADER_STATE_RECOMMENDED, f"T/NMB 14{EM}2023", HOHHOT)
    listed = region.RecordLeaderListing(api.RecordLeaderListingRequest(name=leader.name, listed_on="2023-12-20"))
    assert (listed.state, listed.listed_on, listed.version) == (api.LEADER_STATE_LISTED, "2023-12-20", leader.version + 1)
    assert eventually(lambda: [x.name for x in region.ListLeaders(api.ListLeadersRequest(
        year=2023, state=api.LEADER_STATE_LISTED)).leaders] == [leader.name])

    review = chamber.StartGroupStandardPeriodicReview(api.StartGroupStandardPeriodicReviewRequest(name=STANDARD, started_on="2028-06-01"))
    assert review.state == api.GROUP_STANDARD_STATE_UNDER_PERIODIC_REVIEW
    revised = chamber.ConcludeGroupStandardPeriodicReview(api.ConcludeGroupStandardPeriodicReviewRequest(
        name=STANDARD, outcome=events.PERIODIC_REVIEW_OUTCOME_REVISE, concluded_on="2028-07-01", report="需修订"))
    assert (revised.state, revised.number) == (api.GROUP_STANDARD_STATE_DRAFTING, f"T/NMB 14{EM}2023")
    chamber.OpenGroupStandardComment(api.OpenGroupStandardCommentRequest(name=STANDARD, opened_on="2028-08-01", closes_on="2028-09-01"))
    chamber.ReviewGroupStandard(api.ReviewGroupStandardRequest(name=STANDARD, reviewed_on="2028-09-02", votes_for=5, votes_cast=5))
    chamber.ApproveGroupStandard(api.ApproveGroupStandardRequest(name=STANDARD, approved_on="2028-09-10"))
    republished = chamber.PublishGroupStandard(api.PublishGroupStandardRequest(
        name=STANDARD, sequence=3, sequence_digits=3, published_on="2028-10-01"))
    assert (republished.number, republished.effective_on, republished.review_due_on) == (
        f"T/NMB 003{EM}2028", "2028-10-01", "2033-10-01")
    abolished = chamber.AbolishGroupStandard(api.AbolishGroupStandardRequest(
        name=STANDARD, abolished_on="2030-01-01", reason="superseded by DB15/T 1508—2024"))
    assert abolished.state == api.GROUP_STANDARD_STATE_ABOLISHED and abolished.abolished_on == "2030-01-01"

    stored = registry.bus_events(lambda s: s == STANDARD, expected=19)
    assert short_types(stored)[7:] == [
        "GroupStandardConversionRequested", "GroupStandardConversionDecided", "GroupStandardTranslated",
        "LeaderRecommended", "LeaderListed", "GroupStandardPeriodicReviewStarted", "GroupStandardPeriodicReviewConcluded",
        "GroupStandardCommentOpened", "GroupStandardTechnicallyReviewed", "GroupStandardApproved", "StandardPublished",
        "GroupStandardAbolished"]
    assert {e.metadata.actor for e in stored[7:]} == {"chambers/NMB", "federations/150000"}
    final = region.GetGroupStandard(api.GetGroupStandardRequest(name=STANDARD, min_version=abolished.version))
    assert final == abolished  # conversions and translations included


def test_illegal_transitions_and_taken_numbers_are_refused_and_write_nothing(runtime: Registry) -> None:
    registry = runtime
    register_world(registry.stub())
    chamber = registry.stub(Role.CHAMBER, "NMB")
    drive_to_published(chamber)
    other = "chambers/NMB/groupStandards/second"
    chamber.ProposeGroupStandard(api.ProposeGroupStandardRequest(
        parent=NMB, standard_id="second", title="第二项", scope="范围", proposed_on="2023-01-05"))
    before = registry.stored_events()

    assert refusal(lambda: chamber.PublishGroupStandard(api.PublishGroupStandardRequest(
        name=other, sequence=15, published_on="2023-07-24"))) == (
        grpc.StatusCode.FAILED_PRECONDITION, "CANNOT_PUBLISH_WHEN_PROPOSED", [])
    assert refusal(lambda: chamber.OpenGroupStandardComment(api.OpenGroupStandardCommentRequest(
        name=other, opened_on="2023-02-01", closes_on="2023-03-15")))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "CANNOT_OPEN_COMMENT_WHEN_PROPOSED")
    assert refusal(lambda: chamber.ApproveGroupStandardForDrafting(api.ApproveGroupStandardForDraftingRequest(
        name=STANDARD, approved_on="2023-08-01")))[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "CANNOT_APPROVE_FOR_DRAFTING_WHEN_PUBLISHED")
    assert refusal(lambda: chamber.ApproveGroupStandardForDrafting(api.ApproveGroupStandardForDraftingRequest(
        name="chambers/NMB/groupStandards/missing", approved_on="2023-08-01")))[0] == grpc.StatusCode.NOT_FOUND
    assert refusal(lambda: chamber.ProposeGroupStandard(api.ProposeGroupStandardRequest(
        parent=NMB, standard_id="second", title="again", scope="s", proposed_on="2023-01-05")))[0] == grpc.StatusCode.ALREADY_EXISTS
    assert refusal(lambda: chamber.ProposeGroupStandard(api.ProposeGroupStandardRequest(
        parent="chambers/NOPE", standard_id="x", title="t", scope="s", proposed_on="2023-01-05")))[0] == grpc.StatusCode.PERMISSION_DENIED
    assert refusal(lambda: registry.stub().ProposeGroupStandard(api.ProposeGroupStandardRequest(
        parent="chambers/NOPE", standard_id="x", title="t", scope="s", proposed_on="2023-01-05")))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "CHAMBER_NOT_REGISTERED")
    assert refusal(lambda: chamber.OpenGroupStandardComment(api.OpenGroupStandardCommentRequest(
        name=STANDARD, opened_on="2023-02-01", closes_on="2023-03-15")))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "CANNOT_OPEN_COMMENT_WHEN_PUBLISHED")
    assert registry.stored_events() == before

    # The second standard reaches approval; the number of the first is taken (also written zero-padded).
    for request in (
        api.ApproveGroupStandardForDraftingRequest(name=other, approved_on="2023-01-20"),
        api.StartGroupStandardDraftingRequest(name=other, started_on="2023-02-01", drafting_units=["某单位"]),
        api.OpenGroupStandardCommentRequest(name=other, opened_on="2023-03-01", closes_on="2023-03-20"),
    ):
        call = {api.ApproveGroupStandardForDraftingRequest: chamber.ApproveGroupStandardForDrafting,
                api.StartGroupStandardDraftingRequest: chamber.StartGroupStandardDrafting,
                api.OpenGroupStandardCommentRequest: chamber.OpenGroupStandardComment}[type(request)]
        if isinstance(request, api.OpenGroupStandardCommentRequest):
            assert refusal(lambda: call(request))[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "COMMENT_PERIOD_TOO_SHORT")
            request.closes_on = "2023-04-01"
        call(request)
    assert refusal(lambda: chamber.ReviewGroupStandard(api.ReviewGroupStandardRequest(
        name=other, reviewed_on="2023-03-31", votes_for=5, votes_cast=5)))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "COMMENT_PERIOD_NOT_OVER")
    assert refusal(lambda: chamber.ReviewGroupStandard(api.ReviewGroupStandardRequest(
        name=other, reviewed_on="2023-04-02", votes_for=3, votes_cast=3)))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "TOO_FEW_REVIEWERS")
    chamber.ReviewGroupStandard(api.ReviewGroupStandardRequest(name=other, reviewed_on="2023-04-02", votes_for=5, votes_cast=6))
    approved = chamber.ApproveGroupStandard(api.ApproveGroupStandardRequest(name=other, approved_on="2023-05-01"))
    before = registry.stored_events()
    for sequence, digits in ((14, 0), (14, 4)):
        assert refusal(lambda: chamber.PublishGroupStandard(api.PublishGroupStandardRequest(
            name=other, sequence=sequence, sequence_digits=digits, published_on="2023-07-25"))) == (
            grpc.StatusCode.ALREADY_EXISTS, "ALREADY_EXISTS", [])
    assert registry.stored_events() == before  # nothing half-written: no claim, no publication
    assert registry.store.read_stream(other)[-1].version == approved.version
    published = chamber.PublishGroupStandard(api.PublishGroupStandardRequest(name=other, sequence=15, published_on="2023-07-25"))
    assert published.number == f"T/NMB 15{EM}2023"


def test_federations_committee_and_chambers(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    county = region.GetFederation(api.GetFederationRequest(name="federations/150102", min_version=1))
    assert (county.level, county.parent, county.league_code, county.display_name) == (
        events.FEDERATION_LEVEL_COUNTY, f"federations/{HOHHOT}", HOHHOT, "新城区工商业联合会")
    assert refusal(lambda: region.RegisterFederation(api.RegisterFederationRequest(division_code="152921", registered_on="2021-09-01")))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "PARENT_FEDERATION_NOT_REGISTERED")
    assert refusal(lambda: region.RegisterFederation(api.RegisterFederationRequest(division_code=HOHHOT, registered_on="2021-09-01")))[0] == \
        grpc.StatusCode.ALREADY_EXISTS
    leagues = eventually(lambda: region.ListFederations(api.ListFederationsRequest(level=events.FEDERATION_LEVEL_LEAGUE)).federations)
    assert [f.name for f in leagues] == ["federations/150100", "federations/150200"]
    assert [f.name for f in region.ListFederations(api.ListFederationsRequest(league_code=HOHHOT)).federations] == [
        "federations/150100", "federations/150102"]

    member = region.AppointCommitteeMember(api.AppointCommitteeMemberRequest(
        member_id="secretariat-1", person_name="合成人员", organisation="自治区非公有制经济发展服务中心",
        group=events.COMMITTEE_GROUP_SECRETARIAT, appointed_on="2021-09-20"))
    removed = region.RemoveCommitteeMember(api.RemoveCommitteeMemberRequest(name=member.name, removed_on="2022-09-20", reason="换届"))
    assert (removed.removed_on, removed.removal_reason, removed.version) == ("2022-09-20", "换届", 2)
    listed = eventually(lambda: [m for m in region.ListCommitteeMembers(api.ListCommitteeMembersRequest(
        include_removed=True)).committee_members if m.version == removed.version])  # the removal has reached the read model
    assert [m.name for m in listed] == [member.name]
    assert region.ListCommitteeMembers(api.ListCommitteeMembersRequest()).committee_members == []

    chamber = registry.stub(Role.CHAMBER, "NMB")
    assert refusal(lambda: chamber.SelectChamberAsPilot(api.SelectChamberAsPilotRequest(name=NMB, year=2022, selected_on="2022-01-01")))[0] == \
        grpc.StatusCode.PERMISSION_DENIED
    region.SelectChamberAsPilot(api.SelectChamberAsPilotRequest(name=NMB, year=2022, selected_on="2022-01-01"))
    chamber.DeclareChamberCommitment(api.DeclareChamberCommitmentRequest(name=NMB, declared_on="2022-01-05", statement="自我承诺声明"))
    final = chamber.RegisterChamberOnPlatform(api.RegisterChamberOnPlatformRequest(name=NMB, registered_on="2022-01-10", platform_account="NMB-001"))
    assert (final.pilot_year, final.commitment_declared_on, final.platform_account, final.league_code, final.federation) == (
        2022, "2022-01-05", "NMB-001", HOHHOT, f"federations/{HOHHOT}")
    assert refusal(lambda: registry.stub(Role.LEAGUE, BAOTOU).RegisterChamber(api.RegisterChamberRequest(
        org_code="BTC", display_name="包头商会", federation=f"federations/{HOHHOT}", registered_on="2021-09-15")))[0] == \
        grpc.StatusCode.PERMISSION_DENIED
    assert refusal(lambda: region.RegisterChamber(api.RegisterChamberRequest(
        org_code="NMB", display_name="重名", federation=f"federations/{BAOTOU}", registered_on="2021-09-15")))[0] == \
        grpc.StatusCode.ALREADY_EXISTS
    pilots = eventually(lambda: region.ListChambers(api.ListChambersRequest(pilot_year=2022)).chambers)
    assert [c.name for c in pilots] == [NMB]
    assert region.ListChambers(api.ListChambersRequest(plan_sector=plan.PLAN_SECTOR_MANUFACTURING)).chambers == []

    stored = registry.bus_events(lambda s: s == NMB or s.startswith("committee/"), expected=6)
    assert short_types(stored) == ["ChamberRegistered", "CommitteeMemberAppointed", "CommitteeMemberRemoved",
                                   "ChamberSelectedAsPilot", "ChamberCommitmentDeclared", "ChamberRegisteredOnPlatform"]


def test_enterprises_memberships_brand_pilot_and_filters(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    hohhot = registry.stub(Role.LEAGUE, HOHHOT)
    name = f"enterprises/{E1}"
    assert refusal(lambda: hohhot.RegisterEnterprise(enterprise_request(E1)))[:2] == (grpc.StatusCode.ALREADY_EXISTS, "ALREADY_EXISTS")
    assert refusal(lambda: hohhot.RegisterEnterprise(enterprise_request(synthetic_uscc(BAOTOU, 99), "150203")))[0] == \
        grpc.StatusCode.PERMISSION_DENIED
    hohhot.JoinChamber(api.JoinChamberRequest(name=name, chamber=NMB, joined_on="2022-01-01"))
    assert refusal(lambda: hohhot.JoinChamber(api.JoinChamberRequest(name=name, chamber="chambers/NONE", joined_on="2022-01-01")))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "CHAMBER_NOT_REGISTERED")
    enrolled = hohhot.EnrolInBrandPilot(api.EnrolInBrandPilotRequest(name=name, year=2022, enrolled_on="2022-02-01"))
    assert [m.chamber for m in enrolled.chambers] == [NMB] and enrolled.brand_pilot_year == 2022
    hohhot.EnrolInBrandPilot(api.EnrolInBrandPilotRequest(name=f"enterprises/{E2}", year=2022, enrolled_on="2022-02-01"))
    hohhot.WithdrawFromBrandPilot(api.WithdrawFromBrandPilotRequest(name=f"enterprises/{E2}", withdrawn_on="2022-03-01", reason="自愿退出"))
    assert refusal(lambda: registry.stub(Role.LEAGUE, BAOTOU).EnrolInBrandPilot(api.EnrolInBrandPilotRequest(
        name=name, year=2022, enrolled_on="2022-02-01")))[0] == grpc.StatusCode.PERMISSION_DENIED

    # By its natural key, with any spelling of the USCC.
    read = region.GetEnterprise(api.GetEnterpriseRequest(name=f"enterprises/{E1.lower()}", min_version=enrolled.version))
    assert read == enrolled

    moved = region.ChangeEnterpriseDetails(api.ChangeEnterpriseDetailsRequest(
        name=f"enterprises/{E3}", display_name="包头养老服务有限公司", division_code="150203", industry_section="Q",
        industry_division="85", plan_sectors=[plan.PLAN_SECTOR_ELDERLY_CARE], size_class=events.SIZE_CLASS_MICRO,
        changed_on="2022-05-01"))
    assert (moved.industry_section, list(moved.plan_sectors), moved.size_class) == (
        "Q", [plan.PLAN_SECTOR_ELDERLY_CARE], events.SIZE_CLASS_MICRO)
    eventually(lambda: region.GetEnterprise(api.GetEnterpriseRequest(name=f"enterprises/{E3}")).version == moved.version)

    def names_of(**filters) -> list[str]:
        return [e.uscc for e in region.ListEnterprises(api.ListEnterprisesRequest(**filters)).enterprises]

    eventually(lambda: names_of(brand_pilot_year=2022) == [E1])
    assert names_of(league_code=HOHHOT) == sorted([E1, E2])
    assert names_of(plan_sector=plan.PLAN_SECTOR_ELDERLY_CARE) == [E3]
    assert names_of(plan_sector=plan.PLAN_SECTOR_MANUFACTURING) == sorted([E1, E2])
    assert names_of(industry_section="Q", size_class=events.SIZE_CLASS_MICRO) == [E3]
    left = hohhot.LeaveChamber(api.LeaveChamberRequest(name=name, chamber=NMB, left_on="2023-01-01"))
    assert (list(left.chambers), left.version) == ([], enrolled.version + 1)
    assert region.GetEnterprise(api.GetEnterpriseRequest(name=name, min_version=left.version)) == left

    stored = registry.bus_events(lambda s: s == name, expected=4)
    assert short_types(stored) == ["EnterpriseRegistered", "EnterpriseJoinedChamber", "EnterpriseEnrolledInBrandPilot",
                                   "EnterpriseLeftChamber"]
    assert stored[0].message().league_code == HOHHOT and stored[1].metadata.actor == f"federations/{HOHHOT}"


def test_self_declarations_are_unique_per_number_and_free_it_when_withdrawn(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    hohhot = registry.stub(Role.LEAGUE, HOHHOT)
    content = events.DeclarationContent(
        standard_number="q/hhr 0001-2022", standard_name="纯牛奶", kind=events.DECLARED_STANDARD_KIND_ENTERPRISE,
        products=[events.DeclaredProduct(name="纯牛奶", brand="合成牌", model="250ml")], key_field="乳制品",
        indicators=[events.DeclaredIndicator(name="蛋白质", value=3.2, unit="g/100g", kind=events.INDICATOR_KIND_PERFORMANCE)])
    declared = hohhot.DeclareStandard(api.DeclareStandardRequest(
        parent=f"enterprises/{E1}", declaration_id="milk", content=content, disclosed_on="2022-05-01"))
    assert (declared.content.standard_number, declared.state, declared.league_code) == (
        f"Q/HHR 0001{EM}2022", api.SELF_DECLARATION_STATE_DISCLOSED, HOHHOT)
    duplicate = api.DeclareStandardRequest(parent=f"enterprises/{E1}", declaration_id="milk-2", content=content, disclosed_on="2022-05-02")
    assert refusal(lambda: hohhot.DeclareStandard(duplicate))[0] == grpc.StatusCode.ALREADY_EXISTS
    executes = events.DeclarationContent(standard_number="GB/T 27925-2011", standard_name="商业企业品牌评价与企业文化建设指南",
                                         kind=events.DECLARED_STANDARD_KIND_NATIONAL, products=[events.DeclaredProduct(name="零售服务")])
    hohhot.DeclareStandard(api.DeclareStandardRequest(parent=f"enterprises/{E2}", declaration_id="brand", content=executes,
                                                      disclosed_on="2022-05-01"))
    assert refusal(lambda: registry.stub(Role.LEAGUE, BAOTOU).WithdrawSelfDeclaration(api.WithdrawSelfDeclarationRequest(
        name=declared.name, withdrawn_on="2022-06-01")))[0] == grpc.StatusCode.PERMISSION_DENIED
    assert refusal(lambda: hohhot.DeclareStandard(api.DeclareStandardRequest(
        parent=f"enterprises/{synthetic_uscc(HOHHOT, 98)}", declaration_id="x", content=content, disclosed_on="2022-05-01")))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "ENTERPRISE_NOT_REGISTERED")

    updated_content = events.DeclarationContent()
    updated_content.CopyFrom(content)
    updated_content.standard_number = "Q/HHR 0002—2023"
    updated = hohhot.UpdateSelfDeclaration(api.UpdateSelfDeclarationRequest(name=declared.name, content=updated_content, updated_on="2023-01-01"))
    assert (updated.state, updated.content.standard_number) == (api.SELF_DECLARATION_STATE_UPDATED, f"Q/HHR 0002{EM}2023")
    hohhot.DeclareStandard(duplicate)  # the old number is free again
    withdrawn = hohhot.WithdrawSelfDeclaration(api.WithdrawSelfDeclarationRequest(
        name=declared.name, withdrawn_on="2023-06-01", reason="停产"))
    assert (withdrawn.state, withdrawn.withdrawal_reason) == (api.SELF_DECLARATION_STATE_WITHDRAWN, "停产")
    assert refusal(lambda: hohhot.UpdateSelfDeclaration(api.UpdateSelfDeclarationRequest(
        name=declared.name, content=content, updated_on="2023-07-01")))[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "DECLARATION_WITHDRAWN")

    eventually(lambda: len(region.ListSelfDeclarations(api.ListSelfDeclarationsRequest()).self_declarations) == 3)

    def listed(**filters) -> list[str]:
        return [d.name for d in region.ListSelfDeclarations(api.ListSelfDeclarationsRequest(**filters)).self_declarations]

    eventually(lambda: listed(state=api.SELF_DECLARATION_STATE_WITHDRAWN) == [declared.name])
    assert listed(standard_number="GB/T 27925—2011") == [f"enterprises/{E2}/declarations/brand"]
    assert listed(kind=events.DECLARED_STANDARD_KIND_ENTERPRISE, year=2022) == [declared.name, duplicate.parent + "/declarations/milk-2"]
    assert listed(enterprise=f"enterprises/{E2}", key_field="乳制品") == []
    stored = registry.bus_events(lambda s: s == declared.name, expected=3)
    assert short_types(stored) == ["StandardSelfDeclared", "SelfDeclarationUpdated", "SelfDeclarationWithdrawn"]


def forerunner_completed(assessment_name: str, declaration: str, rank: int, valid_until: str = "") -> assessment.AssessmentCompleted:
    return assessment.AssessmentCompleted(
        assessment=assessment_name, kind=assessment.ASSESSMENT_KIND_FORERUNNER, subject=declaration, league_code=HOHHOT,
        completed_on="2022-11-01", forerunner=assessment.ForerunnerResult(
            scheme="forerunnerSchemes/dairy-2022", year=2022, key_field="乳制品", declaration=declaration, rank=rank,
            score=90.5, listed=True, valid_until=valid_until))


def good_behaviour_completed(assessment_name: str, chamber: str = NMB) -> assessment.AssessmentCompleted:
    return assessment.AssessmentCompleted(
        assessment=assessment_name, kind=assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR, subject=chamber, league_code=HOHHOT,
        completed_on="2022-12-01", good_behaviour=assessment.GoodBehaviourResult(
            checklist="checklists/gbt20004", total_points=88, max_points=100, conforms=True, grade="good"))


def declare_for_forerunners(hohhot: api_grpc.RegistryServiceStub) -> tuple[str, str]:
    """Two declared enterprise standards of the key field 乳制品; their names."""
    for uscc, declaration_id in ((E1, "d1"), (E2, "d2")):
        hohhot.DeclareStandard(api.DeclareStandardRequest(
            parent=f"enterprises/{uscc}", declaration_id=declaration_id, disclosed_on="2022-05-01",
            content=events.DeclarationContent(
                standard_number=f"Q/SYN {declaration_id}—2022", standard_name="纯牛奶", key_field="乳制品",
                kind=events.DECLARED_STANDARD_KIND_ENTERPRISE, products=[events.DeclaredProduct(name="纯牛奶")],
                indicators=[events.DeclaredIndicator(name="蛋白质", value=3.4, unit="g/100g",
                                                     kind=events.INDICATOR_KIND_PERFORMANCE)])))
    return f"enterprises/{E1}/declarations/d1", f"enterprises/{E2}/declarations/d2"


def outcome_events(registry: Registry, expected: int) -> dict[str, list[str]]:
    """The registry's events about forerunner lists and the chamber, by stream, in stream order."""
    stored = registry.bus_events(lambda s: s.startswith("forerunners/") or s == NMB, expected=expected)
    by_stream: dict[str, list[str]] = {}
    for event in sorted(stored, key=lambda e: (e.stream_id, e.version)):
        by_stream.setdefault(event.stream_id, []).append(event.type.rpartition(".")[2])
    return by_stream


def test_assessment_outcomes_become_forerunner_entries_and_good_behaviour(runtime: Registry) -> None:
    registry = runtime
    region = registry.stub()
    register_world(region)
    d1, d2 = declare_for_forerunners(registry.stub(Role.LEAGUE, HOHHOT))
    a1, a2 = f"forerunnerSchemes/dairy-2022/results/{E1}-d1", f"forerunnerSchemes/dairy-2022/results/{E2}-d2"
    good = f"{NMB}/goodBehaviourEvaluations/1"
    registry.publish_assessment("forerunnerSchemes/dairy-2022", forerunner_completed(a1, d1, 1),
                                forerunner_completed(a2, d2, 2, valid_until="2022-12-31"))
    registry.publish_assessment(f"{NMB}/goodBehaviourEvaluations", good_behaviour_completed(good))

    assert outcome_events(registry, expected=4) == {
        "forerunners/2022/dairy-2022": ["ForerunnerListed", "ForerunnerListed"],
        NMB: ["ChamberRegistered", "ChamberGoodBehaviourRecorded"]}
    stored = registry.bus_events(lambda s: s == "forerunners/2022/dairy-2022", expected=2)
    assert [(m.declaration, m.rank, m.valid_until, m.enterprise, m.assessment, m.league_code)
            for m in (e.message() for e in stored)] == [
        (d1, 1, "2023-10-31", f"enterprises/{E1}", a1, HOHHOT), (d2, 2, "2022-12-31", f"enterprises/{E2}", a2, HOHHOT)]
    assert all(e.metadata.causation_id and e.metadata.actor == "services/registry.assessment-outcomes" for e in stored)

    # A redelivered outcome changes nothing; revocations revoke the entry and the chamber's result.
    registry.publish_assessment("forerunnerSchemes/dairy-2022", forerunner_completed(a1, d1, 1))
    registry.publish_assessment("forerunnerSchemes/dairy-2022", assessment.AssessmentRevoked(
        assessment=a1, kind=assessment.ASSESSMENT_KIND_FORERUNNER, subject=d1, league_code=HOHHOT,
        revoked_on="2023-03-01", reason="动态调整"))
    registry.publish_assessment(f"{NMB}/goodBehaviourEvaluations", assessment.AssessmentRevoked(
        assessment=good, kind=assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR, subject=NMB, league_code=HOHHOT,
        revoked_on="2023-02-01", reason="复核"))
    assert outcome_events(registry, expected=6) == {
        "forerunners/2022/dairy-2022": ["ForerunnerListed", "ForerunnerListed", "ForerunnerRevoked"],
        NMB: ["ChamberRegistered", "ChamberGoodBehaviourRecorded", "ChamberGoodBehaviourRevoked"]}

    def states(as_of: str, **filters) -> list[tuple[str, int]]:
        return [(f.declaration, f.state) for f in region.ListForerunners(api.ListForerunnersRequest(as_of=as_of, **filters)).forerunners]

    eventually(lambda: states("2022-12-01") == [(d1, api.FORERUNNER_STATE_REVOKED), (d2, api.FORERUNNER_STATE_LISTED)])
    assert states("2023-01-01") == [(d1, api.FORERUNNER_STATE_REVOKED), (d2, api.FORERUNNER_STATE_EXPIRED)]
    assert states("2022-12-01", state=api.FORERUNNER_STATE_LISTED, year=2022, key_field="乳制品") == [(d2, api.FORERUNNER_STATE_LISTED)]
    assert states("2023-01-01", state=api.FORERUNNER_STATE_LISTED) == []
    chamber = eventually(lambda: (c := region.GetChamber(api.GetChamberRequest(name=NMB))).good_behaviour_revoked_on and c)
    assert (chamber.good_behaviour.score, chamber.good_behaviour.grade, chamber.good_behaviour_revoked_on) == (88, "good", "2023-02-01")
    # Nothing more was recorded by the redelivery.
    assert [e.type.rpartition(".")[2] for e in registry.store.read_stream("forerunners/2022/dairy-2022")] == [
        "ForerunnerListed", "ForerunnerListed", "ForerunnerRevoked"]


def test_an_outcome_about_an_unknown_chamber_goes_to_the_dead_letter_topic(registry: Registry) -> None:
    registry.publish_assessment("chambers/NONE/goodBehaviourEvaluations",
                                good_behaviour_completed("chambers/NONE/goodBehaviourEvaluations/1", chamber="chambers/NONE"))
    consumer = registry.bus.consumer(f"check-{uuid.uuid4().hex}", [f"{topic_for('assessment')}.deadletter"])
    try:
        dead = eventually(lambda: consumer.poll(0.5))
    finally:
        consumer.close()
    (record,) = [d.record for d in dead]
    assert record.headers["dlq_group"] == "registry.assessment-outcomes"
    assert "chambers/NONE is not registered" in record.headers["dlq_reason"]
    assert registry.store.read_stream("chambers/NONE") == []


# -- training ------------------------------------------------------------------------------------------


def test_training_batches_and_trainees(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    hohhot = registry.stub(Role.LEAGUE, HOHHOT)
    request = api.RecordTrainingBatchRequest(
        batch_id="hohhot-2022-1", league_code=HOHHOT, format=events.TRAINING_FORMAT_LECTURE, title="团体标准化专题讲座",
        held_on="2022-04-15", organiser="呼和浩特市工商联",
        trainees=[events.Trainee(person_name="张三", enterprise=f"enterprises/{E1}")])
    batch = hohhot.RecordTrainingBatch(request)
    assert [(t.person_name, t.enterprise) for t in batch.trainees] == [("张三", f"enterprises/{E1}")]
    assert refusal(lambda: hohhot.RecordTrainingBatch(request))[0] == grpc.StatusCode.ALREADY_EXISTS
    unknown = events.Trainee(person_name="王五", enterprise=f"enterprises/{synthetic_uscc(HOHHOT, 97)}")
    assert refusal(lambda: hohhot.RecordTrainees(api.RecordTraineesRequest(name=batch.name, trainees=[unknown])))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "ENTERPRISE_NOT_REGISTERED")
    assert refusal(lambda: hohhot.RecordTrainees(api.RecordTraineesRequest(
        name=batch.name, trainees=[events.Trainee(person_name="张三", enterprise=f"enterprises/{E1}")])))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "TRAINEE_ALREADY_RECORDED")
    assert refusal(lambda: registry.stub(Role.LEAGUE, BAOTOU).RecordTrainees(api.RecordTraineesRequest(
        name=batch.name, trainees=[events.Trainee(person_name="李四", enterprise=f"enterprises/{E3}")])))[0] == \
        grpc.StatusCode.PERMISSION_DENIED
    more = hohhot.RecordTrainees(api.RecordTraineesRequest(name=batch.name, trainees=[
        events.Trainee(person_name="李四", enterprise=f"enterprises/{E3}")]))
    assert [t.person_name for t in more.trainees] == ["张三", "李四"] and more.version == 2
    forum = api.RecordTrainingBatchRequest(batch_id="baotou-2023-1", league_code=BAOTOU, format=events.TRAINING_FORMAT_FORUM,
                                           title="品牌建设论坛", held_on="2023-05-20", organiser="包头市工商联")
    registry.stub(Role.LEAGUE, BAOTOU).RecordTrainingBatch(forum)

    assert region.GetTrainingBatch(api.GetTrainingBatchRequest(name=batch.name, min_version=2)) == more
    eventually(lambda: len(region.ListTrainingBatches(api.ListTrainingBatchesRequest()).training_batches) == 2)
    by_year = region.ListTrainingBatches(api.ListTrainingBatchesRequest(year=2022, format=events.TRAINING_FORMAT_LECTURE))
    assert [b.name for b in by_year.training_batches] == [batch.name]
    assert [b.name for b in region.ListTrainingBatches(api.ListTrainingBatchesRequest(league_code=BAOTOU)).training_batches] == [
        "trainingBatches/baotou-2023-1"]
    stored = registry.bus_events(lambda s: s.startswith("trainingBatches/"), expected=3)
    assert short_types(stored) == ["TrainingBatchHeld", "TraineesRecorded", "TrainingBatchHeld"]
    assert [t.person_name for t in stored[1].message().trainees] == ["李四"]


# -- who may ---------------------------------------------------------------------------------------------


def test_callers_rights_and_partner_reads(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    chamber = registry.stub(Role.CHAMBER, "NMB")
    drive_to_published(chamber)
    region.RegisterChamber(api.RegisterChamberRequest(org_code="BTC", display_name="包头市商会", federation=f"federations/{BAOTOU}",
                                                      registered_on="2021-09-15"))
    eventually(lambda: len(region.ListEnterprises(api.ListEnterprisesRequest()).enterprises) == 3)
    eventually(lambda: len(region.ListChambers(api.ListChambersRequest()).chambers) == 2)

    denied = grpc.StatusCode.PERMISSION_DENIED
    other_chamber = registry.stub(Role.CHAMBER, "BTC")
    assert refusal(lambda: other_chamber.AbolishGroupStandard(api.AbolishGroupStandardRequest(
        name=STANDARD, abolished_on="2024-01-01", reason="x")))[0] == denied
    for caller in (chamber, registry.stub(Role.LEAGUE, HOHHOT), registry.stub(Role.EVALUATOR, "nmb-assess")):
        assert refusal(lambda: caller.RegisterFederation(api.RegisterFederationRequest(
            division_code="150300", registered_on="2021-09-01")))[0] == denied
        assert refusal(lambda: caller.RecommendLeader(api.RecommendLeaderRequest(
            group_standard=STANDARD, year=2023, recommended_on="2023-09-01")))[0] == denied
    assert refusal(lambda: chamber.DecideGroupStandardConversion(api.DecideGroupStandardConversionRequest(
        name=STANDARD, request_id="r", accepted=False, decided_on="2024-01-01", reason="x")))[0] == denied
    assert refusal(lambda: registry.stub(Role.LEAGUE, BAOTOU).JoinChamber(api.JoinChamberRequest(
        name=f"enterprises/{E1}", chamber=NMB, joined_on="2022-01-01")))[0] == denied
    # A league acts for its banners/counties too: Hohhot registers in 土默特左旗 (150121).
    registry.stub(Role.LEAGUE, HOHHOT).RegisterEnterprise(enterprise_request(synthetic_uscc(HOHHOT, 50), "150121"))

    partner = registry.stub(Role.PARTNER, "", leagues=(BAOTOU,))
    assert refusal(lambda: partner.RegisterEnterprise(enterprise_request(synthetic_uscc(BAOTOU, 51), "150203")))[0] == denied
    assert [e.uscc for e in partner.ListEnterprises(api.ListEnterprisesRequest()).enterprises] == [E3]
    assert refusal(lambda: partner.ListEnterprises(api.ListEnterprisesRequest(league_code=HOHHOT)))[0] == denied
    assert refusal(lambda: partner.GetEnterprise(api.GetEnterpriseRequest(name=f"enterprises/{E1}")))[0] == denied
    assert partner.GetEnterprise(api.GetEnterpriseRequest(name=f"enterprises/{E3}")).uscc == E3
    assert [c.org_code for c in partner.ListChambers(api.ListChambersRequest()).chambers] == ["BTC"]
    assert refusal(lambda: partner.GetGroupStandard(api.GetGroupStandardRequest(name=STANDARD)))[0] == denied
    region_federation = partner.GetFederation(api.GetFederationRequest(name="federations/150000"))  # no league applies
    assert region_federation.level == events.FEDERATION_LEVEL_REGION
    everywhere = registry.stub(Role.PARTNER)
    assert eventually(lambda: len(everywhere.ListEnterprises(api.ListEnterprisesRequest()).enterprises) == 3 + 1)

    anonymous = api_grpc.RegistryServiceStub(channel(f"127.0.0.1:{registry.port}", None))
    assert refusal(lambda: anonymous.ListEnterprises(api.ListEnterprisesRequest()))[0] == grpc.StatusCode.UNAUTHENTICATED
    forged = api_grpc.RegistryServiceStub(channel(f"127.0.0.1:{registry.port}", TokenIssuer.generate().issue(Role.REGION)))
    assert refusal(lambda: forged.RegisterFederation(api.RegisterFederationRequest(
        division_code="150300", registered_on="2021-09-01")))[0] == grpc.StatusCode.UNAUTHENTICATED


def test_lists_page_with_tokens_bound_to_their_filters(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    for serial in range(20, 27):
        region.RegisterEnterprise(enterprise_request(synthetic_uscc(BAOTOU, serial), "150203"))
    eventually(lambda: len(region.ListEnterprises(api.ListEnterprisesRequest(league_code=BAOTOU)).enterprises) == 8)
    seen, token = [], ""
    while True:
        page = region.ListEnterprises(api.ListEnterprisesRequest(league_code=BAOTOU, page_size=3, page_token=token))
        seen.extend(e.uscc for e in page.enterprises)
        assert len(page.enterprises) <= 3
        if not (token := page.next_page_token):
            break
    assert seen == sorted([E3, *(synthetic_uscc(BAOTOU, s) for s in range(20, 27))])
    first = region.ListEnterprises(api.ListEnterprisesRequest(league_code=BAOTOU, page_size=3))
    assert refusal(lambda: region.ListEnterprises(api.ListEnterprisesRequest(
        league_code=HOHHOT, page_size=3, page_token=first.next_page_token)))[2] == ["page_token"]
    assert refusal(lambda: region.ListEnterprises(api.ListEnterprisesRequest(page_token="not-a-token")))[2] == ["page_token"]
    assert refusal(lambda: region.ListEnterprises(api.ListEnterprisesRequest(page_size=-1)))[2] == ["page_size"]


# -- bad input of every kind: INVALID_ARGUMENT naming every field, nothing written ------------------------------

BAD_USCC = E1[:-1] + ("0" if E1[-1] != "0" else "1")
GOOD_CONTENT = events.DeclarationContent(
    standard_number="Q/HHR 0001—2022", standard_name="纯牛奶", kind=events.DECLARED_STANDARD_KIND_ENTERPRISE,
    products=[events.DeclaredProduct(name="纯牛奶")],
    indicators=[events.DeclaredIndicator(name="蛋白质", value=3.2, unit="g/100g", kind=events.INDICATOR_KIND_PERFORMANCE)])

BAD_REQUESTS: list[tuple[str, Message, set[str]]] = [
    ("RegisterFederation", api.RegisterFederationRequest(division_code="150101", registered_on="2021-9-1"),
     {"division_code", "registered_on"}),
    ("RegisterFederation", api.RegisterFederationRequest(division_code="110000", registered_on="2021-02-30",
                                                         display_name="x" * 201), {"division_code", "registered_on", "display_name"}),
    ("AppointCommitteeMember", api.AppointCommitteeMemberRequest(member_id="Bad_Id", person_name=" ", organisation="o",
                                                                 group=9, appointed_on="2021-W01-1"),
     {"member_id", "person_name", "group", "appointed_on"}),
    ("RemoveCommitteeMember", api.RemoveCommitteeMemberRequest(name="committee/x", removed_on=""), {"name", "removed_on"}),
    ("RegisterChamber", api.RegisterChamberRequest(org_code="nmb", display_name="", federation="federations/999999",
                                                   plan_sectors=[0, 99, 7, 7], registered_on=""),
     {"org_code", "display_name", "federation", "plan_sectors[0]", "plan_sectors[1]", "plan_sectors", "registered_on"}),
    ("SelectChamberAsPilot", api.SelectChamberAsPilotRequest(name="chambers/nmb", year=2020, selected_on="tomorrow"),
     {"name", "year", "selected_on"}),
    ("DeclareChamberCommitment", api.DeclareChamberCommitmentRequest(name="chambers/NMB", declared_on="2022-01-01", statement=""),
     {"statement"}),
    ("RegisterChamberOnPlatform", api.RegisterChamberOnPlatformRequest(name="NMB", registered_on="2022-13-01", platform_account=""),
     {"name", "registered_on", "platform_account"}),
    ("RegisterEnterprise", enterprise_request(BAD_USCC, "150101", industry_section="Z", size_class=0, registered_on=""),
     {"uscc", "division_code", "industry_section", "size_class", "registered_on"}),
    ("RegisterEnterprise", enterprise_request(E1, industry_division="61", plan_sectors=[plan.PLAN_SECTOR_HEALTH]),
     {"industry_division", "plan_sectors[0]"}),
    ("RegisterEnterprise", enterprise_request("91150100MA0N", display_name="x" * 201, size_class=12),
     {"uscc", "display_name", "size_class"}),
    ("ChangeEnterpriseDetails", api.ChangeEnterpriseDetailsRequest(name=f"enterprises/{BAD_USCC}", display_name="n",
                                                                   division_code="150000", industry_section="Q",
                                                                   plan_sectors=[plan.PLAN_SECTOR_MANUFACTURING],
                                                                   size_class=1, changed_on="2022-01-01"),
     {"name", "division_code", "plan_sectors[0]"}),
    ("JoinChamber", api.JoinChamberRequest(name=f"companies/{E1}", chamber="NMB", joined_on="2022-1-1"),
     {"name", "chamber", "joined_on"}),
    ("EnrolInBrandPilot", api.EnrolInBrandPilotRequest(name=f"enterprises/{E1}", year=2024, enrolled_on="2024-01-01"), {"year"}),
    ("WithdrawFromBrandPilot", api.WithdrawFromBrandPilotRequest(name=f"enterprises/{E1}", withdrawn_on="", reason="x" * 501),
     {"withdrawn_on", "reason"}),
    ("GetEnterprise", api.GetEnterpriseRequest(name=f"enterprises/{BAD_USCC}"), {"name"}),
    ("ProposeGroupStandard", api.ProposeGroupStandardRequest(parent="chambers/NMB/x", standard_id="-bad-", title="", scope="",
                                                             proposed_on="2023-01-05", forerunner_year=1999),
     {"parent", "standard_id", "title", "scope", "forerunner_year", "forerunner_key_field"}),
    ("ApproveGroupStandardForDrafting", api.ApproveGroupStandardForDraftingRequest(name="chambers/NMB/standards/x", approved_on=""),
     {"name", "approved_on"}),
    ("StartGroupStandardDrafting", api.StartGroupStandardDraftingRequest(name=STANDARD, started_on="2023-02-01",
                                                                         drafting_units=[]), {"drafting_units"}),
    ("StartGroupStandardDrafting", api.StartGroupStandardDraftingRequest(name=STANDARD, started_on="2023-02-01",
                                                                         drafting_units=["ok", " "]), {"drafting_units[1]"}),
    ("OpenGroupStandardComment", api.OpenGroupStandardCommentRequest(name=STANDARD, opened_on="2023-04-01", closes_on="2023-04-01"),
     {"closes_on"}),
    ("ReviewGroupStandard", api.ReviewGroupStandardRequest(name=STANDARD, reviewed_on="2023-06-01", comments_received=-1,
                                                           votes_for=9, votes_cast=0),
     {"comments_received", "votes_cast", "votes_for"}),
    ("ApproveGroupStandard", api.ApproveGroupStandardRequest(name=STANDARD, approved_on="07/10/2023"), {"approved_on"}),
    ("PublishGroupStandard", api.PublishGroupStandardRequest(name=STANDARD, sequence=0, sequence_digits=5,
                                                             published_on="2023-07-24", effective_on="2023-07-01"),
     {"sequence", "sequence_digits", "effective_on"}),
    ("PublishGroupStandard", api.PublishGroupStandardRequest(name=STANDARD, sequence=10000, published_on=""),
     {"sequence", "published_on"}),
    ("StartGroupStandardPeriodicReview", api.StartGroupStandardPeriodicReviewRequest(name=STANDARD), {"started_on"}),
    ("ConcludeGroupStandardPeriodicReview", api.ConcludeGroupStandardPeriodicReviewRequest(
        name=STANDARD, outcome=0, concluded_on="2028-07-01", report=""), {"outcome", "report"}),
    ("AbolishGroupStandard", api.AbolishGroupStandardRequest(name=STANDARD, abolished_on="2030-01-01", reason=""), {"reason"}),
    ("RequestGroupStandardConversion", api.RequestGroupStandardConversionRequest(
        name=STANDARD, request_id="", target_level=7, requested_on="2024-01-10"), {"request_id", "target_level"}),
    ("DecideGroupStandardConversion", api.DecideGroupStandardConversionRequest(
        name=STANDARD, request_id="r1", accepted=True, decided_on="2024-06-01", converted_number="T/NMB 1—2024"),
     {"converted_number"}),
    ("DecideGroupStandardConversion", api.DecideGroupStandardConversionRequest(
        name=STANDARD, request_id="r1", accepted=False, decided_on="2024-06-01", converted_number="DB15/T 1—2024"),
     {"converted_number", "reason"}),
    ("RecordGroupStandardTranslation", api.RecordGroupStandardTranslationRequest(
        name=STANDARD, language="zh-Hans", translator="", published_on="2024-03-01"), {"language", "translator"}),
    ("RecordGroupStandardTranslation", api.RecordGroupStandardTranslationRequest(
        name=STANDARD, language="English", translator="t", published_on="2024-03-01"), {"language"}),
    ("GetGroupStandard", api.GetGroupStandardRequest(name=STANDARD, number="T/NMB 14—2023", as_of="2023"), {"name", "as_of"}),
    ("GetGroupStandard", api.GetGroupStandardRequest(number="Q/NMB 14—2023"), {"number"}),
    ("ListGroupStandards", api.ListGroupStandardsRequest(league_code="150000", org_code="n", plan_sector=44, state=99,
                                                         year=1800, review_due_by="2023/01/01"),
     {"league_code", "org_code", "plan_sector", "state", "year", "review_due_by"}),
    ("RecommendLeader", api.RecommendLeaderRequest(group_standard="chambers/NMB", year=1999, recommended_on="2023-09-01"),
     {"group_standard", "year"}),
    ("RecordLeaderListing", api.RecordLeaderListingRequest(name=f"{STANDARD}/leaders/23", listed_on=""), {"name", "listed_on"}),
    ("RevokeLeader", api.RevokeLeaderRequest(name=f"{STANDARD}/leaders/2023", revoked_on="2024-01-01"), {"reason"}),
    ("ListLeaders", api.ListLeadersRequest(state=9, league_code="152921"), {"state", "league_code"}),
    ("DeclareStandard", api.DeclareStandardRequest(parent=f"enterprises/{E1}", declaration_id="d", disclosed_on="2022-05-01",
                                                   content=events.DeclarationContent(
                                                       standard_number="GB/T 27925—2011", standard_name="",
                                                       kind=events.DECLARED_STANDARD_KIND_ENTERPRISE)),
     {"content.standard_number", "content.standard_name", "content.products", "content.indicators"}),
    ("DeclareStandard", api.DeclareStandardRequest(parent="enterprises/x", declaration_id="D", disclosed_on="", content=events.DeclarationContent(
        standard_number="T/NMB 14", standard_name="n", kind=events.DECLARED_STANDARD_KIND_GROUP,
        products=[events.DeclaredProduct(name="")],
        indicators=[events.DeclaredIndicator(name="蛋白质", value=float("nan"), unit="", kind=0)])),
     {"parent", "declaration_id", "disclosed_on", "content.standard_number", "content.products[0].name",
      "content.indicators[0].value", "content.indicators[0].unit", "content.indicators[0].kind"}),
    ("DeclareStandard", api.DeclareStandardRequest(parent=f"enterprises/{E1}", declaration_id="d", disclosed_on="2022-05-01",
                                                   content=events.DeclarationContent(kind=0, standard_name="n",
                                                                                     products=[events.DeclaredProduct(name="p")])),
     {"content.kind"}),
    ("UpdateSelfDeclaration", api.UpdateSelfDeclarationRequest(name=f"enterprises/{E1}/declarations/d", content=GOOD_CONTENT,
                                                               updated_on=""), {"updated_on"}),
    ("WithdrawSelfDeclaration", api.WithdrawSelfDeclarationRequest(name=f"enterprises/{E1}/d", withdrawn_on="2023-01-01"), {"name"}),
    ("ListSelfDeclarations", api.ListSelfDeclarationsRequest(enterprise="enterprises/1", kind=8, state=8, year=99),
     {"enterprise", "kind", "state", "year"}),
    ("ListForerunners", api.ListForerunnersRequest(as_of="2023-02-29", state=5, enterprise=f"enterprises/{BAD_USCC}"),
     {"as_of", "state", "enterprise"}),
    ("RecordTrainingBatch", api.RecordTrainingBatchRequest(
        batch_id="b", league_code="150102", format=0, title="", held_on="2022-04-15", organiser="",
        trainees=[events.Trainee(person_name="", enterprise=f"enterprises/{BAD_USCC}"),
                  events.Trainee(person_name="张三", enterprise=f"enterprises/{E1}"),
                  events.Trainee(person_name="张三", enterprise=f"enterprises/{E1}")]),
     {"league_code", "format", "title", "organiser", "trainees[0].person_name", "trainees[0].enterprise", "trainees"}),
    ("RecordTrainees", api.RecordTraineesRequest(name="trainingBatches/b"), {"trainees"}),
    ("ListTrainingBatches", api.ListTrainingBatchesRequest(format=4, year=3000), {"format", "year"}),
    ("ListEnterprises", api.ListEnterprisesRequest(industry_section="Z", size_class=9, brand_pilot_year=2019),
     {"industry_section", "size_class", "brand_pilot_year"}),
    ("ListFederations", api.ListFederationsRequest(level=4), {"level"}),
    ("ListChambers", api.ListChambersRequest(pilot_year=2020, plan_sector=-1), {"pilot_year", "plan_sector"}),
]


def test_bad_input_is_invalid_argument_naming_every_field_and_writes_nothing(runtime: Registry) -> None:
    registry = runtime
    region = registry.stub()
    register_world(region)
    before = registry.stored_events()
    mismatches = []
    for rpc, request, fields in BAD_REQUESTS:
        code, reason, violations = refusal(lambda: getattr(region, rpc)(request))
        if (code, reason, set(violations)) != (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", fields):
            mismatches.append((rpc, code, sorted(violations), sorted(fields)))
    assert mismatches == []
    assert registry.stored_events() == before
