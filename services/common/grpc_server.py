"""gRPC server plumbing shared by every service: health, reflection, rich errors, graceful stop."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from grpc_status import rpc_status
from pymongo.errors import ConnectionFailure

from services.common.auth import (
    Authenticator,
    Caller,
    PermissionDeniedError,
    Role,
    UnauthenticatedError,
    current_caller,
    reset_current_caller,
    set_current_caller,
)
from services.common.events import Metadata, new_event_id
from services.common.errors import (
    AlreadyExistsError,
    ConcurrencyError,
    DeadlineError,
    FailedPreconditionError,
    FedstdError,
    FieldViolation,
    NotFoundError,
    ValidationError,
)
from services.common.method_handlers import WrappedHandlers
from services.common.telemetry import TelemetryInterceptor, correlation_id

log = logging.getLogger(__name__)

ERROR_DOMAIN = "fedstd"
MAX_MESSAGE_BYTES = 4 * 1024 * 1024

CODES: list[tuple[type[FedstdError], int]] = [
    (ValidationError, code_pb2.INVALID_ARGUMENT),
    (ConcurrencyError, code_pb2.ABORTED),
    (NotFoundError, code_pb2.NOT_FOUND),
    (AlreadyExistsError, code_pb2.ALREADY_EXISTS),
    (FailedPreconditionError, code_pb2.FAILED_PRECONDITION),
    (DeadlineError, code_pb2.DEADLINE_EXCEEDED),
    (UnauthenticatedError, code_pb2.UNAUTHENTICATED),
    (PermissionDeniedError, code_pb2.PERMISSION_DENIED),
]
#: Methods any client may call without a token.
OPEN_METHOD_PREFIXES = ("/grpc.health.", "/grpc.reflection.")
#: The caller when authentication is switched off on purpose (FEDSTD_AUTH_DISABLED).
UNAUTHENTICATED_OPERATOR = Caller(subject="operators/auth-disabled", role=Role.REGION)


#: A database that is down or failing over: the command did not happen and may be retried.
STORE_OUT_OF_REACH: tuple[type[Exception], ...] = (ConnectionFailure,)


def _packed(message) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


def error_status(error: Exception) -> grpc.Status:
    """The rich status for an error: canonical code, ErrorInfo, and BadRequest for bad input."""
    if isinstance(error, FedstdError):
        code = next((c for cls, c in CODES if isinstance(error, cls)), code_pb2.INTERNAL)
        reason, message = error.reason, str(error)
    elif isinstance(error, STORE_OUT_OF_REACH):
        code, reason, message = code_pb2.UNAVAILABLE, "STORE_UNAVAILABLE", "a store is out of reach; retry later"
    else:
        code, reason, message = code_pb2.INTERNAL, "INTERNAL", "internal error"
    details = [_packed(error_details_pb2.ErrorInfo(reason=reason, domain=ERROR_DOMAIN))]
    if isinstance(error, ValidationError):
        details.append(
            _packed(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
                        for v in error.violations
                    ]
                )
            )
        )
    return rpc_status.to_status(status_pb2.Status(code=code, message=message, details=details))


def _status_for(error: Exception, method: str) -> grpc.Status:
    if isinstance(error, STORE_OUT_OF_REACH):
        log.warning("%s: %s", method, error)
    elif not isinstance(error, FedstdError):
        log.exception("unexpected error in %s", method, exc_info=error)
    return error_status(error)


class _Undecodable:
    """Stands in for a request whose bytes do not parse, so that the call ends as INVALID_ARGUMENT
    (grpcio itself would answer INTERNAL)."""

    def __init__(self, error: Exception):
        self.error = error


def _lenient(deserializer: Callable[[bytes], object]) -> Callable[[bytes], object]:
    def parse(data: bytes) -> object:
        try:
            return deserializer(data)
        except Exception as exc:  # DecodeError and friends
            return _Undecodable(exc)

    return parse


def _check_decoded(request: object) -> None:
    if isinstance(request, _Undecodable):
        raise ValidationError([FieldViolation("request", f"the request bytes do not parse: {request.error}")])


class ServiceInterceptor(grpc.ServerInterceptor):
    """Authenticates the caller and turns FedstdErrors into canonical codes with details.

    Bad input never ends as UNKNOWN; an unexpected exception is INTERNAL without its message.
    """

    def __init__(self, authenticator: Authenticator | None):
        self._authenticator = authenticator
        self._wrapped = WrappedHandlers(self._wrap)

    def _caller(self, method: str, context: grpc.ServicerContext) -> Caller | None:
        if method.startswith(OPEN_METHOD_PREFIXES):
            return None
        if self._authenticator is None:
            return UNAUTHENTICATED_OPERATOR
        return self._authenticator.caller_from_metadata(dict(context.invocation_metadata() or ()))

    def _answer(self, method: str, context: grpc.ServicerContext, call: Callable[[], object]) -> object:
        """`call`'s answer, as the authenticated caller; an error becomes its rich status."""
        try:
            token = set_current_caller(self._caller(method, context))
            try:
                return call()
            finally:
                reset_current_caller(token)
        except Exception as exc:  # mapped below, outside the except: abort raises
            status = _status_for(exc, method)
        context.abort_with_status(status)

    def intercept_service(self, continuation, handler_call_details):
        return self._wrapped.get(handler_call_details.method, continuation(handler_call_details))

    def _wrap(self, method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        if handler.unary_unary:
            inner = handler.unary_unary

            def unary(request, context):
                def call():
                    _check_decoded(request)
                    return inner(request, context)

                return self._answer(method, context, call)

            return grpc.unary_unary_rpc_method_handler(
                unary, _lenient(handler.request_deserializer), handler.response_serializer
            )
        if handler.unary_stream:
            inner_stream = handler.unary_stream

            def stream(request, context) -> Iterator:
                try:
                    token = set_current_caller(self._caller(method, context))
                    try:
                        _check_decoded(request)
                        yield from inner_stream(request, context)
                    finally:
                        reset_current_caller(token)
                    return
                except Exception as exc:
                    status = _status_for(exc, method)
                context.abort_with_status(status)

            return grpc.unary_stream_rpc_method_handler(
                stream, _lenient(handler.request_deserializer), handler.response_serializer
            )
        if handler.stream_unary:
            inner_client_stream = handler.stream_unary

            def client_stream(requests, context):
                return self._answer(method, context, lambda: inner_client_stream(_decoded(requests), context))

            return grpc.stream_unary_rpc_method_handler(
                client_stream, _lenient(handler.request_deserializer), handler.response_serializer
            )
        return handler


def _decoded(requests: Iterator) -> Iterator:
    """A client stream's requests, each checked to have parsed."""
    for request in requests:
        _check_decoded(request)
        yield request


@dataclass(frozen=True)
class GrpcService:
    """One gRPC service to serve: its full name (for health and reflection) and how to add it."""

    full_name: str
    add_to_server: Callable[[grpc.Server], None]

    @classmethod
    def of(cls, api_module, service: str, add_servicer: Callable, servicer) -> "GrpcService":
        """From a generated `*_pb2` module, the service's short name, its `add_*_to_server` and the servicer."""
        return cls(api_module.DESCRIPTOR.services_by_name[service].full_name, lambda server: add_servicer(servicer, server))


@dataclass(frozen=True)
class ServerTls:
    """The server's certificate chain and private key (PEM files). With `client_ca_file`, mutual TLS: a client
    must present a certificate signed by that CA or the handshake fails (the bearer token is still required)."""

    cert_file: Path
    key_file: Path
    client_ca_file: Path | None = None

    def files(self) -> tuple[Path, ...]:
        return (self.cert_file, self.key_file, *((self.client_ca_file,) if self.client_ca_file else ()))

    def configuration(self) -> grpc.ServerCertificateConfiguration:
        ca = self.client_ca_file.read_bytes() if self.client_ca_file else None
        return grpc.ssl_server_certificate_configuration(
            [(self.key_file.read_bytes(), self.cert_file.read_bytes())], root_certificates=ca)

    def credentials(self) -> grpc.ServerCredentials:
        """Credentials that read the files again when they change, so that a renewed certificate (cert-manager
        rewrites the mounted Secret) serves new connections without a restart."""
        reloader = _CertificateReloader(self)
        return grpc.dynamic_ssl_server_credentials(
            reloader.initial(), reloader.changed, require_client_authentication=self.client_ca_file is not None)


class _CertificateReloader:
    """gRPC asks before each handshake; the files are read again only when one of them changed."""

    def __init__(self, tls: ServerTls):
        self._tls = tls
        self._stamp: tuple[int, ...] = ()

    def _stamp_now(self) -> tuple[int, ...]:
        return tuple(os.stat(path).st_mtime_ns for path in self._tls.files())

    def initial(self) -> grpc.ServerCertificateConfiguration:
        self._stamp = self._stamp_now()
        return self._tls.configuration()

    def changed(self) -> grpc.ServerCertificateConfiguration | None:
        try:
            stamp = self._stamp_now()
            if stamp == self._stamp:
                return None
            configuration = self._tls.configuration()
        except OSError as exc:  # a renewal half written: keep serving the current certificate
            log.warning("TLS files unreadable, keeping the current certificate: %s", exc)
            return None
        self._stamp = stamp
        log.info("TLS certificate files changed: new connections use them")
        return configuration


class GrpcServer:
    """One service's gRPC server: plaintext, or TLS (optionally mutual) with `tls`.

    `health_port` adds a plaintext listener that serves only grpc.health.v1 (the same status as the main
    port), for probes that cannot speak TLS, such as kubelet's native gRPC probes.
    """

    def __init__(self, services: Sequence[GrpcService], host: str, port: int, authenticator: Authenticator | None,
                 max_workers: int = 16, tls: ServerTls | None = None, health_port: int | None = None):
        self._services = services
        self._address = f"{host}:{port}"
        self._tls = tls
        self._server = grpc.server(
            ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="grpc"),
            interceptors=[TelemetryInterceptor(), ServiceInterceptor(authenticator)],
            options=[
                ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
                ("grpc.so_reuseport", 0),
            ],
        )
        self._health = health.HealthServicer()
        self._health_address = f"{host}:{health_port}" if health_port is not None else None
        self._health_server: grpc.Server | None = None
        self.port = 0
        self.health_port = 0

    def start(self) -> int:
        for service in self._services:
            service.add_to_server(self._server)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        names = [s.full_name for s in self._services]
        reflection.enable_server_reflection(
            [*names, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME],
            self._server,
        )
        if self._tls is None:
            self.port = _listen(self._address, self._server.add_insecure_port)
        else:
            self.port = _listen(self._address, lambda address: self._server.add_secure_port(address, self._tls.credentials()))
        if self._health_address is not None:
            self._start_health_server()
        self._server.start()
        for name in ["", *names]:
            self._health.set(name, health_pb2.HealthCheckResponse.SERVING)
        return self.port

    def _start_health_server(self) -> None:
        self._health_server = grpc.server(ThreadPoolExecutor(max_workers=2, thread_name_prefix="grpc-health"),
                                          options=[("grpc.so_reuseport", 0)])
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._health_server)
        self.health_port = _listen(self._health_address, self._health_server.add_insecure_port)
        self._health_server.start()

    def stop(self, grace: float = 5.0) -> None:
        """Reports NOT_SERVING, lets calls in flight finish within `grace`, then stops."""
        self._health.enter_graceful_shutdown()
        self._server.stop(grace).wait()
        if self._health_server is not None:
            self._health_server.stop(0).wait()


def command_metadata(context: grpc.ServicerContext) -> Metadata:
    """The metadata recorded with a command's events: the call's correlation id (the caller's `x-correlation-id`
    or a new one, set by the telemetry interceptor) and who acted."""
    return Metadata(correlation_id=correlation_id() or new_event_id(), actor=current_caller().subject)


def _listen(address: str, add_port: Callable[[str], int]) -> int:
    """The port `add_port` bound at `address`; grpc answers 0 or raises RuntimeError (by version) when it cannot."""
    try:
        port = add_port(address)
    except RuntimeError:
        port = 0
    if port == 0:
        raise OSError(f"cannot listen on {address}: the port is taken or not allowed")
    return port
