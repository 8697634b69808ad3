"""Reporting aggregates: the annual report of a league federation (年度实施情况).

A report is submitted by its league federation, then returned (with the issues to correct) or
accepted by the region federation; a returned report is resubmitted as a new revision. Each
submission records its due date and whether it came late.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.reporting.v1 import events_pb2 as events
from services.common.aggregate import Aggregate
from services.common.errors import FailedPreconditionError, NotFoundError
from services.reporting.facts import FOLDS, REPORTS, RETURNED, SUBMITTED, State, derive_report
from services.reporting.policy import civil_date


def report_name(league_code: str, year: int) -> str:
    return f"leagues/{league_code}/annualReports/{year}"


def _timestamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def _lateness(due_on: date | None, now: datetime) -> tuple[str, bool]:
    if due_on is None:
        return "", False
    return due_on.isoformat(), civil_date(now) > due_on


class AnnualReport(Aggregate):
    """Its state is the same fold of its events that the progress projection keeps (facts.py)."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.facts: State = {}

    @property
    def state(self) -> str:
        return self.facts.get("state", "")

    @property
    def submitted(self) -> bool:
        return bool(self.state)

    def document(self) -> dict[str, Any]:
        """The report as the read model will show it."""
        return derive_report(self.stream_id, self.facts)[(REPORTS, self.stream_id)]

    def submit(self, league_code: str, year: int, figures: events.ReportFigures, narrative: str, now: datetime,
               due_on: date | None = None) -> events.ReportSubmitted:
        if self.submitted:
            raise FailedPreconditionError("REPORT_ALREADY_SUBMITTED", f"{self.stream_id} is already submitted")
        due, late = _lateness(due_on, now)
        event = events.ReportSubmitted(
            report=self.stream_id, league_code=league_code, year=year, figures=figures,
            narrative=narrative, submitted_at=_timestamp(now), due_on=due, late=late,
        )
        self._trigger(event)
        return event

    def resubmit(self, figures: events.ReportFigures, narrative: str, now: datetime) -> events.ReportResubmitted:
        self._require(RETURNED, "REPORT_NOT_RETURNED", "only a returned report can be resubmitted")
        self._require_not_before_previous_step(now)
        due, late = _lateness(date.fromisoformat(self.facts["resubmit_by"]), now)
        event = events.ReportResubmitted(
            report=self.stream_id, league_code=self.facts["league"], year=self.facts["year"],
            revision=self.facts["revision"] + 1, figures=figures, narrative=narrative, submitted_at=_timestamp(now),
            due_on=due, late=late,
        )
        self._trigger(event)
        return event

    def return_for_correction(self, issues: Sequence[events.ReportIssue], now: datetime,
                              resubmission_days: int) -> events.ReportReturned:
        self._require(SUBMITTED, "REPORT_NOT_AWAITING_REVIEW", "only a submitted report can be returned")
        self._require_not_before_previous_step(now)
        event = events.ReportReturned(
            report=self.stream_id, league_code=self.facts["league"], year=self.facts["year"],
            revision=self.facts["revision"], issues=issues, returned_at=_timestamp(now),
            resubmit_by=(civil_date(now) + timedelta(days=resubmission_days)).isoformat(),
        )
        self._trigger(event)
        return event

    def accept(self, remarks: str, now: datetime) -> events.ReportAccepted:
        self._require(SUBMITTED, "REPORT_NOT_AWAITING_REVIEW", "only a submitted report can be accepted")
        self._require_not_before_previous_step(now)
        event = events.ReportAccepted(
            report=self.stream_id, league_code=self.facts["league"], year=self.facts["year"],
            revision=self.facts["revision"], accepted_at=_timestamp(now), remarks=remarks,
        )
        self._trigger(event)
        return event

    def _require(self, state: str, reason: str, message: str) -> None:
        if not self.submitted:
            raise NotFoundError(f"{self.stream_id} has not been submitted")
        if self.state != state:
            raise FailedPreconditionError(reason, f"{self.stream_id} is {self.state}: {message}")

    def _require_not_before_previous_step(self, now: datetime) -> None:
        """A step recorded afterwards (with its date) cannot precede the step it answers."""
        previous = self.facts["history"][-1]["on"]
        if civil_date(now).isoformat() < previous:
            raise FailedPreconditionError(
                "DATE_BEFORE_PREVIOUS_STEP",
                f"{self.stream_id} reached its current state on {previous}; a later step cannot be dated {civil_date(now)}")

    def _fold(self, event: Message) -> None:
        FOLDS[type(event)].apply(self.facts, event)

    apply_ReportSubmitted = apply_ReportReturned = apply_ReportResubmitted = apply_ReportAccepted = _fold
