"""Assessment policy: the numbers no source fixes, as configuration with documented defaults.

Every value can be overridden by an environment variable `FEDSTD_<NAME>`; JSON values may also
be given as `@path/to/file.json`. What is fact and what is not (domain brief §1.2, §1.4, §2.5,
§3.4, §8):

* GB/T 27925's five first-level caps (150/300/250/150/150) and the star thresholds are facts of
  the standard and live in `scoring.py`, not here.
* Of the 17 second-level indicators only one weight is known: service quality (服务质量) = 120,
  under quality. The others, and even the grouping of the last groups, are not: the operator
  configures them (`FEDSTD_BRAND_INDICATOR_WEIGHTS`, first-level indicator -> {indicator: points}),
  and every configured first-level indicator's weights must add up to its cap. By default no
  weights are configured, so evaluations carry first-level scores only.
* How long a brand level stays valid: unknown; 3 years by default (a typical certification
  cycle, not verified).
* Whether a brand evaluation needs the enterprise to have enrolled in the brand pilot: the plan
  makes the pilot voluntary and GB/T 27925 is open to any enterprise, so not by default.
* Forerunner status lasts one annual cycle by default (an assumption; the scheme is annual).
* The good-behaviour checklist (GB/T 20004.2) has no published scoring table: the operator
  configures each checklist's groups and points, the pass mark and optional grade labels
  (`FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS`). None is configured by default.
* Leader review expert scores run from 0 to 100 by default (an assumption).

Example of the two JSON settings (made-up numbers, to show the shape only)::

    FEDSTD_BRAND_INDICATOR_WEIGHTS='{"quality": {"enterprise_quality": 90, "goods_quality": 90,
                                                  "service_quality": 120}}'
    FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS='[{"id": "gbt20004-2018", "pass_points": 60,
        "groups": {"organization": 20, "documents": 15, "procedure": 25, "drafting": 15,
                   "disclosure": 15, "ipr": 10},
        "grades": [[90, "excellent"], [75, "good"], [60, "conforming"]]}]'
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from services.assessment.scoring import DIMENSION_CAPS

#: The 17 second-level indicators of GB/T 27925, in the order the sources list them.
SECOND_LEVEL_INDICATORS = (
    "brand_planning",          # 品牌规划
    "brand_management",        # 品牌管理
    "assurance_mechanism",     # 保障机制
    "enterprise_quality",      # 企业品质
    "goods_quality",           # 商品质量
    "service_quality",         # 服务质量
    "awareness",               # 品牌知名度
    "esteem",                  # 品牌美誉度
    "loyalty",                 # 品牌忠诚度
    "social_responsibility",   # 社会责任
    "integrity",               # 诚信
    "spirit_and_beliefs",      # 精神信念
    "promotion",               # 宣传推广
    "customer_perception",     # 顾客感知
    "industry_exchange",       # 业界交流
    "industry_influence",      # 行业影响
    "social_influence",        # 社会影响
)
#: Second-level facts from a scoring-rules document: parent and, where known, points.
KNOWN_PARENTS = {"service_quality": "quality", "awareness": "reputation"}
KNOWN_POINTS = {"service_quality": 120}
CHECKLIST_ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,63}")


class PolicyError(ValueError):
    """A configured policy value that cannot be right; the service refuses to start with it."""


@dataclass(frozen=True)
class Checklist:
    """A good-behaviour checklist: points per group, the pass mark, and grades (highest first)."""

    checklist_id: str
    groups: Mapping[str, int]
    pass_points: int
    grades: tuple[tuple[int, str], ...] = ()

    @property
    def max_points(self) -> int:
        return sum(self.groups.values())

    def validate(self) -> None:
        where = f"checklist {self.checklist_id!r}"
        if not CHECKLIST_ID.fullmatch(self.checklist_id):
            raise PolicyError(f"{where}: the id must be 1 to 64 lower-case letters, digits, '.' or '-'")
        if not self.groups:
            raise PolicyError(f"{where}: no groups")
        if any(points <= 0 for points in self.groups.values()):
            raise PolicyError(f"{where}: every group needs positive points")
        if not 0 < self.pass_points <= self.max_points:
            raise PolicyError(f"{where}: pass_points must be from 1 to the total of {self.max_points}")
        minimums = [minimum for minimum, _ in self.grades]
        if minimums != sorted(minimums, reverse=True) or len(set(minimums)) != len(minimums):
            raise PolicyError(f"{where}: grades must be listed from the highest minimum down, each minimum once")
        if any(not 0 <= minimum <= self.max_points or not label.strip() for minimum, label in self.grades):
            raise PolicyError(f"{where}: each grade needs a minimum within 0..{self.max_points} and a label")


def validate_indicator_weights(weights: Mapping[str, Mapping[str, int]]) -> None:
    """Every first-level indicator configured must have second-level weights that add up to its cap."""
    seen: dict[str, str] = {}
    for parent, children in weights.items():
        if parent not in DIMENSION_CAPS:
            raise PolicyError(f"{parent!r} is not a first-level indicator ({', '.join(DIMENSION_CAPS)})")
        for indicator, points in children.items():
            if indicator not in SECOND_LEVEL_INDICATORS:
                raise PolicyError(f"{indicator!r} is not a second-level indicator of GB/T 27925")
            if indicator in seen:
                raise PolicyError(f"{indicator!r} is configured under both {seen[indicator]!r} and {parent!r}")
            seen[indicator] = parent
            if KNOWN_PARENTS.get(indicator, parent) != parent:
                raise PolicyError(f"{indicator!r} belongs under {KNOWN_PARENTS[indicator]!r}, not {parent!r}")
            if indicator in KNOWN_POINTS and points != KNOWN_POINTS[indicator]:
                raise PolicyError(f"{indicator!r} is worth {KNOWN_POINTS[indicator]} points, not {points}")
            if not isinstance(points, int) or points <= 0:
                raise PolicyError(f"{parent}.{indicator}: weights are positive whole points")
        total = sum(children.values())
        if total != DIMENSION_CAPS[parent]:
            raise PolicyError(f"the weights under {parent!r} add up to {total}, not to its cap {DIMENSION_CAPS[parent]}")


def _frozen_weights(weights: Mapping[str, Mapping[str, int]]) -> Mapping[str, Mapping[str, int]]:
    return MappingProxyType({parent: MappingProxyType(dict(children)) for parent, children in weights.items()})


@dataclass(frozen=True)
class AssessmentPolicy:
    brand_validity_years: int = 3
    brand_indicator_weights: Mapping[str, Mapping[str, int]] = field(default_factory=lambda: MappingProxyType({}))
    brand_requires_pilot_enrolment: bool = False
    forerunner_validity_years: int = 1
    checklists: tuple[Checklist, ...] = ()
    leader_max_score: float = 100.0

    def __post_init__(self) -> None:
        if self.brand_validity_years < 1 or self.forerunner_validity_years < 1:
            raise PolicyError("validity periods are at least one year")
        if self.leader_max_score <= 0:
            raise PolicyError("leader_max_score must be positive")
        validate_indicator_weights(self.brand_indicator_weights)
        object.__setattr__(self, "brand_indicator_weights", _frozen_weights(self.brand_indicator_weights))
        ids = [checklist.checklist_id for checklist in self.checklists]
        if len(set(ids)) != len(ids):
            raise PolicyError("checklist ids must be unique")
        for checklist in self.checklists:
            checklist.validate()

    def checklist(self, checklist_id: str) -> Checklist | None:
        return next((c for c in self.checklists if c.checklist_id == checklist_id), None)

    def indicator_parent(self, indicator: str) -> str | None:
        """The first-level indicator a configured second-level indicator belongs to."""
        return next((p for p, children in self.brand_indicator_weights.items() if indicator in children), None)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "AssessmentPolicy":
        values: dict[str, Any] = {}
        if value := env.get("FEDSTD_BRAND_VALIDITY_YEARS"):
            values["brand_validity_years"] = int(value)
        if value := env.get("FEDSTD_BRAND_INDICATOR_WEIGHTS"):
            values["brand_indicator_weights"] = _json(value, "FEDSTD_BRAND_INDICATOR_WEIGHTS")
        if value := env.get("FEDSTD_BRAND_REQUIRES_PILOT_ENROLMENT"):
            values["brand_requires_pilot_enrolment"] = value.lower() in ("1", "true", "yes")
        if value := env.get("FEDSTD_FORERUNNER_VALIDITY_YEARS"):
            values["forerunner_validity_years"] = int(value)
        if value := env.get("FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS"):
            values["checklists"] = tuple(_checklist(item) for item in _json(value, "FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS"))
        if value := env.get("FEDSTD_LEADER_MAX_SCORE"):
            values["leader_max_score"] = float(value)
        return cls(**values)


def _json(value: str, name: str) -> Any:
    text = Path(value[1:]).read_text(encoding="utf-8") if value.startswith("@") else value
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise PolicyError(f"{name} is not valid JSON: {exc}") from None


def _checklist(item: Mapping[str, Any]) -> Checklist:
    try:
        return Checklist(
            checklist_id=str(item["id"]),
            groups=MappingProxyType({str(group): int(points) for group, points in item["groups"].items()}),
            pass_points=int(item["pass_points"]),
            grades=tuple((int(minimum), str(label)) for minimum, label in item.get("grades", ())),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PolicyError(f"a checklist needs id, groups and pass_points (and optional grades): {exc!r}") from None
