"""A client with no generated code, as grpcurl-style tools work: it discovers the services through
server reflection, resolves a method's request and response types, and calls a read-only query with
a bearer token, decoding the answer dynamically. fedstd's own code only starts the suite and mints
the token; the calls use grpcio, grpcio-reflection and google.protobuf alone."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor_pool, json_format, message_factory
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from services.common.auth import Role, TokenIssuer
from services.common.config import SERVICES, Settings
from services.common.runtime import Suite


class ReflectionClient:
    """What a generic tool knows: a target, and what the server says about itself."""

    def __init__(self, channel: grpc.Channel):
        self.channel = channel
        self.database = ProtoReflectionDescriptorDatabase(channel)
        self.pool = descriptor_pool.DescriptorPool(self.database)  # a pool of its own, filled by reflection

    def services(self) -> list[str]:
        return list(self.database.get_services())

    def call(self, method_path: str, request: dict, token: str | None) -> dict:
        """Calls `package.Service/Method` with a request given as JSON; returns the response as JSON."""
        service_name, method_name = method_path.split("/")
        method = self.pool.FindServiceByName(service_name).methods_by_name[method_name]
        request_class = message_factory.GetMessageClass(method.input_type)
        response_class = message_factory.GetMessageClass(method.output_type)
        assert method.output_type.file.pool is self.pool  # resolved from the server, not from generated code
        invoke = self.channel.unary_unary(f"/{service_name}/{method_name}",
                                          request_serializer=lambda m: m.SerializeToString(),
                                          response_deserializer=response_class.FromString)
        metadata = (("authorization", f"Bearer {token}"),) if token else ()
        response = invoke(json_format.ParseDict(request, request_class()), metadata=metadata, timeout=10)
        return json_format.MessageToDict(response, preserving_proto_field_name=True)


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Suite, TokenIssuer]]:
    issuer = TokenIssuer.generate()
    data_dir: Path = tmp_path_factory.mktemp("reflection")
    running = Suite(Settings(data_dir=data_dir, ports={s: 0 for s in SERVICES}, auth=issuer.settings())).start()
    yield running, issuer
    running.stop()


@pytest.mark.parametrize("service", SERVICES)
def test_reflection_lists_the_service_and_a_list_query_answers(suite, service: str) -> None:
    running, issuer = suite
    with grpc.insecure_channel(f"127.0.0.1:{running.ports[service]}") as channel:
        client = ReflectionClient(channel)
        listed = client.services()
        assert "grpc.health.v1.Health" in listed
        (api,) = [name for name in listed if name.startswith(f"fedstd.{service}.")]
        queries = [m for m in client.pool.FindServiceByName(api).methods
                   if m.name.startswith("List") and not m.client_streaming and not m.server_streaming]
        assert queries, f"{api} has no List method"
        answered = []
        for query in queries:
            assert "next_page_token" in {f.name for f in query.output_type.fields}, f"{query.full_name} is not paged"
            try:
                answered.append(client.call(f"{api}/{query.name}", {"page_size": 1}, issuer.issue(Role.PARTNER)))
            except grpc.RpcError as refused:  # a list under a parent needs it named
                assert refused.code() == grpc.StatusCode.INVALID_ARGUMENT, f"{query.full_name}: {refused}"
        assert answered, f"no List method of {api} answers a request with only page_size"

def test_reflection_only_client_reads_federation_progress_with_a_token(suite) -> None:
    running, issuer = suite
    with grpc.insecure_channel(f"127.0.0.1:{running.ports['reporting']}") as channel:
        client = ReflectionClient(channel)
        (api,) = [name for name in client.services() if name.startswith("fedstd.reporting.")]
        progress = client.call(f"{api}/GetFederationProgress", {}, issuer.issue(Role.PARTNER))
        assert len(progress["leagues"]) == 12
        assert {row["league_code"] for row in progress["leagues"]} >= {"150100", "150200"}
        with pytest.raises(grpc.RpcError) as refused:
            client.call(f"{api}/GetFederationProgress", {}, token=None)
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
