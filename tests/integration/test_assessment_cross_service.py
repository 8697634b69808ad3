"""Registry API -> assessment -> registry forerunner list and reporting projection, on both runtimes.

A chamber publishes a forerunner group standard and a league federation registers enterprises and
their self-declarations through the registry's gRPC API; an evaluation body evaluates through
assessment's; the registry's forerunner list and reporting's federation progress reflect the
outcomes. Everything travels as events over the real bus (embedded, or Kafka with MongoDB).
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from fedstd.assessment.v1 import assessment_service_pb2 as assessment
from fedstd.assessment.v1 import assessment_service_pb2_grpc as assessment_grpc
from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.config import SERVICES, Settings
from services.common.runtime import Suite
from services.demo import HOHHOT, synthetic_uscc
from tests.support.fedstd import FedstdService
from tests.support.servers import TansuBroker

KEY_FIELD = "乳制品"
EVALUATOR_ID = "dairy-assess"
AS_OF = "2022-12-31"
T = TypeVar("T")


@dataclass
class Running:
    ports: dict[str, int]
    issuer: TokenIssuer

    def stub(self, service: str, role: Role, scope: str = ""):
        stubs = {"registry": registry_grpc.RegistryServiceStub, "assessment": assessment_grpc.AssessmentServiceStub,
                 "reporting": reporting_grpc.ReportingServiceStub}
        return stubs[service](channel(f"127.0.0.1:{self.ports[service]}", self.issuer.issue(role, scope)))


@pytest.fixture(params=["embedded", "distributed"])
def running(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    issuer = TokenIssuer.generate()
    if request.param == "embedded":
        suite = Suite(Settings(data_dir=tmp_path, ports={s: 0 for s in SERVICES}, auth=issuer.settings())).start()
        try:
            yield Running(suite.ports, issuer)
        finally:
            suite.stop()
        return
    mongo_uri = request.getfixturevalue("mongo_uri")
    prefix = f"x{uuid.uuid4().hex[:8]}"
    with ExitStack() as stack:
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
        hosts = {s: stack.enter_context(FedstdService(tmp_path / s, s, broker.bootstrap, mongo_uri, prefix,
                                                      env=issuer.settings().environment())) for s in SERVICES}
        yield Running({s: h.port for s, h in hosts.items()}, issuer)


def eventually(read: Callable[[], T], done: Callable[[T], bool], timeout: float = 90.0) -> T:
    deadline = time.monotonic() + timeout
    while not done(value := read()):
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached in {timeout}s; last seen: {value}")
        time.sleep(0.1)
    return value


def publish_forerunner_standard(chamber: registry_grpc.RegistryServiceStub) -> registry.GroupStandard:
    """The chamber takes a forerunner group standard (领跑者团体标准) through its lifecycle."""
    name = "chambers/NMB/groupStandards/dairy-2022"
    chamber.ProposeGroupStandard(registry.ProposeGroupStandardRequest(
        parent="chambers/NMB", standard_id="dairy-2022", title="乳制品企业标准领跑者评价要求", scope="纯牛奶",
        proposed_on="2022-01-10", forerunner_year=2022, forerunner_key_field=KEY_FIELD))
    chamber.ApproveGroupStandardForDrafting(registry.ApproveGroupStandardForDraftingRequest(name=name, approved_on="2022-01-20"))
    chamber.StartGroupStandardDrafting(registry.StartGroupStandardDraftingRequest(
        name=name, started_on="2022-01-25", drafting_units=["内蒙古品牌促进会"]))
    chamber.OpenGroupStandardComment(registry.OpenGroupStandardCommentRequest(
        name=name, opened_on="2022-02-01", closes_on="2022-03-05"))
    chamber.ReviewGroupStandard(registry.ReviewGroupStandardRequest(
        name=name, reviewed_on="2022-03-10", comments_received=3, votes_for=5, votes_cast=5))
    chamber.ApproveGroupStandard(registry.ApproveGroupStandardRequest(name=name, approved_on="2022-03-15"))
    return chamber.PublishGroupStandard(registry.PublishGroupStandardRequest(name=name, sequence=20,
                                                                             published_on="2022-03-20"))


def declare(league: registry_grpc.RegistryServiceStub, serial: int,
            protein: float) -> tuple[registry.Enterprise, registry.SelfDeclaration]:
    """The league registers an enterprise and discloses its enterprise standard of the key field."""
    uscc = synthetic_uscc(HOHHOT, serial)
    enterprise = league.RegisterEnterprise(registry.RegisterEnterpriseRequest(
        uscc=uscc, display_name=f"synthetic dairy {serial}", division_code="150121", is_private=True,
        industry_section="C", plan_sectors=[plan.PLAN_SECTOR_MANUFACTURING], size_class=registry_events.SIZE_CLASS_SMALL,
        registered_on="2022-01-10"))
    return enterprise, league.DeclareStandard(registry.DeclareStandardRequest(
        parent=f"enterprises/{uscc}", declaration_id=f"milk-{serial}", disclosed_on="2022-05-01",
        content=registry_events.DeclarationContent(
            standard_number=f"Q/SYN{serial} 0001—2022", standard_name="纯牛奶", kind=registry_events.DECLARED_STANDARD_KIND_ENTERPRISE,
            products=[registry_events.DeclaredProduct(name="纯牛奶")], key_field=KEY_FIELD,
            indicators=[registry_events.DeclaredIndicator(name="蛋白质", value=protein, unit="g/100g",
                                                          kind=registry_events.INDICATOR_KIND_PERFORMANCE)])))


def test_registry_api_to_assessment_to_the_forerunner_list_and_reporting(running: Running) -> None:
    region = running.stub("registry", Role.REGION)
    region.RegisterFederation(registry.RegisterFederationRequest(division_code="150000", registered_on="2021-09-01"))
    region.RegisterChamber(registry.RegisterChamberRequest(org_code="NMB", display_name="内蒙古品牌促进会",
                                                           federation="federations/150000", registered_on="2021-09-01"))
    standard = publish_forerunner_standard(running.stub("registry", Role.CHAMBER, "NMB"))
    league = running.stub("registry", Role.LEAGUE, HOHHOT)
    (enterprise, first), (_, second) = declare(league, 1, protein=3.6), declare(league, 2, protein=3.2)

    evaluator = running.stub("assessment", Role.EVALUATOR, EVALUATOR_ID)
    brand = evaluator.RecordBrandEvaluation(assessment.RecordBrandEvaluationRequest(
        uscc=enterprise.uscc, evaluator=f"evaluators/{EVALUATOR_ID}", evaluated_on="2022-06-30",
        enterprise_version=enterprise.version,
        scores=assessment_events.BrandScores(capability=140, quality=280, reputation=200, culture=120, influence=110)))
    assert (brand.league_code, brand.result.star_level) == (HOHHOT, assessment_events.STAR_LEVEL_THREE)

    scheme = evaluator.PublishForerunnerScheme(assessment.PublishForerunnerSchemeRequest(
        scheme_id="dairy-2022", year=2022, key_field=KEY_FIELD, group_standard=standard.name,
        group_standard_version=standard.version, evaluator=f"evaluators/{EVALUATOR_ID}", published_on="2022-06-01",
        core_indicators=[assessment_events.CoreIndicator(
            name="蛋白质", unit="g/100g", direction=assessment_events.INDICATOR_DIRECTION_HIGHER_IS_BETTER, weight=1)],
        selection_rule=assessment_events.SelectionRule(top_n=1)))
    evaluator.GetForerunnerScheme(assessment.GetForerunnerSchemeRequest(name=scheme.name, min_version=scheme.version))
    eventually(lambda: evaluator.ListForerunnerCandidates(assessment.ListForerunnerCandidatesRequest(scheme=scheme.name)),
               lambda listed: {c.declaration for c in listed.candidates} == {first.name, second.name})
    ranked = evaluator.RankForerunnerScheme(assessment.RankForerunnerSchemeRequest(scheme=scheme.name,
                                                                                  published_on="2022-09-20"))
    assert [(e.declaration, e.shortlisted) for e in ranked.entries] == [(first.name, True), (second.name, False)]
    evaluator.RecordForerunnerCommitment(assessment.RecordForerunnerCommitmentRequest(
        scheme=scheme.name, declaration=first.name, received_on="2022-09-25"))
    evaluator.OpenForerunnerPublicNotice(assessment.OpenForerunnerPublicNoticeRequest(
        scheme=scheme.name, opened_on="2022-10-01", closes_on="2022-10-10"))
    final = evaluator.FinalizeForerunnerList(assessment.FinalizeForerunnerListRequest(scheme=scheme.name,
                                                                                     finalized_on="2022-11-01"))
    (listed,) = [e for e in final.entries if e.listed]

    # The registry's forerunner list reflects the outcome ...
    forerunners = eventually(
        lambda: league.ListForerunners(registry.ListForerunnersRequest(year=2022, as_of=AS_OF)),
        lambda response: len(response.forerunners) == 1)
    (forerunner,) = forerunners.forerunners
    assert (forerunner.declaration, forerunner.enterprise, forerunner.scheme, forerunner.rank, forerunner.assessment) == (
        first.name, first.enterprise, scheme.name, 1, listed.name)
    assert (forerunner.state, forerunner.key_field, forerunner.league_code, forerunner.valid_until) == (
        registry.FORERUNNER_STATE_LISTED, KEY_FIELD, HOHHOT, "2023-10-31")

    # ... and so does reporting's federation progress.
    def hohhot_figures() -> tuple[int, ...]:
        progress = running.stub("reporting", Role.REGION).GetFederationProgress(
            reporting.GetFederationProgressRequest(as_of=AS_OF))
        hohhot = next(r for r in progress.leagues if r.league_code == HOHHOT)
        return (hohhot.forerunners, hohhot.forerunner_participants, hohhot.enterprises_evaluated,
                hohhot.enterprises_two_star_or_above, hohhot.self_declarations)
    # forerunners, ranked participants, evaluated, two-star or above, self-declarations
    eventually(hohhot_figures, lambda figures: figures == (1, 2, 1, 1, 2))

    # Dynamic adjustment: the evaluation body revokes the listing; the registry's list follows.
    evaluator.RevokeAssessment(assessment.RevokeAssessmentRequest(name=listed.name, revoked_on="2023-02-01",
                                                                  reason="product failed a spot check"))
    revoked = eventually(
        lambda: league.ListForerunners(registry.ListForerunnersRequest(year=2022, as_of="2023-03-01")).forerunners[0],
        lambda f: f.state == registry.FORERUNNER_STATE_REVOKED)
    assert (revoked.revoked_on, revoked.revocation_reason) == ("2023-02-01", "product failed a spot check")
