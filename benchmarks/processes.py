"""The processes the benchmarks measure, started as in production: `fedstd up`, `fedstd serve`, a no-op gRPC server.

Process management (log files, readiness, clean stop, no orphans) is the tests' `ManagedProcess`;
the broker and the MongoDB-protocol server are the tests' `TansuBroker` and `MongoWireServer`.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from services.common.auth import TokenIssuer
from services.common.config import SERVICES
from tests.support.fedstd import FedstdService, wait_serving
from tests.support.servers import LOCALHOST, ManagedProcess, MongoWireServer, ServerStartError, TansuBroker, free_port

__all__ = ["EmbeddedSuite", "FedstdService", "Finished", "NoopGrpcServer", "SharedServers", "child_pids", "cpu_seconds", "peak_rss_mb",
           "run_measured"]

PORT_LINE = re.compile(r"^\s+(\w+)\s+[\d.]+:(\d+)$", re.MULTILINE)


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def child_pids(pid: int) -> list[int]:
    """The process's direct children (the embedded suite's worker and reporting API processes), whichever of its
    threads started them."""
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in task.joinpath("children").read_text().split()]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Finished:
    seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def run_measured(argv: list[str], log_file: Path, env: dict[str, str] | None = None, timeout: float = 600.0) -> Finished:
    """Runs a command to its end; its wall time and peak RSS (from the kernel's rusage of that one child)."""
    with log_file.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})})
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Finished(seconds, usage.ru_maxrss / 1024, process.returncode, log_file.read_text(errors="replace"))


class EmbeddedSuite(ManagedProcess):
    """`fedstd up` on a data folder, on free ports, with the token keys of `issuer`."""

    name = "fedstd-up"
    start_timeout = 120.0

    def __init__(self, data_dir: Path, issuer: TokenIssuer, env: dict[str, str] | None = None):
        super().__init__(env={**issuer.settings().environment(), **(env or {})}, workdir=data_dir.parent / "logs")
        self.data_dir = data_dir
        self.ports: dict[str, int] = {}

    def command(self) -> list[str]:
        ports = [arg for service in SERVICES for arg in (f"--{service}-port", "0")]
        return [sys.executable, "-m", "services.cli", "up", "--data-dir", str(self.data_dir), *ports]

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(self.ports) < len(SERVICES):
            if not self.is_running:
                raise ServerStartError(f"fedstd up exited during start:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise ServerStartError(f"fedstd up did not start in {timeout}s:\n{self.log_tail()}")
            self.ports = {service: int(port) for service, port in PORT_LINE.findall(self.log_tail(400))
                          if service in SERVICES}
            time.sleep(0.05)
        for port in self.ports.values():
            wait_serving(port, max(1.0, deadline - time.monotonic()))

    def target(self, service: str) -> str:
        return f"{LOCALHOST}:{self.ports[service]}"


class NoopGrpcServer(ManagedProcess):
    """The no-op gRPC baseline (`benchmarks/noop_server.py`), with the same thread pool as fedstd's servers;
    `client_stream`: every method drains a client stream instead."""

    name = "grpc-noop"

    def __init__(self, workdir: Path, client_stream: bool = False):
        super().__init__(workdir=workdir, port=free_port())
        self.client_stream = client_stream

    def command(self) -> list[str]:
        return [sys.executable, str(Path(__file__).with_name("noop_server.py")), str(self.port),
                *(["--client-stream"] if self.client_stream else [])]

    @property
    def target(self) -> str:
        return f"{LOCALHOST}:{self.port}"


class SharedServers:
    """A Tansu broker and an nx-27017 server, started on first use and stopped at the end of the run."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self._stack = ExitStack()
        self._mongo: MongoWireServer | None = None

    def broker(self, name: str) -> TansuBroker:
        """A fresh broker (in-memory storage), stopped at the end of the run or by the caller."""
        broker = TansuBroker(self.workdir / f"tansu-{name}")
        return self._stack.enter_context(broker)

    @property
    def mongo(self) -> MongoWireServer:
        if self._mongo is None:
            self._mongo = self._stack.enter_context(MongoWireServer(self.workdir / "mongo"))
        return self._mongo

    def close(self) -> None:
        self._stack.close()
