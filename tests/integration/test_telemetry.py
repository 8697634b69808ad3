"""Telemetry of running services: the metrics endpoint scraped over HTTP after real traffic, the
liveness of a worker that cannot make progress, and JSON logs that carry correlation ids."""
from __future__ import annotations

import io
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import grpc
import pytest
from prometheus_client import REGISTRY, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from pymongo import MongoClient

from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services.common.auth import Caller, Role, TokenIssuer, reset_current_caller, set_current_caller
from services.common.bus.local import LocalBus
from services.common.cloudevents import source_for, to_record, topic_for
from services.common.config import SERVICES, Settings
from services.common.events import Metadata, NewEvent
from services.common.eventstore import NO_STREAM
from services.common.eventstore.mongo import MongoEventStore
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.grpc_server import command_metadata
from services.common.projection import Projection, ProjectionRunner
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.common.runtime import Suite
from services.common.telemetry import JsonFormatter, TelemetryInterceptor, log_context
from services.demo import run_slice
from tests.support.fedstd import FedstdService
from tests.support.servers import LOCALHOST, TansuBroker, free_port

Samples = dict[tuple[str, frozenset], float]


def scrape(port: int) -> Samples:
    with urllib.request.urlopen(f"http://{LOCALHOST}:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum over every series of `name` that has these labels."""
    wanted = set(labels.items())
    return sum(v for (n, series), v in samples.items() if n == name and wanted <= series)


def health(port: int, path: str = "/healthz") -> tuple[int, dict | str]:
    try:
        with urllib.request.urlopen(f"http://{LOCALHOST}:{port}{path}", timeout=5) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    return status, json.loads(body) if body.startswith("{") else body


def eventually(probe: Callable[[], Samples], condition: Callable[[Samples], bool], timeout: float = 30.0) -> Samples:
    """The first scrape that meets the condition; the last one in the failure otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        samples = probe()
        if condition(samples) or time.monotonic() > deadline:
            return samples
        time.sleep(0.2)


def read_metrics() -> Callable[[], Samples]:
    """This process's own registry, read through the exposition format as a scrape would."""
    def read() -> Samples:
        return {(s.name, frozenset(s.labels.items())): s.value
                for family in text_string_to_metric_families(generate_latest(REGISTRY).decode()) for s in family.samples}

    return read


@contextmanager
def json_log_capture(logger: str) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    target = logging.getLogger(logger)
    target.addHandler(handler)
    try:
        yield stream
    finally:
        target.removeHandler(handler)


# -- the gRPC interceptor on a real server ----------------------------------------------------------


def test_interceptor_counts_codes_times_calls_and_logs_with_the_callers_correlation_id() -> None:
    log = logging.getLogger("tests.telemetry.echo")
    seen: list[Metadata] = []

    def say(request: bytes, context: grpc.ServicerContext) -> bytes:
        token = set_current_caller(Caller("leagues/150100", Role.LEAGUE, "150100"))
        try:
            seen.append(command_metadata(context))
            log.warning("handling %s", request.decode())
        finally:
            reset_current_caller(token)
        if request == b"bad":
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "bad request")
        return request

    server = grpc.server(ThreadPoolExecutor(max_workers=2), interceptors=[TelemetryInterceptor()])
    server.add_generic_rpc_handlers([grpc.method_handlers_generic_handler(
        "test.Echo", {"Say": grpc.unary_unary_rpc_method_handler(say)})])
    port = server.add_insecure_port(f"{LOCALHOST}:0")
    server.start()
    metrics = read_metrics()
    before = {code: value(metrics(), "grpc_server_handled_total", grpc_service="test.Echo", grpc_method="Say",
                          grpc_code=code) or 0 for code in ("OK", "INVALID_ARGUMENT")}
    timed_before = value(metrics(), "grpc_server_handling_seconds_count", grpc_service="test.Echo", grpc_method="Say") or 0
    try:
        with grpc.insecure_channel(f"{LOCALHOST}:{port}") as channel, json_log_capture("tests.telemetry.echo") as logs:
            call = channel.unary_unary("/test.Echo/Say")
            assert call(b"one", metadata=[("x-correlation-id", "corr-42")], timeout=5) == b"one"
            assert call(b"two", timeout=5) == b"two"
            with pytest.raises(grpc.RpcError) as refused:
                call(b"bad", timeout=5)
            assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    finally:
        server.stop(None)
    after = metrics()
    assert value(after, "grpc_server_handled_total", grpc_service="test.Echo", grpc_method="Say", grpc_code="OK") == before["OK"] + 2
    assert value(after, "grpc_server_handled_total", grpc_service="test.Echo", grpc_method="Say",
                 grpc_code="INVALID_ARGUMENT") == before["INVALID_ARGUMENT"] + 1
    assert value(after, "grpc_server_handling_seconds_count", grpc_service="test.Echo", grpc_method="Say") == timed_before + 3
    # The correlation id of the call is the caller's, or a new one; events and logs carry the same.
    lines = [json.loads(line) for line in logs.getvalue().splitlines()]
    assert [line["message"] for line in lines] == ["handling one", "handling two", "handling bad"]
    assert lines[0]["correlation_id"] == seen[0].correlation_id == "corr-42"
    assert lines[1]["correlation_id"] == seen[1].correlation_id and len(seen[1].correlation_id) == 36
    assert {line["actor"] for line in lines} == {"leagues/150100"} and {m.actor for m in seen} == {"leagues/150100"}


def test_projection_logs_and_dead_letters_carry_the_events_correlation_id_and_actor(tmp_path: Path) -> None:
    class Failing(Projection):
        name = f"test.failing-{uuid.uuid4().hex[:6]}"
        topics = ("fedstd.registry.v1",)

        def handlers(self):
            return {registry_events.StandardPublished: self.fail}

        def fail(self, event, message):
            raise RuntimeError("cannot apply")

    bus, store = LocalBus(tmp_path / "bus.db"), SqliteEventStore(tmp_path / "events.db")
    docs = SqliteDocumentStore(tmp_path / "views.db")
    stream = "chambers/NMB/groupStandards/1-2023"
    stored = store.append(stream, NO_STREAM, [NewEvent(stream, registry_events.StandardPublished(group_standard=stream),
                                                       Metadata(correlation_id="corr-7", actor="chambers/NMB"))])
    bus.publish([to_record(e, topic_for("registry"), source_for("registry")) for e in stored])
    runner = ProjectionRunner(Failing(), docs, bus)
    try:
        with json_log_capture("services.common.projection") as logs:
            consumer = bus.consumer(runner.projection.name, runner.projection.topics)
            runner.process(consumer.poll(1.0))
        line = json.loads(logs.getvalue().splitlines()[0])
        assert (line["level"], line["correlation_id"], line["actor"]) == ("ERROR", "corr-7", "chambers/NMB")
        assert "RuntimeError: cannot apply" in line["error"]
        dead = bus.consumer("check", ["fedstd.registry.v1.deadletter"]).poll(1.0)
        assert [d.record.headers["ce_correlationid"] for d in dead] == ["corr-7"]
        assert value(read_metrics()(), "fedstd_dead_letters_total", projection=runner.projection.name,
                     topic="fedstd.registry.v1") == 1
    finally:
        docs.close()
        store.close()
        bus.close()


def test_json_formatter_leaves_out_what_is_not_known() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "plain %s", ("line",), None)
    assert set(json.loads(JsonFormatter().format(record))) == {"time", "level", "logger", "message", "thread"}
    with log_context(Metadata(correlation_id="c-1", actor="partners/p")):
        entry = json.loads(JsonFormatter().format(record))
    assert (entry["message"], entry["correlation_id"], entry["actor"]) == ("plain line", "c-1", "partners/p")


# -- the embedded suite after the walking skeleton ----------------------------------------------------


def test_embedded_suite_metrics_move_with_traffic_and_positions_meet(tmp_path: Path) -> None:
    issuer = TokenIssuer.generate()
    metrics_port = free_port()
    suite = Suite(Settings(data_dir=tmp_path, ports={s: 0 for s in SERVICES}, auth=issuer.settings(),
                           metrics_port=metrics_port, liveness_timeout=30)).start()
    try:
        before = scrape(metrics_port)
        assert health(metrics_port, "/readyz")[0] == 200
        run_slice(LOCALHOST, suite.ports, issuer)
        with grpc.insecure_channel(f"{LOCALHOST}:{suite.ports['reporting']}") as anonymous:
            with pytest.raises(grpc.RpcError) as refused:
                reporting_grpc.ReportingServiceStub(anonymous).GetFederationProgress(
                    reporting.GetFederationProgressRequest(), timeout=5)
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
        heads = {host.service: host.store.last_position() for host in suite.hosts}
        topics = {service: topic_for(service) for service in SERVICES}

        def caught_up(samples: Samples) -> bool:
            return all(value(samples, "fedstd_relay_position", topic=topics[s]) == heads[s] and value(
                samples, "fedstd_relay_lag", topic=topics[s]) == 0 for s in SERVICES) and all(
                value(samples, "fedstd_projection_position", projection="reporting.progress", topic=topics[s]) == heads[s]
                for s in SERVICES if heads[s]) and total(samples, "fedstd_projection_consumer_lag") == 0

        after = eventually(lambda: scrape(metrics_port), caught_up)
        status, body = health(metrics_port)
    finally:
        suite.stop()

    # Requests: every command and query of the slice, by method and code, each one timed.
    for service, method in [("fedstd.registry.v1.RegistryService", "PublishGroupStandard"),
                            ("fedstd.assessment.v1.AssessmentService", "RecordBrandEvaluation"),
                            ("fedstd.reporting.v1.ReportingService", "SubmitAnnualReport")]:
        ok = dict(grpc_service=service, grpc_method=method, grpc_code="OK")
        assert total(after, "grpc_server_handled_total", **ok) - total(before, "grpc_server_handled_total", **ok) >= 1
        assert total(after, "grpc_server_handling_seconds_count", grpc_service=service, grpc_method=method) == total(
            after, "grpc_server_handled_total", grpc_service=service, grpc_method=method)
    progress = dict(grpc_service="fedstd.reporting.v1.ReportingService", grpc_method="GetFederationProgress")
    assert total(after, "grpc_server_handled_total", grpc_code="UNAUTHENTICATED", **progress) == total(
        before, "grpc_server_handled_total", grpc_code="UNAUTHENTICATED", **progress) + 1
    # Events: appended and published up to each store's head, nothing waiting; the reporting
    # projection (which reads all three topics) has applied every position.
    assert all(heads.values())
    for service in SERVICES:
        assert value(after, "fedstd_events_appended_total", service=service) == heads[service]
        assert value(after, "fedstd_relay_lag", topic=topics[service]) == 0
        published = total(after, "fedstd_relay_published_total", topic=topics[service]) - total(
            before, "fedstd_relay_published_total", topic=topics[service])
        assert published == heads[service]
    assert caught_up(after), after
    assert status == 200 and body["status"] == "ok" and body["stalled"] == {}
    assert {"relay:fedstd.registry.v1", "projection:reporting.progress"} <= set(body["workers"])
    assert total(after, "fedstd_worker_stalled") == 0


# -- a worker process that cannot reach Kafka, then one that can ------------------------------------


@pytest.mark.kafka
@pytest.mark.mongo
def test_worker_process_reports_relay_lag_fails_liveness_without_kafka_and_catches_up(tmp_path: Path,
                                                                                     mongo_uri: str) -> None:
    prefix = f"tel{uuid.uuid4().hex[:8]}"
    topic = topic_for("registry")
    client: MongoClient = MongoClient(mongo_uri)
    store = MongoEventStore(client, f"{prefix}_registry_events")
    for n in range(5):
        stream = f"chambers/NMB/groupStandards/{n}-2023"
        store.append(stream, NO_STREAM, [NewEvent(stream, registry_events.StandardPublished(group_standard=stream))])
    worker_env = {"FEDSTD_LOG_FORMAT": "json", "FEDSTD_LIVENESS_TIMEOUT_S": "2"}
    try:
        # No broker listens on this port: the relay cannot publish.
        unreachable = f"{LOCALHOST}:{free_port()}"
        blocked_port = free_port()
        with FedstdService(tmp_path / "blocked", "registry", unreachable, mongo_uri, prefix, roles="relay,projector",
                           env={**worker_env, "FEDSTD_METRICS_PORT": str(blocked_port),
                                "FEDSTD_KAFKA_CLIENT_BOOTSTRAP_TIMEOUT_MS": "1000"}) as blocked:
            stuck = eventually(lambda: scrape(blocked_port), lambda s: value(s, "fedstd_relay_lag", topic=topic) == 5)
            assert value(stuck, "fedstd_relay_lag", topic=topic) == 5
            assert value(stuck, "fedstd_events_appended_total", service="registry") == 5
            assert value(stuck, "fedstd_relay_position", topic=topic) == 0
            status, body = eventually_unhealthy(blocked_port)
            assert status == 503 and "relay:fedstd.registry.v1" in body["stalled"], body
            failing = eventually(lambda: scrape(blocked_port), lambda s: value(
                s, "fedstd_bus_errors_total", worker="relay:fedstd.registry.v1"))
            assert value(failing, "fedstd_bus_errors_total", worker="relay:fedstd.registry.v1") >= 1
            assert value(failing, "fedstd_worker_stalled", worker="relay:fedstd.registry.v1") == 1
            assert value(failing, "fedstd_relay_lag", topic=topic) == 5
            log_lines = [json.loads(line) for line in blocked.log_file.read_text().splitlines() if line.startswith("{")]
            assert any(line["level"] == "WARNING" and line["logger"] == "services.common.relay" for line in log_lines)
            blocked.kill()  # as Kubernetes does after the liveness probe failed

        with TansuBroker(tmp_path / "tansu") as broker:
            port = free_port()
            with FedstdService(tmp_path / "worker", "registry", broker.bootstrap, mongo_uri, prefix,
                               roles="relay,projector", env={**worker_env, "FEDSTD_METRICS_PORT": str(port)}):
                done = eventually(lambda: scrape(port), lambda s: value(s, "fedstd_relay_lag", topic=topic) == 0 and value(
                    s, "fedstd_projection_events_total", projection="registry.views") == 5 and value(
                    s, "fedstd_projection_consumer_lag", projection="registry.views") == 0, timeout=60)
                assert value(done, "fedstd_relay_position", topic=topic) == 5
                assert value(done, "fedstd_relay_published_total", topic=topic) == 5
                assert value(done, "fedstd_projection_events_total", projection="registry.views") == 5
                assert value(done, "fedstd_projection_consumer_lag", projection="registry.views") == 0
                assert health(port)[0] == 200
    finally:
        for database in (f"{prefix}_registry_events", f"{prefix}_registry_views"):
            client.drop_database(database)
        client.close()


def eventually_unhealthy(port: int, timeout: float = 30.0) -> tuple[int, dict]:
    deadline = time.monotonic() + timeout
    while True:
        status, body = health(port)
        if status != 200 or time.monotonic() > deadline:
            return status, body
        time.sleep(0.2)
