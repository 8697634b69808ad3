"""Aggregate rules of the reporting service, and the repository's optimistic concurrency (the registry's are in
test_registry_domain.py)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from fedstd.reporting.v1 import events_pb2 as reporting_events
from services.common.aggregate import Repository
from services.common.errors import ConcurrencyError, FailedPreconditionError
from services.common.events import Metadata
from services.common.eventstore.sqlite import SqliteEventStore
from services.reporting.domain import AnnualReport, report_name

NOW = datetime(2023, 1, 15, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path):
    events = SqliteEventStore(tmp_path / "events.db")
    yield events
    events.close()


def test_annual_report_submit_twice_is_failed_precondition(store: SqliteEventStore) -> None:
    repository = Repository(store, AnnualReport)
    name = report_name("150100", 2022)
    assert name == "leagues/150100/annualReports/2022"
    figures = reporting_events.ReportFigures(private_enterprises=30, two_star_or_above_enterprises=3)

    report = repository.load(name)
    event = report.submit("150100", 2022, figures, "synthetic", NOW)
    assert event.report == name and event.year == 2022 and event.figures == figures
    assert event.submitted_at.ToDatetime(tzinfo=timezone.utc) == NOW
    with pytest.raises(FailedPreconditionError) as in_memory:
        report.submit("150100", 2022, figures, "again", NOW)
    assert in_memory.value.reason == "REPORT_ALREADY_SUBMITTED"
    repository.save(report, Metadata())

    reloaded = repository.load(name)
    assert reloaded.submitted and reloaded.version == 1
    with pytest.raises(FailedPreconditionError) as caught:
        reloaded.submit("150100", 2022, figures, "again", NOW)
    assert caught.value.reason == "REPORT_ALREADY_SUBMITTED"
    assert name in str(caught.value)
    assert len(store.read_stream(name)) == 1


def test_saving_a_stale_aggregate_is_a_concurrency_error(store: SqliteEventStore) -> None:
    repository = Repository(store, AnnualReport)
    name = report_name("150200", 2023)
    figures = reporting_events.ReportFigures(private_enterprises=10)

    first, second = repository.load(name), repository.load(name)
    first.submit("150200", 2023, figures, "first", NOW)
    second.submit("150200", 2023, figures, "second", NOW)
    repository.save(first, Metadata())
    with pytest.raises(ConcurrencyError):
        repository.save(second, Metadata())

    (kept,) = store.read_stream(name)
    assert kept.message().narrative == "first"
    assert ConcurrencyError.reason == "CONCURRENT_MODIFICATION"
