"""Drives the running suite through its public gRPC APIs, as real clients would.

The walking skeleton's scenario: a chamber publishes a group standard, an evaluation body records
brand evaluations, a league federation submits its annual report, and the region federation
reads the federation-wide progress. All data is synthetic.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import grpc
from stdnum.cn import uscc

from fedstd.assessment.v1 import assessment_service_pb2 as assessment
from fedstd.assessment.v1 import assessment_service_pb2_grpc as assessment_grpc
from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import events_pb2 as reporting_events
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services.common.auth import Role, TokenIssuer
from services.common.client import channel

HOHHOT = "150100"


def synthetic_uscc(division_code: str, serial: int) -> str:
    """A well-formed synthetic unified social credit code: 9 (industry & commerce) 1 (enterprise)."""
    body = f"91{division_code}{serial:09d}"
    return body + uscc.calc_check_digit(body)


def run_slice(host: str, ports: dict[str, int], issuer: TokenIssuer, log: Callable[[str], None] = lambda _: None,
              timeout: float = 30.0) -> reporting.FederationProgress:
    """Each actor calls with its own token: the chamber, the evaluation body, the league, the region."""
    channels = {
        "chamber": channel(f"{host}:{ports['registry']}", issuer.issue(Role.CHAMBER, "NMB")),
        "evaluator": channel(f"{host}:{ports['assessment']}", issuer.issue(Role.EVALUATOR, "synthetic-brand-body")),
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

        standard = registry_stub.PublishGroupStandard(registry.PublishGroupStandardRequest(
            org_code="NMB", sequence=14, year=2023, title="呼和浩特老字号评定规范",
            league_code=HOHHOT, published_on="2023-07-24", effective_on="2023-08-01"))
        log(f"registry:   published {standard.number} ({standard.name})")

        totals = [960, 905, 712, 650]
        for serial, total in enumerate(totals, start=1):
            scores = assessment_events.BrandScores(
                capability=min(150, total * 150 // 1000), quality=total * 300 // 1000,
                reputation=total * 250 // 1000, culture=total * 150 // 1000, influence=0)
            scores.influence = total - (scores.capability + scores.quality + scores.reputation + scores.culture)
            evaluation = assessment_stub.RecordBrandEvaluation(assessment.RecordBrandEvaluationRequest(
                uscc=synthetic_uscc(HOHHOT, serial), division_code="150102", evaluator="synthetic evaluation body",
                scores=scores, evaluated_on="2022-06-30"))
            log(f"assessment: {evaluation.name}: {evaluation.result.total_score} points, "
                f"{assessment_events.StarLevel.Name(evaluation.result.star_level)}")

        report = reporting_stub.SubmitAnnualReport(reporting.SubmitAnnualReportRequest(
            league_code=HOHHOT, year=2022, narrative="synthetic report",
            figures=reporting_events.ReportFigures(private_enterprises=30, evaluated_enterprises=len(totals),
                                                   two_star_or_above_enterprises=3, group_standards_published=1)))
        log(f"reporting:  {report.name} submitted")

        # The projection is eventually consistent: wait until it reflects all three events.
        deadline = time.monotonic() + timeout
        while True:
            progress = region_reporting_stub.GetFederationProgress(reporting.GetFederationProgressRequest())
            total = progress.total
            if (total.group_standards_published >= 1 and total.enterprises_evaluated >= len(totals)
                    and total.annual_reports_submitted >= 1) or time.monotonic() > deadline:
                return progress
            time.sleep(0.05)
    finally:
        for open_channel in channels.values():
            open_channel.close()


def progress_table(progress: reporting.FederationProgress) -> str:
    header = f"{'league':<8} {'name':<12} {'standards':>9} {'evaluated':>9} {'>=2 star':>8} {'private':>8} {'share':>7} {'target':>7} {'reports':>7}"
    lines = ["federation-wide progress (target: "
             f"{progress.target_share:.0%} of private enterprises at two-star or above)", header, "-" * len(header)]
    for row in [*progress.leagues, progress.total]:
        share = f"{row.two_star_share:.1%}" if row.private_enterprises_reported else "n/a"
        target = ("met" if row.target_met else "not yet") if row.private_enterprises_reported else "-"
        name = row.league_name + "\u3000" * max(0, 6 - len(row.league_name))  # full-width padding for CJK names
        lines.append(f"{row.league_code:<8} {name} {row.group_standards_published:>9} {row.enterprises_evaluated:>9} "
                     f"{row.enterprises_two_star_or_above:>8} {row.private_enterprises_reported:>8} {share:>7} "
                     f"{target:>7} {row.annual_reports_submitted:>7}")
    return "\n".join(lines)


def read_progress(host: str, port: int, token: str, timeout: float = 10.0) -> reporting.FederationProgress:
    with channel(f"{host}:{port}", token) as reader:
        grpc.channel_ready_future(reader).result(timeout=timeout)
        return reporting_grpc.ReportingServiceStub(reader).GetFederationProgress(
            reporting.GetFederationProgressRequest(), timeout=timeout)
