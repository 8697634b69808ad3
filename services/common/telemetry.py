"""What operators watch: Prometheus metrics, JSON logs that carry correlation ids and the actor, and
the liveness of a process's background workers.

Every process serves one HTTP endpoint (`FEDSTD_METRICS_PORT`; 0 leaves it off) with
- `/metrics`: the Prometheus exposition of everything below plus the client's process metrics;
- `/healthz`: 200 while every relay and projection loop in the process makes progress, 503 with the
  reasons otherwise (a process without a gRPC port has no other liveness signal);
- `/readyz`: 200 once the process has started its roles.

Hot paths only touch pre-resolved metric children and context variables; figures that need a
query (relay lag) are sampled by the worker itself at most once per `SAMPLE_INTERVAL_S`.
"""
from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import grpc
from prometheus_client import REGISTRY, CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from pymongo import monitoring

from services.common.auth import current_caller
from services.common.errors import FedstdError
from services.common.events import Metadata, new_event_id
from services.common.method_handlers import WrappedHandlers

log = logging.getLogger(__name__)

#: How often a worker re-reads a figure that costs a query.
SAMPLE_INTERVAL_S = 1.0
CORRELATION_HEADER = "x-correlation-id"

# -- metrics ---------------------------------------------------------------------------------------
# gRPC names and labels follow the usual server-side convention, so existing dashboards apply.

GRPC_HANDLED = Counter(
    "grpc_server_handled", "RPCs completed on the server, by method and status code.",
    ["grpc_service", "grpc_method", "grpc_code"],
)
GRPC_HANDLING_SECONDS = Histogram(
    "grpc_server_handling_seconds", "Time from receiving an RPC to its status, by method.",
    ["grpc_service", "grpc_method"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
RELAY_LAG = Gauge("fedstd_relay_lag", "Positions stored but not yet published to the topic.", ["topic"])
RELAY_POSITION = Gauge("fedstd_relay_position", "Last position the relay published and checkpointed.", ["topic"])
RELAY_PUBLISHED = Counter("fedstd_relay_published", "Events the relay published.", ["topic"])
CONSUMER_LAG = Gauge(
    "fedstd_projection_consumer_lag", "Records on the projection's partitions not yet consumed (-1: unknown).",
    ["projection"],
)
PROJECTION_POSITION = Gauge(
    "fedstd_projection_position", "Highest source position the projection has applied, per topic.",
    ["projection", "topic"],
)
PROJECTION_EVENTS = Counter("fedstd_projection_events", "Records the projection consumed.", ["projection"])
DEAD_LETTERS = Counter(
    "fedstd_dead_letters", "Records a projection could not apply and sent to the dead-letter topic.",
    ["projection", "topic"],
)
BUS_ERRORS = Counter(
    "fedstd_bus_errors", "Kafka (bus) operations that failed: publishes not acknowledged, brokers out of reach.",
    ["worker"],
)
WORKER_ERRORS = Counter(
    "fedstd_worker_errors", "Unexpected failures of a relay or projection loop (it retries).", ["worker"],
)
MONGODB_ERRORS = Counter(
    "fedstd_mongodb_errors", "MongoDB commands that failed and failed server heartbeats.", ["operation"],
)


class _SampledCollector:
    """Figures known from samples, exposed at scrape time.

    `fedstd_events_appended_total`: the last position of a service's event store, as its relay last
    read it; positions count events appended (a position the MongoDB store voided counts too).
    `fedstd_worker_stalled`: 1 for a worker the liveness check would fail.
    """

    def __init__(self) -> None:
        self.timeout = 120.0
        self.appended: dict[str, int] = {}

    def collect(self):
        appended = CounterMetricFamily("fedstd_events_appended", "Events appended to the service's event store.",
                                       labels=["service"])
        for service, head in sorted(self.appended.items()):
            appended.add_metric([service], head)
        stalled = GaugeMetricFamily("fedstd_worker_stalled", "1 while a worker makes no progress (see /healthz).",
                                    labels=["worker"])
        now = time.monotonic()
        for worker in WORKERS.all():
            stalled.add_metric([worker.name], 1.0 if worker.stall_reason(now, self.timeout) else 0.0)
        yield appended
        yield stalled


# -- liveness of background workers -----------------------------------------------------------------


class WorkerProgress:
    """The heartbeat of one relay or projection loop.

    A worker is stalled when its loop has not come round for `timeout` seconds (stuck or dead), or
    when it has work waiting (lag > 0) and has moved none of it for `timeout` seconds.
    """

    def __init__(self, name: str):
        self.name = name
        self.errors = WORKER_ERRORS.labels(name)
        self.bus_errors = BUS_ERRORS.labels(name)
        now = time.monotonic()
        self._looped = now
        self._moved = now
        self._backlog = 0

    def beat(self, moved: int, backlog: int | None) -> None:
        """One turn of the loop: `moved` items handled, `backlog` still waiting (None: not known)."""
        now = time.monotonic()
        self._looped = now
        if backlog is not None:
            self._backlog = backlog
        if moved or self._backlog <= 0:
            self._moved = now

    def stall_reason(self, now: float, timeout: float) -> str | None:
        if now - self._looped > timeout:
            return f"loop has not run for {now - self._looped:.0f}s"
        if self._backlog > 0 and now - self._moved > timeout:
            return f"{self._backlog} waiting and nothing moved for {now - self._moved:.0f}s"
        return None

    @contextlib.contextmanager
    def running(self) -> Iterator["WorkerProgress"]:
        """Registers the worker for the liveness check while its loop runs.

        A loop that dies with an exception stays registered, so it shows as stalled.
        """
        WORKERS.add(self)
        yield self
        WORKERS.remove(self)


class _Workers:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers: list[WorkerProgress] = []

    def add(self, worker: WorkerProgress) -> None:
        with self._lock:
            self._workers.append(worker)

    def remove(self, worker: WorkerProgress) -> None:
        with self._lock:
            self._workers.remove(worker)

    def all(self) -> list[WorkerProgress]:
        with self._lock:
            return list(self._workers)

    def stalled(self, timeout: float) -> dict[str, str]:
        now = time.monotonic()
        return {w.name: reason for w in self.all() if (reason := w.stall_reason(now, timeout))}


WORKERS = _Workers()
_SAMPLED = _SampledCollector()
REGISTRY.register(_SAMPLED)


class RelayTelemetry:
    """What the outbox relay of one topic reports."""

    def __init__(self, service: str, topic: str):
        self.progress = WorkerProgress(f"relay:{topic}")
        self._published = RELAY_PUBLISHED.labels(topic)
        self._lag = RELAY_LAG.labels(topic)
        self._position = RELAY_POSITION.labels(topic)
        self._service = service
        self._sampled_at = float("-inf")
        self._backlog: int | None = None

    def published(self, count: int, position: int) -> None:
        self._published.inc(count)
        self._position.set(position)

    def beat(self, published: int, head_and_checkpoint: Callable[[], tuple[int, int]]) -> None:
        """One turn of the relay loop; re-reads the store's head and checkpoint after a publish, and
        otherwise at most once per interval."""
        now = time.monotonic()
        if published or now - self._sampled_at >= SAMPLE_INTERVAL_S:
            self._sampled_at = now
            try:
                head, checkpoint = head_and_checkpoint()
            except Exception:  # the store is out of reach: keep the last figures, the loop reports the error
                log.debug("relay %s: cannot sample the lag", self.progress.name, exc_info=True)
            else:
                self._backlog = max(head - checkpoint, 0)
                _SAMPLED.appended[self._service] = head
                self._position.set(checkpoint)
                self._lag.set(self._backlog)
        self.progress.beat(published, self._backlog)


class ProjectionTelemetry:
    """What one projection runner reports."""

    def __init__(self, projection: str):
        self.name = projection
        self.progress = WorkerProgress(f"projection:{projection}")
        self._events = PROJECTION_EVENTS.labels(projection)
        self._lag = CONSUMER_LAG.labels(projection)
        self._positions: dict[str, int] = {}

    def applied(self, delivered: int, positions: Mapping[str, int]) -> None:
        self._events.inc(delivered)
        for topic, position in positions.items():
            if position > self._positions.get(topic, 0):
                self._positions[topic] = position
                PROJECTION_POSITION.labels(self.name, topic).set(position)

    def dead_lettered(self, topic: str) -> None:
        DEAD_LETTERS.labels(self.name, topic).inc()

    def beat(self, delivered: int, lag: int | None) -> None:
        self._lag.set(-1 if lag is None else lag)
        self.progress.beat(delivered, lag)


class MongoErrorListener(monitoring.CommandListener, monitoring.ServerHeartbeatListener):
    """Counts failed MongoDB commands and heartbeats (pass it to MongoClient's `event_listeners`)."""

    def started(self, event) -> None:
        pass

    def succeeded(self, event) -> None:
        pass

    def failed(self, event) -> None:
        MONGODB_ERRORS.labels(getattr(event, "command_name", "heartbeat")).inc()


# -- correlation ids and the actor in logs ----------------------------------------------------------

_log_context: contextvars.ContextVar[Metadata | None] = contextvars.ContextVar("fedstd_log_context", default=None)


@contextlib.contextmanager
def log_context(metadata: Metadata) -> Iterator[None]:
    """Log records made inside carry this correlation id and actor."""
    token = _log_context.set(metadata)
    try:
        yield
    finally:
        _log_context.reset(token)


def correlation_id() -> str:
    """The correlation id of the call or event being handled ('' outside one)."""
    context = _log_context.get()
    return context.correlation_id if context else ""


def _actor(context: Metadata | None) -> str:
    if context is not None and context.actor:
        return context.actor
    try:  # inside a gRPC call the caller is known once authentication has run
        return current_caller().subject
    except FedstdError:
        return ""


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, correlation_id, actor, thread, error."""

    converter = time.gmtime

    def format(self, record: logging.LogRecord) -> str:
        context = _log_context.get()
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "thread": record.threadName,
        }
        if context is not None and context.correlation_id:
            entry["correlation_id"] = context.correlation_id
        if actor := _actor(context):
            entry["actor"] = actor
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)



def use_json_logs() -> None:
    """Switches the root logger's handlers to JSON lines (for log collectors)."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler())
    for handler in root.handlers:
        handler.setFormatter(JsonFormatter())


# -- gRPC ------------------------------------------------------------------------------------------


def _code_name(context: grpc.ServicerContext, default: str) -> str:
    code = context.code()
    if code is None:
        return default
    return code.name if isinstance(code, grpc.StatusCode) else grpc.StatusCode(code).name


class TelemetryInterceptor(grpc.ServerInterceptor):
    """Outermost interceptor: counts and times every RPC by method and final code, and sets the log context.

    The correlation id is the caller's `x-correlation-id` or a new one; the actor is filled in once
    authentication has named the caller.
    """

    def __init__(self) -> None:
        self._wrapped = WrappedHandlers(self._wrap)

    def intercept_service(self, continuation, handler_call_details):
        return self._wrapped.get(handler_call_details.method, continuation(handler_call_details))

    @staticmethod
    def _wrap(full_method: str, handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler:
        if not (handler.unary_unary or handler.unary_stream):
            return handler
        service, _, method = full_method.lstrip("/").partition("/")
        timer = GRPC_HANDLING_SECONDS.labels(service, method)

        def finish(context, started: float, default_code: str) -> None:
            timer.observe(time.perf_counter() - started)
            GRPC_HANDLED.labels(service, method, _code_name(context, default_code)).inc()

        def correlation(context) -> Metadata:
            header = next((str(value) for key, value in context.invocation_metadata() or () if key == CORRELATION_HEADER), "")
            return Metadata(correlation_id=header or new_event_id())

        if handler.unary_unary:
            inner = handler.unary_unary

            def unary(request, context):
                started = time.perf_counter()
                with log_context(correlation(context)):
                    try:
                        response = inner(request, context)
                    except BaseException:
                        finish(context, started, "UNKNOWN")
                        raise
                    finish(context, started, "OK")
                    return response

            return grpc.unary_unary_rpc_method_handler(unary, handler.request_deserializer, handler.response_serializer)

        inner_stream = handler.unary_stream

        def stream(request, context):
            started = time.perf_counter()
            with log_context(correlation(context)):
                try:
                    yield from inner_stream(request, context)
                except GeneratorExit:  # the client went away
                    finish(context, started, "CANCELLED")
                    raise
                except BaseException:
                    finish(context, started, "UNKNOWN")
                    raise
                finish(context, started, "OK")

        return grpc.unary_stream_rpc_method_handler(stream, handler.request_deserializer, handler.response_serializer)


# -- the HTTP endpoint ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EndpointSettings:
    host: str
    port: int
    #: Seconds without progress after which /healthz fails.
    stall_timeout: float = 120.0


class _Handler(BaseHTTPRequestHandler):
    endpoint: "Endpoint"

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        path = self.path.split("?", 1)[0]
        if path == "/metrics":
            self._reply(200, CONTENT_TYPE_LATEST, generate_latest(REGISTRY))
        elif path == "/healthz":
            stalled = WORKERS.stalled(self.endpoint.settings.stall_timeout)
            body = {"status": "stalled" if stalled else "ok", "stalled": stalled,
                    "workers": sorted(w.name for w in WORKERS.all())}
            self._reply(503 if stalled else 200, "application/json", json.dumps(body).encode())
        elif path == "/readyz":
            self._reply(200, "text/plain; charset=utf-8", b"ready\n")
        else:
            self._reply(404, "text/plain; charset=utf-8", b"not found\n")

    def _reply(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # scrapes and probes are not worth a log line
        pass


class Endpoint:
    """The process's HTTP endpoint; shared by the service hosts of one process (see `acquire`)."""

    def __init__(self, settings: EndpointSettings):
        self.settings = settings
        handler = type("Handler", (_Handler,), {"endpoint": self})
        self._server = ThreadingHTTPServer((settings.host, settings.port), handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._users = 0
        self._thread = threading.Thread(target=self._server.serve_forever, name="telemetry-http", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


_endpoints: dict[tuple[str, int], Endpoint] = {}
_endpoints_lock = threading.Lock()


def acquire(settings: EndpointSettings) -> Endpoint | None:
    """The endpoint for these settings, started on first use; None when the port is 0 (off)."""
    if settings.port == 0:
        return None
    key = (settings.host, settings.port)
    with _endpoints_lock:
        endpoint = _endpoints.get(key)
        if endpoint is None:
            endpoint = _endpoints[key] = Endpoint(settings)
            _SAMPLED.timeout = settings.stall_timeout
        endpoint._users += 1
        return endpoint


def release(endpoint: Endpoint | None) -> None:
    """Stops the endpoint when its last user lets go."""
    if endpoint is None:
        return
    with _endpoints_lock:
        endpoint._users -= 1
        if endpoint._users > 0:
            return
        _endpoints.pop((endpoint.settings.host, endpoint.settings.port), None)
    endpoint.close()
