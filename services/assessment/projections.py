"""The assessment service's read models.

`AssessmentViews` follows assessment's own topic. `RegistryFacts` follows the registry's topic
into assessment's own copy of what it evaluates: enterprises, chambers, group standards (with
their leader recommendations) and self-declarations.

Both keep the read-model invariant: every document is written by the events of one stream and
carries that stream's version. Every event of a stream also touches the stream's own document
(the history, scheme or review; the registry resource), so a query can wait for any version a
command returned.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message

from fedstd.assessment.v1 import events_pb2 as events
from fedstd.registry.v1 import events_pb2 as registry_events
from services.assessment.domain import forerunner_result_name
from services.common.cloudevents import topic_for
from services.common.events import StoredEvent
from services.common.projection import Projection
from services.common.readmodel import Put

#: One document per assessment of any kind, keyed by its name.
ASSESSMENTS = "assessments"
#: One per brand or good-behaviour history stream: its subject and latest evaluation.
HISTORIES = "evaluation_histories"
FORERUNNER_SCHEMES = "forerunner_schemes"
#: One per ranked standard of a scheme, keyed by the name its assessment has once listed.
FORERUNNER_ENTRIES = "forerunner_entries"
LEADER_REVIEWS = "leader_reviews"
#: One per (review, standard, expert): the expert's latest score.
LEADER_SCORES = "leader_scores"

KNOWN_ENTERPRISES = "known_enterprises"
KNOWN_CHAMBERS = "known_chambers"
KNOWN_GROUP_STANDARDS = "known_group_standards"
KNOWN_DECLARATIONS = "known_declarations"
#: One per (group standard, year) recommended as a leader.
KNOWN_LEADER_RECOMMENDATIONS = "known_leader_recommendations"

KIND_NAMES = {
    events.ASSESSMENT_KIND_BRAND: "brand",
    events.ASSESSMENT_KIND_FORERUNNER: "forerunner",
    events.ASSESSMENT_KIND_GOOD_BEHAVIOUR: "good_behaviour",
    events.ASSESSMENT_KIND_LEADER_REVIEW: "leader_review",
}


def _dict(message: Message) -> dict[str, Any]:
    return MessageToDict(message, preserving_proto_field_name=True)


def leader_recommendation_key(group_standard: str, year: int) -> str:
    return f"{group_standard}/leaderRecommendations/{year}"


def leader_score_key(review: str, group_standard: str, expert: str) -> str:
    return f"{review}/scores/{group_standard}/experts/{expert}"


def stream_collection(stream_id: str) -> str:
    """The collection of an assessment stream's own document."""
    if stream_id.startswith("forerunnerSchemes/"):
        return FORERUNNER_SCHEMES
    if stream_id.startswith("leaderReviews/"):
        return LEADER_REVIEWS
    return HISTORIES


def _stream(event: StoredEvent, fields: Mapping[str, Any] | None = None) -> Put:
    """The change to the stream's own document, which every event of the stream makes."""
    return Put(stream_collection(event.stream_id), event.stream_id, event.version, dict(fields or {}))


def assessment_fields(message: events.AssessmentCompleted) -> dict[str, Any]:
    kind = message.WhichOneof("result")
    result = getattr(message, kind)
    return {
        "name": message.assessment,
        "kind": message.kind,
        "subject": message.subject,
        "league_code": message.league_code,
        "completed_on": message.completed_on,
        # Forerunner and leader results belong to a programme year; evaluations to the year done.
        "year": getattr(result, "year", 0) or int(message.completed_on[:4]),
        "evaluator": getattr(result, "evaluator", ""),
        "scheme": getattr(result, "scheme", ""),
        "star_level": message.brand.star_level if kind == "brand" else 0,
        "superseded": False,
        "revoked": False,
        "result_kind": kind,
        "result": _dict(result),
    }


def _previous_in_history(name: str) -> str | None:
    """`.../{n-1}` for an evaluation `.../{n}` of a numbered history; None for the first or others."""
    stem, _, number = name.rpartition("/")
    return f"{stem}/{int(number) - 1}" if number.isdigit() and int(number) > 1 else None


class AssessmentViews(Projection):
    name = "assessment.views"
    topics = (topic_for("assessment"),)
    indexes = {
        ASSESSMENTS: [["subject", "kind"], ["league_code", "kind"], ["kind", "year"], ["scheme"], ["evaluator"],
                      ["kind", "star_level"]],
        FORERUNNER_SCHEMES: [["year", "key_field"], ["evaluator"]],
        FORERUNNER_ENTRIES: [["scheme"]],
        LEADER_SCORES: [["leader_review"]],
    }

    def handlers(self) -> Mapping[type[Message], Callable[[StoredEvent, Any], list[Put]]]:
        return {
            events.AssessmentCompleted: self.assessment_completed,
            events.AssessmentRevoked: self.assessment_revoked,
            events.ForerunnerSchemePublished: self.scheme_published,
            events.ForerunnerRankingPublished: self.ranking_published,
            events.ForerunnerShortlistPublished: self.shortlist_published,
            events.ForerunnerCommitmentReceived: self.commitment_received,
            events.ForerunnerPublicNoticeOpened: self.public_notice_opened,
            events.ForerunnerListFinalized: self.list_finalized,
            events.LeaderReviewScoreRecorded: self.leader_score_recorded,
            events.LeaderShortlistPublished: self.leader_shortlist_published,
        }

    @staticmethod
    def assessment_completed(event: StoredEvent, message: events.AssessmentCompleted) -> list[Put]:
        if message.kind not in KIND_NAMES or message.WhichOneof("result") is None:
            return [_stream(event)]
        puts = [Put(ASSESSMENTS, message.assessment, event.version, assessment_fields(message))]
        if message.kind in (events.ASSESSMENT_KIND_BRAND, events.ASSESSMENT_KIND_GOOD_BEHAVIOUR):
            if previous := _previous_in_history(message.assessment):
                puts.append(Put(ASSESSMENTS, previous, event.version, {"superseded": True,
                                                                        "superseded_by": message.assessment}))
            puts.append(_stream(event, {"kind": message.kind, "subject": message.subject,
                                        "league_code": message.league_code, "latest": message.assessment}))
        else:
            puts.append(_stream(event))
        return puts

    @staticmethod
    def assessment_revoked(event: StoredEvent, message: events.AssessmentRevoked) -> list[Put]:
        fields = {"revoked": True, "revoked_on": message.revoked_on, "revocation_reason": message.reason}
        puts = [Put(ASSESSMENTS, message.assessment, event.version, fields)]
        if message.kind == events.ASSESSMENT_KIND_FORERUNNER:
            puts.append(Put(FORERUNNER_ENTRIES, message.assessment, event.version, {"revoked_on": message.revoked_on}))
        return [*puts, _stream(event)]

    @staticmethod
    def scheme_published(event: StoredEvent, message: events.ForerunnerSchemePublished) -> list[Put]:
        return [_stream(event, {
            "year": message.year, "key_field": message.key_field, "group_standard": message.group_standard,
            "evaluator": message.evaluator, "core_indicators": [_dict(c) for c in message.core_indicators],
            "selection_rule": _dict(message.selection_rule), "published_on": message.published_on,
            "phase": "published",
        })]

    @staticmethod
    def ranking_published(event: StoredEvent, message: events.ForerunnerRankingPublished) -> list[Put]:
        entries = [
            Put(FORERUNNER_ENTRIES, forerunner_result_name(message.scheme, r.declaration), event.version, {
                "scheme": message.scheme, "declaration": r.declaration, "enterprise": r.enterprise,
                "league_code": r.league_code, "score": r.score, "rank": r.rank, "shortlisted": False, "listed": False,
            })
            for r in message.ranking
        ]
        return [*entries, _stream(event, {"ranked_on": message.published_on})]

    @staticmethod
    def shortlist_published(event: StoredEvent, message: events.ForerunnerShortlistPublished) -> list[Put]:
        entries = [Put(FORERUNNER_ENTRIES, forerunner_result_name(message.scheme, r.declaration), event.version,
                       {"shortlisted": True}) for r in message.shortlist]
        return [*entries, _stream(event, {"phase": "shortlisted"})]

    @staticmethod
    def commitment_received(event: StoredEvent, message: events.ForerunnerCommitmentReceived) -> list[Put]:
        entry = Put(FORERUNNER_ENTRIES, forerunner_result_name(message.scheme, message.declaration), event.version,
                    {"commitment_received_on": message.received_on})
        return [entry, _stream(event)]

    @staticmethod
    def public_notice_opened(event: StoredEvent, message: events.ForerunnerPublicNoticeOpened) -> list[Put]:
        return [_stream(event, {"phase": "in_public_notice", "notice_opened_on": message.opened_on,
                                "notice_closes_on": message.closes_on})]

    @staticmethod
    def list_finalized(event: StoredEvent, message: events.ForerunnerListFinalized) -> list[Put]:
        entries = [Put(FORERUNNER_ENTRIES, forerunner_result_name(message.scheme, r.declaration), event.version,
                       {"listed": True}) for r in message.listed]
        return [*entries, _stream(event, {"phase": "finalized", "finalized_on": message.finalized_on})]

    @staticmethod
    def leader_score_recorded(event: StoredEvent, message: events.LeaderReviewScoreRecorded) -> list[Put]:
        score = Put(LEADER_SCORES, leader_score_key(message.leader_review, message.group_standard, message.expert),
                    event.version, {"leader_review": message.leader_review, "group_standard": message.group_standard,
                                    "expert": message.expert, "internal": message.internal, "score": message.score})
        year = int(message.leader_review.rpartition("/")[2])
        return [score, _stream(event, {"year": year, "state": "scoring"})]

    @staticmethod
    def leader_shortlist_published(event: StoredEvent, message: events.LeaderShortlistPublished) -> list[Put]:
        return [_stream(event, {"year": message.year, "state": "shortlisted",
                                "shortlist_published_on": message.published_on,
                                "shortlisted": [r.group_standard for r in message.shortlist]})]


# -- what assessment knows of the registry ---------------------------------------------------------

#: Registry streams assessment keeps a document for, and the collection each goes to.
REGISTRY_STREAMS = (
    (re.compile(r"enterprises/[0-9A-Z]{18}"), KNOWN_ENTERPRISES),
    (re.compile(r"enterprises/[0-9A-Z]{18}/declarations/[^/]+"), KNOWN_DECLARATIONS),
    (re.compile(r"chambers/[^/]+"), KNOWN_CHAMBERS),
    (re.compile(r"chambers/[^/]+/groupStandards/[^/]+"), KNOWN_GROUP_STANDARDS),
)


def registry_collection(stream_id: str) -> str | None:
    return next((collection for pattern, collection in REGISTRY_STREAMS if pattern.fullmatch(stream_id)), None)


def _declaration_content(content: registry_events.DeclarationContent) -> dict[str, Any]:
    return {
        "standard_number": content.standard_number,
        "standard_name": content.standard_name,
        "standard_kind": content.kind,
        "key_field": content.key_field,
        "indicators": [{"name": i.name, "value": i.value, "unit": i.unit} for i in content.indicators],
    }


#: The fields each registry event sets on its stream's document; other events only move its version.
REGISTRY_FIELDS: dict[type[Message], Callable[[Any], dict[str, Any]]] = {
    registry_events.EnterpriseRegistered: lambda m: {
        "uscc": m.uscc, "name": m.name, "division_code": m.division_code, "league_code": m.league_code,
        "is_private": m.is_private, "plan_sectors": list(m.plan_sectors), "registered_on": m.registered_on,
        "registered": True,
    },
    registry_events.EnterpriseDetailsChanged: lambda m: {
        "name": m.name, "division_code": m.division_code, "league_code": m.league_code,
        "plan_sectors": list(m.plan_sectors),
    },
    registry_events.EnterpriseEnrolledInBrandPilot: lambda m: {
        "brand_pilot_year": m.year, "brand_pilot_enrolled_on": m.enrolled_on, "brand_pilot_withdrawn_on": None,
    },
    registry_events.EnterpriseWithdrewFromBrandPilot: lambda m: {"brand_pilot_withdrawn_on": m.withdrawn_on},
    registry_events.ChamberRegistered: lambda m: {
        "org_code": m.org_code, "name": m.name, "league_code": m.league_code, "registered_on": m.registered_on,
        "registered": True,
    },
    registry_events.GroupStandardProposed: lambda m: {
        "org_code": m.org_code, "title": m.title, "league_code": m.league_code, "state": "proposed",
        "forerunner_year": m.forerunner_year, "forerunner_key_field": m.forerunner_key_field,
    },
    registry_events.StandardPublished: lambda m: {
        "number": m.number, "org_code": m.org_code, "title": m.title, "league_code": m.league_code,
        "state": "published", "published_on": m.published_on, "forerunner_year": m.forerunner_year,
        "forerunner_key_field": m.forerunner_key_field,
    },
    registry_events.GroupStandardAbolished: lambda m: {"state": "abolished", "abolished_on": m.abolished_on},
    registry_events.StandardSelfDeclared: lambda m: {
        "enterprise": m.enterprise, "league_code": m.league_code, "disclosed_on": m.disclosed_on,
        "state": "disclosed", **_declaration_content(m.content),
    },
    registry_events.SelfDeclarationUpdated: lambda m: {"updated_on": m.updated_on, **_declaration_content(m.content)},
    registry_events.SelfDeclarationWithdrawn: lambda m: {"state": "withdrawn", "withdrawn_on": m.withdrawn_on},
}


def _registry_event_classes() -> list[type[Message]]:
    """Every message of the registry's event contract: an event assessment does not read still
    moves its stream's version, so that read-your-writes waits can be met."""
    return [getattr(registry_events, name) for name in registry_events.DESCRIPTOR.message_types_by_name]


class RegistryFacts(Projection):
    name = "assessment.registry"
    topics = (topic_for("registry"),)
    indexes = {
        KNOWN_DECLARATIONS: [["key_field", "state"]],
        KNOWN_LEADER_RECOMMENDATIONS: [["year"]],
    }

    def handlers(self) -> Mapping[type[Message], Callable[[StoredEvent, Any], list[Put]]]:
        return {cls: self.registry_event for cls in _registry_event_classes()}

    @staticmethod
    def registry_event(event: StoredEvent, message: Message) -> list[Put]:
        collection = registry_collection(event.stream_id)
        if collection is None:
            return []
        extract = REGISTRY_FIELDS.get(type(message))
        puts = [Put(collection, event.stream_id, event.version, extract(message) if extract else {})]
        if isinstance(message, registry_events.LeaderRecommended):
            puts.append(Put(KNOWN_LEADER_RECOMMENDATIONS, leader_recommendation_key(message.group_standard, message.year),
                            event.version, {"group_standard": message.group_standard, "year": message.year,
                                            "recommended_on": message.recommended_on}))
        return puts
