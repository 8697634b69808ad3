"""The reporting service's gRPC API."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

import grpc
from google.protobuf.json_format import ParseDict
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.reporting.v1 import events_pb2 as events
from fedstd.reporting.v1 import reporting_service_pb2 as api
from fedstd.reporting.v1 import reporting_service_pb2_grpc as api_grpc
from services.common import divisions, validation
from services.common.aggregate import Repository
from services.common.errors import Violations
from services.common.events import utcnow
from services.common.grpc_server import command_metadata
from services.common.projection import read_document
from services.common.readmodel import DocumentStore
from services.reporting.domain import PLAN_YEARS, AnnualReport, report_name
from services.reporting.projections import ENTERPRISE_LEVELS, REPORTS, STANDARDS

REPORT_NAME = re.compile(r"^leagues/\d{6}/annualReports/\d{4}$")
#: The plan's numeric target: 10 % of private enterprises at two-star or above.
TARGET_SHARE = 0.10
MAX_NARRATIVE = 20_000


def report_message(document: dict) -> api.AnnualReport:
    submitted_at = Timestamp()
    submitted_at.FromJsonString(document["submitted_at"])
    return api.AnnualReport(
        name=document["_key"],
        league_code=document["league_code"],
        year=document["year"],
        figures=ParseDict(document["figures"], events.ReportFigures()),
        narrative=document["narrative"],
        state=api.ANNUAL_REPORT_STATE_SUBMITTED,
        submitted_at=submitted_at,
        version=document["_version"],
    )


class ReportingApi(api_grpc.ReportingServiceServicer):
    def __init__(self, reports: Repository[AnnualReport], docs: DocumentStore, read_timeout: float,
                 clock: Callable[[], datetime] = utcnow):
        self.reports = reports
        self.docs = docs
        self.read_timeout = read_timeout
        self.clock = clock

    def SubmitAnnualReport(self, request: api.SubmitAnnualReportRequest, context: grpc.ServicerContext) -> api.AnnualReport:
        violations = Violations()
        validation.check_league(violations, "league_code", request.league_code)
        violations.check(request.year in PLAN_YEARS, "year", f"must be one of the plan's years {PLAN_YEARS}")
        for field, value in request.figures.ListFields():
            violations.check(value >= 0, f"figures.{field.name}", "must not be negative")
        violations.check(len(request.narrative) <= MAX_NARRATIVE, "narrative", f"at most {MAX_NARRATIVE} characters")
        violations.raise_if_any()

        report = self.reports.load(report_name(request.league_code, request.year))
        event = report.submit(request.league_code, request.year, request.figures, request.narrative, self.clock())
        self.reports.save(report, command_metadata(context))
        return api.AnnualReport(
            name=report.stream_id, league_code=event.league_code, year=event.year, figures=event.figures,
            narrative=event.narrative, state=api.ANNUAL_REPORT_STATE_SUBMITTED, submitted_at=event.submitted_at,
            version=report.version,
        )

    def GetAnnualReport(self, request: api.GetAnnualReportRequest, context: grpc.ServicerContext) -> api.AnnualReport:
        violations = Violations()
        violations.check(bool(REPORT_NAME.fullmatch(request.name)), "name", "must look like leagues/{league_code}/annualReports/{year}")
        violations.raise_if_any()
        return report_message(read_document(self.docs, REPORTS, request.name, request.min_version, self.read_timeout))

    def GetFederationProgress(self, request: api.GetFederationProgressRequest, context: grpc.ServicerContext) -> api.FederationProgress:
        leagues = [self._league_progress(league) for league in divisions.leagues()]
        total = api.LeagueProgress(league_code=divisions.REGION_CODE, league_name="内蒙古自治区")
        for league in leagues:
            for field in ("group_standards_published", "enterprises_evaluated", "enterprises_two_star_or_above",
                          "private_enterprises_reported", "annual_reports_submitted"):
                setattr(total, field, getattr(total, field) + getattr(league, field))
        _set_share(total)
        computed_at = Timestamp()
        computed_at.FromDatetime(self.clock())
        return api.FederationProgress(leagues=leagues, total=total, target_share=TARGET_SHARE, computed_at=computed_at)

    def _league_progress(self, league: divisions.Division) -> api.LeagueProgress:
        code = league.code
        reports = self.docs.find(REPORTS, {"league_code": code}, limit=len(PLAN_YEARS))
        latest = max(reports, key=lambda d: d["year"], default=None)
        progress = api.LeagueProgress(
            league_code=code,
            league_name=league.name_zh,
            group_standards_published=self.docs.count(STANDARDS, {"league_code": code}),
            enterprises_evaluated=self.docs.count(ENTERPRISE_LEVELS, {"league_code": code}),
            enterprises_two_star_or_above=self.docs.count(
                ENTERPRISE_LEVELS, {"league_code": code, "star_level": {"$gte": assessment_events.STAR_LEVEL_TWO}}
            ),
            private_enterprises_reported=int(latest["figures"]["private_enterprises"]) if latest else 0,
            annual_reports_submitted=len(reports),
        )
        _set_share(progress)
        return progress


def _set_share(progress: api.LeagueProgress) -> None:
    if progress.private_enterprises_reported:
        progress.two_star_share = progress.enterprises_two_star_or_above / progress.private_enterprises_reported
        progress.target_met = progress.two_star_share >= TARGET_SHARE
