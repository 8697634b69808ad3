"""The progress projection over a real SQLite read model: "as of" answers against a recomputation from
the events, redelivery and crashes between collections, and the rows the API builds."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import pytest

from fedstd.assessment.v1 import events_pb2 as assessment
from fedstd.reporting.v1 import reporting_service_pb2 as api
from services.common.projection import ProjectionRunner
from services.common.readmodel import DocumentStore, Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.reporting.facts import BRAND_LEVELS
from services.reporting.policy import ReportingPolicy
from services.reporting.progress import REGION, ProgressReader
from services.reporting.projections import STATES, FederationProgress
from tests.support.reporting import (
    HOHHOT,
    LEAGUES,
    EventLog,
    RecordingBus,
    deliveries,
    plan_days,
    programme,
    project,
    recompute,
    synthetic_programme,
    uscc,
)


def every_document(docs: DocumentStore) -> dict[str, list[dict]]:
    return {collection: docs.find(collection, limit=100_000) for collection in FederationProgress.collections()}


def nonzero(figures: dict[str, Counter]) -> dict[str, dict[str, int]]:
    return {scope: dict(+counter) for scope, counter in figures.items() if +counter}


@pytest.fixture
def docs(tmp_path: Path):
    store = SqliteDocumentStore(tmp_path / "views.db")
    yield store
    store.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_as_of_answers_equal_a_recomputation_from_the_events(docs: SqliteDocumentStore, seed: int) -> None:
    log = synthetic_programme(seed)
    bus = project(docs, deliveries(log), seed)
    assert bus.published == []  # nothing dead-lettered
    reader = ProgressReader(docs, ReportingPolicy())
    for day in plan_days():
        assert nonzero(reader.snapshot(day).figures) == nonzero(recompute(log, day)), day


def test_redelivery_duplicates_and_restarts_leave_the_same_read_model(tmp_path: Path) -> None:
    for seed in (5, 6, 7):
        records = deliveries(synthetic_programme(seed))
        clean, chaotic = (SqliteDocumentStore(tmp_path / f"{name}-{seed}.db") for name in ("clean", "chaotic"))
        project(clean, records, seed)
        project(chaotic, records, seed + 100, chaos=True)
        assert every_document(chaotic) == every_document(clean)
        clean.close()
        chaotic.close()


class CrashAfter(DocumentStore):
    """Writes the changes of some collections, then fails: a store that writes one collection at a time."""

    def __init__(self, inner: DocumentStore, written: set[str]):
        self.inner, self.written = inner, written

    def apply(self, changes: Sequence[Put]) -> int:
        self.inner.apply([c for c in changes if c.collection in self.written])
        raise ConnectionError("the process died between two collections")

    def get(self, collection, key):
        return self.inner.get(collection, key)

    def find(self, collection, where=None, after_key="", limit=100):
        return self.inner.find(collection, where, after_key, limit)

    def count(self, collection, where=None):
        return self.inner.count(collection, where)

    def stamp(self):
        return self.inner.stamp()

    def changed(self, collection, since, after_key="", limit=1000):
        return self.inner.changed(collection, since, after_key, limit)

    def ensure_index(self, collection, fields):
        self.inner.ensure_index(collection, fields)

    def drop_collections(self, collections):
        self.inner.drop_collections(collections)


def test_a_state_written_without_its_documents_is_repaired_by_the_redelivery(tmp_path: Path) -> None:
    log = EventLog()
    enterprise = f"enterprises/{uscc(HOHHOT, 1)}"
    log.evaluation(enterprise, 1, HOHHOT, date(2022, 3, 1), 960, date(2025, 2, 28))
    log.evaluation(enterprise, 2, HOHHOT, date(2023, 3, 1), 720, date(2026, 2, 28))
    records = deliveries(log)
    reference = SqliteDocumentStore(tmp_path / "reference.db")
    project(reference, records, 1)

    docs = SqliteDocumentStore(tmp_path / "crashed.db")
    ProjectionRunner(FederationProgress(), docs, RecordingBus()).process(records[:1])
    with pytest.raises(ConnectionError):
        ProjectionRunner(FederationProgress(), CrashAfter(docs, {STATES}), RecordingBus()).process(records[1:])
    assert docs.get(STATES, f"{enterprise}/brandEvaluations")["_version"] == 2
    assert docs.get(BRAND_LEVELS, f"{enterprise}/brandEvaluations/2") is None

    ProjectionRunner(FederationProgress(), docs, RecordingBus()).process(records)  # the redelivery
    assert every_document(docs) == every_document(reference)
    reference.close()
    docs.close()


def test_events_the_progress_does_not_follow_change_nothing(docs: SqliteDocumentStore) -> None:
    log = EventLog()
    log.add("assessment", "chambers/NMB/goodBehaviourEvaluations", assessment.AssessmentCompleted(
        assessment="chambers/NMB/goodBehaviourEvaluations/1", kind=assessment.ASSESSMENT_KIND_GOOD_BEHAVIOUR))
    bus = project(docs, deliveries(log), 1)
    assert bus.published == []
    assert all(documents == [] for documents in every_document(docs).values())
    assert set(FederationProgress.topics) == {"fedstd.registry.v1", "fedstd.assessment.v1", "fedstd.reporting.v1"}


# ------------------------------------------------------------------ rows


def test_a_league_row_reports_both_denominators_the_target_and_the_trajectory(docs: SqliteDocumentStore) -> None:
    programme(docs)
    reader = ProgressReader(docs, ReportingPolicy())
    day = date(2022, 10, 31)  # half of the implementation phase: the trajectory expects 5 %
    snapshot = reader.snapshot(day)
    row = reader.league_row(snapshot, HOHHOT)
    assert (row.private_enterprises_registered, row.private_enterprises_reported) == (20, 30)
    assert (row.enterprises_evaluated, row.enterprises_two_star_or_above) == (3, 2)
    assert row.star_levels == api.StarLevelCounts(none=1, two=1, five=1)
    assert row.two_star_share == pytest.approx(2 / 30) and row.two_star_share_registered == pytest.approx(0.1)
    assert not row.target_met
    assert row.expected_share == pytest.approx(0.10 * 396 / 761)
    assert row.on_track  # 6.7 % of the reported denominator against about 5.2 %
    assert row.annual_reports_submitted == 1 and row.league_name == "呼和浩特市"
    total = reader.league_row(snapshot, REGION)
    assert (total.league_code, total.league_name, total.enterprises_two_star_or_above) == (REGION, "内蒙古自治区", 2)

    strict = ProgressReader(docs, ReportingPolicy(on_track_denominator="registry"))
    assert strict.league_row(strict.snapshot(date(2023, 10, 31)), HOHHOT).on_track  # 10 % of 20 at the end
    assert not strict.league_row(strict.snapshot(date(2021, 12, 31)), "150200").on_track  # no enterprises: not on track


def test_the_full_view_has_sectors_years_and_commendations_in_order(docs: SqliteDocumentStore) -> None:
    programme(docs)
    reader = ProgressReader(docs, ReportingPolicy(commendations_per_league=5))
    progress = reader.progress(date(2022, 6, 30), api.FEDERATION_PROGRESS_VIEW_FULL,
                               now=datetime(2022, 6, 30))
    assert progress.phase == api.PLAN_PHASE_IMPLEMENTATION and progress.as_of == "2022-06-30"
    assert [league.league_code for league in progress.leagues] == LEAGUES
    manufacturing = next(s for s in progress.sectors if s.sector == 7)
    assert (manufacturing.sector_name, manufacturing.private_enterprises_registered,
            manufacturing.enterprises_two_star_or_above) == ("制造业", 20, 2)
    assert [(y.year, y.as_of, y.total.enterprises_two_star_or_above) for y in progress.years] == [
        (2021, "2021-12-31", 1), (2022, "2022-06-30", 2)]
    assert [(c.rank, c.reached_on, c.total_score) for c in progress.commendations] == [
        (1, "2021-12-01", 720), (2, "2022-01-01", 960)]

    basic = reader.progress(date(2022, 6, 30), api.FEDERATION_PROGRESS_VIEW_BASIC,
                            now=datetime(2022, 6, 30))
    assert not basic.sectors and not basic.years and not basic.commendations
    assert list(basic.leagues) == list(progress.leagues)


def test_a_partner_sees_only_its_leagues(docs: SqliteDocumentStore) -> None:
    programme(docs)
    reader = ProgressReader(docs, ReportingPolicy())
    progress = reader.progress(date(2022, 6, 30), api.FEDERATION_PROGRESS_VIEW_FULL,
                               now=datetime(2022, 6, 30), readable=lambda code: code == "150200")
    assert [league.league_code for league in progress.leagues] == ["150200"]
    assert progress.commendations == []
    assert progress.total.enterprises_two_star_or_above == 2


def test_derived_figures_for_a_report(docs: SqliteDocumentStore) -> None:
    programme(docs)
    figures = ProgressReader(docs, ReportingPolicy()).derived_figures(HOHHOT, date(2021, 12, 31))
    assert (figures.private_enterprises, figures.evaluated_enterprises, figures.two_star_or_above_enterprises) == (20, 1, 1)
    assert figures.funds_yuan == 0 and figures.awards == 0
