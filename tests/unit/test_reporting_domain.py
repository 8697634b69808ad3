"""The annual report's lifecycle (submit, return, resubmit, accept), due dates, the reporting policy and
the faust projector's settings."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from fedstd.reporting.v1 import events_pb2 as events
from fedstd.reporting.v1 import reporting_service_pb2 as api
from services.common.aggregate import Repository
from services.common.bus.kafka import KafkaSettings
from services.common.errors import FailedPreconditionError, NotFoundError
from services.common.events import Metadata
from services.common.eventstore.sqlite import SqliteEventStore
from services.reporting.domain import AnnualReport, report_name
from services.reporting.faust_projector import FaustSettings
from services.reporting.policy import PolicyError, ReportingPolicy, phase_on

NAME = report_name("150100", 2022)
FIGURES = events.ReportFigures(private_enterprises=30, trainees=12)
ISSUES = [events.ReportIssue(figure="trainees", description="please check")]


def at(year: int, month: int, day: int, hour: int = 2) -> datetime:
    return datetime(year, month, day, hour, tzinfo=timezone.utc)


@pytest.fixture
def repository(tmp_path: Path):
    store = SqliteEventStore(tmp_path / "events.db")
    yield Repository(store, AnnualReport)
    store.close()


def test_submit_return_resubmit_accept(repository: Repository[AnnualReport]) -> None:
    report = repository.load(NAME)
    submitted = report.submit("150100", 2022, FIGURES, "first", at(2023, 1, 20), due_on=date(2023, 1, 31))
    assert (submitted.due_on, submitted.late) == ("2023-01-31", False)
    repository.save(report, Metadata())

    report = repository.load(NAME)
    returned = report.return_for_correction(ISSUES, at(2023, 2, 1), resubmission_days=15)
    assert (returned.revision, returned.resubmit_by, list(returned.issues)) == (1, "2023-02-16", ISSUES)
    repository.save(report, Metadata())

    report = repository.load(NAME)
    with pytest.raises(FailedPreconditionError) as refused:
        report.accept("", at(2023, 2, 2))
    assert refused.value.reason == "REPORT_NOT_AWAITING_REVIEW"
    resubmitted = report.resubmit(events.ReportFigures(private_enterprises=31), "second", at(2023, 2, 20))
    assert (resubmitted.revision, resubmitted.due_on, resubmitted.late) == (2, "2023-02-16", True)
    accepted = report.accept("thanks", at(2023, 2, 21))
    assert (accepted.revision, accepted.remarks, accepted.league_code, accepted.year) == (2, "thanks", "150100", 2022)
    repository.save(report, Metadata())

    reloaded = repository.load(NAME)
    assert (reloaded.state, reloaded.version) == ("accepted", 4)
    document = reloaded.document()
    assert (document["state"], document["revision"], document["figures"]["private_enterprises"]) == ("accepted", 2, 31)
    assert document["submitted_late"] is False and document["late"] is True
    for refuse in (lambda r: r.accept("", at(2023, 3, 1)), lambda r: r.return_for_correction(ISSUES, at(2023, 3, 1), 15),
                   lambda r: r.resubmit(FIGURES, "", at(2023, 3, 1))):
        with pytest.raises(FailedPreconditionError):
            refuse(reloaded)


def test_a_report_is_submitted_once_and_resubmitted_only_after_a_return(repository: Repository[AnnualReport]) -> None:
    report = repository.load(NAME)
    with pytest.raises(NotFoundError):
        report.accept("", at(2023, 1, 1))
    with pytest.raises(NotFoundError):
        report.resubmit(FIGURES, "", at(2023, 1, 1))
    report.submit("150100", 2022, FIGURES, "", at(2023, 1, 1))
    with pytest.raises(FailedPreconditionError) as twice:
        report.submit("150100", 2022, FIGURES, "", at(2023, 1, 2))
    assert twice.value.reason == "REPORT_ALREADY_SUBMITTED"
    with pytest.raises(FailedPreconditionError) as early:
        report.resubmit(FIGURES, "", at(2023, 1, 2))
    assert early.value.reason == "REPORT_NOT_RETURNED"
    report.return_for_correction(ISSUES, at(2023, 1, 3), 15)
    with pytest.raises(FailedPreconditionError) as again:
        report.return_for_correction(ISSUES, at(2023, 1, 4), 15)
    assert again.value.reason == "REPORT_NOT_AWAITING_REVIEW"


def test_lateness_is_judged_on_the_civil_date_in_china() -> None:
    on_time = AnnualReport(NAME).submit("150100", 2022, FIGURES, "", datetime(2023, 1, 31, 15, 59, tzinfo=timezone.utc),
                                        date(2023, 1, 31))
    late = AnnualReport(NAME).submit("150100", 2022, FIGURES, "", datetime(2023, 1, 31, 16, 0, tzinfo=timezone.utc),
                                     date(2023, 1, 31))
    undated = AnnualReport(NAME).submit("150100", 2022, FIGURES, "", at(2030, 1, 1))
    assert (on_time.late, late.late) == (False, True)
    assert (undated.due_on, undated.late) == ("", False)



def test_a_step_recorded_afterwards_cannot_precede_the_step_it_answers(repository: Repository[AnnualReport]) -> None:
    report = repository.load(NAME)
    report.submit("150100", 2022, FIGURES, "", at(2023, 1, 20), date(2023, 1, 31))
    for step in (lambda: report.return_for_correction(ISSUES, at(2023, 1, 19), 15), lambda: report.accept("", at(2023, 1, 10))):
        with pytest.raises(FailedPreconditionError) as early:
            step()
        assert early.value.reason == "DATE_BEFORE_PREVIOUS_STEP"
    report.return_for_correction(ISSUES, at(2023, 1, 20), 15)  # the same day is fine
    with pytest.raises(FailedPreconditionError) as early:
        report.resubmit(FIGURES, "", at(2023, 1, 19))
    assert early.value.reason == "DATE_BEFORE_PREVIOUS_STEP"
    assert report.version == 2


# ------------------------------------------------------------------ policy


def test_policy_defaults_and_environment() -> None:
    default = ReportingPolicy()
    assert default.due_on(2021) == date(2022, 1, 31) and default.due_on(2023) == date(2023, 10, 31)
    configured = ReportingPolicy.from_env({
        "FEDSTD_REPORT_DUE_DATES": "2022:2023-03-31", "FEDSTD_REPORT_RESUBMISSION_DAYS": "10",
        "FEDSTD_ON_TRACK_TOLERANCE": "0.8", "FEDSTD_ON_TRACK_DENOMINATOR": "registry",
        "FEDSTD_COMMENDATIONS_PER_LEAGUE": "5", "FEDSTD_PROGRESS_WATCH_INTERVAL_S": "0.2",
    })
    assert configured.due_on(2022) == date(2023, 3, 31) and configured.due_on(2021) == date(2022, 1, 31)
    assert (configured.resubmission_days, configured.on_track_tolerance, configured.on_track_denominator,
            configured.commendations_per_league, configured.watch_interval_s) == (10, 0.8, "registry", 5, 0.2)


@pytest.mark.parametrize("env", [
    {"FEDSTD_REPORT_DUE_DATES": "2020:2021-01-31"}, {"FEDSTD_REPORT_DUE_DATES": "2022-01-31"},
    {"FEDSTD_REPORT_RESUBMISSION_DAYS": "0"}, {"FEDSTD_ON_TRACK_TOLERANCE": "1.5"},
    {"FEDSTD_ON_TRACK_DENOMINATOR": "census"}, {"FEDSTD_PROGRESS_WATCH_INTERVAL_S": "x"},
])
def test_a_policy_that_cannot_be_right_is_refused(env: dict[str, str]) -> None:
    with pytest.raises(PolicyError):
        ReportingPolicy.from_env(env)


def test_the_plan_phases_and_the_trajectory() -> None:
    assert [phase_on(d) for d in (date(2021, 8, 31), date(2021, 9, 1), date(2021, 10, 1), date(2023, 10, 31),
                                  date(2023, 11, 1), date(2023, 12, 31), date(2024, 1, 1))] == [
        api.PLAN_PHASE_NOT_STARTED, api.PLAN_PHASE_LAUNCH, api.PLAN_PHASE_IMPLEMENTATION, api.PLAN_PHASE_IMPLEMENTATION,
        api.PLAN_PHASE_EVALUATION, api.PLAN_PHASE_EVALUATION, api.PLAN_PHASE_CONCLUDED]
    policy = ReportingPolicy()
    assert policy.expected_share(date(2021, 9, 30)) == 0
    assert policy.expected_share(date(2021, 10, 1)) == pytest.approx(0.10 / 761)
    assert policy.expected_share(date(2023, 10, 31)) == pytest.approx(0.10)
    assert policy.expected_share(date(2025, 1, 1)) == pytest.approx(0.10)


def test_faust_group_timings_follow_the_kafka_settings_unless_set_for_faust() -> None:
    kafka = KafkaSettings("127.0.0.1:9092", session_timeout_ms=6000, heartbeat_interval_ms=1000, max_poll_interval_ms=5000)
    assert FaustSettings.from_env(kafka, {}) == FaustSettings(session_timeout=6, heartbeat_interval=1, rebalance_timeout=5)
    assert FaustSettings.from_env(KafkaSettings("k:9092"), {}).rebalance_timeout == 300
    tuned = FaustSettings.from_env(kafka, {"FEDSTD_FAUST_BROKER_SESSION_TIMEOUT": "30", "FEDSTD_FAUST_BATCH_SIZE": "50"})
    assert (tuned.session_timeout, tuned.heartbeat_interval, tuned.batch_size) == (30, 1, 50)
