"""Registry aggregate rules: every group-standard transition allowed and refused, and the rules of
federations, the committee, chambers, enterprises, claims, self-declarations, forerunner lists and
training batches."""
from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from fedstd.registry.v1 import events_pb2 as events
from fedstd.type.v1 import plan_pb2 as plan
from services.common.aggregate import Repository
from services.common.errors import AlreadyExistsError, ConcurrencyError, FailedPreconditionError, NotFoundError
from services.common.events import Metadata
from services.common.eventstore.sqlite import SqliteEventStore
from services.demo import synthetic_uscc
from services.registry import names
from services.registry.domain import (
    ALLOWED_FROM,
    Chamber,
    CommitteeMember,
    Enterprise,
    EnterpriseDetails,
    Federation,
    ForerunnerAssessmentLink,
    ForerunnerList,
    GroupStandard,
    NumberClaim,
    SelfDeclaration,
    Stage,
    TrainingBatch,
    add_years,
    forerunner_valid_until,
    stage_after,
)
from services.registry.policy import RegistryPolicy

POLICY = RegistryPolicy()
USCC = synthetic_uscc("150100", 7)
ENTERPRISE = names.enterprise_name(USCC)
STANDARD = "chambers/NMB/groupStandards/heritage-brands"
D = date.fromisoformat


def pending_types(aggregate) -> list[str]:
    return [type(e).__name__ for e in aggregate.collect_pending()]


def refused(reason: str, call, *args, **kwargs) -> FailedPreconditionError:
    with pytest.raises(FailedPreconditionError) as caught:
        call(*args, **kwargs)
    assert caught.value.reason == reason
    return caught.value


# ---------------------------------------------------------------------------------------------
# Federations, committee, chambers


def registered_federation(code: str) -> Federation:
    federation = Federation(names.federation_name(code))
    parent = registered_federation(Federation.parent_of(code).removeprefix("federations/")) if code != "150000" else None
    federation.register(code, "", D("2021-09-01"), parent)
    return federation


def test_federation_levels_parents_and_default_names() -> None:
    region = registered_federation("150000")
    (event,) = region.collect_pending()
    assert event == events.FederationRegistered(
        federation="federations/150000", division_code="150000", level=events.FEDERATION_LEVEL_REGION,
        name="内蒙古自治区工商业联合会", parent_federation="", registered_on="2021-09-01")
    county = registered_federation("150121")
    (event,) = county.collect_pending()
    assert (event.level, event.parent_federation, event.name) == (
        events.FEDERATION_LEVEL_COUNTY, "federations/150100", "土默特左旗工商业联合会")
    assert county.league_code == "150100" and region.league_code == "150000"
    assert Federation.parent_of("152500") == "federations/150000"


def test_federation_needs_its_parent_and_is_registered_once() -> None:
    league = Federation("federations/150200")
    refused("PARENT_FEDERATION_NOT_REGISTERED", league.register, "150200", "", D("2021-09-01"), Federation("federations/150000"))
    refused("PARENT_FEDERATION_NOT_REGISTERED", league.register, "150200", "", D("2021-09-01"), None)
    region = registered_federation("150000")
    with pytest.raises(AlreadyExistsError):
        region.register("150000", "again", D("2021-09-02"), None)


def test_committee_member_removal() -> None:
    member = CommitteeMember("committee/members/wang")
    with pytest.raises(NotFoundError):
        member.remove(D("2022-01-01"), "")
    member.appoint("王", "内蒙古品牌促进会", events.COMMITTEE_GROUP_SECRETARIAT, D("2021-09-10"))
    with pytest.raises(AlreadyExistsError):
        member.appoint("王", "x", events.COMMITTEE_GROUP_EXPERTS, D("2021-09-10"))
    refused("DATE_BEFORE_PREVIOUS_STEP", member.remove, D("2021-09-09"), "")
    member.remove(D("2022-01-01"), "term ended")
    refused("MEMBER_ALREADY_REMOVED", member.remove, D("2022-01-02"), "")
    assert pending_types(member) == ["CommitteeMemberAppointed", "CommitteeMemberRemoved"]


def registered_chamber(org: str = "NMB", federation_code: str = "150100") -> Chamber:
    chamber = Chamber(names.chamber_name(org))
    chamber.register(org, "内蒙古品牌促进会", registered_federation(federation_code), [plan.PLAN_SECTOR_MANUFACTURING], D("2021-09-15"))
    return chamber


def test_chamber_registration_takes_the_federation_league() -> None:
    refused("FEDERATION_NOT_REGISTERED", Chamber("chambers/NMB").register, "NMB", "x", Federation("federations/150100"), [], D("2021-09-15"))
    assert registered_chamber(federation_code="150121").league_code == "150100"
    assert registered_chamber(federation_code="150000").league_code == "150000"
    with pytest.raises(AlreadyExistsError):
        registered_chamber().register("NMB", "x", registered_federation("150100"), [], D("2021-09-15"))


def test_chamber_pilot_commitment_and_platform_happen_once_each() -> None:
    chamber = registered_chamber()
    refused("DATE_BEFORE_PREVIOUS_STEP", chamber.select_as_pilot, 2021, D("2021-09-14"))
    chamber.select_as_pilot(2021, D("2021-10-01"))
    refused("CHAMBER_ALREADY_PILOT", chamber.select_as_pilot, 2022, D("2022-01-01"))
    chamber.declare_commitment(D("2021-10-02"), "我会承诺……")
    refused("COMMITMENT_ALREADY_DECLARED", chamber.declare_commitment, D("2021-10-03"), "again")
    chamber.register_on_platform(D("2021-10-05"), "nmb-ttbz")
    refused("ALREADY_REGISTERED_ON_PLATFORM", chamber.register_on_platform, D("2021-10-06"), "x")
    with pytest.raises(NotFoundError):
        Chamber("chambers/NONE").select_as_pilot(2021, D("2021-10-01"))


def good_behaviour(assessment: str, conforms: bool = True) -> events.ChamberGoodBehaviourRecorded:
    return events.ChamberGoodBehaviourRecorded(chamber="chambers/NMB", assessment=assessment, conforms=conforms,
                                               grade="good", score=80, max_score=100, evaluated_on="2022-05-01")


def test_good_behaviour_is_idempotent_per_assessment_and_only_the_current_one_is_revoked() -> None:
    refused("CHAMBER_NOT_REGISTERED", Chamber("chambers/NMB").record_good_behaviour, good_behaviour("a/1"))
    chamber = registered_chamber()
    chamber.collect_pending()
    assert chamber.record_good_behaviour(good_behaviour("a/1"))
    assert not chamber.record_good_behaviour(good_behaviour("a/1"))
    assert chamber.record_good_behaviour(good_behaviour("a/2", conforms=False))
    assert not chamber.revoke_good_behaviour("a/1", "2022-06-01", "superseded anyway")
    assert chamber.revoke_good_behaviour("a/2", "2022-06-01", "evidence withdrawn")
    assert not chamber.revoke_good_behaviour("a/2", "2022-06-01", "again")
    assert pending_types(chamber) == ["ChamberGoodBehaviourRecorded"] * 2 + ["ChamberGoodBehaviourRevoked"]


# ---------------------------------------------------------------------------------------------
# Enterprises


DETAILS = EnterpriseDetails("呼和浩特乳业有限公司", "150102", "C", "14", (plan.PLAN_SECTOR_MANUFACTURING,), events.SIZE_CLASS_SMALL)


def registered_enterprise(is_private: bool = True) -> Enterprise:
    enterprise = Enterprise(ENTERPRISE)
    enterprise.register(USCC, DETAILS, is_private, D("2021-10-01"))
    return enterprise


def test_enterprise_registration_and_details() -> None:
    enterprise = registered_enterprise()
    (event,) = enterprise.collect_pending()
    assert (event.league_code, event.division_code, event.is_private) == ("150100", "150102", True)
    with pytest.raises(AlreadyExistsError):
        enterprise.register(USCC, DETAILS, True, D("2021-10-01"))
    enterprise.change_details(DETAILS, D("2022-01-01"))
    assert enterprise.collect_pending() == []  # the same details change nothing
    moved = EnterpriseDetails("包头乳业有限公司", "150203", "C", "", (), events.SIZE_CLASS_MEDIUM)
    refused("DATE_BEFORE_PREVIOUS_STEP", enterprise.change_details, moved, D("2021-09-30"))
    enterprise.change_details(moved, D("2022-01-01"))
    (event,) = enterprise.collect_pending()
    assert (event.league_code, event.name) == ("150200", "包头乳业有限公司") and enterprise.league_code == "150200"
    with pytest.raises(NotFoundError):
        Enterprise("enterprises/x").change_details(DETAILS, D("2022-01-01"))


def test_enterprise_chamber_memberships() -> None:
    enterprise = registered_enterprise()
    refused("CHAMBER_NOT_REGISTERED", enterprise.join_chamber, Chamber("chambers/NMB"), D("2022-01-01"))
    chamber = registered_chamber()
    enterprise.join_chamber(chamber, D("2022-01-01"))
    refused("ALREADY_A_MEMBER", enterprise.join_chamber, chamber, D("2022-01-02"))
    enterprise.leave_chamber("chambers/NMB", D("2022-06-01"))
    refused("NOT_A_MEMBER", enterprise.leave_chamber, "chambers/NMB", D("2022-06-02"))
    enterprise.join_chamber(chamber, D("2022-07-01"))
    assert enterprise.chambers == {"chambers/NMB"}


def test_brand_pilot_is_voluntary_for_private_enterprises() -> None:
    refused("NOT_A_PRIVATE_ENTERPRISE", registered_enterprise(is_private=False).enrol_in_brand_pilot, 2022, D("2022-01-01"))
    enterprise = registered_enterprise()
    refused("NOT_IN_BRAND_PILOT", enterprise.withdraw_from_brand_pilot, D("2022-01-01"), "")
    enterprise.enrol_in_brand_pilot(2022, D("2022-01-01"))
    refused("ALREADY_IN_BRAND_PILOT", enterprise.enrol_in_brand_pilot, 2023, D("2023-01-01"))
    enterprise.withdraw_from_brand_pilot(D("2022-06-01"), "capacity")
    enterprise.enrol_in_brand_pilot(2023, D("2023-01-01"))
    assert pending_types(enterprise)[1:] == ["EnterpriseEnrolledInBrandPilot", "EnterpriseWithdrewFromBrandPilot",
                                             "EnterpriseEnrolledInBrandPilot"]


# ---------------------------------------------------------------------------------------------
# Group standards: the lifecycle matrix


def proposed() -> GroupStandard:
    standard = GroupStandard(STANDARD)
    standard.propose(registered_chamber(), "呼和浩特老字号评定规范", "老字号评定", [plan.PLAN_SECTOR_WHOLESALE_RETAIL], D("2022-01-10"))
    return standard


PATH_TO = {
    Stage.PROPOSED: [],
    Stage.APPROVED_FOR_DRAFTING: [lambda s: s.approve_for_drafting(D("2022-02-01"))],
    Stage.DRAFTING: [lambda s: s.start_drafting(D("2022-02-10"), ["内蒙古品牌促进会"])],
    Stage.PUBLIC_COMMENT: [lambda s: s.open_comment(D("2022-03-01"), D("2022-03-31"), POLICY)],
    Stage.TECHNICALLY_REVIEWED: [lambda s: s.review(D("2022-04-10"), 12, 6, 7, POLICY)],
    Stage.APPROVED: [lambda s: s.approve(D("2022-05-01"))],
    Stage.PUBLISHED: [lambda s: s.publish(14, 0, D("2022-06-01"), D("2022-07-01"), POLICY)],
    Stage.UNDER_PERIODIC_REVIEW: [lambda s: s.start_periodic_review(D("2026-06-01"))],
}


def at(stage: Stage) -> GroupStandard:
    """A standard driven to `stage` by the lifecycle's happy path."""
    standard = proposed()
    if stage == Stage.ABOLISHED:
        standard = at(Stage.PUBLISHED)
        standard.abolish(D("2024-01-01"), "superseded by a national standard")
        return standard
    for step_stage, steps in PATH_TO.items():
        for step in steps:
            step(standard)
        if step_stage == stage:
            return standard
    raise AssertionError(stage)


LATER = D("2027-01-01")
STEPS = {
    "approve_for_drafting": lambda s: s.approve_for_drafting(LATER),
    "start_drafting": lambda s: s.start_drafting(LATER, ["unit"]),
    "open_comment": lambda s: s.open_comment(LATER, D("2027-02-15"), POLICY),
    "review": lambda s: s.review(D("2027-03-01"), 0, 5, 5, POLICY),
    "approve": lambda s: s.approve(LATER),
    "publish": lambda s: s.publish(15, 3, LATER, None, POLICY),
    "start_periodic_review": lambda s: s.start_periodic_review(LATER),
    "conclude_periodic_review": lambda s: s.conclude_periodic_review(
        events.PERIODIC_REVIEW_OUTCOME_CONTINUE, LATER, "继续有效", POLICY),
    "abolish": lambda s: s.abolish(LATER, "withdrawn"),
    "request_conversion": lambda s: s.request_conversion("r1", events.STANDARD_LEVEL_LOCAL, LATER),
    "record_translation": lambda s: s.record_translation("en", "translator", LATER),
    "recommend_leader": lambda s: s.recommend_leader(2027, LATER),
}
EXPECTED_AFTER = {
    "approve_for_drafting": Stage.APPROVED_FOR_DRAFTING, "start_drafting": Stage.DRAFTING,
    "open_comment": Stage.PUBLIC_COMMENT, "review": Stage.TECHNICALLY_REVIEWED, "approve": Stage.APPROVED,
    "publish": Stage.PUBLISHED, "start_periodic_review": Stage.UNDER_PERIODIC_REVIEW,
    "conclude_periodic_review": Stage.PUBLISHED, "abolish": Stage.ABOLISHED,
}


def test_the_matrix_covers_every_stage_and_step() -> None:
    assert set(STEPS) == set(ALLOWED_FROM)
    assert {at(stage).stage for stage in Stage} == set(Stage)


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("step", list(STEPS))
def test_every_transition_is_allowed_or_refused_by_stage(stage: Stage, step: str) -> None:
    standard = at(stage)
    before = standard.version
    standard.collect_pending()
    if stage in ALLOWED_FROM[step]:
        STEPS[step](standard)
        assert standard.stage == EXPECTED_AFTER.get(step, stage)
        assert standard.version > before
    else:
        error = refused(f"CANNOT_{step.upper()}_WHEN_{stage}", STEPS[step], standard)
        assert STANDARD in str(error)
        assert standard.version == before and standard.collect_pending() == []


def test_steps_on_a_standard_that_does_not_exist_are_not_found() -> None:
    for step in STEPS.values():
        with pytest.raises(NotFoundError):
            step(GroupStandard(STANDARD))


def test_proposal_needs_a_registered_chamber_and_a_new_id() -> None:
    refused("CHAMBER_NOT_REGISTERED", GroupStandard(STANDARD).propose, Chamber("chambers/NMB"), "t", "s", [], D("2022-01-10"))
    standard = proposed()
    with pytest.raises(AlreadyExistsError):
        standard.propose(registered_chamber(), "t", "s", [], D("2022-01-10"))
    (event,) = standard.collect_pending()
    assert (event.org_code, event.league_code) == ("NMB", "150100")


def test_dates_never_go_back_through_the_lifecycle() -> None:
    standard = at(Stage.APPROVED_FOR_DRAFTING)
    refused("DATE_BEFORE_PREVIOUS_STEP", standard.start_drafting, D("2022-01-31"), ["unit"])


def test_public_comment_lasts_the_configured_minimum_and_must_be_over_before_review() -> None:
    standard = at(Stage.DRAFTING)
    refused("COMMENT_PERIOD_TOO_SHORT", standard.open_comment, D("2022-03-01"), D("2022-03-30"), POLICY)
    shorter = RegistryPolicy(min_comment_days=20)
    standard.open_comment(D("2022-03-01"), D("2022-03-21"), shorter)
    refused("COMMENT_PERIOD_NOT_OVER", standard.review, D("2022-03-20"), 0, 5, 5, POLICY)
    standard.review(D("2022-03-21"), 0, 5, 5, POLICY)
    assert standard.stage == Stage.TECHNICALLY_REVIEWED


def test_technical_review_threshold_and_minimum_reviewers() -> None:
    standard = at(Stage.PUBLIC_COMMENT)
    refused("TOO_FEW_REVIEWERS", standard.review, D("2022-04-10"), 0, 4, 4, POLICY)
    assert not standard.review(D("2022-04-10"), 3, 5, 7, POLICY)  # 5/7 < 3/4
    assert standard.stage == Stage.DRAFTING  # back to drafting, then comment again
    standard.open_comment(D("2022-04-20"), D("2022-05-20"), POLICY)
    strict = RegistryPolicy(review_pass_share=Fraction(4, 5))
    assert not standard.review(D("2022-05-21"), 0, 6, 8, strict)  # 3/4 < 4/5
    standard.open_comment(D("2022-05-22"), D("2022-06-22"), POLICY)
    assert standard.review(D("2022-06-23"), 0, 6, 8, POLICY)  # exactly 3/4 passes
    assert standard.stage == Stage.TECHNICALLY_REVIEWED


def test_publication_numbers_the_standard_and_sets_the_review_due_date() -> None:
    standard = at(Stage.APPROVED)
    standard.collect_pending()
    event = standard.publish(1, 4, D("2024-02-29"), None, POLICY)
    assert event.number == "T/NMB 0001\u20142024" and (event.sequence, event.year) == (1, 2024)
    assert event.effective_on == "2024-02-29"  # defaults to the publication date
    assert event.review_due_on == "2029-02-28"
    assert (event.title, event.league_code, list(event.plan_sectors)) == (
        "呼和浩特老字号评定规范", "150100", [plan.PLAN_SECTOR_WHOLESALE_RETAIL])
    assert standard.collect_pending() == [event]


def test_periodic_review_outcomes() -> None:
    cont = at(Stage.UNDER_PERIODIC_REVIEW)
    cont.collect_pending()
    cont.conclude_periodic_review(events.PERIODIC_REVIEW_OUTCOME_CONTINUE, D("2026-07-01"), "继续有效", POLICY)
    (event,) = cont.collect_pending()
    assert event.next_review_due_on == "2031-07-01" and cont.stage == Stage.PUBLISHED

    revise = at(Stage.UNDER_PERIODIC_REVIEW)
    revise.conclude_periodic_review(events.PERIODIC_REVIEW_OUTCOME_REVISE, D("2026-07-01"), "修订", POLICY)
    assert revise.stage == Stage.DRAFTING
    revise.open_comment(D("2026-08-01"), D("2026-09-01"), POLICY)  # a revision goes through comment and review again
    revise.review(D("2026-09-02"), 0, 5, 5, POLICY)
    revise.approve(D("2026-09-10"))
    revise.publish(15, 3, D("2027-01-05"), None, POLICY)  # and is published under a new number
    assert revise.published.number == "T/NMB 015\u20142027"

    abolish = at(Stage.UNDER_PERIODIC_REVIEW)
    abolish.collect_pending()
    abolish.conclude_periodic_review(events.PERIODIC_REVIEW_OUTCOME_ABOLISH, D("2026-07-01"), "废止", POLICY)
    assert pending_types(abolish) == ["GroupStandardPeriodicReviewConcluded", "GroupStandardAbolished"]
    assert abolish.stage == Stage.ABOLISHED


def test_stage_after_each_event() -> None:
    assert stage_after(events.GroupStandardTechnicallyReviewed(passed=False)) == Stage.DRAFTING
    assert stage_after(events.GroupStandardPeriodicReviewConcluded(
        outcome=events.PERIODIC_REVIEW_OUTCOME_REVISE)) == Stage.DRAFTING
    assert stage_after(events.GroupStandardTranslated()) is None


def test_conversion_requests_need_the_standard_in_force_and_are_decided_once() -> None:
    standard = at(Stage.PUBLISHED)  # in force from 2022-07-01
    refused("STANDARD_NOT_IN_FORCE", standard.request_conversion, "r1", events.STANDARD_LEVEL_LOCAL, D("2022-06-15"))
    standard.request_conversion("r1", events.STANDARD_LEVEL_LOCAL, D("2023-01-01"))
    with pytest.raises(AlreadyExistsError):
        standard.request_conversion("r1", events.STANDARD_LEVEL_NATIONAL, D("2023-01-01"))
    refused("CONVERSION_ALREADY_PENDING", standard.request_conversion, "r2", events.STANDARD_LEVEL_LOCAL, D("2023-01-01"))
    with pytest.raises(NotFoundError):
        standard.decide_conversion("nope", True, D("2023-06-01"), "DB15/T 1508\u20142024", "")
    refused("CONVERTED_NUMBER_DOES_NOT_MATCH_LEVEL", standard.decide_conversion, "r1", True, D("2023-06-01"),
            "GB/T 1\u20142024", "")
    refused("DATE_BEFORE_PREVIOUS_STEP", standard.decide_conversion, "r1", False, D("2022-12-31"), "", "no")
    standard.decide_conversion("r1", True, D("2023-06-01"), "DB15/T 1508\u20142024", "")
    refused("CONVERSION_ALREADY_DECIDED", standard.decide_conversion, "r1", False, D("2023-06-02"), "", "no")
    standard.request_conversion("r2", events.STANDARD_LEVEL_LOCAL, D("2023-07-01"))  # decided: a new request may follow


def test_translations_once_per_language() -> None:
    standard = at(Stage.PUBLISHED)
    standard.record_translation("en", "某翻译公司", D("2022-08-01"))
    standard.record_translation("mn", "某翻译公司", D("2022-08-01"))
    with pytest.raises(AlreadyExistsError):
        standard.record_translation("en", "other", D("2022-09-01"))
    assert standard.languages == {"en", "mn"}


def test_leader_recommendation_listing_and_revocation() -> None:
    standard = at(Stage.PUBLISHED)
    refused("LEADER_NOT_RECOMMENDED", standard.record_leader_listing, 2022, D("2022-12-01"))
    refused("STANDARD_NOT_IN_FORCE", standard.recommend_leader, 2022, D("2022-06-15"))
    standard.collect_pending()
    standard.recommend_leader(2022, D("2022-08-01"))
    (event,) = standard.collect_pending()
    assert (event.number, event.league_code, event.org_code, event.title) == (
        "T/NMB 14\u20142022", "150100", "NMB", "呼和浩特老字号评定规范")
    refused("LEADER_ALREADY_RECOMMENDED", standard.recommend_leader, 2022, D("2022-08-02"))
    refused("DATE_BEFORE_PREVIOUS_STEP", standard.record_leader_listing, 2022, D("2022-07-31"))
    standard.record_leader_listing(2022, D("2022-12-01"))
    refused("LEADER_ALREADY_LISTED", standard.record_leader_listing, 2022, D("2022-12-02"))
    standard.revoke_leader(2022, D("2023-03-01"), "national list adjusted")
    refused("LEADER_REVOKED", standard.revoke_leader, 2022, D("2023-03-02"), "again")
    refused("LEADER_REVOKED", standard.record_leader_listing, 2022, D("2023-03-02"))
    standard.recommend_leader(2023, D("2023-04-01"))  # another year
    assert pending_types(standard) == ["LeaderListed", "LeaderRevoked", "LeaderRecommended"]


def test_group_standard_state_survives_a_reload(tmp_path) -> None:
    store = SqliteEventStore(tmp_path / "events.db")
    repository = Repository(store, GroupStandard)
    standard = at(Stage.UNDER_PERIODIC_REVIEW)
    standard.record_translation("en", "t", D("2026-06-02"))
    repository.save(standard, Metadata())
    reloaded = repository.load(STANDARD)
    assert (reloaded.stage, reloaded.version, reloaded.languages) == (Stage.UNDER_PERIODIC_REVIEW, standard.version, {"en"})
    assert reloaded.published.number == "T/NMB 14\u20142022" and reloaded.last_step_on == D("2026-06-01")
    stale = repository.load(STANDARD)
    reloaded.abolish(D("2026-07-01"), "x")
    stale.abolish(D("2026-07-01"), "y")
    repository.save(reloaded, Metadata())
    with pytest.raises(ConcurrencyError):
        repository.save(stale, Metadata())
    store.close()


# ---------------------------------------------------------------------------------------------
# Claims, self-declarations, forerunner lists, training


def test_a_number_claim_has_one_holder_at_a_time() -> None:
    claim = NumberClaim("standardNumbers/T-NMB-14-2022")
    assert claim.claim("T/NMB 14\u20142022", STANDARD, D("2022-06-01"))
    assert not claim.claim("T/NMB 14\u20142022", STANDARD, D("2022-06-01"))  # the holder again: nothing new
    with pytest.raises(AlreadyExistsError, match="already used by chambers/NMB/groupStandards/heritage-brands"):
        claim.claim("T/NMB 14\u20142022", "chambers/NMB/groupStandards/other", D("2022-06-01"))
    claim.release("T/NMB 14\u20142022", "chambers/NMB/groupStandards/other", D("2022-06-02"))  # not the holder: nothing
    claim.release("T/NMB 14\u20142022", STANDARD, D("2022-06-02"))
    assert claim.claim("T/NMB 14\u20142022", "chambers/NMB/groupStandards/other", D("2022-06-03"))
    assert pending_types(claim) == ["StandardNumberClaimed", "StandardNumberReleased", "StandardNumberClaimed"]


def content(number: str = "Q/HHR 0001\u20142022") -> events.DeclarationContent:
    return events.DeclarationContent(standard_number=number, standard_name="纯牛奶", kind=events.DECLARED_STANDARD_KIND_ENTERPRISE,
                                     products=[events.DeclaredProduct(name="纯牛奶")],
                                     indicators=[events.DeclaredIndicator(name="蛋白质", value=3.2, unit="g/100g",
                                                                          kind=events.INDICATOR_KIND_PERFORMANCE)])


def test_self_declaration_lifecycle() -> None:
    declaration = SelfDeclaration(names.declaration_name(USCC, "milk"))
    refused("ENTERPRISE_NOT_REGISTERED", declaration.declare, Enterprise(ENTERPRISE), content(), D("2022-05-01"))
    declaration.declare(registered_enterprise(), content(), D("2022-05-01"))
    assert (declaration.league_code, declaration.number) == ("150100", "Q/HHR 0001\u20142022")
    with pytest.raises(AlreadyExistsError):
        declaration.declare(registered_enterprise(), content(), D("2022-05-01"))
    refused("DATE_BEFORE_PREVIOUS_STEP", declaration.update, content(), D("2022-04-30"))
    declaration.update(content("Q/HHR 0002\u20142023"), D("2023-01-01"))
    assert declaration.number == "Q/HHR 0002\u20142023"
    declaration.withdraw(D("2023-06-01"), "product discontinued")
    refused("DECLARATION_WITHDRAWN", declaration.update, content(), D("2023-07-01"))
    refused("DECLARATION_WITHDRAWN", declaration.withdraw, D("2023-07-01"), "")
    with pytest.raises(NotFoundError):
        SelfDeclaration("enterprises/x/declarations/y").withdraw(D("2023-07-01"), "")


def listing(assessment: str, declaration: str = "enterprises/X/declarations/d1") -> events.ForerunnerListed:
    return events.ForerunnerListed(forerunner_list="forerunners/2022/milk", year=2022, key_field="乳制品",
                                   declaration=declaration, assessment=assessment, listed_on="2022-11-01")


def test_forerunner_list_is_idempotent_and_revocable() -> None:
    forerunners = ForerunnerList("forerunners/2022/milk")
    assert forerunners.list_declaration(listing("a/1"))
    assert not forerunners.list_declaration(listing("a/1"))  # redelivered
    assert not forerunners.list_declaration(listing("a/2"))  # already listed by another assessment
    assert not forerunners.revoke("a/2", "2023-01-01", "not the listing one")
    assert forerunners.revoke("a/1", "2023-01-01", "dynamic adjustment")
    assert not forerunners.revoke("a/1", "2023-01-01", "again")
    assert forerunners.list_declaration(listing("a/3"))  # listed again after revocation
    assert pending_types(forerunners) == ["ForerunnerListed", "ForerunnerRevoked", "ForerunnerListed"]


def test_forerunner_link_is_written_once() -> None:
    link = ForerunnerAssessmentLink("forerunnerAssessments/a/1")
    link.link("a/1", "forerunners/2022/milk", "enterprises/X/declarations/d1")
    link.link("a/1", "forerunners/2022/milk", "enterprises/X/declarations/d1")
    assert pending_types(link) == ["ForerunnerAssessmentLinked"] and link.forerunner_list == "forerunners/2022/milk"


def test_validity_and_anniversaries() -> None:
    assert forerunner_valid_until(D("2022-11-01"), POLICY) == D("2023-10-31")
    assert forerunner_valid_until(D("2022-11-01"), RegistryPolicy(forerunner_validity_years=2)) == D("2024-10-31")
    assert add_years(D("2024-02-29"), 1) == D("2025-02-28")


def trainee(person: str, enterprise: str = ENTERPRISE) -> events.Trainee:
    return events.Trainee(person_name=person, enterprise=enterprise)


def test_training_batch_trainees_are_recorded_once() -> None:
    batch = TrainingBatch("trainingBatches/hohhot-2022-1")
    with pytest.raises(NotFoundError):
        batch.record_trainees([trainee("张三")])
    batch.hold("150100", events.TRAINING_FORMAT_LECTURE, "标准化培训", D("2022-04-01"), "呼和浩特市工商联", [trainee("张三")])
    with pytest.raises(AlreadyExistsError):
        batch.require_new()
    refused("TRAINEE_ALREADY_RECORDED", batch.record_trainees, [trainee("李四"), trainee("张三")])
    batch.record_trainees([trainee("李四"), trainee("张三", "enterprises/OTHER")])
    assert len(batch.trainees) == 3 and batch.league_code == "150100"
