"""Drives the running suite through its public gRPC APIs, as real clients would.

The walking skeleton's scenario: a chamber publishes a group standard, an evaluation body records
brand evaluations, a league federation submits its annual report, and the region federation
reads the federation-wide progress. All data is synthetic.
"""
from __future__ import annotations

import time
from collections.abc import Callable

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
from services.common import uscc
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.events import utcnow
from services.reporting.policy import civil_date

HOHHOT = "150100"
#: The synthetic evaluation body of the demo: `evaluators/synthetic-brand-body`.
EVALUATION_BODY = "synthetic-brand-body"


def synthetic_uscc(division_code: str, serial: int) -> str:
    """A well-formed synthetic unified social credit code: 9 (industry & commerce) 1 (enterprise)."""
    body = f"91{division_code}{serial:09d}"
    return body + uscc.check_character(body)


def publish_group_standard(region: registry_grpc.RegistryServiceStub,
                           chamber: registry_grpc.RegistryServiceStub) -> registry.GroupStandard:
    """The region registers its federations and the chamber NMB; the chamber takes its standard from
    proposal to publication (T/NMB 14—2023, published 2023-07-24, in force from 2023-08-01)."""
    for division_code in ("150000", HOHHOT):
        region.RegisterFederation(registry.RegisterFederationRequest(division_code=division_code, registered_on="2021-09-01"))
    region.RegisterChamber(registry.RegisterChamberRequest(
        org_code="NMB", display_name="内蒙古品牌促进会", federation=f"federations/{HOHHOT}", registered_on="2021-09-15"))
    name = "chambers/NMB/groupStandards/heritage-brands"
    chamber.ProposeGroupStandard(registry.ProposeGroupStandardRequest(
        parent="chambers/NMB", standard_id="heritage-brands", title="呼和浩特老字号评定规范", scope="老字号的评定条件、程序和管理",
        plan_sectors=[plan.PLAN_SECTOR_WHOLESALE_RETAIL, plan.PLAN_SECTOR_ACCOMMODATION_CATERING], proposed_on="2023-01-05"))
    chamber.ApproveGroupStandardForDrafting(registry.ApproveGroupStandardForDraftingRequest(name=name, approved_on="2023-01-20"))
    chamber.StartGroupStandardDrafting(registry.StartGroupStandardDraftingRequest(
        name=name, started_on="2023-02-01", drafting_units=["内蒙古品牌促进会"]))
    chamber.OpenGroupStandardComment(registry.OpenGroupStandardCommentRequest(
        name=name, opened_on="2023-04-01", closes_on="2023-05-01"))
    chamber.ReviewGroupStandard(registry.ReviewGroupStandardRequest(
        name=name, reviewed_on="2023-06-01", comments_received=23, votes_for=7, votes_cast=8))
    chamber.ApproveGroupStandard(registry.ApproveGroupStandardRequest(name=name, approved_on="2023-07-10"))
    return chamber.PublishGroupStandard(registry.PublishGroupStandardRequest(
        name=name, sequence=14, published_on="2023-07-24", effective_on="2023-08-01"))


def run_slice(host: str, ports: dict[str, int], issuer: TokenIssuer, log: Callable[[str], None] = lambda _: None,
              timeout: float = 30.0) -> reporting.FederationProgress:
    """Each actor calls with its own token: the chamber, the evaluation body, the league, the region."""
    channels = {
        "chamber": channel(f"{host}:{ports['registry']}", issuer.issue(Role.CHAMBER, "NMB")),
        "region_registry": channel(f"{host}:{ports['registry']}", issuer.issue(Role.REGION)),
        "evaluator": channel(f"{host}:{ports['assessment']}", issuer.issue(Role.EVALUATOR, EVALUATION_BODY)),
        "league_registry": channel(f"{host}:{ports['registry']}", issuer.issue(Role.LEAGUE, HOHHOT)),
        "league": channel(f"{host}:{ports['reporting']}", issuer.issue(Role.LEAGUE, HOHHOT)),
        "region": channel(f"{host}:{ports['reporting']}", issuer.issue(Role.REGION)),
    }
    try:
        for ready in channels.values():
            grpc.channel_ready_future(ready).result(timeout=timeout)
        registry_stub = registry_grpc.RegistryServiceStub(channels["chamber"])
        assessment_stub = assessment_grpc.AssessmentServiceStub(channels["evaluator"])
        reporting_stub = reporting_grpc.ReportingServiceStub(channels["league"])
        region_reporting_stub = reporting_grpc.ReportingServiceStub(channels["region"])

        standard = publish_group_standard(registry_grpc.RegistryServiceStub(channels["region_registry"]), registry_stub)
        log(f"registry:   published {standard.number} ({standard.name}) after {standard.version} lifecycle steps")

        # The league federation registers its enterprises; the evaluation body evaluates them once
        # assessment has seen the registration (enterprise_version: read-your-writes across services).
        league_registry_stub = registry_grpc.RegistryServiceStub(channels["league_registry"])
        totals = [960, 905, 712, 650]
        # Dated today: a brand level holds for a configured number of years, and the progress is read as of today.
        evaluated_on = civil_date(utcnow()).isoformat()
        for serial, total in enumerate(totals, start=1):
            enterprise = league_registry_stub.RegisterEnterprise(registry.RegisterEnterpriseRequest(
                uscc=synthetic_uscc(HOHHOT, serial), display_name=f"synthetic enterprise {serial}",
                division_code="150102", is_private=True, industry_section="H",
                plan_sectors=[plan.PLAN_SECTOR_ACCOMMODATION_CATERING], size_class=registry_events.SIZE_CLASS_SMALL,
                registered_on="2022-01-10"))
            scores = assessment_events.BrandScores(
                capability=min(150, total * 150 // 1000), quality=total * 300 // 1000,
                reputation=total * 250 // 1000, culture=total * 150 // 1000, influence=0)
            scores.influence = total - (scores.capability + scores.quality + scores.reputation + scores.culture)
            evaluation = assessment_stub.RecordBrandEvaluation(assessment.RecordBrandEvaluationRequest(
                uscc=enterprise.uscc, evaluator=f"evaluators/{EVALUATION_BODY}", scores=scores,
                evaluated_on=evaluated_on, enterprise_version=enterprise.version))
            log(f"assessment: {evaluation.name}: {evaluation.result.total_score} points, "
                f"{assessment_events.StarLevel.Name(evaluation.result.star_level)}")

        # The league reports; the region federation returns it with an issue, the league corrects it,
        # the region accepts it and compares its figures with what the events say.
        figures = reporting_events.ReportFigures(private_enterprises=30, evaluated_enterprises=len(totals),
                                                 two_star_or_above_enterprises=3, group_standards_published=1)
        report = reporting_stub.SubmitAnnualReport(reporting.SubmitAnnualReportRequest(
            league_code=HOHHOT, year=2022, narrative="synthetic report", figures=figures))
        log(f"reporting:  {report.name} submitted (due {report.due_on or 'any time'}{', late' if report.late else ''})")
        region_reporting_stub.ReturnAnnualReport(reporting.ReturnAnnualReportRequest(name=report.name, issues=[
            reporting_events.ReportIssue(figure="trainees", description="培训人次未填报 trainees missing")]))
        figures.trainees = 12
        report = reporting_stub.ResubmitAnnualReport(reporting.ResubmitAnnualReportRequest(
            name=report.name, figures=figures, narrative="synthetic report, trainees added"))
        report = region_reporting_stub.AcceptAnnualReport(reporting.AcceptAnnualReportRequest(name=report.name))
        log(f"reporting:  {report.name} returned, resubmitted as revision {report.revision}, accepted")

        # The projection is eventually consistent: wait until it reflects every event of the slice.
        deadline = time.monotonic() + timeout
        while True:
            progress = region_reporting_stub.GetFederationProgress(reporting.GetFederationProgressRequest(
                view=reporting.FEDERATION_PROGRESS_VIEW_BASIC))
            total = progress.total
            if (total.group_standards_published >= 1 and total.enterprises_evaluated >= len(totals)
                    and total.annual_reports_accepted >= 1) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        check = region_reporting_stub.GetReportCrossCheck(reporting.GetReportCrossCheckRequest(
            name=f"{report.name}/crossCheck", min_version=report.version))
        log(f"reporting:  cross-check as of {check.as_of}: {check.differing_figures} figures differ from the events "
            f"({', '.join(f'{c.figure} {c.reported} vs {c.derived}' for c in check.figures if c.differs)})")
        return progress
    finally:
        for open_channel in channels.values():
            open_channel.close()


def progress_table(progress: reporting.FederationProgress) -> str:
    """The progress per league: both denominators of the 10 % target, and whether each league is on track."""
    header = (f"{'league':<8} {'name':<12} {'standards':>9} {'evaluated':>9} {'>=2 star':>8} {'private':>8} "
              f"{'reported':>8} {'share':>7} {'target':>7} {'on track':>8} {'reports':>7}")
    lines = [f"federation-wide progress as of {progress.as_of} (target: {progress.target_share:.0%} of private "
             f"enterprises at two-star or above; the trajectory expects {progress.expected_share:.1%} by now)",
             header, "-" * len(header)]
    for row in [*progress.leagues, progress.total]:
        share = f"{row.two_star_share:.1%}" if row.private_enterprises_reported else "n/a"
        target = ("met" if row.target_met else "not yet") if row.private_enterprises_reported else "-"
        name = row.league_name + "\u3000" * max(0, 6 - len(row.league_name))  # full-width padding for CJK names
        lines.append(f"{row.league_code:<8} {name} {row.group_standards_published:>9} {row.enterprises_evaluated:>9} "
                     f"{row.enterprises_two_star_or_above:>8} {row.private_enterprises_registered:>8} "
                     f"{row.private_enterprises_reported:>8} {share:>7} {target:>7} {'yes' if row.on_track else 'no':>8} "
                     f"{row.annual_reports_submitted:>7}")
    return "\n".join(lines)


def read_progress(host: str, port: int, token: str, timeout: float = 10.0) -> reporting.FederationProgress:
    with channel(f"{host}:{port}", token) as reader:
        grpc.channel_ready_future(reader).result(timeout=timeout)
        return reporting_grpc.ReportingServiceStub(reader).GetFederationProgress(
            reporting.GetFederationProgressRequest(), timeout=timeout)
