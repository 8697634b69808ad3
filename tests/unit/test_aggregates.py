"""Aggregate rules of the registry and reporting services, and the repository's optimistic concurrency."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.reporting.v1 import events_pb2 as reporting_events
from services.common.aggregate import Repository
from services.common.errors import AlreadyExistsError, ConcurrencyError, FailedPreconditionError
from services.common.events import Metadata
from services.common.eventstore.sqlite import SqliteEventStore
from services.registry.domain import GroupStandard, group_standard_name, group_standard_number
from services.reporting.domain import AnnualReport, report_name

NOW = datetime(2023, 1, 15, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path):
    events = SqliteEventStore(tmp_path / "events.db")
    yield events
    events.close()


def _publish(standard: GroupStandard, effective_on: str = "2023-08-01") -> None:
    standard.publish("NMB", 14, 2023, "呼和浩特老字号评定规范", "150100", "2023-07-24", effective_on)


def test_group_standard_names_and_numbers() -> None:
    assert group_standard_name("NMB", 14, 2023) == "chambers/NMB/groupStandards/14-2023"
    assert group_standard_number("NMB", 14, 2023) == "T/NMB 14—2023"
    assert "\u2014" in group_standard_number("NMB", 14, 2023)  # an em dash, not a hyphen
    assert "-" not in group_standard_number("NMB", 14, 2023)


def test_publish_emits_standard_published() -> None:
    standard = GroupStandard(group_standard_name("NMB", 14, 2023))
    _publish(standard)
    (event,) = standard.collect_pending()
    assert event == registry_events.StandardPublished(
        group_standard="chambers/NMB/groupStandards/14-2023", number="T/NMB 14—2023", org_code="NMB",
        title="呼和浩特老字号评定规范", league_code="150100", published_on="2023-07-24", effective_on="2023-08-01",
    )
    assert standard.version == 1


def test_effective_on_defaults_to_published_on() -> None:
    standard = GroupStandard(group_standard_name("NMB", 14, 2023))
    _publish(standard, effective_on="")
    assert standard.published.effective_on == "2023-07-24"


def test_publishing_twice_is_already_exists() -> None:
    standard = GroupStandard(group_standard_name("NMB", 14, 2023))
    _publish(standard)
    with pytest.raises(AlreadyExistsError, match="T/NMB 14—2023 is already published"):
        _publish(standard)
    assert len(standard.collect_pending()) == 1
    assert standard.version == 1


def test_publishing_a_stored_standard_again_is_already_exists(store: SqliteEventStore) -> None:
    repository = Repository(store, GroupStandard)
    name = group_standard_name("NMB", 14, 2023)
    standard = repository.load(name)
    _publish(standard)
    repository.save(standard, Metadata())

    again = repository.load(name)
    assert again.version == 1 and again.published is not None
    with pytest.raises(AlreadyExistsError):
        _publish(again)
    assert AlreadyExistsError.reason == "ALREADY_EXISTS"


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


def test_saving_a_stale_group_standard_is_a_concurrency_error(store: SqliteEventStore) -> None:
    repository = Repository(store, GroupStandard)
    name = group_standard_name("NMB", 15, 2023)
    first, second = repository.load(name), repository.load(name)
    _publish(first)
    _publish(second)
    stored = repository.save(first, Metadata(correlation_id="c1"))
    assert [(e.stream_id, e.version) for e in stored] == [(name, 1)]
    with pytest.raises(ConcurrencyError):
        repository.save(second, Metadata(correlation_id="c2"))
    assert [e.metadata.correlation_id for e in store.read_stream(name)] == ["c1"]
