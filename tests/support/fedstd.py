"""fedstd services as real processes (`fedstd serve ...`) for end-to-end and reliability tests."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.common.config import SERVICES
from tests.support.servers import LOCALHOST, ManagedProcess, ServerStartError, free_port

#: Group timings a Tansu broker needs; real clusters keep Kafka's defaults.
TEST_KAFKA_ENV = {
    "FEDSTD_KAFKA_SESSION_TIMEOUT_MS": "6000",
    "FEDSTD_KAFKA_HEARTBEAT_INTERVAL_MS": "1000",
    "FEDSTD_KAFKA_MAX_POLL_INTERVAL_MS": "5000",
    "FEDSTD_KAFKA_REQUEST_TIMEOUT_MS": "3000",
    # A loaded 2-core test machine can take longer than the default 5 s to project a write.
    "FEDSTD_READ_YOUR_WRITES_TIMEOUT_S": "30",
}


def wait_serving(port: int, timeout: float = 30.0) -> None:
    """Waits until the gRPC health service on `port` answers SERVING."""
    deadline = time.monotonic() + timeout
    with grpc.insecure_channel(f"{LOCALHOST}:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while True:
            try:
                if stub.Check(health_pb2.HealthCheckRequest(), timeout=1).status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"no SERVING health status on port {port}")
            time.sleep(0.1)


class FedstdService(ManagedProcess):
    """`fedstd serve SERVICE` against a Kafka-protocol broker and a MongoDB-protocol server."""

    name = "fedstd"

    def __init__(self, workdir: Path, service: str, bootstrap: str, mongo_uri: str, database_prefix: str,
                 roles: str = "api,relay,projector", env: dict[str, str] | None = None) -> None:
        self.service = service
        self.roles = roles
        self.bootstrap = bootstrap
        self.mongo_uri = mongo_uri
        super().__init__(
            env={**TEST_KAFKA_ENV, "FEDSTD_MONGO_DATABASE_PREFIX": database_prefix, **(env or {})},
            workdir=workdir,
            port=free_port() if "api" in roles else None,
        )
        self.name = f"fedstd-{service}"
        self.log_file = self.workdir / f"{self.name}.log"

    def command(self) -> list[str]:
        argv = [sys.executable, "-m", "services.cli", "--log-level", "INFO", "serve", self.service,
                "--roles", self.roles, "--kafka-bootstrap", self.bootstrap, "--mongo-uri", self.mongo_uri]
        return argv + (["--port", str(self.port)] if self.port else [])

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while "is serving" not in self.log_tail(400):
            if not self.is_running:
                raise ServerStartError(f"{self.name} exited during start:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"{self.name} did not start in {timeout}s:\n{self.log_tail()}")
            time.sleep(0.05)
        if self.port:
            wait_serving(self.port, max(1.0, deadline - time.monotonic()))

    def wait_exit(self, timeout: float) -> int:
        assert self.process is not None
        return self.process.wait(timeout)


class FedstdUp(ManagedProcess):
    """`fedstd up`: the whole suite embedded in one process, on fixed ports, so that a restart serves the same."""

    name = "fedstd-up"

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        super().__init__(env={**TEST_KAFKA_ENV, **(env or {})}, workdir=data_dir)
        self.data_dir = data_dir
        self.ports = {service: free_port() for service in SERVICES}

    def command(self) -> list[str]:
        ports = [argument for service, port in self.ports.items() for argument in (f"--{service}-port", str(port))]
        return [sys.executable, "-m", "services.cli", "--log-level", "INFO", "up", "--data-dir", str(self.data_dir), *ports]

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while "fedstd is up" not in self.log_tail(400):
            if not self.is_running:
                raise ServerStartError(f"{self.name} exited during start:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"{self.name} did not start in {timeout}s:\n{self.log_tail()}")
            time.sleep(0.05)
        for port in self.ports.values():
            wait_serving(port, max(1.0, deadline - time.monotonic()))
