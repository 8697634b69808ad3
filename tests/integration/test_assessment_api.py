"""The assessment API over real gRPC on the embedded runtime: who may do what, revocation,
good-behaviour evaluation, leader review, queries with page tokens, and the rich error model."""
from __future__ import annotations

import grpc
import pytest

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import assessment_service_pb2_grpc as api_grpc
from fedstd.assessment.v1 import events_pb2 as events
from fedstd.registry.v1 import events_pb2 as registry
from services.common.auth import Role
from services.common.client import channel
from tests.support.refusals import refusal, violations
from tests.integration.test_assessment_registry_feed import (  # noqa: F401  (the fixture is used by name)
    E1,
    E2,
    E3,
    EVALUATOR,
    FORERUNNER_STANDARD,
    Assessment,
    chamber_registered,
    embedded,
    enterprise_registered,
    eventually,
    forerunner_standard_published,
    scheme_request,
    self_declared,
)

SCORES = events.BrandScores(capability=140, quality=280, reputation=200, culture=120, influence=110)  # 850
OTHER_EVALUATOR = "other-body"


@pytest.fixture
def assessment(embedded: Assessment) -> Assessment:  # noqa: F811
    return embedded


def brand_request(uscc: str = E1, evaluated_on: str = "2022-06-30", evaluator: str = EVALUATOR,
                  scores: events.BrandScores = SCORES, version: int = 0) -> api.RecordBrandEvaluationRequest:
    return api.RecordBrandEvaluationRequest(uscc=uscc, evaluator=evaluator, scores=scores, evaluated_on=evaluated_on,
                                            enterprise_version=version)


def scores_totalling(total: int) -> events.BrandScores:
    """First-level scores that add up to `total`, filling each indicator up to its cap in turn."""
    scores = events.BrandScores()
    for dimension, cap in (("capability", 150), ("quality", 300), ("reputation", 250), ("culture", 150), ("influence", 150)):
        setattr(scores, dimension, min(cap, total))
        total -= getattr(scores, dimension)
    return scores


def registered(assessment: Assessment, *usccs: str) -> dict[str, int]:
    return {uscc: assessment.publish(f"enterprises/{uscc}", enterprise_registered(uscc)) for uscc in usccs}



def test_who_may_record_and_revoke_brand_evaluations(assessment: Assessment) -> None:
    versions = registered(assessment, E1)
    own, other = assessment.stub(), assessment.stub(Role.EVALUATOR, OTHER_EVALUATOR)

    # Another evaluation body may not act as this one; a league or chamber may not evaluate at all.
    assert refusal(lambda: other.RecordBrandEvaluation(brand_request(version=versions[E1])))[0] == grpc.StatusCode.PERMISSION_DENIED
    for role, scope in ((Role.LEAGUE, "150100"), (Role.CHAMBER, "NMB"), (Role.PARTNER, "")):
        assert refusal(lambda: assessment.stub(role, scope).RecordBrandEvaluation(brand_request(version=versions[E1])))[0] == \
            grpc.StatusCode.PERMISSION_DENIED
    unauthenticated = api_stub_without_token(assessment)
    assert refusal(lambda: unauthenticated.GetBrandLevel(api.GetBrandLevelRequest(enterprise=f"enterprises/{E1}",
                                                                                as_of="2022-01-01")))[0] == \
        grpc.StatusCode.UNAUTHENTICATED

    first = own.RecordBrandEvaluation(brand_request(version=versions[E1]))
    revoke = api.RevokeAssessmentRequest(name=first.name, revoked_on="2023-01-01", reason="certificate withdrawn")
    assert refusal(lambda: other.RevokeAssessment(revoke))[0] == grpc.StatusCode.PERMISSION_DENIED
    # The region federation may do everything, also for an evaluation body.
    region = assessment.stub(Role.REGION, "")
    second = region.RecordBrandEvaluation(brand_request(evaluated_on="2023-06-30",
                                                        scores=events.BrandScores(capability=150, quality=300,
                                                                                  reputation=250, culture=150, influence=100)))
    assert second.name.endswith("/2") and second.result.star_level == events.STAR_LEVEL_FIVE
    revoked = own.RevokeAssessment(revoke)
    assert (revoked.state, revoked.revoked_on, revoked.brand.total_score) == (api.ASSESSMENT_STATE_REVOKED, "2023-01-01", 850)
    assert refusal(lambda: own.RevokeAssessment(revoke))[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "ALREADY_REVOKED")

    # The level over time: valid, revoked, then the re-evaluation; reads for any authenticated caller.
    partner = assessment.stub(Role.PARTNER, "")
    def level(as_of: str) -> tuple[int, int]:
        answer = partner.GetBrandLevel(api.GetBrandLevelRequest(enterprise=f"enterprises/{E1}", as_of=as_of,
                                                                min_version=revoked.version))
        return answer.status, answer.star_level
    assert level("2022-06-29") == (api.BRAND_LEVEL_STATUS_NOT_EVALUATED, events.STAR_LEVEL_NONE)
    assert level("2022-12-31") == (api.BRAND_LEVEL_STATUS_VALID, events.STAR_LEVEL_THREE)
    assert level("2023-01-01") == (api.BRAND_LEVEL_STATUS_REVOKED, events.STAR_LEVEL_NONE)
    assert level("2023-06-30") == (api.BRAND_LEVEL_STATUS_VALID, events.STAR_LEVEL_FIVE)
    assert level("2026-06-30") == (api.BRAND_LEVEL_STATUS_EXPIRED, events.STAR_LEVEL_NONE)

    latest = partner.GetBrandEvaluation(api.GetBrandEvaluationRequest(name=f"enterprises/{E1}/brandEvaluations/-",
                                                                       min_version=revoked.version))
    assert (latest.name, latest.state) == (second.name, api.ASSESSMENT_STATE_CURRENT)
    earlier = partner.GetAssessment(api.GetAssessmentRequest(name=first.name))
    assert (earlier.state, earlier.revocation_reason) == (api.ASSESSMENT_STATE_REVOKED, "certificate withdrawn")
    # A partner limited to other leagues cannot read Hohhot's evaluations, nor list without naming its league.
    baotou_only = api_stub_for_partner(assessment, ("150200",))
    assert refusal(lambda: baotou_only.GetAssessment(api.GetAssessmentRequest(name=first.name)))[0] == \
        grpc.StatusCode.PERMISSION_DENIED
    assert refusal(lambda: baotou_only.ListAssessments(api.ListAssessmentsRequest()))[0] == grpc.StatusCode.PERMISSION_DENIED
    assert not baotou_only.ListAssessments(api.ListAssessmentsRequest(league_code="150200")).assessments


def api_stub_without_token(assessment: Assessment) -> api_grpc.AssessmentServiceStub:
    return api_grpc.AssessmentServiceStub(grpc.insecure_channel(f"127.0.0.1:{assessment.port}"))


def api_stub_for_partner(assessment: Assessment, leagues: tuple[str, ...]) -> api_grpc.AssessmentServiceStub:
    token = assessment.issuer.issue(Role.PARTNER, leagues=leagues)
    return api_grpc.AssessmentServiceStub(channel(f"127.0.0.1:{assessment.port}", token))


def test_bad_input_reports_every_field_at_once(assessment: Assessment) -> None:
    stub = assessment.stub()
    over = events.BrandScores(capability=151, quality=301, reputation=251, culture=151, influence=151)
    assert violations(lambda: stub.RecordBrandEvaluation(api.RecordBrandEvaluationRequest(
        uscc="91150100000000000X", evaluator="nobody", scores=over, evaluated_on="2022-13-01",
        enterprise_version=-1))).keys() == {
        "uscc", "evaluator", "scores.capability", "scores.quality", "scores.reputation", "scores.culture",
        "scores.influence", "evaluated_on", "enterprise_version"}
    assert violations(lambda: stub.PublishForerunnerScheme(api.PublishForerunnerSchemeRequest(
        scheme_id="Bad Id", year=1999, group_standard="T/NMB 1", evaluator=EVALUATOR,
        core_indicators=[events.CoreIndicator(name="a", weight=0.5), events.CoreIndicator(name="a", weight=0.4)],
        selection_rule=events.SelectionRule(top_percent=101), published_on="x"))).keys() == {
        "scheme_id", "year", "key_field", "group_standard", "core_indicators[0].name", "core_indicators[1].name",
        "core_indicators[0].direction", "core_indicators[1].direction", "core_indicators", "selection_rule.top_percent",
        "published_on"}
    assert "name" in violations(lambda: stub.RevokeAssessment(api.RevokeAssessmentRequest(
        name="leaderReviews/2023/results/NMB.1-2023", revoked_on="2023-01-01", reason="r")))
    assert violations(lambda: stub.ListAssessments(api.ListAssessmentsRequest(page_token="garbage"))).keys() == {"page_token"}


def test_read_your_writes_on_a_registry_version_not_yet_seen_times_out(assessment: Assessment) -> None:
    versions = registered(assessment, E1)
    code, reason, _ = refusal(lambda: assessment.stub().RecordBrandEvaluation(brand_request(version=versions[E1] + 1)))
    assert (code, reason) == (grpc.StatusCode.DEADLINE_EXCEEDED, "NOT_YET_VISIBLE")


def test_the_league_follows_the_registry_and_lists_page_with_tokens(assessment: Assessment) -> None:
    versions = registered(assessment, E1, E2, E3)
    stub = assessment.stub()
    totals = {E1: 960, E2: 712, E3: 650}
    for uscc, total in totals.items():
        stub.RecordBrandEvaluation(brand_request(uscc, version=versions[uscc], scores=scores_totalling(total)))
    moved = assessment.publish(f"enterprises/{E3}", registry.EnterpriseDetailsChanged(
        enterprise=f"enterprises/{E3}", name="moved", division_code="150203", league_code="150200", changed_on="2022-07-01"))
    again = stub.RecordBrandEvaluation(brand_request(E3, "2022-08-01", version=moved))
    assert again.league_code == "150200"

    reader = assessment.stub(Role.PARTNER, "")
    eventually(lambda: len(reader.ListAssessments(api.ListAssessmentsRequest(kind=events.ASSESSMENT_KIND_BRAND,
                                                                             page_size=10)).assessments) == 4)
    pages, token = [], ""
    while True:
        page = reader.ListAssessments(api.ListAssessmentsRequest(kind=events.ASSESSMENT_KIND_BRAND, page_size=1,
                                                                 page_token=token))
        pages.append([a.name for a in page.assessments])
        if not (token := page.next_page_token):
            break
    assert len(pages) == 4 and all(len(p) == 1 for p in pages)
    current = reader.ListAssessments(api.ListAssessmentsRequest(league_code="150100", state=api.ASSESSMENT_STATE_CURRENT))
    assert sorted(a.subject for a in current.assessments) == [f"enterprises/{E1}", f"enterprises/{E2}"]
    five = reader.ListAssessments(api.ListAssessmentsRequest(star_level=events.STAR_LEVEL_FIVE, year=2022))
    assert [a.subject for a in five.assessments] == [f"enterprises/{E1}"]
    superseded = reader.ListAssessments(api.ListAssessmentsRequest(subject=f"enterprises/{E3}",
                                                                   state=api.ASSESSMENT_STATE_SUPERSEDED))
    assert [(a.league_code, a.brand.total_score) for a in superseded.assessments] == [("150100", 650)]
    # A page token is bound to its filters.
    first = reader.ListAssessments(api.ListAssessmentsRequest(kind=events.ASSESSMENT_KIND_BRAND, page_size=1))
    assert "page_token" in violations(lambda: reader.ListAssessments(api.ListAssessmentsRequest(
        kind=events.ASSESSMENT_KIND_FORERUNNER, page_size=1, page_token=first.next_page_token)))


def test_good_behaviour_evaluation_of_a_registered_chamber(assessment: Assessment) -> None:
    stub = assessment.stub()
    request = api.RecordGoodBehaviourEvaluationRequest(
        chamber="chambers/NMB", evaluator=EVALUATOR, checklist="checklists/gbt20004", evaluated_on="2022-08-01",
        groups=[api.ChecklistGroupPoints(group="organization", points=35), api.ChecklistGroupPoints(group="procedure", points=30)])
    assert refusal(lambda: stub.RecordGoodBehaviourEvaluation(request))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "CHAMBER_NOT_REGISTERED")
    request.chamber_version = assessment.publish("chambers/NMB", chamber_registered())
    evaluation = stub.RecordGoodBehaviourEvaluation(request)
    assert evaluation.name == "chambers/NMB/goodBehaviourEvaluations/1"
    result = evaluation.good_behaviour
    assert (result.total_points, result.conforms, result.grade, result.evaluator, evaluation.league_code) == (
        65, True, "conforming", EVALUATOR, "150000")

    unknown = api.RecordGoodBehaviourEvaluationRequest()
    unknown.CopyFrom(request)
    unknown.checklist = "checklists/nope"
    assert refusal(lambda: stub.RecordGoodBehaviourEvaluation(unknown))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "CHECKLIST_NOT_CONFIGURED")
    incomplete = api.RecordGoodBehaviourEvaluationRequest()
    incomplete.CopyFrom(request)
    del incomplete.groups[1]
    incomplete.groups[0].points = 41
    assert violations(lambda: stub.RecordGoodBehaviourEvaluation(incomplete)) == {
        "groups[0].points": "must be from 0 to 40", "groups": "also score procedure"}

    reader = assessment.stub(Role.CHAMBER, "NMB")
    seen = reader.GetAssessment(api.GetAssessmentRequest(name=evaluation.name, min_version=evaluation.version))
    assert seen.good_behaviour == result and seen.kind == events.ASSESSMENT_KIND_GOOD_BEHAVIOUR
    revoked = stub.RevokeAssessment(api.RevokeAssessmentRequest(name=evaluation.name, revoked_on="2022-09-01",
                                                                reason="procedure records were falsified"))
    assert revoked.state == api.ASSESSMENT_STATE_REVOKED


def test_leader_review_from_recommendation_to_shortlist(assessment: Assessment) -> None:
    standards = [f"chambers/NMB/groupStandards/{n}-2023" for n in (14, 15, 16)]
    versions = {}
    for standard in standards:
        assessment.publish(standard, forerunner_standard_published(standard, year=0, key_field=""))
    for standard in standards[:2]:
        versions[standard] = assessment.publish(standard, registry.LeaderRecommended(
            group_standard=standard, year=2023, recommended_on="2023-03-01"))
    region = assessment.stub(Role.REGION, "")

    def score(standard: str, expert: str, internal: bool, value: float, version: int = 0):
        return region.RecordLeaderReviewScore(api.RecordLeaderReviewScoreRequest(
            year=2023, group_standard=standard, expert=expert, internal=internal, score=value, recorded_on="2023-05-01",
            group_standard_version=version))

    assert refusal(lambda: assessment.stub().RecordLeaderReviewScore(api.RecordLeaderReviewScoreRequest(
        year=2023, group_standard=standards[0], expert="i1", score=1, recorded_on="2023-05-01")))[0] == \
        grpc.StatusCode.PERMISSION_DENIED
    assert refusal(lambda: score(standards[2], "i1", True, 80, 1))[:2] == (grpc.StatusCode.FAILED_PRECONDITION,
                                                                       "LEADER_NOT_RECOMMENDED")
    score(standards[0], "i1", True, 90, versions[standards[0]])
    score(standards[0], "x1", False, 80)
    score(standards[1], "i1", True, 70, versions[standards[1]])
    assert refusal(lambda: region.PublishLeaderShortlist(api.PublishLeaderShortlistRequest(
        year=2023, shortlist_size=1, published_on="2023-06-01")))[:2] == (grpc.StatusCode.FAILED_PRECONDITION,
                                                                     "LEADER_SCORES_INCOMPLETE")
    last = score(standards[1], "x1", False, 100)
    assert [(r.group_standard, r.combined_score, r.rank) for r in last.standings] == [
        (standards[0], 85.0, 1), (standards[1], 85.0, 1)]
    review = region.PublishLeaderShortlist(api.PublishLeaderShortlistRequest(year=2023, shortlist_size=1,
                                                                            published_on="2023-06-01"))
    assert review.state == api.LEADER_REVIEW_STATE_SHORTLISTED
    assert [r.shortlisted for r in review.standings] == [True, True]  # tied for the only place: both go
    seen = assessment.stub(Role.PARTNER, "").GetLeaderReview(api.GetLeaderReviewRequest(
        name="leaderReviews/2023", min_version=review.version))
    assert list(seen.standings) == list(review.standings) and seen.shortlist_published_on == "2023-06-01"
    results = assessment.stub().ListAssessments(api.ListAssessmentsRequest(kind=events.ASSESSMENT_KIND_LEADER_REVIEW))
    assert sorted(a.subject for a in results.assessments) == standards[:2]


def test_forerunner_eligibility_and_dynamic_adjustment(assessment: Assessment) -> None:
    stub, other = assessment.stub(), assessment.stub(Role.EVALUATOR, OTHER_EVALUATOR)
    assert refusal(lambda: stub.PublishForerunnerScheme(scheme_request()))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "GROUP_STANDARD_NOT_PUBLISHED")
    version = assessment.publish(FORERUNNER_STANDARD, forerunner_standard_published())
    wrong_year = scheme_request(group_standard_version=version, year=2023)
    assert refusal(lambda: stub.PublishForerunnerScheme(wrong_year))[:2] == (
        grpc.StatusCode.FAILED_PRECONDITION, "NOT_A_FORERUNNER_STANDARD")
    assert refusal(lambda: other.PublishForerunnerScheme(scheme_request()))[0] == grpc.StatusCode.PERMISSION_DENIED
    scheme = stub.PublishForerunnerScheme(scheme_request(group_standard_version=version,
                                                         selection_rule=events.SelectionRule(min_score=40)))
    assert refusal(lambda: stub.PublishForerunnerScheme(scheme_request()))[0] == grpc.StatusCode.ALREADY_EXISTS
    assert refusal(lambda: stub.RankForerunnerScheme(api.RankForerunnerSchemeRequest(
        scheme=scheme.name, published_on="2022-09-20")))[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "NO_CANDIDATES")

    assessment.publish(f"enterprises/{E1}/declarations/d1", self_declared(E1, "d1", protein=3.6, fat=3.1))
    assessment.publish(f"enterprises/{E2}/declarations/d2", self_declared(E2, "d2", protein=None, fat=3.0))
    assessment.publish(f"enterprises/{E3}/declarations/d3", self_declared(E3, "d3", protein=3.0, fat=3.5,
                                                                          kind=registry.DECLARED_STANDARD_KIND_NATIONAL))
    assessment.publish(f"enterprises/{E3}/declarations/d4", self_declared(E3, "d4", protein=3.0, fat=3.5,
                                                                          key_field="other"))
    stub.GetForerunnerScheme(api.GetForerunnerSchemeRequest(name=scheme.name, min_version=scheme.version))
    def two_candidates():
        listed = stub.ListForerunnerCandidates(api.ListForerunnerCandidatesRequest(scheme=scheme.name)).candidates
        return listed if len(listed) == 2 else None
    candidates = eventually(two_candidates)
    by_declaration = {c.declaration.rpartition("/")[2]: [(i.indicator, i.declared, i.value) for i in c.indicators]
                      for c in candidates}
    assert by_declaration == {"d1": [("蛋白质", True, 3.6), ("脂肪", True, 3.1)],
                              "d2": [("蛋白质", False, 0.0), ("脂肪", True, 3.0)]}

    assert refusal(lambda: other.RankForerunnerScheme(api.RankForerunnerSchemeRequest(
        scheme=scheme.name, published_on="2022-09-20")))[0] == grpc.StatusCode.PERMISSION_DENIED
    ranked = stub.RankForerunnerScheme(api.RankForerunnerSchemeRequest(scheme=scheme.name, published_on="2022-09-20"))
    # d1: protein 75 + fat 0; d2: no protein, best fat 25.
    assert [(e.declaration.rpartition("/")[2], e.score, e.shortlisted) for e in ranked.entries] == [
        ("d1", 75.0, True), ("d2", 25.0, False)]
    d1 = ranked.entries[0].declaration
    stub.RecordForerunnerCommitment(api.RecordForerunnerCommitmentRequest(scheme=scheme.name, declaration=d1,
                                                                          received_on="2022-09-25"))
    stub.OpenForerunnerPublicNotice(api.OpenForerunnerPublicNoticeRequest(scheme=scheme.name, opened_on="2022-10-01",
                                                                          closes_on="2022-10-10"))
    final = stub.FinalizeForerunnerList(api.FinalizeForerunnerListRequest(scheme=scheme.name, finalized_on="2022-10-11"))
    (listed,) = [e for e in final.entries if e.listed]
    assert refusal(lambda: other.RevokeAssessment(api.RevokeAssessmentRequest(
        name=listed.name, revoked_on="2023-01-01", reason="r")))[0] == grpc.StatusCode.PERMISSION_DENIED
    revoked = stub.RevokeAssessment(api.RevokeAssessmentRequest(name=listed.name, revoked_on="2023-02-01",
                                                                reason="product failed a spot check"))
    assert (revoked.kind, revoked.subject, revoked.state) == (events.ASSESSMENT_KIND_FORERUNNER, d1,
                                                              api.ASSESSMENT_STATE_REVOKED)
    seen = stub.GetForerunnerScheme(api.GetForerunnerSchemeRequest(name=scheme.name, min_version=revoked.version))
    assert [(e.listed, e.revoked_on) for e in seen.entries] == [(True, "2023-02-01"), (False, "")]
    schemes = stub.ListForerunnerSchemes(api.ListForerunnerSchemesRequest(year=2022, evaluator=EVALUATOR))
    assert [(s.name, s.state) for s in schemes.forerunner_schemes] == [(scheme.name, api.FORERUNNER_SCHEME_STATE_FINALIZED)]
    assert not stub.ListForerunnerSchemes(api.ListForerunnerSchemesRequest(year=2023)).forerunner_schemes


def test_a_declaration_withdrawn_before_the_final_list_is_not_listed(assessment: Assessment) -> None:
    stub = assessment.stub()
    version = assessment.publish(FORERUNNER_STANDARD, forerunner_standard_published())
    for uscc, name, protein in ((E1, "d1", 3.6), (E2, "d2", 3.2)):
        assessment.publish(f"enterprises/{uscc}/declarations/{name}", self_declared(uscc, name, protein=protein, fat=3.0))
    scheme = stub.PublishForerunnerScheme(scheme_request(group_standard_version=version))
    stub.GetForerunnerScheme(api.GetForerunnerSchemeRequest(name=scheme.name, min_version=scheme.version))
    eventually(lambda: len(stub.ListForerunnerCandidates(api.ListForerunnerCandidatesRequest(scheme=scheme.name)).candidates) == 2)
    ranked = stub.RankForerunnerScheme(api.RankForerunnerSchemeRequest(scheme=scheme.name, published_on="2022-09-20"))
    for entry in ranked.entries:
        stub.RecordForerunnerCommitment(api.RecordForerunnerCommitmentRequest(scheme=scheme.name,
                                                                              declaration=entry.declaration,
                                                                              received_on="2022-09-25"))
    stub.OpenForerunnerPublicNotice(api.OpenForerunnerPublicNoticeRequest(scheme=scheme.name, opened_on="2022-10-01",
                                                                          closes_on="2022-10-10"))
    withdrawn = f"enterprises/{E2}/declarations/d2"
    assessment.publish(withdrawn, registry.SelfDeclarationWithdrawn(declaration=withdrawn, withdrawn_on="2022-10-05"))
    eventually(lambda: not any(c.declaration == withdrawn for c in stub.ListForerunnerCandidates(
        api.ListForerunnerCandidatesRequest(scheme=scheme.name)).candidates))
    final = stub.FinalizeForerunnerList(api.FinalizeForerunnerListRequest(scheme=scheme.name, finalized_on="2022-10-11"))
    assert [e.declaration for e in final.entries if e.listed] == [f"enterprises/{E1}/declarations/d1"]
