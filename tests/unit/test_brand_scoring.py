"""GB/T 27925 scoring rules and the BrandEvaluations aggregate (domain.md §1)."""
from __future__ import annotations

from datetime import date

import pytest

from fedstd.assessment.v1 import events_pb2 as events
from services.assessment.domain import BrandEvaluations, brand_stream
from services.assessment.policy import AssessmentPolicy
from services.assessment.scoring import DIMENSION_CAPS, star_level, valid_until
from services.common.errors import FailedPreconditionError
from services.common.aggregate import Repository
from services.common.events import Metadata
from services.common.eventstore.sqlite import SqliteEventStore
from services.demo import synthetic_uscc

USCC = synthetic_uscc("150100", 7)


@pytest.mark.parametrize(
    ("total", "level"),
    [
        (0, events.STAR_LEVEL_NONE),
        (699, events.STAR_LEVEL_NONE),
        (700, events.STAR_LEVEL_TWO),
        (799, events.STAR_LEVEL_TWO),
        (800, events.STAR_LEVEL_THREE),
        (899, events.STAR_LEVEL_THREE),
        (900, events.STAR_LEVEL_FOUR),
        (949, events.STAR_LEVEL_FOUR),
        (950, events.STAR_LEVEL_FIVE),
        (1000, events.STAR_LEVEL_FIVE),
    ],
)
def test_star_level_at_every_threshold_edge(total: int, level: int) -> None:
    assert star_level(total) == level


def test_no_total_yields_a_one_star_or_unspecified_level() -> None:
    levels = {star_level(total) for total in range(0, 1001)}
    assert levels == {
        events.STAR_LEVEL_NONE, events.STAR_LEVEL_TWO, events.STAR_LEVEL_THREE,
        events.STAR_LEVEL_FOUR, events.STAR_LEVEL_FIVE,
    }


def test_dimension_caps_are_the_standards_and_sum_to_1000() -> None:
    assert DIMENSION_CAPS == {"capability": 150, "quality": 300, "reputation": 250, "culture": 150, "influence": 150}
    assert sum(DIMENSION_CAPS.values()) == 1000
    # Every cap names a field of the BrandScores message.
    assert set(DIMENSION_CAPS) == {f.name for f in events.BrandScores.DESCRIPTOR.fields}


@pytest.mark.parametrize(
    ("evaluated_on", "years", "expected"),
    [
        (date(2022, 6, 30), 3, date(2025, 6, 29)),
        (date(2021, 1, 1), 3, date(2023, 12, 31)),
        (date(2022, 3, 1), 2, date(2024, 2, 29)),  # the day before lands on a leap day
        (date(2021, 12, 31), 1, date(2022, 12, 30)),
        # 29 February: in a common year the anniversary is 1 March, so the level holds through 28 February.
        (date(2020, 2, 29), 3, date(2023, 2, 28)),
        (date(2020, 2, 29), 1, date(2021, 2, 28)),
        # ... and stays 29 February when the target year is a leap year.
        (date(2020, 2, 29), 4, date(2024, 2, 28)),
    ],
)
def test_valid_until(evaluated_on: date, years: int, expected: date) -> None:
    assert valid_until(evaluated_on, years) == expected


def _scores(capability=140, quality=290, reputation=240, culture=140, influence=140) -> events.BrandScores:
    return events.BrandScores(
        capability=capability, quality=quality, reputation=reputation, culture=culture, influence=influence
    )


def test_record_emits_assessment_completed_with_total_level_and_validity() -> None:
    stream = brand_stream(USCC)
    history = BrandEvaluations(stream)
    scores = _scores()  # 140 + 290 + 240 + 140 + 140 = 950
    event = history.record(USCC, "150100", "evaluators/body", scores, (), date(2022, 6, 30),
                           AssessmentPolicy(brand_validity_years=2))

    assert stream == f"enterprises/{USCC}/brandEvaluations"
    assert event.assessment == f"{stream}/1"
    assert event.kind == events.ASSESSMENT_KIND_BRAND
    assert event.subject == f"enterprises/{USCC}"
    assert event.league_code == "150100"
    assert event.completed_on == "2022-06-30"
    assert event.WhichOneof("result") == "brand"
    assert event.brand.scores == scores
    assert event.brand.total_score == 950
    assert event.brand.star_level == events.STAR_LEVEL_FIVE
    assert event.brand.valid_until == "2024-06-29"
    assert event.brand.evaluator == "evaluators/body"
    assert history.version == 1
    assert history.count == 1
    assert history.collect_pending() == [event]
    assert history.collect_pending() == []


def test_each_evaluation_supersedes_with_the_next_number() -> None:
    history = BrandEvaluations(brand_stream(USCC))
    first = history.record(USCC, "150100", "evaluators/body", _scores(quality=100), (), date(2021, 5, 1), AssessmentPolicy())
    second = history.record(USCC, "150100", "evaluators/body", _scores(influence=0), (), date(2022, 5, 1), AssessmentPolicy())

    assert first.assessment.endswith("/brandEvaluations/1")
    assert second.assessment.endswith("/brandEvaluations/2")
    assert first.brand.total_score == 760 and first.brand.star_level == events.STAR_LEVEL_TWO
    assert second.brand.total_score == 810 and second.brand.star_level == events.STAR_LEVEL_THREE
    assert first.brand.valid_until == "2024-04-30"  # the default policy: 3 years
    assert [e.assessment for e in history.collect_pending()] == [first.assessment, second.assessment]


def test_rehydrating_from_the_event_store_restores_the_count(tmp_path) -> None:
    store = SqliteEventStore(tmp_path / "events.db")
    try:
        repository = Repository(store, BrandEvaluations)
        stream = brand_stream(USCC)

        history = repository.load(stream)
        assert history.version == 0 and history.count == 0
        history.record(USCC, "150100", "evaluators/body", _scores(), (), date(2021, 5, 1), AssessmentPolicy())
        history.record(USCC, "150100", "evaluators/body", _scores(), (), date(2022, 5, 1), AssessmentPolicy())
        stored = repository.save(history, Metadata(correlation_id="c-1", actor="tester"))
        assert [s.version for s in stored] == [1, 2]
        assert all(s.type == "fedstd.assessment.v1.AssessmentCompleted" for s in stored)
        assert stored[0].metadata == Metadata(correlation_id="c-1", actor="tester")

        reloaded = repository.load(stream)
        assert reloaded.count == 2
        assert reloaded.version == 2
        assert reloaded.collect_pending() == []
        third = reloaded.record(USCC, "150100", "evaluators/body", _scores(), (), date(2023, 5, 1), AssessmentPolicy())
        assert third.assessment == f"{stream}/3"
        repository.save(reloaded, Metadata())
        assert [e.message().assessment for e in store.read_stream(stream)] == [f"{stream}/{n}" for n in (1, 2, 3)]
    finally:
        store.close()


def test_an_evaluation_dated_before_the_latest_is_refused_and_the_same_day_is_not() -> None:
    history = BrandEvaluations(brand_stream(USCC))
    history.record(USCC, "150100", "evaluators/body", _scores(), (), date(2022, 5, 1), AssessmentPolicy())
    with pytest.raises(FailedPreconditionError) as refused:
        history.record(USCC, "150100", "evaluators/body", _scores(), (), date(2022, 4, 30), AssessmentPolicy())
    assert refused.value.reason == "EVALUATION_PREDATES_LATEST"
    again = history.record(USCC, "150100", "evaluators/body", _scores(quality=0), (), date(2022, 5, 1), AssessmentPolicy())
    assert again.assessment.endswith("/2") and history.count == 2
