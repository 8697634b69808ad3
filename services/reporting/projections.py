"""The federation-progress projection: facts from all three services' topics, one document per stream.

Counts are not kept as counters (a redelivered event would count twice); they are answered by
indexed queries over these documents.
"""
from __future__ import annotations

from google.protobuf.json_format import MessageToDict

from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.reporting.v1 import events_pb2 as reporting_events
from services.common.cloudevents import topic_for
from services.common.events import StoredEvent
from services.common.projection import Projection
from services.common.readmodel import Put

STANDARDS = "standards"
ENTERPRISE_LEVELS = "enterprise_levels"
REPORTS = "annual_reports"


class FederationProgress(Projection):
    name = "reporting.progress"
    topics = (topic_for("registry"), topic_for("assessment"), topic_for("reporting"))
    indexes = {
        STANDARDS: [["league_code"]],
        ENTERPRISE_LEVELS: [["league_code", "star_level"]],
        REPORTS: [["league_code", "year"]],
    }

    def handlers(self):
        return {
            registry_events.StandardPublished: self.standard_published,
            assessment_events.AssessmentCompleted: self.assessment_completed,
            reporting_events.ReportSubmitted: self.report_submitted,
        }

    @staticmethod
    def standard_published(event: StoredEvent, message: registry_events.StandardPublished) -> list[Put]:
        fields = {"league_code": message.league_code, "state": "published", "published_on": message.published_on}
        return [Put(STANDARDS, event.stream_id, event.version, fields)]

    @staticmethod
    def assessment_completed(event: StoredEvent, message: assessment_events.AssessmentCompleted) -> list[Put]:
        if message.kind != assessment_events.ASSESSMENT_KIND_BRAND:
            return []
        # The stream is the enterprise's evaluation history: the latest evaluation supersedes.
        fields = {
            "subject": message.subject,
            "league_code": message.league_code,
            "star_level": message.brand.star_level,
            "total_score": message.brand.total_score,
            "evaluated_on": message.completed_on,
            "valid_until": message.brand.valid_until,
        }
        return [Put(ENTERPRISE_LEVELS, event.stream_id, event.version, fields)]

    @staticmethod
    def report_submitted(event: StoredEvent, message: reporting_events.ReportSubmitted) -> list[Put]:
        fields = {
            "league_code": message.league_code,
            "year": message.year,
            "state": "submitted",
            "figures": MessageToDict(message.figures, preserving_proto_field_name=True, always_print_fields_with_no_presence=True),
            "narrative": message.narrative,
            "submitted_at": message.submitted_at.ToJsonString(),
        }
        return [Put(REPORTS, event.stream_id, event.version, fields)]
