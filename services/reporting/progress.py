"""The federation-wide progress as of any date, counted from the projection's documents.

Every figure for a date D counts the documents in force on D (facts.py says what each holds);
nothing replays events. Per league and in total (the region, which also counts what belongs to no
league, such as the region's own chambers), per plan sector, per plan year. The counts come from
the in-memory totals that follow the documents (totals.py), so that a query costs the same
whatever the history; a day outside the totals' range is counted with indexed queries over the
documents (`ProgressReader.counted`), which is also what the totals are checked against.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from fedstd.reporting.v1 import events_pb2 as events
from fedstd.reporting.v1 import reporting_service_pb2 as api
from fedstd.type.v1 import plan_pb2 as plan
from services.common import divisions
from services.common.readmodel import DocumentStore
from services.reporting.facts import (
    ACCEPTED,
    BRAND_LEVELS,
    CHAMBERS,
    DECLARATIONS,
    ENTERPRISE_PROFILES,
    FORERUNNER_PARTICIPANTS,
    FORERUNNERS,
    GOOD_BEHAVIOUR,
    LEADERS,
    PILOT_ENROLMENTS,
    PLAN_SECTORS,
    REPORT_STATES,
    REPORTS,
    STANDARD_REVIEWS,
    STANDARDS,
    SUBMITTED,
    TRAINEES,
    TRAINING_BATCHES,
    TWO_STAR,
    sector_field,
)
from services.reporting.policy import PLAN_YEARS, TARGET_SHARE, ReportingPolicy, phase_on
from services.reporting.totals import STAR_FIELDS, Counts

REGION = divisions.REGION_CODE
REGION_NAME = "内蒙古自治区"
PAGE = 1000
#: The plan's sectors in Chinese and English (fedstd.type.v1.PlanSector).
SECTOR_NAMES = {
    plan.PLAN_SECTOR_ACCOMMODATION_CATERING: ("住宿和餐饮业", "Accommodation & catering"),
    plan.PLAN_SECTOR_WHOLESALE_RETAIL: ("批发和零售业", "Wholesale & retail"),
    plan.PLAN_SECTOR_FARMING_HUSBANDRY: ("农牧业", "Farming & animal husbandry"),
    plan.PLAN_SECTOR_CULTURE_TOURISM: ("文化旅游业", "Culture & tourism"),
    plan.PLAN_SECTOR_RESIDENT_SERVICES: ("居民服务业", "Resident services"),
    plan.PLAN_SECTOR_ELDERLY_CARE: ("养老服务业", "Elderly care"),
    plan.PLAN_SECTOR_MANUFACTURING: ("制造业", "Manufacturing"),
    plan.PLAN_SECTOR_REAL_ESTATE: ("房地产业", "Real estate"),
    plan.PLAN_SECTOR_EDUCATION: ("教育", "Education"),
    plan.PLAN_SECTOR_HEALTH: ("卫生", "Health"),
    plan.PLAN_SECTOR_BUSINESS_SERVICES: ("商务服务业", "Business services"),
}
#: Report figure -> the progress figure the suite derives for it; figures without one are reported only.
DERIVED_FIGURES = {
    "private_enterprises": "private_enterprises_registered",
    "evaluated_enterprises": "enterprises_evaluated",
    "two_star_or_above_enterprises": "enterprises_two_star_or_above",
    **{name: name for name in (
        "pilot_enterprises", "training_batches", "trainees", "self_declarations", "forerunners", "pilot_chambers",
        "group_standards_published", "forerunner_participants", "pilot_chambers_conforming",
        "group_standards_in_development", "group_standards_under_review", "group_standards_abolished",
        "group_standards_converted", "group_standards_translated", "leader_recommendations", "leaders_listed")},
}


def league_names() -> dict[str, str]:
    return {league.code: league.name_zh for league in divisions.leagues()}


def year_end(year: int, day: date) -> date:
    """The last day of `year`, or `day` when that comes first."""
    return min(date(year, 12, 31), day)


@dataclass
class Snapshot:
    """Every figure in force on one day, per league code and for the region (REGION)."""

    day: date
    figures: dict[str, Counter] = field(default_factory=dict)

    def of(self, scope: str) -> Counter:
        return self.figures.setdefault(scope, Counter())

    def add(self, name: str, documents: Iterable[dict[str, Any]], which: Callable[[dict], bool] = lambda d: True) -> None:
        """Counts the documents per league and in the region total."""
        for document in documents:
            if which(document):
                league = document.get("league_code", "")
                if league != REGION:  # the region's own documents count once, in the total
                    self.of(league)[name] += 1
                self.of(REGION)[name] += 1


class ProgressReader:
    """Answers the progress questions from the read model; every method takes the day it is about."""

    def __init__(self, docs: DocumentStore, policy: ReportingPolicy):
        self.docs = docs
        self.policy = policy
        self.names = league_names()
        self.totals = Counts(docs, list(self.names), REGION)
        #: (watermark, (day, view, readable leagues) -> answer) of `progress`.
        self._answers: tuple[int | None, dict[tuple, api.FederationProgress]] = (None, {})

    # ---------------------------------------------------------------- queries

    def _fetch(self, collection: str, where: dict[str, Any]) -> Iterator[dict[str, Any]]:
        after = ""
        while True:
            page = self.docs.find(collection, where, after_key=after, limit=PAGE)
            yield from page
            if len(page) < PAGE:
                return
            after = page[-1]["_key"]

    def _count_per_league(self, snapshot: Snapshot, name: str, collection: str, where: dict[str, Any]) -> None:
        """For collections that may be large: one indexed count per league and one for the region."""
        for code in self.names:
            snapshot.of(code)[name] = self.docs.count(collection, {"league_code": code, **where})
        snapshot.of(REGION)[name] = self.docs.count(collection, where)

    def snapshot(self, day: date) -> Snapshot:
        """Every figure in force on `day`: from the totals when they cover the day."""
        if not self.totals.covers(day):
            return self.counted(day)
        snapshot = Snapshot(day, {scope: Counter(figures) for scope, figures in self.totals.figures(day).items()})
        d = day.isoformat()
        self._reported_denominators(snapshot, [state for state in self.totals.standing_states()
                                               if state["from"] <= d < state["until"]])
        return snapshot

    def levels(self, day: date) -> list[dict[str, Any]]:
        """The brand levels holding on the day (one per evaluated enterprise that has one)."""
        d = day.isoformat()
        return list(self._fetch(BRAND_LEVELS, {"evaluated_on": {"$lte": d}, "holds_until": {"$gt": d}}))

    def counted(self, day: date) -> Snapshot:
        """Every figure in force on `day`, counted over the documents with indexed queries."""
        d = day.isoformat()
        held = {"$lte": d}
        in_force = {"$gt": d}
        snapshot = Snapshot(day)
        self._count_per_league(snapshot, "private_enterprises_registered", ENTERPRISE_PROFILES,
                               {"is_private": True, "from": held, "until": in_force})
        self._count_per_league(snapshot, "enterprises_evaluated", BRAND_LEVELS, {"first": True, "evaluated_on": held})
        self._count_per_league(snapshot, "self_declarations", DECLARATIONS, {"disclosed_on": held, "withdrawn_on": in_force})
        self._count_per_league(snapshot, "trainees", TRAINEES, {"held_on": held})
        snapshot.add("pilot_enterprises", self._fetch(PILOT_ENROLMENTS, {"from": held, "until": in_force}))
        levels = self.levels(day)
        for level in levels:
            star = STAR_FIELDS.get(level["star_level"])
            if star is not None:
                snapshot.add(f"star_{star}", [level])
        snapshot.add("enterprises_two_star_or_above", levels, lambda d: d["star_level"] >= TWO_STAR)
        snapshot.add("training_batches", self._fetch(TRAINING_BATCHES, {"held_on": held}))
        snapshot.add("forerunners", self._fetch(FORERUNNERS, {"listed_on": held, "holds_until": in_force}))
        snapshot.add("forerunner_participants", self._fetch(FORERUNNER_PARTICIPANTS, {"ranked_on": held}))
        snapshot.add("pilot_chambers", self._fetch(CHAMBERS, {"pilot_from": held}))
        results = list(self._fetch(GOOD_BEHAVIOUR, {"pilot_from": held, "evaluated_on": held, "holds_until": in_force}))
        snapshot.add("pilot_chambers_evaluated", results)
        snapshot.add("pilot_chambers_conforming", results, lambda d: d["conforms"])
        snapshot.add("group_standards_published", self._fetch(STANDARDS, {"published_on": held, "abolished_on": in_force}))
        snapshot.add("group_standards_in_development",
                     self._fetch(STANDARDS, {"proposed_on": held, "published_on": in_force, "abolished_on": in_force}))
        snapshot.add("group_standards_abolished", self._fetch(STANDARDS, {"abolished_on": held}))
        snapshot.add("group_standards_converted", self._fetch(STANDARDS, {"converted_on": held}))
        snapshot.add("group_standards_translated", self._fetch(STANDARDS, {"translated_on": held}))
        snapshot.add("group_standards_under_review", self._fetch(STANDARD_REVIEWS, {"from": held, "until": in_force}))
        snapshot.add("leader_recommendations", self._fetch(LEADERS, {"recommended_on": held}))
        snapshot.add("leaders_listed", self._fetch(LEADERS, {"listed_on": held, "listed_until": in_force}))
        reports = list(self._fetch(REPORTS, {"first_submitted_on": held}))
        snapshot.add("annual_reports_submitted", reports)
        snapshot.add("annual_reports_late", reports, lambda d: d["submitted_late"])
        states = list(self._fetch(REPORT_STATES, {"from": held, "until": in_force}))
        snapshot.add("annual_reports_accepted", states, lambda d: d["state"] == ACCEPTED)
        self._reported_denominators(snapshot, states)
        return snapshot

    @staticmethod
    def _reported_denominators(snapshot: Snapshot, states: Sequence[dict[str, Any]]) -> None:
        """Each league's own figure from its latest report that stands (submitted or accepted) on the day."""
        latest: dict[str, dict[str, Any]] = {}
        for state in states:
            if state["state"] in (SUBMITTED, ACCEPTED):
                league = state["league_code"]
                if league not in latest or state["year"] > latest[league]["year"]:
                    latest[league] = state
        for league, state in latest.items():
            snapshot.of(league)["private_enterprises_reported"] = state["private_enterprises"]
            snapshot.of(REGION)["private_enterprises_reported"] += state["private_enterprises"]

    # ---------------------------------------------------------------- rows

    def league_row(self, snapshot: Snapshot, code: str) -> api.LeagueProgress:
        figures = snapshot.of(code)
        row = api.LeagueProgress(league_code=code, league_name=self.names.get(code, REGION_NAME))
        for name in figures:
            if name in api.LeagueProgress.DESCRIPTOR.fields_by_name:
                setattr(row, name, figures[name])
        row.star_levels.CopyFrom(api.StarLevelCounts(**{star: figures[f"star_{star}"] for star in STAR_FIELDS.values()}))
        two = row.enterprises_two_star_or_above
        if row.private_enterprises_reported:
            row.two_star_share = two / row.private_enterprises_reported
            row.target_met = row.two_star_share >= TARGET_SHARE
        if row.private_enterprises_registered:
            row.two_star_share_registered = two / row.private_enterprises_registered
        row.expected_share = self.policy.expected_share(snapshot.day)
        row.on_track = self._on_track(row)
        return row

    def _on_track(self, row: api.LeagueProgress) -> bool:
        shares = {"reported": (row.private_enterprises_reported, row.two_star_share),
                  "registry": (row.private_enterprises_registered, row.two_star_share_registered)}
        named = self.policy.on_track_denominator
        other = next(name for name in shares if name != named)
        denominator, share = shares[named] if shares[named][0] else shares[other]
        return bool(denominator) and share >= self.policy.on_track_tolerance * row.expected_share

    def rows(self, snapshot: Snapshot, readable: Callable[[str], bool]) -> tuple[list[api.LeagueProgress], api.LeagueProgress]:
        leagues = [self.league_row(snapshot, code) for code in self.names if readable(code)]
        return leagues, self.league_row(snapshot, REGION)

    def sectors(self, snapshot: Snapshot, levels: Sequence[dict[str, Any]]) -> list[api.SectorProgress]:
        d = snapshot.day.isoformat()
        two_star = [level for level in levels if level["star_level"] >= TWO_STAR]
        sectors_of = self._sectors_of([level["subject"] for level in two_star], d)
        published = list(self._fetch(STANDARDS, {"published_on": {"$lte": d}, "abolished_on": {"$gt": d}}))
        rows = []
        for sector in PLAN_SECTORS:
            flag = sector_field(sector)
            row = api.SectorProgress(
                sector=sector, sector_name=SECTOR_NAMES[sector][0],
                private_enterprises_registered=self.docs.count(
                    ENTERPRISE_PROFILES, {"is_private": True, flag: True, "from": {"$lte": d}, "until": {"$gt": d}}),
                enterprises_two_star_or_above=sum(sector in sectors_of.get(level["subject"], ()) for level in two_star),
                group_standards_published=sum(bool(standard.get(flag)) for standard in published),
            )
            if row.private_enterprises_registered:
                row.two_star_share_registered = row.enterprises_two_star_or_above / row.private_enterprises_registered
            rows.append(row)
        return rows

    def _sectors_of(self, subjects: Sequence[str], d: str) -> dict[str, set[int]]:
        """The plan sectors the registry lists for each enterprise on the day."""
        sectors: dict[str, set[int]] = {}
        for start in range(0, len(subjects), PAGE):
            chunk = list(subjects[start:start + PAGE])
            for profile in self._fetch(ENTERPRISE_PROFILES, {"subject": {"$in": chunk}, "from": {"$lte": d}, "until": {"$gt": d}}):
                sectors[profile["subject"]] = {s for s in PLAN_SECTORS if profile.get(sector_field(s))}
        return sectors

    def commendations(self, levels: Sequence[dict[str, Any]], readable: Callable[[str], bool]) -> list[api.Commendation]:
        """Per league, the enterprises whose unbroken run at two-star or above began first (率先达标)."""
        by_league: dict[str, list[dict[str, Any]]] = {}
        for level in levels:
            if level["star_level"] >= TWO_STAR and readable(level["league_code"]):
                by_league.setdefault(level["league_code"], []).append(level)
        commendations = []
        for code in self.names:
            ranked = sorted(by_league.get(code, []), key=lambda d: (d["streak_from"], d["evaluated_on"], d["subject"]))
            for rank, level in enumerate(ranked[: self.policy.commendations_per_league], start=1):
                commendations.append(api.Commendation(
                    enterprise=level["subject"], league_code=code, reached_on=level["streak_from"],
                    star_level=level["star_level"], total_score=level["total_score"], assessment=level["_key"], rank=rank))
        return commendations

    # ---------------------------------------------------------------- the answer

    def progress(self, day: date, view: int, now: datetime,
                 readable: Callable[[str], bool] = lambda code: True) -> api.FederationProgress:
        """The answer, memoised per day, view and readable leagues until the read model changes.

        Between two batches the projection applies, identical queries share one computation.
        """
        key = (day, view, tuple(code for code in (*self.names, REGION) if readable(code)))
        watermark = self.totals.follow()
        seen, answers = self._answers
        if seen != watermark:
            answers = {}
            self._answers = (watermark, answers)
        if key not in answers:
            answers[key] = self._progress(day, view, readable)
        progress = api.FederationProgress()
        progress.CopyFrom(answers[key])
        progress.computed_at.FromDatetime(now)
        return progress

    def _progress(self, day: date, view: int, readable: Callable[[str], bool]) -> api.FederationProgress:
        snapshot = self.snapshot(day)
        leagues, total = self.rows(snapshot, readable)
        full = view != api.FEDERATION_PROGRESS_VIEW_BASIC
        progress = api.FederationProgress(
            leagues=leagues, total=total, target_share=TARGET_SHARE, as_of=day.isoformat(),
            phase=phase_on(day), expected_share=self.policy.expected_share(day),
            view=api.FEDERATION_PROGRESS_VIEW_FULL if full else api.FEDERATION_PROGRESS_VIEW_BASIC,
        )
        if full:
            levels = self.levels(day)
            progress.sectors.extend(self.sectors(snapshot, levels))
            for year in (y for y in PLAN_YEARS if y <= day.year):
                end = year_end(year, day)
                year_leagues, year_total = self.rows(snapshot if end == day else self.snapshot(end), readable)
                progress.years.append(api.YearProgress(year=year, as_of=end.isoformat(), total=year_total,
                                                       leagues=year_leagues))
            progress.commendations.extend(self.commendations(levels, readable))
        return progress

    def derived_figures(self, league_code: str, day: date) -> events.ReportFigures:
        """What the events say for the figures of a league's report, on the day."""
        figures = self.snapshot(day).of(league_code)
        return events.ReportFigures(**{figure: figures[source] for figure, source in DERIVED_FIGURES.items()})
