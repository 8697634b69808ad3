"""The pure assessment rules (services/assessment/scoring.py): brand level over time, second-level
scores, forerunner ranking and every selection rule with ties, leader standings, checklists."""
from __future__ import annotations

import pytest

from fedstd.assessment.v1 import events_pb2 as events
from services.assessment.scoring import (
    Candidate,
    DatedEvaluation,
    ExpertScore,
    LevelStatus,
    competition_ranks,
    good_behaviour_result,
    incompletely_scored,
    indicator_score_problems,
    leader_standings,
    level_on,
    rank_candidates,
    shortlist,
    total_score,
)

HIGHER = events.INDICATOR_DIRECTION_HIGHER_IS_BETTER
LOWER = events.INDICATOR_DIRECTION_LOWER_IS_BETTER


# -- brand level on a date: supersession, expiry, revocation ---------------------------------------


def evaluation(n: int, on: str, until: str, level: int = events.STAR_LEVEL_THREE, revoked_on: str = "") -> DatedEvaluation:
    return DatedEvaluation(name=f"e/{n}", sequence=n, evaluated_on=on, valid_until=until, revoked_on=revoked_on,
                           star_level=level, total_score=850)


def test_no_evaluation_by_the_date_means_not_evaluated() -> None:
    history = [evaluation(1, "2022-06-30", "2025-06-29")]
    assert level_on([], "2022-01-01") == (LevelStatus.NOT_EVALUATED, None)
    assert level_on(history, "2022-06-29") == (LevelStatus.NOT_EVALUATED, None)
    assert level_on(history, "2022-06-30") == (LevelStatus.VALID, history[0])


def test_a_level_is_valid_through_its_last_day_and_expires_the_day_after() -> None:
    history = [evaluation(1, "2022-06-30", "2025-06-29")]
    assert level_on(history, "2025-06-29") == (LevelStatus.VALID, history[0])
    assert level_on(history, "2025-06-30") == (LevelStatus.EXPIRED, history[0])


def test_a_re_evaluation_supersedes_from_its_date_on() -> None:
    first = evaluation(1, "2021-05-01", "2024-04-30", events.STAR_LEVEL_TWO)
    second = evaluation(2, "2022-05-01", "2025-04-30", events.STAR_LEVEL_FOUR)
    assert level_on([second, first], "2022-04-30") == (LevelStatus.VALID, first)
    assert level_on([second, first], "2022-05-01") == (LevelStatus.VALID, second)


def test_a_superseded_level_does_not_come_back_when_the_new_one_is_revoked_or_expires() -> None:
    first = evaluation(1, "2021-05-01", "2030-04-30", events.STAR_LEVEL_FIVE)
    second = evaluation(2, "2022-05-01", "2023-04-30", events.STAR_LEVEL_TWO, revoked_on="2022-09-01")
    assert level_on([first, second], "2022-08-31") == (LevelStatus.VALID, second)
    assert level_on([first, second], "2022-09-01") == (LevelStatus.REVOKED, second)
    unrevoked = evaluation(2, "2022-05-01", "2023-04-30", events.STAR_LEVEL_TWO)
    assert level_on([first, unrevoked], "2023-05-01") == (LevelStatus.EXPIRED, unrevoked)


def test_revocation_counts_from_its_day_on() -> None:
    revoked = evaluation(1, "2022-06-30", "2025-06-29", revoked_on="2023-01-15")
    assert level_on([revoked], "2023-01-14")[0] == LevelStatus.VALID
    assert level_on([revoked], "2023-01-15")[0] == LevelStatus.REVOKED


def test_same_day_re_evaluation_decides_by_number() -> None:
    first = evaluation(1, "2022-06-30", "2025-06-29", events.STAR_LEVEL_TWO)
    second = evaluation(2, "2022-06-30", "2025-06-29", events.STAR_LEVEL_FIVE)
    assert level_on([second, first], "2022-06-30") == (LevelStatus.VALID, second)


def test_total_score_adds_the_five_first_level_scores() -> None:
    assert total_score(events.BrandScores(capability=150, quality=300, reputation=250, culture=150, influence=150)) == 1000
    assert total_score(events.BrandScores(capability=1, quality=2, reputation=3, culture=4, influence=5)) == 15


# -- second-level indicator scores --------------------------------------------------------------------

WEIGHTS = {"quality": {"enterprise_quality": 90, "goods_quality": 90, "service_quality": 120}}


def scores(quality: int = 250) -> events.BrandScores:
    return events.BrandScores(capability=100, quality=quality, reputation=200, culture=100, influence=100)


def detail(**points: float) -> list[events.IndicatorScore]:
    return [events.IndicatorScore(indicator=name, points=value) for name, value in points.items()]


def test_second_level_points_that_add_up_to_the_first_level_score_are_accepted() -> None:
    assert indicator_score_problems(scores(250), detail(enterprise_quality=80, goods_quality=70.5, service_quality=99.5),
                                    WEIGHTS) == []


def test_second_level_points_must_add_up_to_the_first_level_score() -> None:
    assert indicator_score_problems(scores(251), detail(enterprise_quality=80, goods_quality=70, service_quality=100),
                                    WEIGHTS) == [("indicator_scores", "quality: second-level points add up to 250, not to its score 251")]


def test_second_level_points_are_capped_by_their_weight_and_must_be_complete_known_and_single() -> None:
    problems = indicator_score_problems(scores(), detail(service_quality=121, awareness=10), WEIGHTS)
    assert problems == [("indicator_scores[0].points", "must be from 0 to 120"),
                        ("indicator_scores[1].indicator", "'awareness' is not a configured second-level indicator")]
    twice = [*detail(enterprise_quality=80), *detail(enterprise_quality=80)]
    assert indicator_score_problems(scores(), twice, WEIGHTS) == [
        ("indicator_scores[1].indicator", "enterprise_quality is scored twice"),
        ("indicator_scores", "quality: also score goods_quality, service_quality"),
    ]
    assert indicator_score_problems(scores(), detail(goods_quality=-1), WEIGHTS)[0] == (
        "indicator_scores[0].points", "must be from 0 to 90")


# -- forerunner ranking ---------------------------------------------------------------------------------


def core(name: str, direction: int, weight: float, unit: str = "g") -> events.CoreIndicator:
    return events.CoreIndicator(name=name, unit=unit, direction=direction, weight=weight)


def candidate(declaration: str, **values: float) -> Candidate:
    return Candidate(declaration=declaration, enterprise=f"enterprises/{declaration}", league_code="150100",
                     indicators={name: (value, "g") for name, value in values.items()})


def ranked(ranking: list[events.RankedStandard]) -> list[tuple[str, float, int]]:
    return [(r.declaration, r.score, r.rank) for r in ranking]


def test_ranking_scales_each_indicator_between_the_best_and_the_worst_in_its_direction() -> None:
    indicators = [core("protein", HIGHER, 0.5), core("fat", LOWER, 0.5)]
    ranking = rank_candidates(indicators, [candidate("c", protein=3.0, fat=3.0), candidate("a", protein=4.0, fat=5.0),
                                           candidate("b", protein=2.0, fat=1.0)])
    # a: protein best (1), fat worst (0) = 50; b: protein worst, fat best = 50; c: both halfway = 50.
    assert ranked(ranking) == [("a", 50.0, 1), ("b", 50.0, 1), ("c", 50.0, 1)]
    weighted = rank_candidates([core("protein", HIGHER, 0.75), core("fat", LOWER, 0.25)],
                               [candidate("a", protein=4.0, fat=5.0), candidate("b", protein=2.0, fat=1.0)])
    assert ranked(weighted) == [("a", 75.0, 1), ("b", 25.0, 2)]


def test_an_undisclosed_indicator_or_one_in_another_unit_scores_zero() -> None:
    other_unit = Candidate("c", "enterprises/c", "150100", {"protein": (9.0, "mg")})
    ranking = rank_candidates([core("protein", HIGHER, 1.0)], [candidate("a", protein=3.0), candidate("b"), other_unit,
                                                               candidate("d", protein=2.0)])
    assert ranked(ranking) == [("a", 100.0, 1), ("b", 0.0, 2), ("c", 0.0, 2), ("d", 0.0, 2)]


def test_all_equal_values_score_full_marks() -> None:
    assert ranked(rank_candidates([core("protein", LOWER, 1.0)], [candidate("a", protein=3.0), candidate("b", protein=3.0)])) == [
        ("a", 100.0, 1), ("b", 100.0, 1)]


def test_float_noise_does_not_split_a_tie() -> None:
    indicators = [core(f"i{n}", HIGHER, 0.1) for n in range(10)]
    best = {f"i{n}": 2.0 for n in range(10)}
    ranking = rank_candidates(indicators, [candidate("a", **best), candidate("b", **best), candidate("c", **{"i0": 1.0})])
    assert ranked(ranking)[:2] == [("a", 100.0, 1), ("b", 100.0, 1)]


def test_competition_ranks_share_places_and_skip_after_ties() -> None:
    assert competition_ranks([90, 80, 90, 70, 80]) == [1, 3, 1, 5, 3]
    assert competition_ranks([]) == []


# -- each selection rule, with ties ---------------------------------------------------------------------


def ranking_of(*scores: float) -> list[events.RankedStandard]:
    ranks = competition_ranks(scores)
    return [events.RankedStandard(declaration=f"d{i}", score=s, rank=r) for i, (s, r) in enumerate(zip(scores, ranks))]


def kept(ranking: list[events.RankedStandard], rule: events.SelectionRule) -> list[str]:
    return [r.declaration for r in shortlist(ranking, rule)]


@pytest.mark.parametrize(("n", "expected"), [
    (1, ["d0"]),
    (2, ["d0", "d1", "d2"]),  # d1 and d2 tie for second place: both kept
    (3, ["d0", "d1", "d2"]),
    (4, ["d0", "d1", "d2", "d3"]),
    (9, ["d0", "d1", "d2", "d3", "d4"]),
])
def test_top_n_keeps_everyone_tied_with_the_last_place(n: int, expected: list[str]) -> None:
    assert kept(ranking_of(90, 80, 80, 70, 60), events.SelectionRule(top_n=n)) == expected


@pytest.mark.parametrize(("percent", "expected"), [
    (10, ["d0"]),                  # ceil(0.5) = 1 place
    (20, ["d0"]),                  # exactly 1 place
    (21, ["d0", "d1", "d2"]),      # ceil(1.05) = 2 places; d2 ties with d1
    (40, ["d0", "d1", "d2"]),
    (60, ["d0", "d1", "d2"]),      # 3 places
    (100, ["d0", "d1", "d2", "d3", "d4"]),
])
def test_top_percent_rounds_the_places_up_and_keeps_ties(percent: float, expected: list[str]) -> None:
    assert kept(ranking_of(90, 80, 80, 70, 60), events.SelectionRule(top_percent=percent)) == expected


def test_top_percent_is_not_fooled_by_floating_point() -> None:
    # 10 × 30 / 100 is 3.0000000000000004 in floating point: still 3 places, not 4.
    assert len(kept(ranking_of(*range(100, 90, -1)), events.SelectionRule(top_percent=30))) == 3


@pytest.mark.parametrize(("threshold", "expected"), [
    (80, ["d0", "d1", "d2"]),  # at the threshold counts, ties included
    (80.000001, ["d0"]),
    (95, []),
    (0, ["d0", "d1", "d2", "d3", "d4"]),
])
def test_min_score_keeps_scores_at_or_above_the_threshold(threshold: float, expected: list[str]) -> None:
    assert kept(ranking_of(90, 80, 80, 70, 60), events.SelectionRule(min_score=threshold)) == expected


def test_a_tie_for_first_place_beyond_n_keeps_all_of_it() -> None:
    assert kept(ranking_of(90, 90, 90, 70), events.SelectionRule(top_n=1)) == ["d0", "d1", "d2"]


# -- leader standings ---------------------------------------------------------------------------------------


def test_leader_standings_rank_by_the_mean_of_internal_and_external_averages() -> None:
    scores = [
        ExpertScore("gs/a", "i1", True, 90), ExpertScore("gs/a", "i2", True, 80), ExpertScore("gs/a", "x1", False, 70),
        ExpertScore("gs/b", "i1", True, 70), ExpertScore("gs/b", "x1", False, 90), ExpertScore("gs/b", "x2", False, 80),
        ExpertScore("gs/c", "i1", True, 95), ExpertScore("gs/c", "x1", False, 90),
    ]
    standings = leader_standings(2022, scores)
    assert [(r.group_standard, r.internal_average, r.external_average, r.combined_score, r.rank) for r in standings] == [
        ("gs/c", 95.0, 90.0, 92.5, 1),
        ("gs/a", 85.0, 70.0, 77.5, 2),  # a and b tie on 77.5: both second
        ("gs/b", 70.0, 85.0, 77.5, 2),
    ]
    assert all(r.year == 2022 for r in standings)
    assert incompletely_scored(standings, scores) == []


def test_a_standard_scored_by_one_side_only_is_incomplete() -> None:
    scores = [ExpertScore("gs/a", "i1", True, 90), ExpertScore("gs/b", "x1", False, 80), ExpertScore("gs/b", "i1", True, 80)]
    standings = leader_standings(2022, scores)
    assert [(r.group_standard, r.combined_score) for r in standings] == [("gs/b", 80.0), ("gs/a", 0.0)]
    assert incompletely_scored(standings, scores) == ["gs/a"]


# -- good-behaviour checklist -------------------------------------------------------------------------------


@pytest.mark.parametrize(("points", "conforms", "grade"), [
    ({"organization": 40, "procedure": 60}, True, "excellent"),
    ({"organization": 30, "procedure": 60}, True, "excellent"),   # 90: at the grade's minimum
    ({"organization": 30, "procedure": 59}, True, "conforming"),
    ({"organization": 20, "procedure": 40}, True, "conforming"),  # 60: the pass mark
    ({"organization": 20, "procedure": 39}, False, ""),
])
def test_good_behaviour_result_against_the_pass_mark_and_grades(points: dict, conforms: bool, grade: str) -> None:
    result = good_behaviour_result("gbt20004", {"organization": 40, "procedure": 60}, 60,
                                   ((90, "excellent"), (60, "conforming")), points)
    assert (result.total_points, result.max_points, result.conforms, result.grade) == (
        sum(points.values()), 100, conforms, grade)
    assert result.checklist == "checklists/gbt20004"
    assert [(g.group, g.points, g.max_points) for g in result.groups] == [
        ("organization", points["organization"], 40), ("procedure", points["procedure"], 60)]
