"""Registry policy: the numbers no source fixes, as configuration with documented defaults.

Every value can be overridden by an environment variable `FEDSTD_<NAME>`. Where the defaults
come from (domain brief §3.3, §2.5, §8):

* Public comment (征求意见) lasts "usually at least 30 days" in the practice sources
  (others say one month or 30-40 working days): at least 30 days by default
  (`FEDSTD_GROUP_STANDARD_MIN_COMMENT_DAYS`).
* Technical review (技术审查) passes when the share of reviewers voting for reaches a threshold:
  bodies use 3/4 or 4/5, so 3/4 by default (`FEDSTD_GROUP_STANDARD_REVIEW_PASS_SHARE`, a
  fraction such as `4/5`). One body requires at least 5 reviewers: the default minimum
  (`FEDSTD_GROUP_STANDARD_MIN_REVIEWERS`).
* Periodic review (复审) "generally within 5 years" (one body uses 2): 5 years by default
  (`FEDSTD_GROUP_STANDARD_REVIEW_CYCLE_YEARS`).
* Forerunner status lasts one annual cycle when the assessment gives no end date (an
  assumption; the scheme is annual): `FEDSTD_FORERUNNER_VALIDITY_YEARS`, shared with assessment.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction


class PolicyError(ValueError):
    """A configured policy value that cannot be right; the service refuses to start with it."""


@dataclass(frozen=True)
class RegistryPolicy:
    min_comment_days: int = 30
    review_pass_share: Fraction = Fraction(3, 4)
    min_reviewers: int = 5
    review_cycle_years: int = 5
    forerunner_validity_years: int = 1

    def __post_init__(self) -> None:
        if self.min_comment_days < 1:
            raise PolicyError("the minimum comment period is at least one day")
        if not 0 < self.review_pass_share <= 1:
            raise PolicyError("the review pass share must be above 0 and at most 1")
        if self.min_reviewers < 1:
            raise PolicyError("a technical review needs at least one reviewer")
        if self.review_cycle_years < 1 or self.forerunner_validity_years < 1:
            raise PolicyError("the review cycle and the forerunner validity are at least one year")

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "RegistryPolicy":
        values: dict[str, object] = {}
        for name, field in (
            ("FEDSTD_GROUP_STANDARD_MIN_COMMENT_DAYS", "min_comment_days"),
            ("FEDSTD_GROUP_STANDARD_MIN_REVIEWERS", "min_reviewers"),
            ("FEDSTD_GROUP_STANDARD_REVIEW_CYCLE_YEARS", "review_cycle_years"),
            ("FEDSTD_FORERUNNER_VALIDITY_YEARS", "forerunner_validity_years"),
        ):
            if value := env.get(name):
                values[field] = _parse(name, value, int)
        if value := env.get("FEDSTD_GROUP_STANDARD_REVIEW_PASS_SHARE"):
            values["review_pass_share"] = _parse("FEDSTD_GROUP_STANDARD_REVIEW_PASS_SHARE", value, Fraction)
        return cls(**values)  # type: ignore[arg-type]


def _parse(name: str, value: str, kind: type) -> object:
    try:
        return kind(value)
    except (ValueError, ZeroDivisionError):
        raise PolicyError(f"{name}={value!r} is not a valid {kind.__name__}") from None
