"""The process manager that records assessment outcomes in the registry with its own events.

It consumes `fedstd.assessment.v1` like a projection, but instead of read-model changes it makes
registry commands: a completed forerunner assessment that listed a declaration becomes a
`ForerunnerListed` on `forerunners/{year}/{scheme_id}`, a completed good-behaviour evaluation a
`ChamberGoodBehaviourRecorded` on the chamber, and their revocations `ForerunnerRevoked` and
`ChamberGoodBehaviourRevoked`. Every step is idempotent per assessment, so a redelivered event
emits nothing new. An outcome about a chamber or declaration the registry does not have is
refused, and the runner moves the record to the dead-letter topic with the reason.
"""
from __future__ import annotations

from datetime import date

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.registry.v1 import events_pb2 as events
from services.common.cloudevents import topic_for
from services.common.errors import FailedPreconditionError
from services.common.events import Metadata, StoredEvent
from services.common.eventstore import EventStore
from services.common.projection import Projection
from services.common.readmodel import Put
from services.registry import names
from services.registry.domain import (
    Chamber,
    ForerunnerAssessmentLink,
    ForerunnerList,
    SelfDeclaration,
    forerunner_valid_until,
)
from services.registry.policy import RegistryPolicy
from services.registry.streams import Streams

ACTOR = "services/registry.assessment-outcomes"


def _metadata(event: StoredEvent) -> Metadata:
    """Caused by the assessment event, in its correlation."""
    return Metadata(correlation_id=event.metadata.correlation_id or event.event_id, causation_id=event.event_id,
                    actor=ACTOR)


def _match(pattern, value: str, what: str):
    match = pattern.fullmatch(value)
    if match is None:
        raise FailedPreconditionError("UNKNOWN_RESOURCE_NAME", f"{what} {value!r} is not a registry resource name")
    return match


class AssessmentOutcomes(Projection):
    name = "registry.assessment-outcomes"
    topics = (topic_for("assessment"),)

    def __init__(self, store: EventStore, policy: RegistryPolicy):
        self.streams = Streams(store)
        self.policy = policy

    def handlers(self):
        return {assessment.AssessmentCompleted: self.completed, assessment.AssessmentRevoked: self.revoked}

    def completed(self, event: StoredEvent, message: assessment.AssessmentCompleted) -> list[Put]:
        result = message.WhichOneof("result")
        if message.kind == assessment.ASSESSMENT_KIND_FORERUNNER and result == "forerunner" and message.forerunner.listed:
            self._list_forerunner(event, message)
        elif message.kind == assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR and result == "good_behaviour":
            self._record_good_behaviour(event, message)
        return []

    def revoked(self, event: StoredEvent, message: assessment.AssessmentRevoked) -> list[Put]:
        metadata = _metadata(event)
        if message.kind == assessment.ASSESSMENT_KIND_FORERUNNER:
            link = self.streams.load(ForerunnerAssessmentLink, names.forerunner_link_name(message.assessment))
            if link.exists:  # otherwise the assessment never listed anything
                self.streams.change(ForerunnerList, link.forerunner_list,
                                    lambda fl: fl.revoke(message.assessment, message.revoked_on, message.reason), metadata)
        elif message.kind == assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR:
            _match(names.CHAMBER, message.subject, "chamber")
            self.streams.change(Chamber, message.subject, lambda c: c.revoke_good_behaviour(
                message.assessment, message.revoked_on, message.reason), metadata)
        return []

    def _list_forerunner(self, event: StoredEvent, message: assessment.AssessmentCompleted) -> None:
        result = message.forerunner
        scheme = _match(names.FORERUNNER_SCHEME, result.scheme, "scheme")
        declaration_name = result.declaration or message.subject
        declaration = _match(names.DECLARATION, declaration_name, "declaration")
        if not self.streams.load(SelfDeclaration, declaration_name).exists:
            raise FailedPreconditionError("DECLARATION_NOT_REGISTERED", f"{declaration_name} is not a registered declaration")
        forerunner_list = names.forerunner_list_name(result.year, scheme["scheme_id"])
        metadata = _metadata(event)
        self.streams.change(ForerunnerAssessmentLink, names.forerunner_link_name(message.assessment),
                            lambda link: link.link(message.assessment, forerunner_list, declaration_name), metadata)
        valid_until = result.valid_until or forerunner_valid_until(
            date.fromisoformat(message.completed_on), self.policy).isoformat()
        listing = events.ForerunnerListed(
            forerunner_list=forerunner_list, year=result.year, key_field=result.key_field, scheme=result.scheme,
            declaration=declaration_name, enterprise=names.enterprise_name(declaration["uscc"]),
            league_code=message.league_code, rank=result.rank, listed_on=message.completed_on,
            valid_until=valid_until, assessment=message.assessment)
        self.streams.change(ForerunnerList, forerunner_list, lambda fl: fl.list_declaration(listing), metadata)

    def _record_good_behaviour(self, event: StoredEvent, message: assessment.AssessmentCompleted) -> None:
        _match(names.CHAMBER, message.subject, "chamber")
        result = message.good_behaviour
        outcome = events.ChamberGoodBehaviourRecorded(
            chamber=message.subject, assessment=message.assessment, conforms=result.conforms, grade=result.grade,
            score=result.total_points, max_score=result.max_points, evaluated_on=message.completed_on)
        self.streams.change(Chamber, message.subject, lambda c: c.record_good_behaviour(outcome), _metadata(event))
