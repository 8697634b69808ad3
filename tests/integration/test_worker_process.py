"""`fedstd up` with its relays and projections in a worker process and the reporting API in a process of its
own: a real `fedstd up` process over gRPC.

Commands are read back with `min_version` (the API process waits for the worker's projections across
processes); a killed worker is started again and the projections converge; a killed reporting API process
is started again on the same port; no child outlives its parent, however the parent ends.
"""
from __future__ import annotations

import os
import signal
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from fedstd.reporting.v1 import reporting_service_pb2 as reporting_api
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.config import Settings
from services.demo import synthetic_uscc
from tests.support.fedstd import FedstdUp, wait_serving
from tests.support.servers import free_port

HOHHOT = "150100"
TIMEOUT = 60.0
#: Generous bound for a process to start or end on a loaded machine (a timeout, not a measurement).
PROCESS_TIMEOUT = 60.0


def children(pid: int) -> list[int]:
    """The live (not zombie) processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state, parent = entry.joinpath("stat").read_text().rpartition(")")[2].split()[:2]
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(parent) == pid and state != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def eventually(condition, what: str) -> None:
    deadline = time.monotonic() + PROCESS_TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {PROCESS_TIMEOUT:.0f} s: {what}")
        time.sleep(0.1)


def command_line(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def the_children(up: FedstdUp) -> dict[str, int]:
    """fedstd up's child processes by what they run: {"worker": pid, "reporting": pid}."""
    found: dict[str, int] = {}

    def both() -> bool:
        found.clear()
        for pid in children(up.pid):
            arguments = command_line(pid)
            found[arguments[arguments.index("--api") + 1] if "--api" in arguments else "worker"] = pid
        return sorted(found) == ["reporting", "worker"]

    eventually(both, f"a worker and a reporting API process under fedstd up (pid {up.pid})")
    return dict(found)


def the_worker(up: FedstdUp) -> int:
    return the_children(up)["worker"]


@pytest.fixture
def up(tmp_path: Path) -> Iterator[tuple[FedstdUp, TokenIssuer]]:
    issuer = TokenIssuer.generate()
    process = FedstdUp(tmp_path / "data", env=issuer.settings().environment()).start()
    try:
        yield process, issuer
    finally:
        process.stop()


def register(registry: api_grpc.RegistryServiceStub, serial: int) -> api.Enterprise:
    return registry.RegisterEnterprise(api.RegisterEnterpriseRequest(
        uscc=synthetic_uscc(HOHHOT, serial), display_name=f"enterprise {serial}", division_code="150102",
        is_private=True, industry_section="H", plan_sectors=[plan.PLAN_SECTOR_ACCOMMODATION_CATERING],
        size_class=events.SIZE_CLASS_SMALL, registered_on="2022-01-10"), timeout=TIMEOUT)


def read_back(registry: api_grpc.RegistryServiceStub, enterprise: api.Enterprise) -> api.Enterprise:
    return registry.GetEnterprise(api.GetEnterpriseRequest(name=enterprise.name, min_version=enterprise.version),
                                  timeout=TIMEOUT)


def listed(registry: api_grpc.RegistryServiceStub) -> set[str]:
    found, token = set(), ""
    while True:
        page = registry.ListEnterprises(api.ListEnterprisesRequest(league_code=HOHHOT, page_size=500, page_token=token),
                                        timeout=TIMEOUT)
        found.update(e.uscc for e in page.enterprises)
        if not (token := page.next_page_token):
            return found


def test_reads_its_writes_across_processes_and_a_killed_worker_is_started_again(
        up: tuple[FedstdUp, TokenIssuer]) -> None:
    process, issuer = up
    with channel(f"127.0.0.1:{process.ports['registry']}", issuer.issue(Role.LEAGUE, HOHHOT)) as open_channel:
        registry = api_grpc.RegistryServiceStub(open_channel)
        before = [register(registry, serial) for serial in range(20)]
        for enterprise in before:  # each read waits for the worker's projection of the API's append
            shown = read_back(registry, enterprise)
            assert (shown.name, shown.display_name, shown.version) == (enterprise.name, enterprise.display_name, 1)

        worker = the_worker(process)
        # Callers first: the worker runs at a lower priority than the process that answers them.
        assert os.getpriority(os.PRIO_PROCESS, worker) == os.getpriority(os.PRIO_PROCESS, process.pid) + Settings().worker_nice
        os.kill(worker, signal.SIGKILL)
        eventually(lambda: the_children(process)["worker"] != worker, "a new worker process")
        assert "starting it again" in process.log_tail(400)

        after = [register(registry, serial) for serial in range(20, 40)]
        assert read_back(registry, after[-1]).version == 1
        expected = {synthetic_uscc(HOHHOT, serial) for serial in range(40)}
        eventually(lambda: listed(registry) == expected, "every enterprise in the read model")
        assert process.is_running


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_the_children_end_with_their_parent(up: tuple[FedstdUp, TokenIssuer], signum: int) -> None:
    process, _ = up
    pids = the_children(process)
    os.kill(process.pid, signum)  # the parent alone, not its process group
    returncode = process.process.wait(PROCESS_TIMEOUT)
    assert returncode == (0 if signum == signal.SIGTERM else -signal.SIGKILL)
    for name, pid in pids.items():
        eventually(lambda: not alive(pid), f"the {name} process {pid} ends after its parent")


def registered(reporting: reporting_grpc.ReportingServiceStub) -> int:
    """Private enterprises registered region-wide, as the progress query counts them."""
    answer = reporting.GetFederationProgress(reporting_api.GetFederationProgressRequest(), timeout=TIMEOUT)
    return answer.total.private_enterprises_registered


def test_the_reporting_api_serves_from_a_process_of_its_own_and_is_started_again_on_its_port(
        up: tuple[FedstdUp, TokenIssuer]) -> None:
    process, issuer = up
    pids = the_children(process)
    # Callers first: the reporting API is not lowered with the worker.
    assert os.getpriority(os.PRIO_PROCESS, pids["reporting"]) == os.getpriority(os.PRIO_PROCESS, process.pid)
    with channel(f"127.0.0.1:{process.ports['registry']}", issuer.issue(Role.LEAGUE, HOHHOT)) as commands, \
            channel(f"127.0.0.1:{process.ports['reporting']}", issuer.issue(Role.REGION)) as queries:
        registry, reporting = api_grpc.RegistryServiceStub(commands), reporting_grpc.ReportingServiceStub(queries)
        for serial in range(5):
            register(registry, serial)
        eventually(lambda: registered(reporting) == 5, "five private enterprises in the progress")

        os.kill(pids["reporting"], signal.SIGKILL)
        eventually(lambda: the_children(process)["reporting"] != pids["reporting"], "a new reporting API process")
        wait_serving(process.ports["reporting"], PROCESS_TIMEOUT)
        register(registry, 5)
        eventually(lambda: registered(reporting) == 6, "the sixth enterprise in the progress")
        assert "the reporting API process" in process.log_tail(2000)
        assert process.is_running


def metrics(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=TIMEOUT) as response:
        return response.read().decode()


def test_each_process_serves_its_own_metrics(tmp_path: Path) -> None:
    issuer = TokenIssuer.generate()
    ports = {"FEDSTD_METRICS_PORT": free_port(), "FEDSTD_WORKER_METRICS_PORT": free_port(),
             "FEDSTD_REPORTING_METRICS_PORT": free_port()}
    process = FedstdUp(tmp_path / "data", env={**issuer.settings().environment(),
                                               **{name: str(port) for name, port in ports.items()}}).start()
    try:
        with channel(f"127.0.0.1:{process.ports['registry']}", issuer.issue(Role.LEAGUE, HOHHOT)) as commands, \
                channel(f"127.0.0.1:{process.ports['reporting']}", issuer.issue(Role.REGION)) as queries:
            register(api_grpc.RegistryServiceStub(commands), 1)
            reporting = reporting_grpc.ReportingServiceStub(queries)
            eventually(lambda: registered(reporting) == 1, "the enterprise in the progress")
        served = {name: metrics(port) for name, port in ports.items()}
    finally:
        process.stop()
    progress_calls = 'grpc_method="GetFederationProgress"'
    registrations = 'grpc_method="RegisterEnterprise"'
    assert registrations in served["FEDSTD_METRICS_PORT"] and progress_calls not in served["FEDSTD_METRICS_PORT"]
    assert progress_calls in served["FEDSTD_REPORTING_METRICS_PORT"]
    assert "fedstd_relay_published_total" in served["FEDSTD_WORKER_METRICS_PORT"]
    assert "grpc_server_handled_total{" not in served["FEDSTD_WORKER_METRICS_PORT"]
