"""Assessment aggregates: brand and good-behaviour evaluation histories, forerunner schemes and
leader reviews. The rules they apply are in `scoring.py`; the numbers no source gives in `policy.py`.

Streams and the assessments they hold:

| stream                                   | assessments                                            |
|------------------------------------------|--------------------------------------------------------|
| `enterprises/{uscc}/brandEvaluations`     | `.../brandEvaluations/{n}`                             |
| `chambers/{org}/goodBehaviourEvaluations` | `.../goodBehaviourEvaluations/{n}`                     |
| `forerunnerSchemes/{scheme_id}`           | `.../results/{uscc}-{declaration_id}` (listed ones)    |
| `leaderReviews/{year}`                    | `.../results/{org_code}.{standard_id}`                 |
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum

from fedstd.assessment.v1 import events_pb2 as events
from services.assessment import scoring
from services.assessment.policy import AssessmentPolicy, Checklist
from services.common.aggregate import Aggregate
from services.common.errors import AlreadyExistsError, FailedPreconditionError, NotFoundError


def brand_stream(uscc: str) -> str:
    return f"enterprises/{uscc}/brandEvaluations"


def good_behaviour_stream(org_code: str) -> str:
    return f"chambers/{org_code}/goodBehaviourEvaluations"


def scheme_name(scheme_id: str) -> str:
    return f"forerunnerSchemes/{scheme_id}"


def leader_review_name(year: int) -> str:
    return f"leaderReviews/{year}"


def forerunner_result_name(scheme: str, declaration: str) -> str:
    """`forerunnerSchemes/{id}/results/{uscc}-{declaration_id}` for `enterprises/{uscc}/declarations/{id}`."""
    _, uscc, _, declaration_id = declaration.split("/")
    return f"{scheme}/results/{uscc}-{declaration_id}"


def leader_result_name(review: str, group_standard: str) -> str:
    """`leaderReviews/{year}/results/{org}.{id}` for `chambers/{org}/groupStandards/{id}`."""
    _, org_code, _, standard_id = group_standard.split("/")
    return f"{review}/results/{org_code}.{standard_id}"


def _result_evaluator(completed: events.AssessmentCompleted) -> str:
    return getattr(completed, completed.WhichOneof("result")).evaluator


def _not_before(day: date, earliest: str, what: str) -> None:
    if earliest and day.isoformat() < earliest:
        raise FailedPreconditionError("DATE_PRECEDES_PREVIOUS_STEP", f"{day.isoformat()} is before {what} ({earliest})")


def _revocation(completed: events.AssessmentCompleted, revoked_on: date, reason: str) -> events.AssessmentRevoked:
    _not_before(revoked_on, completed.completed_on, "the assessment it revokes")
    return events.AssessmentRevoked(
        assessment=completed.assessment, kind=completed.kind, subject=completed.subject,
        league_code=completed.league_code, revoked_on=revoked_on.isoformat(), reason=reason,
    )


class EvaluationHistory(Aggregate):
    """The evaluations of one subject, numbered from 1; each supersedes the one before it."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.completed: dict[str, events.AssessmentCompleted] = {}
        self.revoked: set[str] = set()

    @property
    def count(self) -> int:
        return len(self.completed)

    @property
    def latest_on(self) -> str:
        return next(reversed(self.completed.values())).completed_on if self.completed else ""

    def _next(self, subject: str, league_code: str, evaluated_on: date, kind: int) -> events.AssessmentCompleted:
        if self.latest_on and evaluated_on.isoformat() < self.latest_on:
            raise FailedPreconditionError(
                "EVALUATION_PREDATES_LATEST",
                f"{subject} was last evaluated on {self.latest_on}: a new evaluation cannot be dated {evaluated_on}",
            )
        return events.AssessmentCompleted(
            assessment=f"{self.stream_id}/{self.count + 1}", kind=kind, subject=subject,
            league_code=league_code, completed_on=evaluated_on.isoformat(),
        )

    def evaluation(self, name: str) -> events.AssessmentCompleted:
        completed = self.completed.get(name)
        if completed is None:
            raise NotFoundError(f"{name} not found")
        return completed

    def evaluator_of(self, name: str) -> str:
        return _result_evaluator(self.evaluation(name))

    def revoke(self, name: str, revoked_on: date, reason: str) -> events.AssessmentRevoked:
        completed = self.evaluation(name)
        if name in self.revoked:
            raise FailedPreconditionError("ALREADY_REVOKED", f"{name} is already revoked")
        event = _revocation(completed, revoked_on, reason)
        self._trigger(event)
        return event

    def apply_AssessmentCompleted(self, event: events.AssessmentCompleted) -> None:
        self.completed[event.assessment] = event

    def apply_AssessmentRevoked(self, event: events.AssessmentRevoked) -> None:
        self.revoked.add(event.assessment)


class BrandEvaluations(EvaluationHistory):
    """The GB/T 27925 evaluation history of one enterprise."""

    def record(
        self, uscc: str, league_code: str, evaluator: str, scores: events.BrandScores,
        indicator_scores: Sequence[events.IndicatorScore], evaluated_on: date, policy: AssessmentPolicy,
    ) -> events.AssessmentCompleted:
        event = self._next(f"enterprises/{uscc}", league_code, evaluated_on, events.ASSESSMENT_KIND_BRAND)
        total = scoring.total_score(scores)
        event.brand.CopyFrom(events.BrandResult(
            scores=scores, total_score=total, star_level=scoring.star_level(total),
            valid_until=scoring.valid_until(evaluated_on, policy.brand_validity_years).isoformat(),
            evaluator=evaluator, indicator_scores=indicator_scores,
        ))
        self._trigger(event)
        return event


class GoodBehaviourEvaluations(EvaluationHistory):
    """The good-behaviour evaluations (团体标准良好行为评价) of one chamber."""

    def record(
        self, org_code: str, league_code: str, evaluator: str, checklist: Checklist, points: Mapping[str, int],
        evaluated_on: date,
    ) -> events.AssessmentCompleted:
        event = self._next(f"chambers/{org_code}", league_code, evaluated_on, events.ASSESSMENT_KIND_GOOD_BEHAVIOUR)
        result = scoring.good_behaviour_result(
            checklist.checklist_id, checklist.groups, checklist.pass_points, checklist.grades, points)
        result.evaluator = evaluator
        event.good_behaviour.CopyFrom(result)
        self._trigger(event)
        return event


class SchemePhase(StrEnum):
    """The steps of a scheme, in order."""

    PUBLISHED = "published"
    SHORTLISTED = "shortlisted"
    IN_PUBLIC_NOTICE = "in_public_notice"
    FINALIZED = "finalized"

    @property
    def order(self) -> int:
        return list(SchemePhase).index(self)


class ForerunnerScheme(Aggregate):
    """A forerunner (领跑者) scheme: ranking, shortlist, commitment letters, public notice, final list."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.published: events.ForerunnerSchemePublished | None = None
        self.ranked_on = ""
        self.ranking: list[events.RankedStandard] = []
        self.shortlisted: dict[str, events.RankedStandard] = {}
        self.commitments: dict[str, str] = {}
        self.notice: events.ForerunnerPublicNoticeOpened | None = None
        self.finalized_on = ""
        self.listed: dict[str, events.AssessmentCompleted] = {}
        self.revocations: dict[str, events.AssessmentRevoked] = {}

    @property
    def phase(self) -> SchemePhase:
        if self.finalized_on:
            return SchemePhase.FINALIZED
        if self.notice is not None:
            return SchemePhase.IN_PUBLIC_NOTICE
        return SchemePhase.SHORTLISTED if self.ranked_on else SchemePhase.PUBLISHED

    def _scheme(self) -> events.ForerunnerSchemePublished:
        if self.published is None:
            raise NotFoundError(f"{self.stream_id} not found")
        return self.published

    def _require_phase(self, phase: SchemePhase, doing: str) -> events.ForerunnerSchemePublished:
        """The scheme, when it is at `phase`; otherwise SCHEME_NOT_<phase> or SCHEME_ALREADY_<its phase>."""
        scheme = self._scheme()
        current = self.phase
        if current != phase:
            reason = f"SCHEME_NOT_{phase.upper()}" if current.order < phase.order else f"SCHEME_ALREADY_{current.upper()}"
            raise FailedPreconditionError(reason, f"{self.stream_id} is {current.replace('_', ' ')}: cannot {doing}")
        return scheme

    @property
    def evaluator(self) -> str:
        return self._scheme().evaluator

    @property
    def key_field(self) -> str:
        return self._scheme().key_field

    def publish(self, year: int, key_field: str, group_standard: str, evaluator: str,
                core_indicators: Sequence[events.CoreIndicator], rule: events.SelectionRule, published_on: date) -> None:
        if self.published is not None:
            raise AlreadyExistsError(f"{self.stream_id} is already published")
        self._trigger(events.ForerunnerSchemePublished(
            scheme=self.stream_id, year=year, key_field=key_field, group_standard=group_standard, evaluator=evaluator,
            core_indicators=core_indicators, selection_rule=rule, published_on=published_on.isoformat(),
        ))

    def rank(self, candidates: Iterable[scoring.Candidate], on: date) -> list[events.RankedStandard]:
        """Publishes the ranking and, by the scheme's selection rule, the shortlist; returns the shortlist."""
        scheme = self._require_phase(SchemePhase.PUBLISHED, "rank")
        _not_before(on, scheme.published_on, "the scheme's publication")
        ranking = scoring.rank_candidates(scheme.core_indicators, candidates)
        if not ranking:
            raise FailedPreconditionError(
                "NO_CANDIDATES", f"no declared enterprise standard of the key field {scheme.key_field!r} is known")
        selected = scoring.shortlist(ranking, scheme.selection_rule)
        self._trigger(events.ForerunnerRankingPublished(scheme=self.stream_id, ranking=ranking, published_on=on.isoformat()))
        self._trigger(events.ForerunnerShortlistPublished(scheme=self.stream_id, shortlist=selected,
                                                          published_on=on.isoformat()))
        return selected

    def record_commitment(self, declaration: str, received_on: date) -> None:
        self._require_phase(SchemePhase.SHORTLISTED, "take commitment letters")
        if declaration not in self.shortlisted:
            raise FailedPreconditionError("NOT_SHORTLISTED", f"{declaration} is not on the shortlist of {self.stream_id}")
        if declaration in self.commitments:
            raise AlreadyExistsError(f"the commitment letter for {declaration} was received on {self.commitments[declaration]}")
        _not_before(received_on, self.ranked_on, "the shortlist")
        self._trigger(events.ForerunnerCommitmentReceived(
            scheme=self.stream_id, declaration=declaration, received_on=received_on.isoformat()))

    def open_public_notice(self, opened_on: date, closes_on: date) -> None:
        self._require_phase(SchemePhase.SHORTLISTED, "open the public notice")
        if not self.commitments:
            raise FailedPreconditionError("NO_COMMITMENTS_RECEIVED", f"no shortlisted enterprise of {self.stream_id} "
                                                                     "has sent its commitment letter")
        _not_before(opened_on, max(self.commitments.values()), "the last commitment letter")
        self._trigger(events.ForerunnerPublicNoticeOpened(
            scheme=self.stream_id, opened_on=opened_on.isoformat(), closes_on=closes_on.isoformat()))

    def finalize(self, finalized_on: date, excluded: set[str], validity_years: int) -> list[events.AssessmentCompleted]:
        """Lists the committed shortlist less `excluded`; one FORERUNNER assessment per listed standard."""
        scheme = self._require_phase(SchemePhase.IN_PUBLIC_NOTICE, "finalize the list")
        assert self.notice is not None
        if finalized_on.isoformat() < self.notice.closes_on:
            raise FailedPreconditionError("PUBLIC_NOTICE_NOT_CLOSED", f"the public notice of {self.stream_id} runs "
                                                                      f"until {self.notice.closes_on}")
        listed = [entry for declaration, entry in self.shortlisted.items()
                  if declaration in self.commitments and declaration not in excluded]
        on = finalized_on.isoformat()
        valid_until = scoring.valid_until(finalized_on, validity_years).isoformat()
        self._trigger(events.ForerunnerListFinalized(scheme=self.stream_id, listed=listed, finalized_on=on))
        completed = [
            events.AssessmentCompleted(
                assessment=forerunner_result_name(self.stream_id, entry.declaration),
                kind=events.ASSESSMENT_KIND_FORERUNNER, subject=entry.declaration, league_code=entry.league_code,
                completed_on=on,
                forerunner=events.ForerunnerResult(
                    scheme=self.stream_id, year=scheme.year, key_field=scheme.key_field, declaration=entry.declaration,
                    rank=entry.rank, score=entry.score, listed=True, valid_until=valid_until,
                    enterprise=entry.enterprise, evaluator=scheme.evaluator,
                ),
            )
            for entry in listed
        ]
        for event in completed:
            self._trigger(event)
        return completed

    def listing(self, name: str) -> events.AssessmentCompleted:
        completed = next((c for c in self.listed.values() if c.assessment == name), None)
        if completed is None:
            raise NotFoundError(f"{name} not found")
        return completed

    def evaluator_of(self, name: str) -> str:
        return _result_evaluator(self.listing(name))

    def revoke(self, name: str, revoked_on: date, reason: str) -> events.AssessmentRevoked:
        """Dynamic adjustment (动态调整): a listed standard leaves the forerunner list."""
        completed = self.listing(name)
        if completed.subject in self.revocations:
            raise FailedPreconditionError("ALREADY_REVOKED", f"{name} is already revoked")
        event = _revocation(completed, revoked_on, reason)
        self._trigger(event)
        return event

    def apply_ForerunnerSchemePublished(self, event: events.ForerunnerSchemePublished) -> None:
        self.published = event

    def apply_ForerunnerRankingPublished(self, event: events.ForerunnerRankingPublished) -> None:
        self.ranked_on = event.published_on
        self.ranking = list(event.ranking)

    def apply_ForerunnerShortlistPublished(self, event: events.ForerunnerShortlistPublished) -> None:
        self.shortlisted = {entry.declaration: entry for entry in event.shortlist}

    def apply_ForerunnerCommitmentReceived(self, event: events.ForerunnerCommitmentReceived) -> None:
        self.commitments[event.declaration] = event.received_on

    def apply_ForerunnerPublicNoticeOpened(self, event: events.ForerunnerPublicNoticeOpened) -> None:
        self.notice = event

    def apply_ForerunnerListFinalized(self, event: events.ForerunnerListFinalized) -> None:
        self.finalized_on = event.finalized_on

    def apply_AssessmentCompleted(self, event: events.AssessmentCompleted) -> None:
        self.listed[event.subject] = event

    def apply_AssessmentRevoked(self, event: events.AssessmentRevoked) -> None:
        self.revocations[event.subject] = event


class LeaderReview(Aggregate):
    """The expert review of one year's recommended leader (领先者) standards."""

    def __init__(self, stream_id: str) -> None:
        super().__init__(stream_id)
        self.scores: dict[tuple[str, str], scoring.ExpertScore] = {}
        self.leagues: dict[str, str] = {}
        self.shortlist: list[events.LeaderReviewResult] = []
        self.shortlist_published_on = ""

    def record_score(self, group_standard: str, league_code: str, expert: str, internal: bool, score: float,
                     recorded_on: date) -> None:
        if self.shortlist_published_on:
            raise FailedPreconditionError("LEADER_REVIEW_CLOSED", f"the shortlist of {self.stream_id} was published "
                                                                  f"on {self.shortlist_published_on}")
        self._trigger(events.LeaderReviewScoreRecorded(
            leader_review=self.stream_id, group_standard=group_standard, expert=expert, internal=internal,
            score=score, league_code=league_code, recorded_on=recorded_on.isoformat(),
        ))

    def publish_shortlist(self, year: int, size: int, published_on: date) -> list[events.LeaderReviewResult]:
        """Ranks every scored standard; the first `size` places (ties included) are shortlisted."""
        if self.shortlist_published_on:
            raise FailedPreconditionError("LEADER_SHORTLIST_ALREADY_PUBLISHED",
                                          f"the shortlist of {self.stream_id} was published on {self.shortlist_published_on}")
        if not self.scores:
            raise FailedPreconditionError("NO_LEADER_SCORES", f"no expert has scored a standard in {self.stream_id}")
        standings = scoring.leader_standings(year, self.scores.values())
        incomplete = scoring.incompletely_scored(standings, self.scores.values())
        if incomplete:
            raise FailedPreconditionError("LEADER_SCORES_INCOMPLETE", "these standards need both internal and external "
                                                                      f"scores: {', '.join(incomplete)}")
        for result in standings:
            result.shortlisted = result.rank <= size
        on = published_on.isoformat()
        self._trigger(events.LeaderShortlistPublished(
            leader_review=self.stream_id, year=year, shortlist=[r for r in standings if r.shortlisted], published_on=on))
        for result in standings:
            self._trigger(events.AssessmentCompleted(
                assessment=leader_result_name(self.stream_id, result.group_standard),
                kind=events.ASSESSMENT_KIND_LEADER_REVIEW, subject=result.group_standard,
                league_code=self.leagues[result.group_standard], completed_on=on, leader_review=result,
            ))
        return standings

    def apply_LeaderReviewScoreRecorded(self, event: events.LeaderReviewScoreRecorded) -> None:
        self.scores[(event.group_standard, event.expert)] = scoring.ExpertScore(
            event.group_standard, event.expert, event.internal, event.score)
        self.leagues[event.group_standard] = event.league_code

    def apply_LeaderShortlistPublished(self, event: events.LeaderShortlistPublished) -> None:
        self.shortlist = list(event.shortlist)
        self.shortlist_published_on = event.published_on

    def apply_AssessmentCompleted(self, event: events.AssessmentCompleted) -> None:
        """The results are already in the shortlist; nothing else to remember."""
