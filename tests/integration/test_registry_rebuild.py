"""Replaying the registry's event log from empty rebuilds exactly the read models the live projection made.

A scenario that touches every kind of registry event runs over gRPC, on each runtime; the live read
model is filled from the bus. The event store is then replayed into a fresh, empty read model with
`services.registry.rebuild` and every document of every collection, versions included, must be the
same as the live one.
"""
from __future__ import annotations

import time
from pathlib import Path

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from services.common.auth import Role
from services.common.readmodel import DocumentStore, Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.registry import rebuild
from services.registry.projections import ENTERPRISES, RegistryViews
from tests.integration.test_registry_api import (
    E1,
    E3,
    HOHHOT,
    NMB,
    STANDARD,
    Registry,
    declare_for_forerunners,
    drive_to_published,
    forerunner_completed,
    good_behaviour_completed,
    register_world,
    distributed,  # noqa: F401  (fixtures)
    registry,  # noqa: F401
    runtime,  # noqa: F401
)


def snapshot(docs: DocumentStore) -> dict[str, list[dict]]:
    return {collection: docs.find(collection, limit=100_000) for collection in RegistryViews.indexes}


def run_every_kind_of_event(registry: Registry) -> None:
    region = registry.stub()
    register_world(region)
    chamber = registry.stub(Role.CHAMBER, "NMB")
    hohhot = registry.stub(Role.LEAGUE, HOHHOT)
    region.AppointCommitteeMember(api.AppointCommitteeMemberRequest(
        member_id="expert-1", person_name="合成专家", organisation="合成研究院", group=events.COMMITTEE_GROUP_EXPERTS,
        appointed_on="2021-09-20"))
    region.RemoveCommitteeMember(api.RemoveCommitteeMemberRequest(name="committee/members/expert-1", removed_on="2022-09-20"))
    region.SelectChamberAsPilot(api.SelectChamberAsPilotRequest(name=NMB, year=2021, selected_on="2021-10-01"))
    chamber.DeclareChamberCommitment(api.DeclareChamberCommitmentRequest(name=NMB, declared_on="2021-10-02", statement="承诺"))
    chamber.RegisterChamberOnPlatform(api.RegisterChamberOnPlatformRequest(name=NMB, registered_on="2021-10-03", platform_account="NMB"))
    hohhot.JoinChamber(api.JoinChamberRequest(name=f"enterprises/{E1}", chamber=NMB, joined_on="2022-01-01"))
    hohhot.EnrolInBrandPilot(api.EnrolInBrandPilotRequest(name=f"enterprises/{E1}", year=2022, enrolled_on="2022-02-01"))
    hohhot.WithdrawFromBrandPilot(api.WithdrawFromBrandPilotRequest(name=f"enterprises/{E1}", withdrawn_on="2022-03-01"))
    hohhot.LeaveChamber(api.LeaveChamberRequest(name=f"enterprises/{E1}", chamber=NMB, left_on="2022-04-01"))
    region.ChangeEnterpriseDetails(api.ChangeEnterpriseDetailsRequest(
        name=f"enterprises/{E3}", display_name="改名后的企业", division_code="150203", industry_section="H",
        size_class=events.SIZE_CLASS_MEDIUM, changed_on="2022-05-01"))

    drive_to_published(chamber)
    chamber.RequestGroupStandardConversion(api.RequestGroupStandardConversionRequest(
        name=STANDARD, request_id="to-local", target_level=events.STANDARD_LEVEL_LOCAL, requested_on="2024-01-10"))
    region.DecideGroupStandardConversion(api.DecideGroupStandardConversionRequest(
        name=STANDARD, request_id="to-local", accepted=False, decided_on="2024-06-01", reason="尚不满足地方标准要求"))
    chamber.RecordGroupStandardTranslation(api.RecordGroupStandardTranslationRequest(
        name=STANDARD, language="mn", translator="合成翻译社", published_on="2024-03-01"))
    leader = region.RecommendLeader(api.RecommendLeaderRequest(group_standard=STANDARD, year=2023, recommended_on="2023-09-01"))
    region.RecordLeaderListing(api.RecordLeaderListingRequest(name=leader.name, listed_on="2023-12-20"))
    region.RevokeLeader(api.RevokeLeaderRequest(name=leader.name, revoked_on="2024-02-01", reason="名单调整"))
    chamber.StartGroupStandardPeriodicReview(api.StartGroupStandardPeriodicReviewRequest(name=STANDARD, started_on="2028-06-01"))
    chamber.ConcludeGroupStandardPeriodicReview(api.ConcludeGroupStandardPeriodicReviewRequest(
        name=STANDARD, outcome=events.PERIODIC_REVIEW_OUTCOME_ABOLISH, concluded_on="2028-07-01", report="废止"))

    d1, d2 = declare_for_forerunners(hohhot)
    updated = hohhot.GetSelfDeclaration(api.GetSelfDeclarationRequest(name=d2, min_version=1)).content
    updated.standard_name = "纯牛奶（更新）"
    hohhot.UpdateSelfDeclaration(api.UpdateSelfDeclarationRequest(name=d2, content=updated, updated_on="2023-01-01"))
    hohhot.WithdrawSelfDeclaration(api.WithdrawSelfDeclarationRequest(name=f"enterprises/{E1}/declarations/d1",
                                                                      withdrawn_on="2023-12-01", reason="停产"))
    hohhot.RecordTrainingBatch(api.RecordTrainingBatchRequest(
        batch_id="exchange-1", league_code=HOHHOT, format=events.TRAINING_FORMAT_EXPERIENCE_EXCHANGE, title="经验交流",
        held_on="2022-08-01", organiser="呼和浩特市工商联", trainees=[events.Trainee(person_name="张三", enterprise=f"enterprises/{E1}")]))
    hohhot.RecordTrainees(api.RecordTraineesRequest(name="trainingBatches/exchange-1", trainees=[
        events.Trainee(person_name="李四", enterprise=f"enterprises/{E1}")]))

    result = f"forerunnerSchemes/dairy-2022/results/{E1}-d1"
    registry.publish_assessment("forerunnerSchemes/dairy-2022", forerunner_completed(result, d1, 1))
    registry.publish_assessment("forerunnerSchemes/dairy-2022", assessment.AssessmentRevoked(
        assessment=result, kind=assessment.ASSESSMENT_KIND_FORERUNNER, subject=d1, revoked_on="2023-12-02"))
    good = f"{NMB}/goodBehaviourEvaluations/1"
    registry.publish_assessment(f"{NMB}/goodBehaviourEvaluations", good_behaviour_completed(good), assessment.AssessmentRevoked(
        assessment=good, kind=assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR, subject=NMB, revoked_on="2023-02-01"))


def test_replaying_the_event_log_rebuilds_the_same_read_models(runtime: Registry, tmp_path: Path) -> None:
    registry = runtime
    run_every_kind_of_event(registry)
    projected_types = {cls.DESCRIPTOR.full_name for cls in RegistryViews().handlers()}
    deadline = time.monotonic() + 30
    while (missing := projected_types - {e.type for e in registry.store.read_all(0, 10_000)}) and time.monotonic() < deadline:
        time.sleep(0.1)  # the assessment outcomes are recorded asynchronously
    assert not missing, f"event types the scenario did not produce: {sorted(missing)}"

    rebuilt_docs = SqliteDocumentStore(tmp_path / "rebuilt.views.db")
    replayed = rebuild.rebuild(registry.store, rebuilt_docs)
    assert replayed == len(registry.stored_events())
    rebuilt = snapshot(rebuilt_docs)
    rebuilt_docs.close()
    assert all(rebuilt.values()), {c: len(d) for c, d in rebuilt.items()}
    assert settled(registry, tmp_path / "scratch.db") == rebuilt


def settled(registry: Registry, scratch: Path) -> dict[str, list[dict]]:
    """The live read model once it reflects the whole store: equal to a replay into `scratch`."""
    replayed_docs = SqliteDocumentStore(scratch)
    try:
        rebuild.rebuild(registry.store, replayed_docs)
        replayed = snapshot(replayed_docs)
    finally:
        replayed_docs.close()
    deadline = time.monotonic() + 30
    while (live := snapshot(registry.docs)) != replayed and time.monotonic() < deadline:
        time.sleep(0.1)  # the live projection is eventually consistent
    assert live == replayed
    return live


def test_the_command_line_rebuilds_the_embedded_read_model_in_place(registry: Registry, tmp_path: Path) -> None:
    run_every_kind_of_event(registry)
    before = settled(registry, tmp_path / "scratch.db")
    views = SqliteDocumentStore(tmp_path / "data" / "registry.views.db")
    views.apply([Put(ENTERPRISES, "enterprises/stray", 1, {"display_name": "not from any event"})])
    assert views.get(ENTERPRISES, "enterprises/stray") is not None
    views.close()
    assert rebuild.main(["--data-dir", str(tmp_path / "data")]) == 0
    assert snapshot(registry.docs) == before  # the stray document is gone, everything else is as it was
