"""The registry's read-model projection, its resources and its replay: documents read back as the API
resources, derived states follow the query's date, each document carries its stream's version, and a
replay in any batching gives the same documents."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from google.protobuf.message import Message

from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.type.v1 import plan_pb2 as plan
from services.common import protos
from services.common.events import Metadata, NewEvent, StoredEvent
from services.common.eventstore import ANY_VERSION
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.readmodel.fold import FoldedDocuments
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.demo import synthetic_uscc
from services.registry import rebuild, resources
from services.registry.projections import (
    CHAMBERS,
    ENTERPRISES,
    FORERUNNERS,
    GROUP_STANDARDS,
    MEMBERSHIPS,
    TRAINEES,
    TRAINING_BATCHES,
    RegistryViews,
    sector_flag,
)

USCC = synthetic_uscc("150100", 3)
ENTERPRISE = f"enterprises/{USCC}"
STANDARD = "chambers/NMB/groupStandards/heritage"
EM = "\u2014"


def stored(stream_id: str, version: int, message: Message, position: int = 1) -> StoredEvent:
    return StoredEvent(position=position, stream_id=stream_id, version=version, event_id=f"{stream_id}#{version}",
                       type=protos.type_name(message), data=message.SerializeToString(),
                       occurred_at=datetime(2023, 1, 1, tzinfo=timezone.utc), metadata=Metadata())


@pytest.fixture
def docs(tmp_path) -> SqliteDocumentStore:
    store = SqliteDocumentStore(tmp_path / "views.db")
    RegistryViews().setup(store)
    yield store
    store.close()


def project(docs: SqliteDocumentStore, stream_id: str, *messages: Message) -> None:
    docs.apply(rebuild.replay(RegistryViews(), [stored(stream_id, v, m, v) for v, m in enumerate(messages, start=1)]))


REGISTERED = events.EnterpriseRegistered(
    enterprise=ENTERPRISE, uscc=USCC, name="合成乳业", division_code="150102", league_code="150100", is_private=True,
    industry_section="C", industry_division="14", plan_sectors=[plan.PLAN_SECTOR_MANUFACTURING],
    size_class=events.SIZE_CLASS_SMALL, registered_on="2021-10-01")


def test_an_enterprise_document_reads_back_as_the_resource_with_its_memberships(docs) -> None:
    project(docs, ENTERPRISE, REGISTERED,
            events.EnterpriseJoinedChamber(enterprise=ENTERPRISE, chamber="chambers/NMB", joined_on="2022-01-01"),
            events.EnterpriseJoinedChamber(enterprise=ENTERPRISE, chamber="chambers/BTC", joined_on="2022-02-01"),
            events.EnterpriseLeftChamber(enterprise=ENTERPRISE, chamber="chambers/BTC", left_on="2022-03-01"),
            events.EnterpriseEnrolledInBrandPilot(enterprise=ENTERPRISE, league_code="150100", year=2022, enrolled_on="2022-04-01"))
    document = docs.get(ENTERPRISES, ENTERPRISE)
    assert document[sector_flag(plan.PLAN_SECTOR_MANUFACTURING)] is True and document["in_brand_pilot"] is True
    assert resources.enterprise(document, docs) == api.Enterprise(
        name=ENTERPRISE, uscc=USCC, display_name="合成乳业", division_code="150102", league_code="150100", is_private=True,
        industry_section="C", industry_division="14", plan_sectors=[plan.PLAN_SECTOR_MANUFACTURING],
        size_class=events.SIZE_CLASS_SMALL, registered_on="2021-10-01",
        chambers=[api.ChamberMembership(chamber="chambers/NMB", joined_on="2022-01-01")],
        brand_pilot_year=2022, brand_pilot_enrolled_on="2022-04-01", version=5)
    assert docs.get(MEMBERSHIPS, f"{ENTERPRISE}/chambers/BTC")["_version"] == 4
    assert resources.enterprise(document).chambers == []  # the list view leaves the parts out


def test_a_details_change_replaces_the_sector_flags(docs) -> None:
    project(docs, ENTERPRISE, REGISTERED, events.EnterpriseDetailsChanged(
        enterprise=ENTERPRISE, name="合成养老", division_code="150102", league_code="150100", industry_section="Q",
        industry_division="85", plan_sectors=[plan.PLAN_SECTOR_ELDERLY_CARE], size_class=events.SIZE_CLASS_MICRO,
        changed_on="2022-05-01"))
    document = docs.get(ENTERPRISES, ENTERPRISE)
    assert sector_flag(plan.PLAN_SECTOR_MANUFACTURING) not in document
    assert docs.find(ENTERPRISES, {sector_flag(plan.PLAN_SECTOR_ELDERLY_CARE): True})[0]["_key"] == ENTERPRISE
    assert docs.find(ENTERPRISES, {sector_flag(plan.PLAN_SECTOR_MANUFACTURING): True}) == []


def lifecycle_to_published() -> list[Message]:
    return [
        events.GroupStandardProposed(group_standard=STANDARD, org_code="NMB", title="老字号", scope="评定", league_code="150100",
                                     plan_sectors=[plan.PLAN_SECTOR_WHOLESALE_RETAIL], proposed_on="2023-01-05",
                                     forerunner_year=2023, forerunner_key_field="老字号"),
        events.GroupStandardApprovedForDrafting(group_standard=STANDARD, approved_on="2023-01-20"),
        events.GroupStandardDraftingStarted(group_standard=STANDARD, started_on="2023-02-01", drafting_units=["甲", "乙"]),
        events.GroupStandardCommentOpened(group_standard=STANDARD, opened_on="2023-04-01", closes_on="2023-05-01"),
        events.GroupStandardTechnicallyReviewed(group_standard=STANDARD, reviewed_on="2023-06-01", comments_received=3,
                                                votes_for=6, votes_cast=7, passed=True),
        events.GroupStandardApproved(group_standard=STANDARD, approved_on="2023-07-10"),
        events.StandardPublished(group_standard=STANDARD, number=f"T/NMB 14{EM}2023", org_code="NMB", title="老字号",
                                 league_code="150100", published_on="2023-07-24", effective_on="2023-08-01", sequence=14,
                                 year=2023, review_due_on="2028-07-24"),
    ]


def test_a_group_standard_is_in_force_from_its_effective_date_on_the_query_date(docs) -> None:
    project(docs, STANDARD, *lifecycle_to_published(),
            events.GroupStandardTranslated(group_standard=STANDARD, language="en", translator="t", published_on="2023-09-01"),
            events.GroupStandardConversionRequested(group_standard=STANDARD, request_id="r1",
                                                    target_level=events.STANDARD_LEVEL_LOCAL, requested_on="2023-10-01"))
    document = docs.get(GROUP_STANDARDS, STANDARD)
    assert document["_version"] == 9  # the side processes move the resource's version too
    before = resources.group_standard(document, date(2023, 7, 31))
    on = resources.group_standard(document, date(2023, 8, 1), docs)
    assert before.state == api.GROUP_STANDARD_STATE_PUBLISHED and on.state == api.GROUP_STANDARD_STATE_IN_FORCE
    assert (on.number, on.sequence, on.review_due_on, list(on.drafting_units), on.forerunner_key_field) == (
        f"T/NMB 14{EM}2023", 14, "2028-07-24", ["甲", "乙"], "老字号")
    assert [(t.language, t.published_on) for t in on.translations] == [("en", "2023-09-01")]
    assert [(c.request_id, c.target_level, c.state) for c in on.conversions] == [
        ("r1", events.STANDARD_LEVEL_LOCAL, api.CONVERSION_STATE_PENDING)]
    assert before.translations == [] and before.conversions == []


@pytest.mark.parametrize(("outcome", "state", "due"), [
    (events.PERIODIC_REVIEW_OUTCOME_CONTINUE, api.GROUP_STANDARD_STATE_IN_FORCE, "2033-07-01"),
    (events.PERIODIC_REVIEW_OUTCOME_REVISE, api.GROUP_STANDARD_STATE_DRAFTING, "2028-07-24"),
    (events.PERIODIC_REVIEW_OUTCOME_ABOLISH, api.GROUP_STANDARD_STATE_ABOLISHED, "2028-07-24"),
])
def test_periodic_review_outcomes_in_the_read_model(docs, outcome: int, state: int, due: str) -> None:
    project(docs, STANDARD, *lifecycle_to_published(),
            events.GroupStandardPeriodicReviewStarted(group_standard=STANDARD, started_on="2028-06-01"),
            events.GroupStandardPeriodicReviewConcluded(
                group_standard=STANDARD, outcome=outcome, concluded_on="2028-07-01", report="r",
                next_review_due_on=due if outcome == events.PERIODIC_REVIEW_OUTCOME_CONTINUE else ""))
    standard = resources.group_standard(docs.get(GROUP_STANDARDS, STANDARD), date(2029, 1, 1))
    assert (standard.state, standard.review_due_on, standard.periodic_review_outcome) == (state, due, outcome)


def test_a_forerunner_expires_after_its_validity_and_stays_revoked(docs) -> None:
    declaration = f"{ENTERPRISE}/declarations/d1"
    project(docs, "forerunners/2022/dairy",
            events.ForerunnerListed(forerunner_list="forerunners/2022/dairy", year=2022, key_field="乳制品",
                                    scheme="forerunnerSchemes/dairy", declaration=declaration, enterprise=ENTERPRISE,
                                    league_code="150100", rank=1, listed_on="2022-11-01", valid_until="2023-10-31",
                                    assessment="a/1"))
    key = f"forerunners/2022/dairy/entries/{USCC}-d1"
    entry = docs.get(FORERUNNERS, key)
    assert resources.forerunner(entry, date(2023, 10, 31)).state == api.FORERUNNER_STATE_LISTED
    assert resources.forerunner(entry, date(2023, 11, 1)).state == api.FORERUNNER_STATE_EXPIRED
    docs.apply(rebuild.replay(RegistryViews(), [stored("forerunners/2022/dairy", 2, events.ForerunnerRevoked(
        forerunner_list="forerunners/2022/dairy", declaration=declaration, revoked_on="2023-01-01", reason="调整"))]))
    revoked = resources.forerunner(docs.get(FORERUNNERS, key), date(2024, 1, 1))
    assert (revoked.state, revoked.revoked_on, revoked.rank, revoked.version) == (api.FORERUNNER_STATE_REVOKED, "2023-01-01", 1, 2)


def test_a_chamber_good_behaviour_result_and_its_revocation(docs) -> None:
    recorded = events.ChamberGoodBehaviourRecorded(chamber="chambers/NMB", assessment="a/1", conforms=True, grade="good",
                                                   score=88, max_score=100, evaluated_on="2022-12-01")
    project(docs, "chambers/NMB",
            events.ChamberRegistered(chamber="chambers/NMB", org_code="NMB", name="商会", federation="federations/150000",
                                     league_code="150000", registered_on="2021-09-01"),
            recorded, events.ChamberGoodBehaviourRevoked(chamber="chambers/NMB", assessment="a/1", revoked_on="2023-01-01"))
    chamber = resources.chamber(docs.get(CHAMBERS, "chambers/NMB"))
    assert (chamber.good_behaviour, chamber.good_behaviour_revoked_on, chamber.version) == (recorded, "2023-01-01", 3)
    assert docs.find(CHAMBERS, {"good_behaviour_conforms": True}) == []


def test_trainees_are_documents_of_their_own_and_move_the_batch_version(docs) -> None:
    batch = "trainingBatches/b1"
    project(docs, batch,
            events.TrainingBatchHeld(training_batch=batch, league_code="150100", format=events.TRAINING_FORMAT_FORUM,
                                     title="论坛", held_on="2022-04-01", organiser="工商联",
                                     trainees=[events.Trainee(person_name="张三", enterprise=ENTERPRISE)]),
            events.TraineesRecorded(training_batch=batch, trainees=[events.Trainee(person_name="李四", enterprise=ENTERPRISE)]))
    message = resources.training_batch(docs.get(TRAINING_BATCHES, batch), docs)
    assert [t.person_name for t in message.trainees] == ["张三", "李四"] and message.version == 2
    assert docs.count(TRAINEES, {"training_batch": batch}) == 2


def test_every_projected_registry_event_is_handled_and_internal_ones_are_not() -> None:
    handled = {cls.DESCRIPTOR.name for cls in RegistryViews().handlers()}
    internal = {"StandardNumberClaimed", "StandardNumberReleased", "ForerunnerAssessmentLinked"}
    parts = {"DeclaredProduct", "DeclaredIndicator", "DeclarationContent", "Trainee"}
    every = set(events.DESCRIPTOR.message_types_by_name)
    assert handled == every - internal - parts


def test_a_replay_in_any_batching_and_a_repeated_one_give_the_same_documents(tmp_path) -> None:
    store = SqliteEventStore(tmp_path / "events.db")
    for stream_id, messages in ((ENTERPRISE, [REGISTERED]), (STANDARD, lifecycle_to_published())):
        store.append(stream_id, ANY_VERSION, [NewEvent(stream_id, m) for m in messages])
    snapshots = []
    for batch_size in (1, 3, 1000):
        docs = SqliteDocumentStore(tmp_path / f"views-{batch_size}.db")
        assert rebuild.rebuild(store, docs, batch_size=batch_size) == 8
        assert rebuild.rebuild(store, docs, batch_size=batch_size) == 8  # again over the filled model
        snapshots.append({c: docs.find(c, limit=1000) for c in RegistryViews.indexes})
        docs.close()
    assert snapshots[0] == snapshots[1] == snapshots[2]
    assert [d["_version"] for d in snapshots[0][GROUP_STANDARDS]] == [7]
    store.close()


def test_a_command_answer_folded_in_memory_equals_the_read_model(docs) -> None:
    """`FoldedDocuments` (a command's answer) holds what the store holds after the same changes, fields
    removed by None included, and finds a resource's parts the same way."""
    history = [stored(ENTERPRISE, v, m, v) for v, m in enumerate([
        REGISTERED,
        events.EnterpriseJoinedChamber(enterprise=ENTERPRISE, chamber="chambers/NMB", joined_on="2022-01-01"),
        events.EnterpriseJoinedChamber(enterprise=ENTERPRISE, chamber="chambers/BTC", joined_on="2022-02-01"),
        events.EnterpriseLeftChamber(enterprise=ENTERPRISE, chamber="chambers/BTC", left_on="2022-03-01"),
        events.EnterpriseEnrolledInBrandPilot(enterprise=ENTERPRISE, league_code="150100", year=2022, enrolled_on="2022-04-01"),
        events.EnterpriseWithdrewFromBrandPilot(enterprise=ENTERPRISE, withdrawn_on="2022-06-01", reason="closed"),
    ], start=1)]
    changes = rebuild.Replay(RegistryViews())(history)
    assert any(value is None for change in changes for value in change.fields.values())  # a field gets removed
    docs.apply(changes)
    folded = FoldedDocuments(changes)
    for collection, key in {(c.collection, c.key) for c in changes}:
        assert folded.get(collection, key) == docs.get(collection, key)
    assert resources.enterprise(folded.get(ENTERPRISES, ENTERPRISE), folded) == \
        resources.enterprise(docs.get(ENTERPRISES, ENTERPRISE), docs)
    active = {"enterprise": ENTERPRISE, "active": True}
    assert folded.find(MEMBERSHIPS, active) == docs.find(MEMBERSHIPS, active)
    with pytest.raises(ValueError):
        folded.find(MEMBERSHIPS, {"joined_on": {"$gte": "2022-01-01"}})
