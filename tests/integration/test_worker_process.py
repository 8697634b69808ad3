"""`fedstd up` with its relays and projections in a worker process: a real `fedstd up` process over gRPC.

Commands are read back with `min_version` (the API process waits for the worker's projections across
processes); a killed worker is started again and the projections converge; the worker never outlives
its parent, however the parent ends.
"""
from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fedstd.registry.v1 import events_pb2 as events
from fedstd.registry.v1 import registry_service_pb2 as api
from fedstd.registry.v1 import registry_service_pb2_grpc as api_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.config import Settings
from services.demo import synthetic_uscc
from tests.support.fedstd import FedstdUp

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


def the_worker(up: FedstdUp) -> int:
    workers: list[int] = []

    def one_worker() -> bool:
        workers[:] = children(up.pid)
        return len(workers) == 1

    eventually(one_worker, f"one worker process under fedstd up (pid {up.pid})")
    return workers[0]


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
        eventually(lambda: children(process.pid) not in ([], [worker]), "a new worker process")
        assert "starting it again" in process.log_tail(400)

        after = [register(registry, serial) for serial in range(20, 40)]
        assert read_back(registry, after[-1]).version == 1
        expected = {synthetic_uscc(HOHHOT, serial) for serial in range(40)}
        eventually(lambda: listed(registry) == expected, "every enterprise in the read model")
        assert process.is_running


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_the_worker_ends_with_its_parent(up: tuple[FedstdUp, TokenIssuer], signum: int) -> None:
    process, _ = up
    worker = the_worker(process)
    os.kill(process.pid, signum)  # the parent alone, not its process group
    returncode = process.process.wait(PROCESS_TIMEOUT)
    assert returncode == (0 if signum == signal.SIGTERM else -signal.SIGKILL)
    eventually(lambda: not alive(worker), f"the worker {worker} ends after its parent")
