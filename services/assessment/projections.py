"""The assessment service's read models."""
from __future__ import annotations

from google.protobuf.json_format import MessageToDict

from fedstd.assessment.v1 import events_pb2 as events
from services.common.cloudevents import topic_for
from services.common.events import StoredEvent
from services.common.projection import Projection
from services.common.readmodel import Put

BRAND_EVALUATIONS = "brand_evaluations"
LATEST_BRAND_EVALUATION = "latest_brand_evaluation"


class AssessmentViews(Projection):
    name = "assessment.views"
    topics = (topic_for("assessment"),)
    indexes = {LATEST_BRAND_EVALUATION: [["league_code", "star_level"]]}

    def handlers(self):
        return {events.AssessmentCompleted: self.assessment_completed}

    @staticmethod
    def assessment_completed(event: StoredEvent, message: events.AssessmentCompleted) -> list[Put]:
        if message.kind != events.ASSESSMENT_KIND_BRAND:
            return []
        fields = {
            "name": message.assessment,
            "uscc": message.subject.removeprefix("enterprises/"),
            "league_code": message.league_code,
            "evaluated_on": message.completed_on,
            "star_level": message.brand.star_level,
            "result": MessageToDict(message.brand, preserving_proto_field_name=True),
        }
        # One document per evaluation, and the enterprise's latest one; both keyed within this stream.
        return [
            Put(BRAND_EVALUATIONS, message.assessment, event.version, fields),
            Put(LATEST_BRAND_EVALUATION, event.stream_id, event.version, fields),
        ]
