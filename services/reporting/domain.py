"""Reporting aggregates: the annual report of a league federation (年度实施情况)."""
from __future__ import annotations

from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.reporting.v1 import events_pb2 as events
from services.common.aggregate import Aggregate
from services.common.errors import FailedPreconditionError

#: The years of the plan's implementation (2021-2023).
PLAN_YEARS = (2021, 2022, 2023)


def report_name(league_code: str, year: int) -> str:
    return f"leagues/{league_code}/annualReports/{year}"


class AnnualReport(Aggregate):
    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.submitted = False

    def submit(self, league_code: str, year: int, figures: events.ReportFigures, narrative: str, now: datetime) -> events.ReportSubmitted:
        if self.submitted:
            raise FailedPreconditionError("REPORT_ALREADY_SUBMITTED", f"{self.stream_id} is already submitted")
        submitted_at = Timestamp()
        submitted_at.FromDatetime(now)
        event = events.ReportSubmitted(
            report=self.stream_id, league_code=league_code, year=year, figures=figures,
            narrative=narrative, submitted_at=submitted_at,
        )
        self._trigger(event)
        return event

    def apply_ReportSubmitted(self, event: events.ReportSubmitted) -> None:
        self.submitted = True
