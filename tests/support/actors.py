"""The callers of reliability tests: each actor a gRPC stub with its own token, and the commands they send.

All data is synthetic: the region federation and the Hohhot league federation, the chamber NMB,
enterprises registered by the league, group standards proposed by the chamber, brand evaluations
by one evaluation body.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass

import grpc

from fedstd.assessment.v1 import assessment_service_pb2 as assessment
from fedstd.assessment.v1 import assessment_service_pb2_grpc as assessment_grpc
from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import events_pb2 as reporting_events
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.demo import EVALUATION_BODY, HOHHOT, synthetic_uscc
from tests.support.agreement import wait_for

#: Every call has a deadline, so a stuck server fails the test instead of hanging it.
CALL_TIMEOUT = 30.0
BANNER = "150102"  # a district of Hohhot


@dataclass
class Actors:
    """One client of each kind over its own channels; close() when done."""

    region: registry_grpc.RegistryServiceStub
    league: registry_grpc.RegistryServiceStub
    chamber: registry_grpc.RegistryServiceStub
    evaluator: assessment_grpc.AssessmentServiceStub
    reader: reporting_grpc.ReportingServiceStub
    reporter: reporting_grpc.ReportingServiceStub
    _channels: list[grpc.Channel]

    @classmethod
    def connect(cls, issuer: TokenIssuer, ports: dict[str, int]) -> "Actors":
        def open_(service: str, role: Role, scope: str = "") -> grpc.Channel:
            return channel(f"127.0.0.1:{ports[service]}", issuer.issue(role, scope))

        channels = [open_("registry", Role.REGION), open_("registry", Role.LEAGUE, HOHHOT),
                    open_("registry", Role.CHAMBER, "NMB"), open_("assessment", Role.EVALUATOR, EVALUATION_BODY),
                    open_("reporting", Role.REGION), open_("reporting", Role.LEAGUE, HOHHOT)]
        region, league, chamber, evaluator, reader, reporter = channels
        return cls(registry_grpc.RegistryServiceStub(region), registry_grpc.RegistryServiceStub(league),
                   registry_grpc.RegistryServiceStub(chamber), assessment_grpc.AssessmentServiceStub(evaluator),
                   reporting_grpc.ReportingServiceStub(reader), reporting_grpc.ReportingServiceStub(reporter), channels)

    def close(self) -> None:
        for opened in self._channels:
            opened.close()

    # -- commands ----------------------------------------------------------------------------------

    def register_federations_and_chamber(self) -> None:
        for division_code in ("150000", HOHHOT):
            self.region.RegisterFederation(registry.RegisterFederationRequest(
                division_code=division_code, registered_on="2021-09-01"), timeout=CALL_TIMEOUT)
        self.region.RegisterChamber(registry.RegisterChamberRequest(
            org_code="NMB", display_name="synthetic chamber", federation=f"federations/{HOHHOT}",
            registered_on="2021-09-15"), timeout=CALL_TIMEOUT)

    def register_enterprise(self, serial: int) -> registry.Enterprise:
        return self.league.RegisterEnterprise(registry.RegisterEnterpriseRequest(
            uscc=synthetic_uscc(HOHHOT, serial), display_name=f"synthetic enterprise {serial}", division_code=BANNER,
            is_private=True, industry_section="H", plan_sectors=[plan.PLAN_SECTOR_ACCOMMODATION_CATERING],
            size_class=registry_events.SIZE_CLASS_SMALL, registered_on="2022-01-10"), timeout=CALL_TIMEOUT)

    def rename_enterprise(self, name: str, display_name: str, stub: registry_grpc.RegistryServiceStub | None = None
                          ) -> registry.Enterprise:
        return (stub or self.league).ChangeEnterpriseDetails(registry.ChangeEnterpriseDetailsRequest(
            name=name, display_name=display_name, division_code=BANNER, industry_section="H",
            plan_sectors=[plan.PLAN_SECTOR_ACCOMMODATION_CATERING], size_class=registry_events.SIZE_CLASS_SMALL,
            changed_on="2022-06-01"), timeout=CALL_TIMEOUT)

    def propose_standard(self, standard_id: str) -> registry.GroupStandard:
        return self.chamber.ProposeGroupStandard(registry.ProposeGroupStandardRequest(
            parent="chambers/NMB", standard_id=standard_id, title=f"synthetic standard {standard_id}", scope="synthetic",
            proposed_on="2022-03-01"), timeout=CALL_TIMEOUT)

    def approve_standard_for_drafting(self, name: str) -> registry.GroupStandard:
        return self.chamber.ApproveGroupStandardForDrafting(registry.ApproveGroupStandardForDraftingRequest(
            name=name, approved_on="2022-03-20"), timeout=CALL_TIMEOUT)

    def evaluate(self, enterprise: registry.Enterprise, total: int) -> assessment.BrandEvaluation:
        scores = assessment_events.BrandScores(capability=total * 150 // 1000, quality=total * 300 // 1000,
                                               reputation=total * 250 // 1000, culture=total * 150 // 1000)
        scores.influence = total - (scores.capability + scores.quality + scores.reputation + scores.culture)
        return self.evaluator.RecordBrandEvaluation(assessment.RecordBrandEvaluationRequest(
            uscc=enterprise.uscc, evaluator=f"evaluators/{EVALUATION_BODY}", scores=scores, evaluated_on="2023-05-01",
            enterprise_version=enterprise.version), timeout=CALL_TIMEOUT)

    def submit_report(self, year: int, private_enterprises: int) -> reporting.AnnualReport:
        return self.reporter.SubmitAnnualReport(reporting.SubmitAnnualReportRequest(
            league_code=HOHHOT, year=year, narrative="synthetic report",
            figures=reporting_events.ReportFigures(private_enterprises=private_enterprises)), timeout=CALL_TIMEOUT)

    def return_report(self, name: str) -> reporting.AnnualReport:
        return self.reader.ReturnAnnualReport(reporting.ReturnAnnualReportRequest(name=name, issues=[
            reporting_events.ReportIssue(figure="trainees", description="synthetic issue")]), timeout=CALL_TIMEOUT)

    def resubmit_report(self, name: str, private_enterprises: int) -> reporting.AnnualReport:
        return self.reporter.ResubmitAnnualReport(reporting.ResubmitAnnualReportRequest(
            name=name, narrative="synthetic report, corrected",
            figures=reporting_events.ReportFigures(private_enterprises=private_enterprises)), timeout=CALL_TIMEOUT)

    # -- queries -------------------------------------------------------------------------------------

    def enterprise(self, name: str, min_version: int = 0) -> registry.Enterprise:
        return self.league.GetEnterprise(registry.GetEnterpriseRequest(name=name, min_version=min_version),
                                         timeout=CALL_TIMEOUT)

    def standard(self, name: str, min_version: int = 0) -> registry.GroupStandard:
        return self.chamber.GetGroupStandard(registry.GetGroupStandardRequest(name=name, min_version=min_version),
                                             timeout=CALL_TIMEOUT)

    def standards(self, page_size: int = 50) -> registry.ListGroupStandardsResponse:
        return self.chamber.ListGroupStandards(registry.ListGroupStandardsRequest(page_size=page_size, org_code="NMB"),
                                               timeout=CALL_TIMEOUT)

    def progress(self) -> reporting.FederationProgress:
        return self.reader.GetFederationProgress(reporting.GetFederationProgressRequest(), timeout=CALL_TIMEOUT)


class Sender:
    """A client proposing one new standard after another until stopped, noting which calls were acknowledged."""

    def __init__(self, actors: Actors, prefix: str = "sent") -> None:
        self.actors = actors
        self.prefix = prefix
        self.acknowledged: list[str] = []
        self.failed: Counter[grpc.StatusCode] = Counter()
        self.unacknowledged: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sender", daemon=True)

    def __enter__(self) -> "Sender":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join(60)

    def _run(self) -> None:
        sequence = 0
        while not self._stop.is_set():
            sequence += 1
            standard_id = f"{self.prefix}-{sequence}"
            try:
                self.acknowledged.append(self.actors.propose_standard(standard_id).name)
            except grpc.RpcError as exc:
                self.failed[exc.code()] += 1
                self.unacknowledged.append(f"chambers/NMB/groupStandards/{standard_id}")
                self._stop.wait(0.1)

    def wait_for_acknowledged(self, count: int, timeout: float = 120.0) -> None:
        wait_for(lambda: len(self.acknowledged) >= count, timeout, f"{count} acknowledged commands")
