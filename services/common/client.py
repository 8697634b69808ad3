"""gRPC channels that send a bearer token with every call (for the CLI, the demo and tests)."""
from __future__ import annotations

import collections
from dataclasses import dataclass
from pathlib import Path

import grpc


@dataclass(frozen=True)
class ClientTls:
    """How a client verifies the server (`ca_file`; None: the system's trusted roots) and, for mutual TLS,
    the certificate it presents (`cert_file`, `key_file`), all PEM files."""

    ca_file: Path | None = None
    cert_file: Path | None = None
    key_file: Path | None = None

    def __post_init__(self) -> None:
        if (self.cert_file is None) != (self.key_file is None):
            raise ValueError("a client certificate needs both its certificate and its key file")

    def credentials(self) -> grpc.ChannelCredentials:
        def read(path: Path | None) -> bytes | None:
            return path.read_bytes() if path else None

        return grpc.ssl_channel_credentials(read(self.ca_file), read(self.key_file), read(self.cert_file))


class _CallDetails(
    collections.namedtuple("_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")),
    grpc.ClientCallDetails,
):
    pass


class _BearerToken(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                   grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    def __init__(self, token: str):
        self._header = ("authorization", f"Bearer {token}")

    def _details(self, details: grpc.ClientCallDetails) -> _CallDetails:
        return _CallDetails(details.method, details.timeout, [*(details.metadata or ()), self._header],
                            details.credentials, details.wait_for_ready, details.compression)

    def intercept_unary_unary(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)

    def intercept_stream_unary(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details), request_iterator)

    def intercept_stream_stream(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details), request_iterator)


def channel(target: str, token: str | None, tls: ClientTls | None = None) -> grpc.Channel:
    """A channel to `target` carrying `token`: over TLS with `tls`, else plaintext (loopback, the embedded suite)."""
    plain = grpc.secure_channel(target, tls.credentials()) if tls else grpc.insecure_channel(target)
    return grpc.intercept_channel(plain, _BearerToken(token)) if token else plain
