"""The in-memory progress totals against a brute-force count over the documents.

The brute force is `ProgressReader.counted`: one range query per figure and league over the
documents, the way the progress was counted before the totals. Random histories are projected in
random batches, and the totals (following the read model as it changes) must equal it on random
days, including the edges of the totals' day range.
"""
from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fedstd.reporting.v1 import reporting_service_pb2 as api
from services.common.projection import ProjectionRunner
from services.common.readmodel import Put
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.reporting.facts import (
    BRAND_LEVELS,
    DECLARATIONS,
    ENTERPRISE_PROFILES,
    FAR,
    GOOD_BEHAVIOUR,
    REPORT_STATES,
    STANDARDS,
)
from services.reporting.policy import ReportingPolicy
from services.reporting.progress import REGION, ProgressReader
from services.reporting.projections import FederationProgress
from services.reporting.totals import FIRST_DAY, LAST_DAY, DayCounts, day_index
from tests.support.reporting import HOHHOT, LEAGUES, RecordingBus, deliveries, synthetic_programme

OTHER_LEAGUE = "150200"
SCOPES = {*LEAGUES, REGION}


def figures(snapshot) -> dict[str, dict[str, int]]:
    """The counts of the scopes the progress reports: the leagues and the region (no row shows other codes)."""
    return {scope: dict(+counter) for scope, counter in snapshot.figures.items() if +counter and scope in SCOPES}


def assert_totals_equal_the_documents(reader: ProgressReader, days) -> None:
    for day in days:
        assert figures(reader.snapshot(day)) == figures(reader.counted(day)), day


def random_days(rng: random.Random, n: int) -> list[date]:
    start = date(2021, 1, 1)
    edges = [FIRST_DAY, LAST_DAY, FIRST_DAY - timedelta(days=1), LAST_DAY + timedelta(days=1)]
    return edges + [start + timedelta(days=rng.randint(0, 4 * 365)) for _ in range(n)]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_totals_follow_random_histories_batch_by_batch(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    records = deliveries(synthetic_programme(seed, enterprises=40))
    docs = SqliteDocumentStore(tmp_path / "views.db")
    runner = ProjectionRunner(FederationProgress(), docs, RecordingBus())
    reader = ProgressReader(docs, ReportingPolicy())
    done = 0
    while done < len(records):
        size = rng.randint(1, 120)
        runner.process(records[done:done + size])
        done += size
        assert_totals_equal_the_documents(reader, random_days(rng, 3))
    assert_totals_equal_the_documents(reader, random_days(rng, 40))
    docs.close()


def test_a_reader_on_another_connection_follows_the_writer(tmp_path: Path) -> None:
    """As in the distributed runtime: the projector writes through one store, the API reads through another."""
    records = deliveries(synthetic_programme(21, enterprises=30))
    writer, follower = SqliteDocumentStore(tmp_path / "views.db"), SqliteDocumentStore(tmp_path / "views.db")
    runner = ProjectionRunner(FederationProgress(), writer, RecordingBus())
    reader = ProgressReader(follower, ReportingPolicy())
    day = date(2023, 12, 31)
    before = figures(reader.snapshot(day))
    for start in range(0, len(records), 200):
        runner.process(records[start:start + 200])
        assert figures(reader.snapshot(day)) == figures(ProgressReader(follower, ReportingPolicy()).counted(day))
    assert figures(reader.snapshot(day)) != before
    writer.close()
    follower.close()


DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2070, 12, 31)).map(date.isoformat)


@st.composite
def documents(draw):
    """Documents of the counted collections with dates anywhere, also outside the totals' range, changed over time."""
    changes = []
    for version in range(1, draw(st.integers(1, 3)) + 1):
        start, end = sorted([draw(DATES), draw(DATES)])
        league = draw(st.sampled_from([HOHHOT, OTHER_LEAGUE, REGION, "", "999999"]))
        open_end = draw(st.booleans())
        collection = draw(st.sampled_from([ENTERPRISE_PROFILES, BRAND_LEVELS, DECLARATIONS, GOOD_BEHAVIOUR, STANDARDS,
                                           REPORT_STATES]))
        fields = {
            ENTERPRISE_PROFILES: {"league_code": league, "is_private": draw(st.booleans()), "from": start,
                                  "until": FAR if open_end else end},
            BRAND_LEVELS: {"league_code": league, "first": draw(st.booleans()), "star_level": draw(st.integers(0, 6)),
                           "evaluated_on": start, "holds_until": FAR if open_end else end},
            DECLARATIONS: {"league_code": league, "disclosed_on": start, "withdrawn_on": FAR if open_end else end},
            GOOD_BEHAVIOUR: {"league_code": league, "pilot_from": draw(st.one_of(st.none(), DATES)),
                             "evaluated_on": start, "holds_until": end, "conforms": draw(st.booleans())},
            STANDARDS: {"league_code": league, "proposed_on": draw(st.one_of(st.none(), DATES)), "published_on": start,
                        "abolished_on": FAR if open_end else end, "converted_on": draw(st.one_of(st.none(), DATES)),
                        "translated_on": None},
            REPORT_STATES: {"league_code": league, "year": 2022, "from": start, "until": end, "private_enterprises": 7,
                            "state": draw(st.sampled_from(["submitted", "returned", "accepted"]))},
        }[collection]
        changes.append((collection, version, fields))
    return changes


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(documents(), min_size=1, max_size=12),
       days=st.lists(st.dates(min_value=date(1985, 1, 1), max_value=date(2080, 1, 1)), min_size=1, max_size=6))
def test_totals_equal_the_documents_for_any_dates(tmp_path_factory, history, days) -> None:
    docs = SqliteDocumentStore(tmp_path_factory.mktemp("views") / "views.db")
    reader = ProgressReader(docs, ReportingPolicy())
    reader.snapshot(date(2022, 1, 1))  # the totals exist before the documents: they follow every change
    for i, changes in enumerate(history):
        for collection, version, fields in changes:
            docs.apply([Put(collection, f"doc-{i}", version, fields)])
    assert_totals_equal_the_documents(reader, [*days, FIRST_DAY, LAST_DAY])
    docs.close()


def test_day_positions_keep_the_order_of_the_dates() -> None:
    assert day_index("1999-12-31") == day_index(FIRST_DAY.isoformat()) == 0
    assert day_index(FAR) == day_index("2050-01-01") == day_index(LAST_DAY.isoformat()) + 1
    assert day_index("") == 0
    assert day_index("2022-01-02") == day_index("2022-01-01") + 1


def test_day_counts_prefix_sums_equal_a_running_total() -> None:
    rng = random.Random(3)
    days, counts = DayCounts(1000), Counter()
    for _ in range(2000):
        position, delta = rng.randrange(1000), rng.choice([-1, 1, 2])
        days.add(position, delta)
        counts[position] += delta
    running = 0
    for position in range(1000):
        running += counts[position]
        assert days.prefix(position) == running


def test_a_memoised_answer_lasts_until_the_read_model_changes(tmp_path: Path) -> None:
    records = deliveries(synthetic_programme(31, enterprises=30))
    docs = SqliteDocumentStore(tmp_path / "views.db")
    runner = ProjectionRunner(FederationProgress(), docs, RecordingBus())
    reader = ProgressReader(docs, ReportingPolicy())
    day, now, later = date(2023, 12, 31), datetime(2024, 1, 1, tzinfo=timezone.utc), datetime(2024, 1, 2, tzinfo=timezone.utc)
    half = len(records) // 2
    runner.process(records[:half])
    first, again = reader.progress(day, api.FEDERATION_PROGRESS_VIEW_BASIC, now), reader.progress(day, api.FEDERATION_PROGRESS_VIEW_BASIC, later)
    assert again.computed_at.ToDatetime(tzinfo=timezone.utc) == later
    again.computed_at.CopyFrom(first.computed_at)
    assert again == first
    runner.process(records[half:])
    after = reader.progress(day, api.FEDERATION_PROGRESS_VIEW_BASIC, now)
    fresh = ProgressReader(docs, ReportingPolicy()).progress(day, api.FEDERATION_PROGRESS_VIEW_BASIC, now)
    assert after == fresh
    assert after != first
    docs.close()
