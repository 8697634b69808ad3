"""Wires the registry's parts for a runtime."""
from __future__ import annotations

from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from services.common.grpc_server import GrpcService
from services.common.runtime import ServiceContext, ServiceDefinition
from services.registry import names
from services.registry.api import RegistryApi
from services.registry.outcomes import AssessmentOutcomes
from services.registry.policy import RegistryPolicy
from services.registry.projections import RegistryViews


#: The registry's resources are streams of their own: the stream id is the name.
AUDITED = (names.FEDERATION, names.COMMITTEE_MEMBER, names.CHAMBER, names.ENTERPRISE, names.GROUP_STANDARD, names.LEADER,
           names.DECLARATION, names.TRAINING_BATCH)


def audit_stream(resource: str) -> str | None:
    return resource if any(pattern.fullmatch(resource) for pattern in AUDITED) else None


def build(context: ServiceContext) -> ServiceDefinition:
    policy = RegistryPolicy.from_env()
    servicer = RegistryApi(context.store, context.docs, policy, context.settings.read_your_writes_timeout)
    return ServiceDefinition(
        name="registry",
        grpc_services=[GrpcService.of(api, "RegistryService", api_grpc.add_RegistryServiceServicer_to_server, servicer)],
        projections=[RegistryViews(), AssessmentOutcomes(context.store, policy)],
        audit_stream=audit_stream,
    )
