"""Wires the assessment service's parts for a runtime."""
from __future__ import annotations

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import assessment_service_pb2_grpc as api_grpc
from services.assessment.api import AssessmentApi
from services.assessment.policy import AssessmentPolicy
from services.assessment.projections import AssessmentViews, RegistryFacts
from services.common.grpc_server import GrpcService
from services.common.runtime import ServiceContext, ServiceDefinition


def build(context: ServiceContext) -> ServiceDefinition:
    servicer = AssessmentApi(context.store, context.docs, AssessmentPolicy.from_env(),
                             context.settings.read_your_writes_timeout)
    return ServiceDefinition(
        name="assessment",
        grpc_services=[GrpcService.of(api, "AssessmentService", api_grpc.add_AssessmentServiceServicer_to_server, servicer)],
        projections=[AssessmentViews(), RegistryFacts()],
    )
