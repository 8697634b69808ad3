"""`fedstd up` as a user runs it: ports printed, health and reflection on every server, SIGTERM stops it."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from tests.support.fedstd import wait_serving
from tests.support.servers import free_port

SERVICE_NAMES = {
    "registry": "fedstd.registry.v1.RegistryService",
    "assessment": "fedstd.assessment.v1.AssessmentService",
    "reporting": "fedstd.reporting.v1.ReportingService",
}


def listed_services(port: int) -> set[str]:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        responses = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5)
        return {s.name for r in responses for s in r.list_services_response.service}


def test_up_serves_health_and_reflection_and_stops_on_sigterm(tmp_path: Path) -> None:
    ports = {s: free_port() for s in SERVICE_NAMES}
    argv = [sys.executable, "-m", "services.cli", "up", "--data-dir", str(tmp_path / "data")]
    for service, port in ports.items():
        argv += [f"--{service}-port", str(port)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for service, port in ports.items():
            wait_serving(port)
            assert {SERVICE_NAMES[service], "grpc.health.v1.Health"} <= listed_services(port)
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                status = health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(service=SERVICE_NAMES[service]), timeout=5).status
            assert status == health_pb2.HealthCheckResponse.SERVING
        # Commands and queries need a token: the first start printed one for the region federation.
        with grpc.insecure_channel(f"127.0.0.1:{ports['reporting']}") as anonymous:
            try:
                reporting_grpc.ReportingServiceStub(anonymous).GetFederationProgress(
                    reporting.GetFederationProgressRequest(), timeout=5)
                raise AssertionError("a call without a token was served")
            except grpc.RpcError as exc:
                assert exc.code() == grpc.StatusCode.UNAUTHENTICATED
        minted = subprocess.run([sys.executable, "-m", "services.cli", "progress", "--target", f"127.0.0.1:{ports['reporting']}",
                                 "--data-dir", str(tmp_path / "data"), "--json"], capture_output=True, text=True, timeout=60)
        assert minted.returncode == 0, minted.stderr
        assert '"league_code": "150100"' in minted.stdout
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert time.monotonic() - started < 30
        output = process.stdout.read()
        assert all(f"127.0.0.1:{port}" in output for port in ports.values())
        assert "stopping" in output
        assert "region-federation token" in output
    finally:
        if process.poll() is None:
            process.kill()


def test_serve_without_kafka_and_mongodb_explains_what_it_needs() -> None:
    result = subprocess.run([sys.executable, "-m", "services.cli", "serve", "registry"], capture_output=True, text=True,
                            timeout=60, env={"PATH": ""})
    assert result.returncode == 2
    assert "--kafka-bootstrap" in result.stderr and "--mongo-uri" in result.stderr


def test_progress_against_no_server_fails_with_a_message() -> None:
    result = subprocess.run([sys.executable, "-m", "services.cli", "progress", "--target", f"127.0.0.1:{free_port()}",
                             "--timeout", "1", "--token", "any"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "UNAVAILABLE" in result.stderr


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("FEDSTD_WORKER_NICE", "low", "FEDSTD_WORKER_NICE must be a whole number, not 'low'"),
    ("FEDSTD_RELAY_LINGER_MS", "-5", "FEDSTD_RELAY_LINGER_MS must be at least 0, not '-5'"),
    ("FEDSTD_READ_YOUR_WRITES_TIMEOUT_S", "soon", "FEDSTD_READ_YOUR_WRITES_TIMEOUT_S must be a number, not 'soon'"),
    ("FEDSTD_HEALTH_PORT", "9000", "a health-only port (FEDSTD_HEALTH_PORT) is for one service per process: fedstd serve"),
])
def test_a_setting_that_cannot_be_right_is_named_before_anything_starts(tmp_path: Path, variable: str, value: str,
                                                                         says: str) -> None:
    result = subprocess.run([sys.executable, "-m", "services.cli", "up", "--data-dir", str(tmp_path / "data")],
                            capture_output=True, text=True, timeout=60, env={**os.environ, variable: value})
    assert result.returncode == 1
    assert result.stderr.strip() == f"fedstd: {says}"
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("workers", ["process", "threads"])
@pytest.mark.parametrize("service", ["registry", "reporting"])
def test_a_port_that_is_taken_is_named_and_nothing_is_left_running(tmp_path: Path, workers: str, service: str) -> None:
    """In the process mode the reporting API binds its port in a child process: its failure ends the start too."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ports = [argument for name in ("registry", "assessment", "reporting")
                 for argument in (f"--{name}-port", str(port) if name == service else "0")]
        up = subprocess.Popen([sys.executable, "-m", "services.cli", "up", "--workers", workers,
                               "--data-dir", str(tmp_path / "data"), *ports], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, start_new_session=True)
        try:
            _, stderr = up.communicate(timeout=60)
        finally:
            left = [pid for pid in Path("/proc").iterdir() if pid.name.isdigit() and _in_session(pid, up.pid)]
            if left:
                os.killpg(up.pid, signal.SIGKILL)
    assert up.returncode == 1
    assert f"fedstd: cannot listen on 127.0.0.1:{port}: the port is taken or not allowed" in stderr.splitlines()
    assert "Traceback" not in stderr
    assert left == []


def _in_session(proc: Path, session: int) -> bool:
    """Whether the process is alive (not a zombie) in the session `session`."""
    try:
        fields = proc.joinpath("stat").read_text().rpartition(")")[2].split()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return fields[0] != "Z" and int(fields[3]) == session
