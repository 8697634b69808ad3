"""The reporting service's gRPC API: annual reports, their cross-check, and the progress queries."""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timezone
from typing import Any

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.reporting.v1 import events_pb2 as events
from fedstd.reporting.v1 import reporting_service_pb2 as api
from fedstd.reporting.v1 import reporting_service_pb2_grpc as api_grpc
from services.common import validation
from services.common.aggregate import Repository
from services.common.auth import Role, require_league, require_reader, require_role
from services.common.errors import Violations
from services.common.events import utcnow
from services.common.grpc_server import command_metadata
from services.common.projection import read_document
from services.common.readmodel import DocumentStore
from services.reporting import brand_report
from services.reporting.domain import AnnualReport, report_name
from services.reporting.facts import ACCEPTED, REPORTS, RETURNED, SUBMITTED
from services.reporting.policy import CHINA_STANDARD_TIME, PLAN_YEARS, ReportingPolicy, civil_date
from services.reporting.progress import DERIVED_FIGURES, ProgressReader, year_end

REPORT_NAME = re.compile(r"leagues/(?P<league_code>\d{6})/annualReports/(?P<year>\d{4})")
CROSS_CHECK_NAME = re.compile(rf"(?P<report>{REPORT_NAME.pattern})/crossCheck")
MAX_NARRATIVE = 20_000
MAX_ISSUES = 100
FIGURES = tuple(field.name for field in events.ReportFigures.DESCRIPTOR.fields)
STATES = {SUBMITTED: api.ANNUAL_REPORT_STATE_SUBMITTED, RETURNED: api.ANNUAL_REPORT_STATE_RETURNED,
          ACCEPTED: api.ANNUAL_REPORT_STATE_ACCEPTED}
STATE_NAMES = {number: name for name, number in STATES.items()}
VIEWS = (api.FEDERATION_PROGRESS_VIEW_UNSPECIFIED, api.FEDERATION_PROGRESS_VIEW_BASIC, api.FEDERATION_PROGRESS_VIEW_FULL)


def _timestamp(value: str | None) -> Timestamp | None:
    if not value:
        return None
    stamp = Timestamp()
    stamp.FromJsonString(value)
    return stamp


def report_message(document: dict[str, Any]) -> api.AnnualReport:
    """The resource from its read-model document (facts.derive_report)."""
    return api.AnnualReport(
        name=document["_key"], league_code=document["league_code"], year=document["year"],
        figures=events.ReportFigures(**document["figures"]), narrative=document["narrative"],
        state=STATES[document["state"]], submitted_at=_timestamp(document["submitted_at"]),
        version=document["_version"], revision=document["revision"], due_on=document["due_on"],
        late=document["late"], issues=[events.ReportIssue(**issue) for issue in document.get("issues") or []],
        returned_at=_timestamp(document.get("returned_at")), resubmit_by=document.get("resubmit_by") or "",
        accepted_at=_timestamp(document.get("accepted_at")), remarks=document.get("remarks") or "",
        submitted_late=document["submitted_late"],
    )


def _check_name(violations: Violations, name: str) -> re.Match | None:
    match = REPORT_NAME.fullmatch(name)
    if violations.check(match is not None, "name", "must look like leagues/{league_code}/annualReports/{year}"):
        validation.check_league(violations, "name", match["league_code"])
        violations.check(int(match["year"]) in PLAN_YEARS, "name", f"the year must be one of the plan's years {PLAN_YEARS}")
    return match


def _check_figures(violations: Violations, figures: events.ReportFigures) -> None:
    for field, value in figures.ListFields():
        violations.check(value >= 0, f"figures.{field.name}", "must not be negative")


def _check_narrative(violations: Violations, narrative: str) -> None:
    violations.check(len(narrative) <= MAX_NARRATIVE, "narrative", f"at most {MAX_NARRATIVE} characters")


class ReportingApi(api_grpc.ReportingServiceServicer):
    def __init__(self, reports: Repository[AnnualReport], docs: DocumentStore, read_timeout: float,
                 policy: ReportingPolicy, clock: Callable[[], datetime] = utcnow):
        self.reports = reports
        self.docs = docs
        self.read_timeout = read_timeout
        self.policy = policy
        self.clock = clock
        self.progress = ProgressReader(docs, policy)

    def _today(self) -> date:
        return civil_date(self.clock())

    def _moment(self, violations: Violations, field: str, value: str, year: int | None = None) -> datetime:
        """When a step happened: now, or noon of the civil date it is recorded with afterwards."""
        now = self.clock()
        day = validation.check_date(violations, field, value, required=False)
        if day is None:
            return now
        violations.check(day <= civil_date(now), field, f"must not be in the future (today is {civil_date(now)})")
        if year is not None:
            violations.check(day.year >= year, field, f"must not be before the report's year {year}")
        return datetime.combine(day, time(12), CHINA_STANDARD_TIME)

    def _save(self, report: AnnualReport, context: grpc.ServicerContext) -> api.AnnualReport:
        self.reports.save(report, command_metadata(context))
        return report_message({**report.document(), "_key": report.stream_id, "_version": report.version})

    # ---------------------------------------------------------------- commands

    def SubmitAnnualReport(self, request: api.SubmitAnnualReportRequest, context: grpc.ServicerContext) -> api.AnnualReport:
        require_role(Role.LEAGUE)
        violations = Violations()
        validation.check_league(violations, "league_code", request.league_code)
        violations.check(request.year in PLAN_YEARS, "year", f"must be one of the plan's years {PLAN_YEARS}")
        _check_figures(violations, request.figures)
        _check_narrative(violations, request.narrative)
        moment = self._moment(violations, "submitted_on", request.submitted_on, request.year)
        violations.raise_if_any()
        require_league(request.league_code)

        report = self.reports.load(report_name(request.league_code, request.year))
        report.submit(request.league_code, request.year, request.figures, request.narrative, moment,
                      self.policy.due_on(request.year))
        return self._save(report, context)

    def ResubmitAnnualReport(self, request: api.ResubmitAnnualReportRequest, context: grpc.ServicerContext) -> api.AnnualReport:
        require_role(Role.LEAGUE)
        violations = Violations()
        match = _check_name(violations, request.name)
        _check_figures(violations, request.figures)
        _check_narrative(violations, request.narrative)
        moment = self._moment(violations, "submitted_on", request.submitted_on)
        violations.raise_if_any()
        require_league(match["league_code"])

        report = self.reports.load(request.name)
        report.resubmit(request.figures, request.narrative, moment)
        return self._save(report, context)

    def ReturnAnnualReport(self, request: api.ReturnAnnualReportRequest, context: grpc.ServicerContext) -> api.AnnualReport:
        require_role(Role.REGION)
        violations = Violations()
        _check_name(violations, request.name)
        violations.check(0 < len(request.issues) <= MAX_ISSUES, "issues", f"from 1 to {MAX_ISSUES} issues to correct")
        for i, issue in enumerate(request.issues):
            violations.check(not issue.figure or issue.figure in FIGURES, f"issues[{i}].figure",
                             "empty, or the name of a ReportFigures field")
            validation.check_text(violations, f"issues[{i}].description", issue.description)
        moment = self._moment(violations, "returned_on", request.returned_on)
        violations.raise_if_any()

        report = self.reports.load(request.name)
        report.return_for_correction(request.issues, moment, self.policy.resubmission_days)
        return self._save(report, context)

    def AcceptAnnualReport(self, request: api.AcceptAnnualReportRequest, context: grpc.ServicerContext) -> api.AnnualReport:
        require_role(Role.REGION)
        violations = Violations()
        _check_name(violations, request.name)
        violations.check(len(request.remarks) <= validation.MAX_TEXT, "remarks", f"at most {validation.MAX_TEXT} characters")
        moment = self._moment(violations, "accepted_on", request.accepted_on)
        violations.raise_if_any()

        report = self.reports.load(request.name)
        report.accept(request.remarks, moment)
        return self._save(report, context)

    # ---------------------------------------------------------------- reports

    def GetAnnualReport(self, request: api.GetAnnualReportRequest, context: grpc.ServicerContext) -> api.AnnualReport:
        violations = Violations()
        match = _check_name(violations, request.name)
        violations.raise_if_any()
        require_reader(match["league_code"])
        return report_message(read_document(self.docs, REPORTS, request.name, request.min_version, self.read_timeout))

    def ListAnnualReports(self, request: api.ListAnnualReportsRequest, context: grpc.ServicerContext) -> api.ListAnnualReportsResponse:
        violations = Violations()
        if request.league_code:
            validation.check_league(violations, "league_code", request.league_code)
        violations.check(not request.year or request.year in PLAN_YEARS, "year", f"one of the plan's years {PLAN_YEARS}")
        violations.check(not request.state or request.state in STATE_NAMES, "state", "not a report state")
        size = validation.page_size(request.page_size)
        violations.raise_if_any()
        caller = require_reader(request.league_code or None)

        query: dict[str, Any] = {}
        if request.league_code:
            query["league_code"] = request.league_code
        elif caller.role == Role.PARTNER and caller.leagues:
            query["league_code"] = {"$in": sorted(caller.leagues)}
        if request.year:
            query["year"] = request.year
        if request.state:
            query["state"] = STATE_NAMES[request.state]
        after = validation.decode_page_token(request.page_token, query)
        documents = self.docs.find(REPORTS, query, after_key=after, limit=size + 1)
        response = api.ListAnnualReportsResponse(annual_reports=[report_message(d) for d in documents[:size]])
        if len(documents) > size:
            response.next_page_token = validation.encode_page_token(documents[size - 1]["_key"], query)
        return response

    def GetReportCrossCheck(self, request: api.GetReportCrossCheckRequest, context: grpc.ServicerContext) -> api.ReportCrossCheck:
        match = CROSS_CHECK_NAME.fullmatch(request.name)
        violations = Violations()
        violations.check(match is not None, "name", "must look like leagues/{league_code}/annualReports/{year}/crossCheck")
        violations.raise_if_any()
        require_reader(match["league_code"])
        report = report_message(read_document(self.docs, REPORTS, match["report"], request.min_version, self.read_timeout))
        day = year_end(report.year, civil_date(report.submitted_at.ToDatetime(tzinfo=timezone.utc)))
        derived = self.progress.derived_figures(report.league_code, day)
        check = api.ReportCrossCheck(name=request.name, report=report.name, revision=report.revision, as_of=day.isoformat())
        for figure in FIGURES:
            reported = getattr(report.figures, figure)
            line = api.FigureCheck(figure=figure, reported=reported, derivable=figure in DERIVED_FIGURES)
            if line.derivable:
                line.derived = getattr(derived, figure)
                line.difference = reported - line.derived
                line.differs = line.difference != 0
            check.figures.append(line)
        check.differing_figures = sum(line.differs for line in check.figures)
        return check

    # ---------------------------------------------------------------- progress

    def _progress_request(self, as_of: str, view: int) -> date | None:
        violations = Violations()
        day = validation.check_date(violations, "as_of", as_of, required=False)
        violations.check(view in VIEWS, "view", "not a progress view")
        violations.raise_if_any()
        return day

    def GetFederationProgress(self, request: api.GetFederationProgressRequest, context: grpc.ServicerContext) -> api.FederationProgress:
        day = self._progress_request(request.as_of, request.view)
        caller = require_reader()
        return self.progress.progress(day or self._today(), request.view, self.clock(), caller.reads_league)

    def WatchFederationProgress(self, request: api.WatchFederationProgressRequest,
                                context: grpc.ServicerContext) -> Iterator[api.FederationProgress]:
        day = self._progress_request(request.as_of, request.view)
        caller = require_reader()
        view = request.view or api.FEDERATION_PROGRESS_VIEW_BASIC
        cancelled = threading.Event()
        context.add_callback(cancelled.set)
        last = None
        while not cancelled.is_set():
            progress = self.progress.progress(day or self._today(), view, self.clock(), caller.reads_league)
            unchanged = api.FederationProgress()
            unchanged.CopyFrom(progress)
            unchanged.ClearField("computed_at")
            if unchanged != last:
                last = unchanged
                yield progress
            cancelled.wait(self.policy.watch_interval_s)

    def GetBrandDevelopmentReport(self, request: api.GetBrandDevelopmentReportRequest,
                                  context: grpc.ServicerContext) -> api.BrandDevelopmentReport:
        violations = Violations()
        violations.check(request.year in PLAN_YEARS, "year", f"must be one of the plan's years {PLAN_YEARS}")
        violations.raise_if_any()
        caller = require_reader()
        day = year_end(request.year, self._today())
        progress = self.progress.progress(day, api.FEDERATION_PROGRESS_VIEW_FULL, self.clock(), caller.reads_league)
        return api.BrandDevelopmentReport(
            year=request.year, as_of=day.isoformat(), content_type=brand_report.CONTENT_TYPE,
            content=brand_report.render(request.year, progress).encode(), filename=brand_report.filename(request.year),
        )
