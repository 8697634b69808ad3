"""Assessment aggregates and the GB/T 27925 scoring rules.

Star thresholds and dimension caps are facts of GB/T 27925—2011. How long a level stays valid is
not given by any source: it is configuration (BrandPolicy.validity_years, 3 by default).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fedstd.assessment.v1 import events_pb2 as events
from services.common.aggregate import Aggregate

#: First-level indicators and their caps; they add up to 1000.
DIMENSION_CAPS = {"capability": 150, "quality": 300, "reputation": 250, "culture": 150, "influence": 150}
#: Lowest total for each level, highest first. There is no one-star level.
STAR_THRESHOLDS = (
    (950, events.STAR_LEVEL_FIVE),
    (900, events.STAR_LEVEL_FOUR),
    (800, events.STAR_LEVEL_THREE),
    (700, events.STAR_LEVEL_TWO),
)


@dataclass(frozen=True)
class BrandPolicy:
    """Configurable brand-evaluation policy (no source gives these numbers)."""

    validity_years: int = 3


def star_level(total: int) -> int:
    for threshold, level in STAR_THRESHOLDS:
        if total >= threshold:
            return level
    return events.STAR_LEVEL_NONE


def valid_until(evaluated_on: date, years: int) -> date:
    """The day before the same date `years` later; from 29 February to a common year, 28 February."""
    try:
        anniversary = evaluated_on.replace(year=evaluated_on.year + years)
    except ValueError:  # 29 February in a common year: the anniversary is 1 March
        anniversary = date(evaluated_on.year + years, 3, 1)
    return date.fromordinal(anniversary.toordinal() - 1)


def brand_stream(uscc: str) -> str:
    return f"enterprises/{uscc}/brandEvaluations"


class BrandEvaluations(Aggregate):
    """The brand-evaluation history of one enterprise; each evaluation supersedes the one before."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.count = 0

    def record(
        self, uscc: str, league_code: str, evaluator: str, scores: events.BrandScores, evaluated_on: date, policy: BrandPolicy
    ) -> events.AssessmentCompleted:
        total = sum(getattr(scores, dimension) for dimension in DIMENSION_CAPS)
        event = events.AssessmentCompleted(
            assessment=f"{self.stream_id}/{self.count + 1}",
            kind=events.ASSESSMENT_KIND_BRAND,
            subject=f"enterprises/{uscc}",
            league_code=league_code,
            completed_on=evaluated_on.isoformat(),
            brand=events.BrandResult(
                scores=scores,
                total_score=total,
                star_level=star_level(total),
                valid_until=valid_until(evaluated_on, policy.validity_years).isoformat(),
                evaluator=evaluator,
            ),
        )
        self._trigger(event)
        return event

    def apply_AssessmentCompleted(self, event: events.AssessmentCompleted) -> None:
        self.count += 1
