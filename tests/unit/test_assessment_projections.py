"""Assessment's read models: what it keeps of the registry's events (RegistryFacts) and of its own
(AssessmentViews), applied by the ProjectionRunner to a real SQLite read model."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from itertools import count

import pytest
from google.protobuf.message import Message

from fedstd.assessment.v1 import events_pb2 as events
from fedstd.registry.v1 import events_pb2 as registry
from services.assessment.projections import (
    ASSESSMENTS,
    FORERUNNER_ENTRIES,
    FORERUNNER_SCHEMES,
    HISTORIES,
    KNOWN_DECLARATIONS,
    KNOWN_ENTERPRISES,
    KNOWN_GROUP_STANDARDS,
    KNOWN_LEADER_RECOMMENDATIONS,
    LEADER_REVIEWS,
    LEADER_SCORES,
    AssessmentViews,
    RegistryFacts,
    leader_recommendation_key,
    leader_score_key,
)
from services.common import protos
from services.common.bus import Bus, Consumer, Delivery, Record
from services.common.cloudevents import source_for, to_record, topic_for
from services.common.events import StoredEvent
from services.common.projection import Projection, ProjectionRunner
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.demo import synthetic_uscc

USCC = synthetic_uscc("150100", 1)
ENTERPRISE = f"enterprises/{USCC}"
DECLARATION = f"{ENTERPRISE}/declarations/d1"
STANDARD = "chambers/NMB/groupStandards/20-2022"
SCHEME = "forerunnerSchemes/dairy-2022"
BRAND = f"{ENTERPRISE}/brandEvaluations"
_positions = count(1)
_offsets = count(0)


class NullBus(Bus):
    def publish(self, records: Sequence[Record]) -> None:
        raise AssertionError(f"nothing should be dead-lettered: {records}")

    def consumer(self, group: str, topics: Sequence[str]) -> Consumer:
        raise NotImplementedError


@pytest.fixture
def docs(tmp_path):
    store = SqliteDocumentStore(tmp_path / "views.db")
    yield store
    store.close()


def feed(docs: SqliteDocumentStore, projection: Projection, service: str, stream: str,
         *messages: Message, first_version: int = 1) -> None:
    deliveries = []
    for version, message in enumerate(messages, start=first_version):
        event = StoredEvent(position=next(_positions), stream_id=stream, version=version, event_id=f"{stream}@{version}",
                            type=protos.type_name(message), data=message.SerializeToString(),
                            occurred_at=datetime(2022, 1, 1, tzinfo=timezone.utc))
        deliveries.append(Delivery(to_record(event, topic_for(service), source_for(service)), 0, next(_offsets)))
    ProjectionRunner(projection, docs, NullBus()).process(deliveries)


def content(key_field: str = "乳制品", fat: float = 3.1) -> registry.DeclarationContent:
    return registry.DeclarationContent(
        standard_number="Q/SYN 0001—2022", standard_name="纯牛奶", kind=registry.DECLARED_STANDARD_KIND_ENTERPRISE,
        key_field=key_field, indicators=[registry.DeclaredIndicator(name="脂肪", value=fat, unit="g/100g")])


# -- RegistryFacts ------------------------------------------------------------------------------------


def test_every_registry_event_of_an_enterprise_moves_its_version_and_the_known_ones_set_fields(docs) -> None:
    feed(docs, RegistryFacts(), "registry", ENTERPRISE,
         registry.EnterpriseRegistered(enterprise=ENTERPRISE, uscc=USCC, name="乳业", division_code="150121",
                                       league_code="150100", is_private=True, plan_sectors=[7], registered_on="2021-10-01"),
         registry.EnterpriseJoinedChamber(enterprise=ENTERPRISE, chamber="chambers/NMB", joined_on="2021-11-01"),
         registry.EnterpriseEnrolledInBrandPilot(enterprise=ENTERPRISE, league_code="150100", year=2022,
                                                 enrolled_on="2022-01-10"))
    document = docs.get(KNOWN_ENTERPRISES, ENTERPRISE)
    assert document["_version"] == 3  # the chamber membership is not read, but its version counts
    assert (document["registered"], document["league_code"], document["division_code"]) == (True, "150100", "150121")
    assert (document["brand_pilot_year"], document["plan_sectors"]) == (2022, [7])

    feed(docs, RegistryFacts(), "registry", ENTERPRISE,
         registry.EnterpriseDetailsChanged(enterprise=ENTERPRISE, name="乳业", division_code="150203", league_code="150200"),
         registry.EnterpriseWithdrewFromBrandPilot(enterprise=ENTERPRISE, withdrawn_on="2022-03-01"),
         first_version=4)
    document = docs.get(KNOWN_ENTERPRISES, ENTERPRISE)
    assert (document["_version"], document["league_code"], document["brand_pilot_withdrawn_on"]) == (5, "150200", "2022-03-01")


def test_declarations_keep_their_content_and_state(docs) -> None:
    feed(docs, RegistryFacts(), "registry", DECLARATION,
         registry.StandardSelfDeclared(declaration=DECLARATION, enterprise=ENTERPRISE, league_code="150100",
                                       content=content(), disclosed_on="2022-05-01"),
         registry.SelfDeclarationUpdated(declaration=DECLARATION, content=content(fat=2.9), updated_on="2022-06-01"))
    document = docs.get(KNOWN_DECLARATIONS, DECLARATION)
    assert (document["state"], document["key_field"], document["standard_kind"]) == (
        "disclosed", "乳制品", registry.DECLARED_STANDARD_KIND_ENTERPRISE)
    assert document["indicators"] == [{"name": "脂肪", "value": 2.9, "unit": "g/100g"}]
    assert docs.count(KNOWN_DECLARATIONS, {"key_field": "乳制品", "state": "disclosed"}) == 1
    feed(docs, RegistryFacts(), "registry", DECLARATION,
         registry.SelfDeclarationWithdrawn(declaration=DECLARATION, withdrawn_on="2022-07-01"), first_version=3)
    assert docs.get(KNOWN_DECLARATIONS, DECLARATION)["state"] == "withdrawn"


def test_group_standards_their_forerunner_field_abolition_and_leader_recommendations(docs) -> None:
    feed(docs, RegistryFacts(), "registry", STANDARD,
         registry.StandardPublished(group_standard=STANDARD, number="T/NMB 20—2022", org_code="NMB", title="t",
                                    league_code="150100", published_on="2022-03-01", forerunner_year=2022,
                                    forerunner_key_field="乳制品"),
         registry.LeaderRecommended(group_standard=STANDARD, year=2023, recommended_on="2023-03-01"))
    document = docs.get(KNOWN_GROUP_STANDARDS, STANDARD)
    assert (document["state"], document["forerunner_year"], document["forerunner_key_field"], document["_version"]) == (
        "published", 2022, "乳制品", 2)
    recommendation = docs.get(KNOWN_LEADER_RECOMMENDATIONS, leader_recommendation_key(STANDARD, 2023))
    assert (recommendation["group_standard"], recommendation["year"], recommendation["_version"]) == (STANDARD, 2023, 2)
    feed(docs, RegistryFacts(), "registry", STANDARD,
         registry.GroupStandardAbolished(group_standard=STANDARD, abolished_on="2024-01-01"), first_version=3)
    assert docs.get(KNOWN_GROUP_STANDARDS, STANDARD)["state"] == "abolished"


def test_streams_assessment_does_not_track_are_ignored(docs) -> None:
    feed(docs, RegistryFacts(), "registry", "forerunners/2022/dairy-2022",
         registry.ForerunnerListed(forerunner_list="forerunners/2022/dairy-2022", declaration=DECLARATION))
    feed(docs, RegistryFacts(), "registry", "federations/150100",
         registry.FederationRegistered(federation="federations/150100", division_code="150100"))
    assert all(docs.count(c) == 0 for c in (KNOWN_ENTERPRISES, KNOWN_DECLARATIONS, KNOWN_GROUP_STANDARDS))


def test_registry_facts_handle_every_registry_message_and_nothing_of_assessment() -> None:
    handled = {cls.DESCRIPTOR.full_name for cls in RegistryFacts().handlers()}
    assert "fedstd.registry.v1.EnterpriseRegistered" in handled
    assert all(name.startswith("fedstd.registry.v1.") for name in handled)
    assert len(handled) == len(registry.DESCRIPTOR.message_types_by_name)
    assert RegistryFacts.topics == ("fedstd.registry.v1",)


# -- AssessmentViews ----------------------------------------------------------------------------------


def brand(n: int, total: int = 850) -> events.AssessmentCompleted:
    return events.AssessmentCompleted(
        assessment=f"{BRAND}/{n}", kind=events.ASSESSMENT_KIND_BRAND, subject=ENTERPRISE, league_code="150100",
        completed_on=f"202{n}-06-30",
        brand=events.BrandResult(total_score=total, star_level=events.STAR_LEVEL_THREE, valid_until="2030-01-01",
                                 evaluator="evaluators/body"))


def revoked(n: int) -> events.AssessmentRevoked:
    return events.AssessmentRevoked(assessment=f"{BRAND}/{n}", kind=events.ASSESSMENT_KIND_BRAND, subject=ENTERPRISE,
                                    league_code="150100", revoked_on="2023-01-01", reason="withdrawn")


def test_a_revoked_evaluation_stays_revoked_when_a_later_one_supersedes_it(docs) -> None:
    feed(docs, AssessmentViews(), "assessment", BRAND, brand(1), revoked(1), brand(2))
    first, second = docs.get(ASSESSMENTS, f"{BRAND}/1"), docs.get(ASSESSMENTS, f"{BRAND}/2")
    assert (first["revoked"], first["superseded"], first["revoked_on"], first["superseded_by"]) == (
        True, True, "2023-01-01", f"{BRAND}/2")
    assert (second["revoked"], second["superseded"], second["year"], second["evaluator"]) == (
        False, False, 2022, "evaluators/body")
    history = docs.get(HISTORIES, BRAND)
    assert (history["latest"], history["_version"]) == (f"{BRAND}/2", 3)
    assert docs.count(ASSESSMENTS, {"subject": ENTERPRISE, "revoked": False, "superseded": False}) == 1


def test_a_scheme_its_entries_and_its_listed_results(docs) -> None:
    ranked = events.RankedStandard(declaration=DECLARATION, enterprise=ENTERPRISE, league_code="150100", score=100, rank=1)
    result_name = f"{SCHEME}/results/{USCC}-d1"
    listed = events.AssessmentCompleted(
        assessment=result_name, kind=events.ASSESSMENT_KIND_FORERUNNER, subject=DECLARATION, league_code="150100",
        completed_on="2022-11-01",
        forerunner=events.ForerunnerResult(scheme=SCHEME, year=2022, key_field="乳制品", declaration=DECLARATION, rank=1,
                                           score=100, listed=True, valid_until="2023-10-31", evaluator="evaluators/body"))
    feed(docs, AssessmentViews(), "assessment", SCHEME,
         events.ForerunnerSchemePublished(scheme=SCHEME, year=2022, key_field="乳制品", evaluator="evaluators/body",
                                          selection_rule=events.SelectionRule(top_n=1), published_on="2022-06-01"),
         events.ForerunnerRankingPublished(scheme=SCHEME, ranking=[ranked], published_on="2022-09-20"),
         events.ForerunnerShortlistPublished(scheme=SCHEME, shortlist=[ranked], published_on="2022-09-20"),
         events.ForerunnerCommitmentReceived(scheme=SCHEME, declaration=DECLARATION, received_on="2022-09-25"),
         events.ForerunnerPublicNoticeOpened(scheme=SCHEME, opened_on="2022-10-01", closes_on="2022-10-10"),
         events.ForerunnerListFinalized(scheme=SCHEME, listed=[ranked], finalized_on="2022-11-01"),
         listed,
         events.AssessmentRevoked(assessment=result_name, kind=events.ASSESSMENT_KIND_FORERUNNER, subject=DECLARATION,
                                  league_code="150100", revoked_on="2023-02-01", reason="spot check"))
    scheme = docs.get(FORERUNNER_SCHEMES, SCHEME)
    assert (scheme["phase"], scheme["finalized_on"], scheme["notice_closes_on"], scheme["_version"]) == (
        "finalized", "2022-11-01", "2022-10-10", 8)
    assert scheme["selection_rule"] == {"top_n": 1}
    entry = docs.get(FORERUNNER_ENTRIES, result_name)
    assert (entry["shortlisted"], entry["commitment_received_on"], entry["listed"], entry["revoked_on"], entry["rank"]) == (
        True, "2022-09-25", True, "2023-02-01", 1)
    result = docs.get(ASSESSMENTS, result_name)
    assert (result["scheme"], result["year"], result["revoked"], result["result_kind"]) == (SCHEME, 2022, True, "forerunner")


def test_leader_scores_replace_per_expert_and_the_review_records_its_shortlist(docs) -> None:
    review = "leaderReviews/2023"
    feed(docs, AssessmentViews(), "assessment", review,
         events.LeaderReviewScoreRecorded(leader_review=review, group_standard=STANDARD, expert="x", internal=True, score=80),
         events.LeaderReviewScoreRecorded(leader_review=review, group_standard=STANDARD, expert="x", internal=True, score=85),
         events.LeaderShortlistPublished(leader_review=review, year=2023, published_on="2023-06-01",
                                         shortlist=[events.LeaderReviewResult(group_standard=STANDARD)]))
    assert docs.count(LEADER_SCORES) == 1
    assert docs.get(LEADER_SCORES, leader_score_key(review, STANDARD, "x"))["score"] == 85
    document = docs.get(LEADER_REVIEWS, review)
    assert (document["state"], document["shortlisted"], document["year"], document["_version"]) == (
        "shortlisted", [STANDARD], 2023, 3)
