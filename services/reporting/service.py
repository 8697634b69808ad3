"""Wires the reporting service's parts for a runtime.

The progress projection runs on the in-process bus through the shared ProjectionRunner, and on
Kafka as a faust-streaming app (faust_projector.py) with the same handlers.
"""
from __future__ import annotations

from fedstd.reporting.v1 import reporting_service_pb2 as api
from fedstd.reporting.v1 import reporting_service_pb2_grpc as api_grpc
from services.common.aggregate import Repository
from services.common.grpc_server import GrpcService
from services.common.runtime import ServiceContext, ServiceDefinition
from services.reporting.api import REPORT_NAME, ReportingApi
from services.reporting.domain import AnnualReport
from services.reporting.faust_projector import run_on_kafka
from services.reporting.policy import ReportingPolicy
from services.reporting.projections import FederationProgress


def audit_stream(resource: str) -> str | None:
    """An annual report is a stream of its own: `leagues/{league_code}/annualReports/{year}`."""
    return resource if REPORT_NAME.fullmatch(resource) else None


def build(context: ServiceContext) -> ServiceDefinition:
    servicer = ReportingApi(Repository(context.store, AnnualReport), context.docs,
                            context.settings.read_your_writes_timeout, ReportingPolicy.from_env())
    return ServiceDefinition(
        name="reporting",
        grpc_services=[GrpcService.of(api, "ReportingService", api_grpc.add_ReportingServiceServicer_to_server, servicer)],
        projections=[FederationProgress()],
        kafka_projector=run_on_kafka,
        audit_stream=audit_stream,
        warm_up=servicer.progress.totals.follow,
    )
