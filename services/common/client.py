"""gRPC channels that send a bearer token with every call (for the CLI, the demo and tests)."""
from __future__ import annotations

import collections

import grpc


class _CallDetails(
    collections.namedtuple("_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")),
    grpc.ClientCallDetails,
):
    pass


class _BearerToken(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    def __init__(self, token: str):
        self._header = ("authorization", f"Bearer {token}")

    def _details(self, details: grpc.ClientCallDetails) -> _CallDetails:
        return _CallDetails(details.method, details.timeout, [*(details.metadata or ()), self._header],
                            details.credentials, details.wait_for_ready, details.compression)

    def intercept_unary_unary(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)


def channel(target: str, token: str | None) -> grpc.Channel:
    """An insecure channel to `target` (loopback or behind TLS termination) carrying `token`."""
    plain = grpc.insecure_channel(target)
    return grpc.intercept_channel(plain, _BearerToken(token)) if token else plain
