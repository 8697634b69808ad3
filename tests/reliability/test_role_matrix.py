"""The role x command matrix: every RPC of every service, called by every kind of caller.

The table below is the policy, written out by hand (not derived from the handlers): which callers a
method admits. Every RPC of the services' descriptors must have a row. Each method is called with a
valid request for resources prepared in the embedded suite (the league 150100, its enterprise, the
chamber NMB and its standards, the evaluation body's evaluations, the league's 2022 report), by:

* no token and a bad token: UNAUTHENTICATED, everywhere;
* a caller the row does not admit: PERMISSION_DENIED;
* a caller the row admits: anything but PERMISSION_DENIED or UNAUTHENTICATED, and never INTERNAL or
  UNKNOWN (a command may well be refused for the resource's state: the matrix checks who may ask,
  not what follows).

Denied callers go first, so that no admitted command changes a resource before they are checked.
The same requests against an empty suite show that a caller whose role no admitted caller has is
refused before anything is looked up (it learns nothing of whether the resource exists); only a
caller of an admitted role but outside the scope may hear NOT_FOUND there, as the scope is the
resource's.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from google.protobuf import message_factory

from fedstd.assessment.v1 import assessment_service_pb2 as assessment
from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.audit.v1 import audit_service_pb2 as audit
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import events_pb2 as reporting_events
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.config import SERVICES, Settings
from services.common.runtime import Suite
from services.demo import EVALUATION_BODY, synthetic_uscc

ISSUER = TokenIssuer.generate()
TIMEOUT = 30.0

# -- the callers -------------------------------------------------------------------------------------

REGION, LEAGUE, OTHER_LEAGUE, CHAMBER, EVALUATOR, PARTNER = (
    "region", "league 150100", "league 150200", "chamber NMB", "evaluator", "partner of 150100")
NO_TOKEN, BAD_TOKEN = "no token", "bad token"
TOKENS: dict[str, str | None] = {
    NO_TOKEN: None,
    BAD_TOKEN: TokenIssuer.generate().issue(Role.REGION),  # signed with a key the suite does not know
    REGION: ISSUER.issue(Role.REGION),
    LEAGUE: ISSUER.issue(Role.LEAGUE, "150100"),
    OTHER_LEAGUE: ISSUER.issue(Role.LEAGUE, "150200"),
    CHAMBER: ISSUER.issue(Role.CHAMBER, "NMB"),
    EVALUATOR: ISSUER.issue(Role.EVALUATOR, EVALUATION_BODY),
    PARTNER: ISSUER.issue(Role.PARTNER, "gansu", leagues=("150100",)),
}
ROLES = {REGION: Role.REGION, LEAGUE: Role.LEAGUE, OTHER_LEAGUE: Role.LEAGUE, CHAMBER: Role.CHAMBER,
         EVALUATOR: Role.EVALUATOR, PARTNER: Role.PARTNER}

# -- the policy: who may call what -------------------------------------------------------------------

EVERYONE = frozenset({REGION, LEAGUE, OTHER_LEAGUE, CHAMBER, EVALUATOR, PARTNER})
REGION_ONLY = frozenset({REGION})
ITS_LEAGUE = frozenset({REGION, LEAGUE})
ITS_CHAMBER = frozenset({REGION, CHAMBER})
ITS_EVALUATOR = frozenset({REGION, EVALUATOR})
#: A league's annual report is written by that league; the region reviews it (returns, accepts), it does not write it.
REPORTING_LEAGUE = frozenset({LEAGUE})

MATRIX: dict[str, frozenset[str]] = {
    # registry: federations and the committee are the region's
    "RegistryService.RegisterFederation": REGION_ONLY,
    "RegistryService.GetFederation": EVERYONE,
    "RegistryService.ListFederations": EVERYONE,
    "RegistryService.AppointCommitteeMember": REGION_ONLY,
    "RegistryService.RemoveCommitteeMember": REGION_ONLY,
    "RegistryService.GetCommitteeMember": EVERYONE,
    "RegistryService.ListCommitteeMembers": EVERYONE,
    # chambers: registered by the league of their federation; pilots chosen by the region; the rest the chamber's
    "RegistryService.RegisterChamber": ITS_LEAGUE,
    "RegistryService.SelectChamberAsPilot": REGION_ONLY,
    "RegistryService.DeclareChamberCommitment": ITS_CHAMBER,
    "RegistryService.RegisterChamberOnPlatform": ITS_CHAMBER,
    "RegistryService.GetChamber": EVERYONE,
    "RegistryService.ListChambers": EVERYONE,
    # enterprises: their league's federation
    "RegistryService.RegisterEnterprise": ITS_LEAGUE,
    "RegistryService.ImportEnterprises": ITS_LEAGUE,
    "RegistryService.ChangeEnterpriseDetails": ITS_LEAGUE,
    "RegistryService.JoinChamber": ITS_LEAGUE,
    "RegistryService.LeaveChamber": ITS_LEAGUE,
    "RegistryService.EnrolInBrandPilot": ITS_LEAGUE,
    "RegistryService.WithdrawFromBrandPilot": ITS_LEAGUE,
    "RegistryService.GetEnterprise": EVERYONE,
    "RegistryService.ListEnterprises": EVERYONE,
    # group standards: the chamber's; conversion decisions and leaders the region's
    "RegistryService.ProposeGroupStandard": ITS_CHAMBER,
    "RegistryService.ApproveGroupStandardForDrafting": ITS_CHAMBER,
    "RegistryService.StartGroupStandardDrafting": ITS_CHAMBER,
    "RegistryService.OpenGroupStandardComment": ITS_CHAMBER,
    "RegistryService.ReviewGroupStandard": ITS_CHAMBER,
    "RegistryService.ApproveGroupStandard": ITS_CHAMBER,
    "RegistryService.PublishGroupStandard": ITS_CHAMBER,
    "RegistryService.StartGroupStandardPeriodicReview": ITS_CHAMBER,
    "RegistryService.ConcludeGroupStandardPeriodicReview": ITS_CHAMBER,
    "RegistryService.AbolishGroupStandard": ITS_CHAMBER,
    "RegistryService.RequestGroupStandardConversion": ITS_CHAMBER,
    "RegistryService.DecideGroupStandardConversion": REGION_ONLY,
    "RegistryService.RecordGroupStandardTranslation": ITS_CHAMBER,
    "RegistryService.GetGroupStandard": EVERYONE,
    "RegistryService.ListGroupStandards": EVERYONE,
    "RegistryService.RecommendLeader": REGION_ONLY,
    "RegistryService.RecordLeaderListing": REGION_ONLY,
    "RegistryService.RevokeLeader": REGION_ONLY,
    "RegistryService.ListLeaders": EVERYONE,
    # self-declarations and training: the league's
    "RegistryService.DeclareStandard": ITS_LEAGUE,
    "RegistryService.UpdateSelfDeclaration": ITS_LEAGUE,
    "RegistryService.WithdrawSelfDeclaration": ITS_LEAGUE,
    "RegistryService.GetSelfDeclaration": EVERYONE,
    "RegistryService.ListSelfDeclarations": EVERYONE,
    "RegistryService.ListForerunners": EVERYONE,
    "RegistryService.RecordTrainingBatch": ITS_LEAGUE,
    "RegistryService.RecordTrainees": ITS_LEAGUE,
    "RegistryService.GetTrainingBatch": EVERYONE,
    "RegistryService.ListTrainingBatches": EVERYONE,
    # assessment: evaluations are the evaluation body's; the leader review the region's
    "AssessmentService.RecordBrandEvaluation": ITS_EVALUATOR,
    "AssessmentService.GetBrandEvaluation": EVERYONE,
    "AssessmentService.GetBrandLevel": EVERYONE,
    "AssessmentService.PublishForerunnerScheme": ITS_EVALUATOR,
    "AssessmentService.GetForerunnerScheme": EVERYONE,
    "AssessmentService.ListForerunnerSchemes": EVERYONE,
    "AssessmentService.ListForerunnerCandidates": EVERYONE,
    "AssessmentService.RankForerunnerScheme": ITS_EVALUATOR,
    "AssessmentService.RecordForerunnerCommitment": ITS_EVALUATOR,
    "AssessmentService.OpenForerunnerPublicNotice": ITS_EVALUATOR,
    "AssessmentService.FinalizeForerunnerList": ITS_EVALUATOR,
    "AssessmentService.RecordGoodBehaviourEvaluation": ITS_EVALUATOR,
    "AssessmentService.RecordLeaderReviewScore": REGION_ONLY,
    "AssessmentService.PublishLeaderShortlist": REGION_ONLY,
    "AssessmentService.GetLeaderReview": EVERYONE,
    "AssessmentService.RevokeAssessment": ITS_EVALUATOR,
    "AssessmentService.GetAssessment": EVERYONE,
    "AssessmentService.ListAssessments": EVERYONE,
    # reporting
    "ReportingService.SubmitAnnualReport": REPORTING_LEAGUE,
    "ReportingService.ResubmitAnnualReport": REPORTING_LEAGUE,
    "ReportingService.ReturnAnnualReport": REGION_ONLY,
    "ReportingService.AcceptAnnualReport": REGION_ONLY,
    "ReportingService.GetAnnualReport": EVERYONE,
    "ReportingService.ListAnnualReports": EVERYONE,
    "ReportingService.GetReportCrossCheck": EVERYONE,
    "ReportingService.GetFederationProgress": EVERYONE,
    "ReportingService.WatchFederationProgress": EVERYONE,
    "ReportingService.GetBrandDevelopmentReport": EVERYONE,
    # the audit trail of each service, asked about a resource of the league 150100: the region, that league, and
    # the evaluation body for its evaluation; never partners
    "registry/AuditService.ListResourceEvents": ITS_LEAGUE,
    "assessment/AuditService.ListResourceEvents": frozenset({REGION, LEAGUE, EVALUATOR}),
    "reporting/AuditService.ListResourceEvents": ITS_LEAGUE,
}

# -- the prepared resources and one valid request per method -------------------------------------------

USCC = synthetic_uscc("150100", 1)
ENTERPRISE = f"enterprises/{USCC}"
STANDARD = "chambers/NMB/groupStandards/dairy"
KEY_FIELD = "乳制品"
DECLARATION = f"{ENTERPRISE}/declarations/milk"
BATCH = "trainingBatches/hohhot-2022-1"
MEMBER = "committee/members/secretariat-1"
SCHEME = "forerunnerSchemes/dairy-2022"
BRAND_EVALUATION = f"{ENTERPRISE}/brandEvaluations/1"
GOOD_BEHAVIOUR = "chambers/NMB/goodBehaviourEvaluations/1"
LEADER = f"{STANDARD}/leaders/2023"
REPORT = "leagues/150100/annualReports/2022"
CHECKLIST = {"id": "gbt20004", "pass_points": 60, "groups": {"organization": 40, "procedure": 60}}
SCORES = assessment_events.BrandScores(capability=140, quality=280, reputation=200, culture=120, influence=110)
CONTENT = registry_events.DeclarationContent(
    standard_number="Q/SYN1 0001—2022", standard_name="纯牛奶", kind=registry_events.DECLARED_STANDARD_KIND_ENTERPRISE,
    products=[registry_events.DeclaredProduct(name="纯牛奶")], key_field=KEY_FIELD,
    indicators=[registry_events.DeclaredIndicator(name="蛋白质", value=3.4, unit="g/100g",
                                                  kind=registry_events.INDICATOR_KIND_PERFORMANCE)])
DETAILS = dict(display_name="示例企业", division_code="150102", industry_section="C",
               plan_sectors=[plan.PLAN_SECTOR_MANUFACTURING], size_class=registry_events.SIZE_CLASS_SMALL)
FIGURES = reporting_events.ReportFigures(private_enterprises=30, evaluated_enterprises=1)
TRAINEE = registry_events.Trainee(person_name="张三", enterprise=ENTERPRISE)
R, A, P = registry, assessment, reporting

REQUESTS = {
    "RegistryService.RegisterFederation": R.RegisterFederationRequest(division_code="150102", registered_on="2021-09-02"),
    "RegistryService.GetFederation": R.GetFederationRequest(name="federations/150100"),
    "RegistryService.ListFederations": R.ListFederationsRequest(league_code="150100"),
    "RegistryService.AppointCommitteeMember": R.AppointCommitteeMemberRequest(
        member_id="expert-2", person_name="示例专家", organisation="示例单位",
        group=registry_events.COMMITTEE_GROUP_SECRETARIAT, appointed_on="2021-10-01"),
    "RegistryService.RemoveCommitteeMember": R.RemoveCommitteeMemberRequest(name=MEMBER, removed_on="2022-09-20", reason="换届"),
    "RegistryService.GetCommitteeMember": R.GetCommitteeMemberRequest(name=MEMBER),
    "RegistryService.ListCommitteeMembers": R.ListCommitteeMembersRequest(),
    "RegistryService.RegisterChamber": R.RegisterChamberRequest(org_code="HHT", display_name="示例商会",
                                                                federation="federations/150100", registered_on="2021-10-01"),
    "RegistryService.SelectChamberAsPilot": R.SelectChamberAsPilotRequest(name="chambers/NMB", year=2022, selected_on="2022-01-01"),
    "RegistryService.DeclareChamberCommitment": R.DeclareChamberCommitmentRequest(
        name="chambers/NMB", declared_on="2022-01-05", statement="自我承诺声明"),
    "RegistryService.RegisterChamberOnPlatform": R.RegisterChamberOnPlatformRequest(
        name="chambers/NMB", registered_on="2022-01-10", platform_account="NMB-001"),
    "RegistryService.GetChamber": R.GetChamberRequest(name="chambers/NMB"),
    "RegistryService.ListChambers": R.ListChambersRequest(league_code="150100"),
    "RegistryService.RegisterEnterprise": R.RegisterEnterpriseRequest(
        uscc=synthetic_uscc("150100", 2), is_private=True, registered_on="2022-01-10", **DETAILS),
    "RegistryService.ImportEnterprises": R.ImportEnterprisesRequest(records=[R.EnterpriseImportRecord(
        enterprise=R.RegisterEnterpriseRequest(uscc=synthetic_uscc("150100", 3), is_private=True,
                                               registered_on="2022-01-10", **DETAILS))]),
    "RegistryService.ChangeEnterpriseDetails": R.ChangeEnterpriseDetailsRequest(name=ENTERPRISE, changed_on="2022-06-01", **DETAILS),
    "RegistryService.JoinChamber": R.JoinChamberRequest(name=ENTERPRISE, chamber="chambers/NMB", joined_on="2022-02-01"),
    "RegistryService.LeaveChamber": R.LeaveChamberRequest(name=ENTERPRISE, chamber="chambers/NMB", left_on="2022-12-01"),
    "RegistryService.EnrolInBrandPilot": R.EnrolInBrandPilotRequest(name=ENTERPRISE, year=2022, enrolled_on="2022-02-01"),
    "RegistryService.WithdrawFromBrandPilot": R.WithdrawFromBrandPilotRequest(name=ENTERPRISE, withdrawn_on="2023-12-01"),
    "RegistryService.GetEnterprise": R.GetEnterpriseRequest(name=ENTERPRISE),
    "RegistryService.ListEnterprises": R.ListEnterprisesRequest(league_code="150100"),
    "RegistryService.ProposeGroupStandard": R.ProposeGroupStandardRequest(
        parent="chambers/NMB", standard_id="another", title="示例标准", scope="示例", proposed_on="2022-03-01"),
    "RegistryService.ApproveGroupStandardForDrafting": R.ApproveGroupStandardForDraftingRequest(name=STANDARD, approved_on="2022-01-20"),
    "RegistryService.StartGroupStandardDrafting": R.StartGroupStandardDraftingRequest(
        name=STANDARD, started_on="2022-01-25", drafting_units=["示例单位"]),
    "RegistryService.OpenGroupStandardComment": R.OpenGroupStandardCommentRequest(
        name=STANDARD, opened_on="2022-02-01", closes_on="2022-03-05"),
    "RegistryService.ReviewGroupStandard": R.ReviewGroupStandardRequest(
        name=STANDARD, reviewed_on="2022-03-10", comments_received=3, votes_for=5, votes_cast=5),
    "RegistryService.ApproveGroupStandard": R.ApproveGroupStandardRequest(name=STANDARD, approved_on="2022-03-15"),
    "RegistryService.PublishGroupStandard": R.PublishGroupStandardRequest(name=STANDARD, sequence=21, published_on="2022-03-20"),
    "RegistryService.StartGroupStandardPeriodicReview": R.StartGroupStandardPeriodicReviewRequest(name=STANDARD, started_on="2025-03-20"),
    "RegistryService.ConcludeGroupStandardPeriodicReview": R.ConcludeGroupStandardPeriodicReviewRequest(
        name=STANDARD, outcome=registry_events.PERIODIC_REVIEW_OUTCOME_CONTINUE, concluded_on="2025-04-20", report="示例"),
    "RegistryService.AbolishGroupStandard": R.AbolishGroupStandardRequest(name=STANDARD, abolished_on="2026-01-01", reason="示例"),
    "RegistryService.RequestGroupStandardConversion": R.RequestGroupStandardConversionRequest(
        name=STANDARD, request_id="db15", target_level=registry_events.STANDARD_LEVEL_LOCAL, requested_on="2022-05-01"),
    "RegistryService.DecideGroupStandardConversion": R.DecideGroupStandardConversionRequest(
        name=STANDARD, request_id="db15", accepted=False, decided_on="2022-06-01", reason="示例"),
    "RegistryService.RecordGroupStandardTranslation": R.RecordGroupStandardTranslationRequest(
        name=STANDARD, language="en", translator="示例", published_on="2022-06-01"),
    "RegistryService.GetGroupStandard": R.GetGroupStandardRequest(name=STANDARD),
    "RegistryService.ListGroupStandards": R.ListGroupStandardsRequest(org_code="NMB"),
    "RegistryService.RecommendLeader": R.RecommendLeaderRequest(group_standard=STANDARD, year=2022, recommended_on="2022-09-01"),
    "RegistryService.RecordLeaderListing": R.RecordLeaderListingRequest(name=LEADER, listed_on="2023-10-01"),
    "RegistryService.RevokeLeader": R.RevokeLeaderRequest(name=LEADER, revoked_on="2023-11-01", reason="示例"),
    "RegistryService.ListLeaders": R.ListLeadersRequest(year=2023),
    "RegistryService.DeclareStandard": R.DeclareStandardRequest(
        parent=ENTERPRISE, declaration_id="other", content=CONTENT, disclosed_on="2022-05-02"),
    "RegistryService.UpdateSelfDeclaration": R.UpdateSelfDeclarationRequest(name=DECLARATION, content=CONTENT, updated_on="2022-06-01"),
    "RegistryService.WithdrawSelfDeclaration": R.WithdrawSelfDeclarationRequest(name=DECLARATION, withdrawn_on="2023-12-01"),
    "RegistryService.GetSelfDeclaration": R.GetSelfDeclarationRequest(name=DECLARATION),
    "RegistryService.ListSelfDeclarations": R.ListSelfDeclarationsRequest(enterprise=ENTERPRISE),
    "RegistryService.ListForerunners": R.ListForerunnersRequest(year=2022),
    "RegistryService.RecordTrainingBatch": R.RecordTrainingBatchRequest(
        batch_id="hohhot-2022-2", league_code="150100", format=registry_events.TRAINING_FORMAT_LECTURE, title="示例讲座",
        held_on="2022-05-15", organiser="示例", trainees=[TRAINEE]),
    "RegistryService.RecordTrainees": R.RecordTraineesRequest(
        name=BATCH, trainees=[registry_events.Trainee(person_name="李四", enterprise=ENTERPRISE)]),
    "RegistryService.GetTrainingBatch": R.GetTrainingBatchRequest(name=BATCH),
    "RegistryService.ListTrainingBatches": R.ListTrainingBatchesRequest(league_code="150100"),
    "AssessmentService.RecordBrandEvaluation": A.RecordBrandEvaluationRequest(
        uscc=USCC, evaluator=f"evaluators/{EVALUATION_BODY}", scores=SCORES, evaluated_on="2023-06-30"),
    "AssessmentService.GetBrandEvaluation": A.GetBrandEvaluationRequest(name=BRAND_EVALUATION),
    "AssessmentService.GetBrandLevel": A.GetBrandLevelRequest(enterprise=ENTERPRISE),
    "AssessmentService.PublishForerunnerScheme": A.PublishForerunnerSchemeRequest(
        scheme_id="dairy-other", year=2022, key_field=KEY_FIELD, group_standard=STANDARD,
        evaluator=f"evaluators/{EVALUATION_BODY}", published_on="2022-06-01",
        core_indicators=[assessment_events.CoreIndicator(
            name="蛋白质", unit="g/100g", direction=assessment_events.INDICATOR_DIRECTION_HIGHER_IS_BETTER, weight=1)],
        selection_rule=assessment_events.SelectionRule(top_n=1)),
    "AssessmentService.GetForerunnerScheme": A.GetForerunnerSchemeRequest(name=SCHEME),
    "AssessmentService.ListForerunnerSchemes": A.ListForerunnerSchemesRequest(year=2022),
    "AssessmentService.ListForerunnerCandidates": A.ListForerunnerCandidatesRequest(scheme=SCHEME),
    "AssessmentService.RankForerunnerScheme": A.RankForerunnerSchemeRequest(scheme=SCHEME, published_on="2022-09-20"),
    "AssessmentService.RecordForerunnerCommitment": A.RecordForerunnerCommitmentRequest(
        scheme=SCHEME, declaration=DECLARATION, received_on="2022-09-25"),
    "AssessmentService.OpenForerunnerPublicNotice": A.OpenForerunnerPublicNoticeRequest(
        scheme=SCHEME, opened_on="2022-10-01", closes_on="2022-10-10"),
    "AssessmentService.FinalizeForerunnerList": A.FinalizeForerunnerListRequest(scheme=SCHEME, finalized_on="2022-11-01"),
    "AssessmentService.RecordGoodBehaviourEvaluation": A.RecordGoodBehaviourEvaluationRequest(
        chamber="chambers/NMB", evaluator=f"evaluators/{EVALUATION_BODY}", checklist="checklists/gbt20004",
        evaluated_on="2022-08-02", groups=[A.ChecklistGroupPoints(group="organization", points=35),
                                           A.ChecklistGroupPoints(group="procedure", points=50)]),
    "AssessmentService.RecordLeaderReviewScore": A.RecordLeaderReviewScoreRequest(
        year=2023, group_standard=STANDARD, expert="i1", internal=True, score=80, recorded_on="2023-09-05"),
    "AssessmentService.PublishLeaderShortlist": A.PublishLeaderShortlistRequest(year=2023, shortlist_size=1, published_on="2023-09-10"),
    "AssessmentService.GetLeaderReview": A.GetLeaderReviewRequest(name="leaderReviews/2023"),
    "AssessmentService.RevokeAssessment": A.RevokeAssessmentRequest(name=BRAND_EVALUATION, revoked_on="2023-08-01", reason="示例"),
    "AssessmentService.GetAssessment": A.GetAssessmentRequest(name=BRAND_EVALUATION),
    "AssessmentService.ListAssessments": A.ListAssessmentsRequest(league_code="150100"),
    "ReportingService.SubmitAnnualReport": P.SubmitAnnualReportRequest(league_code="150100", year=2023, narrative="示例", figures=FIGURES),
    "ReportingService.ResubmitAnnualReport": P.ResubmitAnnualReportRequest(name=REPORT, narrative="示例", figures=FIGURES),
    "ReportingService.ReturnAnnualReport": P.ReturnAnnualReportRequest(
        name=REPORT, issues=[reporting_events.ReportIssue(figure="trainees", description="示例")]),
    "ReportingService.AcceptAnnualReport": P.AcceptAnnualReportRequest(name=REPORT),
    "ReportingService.GetAnnualReport": P.GetAnnualReportRequest(name=REPORT),
    "ReportingService.ListAnnualReports": P.ListAnnualReportsRequest(league_code="150100"),
    "ReportingService.GetReportCrossCheck": P.GetReportCrossCheckRequest(name=f"{REPORT}/crossCheck"),
    "ReportingService.GetFederationProgress": P.GetFederationProgressRequest(),
    "ReportingService.WatchFederationProgress": P.WatchFederationProgressRequest(),
    "ReportingService.GetBrandDevelopmentReport": P.GetBrandDevelopmentReportRequest(year=2022),
    "registry/AuditService.ListResourceEvents": audit.ListResourceEventsRequest(resource=ENTERPRISE),
    "assessment/AuditService.ListResourceEvents": audit.ListResourceEventsRequest(resource=BRAND_EVALUATION),
    "reporting/AuditService.ListResourceEvents": audit.ListResourceEventsRequest(resource=REPORT),
}


@dataclass(frozen=True)
class Method:
    """One RPC as the servers' descriptors describe it."""

    key: str  # the row of MATRIX
    service: str  # which of the suite's servers
    path: str
    output: type
    client_streaming: bool
    server_streaming: bool


def _methods() -> list[Method]:
    from fedstd.assessment.v1 import assessment_service_pb2
    from fedstd.registry.v1 import registry_service_pb2
    from fedstd.reporting.v1 import reporting_service_pb2

    found = []
    for service, module in (("registry", registry_service_pb2), ("assessment", assessment_service_pb2),
                            ("reporting", reporting_service_pb2)):
        for descriptor, key_prefix in ((next(iter(module.DESCRIPTOR.services_by_name.values())), ""),
                                       (audit.DESCRIPTOR.services_by_name["AuditService"], f"{service}/")):
            for method in descriptor.methods:
                found.append(Method(f"{key_prefix}{descriptor.name}.{method.name}", service,
                                    f"/{descriptor.full_name}/{method.name}",
                                    message_factory.GetMessageClass(method.output_type), method.client_streaming,
                                    method.server_streaming))
    return found


METHODS = _methods()


def test_the_matrix_has_a_row_and_a_request_for_every_rpc() -> None:
    keys = [m.key for m in METHODS]
    assert sorted(MATRIX) == sorted(keys) == sorted(REQUESTS)


# -- the suite -----------------------------------------------------------------------------------------


def _prepare(ports: dict[str, int]) -> None:
    """The resources the requests name, each made by the caller whose job it is."""
    from fedstd.assessment.v1 import assessment_service_pb2_grpc as assessment_grpc
    from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc

    def stub(service: str, factory, caller: str):
        return factory(channel(f"127.0.0.1:{ports[service]}", TOKENS[caller]))

    region, league, chamber = (stub("registry", registry_grpc.RegistryServiceStub, c) for c in (REGION, LEAGUE, CHAMBER))
    evaluator = stub("assessment", assessment_grpc.AssessmentServiceStub, EVALUATOR)
    for code in ("150000", "150100", "150200"):
        region.RegisterFederation(R.RegisterFederationRequest(division_code=code, registered_on="2021-09-01"), timeout=TIMEOUT)
    region.AppointCommitteeMember(R.AppointCommitteeMemberRequest(
        member_id="secretariat-1", person_name="示例人员", organisation="示例单位",
        group=registry_events.COMMITTEE_GROUP_SECRETARIAT, appointed_on="2021-09-20"), timeout=TIMEOUT)
    league.RegisterChamber(R.RegisterChamberRequest(org_code="NMB", display_name="内蒙古品牌促进会",
                                                    federation="federations/150100", registered_on="2021-09-15"), timeout=TIMEOUT)
    chamber.ProposeGroupStandard(R.ProposeGroupStandardRequest(
        parent="chambers/NMB", standard_id="dairy", title="示例乳制品标准", scope="示例", proposed_on="2022-01-05",
        forerunner_year=2022, forerunner_key_field=KEY_FIELD), timeout=TIMEOUT)
    for method in ("ApproveGroupStandardForDrafting", "StartGroupStandardDrafting", "OpenGroupStandardComment",
                   "ReviewGroupStandard", "ApproveGroupStandard"):
        getattr(chamber, method)(REQUESTS[f"RegistryService.{method}"], timeout=TIMEOUT)
    standard = chamber.PublishGroupStandard(REQUESTS["RegistryService.PublishGroupStandard"], timeout=TIMEOUT)
    region.RecommendLeader(R.RecommendLeaderRequest(group_standard=STANDARD, year=2023, recommended_on="2023-09-01"),
                           timeout=TIMEOUT)
    enterprise = league.RegisterEnterprise(R.RegisterEnterpriseRequest(
        uscc=USCC, is_private=True, registered_on="2022-01-10", **DETAILS), timeout=TIMEOUT)
    league.DeclareStandard(R.DeclareStandardRequest(parent=ENTERPRISE, declaration_id="milk", content=CONTENT,
                                                    disclosed_on="2022-05-01"), timeout=TIMEOUT)
    league.RecordTrainingBatch(R.RecordTrainingBatchRequest(
        batch_id="hohhot-2022-1", league_code="150100", format=registry_events.TRAINING_FORMAT_LECTURE, title="示例讲座",
        held_on="2022-04-15", organiser="示例", trainees=[TRAINEE]), timeout=TIMEOUT)
    record = A.RecordBrandEvaluationRequest()
    record.CopyFrom(REQUESTS["AssessmentService.RecordBrandEvaluation"])
    record.enterprise_version = enterprise.version
    evaluator.RecordBrandEvaluation(record, timeout=TIMEOUT)
    scheme = A.PublishForerunnerSchemeRequest()
    scheme.CopyFrom(REQUESTS["AssessmentService.PublishForerunnerScheme"])
    scheme.scheme_id, scheme.group_standard_version = SCHEME.removeprefix("forerunnerSchemes/"), standard.version
    evaluator.PublishForerunnerScheme(scheme, timeout=TIMEOUT)
    good = A.RecordGoodBehaviourEvaluationRequest()
    good.CopyFrom(REQUESTS["AssessmentService.RecordGoodBehaviourEvaluation"])
    good.chamber_version = 1
    evaluator.RecordGoodBehaviourEvaluation(good, timeout=TIMEOUT)
    stub("reporting", reporting_grpc.ReportingServiceStub, LEAGUE).SubmitAnnualReport(P.SubmitAnnualReportRequest(
        league_code="150100", year=2022, narrative="示例", figures=FIGURES), timeout=TIMEOUT)


@contextmanager
def running_suite(data_dir: Path, prepared: bool) -> Iterator[dict[tuple[str, str], grpc.Channel]]:
    """The embedded suite, with or without the prepared resources; a channel per service and caller."""
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("FEDSTD_GOOD_BEHAVIOUR_CHECKLISTS", json.dumps([CHECKLIST]))
        running = Suite(Settings(data_dir=data_dir, ports={s: 0 for s in SERVICES}, auth=ISSUER.settings())).start()
    channels = {(service, caller): channel(f"127.0.0.1:{running.ports[service]}", token)
                for service in SERVICES for caller, token in TOKENS.items()}
    try:
        if prepared:
            _prepare(running.ports)
        yield channels
    finally:
        for opened in channels.values():
            opened.close()
        running.stop(0)


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], grpc.Channel]]:
    with running_suite(tmp_path_factory.mktemp("matrix"), prepared=True) as channels:
        yield channels


def call(channels: dict, method: Method, caller: str) -> grpc.StatusCode:
    """The call's status; a server stream's first message is enough. A bulk command whose every record is refused
    as PERMISSION_DENIED (the records' refusals are in its response) counts as PERMISSION_DENIED."""
    request = REQUESTS[method.key]
    opened = channels[(method.service, caller)]
    codecs = dict(request_serializer=type(request).SerializeToString, response_deserializer=method.output.FromString)
    try:
        if method.client_streaming:
            response = opened.stream_unary(method.path, **codecs)(iter([request]), timeout=TIMEOUT)
            if response.refusals and all(r.reason == "PERMISSION_DENIED" for r in response.refusals):
                return grpc.StatusCode.PERMISSION_DENIED
        elif method.server_streaming:
            stream = opened.unary_stream(method.path, **codecs)(request, timeout=TIMEOUT)
            next(stream)
            stream.cancel()
        else:
            opened.unary_unary(method.path, **codecs)(request, timeout=TIMEOUT)
    except grpc.RpcError as error:
        return error.code()
    return grpc.StatusCode.OK


NOT_FOR_ADMITTED = {grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.INTERNAL,
                    grpc.StatusCode.UNKNOWN}


@pytest.mark.parametrize("method", METHODS, ids=[m.key for m in METHODS])
def test_each_caller_gets_what_the_matrix_says(suite: dict, method: Method) -> None:
    admitted = MATRIX[method.key]
    denied = [caller for caller in EVERYONE if caller not in admitted]
    outcomes = {caller: call(suite, method, caller) for caller in [NO_TOKEN, BAD_TOKEN, *sorted(denied), *sorted(admitted)]}
    wrong = {caller: code.name for caller, code in outcomes.items()
             if (caller in (NO_TOKEN, BAD_TOKEN) and code != grpc.StatusCode.UNAUTHENTICATED)
             or (caller in denied and code != grpc.StatusCode.PERMISSION_DENIED)
             or (caller in admitted and code in NOT_FOR_ADMITTED)}
    assert not wrong, f"{method.key}: admitted {sorted(admitted)}; got {wrong}"


def test_callers_of_a_role_the_matrix_does_not_admit_learn_nothing_of_missing_resources(tmp_path: Path) -> None:
    wrong = {}
    with running_suite(tmp_path / "empty", prepared=False) as channels:
        for method in METHODS:
            admitted_roles = {ROLES[caller] for caller in MATRIX[method.key]}
            for caller in sorted(EVERYONE - MATRIX[method.key]):
                code = call(channels, method, caller)
                allowed = {grpc.StatusCode.PERMISSION_DENIED}
                if ROLES[caller] in admitted_roles:  # its role may, but the scope is the missing resource's
                    allowed |= {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION}
                if code not in allowed:
                    wrong[f"{method.key} by {caller}"] = code.name
    assert not wrong
