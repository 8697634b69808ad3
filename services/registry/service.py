"""Wires the registry's parts for a runtime."""
from __future__ import annotations

from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from services.common.aggregate import Repository
from services.common.grpc_server import GrpcService
from services.common.runtime import ServiceContext, ServiceDefinition
from services.registry.api import RegistryApi
from services.registry.domain import GroupStandard
from services.registry.projections import RegistryViews


def build(context: ServiceContext) -> ServiceDefinition:
    servicer = RegistryApi(Repository(context.store, GroupStandard), context.docs, context.settings.read_your_writes_timeout)
    return ServiceDefinition(
        name="registry",
        grpc_services=[GrpcService.of(api, "RegistryService", api_grpc.add_RegistryServiceServicer_to_server, servicer)],
        projections=[RegistryViews()],
    )
