"""Pure assessment rules: GB/T 27925 levels, forerunner ranking and selection, leader ranking,
good-behaviour checklist scoring. No I/O; the aggregates and queries share them.

Ranks are competition ranks ("1224"): standards with equal scores share a rank, and the next
rank counts everyone ahead. Every selection that cuts a ranking at a place keeps everyone tied
with that place, so a tie is never broken by an arbitrary order.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fedstd.assessment.v1 import events_pb2 as events

#: First-level indicators of GB/T 27925 and their caps; they add up to 1000 (domain brief §1.2).
DIMENSION_CAPS = {"capability": 150, "quality": 300, "reputation": 250, "culture": 150, "influence": 150}
#: Lowest total for each level, highest first. There is no one-star level (§1.3).
STAR_THRESHOLDS = (
    (950, events.STAR_LEVEL_FIVE),
    (900, events.STAR_LEVEL_FOUR),
    (800, events.STAR_LEVEL_THREE),
    (700, events.STAR_LEVEL_TWO),
)
#: Scores are compared at this many decimals, so that float noise never splits a tie.
SCORE_DECIMALS = 6


def star_level(total: int) -> int:
    for threshold, level in STAR_THRESHOLDS:
        if total >= threshold:
            return level
    return events.STAR_LEVEL_NONE


def total_score(scores: events.BrandScores) -> int:
    return sum(getattr(scores, dimension) for dimension in DIMENSION_CAPS)


def valid_until(start: date, years: int) -> date:
    """The day before the same date `years` later; from 29 February to a common year, 28 February."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February in a common year: the anniversary is 1 March
        anniversary = date(start.year + years, 3, 1)
    return date.fromordinal(anniversary.toordinal() - 1)


class LevelStatus(StrEnum):
    VALID = "valid"
    NOT_EVALUATED = "not_evaluated"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class DatedEvaluation:
    """One brand evaluation of an enterprise's history, as far as its level over time goes."""

    name: str
    #: n of `.../brandEvaluations/{n}`: later evaluations have higher numbers and dates not earlier.
    sequence: int
    evaluated_on: str
    valid_until: str
    #: "" when never revoked.
    revoked_on: str
    star_level: int
    total_score: int


def level_on(history: Iterable[DatedEvaluation], as_of: str) -> tuple[LevelStatus, DatedEvaluation | None]:
    """The enterprise's brand level on `as_of` (ISO dates compare as strings).

    The latest evaluation made on or before that day decides: a re-evaluation supersedes the one
    before it, even when the later one is revoked or has expired (the earlier level does not come
    back). It gives its level unless it had expired or been revoked by then.
    """
    made = [evaluation for evaluation in history if evaluation.evaluated_on <= as_of]
    if not made:
        return LevelStatus.NOT_EVALUATED, None
    latest = max(made, key=lambda evaluation: evaluation.sequence)
    if latest.revoked_on and latest.revoked_on <= as_of:
        return LevelStatus.REVOKED, latest
    if as_of > latest.valid_until:
        return LevelStatus.EXPIRED, latest
    return LevelStatus.VALID, latest


def indicator_score_problems(
    scores: events.BrandScores, indicator_scores: Sequence[events.IndicatorScore],
    weights: Mapping[str, Mapping[str, int]],
) -> list[tuple[str, str]]:
    """(field, problem) for second-level scores that do not fit the configured weights.

    Each indicator must be configured, scored once, from 0 to its weight; and where any indicator
    of a first-level indicator is scored, all of its indicators are, adding up to its score.
    """
    problems: list[tuple[str, str]] = []
    parent_of = {child: parent for parent, children in weights.items() for child in children}
    given: dict[str, float] = {}
    for i, item in enumerate(indicator_scores):
        field = f"indicator_scores[{i}]"
        parent = parent_of.get(item.indicator)
        if parent is None:
            problems.append((f"{field}.indicator", f"{item.indicator[:40]!r} is not a configured second-level indicator"))
        elif item.indicator in given:
            problems.append((f"{field}.indicator", f"{item.indicator} is scored twice"))
        elif not 0 <= item.points <= weights[parent][item.indicator]:
            problems.append((f"{field}.points", f"must be from 0 to {weights[parent][item.indicator]}"))
        else:
            given[item.indicator] = item.points
    for parent in sorted({parent_of[i] for i in given}):
        children = weights[parent]
        missing = sorted(set(children) - set(given))
        if missing:
            problems.append(("indicator_scores", f"{parent}: also score {', '.join(missing)}"))
            continue
        points = sum(given[child] for child in children)
        if round(points, SCORE_DECIMALS) != getattr(scores, parent):
            problems.append(("indicator_scores", f"{parent}: second-level points add up to {points:g}, "
                                                 f"not to its score {getattr(scores, parent)}"))
    return problems


# -- ranking -----------------------------------------------------------------------------------


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """The rank of each score (higher is better): 1 + how many scores are strictly higher."""
    first_place: dict[float, int] = {}
    for place, score in enumerate(sorted(scores, reverse=True), start=1):
        first_place.setdefault(score, place)
    return [first_place[score] for score in scores]


def cutoff_for_count(count: int, rule: events.SelectionRule) -> int | None:
    """How many places a top-N or top-percent rule keeps out of `count`; None for a score threshold."""
    kind = rule.WhichOneof("rule")
    if kind == "top_n":
        return rule.top_n
    if kind == "top_percent":
        # round() first: 10 * 30 / 100 is 3.0000000000000004 in floating point.
        return math.ceil(round(count * rule.top_percent / 100, 9))
    return None


def selected(rank: int, score: float, count: int, rule: events.SelectionRule) -> bool:
    """Whether a standard at `rank` with `score`, among `count` ranked, passes the selection rule."""
    cutoff = cutoff_for_count(count, rule)
    if cutoff is not None:
        return rank <= cutoff
    return score >= round(rule.min_score, SCORE_DECIMALS)


@dataclass(frozen=True)
class Candidate:
    """A declared enterprise standard of the scheme's key field, with its disclosed indicators."""

    declaration: str
    enterprise: str
    league_code: str
    #: name -> (value, unit), as declared.
    indicators: Mapping[str, tuple[float, str]]

    def value_of(self, indicator: events.CoreIndicator) -> float | None:
        """The declared value of a core indicator, when disclosed under its name in its unit."""
        declared = self.indicators.get(indicator.name)
        if declared is None or declared[1].strip() != indicator.unit.strip():
            return None
        return declared[0]


def rank_candidates(core: Sequence[events.CoreIndicator], candidates: Iterable[Candidate]) -> list[events.RankedStandard]:
    """The ranking (排行榜), best first.

    Each core indicator is scaled among the candidates: the best declared value scores 1, the
    worst 0, the rest in between (all equal: 1); a candidate that does not disclose it scores 0.
    A standard's score is 100 × the weighted sum. Ties share a rank and are listed by declaration.
    """
    candidates = list(candidates)
    totals = [0.0] * len(candidates)
    for indicator in core:
        values = [c.value_of(indicator) for c in candidates]
        declared = [v for v in values if v is not None]
        if not declared:
            continue
        low, high = min(declared), max(declared)
        for i, value in enumerate(values):
            if value is None:
                continue
            if high == low:
                scaled = 1.0
            elif indicator.direction == events.INDICATOR_DIRECTION_LOWER_IS_BETTER:
                scaled = (high - value) / (high - low)
            else:
                scaled = (value - low) / (high - low)
            totals[i] += indicator.weight * scaled
    scores = [round(100 * total, SCORE_DECIMALS) for total in totals]
    ranks = competition_ranks(scores)
    ranked = [
        events.RankedStandard(declaration=c.declaration, enterprise=c.enterprise, league_code=c.league_code,
                              score=score, rank=rank)
        for c, score, rank in zip(candidates, scores, ranks)
    ]
    return sorted(ranked, key=lambda r: (r.rank, r.declaration))


def shortlist(ranking: Sequence[events.RankedStandard], rule: events.SelectionRule) -> list[events.RankedStandard]:
    """The standards the selection rule keeps, ties with the last place included."""
    return [r for r in ranking if selected(r.rank, r.score, len(ranking), rule)]


@dataclass(frozen=True)
class ExpertScore:
    group_standard: str
    expert: str
    internal: bool
    score: float


def leader_standings(year: int, scores: Iterable[ExpertScore]) -> list[events.LeaderReviewResult]:
    """Every scored standard, ranked by the mean of its internal and external averages, best first.

    A standard scored by only one side has no combined score yet (0) and ranks after the others.
    """
    by_standard: dict[str, tuple[list[float], list[float]]] = {}
    for item in scores:
        internal, external = by_standard.setdefault(item.group_standard, ([], []))
        (internal if item.internal else external).append(item.score)
    results = []
    for standard, (internal, external) in by_standard.items():
        internal_average = round(sum(internal) / len(internal), SCORE_DECIMALS) if internal else 0.0
        external_average = round(sum(external) / len(external), SCORE_DECIMALS) if external else 0.0
        combined = round((internal_average + external_average) / 2, SCORE_DECIMALS) if internal and external else 0.0
        results.append(events.LeaderReviewResult(year=year, group_standard=standard, internal_average=internal_average,
                                                 external_average=external_average, combined_score=combined))
    for result, rank in zip(results, competition_ranks([r.combined_score for r in results])):
        result.rank = rank
    return sorted(results, key=lambda r: (r.rank, r.group_standard))


def incompletely_scored(standings: Iterable[events.LeaderReviewResult], scores: Iterable[ExpertScore]) -> list[str]:
    """Standards that lack internal or external scores."""
    sides: dict[str, set[bool]] = {}
    for item in scores:
        sides.setdefault(item.group_standard, set()).add(item.internal)
    return sorted(r.group_standard for r in standings if sides.get(r.group_standard) != {True, False})


def good_behaviour_result(
    checklist_id: str, groups: Mapping[str, int], pass_points: int, grades: Sequence[tuple[int, str]],
    points: Mapping[str, int],
) -> events.GoodBehaviourResult:
    """Scores a chamber against a checklist; `points` has every group, each within its maximum."""
    total = sum(points.values())
    maximum = sum(groups.values())
    return events.GoodBehaviourResult(
        checklist=f"checklists/{checklist_id}",
        groups=[events.ChecklistGroupScore(group=g, points=points[g], max_points=groups[g]) for g in groups],
        total_points=total,
        max_points=maximum,
        conforms=total >= pass_points,
        grade=next((label for minimum, label in grades if total >= minimum), ""),
    )
