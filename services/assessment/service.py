"""Wires the assessment service's parts for a runtime."""
from __future__ import annotations

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import assessment_service_pb2_grpc as api_grpc
from services.assessment.api import AssessmentApi
from services.assessment.domain import BrandEvaluations, BrandPolicy
from services.assessment.projections import AssessmentViews
from services.common.aggregate import Repository
from services.common.grpc_server import GrpcService
from services.common.runtime import ServiceContext, ServiceDefinition


def build(context: ServiceContext) -> ServiceDefinition:
    servicer = AssessmentApi(
        Repository(context.store, BrandEvaluations), context.docs, BrandPolicy(), context.settings.read_your_writes_timeout
    )
    return ServiceDefinition(
        name="assessment",
        grpc_services=[GrpcService.of(api, "AssessmentService", api_grpc.add_AssessmentServiceServicer_to_server, servicer)],
        projections=[AssessmentViews()],
    )
