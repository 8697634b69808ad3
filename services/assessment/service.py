"""Wires the assessment service's parts for a runtime."""
from __future__ import annotations

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import assessment_service_pb2_grpc as api_grpc
from services.assessment import api as assessment_api
from services.assessment.api import AssessmentApi
from services.assessment.policy import AssessmentPolicy
from services.assessment.projections import AssessmentViews, RegistryFacts
from services.common.grpc_server import GrpcService
from services.common.runtime import ServiceContext, ServiceDefinition


def audit_stream(resource: str) -> str | None:
    """Evaluations live in their subject's evaluation stream, results in their scheme's or review's stream."""
    if assessment_api.BRAND_EVALUATION.fullmatch(resource) or assessment_api.GOOD_BEHAVIOUR_EVALUATION.fullmatch(resource):
        return resource.rsplit("/", 1)[0]
    if match := assessment_api.FORERUNNER_RESULT.fullmatch(resource):
        return match["scheme"]
    if match := assessment_api.LEADER_RESULT.fullmatch(resource):
        return match["review"]
    if assessment_api.SCHEME.fullmatch(resource) or assessment_api.LEADER_REVIEW.fullmatch(resource):
        return resource
    return None


def build(context: ServiceContext) -> ServiceDefinition:
    servicer = AssessmentApi(context.store, context.docs, AssessmentPolicy.from_env(),
                             context.settings.read_your_writes_timeout)
    return ServiceDefinition(
        name="assessment",
        grpc_services=[GrpcService.of(api, "AssessmentService", api_grpc.add_AssessmentServiceServicer_to_server, servicer)],
        projections=[AssessmentViews(), RegistryFacts()],
        audit_stream=audit_stream,
    )
