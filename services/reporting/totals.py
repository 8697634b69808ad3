"""The progress counts in force on any day, kept in memory: answered without scanning documents.

Each counted document (facts.py says what each holds) is in force for the days [start, end) of
each figure it counts in, in its league and in the region. Per figure and scope, a count per day
over the days of [FIRST_DAY, LAST_DAY] (`DayCounts`) holds +1 at each start and -1 at each end, so
that the count in force on day D is a prefix sum: O(figures × scopes) whatever the history.

The documents stay the truth: the totals are built from them once, then follow the read model's
change feed (`DocumentStore.changed` since the last watermark, `DocumentStore.stamp`), which works
alike whether the projection runs in this process (embedded) or in another one (distributed).
Nothing is counted in the documents. To take a changed document's old contribution out, the
totals remember each counted document's contribution; a document read twice changes nothing.
Days outside that range are answered from the documents (`Counts.covers`).
"""
from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from fedstd.assessment.v1 import events_pb2 as assessment
from services.common.readmodel import DocumentStore
from services.reporting.facts import (
    ACCEPTED,
    BRAND_LEVELS,
    CHAMBERS,
    DECLARATIONS,
    ENTERPRISE_PROFILES,
    FAR,
    FORERUNNER_PARTICIPANTS,
    FORERUNNERS,
    GOOD_BEHAVIOUR,
    LEADERS,
    PILOT_ENROLMENTS,
    REPORT_STATES,
    REPORTS,
    STANDARD_REVIEWS,
    STANDARDS,
    SUBMITTED,
    TRAINEES,
    TRAINING_BATCHES,
    TWO_STAR,
)

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2049, 12, 31)
DAYS = (LAST_DAY - FIRST_DAY).days + 1
PAGE = 2000
#: Days per block of `DayCounts`: a prefix sum adds at most DAYS / BLOCK block totals and BLOCK day counts.
BLOCK = 128
#: The brand levels' stars, as the progress names them.
STAR_FIELDS = {assessment.STAR_LEVEL_NONE: "none", assessment.STAR_LEVEL_TWO: "two", assessment.STAR_LEVEL_THREE: "three",
               assessment.STAR_LEVEL_FOUR: "four", assessment.STAR_LEVEL_FIVE: "five"}
#: A figure a document counts in: (figure, start, end); an open end is FAR, a missing date (None) never counts.
Span = tuple[str, Any, Any]
#: What a document of a collection counts in.
Spans = Callable[[dict[str, Any]], Iterable[Span]]


def _later(*days: Any) -> Any:
    """The latest of dates, None when one is missing."""
    return None if any(day is None for day in days) else max(days)


def _brand_level(d: dict[str, Any]) -> Iterable[Span]:
    if d.get("first"):
        yield "enterprises_evaluated", d.get("evaluated_on"), FAR
    star = d.get("star_level")
    if star in STAR_FIELDS:
        yield f"star_{STAR_FIELDS[star]}", d.get("evaluated_on"), d.get("holds_until")
    if star is not None and star >= TWO_STAR:
        yield "enterprises_two_star_or_above", d.get("evaluated_on"), d.get("holds_until")


def _good_behaviour(d: dict[str, Any]) -> Iterable[Span]:
    start = _later(d.get("pilot_from"), d.get("evaluated_on"))
    yield "pilot_chambers_evaluated", start, d.get("holds_until")
    if d.get("conforms"):
        yield "pilot_chambers_conforming", start, d.get("holds_until")


def _standard(d: dict[str, Any]) -> Iterable[Span]:
    published, abolished = d.get("published_on"), d.get("abolished_on")
    yield "group_standards_published", published, abolished
    in_development_until = None if published is None or abolished is None else min(published, abolished)
    yield "group_standards_in_development", d.get("proposed_on"), in_development_until
    yield "group_standards_abolished", abolished, FAR
    yield "group_standards_converted", d.get("converted_on"), FAR
    yield "group_standards_translated", d.get("translated_on"), FAR


def _report(d: dict[str, Any]) -> Iterable[Span]:
    yield "annual_reports_submitted", d.get("first_submitted_on"), FAR
    if d.get("submitted_late"):
        yield "annual_reports_late", d.get("first_submitted_on"), FAR


def _spans(figure: str, start: str, end: str | None = None, when: Callable[[dict], bool] = lambda d: True) -> Spans:
    return lambda d: [(figure, d.get(start), d.get(end) if end else FAR)] if when(d) else []


#: collection -> what its documents count in: the conditions of facts.py's documents, as dates.
COUNTED: dict[str, Spans] = {
    ENTERPRISE_PROFILES: _spans("private_enterprises_registered", "from", "until", lambda d: d.get("is_private") is True),
    PILOT_ENROLMENTS: _spans("pilot_enterprises", "from", "until"),
    BRAND_LEVELS: _brand_level,
    DECLARATIONS: _spans("self_declarations", "disclosed_on", "withdrawn_on"),
    TRAINEES: _spans("trainees", "held_on"),
    TRAINING_BATCHES: _spans("training_batches", "held_on"),
    FORERUNNERS: _spans("forerunners", "listed_on", "holds_until"),
    FORERUNNER_PARTICIPANTS: _spans("forerunner_participants", "ranked_on"),
    CHAMBERS: _spans("pilot_chambers", "pilot_from"),
    GOOD_BEHAVIOUR: _good_behaviour,
    STANDARDS: _standard,
    STANDARD_REVIEWS: _spans("group_standards_under_review", "from", "until"),
    LEADERS: lambda d: [("leader_recommendations", d.get("recommended_on"), FAR),
                        ("leaders_listed", d.get("listed_on"), d.get("listed_until"))],
    REPORTS: _report,
    REPORT_STATES: _spans("annual_reports_accepted", "from", "until", lambda d: d.get("state") == ACCEPTED),
}
FIGURES = ("private_enterprises_registered", "pilot_enterprises", "enterprises_evaluated",
           *(f"star_{star}" for star in STAR_FIELDS.values()), "enterprises_two_star_or_above", "self_declarations",
           "trainees", "training_batches", "forerunners", "forerunner_participants", "pilot_chambers",
           "pilot_chambers_evaluated", "pilot_chambers_conforming", "group_standards_published",
           "group_standards_in_development", "group_standards_abolished", "group_standards_converted",
           "group_standards_translated", "group_standards_under_review", "leader_recommendations", "leaders_listed",
           "annual_reports_submitted", "annual_reports_late", "annual_reports_accepted")


@lru_cache(maxsize=1 << 16)
def day_index(day: Any) -> int:
    """The position of a date string: 0 for any day up to FIRST_DAY, DAYS for any after LAST_DAY.

    Strings that are not dates are placed as they compare with the dates (the read models compare strings).
    """
    if len(day) == 10 and day[4] == day[7] == "-":
        try:
            return min(max((date.fromisoformat(day) - FIRST_DAY).days, 0), DAYS)
        except ValueError:
            pass
    return 0 if day < FIRST_DAY.isoformat() else DAYS


class DayCounts:
    """Counts by day with prefix sums: a count per day and a total per block of BLOCK days.

    An update is O(1); a prefix sum adds two short slices, in C. Simpler and, in Python, faster
    than a Fenwick tree, whose O(log n) steps are interpreted.
    """

    __slots__ = ("days", "blocks")

    def __init__(self, n: int) -> None:
        self.days = array("i", bytes(4 * n))
        self.blocks = array("i", bytes(4 * (n // BLOCK + 1)))

    def add(self, position: int, delta: int) -> None:
        self.days[position] += delta
        self.blocks[position // BLOCK] += delta

    def prefix(self, position: int) -> int:
        """The sum of positions 0..position."""
        block = position // BLOCK
        return sum(self.blocks[:block]) + sum(self.days[block * BLOCK:position + 1])


class Counts:
    """The per-figure, per-scope counts in force by day, following one read model."""

    def __init__(self, docs: DocumentStore, leagues: Sequence[str], region: str):
        self.docs = docs
        self.region = region
        #: scope -> its position in a figure's counts; the region is last.
        self._scopes = {code: i for i, code in enumerate([*leagues, region])}
        #: figure -> per scope, its counts by day (made when first needed).
        self._counts: dict[str, list[DayCounts | None]] = {figure: [None] * len(self._scopes) for figure in FIGURES}
        #: (collection, key) -> what the document adds: (figure, scope or -1, start, end) per figure.
        self._contributions: dict[tuple[str, str], tuple[tuple[str, int, int, int], ...]] = {}
        #: Annual-report states that stand (submitted or accepted), for the reported denominators.
        self._standing: dict[str, dict[str, Any]] = {}
        self._watermark: int | None = None
        self._lock = threading.Lock()
        self._memo: dict[date, dict[str, dict[str, int]]] = {}

    @staticmethod
    def covers(day: date) -> bool:
        return FIRST_DAY <= day <= LAST_DAY

    def figures(self, day: date) -> dict[str, dict[str, int]]:
        """scope -> figure -> count in force on `day` (every figure of every league and the region).

        Memoised per day until the read model changes: identical queries between two applied batches share one sum.
        """
        with self._lock:
            self._follow()
            if day not in self._memo:
                position = day_index(day.isoformat())
                figures: dict[str, dict[str, int]] = {scope: {} for scope in self._scopes}
                for figure, per_scope in self._counts.items():
                    for scope, i in self._scopes.items():
                        counts = per_scope[i]
                        figures[scope][figure] = counts.prefix(position) if counts else 0
                self._memo[day] = figures
            return self._memo[day]

    @property
    def watermark(self) -> int | None:
        """The read model's stamp the counts were last brought to; None before they were first loaded."""
        return self._watermark

    def follow(self) -> int | None:
        """Takes in the read model's changes; returns the watermark the counts are at."""
        if self.docs.stamp() == self._watermark:
            return self._watermark  # nothing new: no need to queue behind the lock
        with self._lock:
            self._follow()
            return self._watermark

    def standing_states(self) -> list[dict[str, Any]]:
        with self._lock:
            self._follow()
            return list(self._standing.values())

    def _follow(self) -> None:
        """Takes in every document written since the last watermark (all of them the first time)."""
        watermark = self.docs.stamp()
        if watermark == self._watermark:
            return
        for collection in COUNTED:
            after = ""
            while page := (self.docs.changed(collection, self._watermark, after, PAGE) if self._watermark is not None
                           else self.docs.find(collection, None, after, PAGE)):
                for document in page:
                    self._take(collection, document)
                after = page[-1]["_key"]
        self._watermark = watermark
        self._memo.clear()

    def _take(self, collection: str, document: dict[str, Any]) -> None:
        key = document["_key"]
        if collection == REPORT_STATES:
            if document.get("state") in (SUBMITTED, ACCEPTED):
                self._standing[key] = document
            else:
                self._standing.pop(key, None)
        new = self._contribution(collection, document)
        old = self._contributions.pop((collection, key), ())
        if new == old:
            if new:
                self._contributions[(collection, key)] = new
            return
        for figure, scope, start, end in old:
            self._add(figure, scope, start, end, -1)
        for figure, scope, start, end in new:
            self._add(figure, scope, start, end, +1)
        if new:
            self._contributions[(collection, key)] = new

    def _contribution(self, collection: str, document: dict[str, Any]) -> tuple[tuple[str, int, int, int], ...]:
        league = self._scopes.get(document.get("league_code", ""), -1)
        scope = -1 if league == self._scopes[self.region] else league  # the region's own count once, in the total
        spans = []
        for figure, start, end in COUNTED[collection](document):
            if not isinstance(start, str) or not isinstance(end, str):
                continue  # a missing date: never in force, as the documents' range conditions say
            first, last = day_index(start), day_index(end)
            if first < last:
                spans.append((figure, scope, first, last))
        return tuple(spans)

    def _add(self, figure: str, scope: int, start: int, end: int, delta: int) -> None:
        per_scope = self._counts[figure]
        region = len(per_scope) - 1
        for i in (scope, region) if scope >= 0 else (region,):
            counts = per_scope[i] = per_scope[i] or DayCounts(DAYS)
            counts.add(start, delta)
            if end < DAYS:
                counts.add(end, -delta)
