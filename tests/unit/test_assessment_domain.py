"""Assessment aggregates: forerunner scheme lifecycle, leader review, good-behaviour history and
revocation, each refusing illegal steps with a FAILED_PRECONDITION reason."""
from __future__ import annotations

from datetime import date

import pytest

from fedstd.assessment.v1 import events_pb2 as events
from services.assessment.domain import (
    BrandEvaluations,
    ForerunnerScheme,
    GoodBehaviourEvaluations,
    LeaderReview,
    SchemePhase,
    brand_stream,
    forerunner_result_name,
    good_behaviour_stream,
    leader_result_name,
)
from services.assessment.policy import AssessmentPolicy, Checklist
from services.assessment.scoring import Candidate
from services.common.aggregate import Repository
from services.common.errors import AlreadyExistsError, FailedPreconditionError, NotFoundError
from services.common.events import Metadata
from services.common.eventstore.sqlite import SqliteEventStore
from services.demo import synthetic_uscc

SCHEME = "forerunnerSchemes/dairy-2022"
USCCS = [synthetic_uscc("150100", n) for n in range(1, 5)]
DECLARATIONS = [f"enterprises/{uscc}/declarations/d{n}" for n, uscc in enumerate(USCCS, start=1)]
EVALUATOR = "evaluators/body"


def reason(error: pytest.ExceptionInfo) -> str:
    return error.value.reason


def published_scheme(rule: events.SelectionRule | None = None) -> ForerunnerScheme:
    scheme = ForerunnerScheme(SCHEME)
    scheme.publish(2022, "乳制品", "chambers/NMB/groupStandards/20-2022", EVALUATOR,
                   [events.CoreIndicator(name="protein", unit="g", direction=events.INDICATOR_DIRECTION_HIGHER_IS_BETTER,
                                         weight=1.0)],
                   rule or events.SelectionRule(top_n=2), date(2022, 6, 1))
    return scheme


def candidates(*proteins: float) -> list[Candidate]:
    return [Candidate(d, d.rsplit("/", 2)[0], "150100", {"protein": (p, "g")}) for d, p in zip(DECLARATIONS, proteins)]


def test_names_of_results() -> None:
    assert forerunner_result_name(SCHEME, DECLARATIONS[0]) == f"{SCHEME}/results/{USCCS[0]}-d1"
    assert leader_result_name("leaderReviews/2022", "chambers/NMB/groupStandards/14-2023") == \
        "leaderReviews/2022/results/NMB.14-2023"


def test_a_scheme_runs_from_ranking_to_final_list() -> None:
    scheme = published_scheme()
    assert scheme.phase == SchemePhase.PUBLISHED
    shortlist = scheme.rank(candidates(3.0, 3.5, 2.0), date(2022, 9, 20))
    assert [s.declaration for s in shortlist] == DECLARATIONS[1::-1]
    assert scheme.phase == SchemePhase.SHORTLISTED

    scheme.record_commitment(DECLARATIONS[0], date(2022, 9, 25))
    scheme.record_commitment(DECLARATIONS[1], date(2022, 9, 26))
    scheme.open_public_notice(date(2022, 10, 1), date(2022, 10, 10))
    assert scheme.phase == SchemePhase.IN_PUBLIC_NOTICE
    listed = scheme.finalize(date(2022, 10, 10), excluded=set(), validity_years=1)
    assert scheme.phase == SchemePhase.FINALIZED

    assert [(c.subject, c.forerunner.rank, c.forerunner.valid_until) for c in listed] == [
        (DECLARATIONS[1], 1, "2023-10-09"), (DECLARATIONS[0], 2, "2023-10-09")]
    assert all(c.kind == events.ASSESSMENT_KIND_FORERUNNER and c.forerunner.evaluator == EVALUATOR for c in listed)
    types = [type(e).__name__ for e in scheme.collect_pending()]
    assert types == ["ForerunnerSchemePublished", "ForerunnerRankingPublished", "ForerunnerShortlistPublished",
                     "ForerunnerCommitmentReceived", "ForerunnerCommitmentReceived", "ForerunnerPublicNoticeOpened",
                     "ForerunnerListFinalized", "AssessmentCompleted", "AssessmentCompleted"]


def test_only_committed_and_not_excluded_standards_are_listed() -> None:
    scheme = published_scheme(events.SelectionRule(top_n=3))
    scheme.rank(candidates(3.0, 2.0, 1.0, 0.5), date(2022, 9, 20))
    for declaration in DECLARATIONS[:3]:
        scheme.record_commitment(declaration, date(2022, 9, 25))
    scheme.open_public_notice(date(2022, 10, 1), date(2022, 10, 10))
    listed = scheme.finalize(date(2022, 10, 11), excluded={DECLARATIONS[1]}, validity_years=1)
    assert [c.subject for c in listed] == [DECLARATIONS[0], DECLARATIONS[2]]


@pytest.mark.parametrize(("step", "expected"), [
    ("rank", "SCHEME_ALREADY_SHORTLISTED"),
    ("notice", "NO_COMMITMENTS_RECEIVED"),
    ("finalize", "SCHEME_NOT_IN_PUBLIC_NOTICE"),
])
def test_steps_out_of_order_are_refused(step: str, expected: str) -> None:
    scheme = published_scheme()
    scheme.rank(candidates(3.0, 2.0), date(2022, 9, 20))
    actions = {
        "rank": lambda: scheme.rank(candidates(1.0), date(2022, 9, 21)),
        "notice": lambda: scheme.open_public_notice(date(2022, 10, 1), date(2022, 10, 10)),
        "finalize": lambda: scheme.finalize(date(2022, 11, 1), set(), 1),
    }
    with pytest.raises(FailedPreconditionError) as refused:
        actions[step]()
    assert reason(refused) == expected


def test_commitments_only_from_the_shortlist_once_and_before_the_notice() -> None:
    scheme = published_scheme(events.SelectionRule(top_n=1))
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.record_commitment(DECLARATIONS[0], date(2022, 9, 25))
    assert reason(refused) == "SCHEME_NOT_SHORTLISTED"
    scheme.rank(candidates(3.0, 2.0), date(2022, 9, 20))
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.record_commitment(DECLARATIONS[1], date(2022, 9, 25))
    assert reason(refused) == "NOT_SHORTLISTED"
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.record_commitment(DECLARATIONS[0], date(2022, 9, 19))
    assert reason(refused) == "DATE_PRECEDES_PREVIOUS_STEP"
    scheme.record_commitment(DECLARATIONS[0], date(2022, 9, 25))
    with pytest.raises(AlreadyExistsError):
        scheme.record_commitment(DECLARATIONS[0], date(2022, 9, 26))
    scheme.open_public_notice(date(2022, 10, 1), date(2022, 10, 10))
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.record_commitment(DECLARATIONS[0], date(2022, 10, 2))
    assert reason(refused) == "SCHEME_ALREADY_IN_PUBLIC_NOTICE"
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.finalize(date(2022, 10, 9), set(), 1)
    assert reason(refused) == "PUBLIC_NOTICE_NOT_CLOSED"


def test_a_scheme_without_candidates_cannot_be_ranked_and_an_unpublished_one_is_not_found() -> None:
    scheme = published_scheme()
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.rank([], date(2022, 9, 20))
    assert reason(refused) == "NO_CANDIDATES"
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.rank(candidates(1.0), date(2022, 5, 31))
    assert reason(refused) == "DATE_PRECEDES_PREVIOUS_STEP"
    with pytest.raises(NotFoundError):
        ForerunnerScheme("forerunnerSchemes/none").rank(candidates(1.0), date(2022, 9, 20))
    with pytest.raises(AlreadyExistsError):
        scheme.publish(2022, "x", "chambers/NMB/groupStandards/1-2022", EVALUATOR, [], events.SelectionRule(top_n=1),
                       date(2022, 6, 1))


def test_a_listed_forerunner_is_revoked_once_by_dynamic_adjustment() -> None:
    scheme = published_scheme(events.SelectionRule(top_n=1))
    scheme.rank(candidates(3.0, 2.0), date(2022, 9, 20))
    scheme.record_commitment(DECLARATIONS[0], date(2022, 9, 25))
    scheme.open_public_notice(date(2022, 10, 1), date(2022, 10, 10))
    (listed,) = scheme.finalize(date(2022, 10, 10), set(), 1)
    assert scheme.evaluator_of(listed.assessment) == EVALUATOR
    with pytest.raises(NotFoundError):
        scheme.revoke(forerunner_result_name(SCHEME, DECLARATIONS[1]), date(2023, 1, 1), "never listed")
    revoked = scheme.revoke(listed.assessment, date(2023, 3, 1), "product failed a spot check")
    assert (revoked.assessment, revoked.kind, revoked.subject, revoked.reason) == (
        listed.assessment, events.ASSESSMENT_KIND_FORERUNNER, DECLARATIONS[0], "product failed a spot check")
    with pytest.raises(FailedPreconditionError) as refused:
        scheme.revoke(listed.assessment, date(2023, 3, 2), "again")
    assert reason(refused) == "ALREADY_REVOKED"


def test_a_brand_evaluation_is_revoked_once_and_not_before_it_was_made() -> None:
    history = BrandEvaluations(brand_stream(USCCS[0]))
    scores = events.BrandScores(capability=150, quality=300, reputation=250, culture=150, influence=100)
    made = history.record(USCCS[0], "150100", EVALUATOR, scores, (), date(2022, 6, 30), AssessmentPolicy())
    assert history.evaluator_of(made.assessment) == EVALUATOR
    with pytest.raises(FailedPreconditionError) as refused:
        history.revoke(made.assessment, date(2022, 6, 29), "typo")
    assert reason(refused) == "DATE_PRECEDES_PREVIOUS_STEP"
    revoked = history.revoke(made.assessment, date(2022, 6, 30), "certificate withdrawn")
    assert (revoked.league_code, revoked.revoked_on, revoked.kind) == ("150100", "2022-06-30", events.ASSESSMENT_KIND_BRAND)
    with pytest.raises(FailedPreconditionError) as refused:
        history.revoke(made.assessment, date(2022, 7, 1), "again")
    assert reason(refused) == "ALREADY_REVOKED"
    with pytest.raises(NotFoundError):
        history.revoke(f"{history.stream_id}/9", date(2022, 7, 1), "no such")


def test_good_behaviour_history_scores_the_checklist_and_rehydrates(tmp_path) -> None:
    checklist = Checklist("gbt20004", {"organization": 40, "procedure": 60}, 60, ((90, "excellent"),))
    store = SqliteEventStore(tmp_path / "events.db")
    try:
        repository = Repository(store, GoodBehaviourEvaluations)
        history = repository.load(good_behaviour_stream("NMB"))
        event = history.record("NMB", "150000", EVALUATOR, checklist, {"organization": 35, "procedure": 58}, date(2022, 8, 1))
        repository.save(history, Metadata(actor=EVALUATOR))
        assert event.assessment == "chambers/NMB/goodBehaviourEvaluations/1"
        assert (event.subject, event.league_code, event.kind) == ("chambers/NMB", "150000",
                                                                  events.ASSESSMENT_KIND_GOOD_BEHAVIOUR)
        result = event.good_behaviour
        assert (result.total_points, result.max_points, result.conforms, result.grade, result.evaluator) == (
            93, 100, True, "excellent", EVALUATOR)

        reloaded = repository.load(good_behaviour_stream("NMB"))
        assert (reloaded.count, reloaded.latest_on, reloaded.version) == (1, "2022-08-01", 1)
        with pytest.raises(FailedPreconditionError) as refused:
            reloaded.record("NMB", "150000", EVALUATOR, checklist, {"organization": 1, "procedure": 1}, date(2022, 7, 1))
        assert reason(refused) == "EVALUATION_PREDATES_LATEST"
    finally:
        store.close()


STANDARDS = ["chambers/NMB/groupStandards/14-2023", "chambers/NMB/groupStandards/15-2023",
             "chambers/ABC/groupStandards/1-2023"]


def test_leader_review_shortlists_by_combined_score_with_ties_and_then_closes() -> None:
    review = LeaderReview("leaderReviews/2023")
    for standard, internal, external in zip(STANDARDS, (90, 80, 85), (80, 90, 70)):
        review.record_score(standard, "150100", "inner-1", True, internal, date(2023, 5, 1))
        review.record_score(standard, "150100", "outer-1", False, external, date(2023, 5, 1))
    review.record_score(STANDARDS[2], "150100", "outer-1", False, 75, date(2023, 5, 2))  # replaces the 70
    standings = review.publish_shortlist(2023, 1, date(2023, 6, 1))
    assert [(r.group_standard, r.combined_score, r.rank, r.shortlisted) for r in standings] == [
        (STANDARDS[0], 85.0, 1, True), (STANDARDS[1], 85.0, 1, True), (STANDARDS[2], 80.0, 3, False)]
    pending = review.collect_pending()
    shortlist = next(e for e in pending if isinstance(e, events.LeaderShortlistPublished))
    assert [r.group_standard for r in shortlist.shortlist] == STANDARDS[:2]
    completed = [e for e in pending if isinstance(e, events.AssessmentCompleted)]
    assert [(c.assessment, c.kind, c.league_code) for c in completed] == [
        (leader_result_name("leaderReviews/2023", s), events.ASSESSMENT_KIND_LEADER_REVIEW, "150100") for s in STANDARDS]

    with pytest.raises(FailedPreconditionError) as refused:
        review.record_score(STANDARDS[0], "150100", "inner-2", True, 50, date(2023, 6, 2))
    assert reason(refused) == "LEADER_REVIEW_CLOSED"
    with pytest.raises(FailedPreconditionError) as refused:
        review.publish_shortlist(2023, 2, date(2023, 6, 2))
    assert reason(refused) == "LEADER_SHORTLIST_ALREADY_PUBLISHED"


def test_leader_shortlist_needs_scores_from_both_sides() -> None:
    review = LeaderReview("leaderReviews/2023")
    with pytest.raises(FailedPreconditionError) as refused:
        review.publish_shortlist(2023, 1, date(2023, 6, 1))
    assert reason(refused) == "NO_LEADER_SCORES"
    review.record_score(STANDARDS[0], "150100", "inner-1", True, 90, date(2023, 5, 1))
    with pytest.raises(FailedPreconditionError) as refused:
        review.publish_shortlist(2023, 1, date(2023, 6, 1))
    assert reason(refused) == "LEADER_SCORES_INCOMPLETE" and STANDARDS[0] in str(refused.value)
