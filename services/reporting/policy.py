"""Reporting policy: the plan's facts, and the numbers no source fixes as configuration.

Facts (内联发〔2021〕26号, domain brief §0), not configurable:

* the target: 10 % of private enterprises at two-star or above (TARGET_SHARE);
* the plan years 2021-2023 and the phases: launch 2021-09, implementation 2021-10 to 2023-10,
  summary and evaluation 2023-11 to 2023-12 (PHASES).

Assumptions (domain brief §8: "not specified"), each overridable by an environment variable:

* Annual report due dates (`FEDSTD_REPORT_DUE_DATES=2021:2022-01-31,2022:2023-01-31,...`): a report
  is due one month after the year it covers ends, the final year's by the end of implementation
  (2023-10-31), since the evaluation phase needs it.
* A returned report is due again 15 days after its return (`FEDSTD_REPORT_RESUBMISSION_DAYS`).
* On track (`FEDSTD_ON_TRACK_TOLERANCE`, `FEDSTD_ON_TRACK_DENOMINATOR`): the plan says only where
  it must arrive, so the trajectory is a straight line from 0 at the start of implementation to
  the target at its end. A league is on track when its share reaches `tolerance` times the
  trajectory's value on the date (1.0 by default), measured on the denominator named
  (`reported`: the league's own figure from its latest report, by default; `registry`: private
  enterprises in the registry), falling back to the other one when the named one is 0.
* Commendation (`FEDSTD_COMMENDATIONS_PER_LEAGUE`): the plan lets the first enterprises to reach
  the standard (率先达标) be commended without saying how many: the first 3 per league.
* Live progress (`FEDSTD_PROGRESS_WATCH_INTERVAL_S`): how often a watch looks for a change (1 s).
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from fedstd.reporting.v1 import reporting_service_pb2 as api

#: The plan's numeric target (FACT).
TARGET_SHARE = 0.10
#: The years of the plan (FACT).
PLAN_YEARS = (2021, 2022, 2023)
#: The plan's phases, first and last day (FACT).
PHASES = (
    (api.PLAN_PHASE_LAUNCH, date(2021, 9, 1), date(2021, 9, 30)),
    (api.PLAN_PHASE_IMPLEMENTATION, date(2021, 10, 1), date(2023, 10, 31)),
    (api.PLAN_PHASE_EVALUATION, date(2023, 11, 1), date(2023, 12, 31)),
)
IMPLEMENTATION_START, IMPLEMENTATION_END = PHASES[1][1], PHASES[1][2]
#: Civil dates of timestamps are taken in China Standard Time (no daylight saving).
CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")
DENOMINATORS = ("reported", "registry")


class PolicyError(ValueError):
    """A configured value that cannot be right; the service refuses to start with it."""


def civil_date(moment: datetime) -> date:
    return moment.astimezone(CHINA_STANDARD_TIME).date()


def phase_on(day: date) -> int:
    for phase, first, last in PHASES:
        if first <= day <= last:
            return phase
    return api.PLAN_PHASE_NOT_STARTED if day < PHASES[0][1] else api.PLAN_PHASE_CONCLUDED


def _default_due_dates() -> dict[int, date]:
    return {2021: date(2022, 1, 31), 2022: date(2023, 1, 31), 2023: IMPLEMENTATION_END}


@dataclass(frozen=True)
class ReportingPolicy:
    report_due: Mapping[int, date] = field(default_factory=_default_due_dates)
    resubmission_days: int = 15
    on_track_tolerance: float = 1.0
    on_track_denominator: str = "reported"
    commendations_per_league: int = 3
    watch_interval_s: float = 1.0

    def __post_init__(self) -> None:
        if unknown := set(self.report_due) - set(PLAN_YEARS):
            raise PolicyError(f"due dates for years outside the plan: {sorted(unknown)}")
        if self.resubmission_days < 1:
            raise PolicyError("a returned report needs at least one day for its resubmission")
        if not 0 < self.on_track_tolerance <= 1:
            raise PolicyError("the on-track tolerance is above 0 and at most 1")
        if self.on_track_denominator not in DENOMINATORS:
            raise PolicyError(f"the on-track denominator is one of {', '.join(DENOMINATORS)}")
        if self.commendations_per_league < 0:
            raise PolicyError("the commendations per league must not be negative")
        if self.watch_interval_s <= 0:
            raise PolicyError("the watch interval must be positive")

    def due_on(self, year: int) -> date | None:
        return self.report_due.get(year)

    def expected_share(self, day: date) -> float:
        """The target scaled by the elapsed part of the implementation phase (0 before it, the target after)."""
        span = (IMPLEMENTATION_END - IMPLEMENTATION_START).days + 1
        elapsed = min(max((day - IMPLEMENTATION_START).days + 1, 0), span)
        return TARGET_SHARE * elapsed / span

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "ReportingPolicy":
        values: dict[str, object] = {}
        try:
            if spec := env.get("FEDSTD_REPORT_DUE_DATES"):
                values["report_due"] = {**_default_due_dates(), **_due_dates(spec)}
            for name, attribute, parse in (
                ("FEDSTD_REPORT_RESUBMISSION_DAYS", "resubmission_days", int),
                ("FEDSTD_ON_TRACK_TOLERANCE", "on_track_tolerance", float),
                ("FEDSTD_ON_TRACK_DENOMINATOR", "on_track_denominator", str),
                ("FEDSTD_COMMENDATIONS_PER_LEAGUE", "commendations_per_league", int),
                ("FEDSTD_PROGRESS_WATCH_INTERVAL_S", "watch_interval_s", float),
            ):
                if value := env.get(name):
                    values[attribute] = parse(value)
        except ValueError as exc:
            raise PolicyError(f"bad reporting policy setting: {exc}") from exc
        return cls(**values)


def _due_dates(spec: str) -> dict[int, date]:
    """`2021:2022-01-31,2022:2023-01-31`."""
    dates = {}
    for item in spec.split(","):
        year, _, day = item.strip().partition(":")
        dates[int(year)] = date.fromisoformat(day)
    return dates
