"""`kill -9` in the middle of the work, then a restart: nothing acknowledged is lost, nothing is stored or
applied twice. On both runtimes: the embedded `fedstd up` process, and a distributed `fedstd serve`
process (API, relay and projector) beside its two peers over Tansu and nx-27017.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from tests.support.actors import Actors, Sender
from tests.support.agreement import settled, wait_for
from tests.support.deployments import Deployment, Distributed, EmbeddedProcess
from tests.support.servers import ManagedProcess

SETTLE_TIMEOUT = 120.0


def kill_and_restart(sender: Sender, process: ManagedProcess) -> None:
    """SIGKILL while the sender is busy; start again once the sender has seen the outage."""
    sender.wait_for_acknowledged(15)
    failed_before = sum(sender.failed.values())
    process.kill()
    wait_for(lambda: sum(sender.failed.values()) > failed_before, 30, "a command refused during the outage")
    acknowledged_before_restart = len(sender.acknowledged)
    process.start()
    sender.wait_for_acknowledged(acknowledged_before_restart + 15)


def check_nothing_lost_nothing_doubled(deployment: Deployment, sender: Sender, workdir: Path) -> None:
    assert set(sender.failed) <= {grpc.StatusCode.UNAVAILABLE}, sender.failed
    registry = deployment.stores()["registry"]
    for name in sender.acknowledged:
        assert len(registry.read_stream(name)) == 1, name
    for name in sender.unacknowledged:  # refused, or stored before the crash and unanswered: never twice
        assert len(registry.read_stream(name)) <= 1, name
    result = settled(lambda: deployment.audit(workdir), SETTLE_TIMEOUT)
    assert result.problems() == []


@pytest.fixture(params=["embedded", "distributed"])
def deployment(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Deployment]:
    made = (EmbeddedProcess(tmp_path / "data") if request.param == "embedded"
            else Distributed(tmp_path, request.getfixturevalue("mongo_uri")))
    try:
        yield made
    finally:
        made.close()


def test_a_killed_service_process_restarts_without_losing_or_doubling_anything(deployment: Deployment,
                                                                               tmp_path: Path) -> None:
    actors = Actors.connect(deployment.issuer, deployment.ports)
    try:
        actors.register_federations_and_chamber()
        process = deployment.process if isinstance(deployment, EmbeddedProcess) else deployment.hosts["registry"]
        with Sender(actors) as sender:
            kill_and_restart(sender, process)
        check_nothing_lost_nothing_doubled(deployment, sender, tmp_path / "audit")
    finally:
        actors.close()


def test_a_relay_killed_between_publishing_and_checkpointing_publishes_again_and_nothing_is_applied_twice(
        tmp_path: Path, mongo_uri: str) -> None:
    """The relay dies after the broker acknowledged its batch and before it recorded that: the batch goes
    out twice (at least once), and every projection still applies each event once."""
    # The registry's API and projector in one process; its relay runs apart, with the failpoint.
    deployment = Distributed(tmp_path, mongo_uri, roles={"registry": "api,projector"})
    actors = Actors.connect(deployment.issuer, deployment.ports)
    try:
        actors.register_federations_and_chamber()
        names = [actors.propose_standard(f"relayed-{n}").name for n in range(20)]
        crashing = deployment.service("registry", roles="relay", env={"FEDSTD_FAILPOINTS": "relay.after_publish"},
                                      name="relay-crash")
        crashing.start()
        assert crashing.wait_exit(60) == 137
        assert len(deployment.records("fedstd.registry.v1")) == 23  # the whole batch is out, not checkpointed

        store = deployment.stores()["registry"]
        with deployment.service("registry", roles="relay", name="relay"):
            wait_for(lambda: store.get_checkpoint("relay:fedstd.registry.v1") == 23, SETTLE_TIMEOUT, "the relay")
            result = settled(lambda: deployment.audit(tmp_path / "audit"), SETTLE_TIMEOUT)
        assert result.problems() == [], result.services
        assert result.services["registry"].records_on_topic == 2 * result.services["registry"].distinct_on_topic == 46
        assert actors.standard(names[-1], min_version=1).title == "synthetic standard relayed-19"
    finally:
        actors.close()
        deployment.close()


def test_a_projector_killed_in_the_middle_of_writing_a_batch_repairs_it_on_redelivery(
        tmp_path: Path, mongo_uri: str) -> None:
    """The reporting projector dies after writing the first collection of a batch (a MongoDB write is one
    collection at a time): the read model is left half written; the restarted projector gets the batch
    again and completes it, each event applied once."""
    deployment = Distributed(tmp_path, mongo_uri, roles={"reporting": "api,relay"})
    actors = Actors.connect(deployment.issuer, deployment.ports)
    try:
        actors.register_federations_and_chamber()
        for n in range(10):
            actors.approve_standard_for_drafting(actors.propose_standard(f"projected-{n}").name)
        wait_for(lambda: len(deployment.records("fedstd.registry.v1")) == 23, SETTLE_TIMEOUT, "the registry's events")
        crashing = deployment.service("reporting", roles="projector", name="projector-crash",
                                      env={"FEDSTD_FAILPOINTS": "readmodel.after_collection"})
        crashing.start()
        assert crashing.wait_exit(60) == 137
        half_written = deployment.audit(tmp_path / "half").services["reporting"].differing_views
        assert half_written, "the crash left nothing half written"

        with deployment.service("reporting", roles="projector", name="projector"):
            result = settled(lambda: deployment.audit(tmp_path / "audit"), SETTLE_TIMEOUT)
        assert result.problems() == [], result.services
    finally:
        actors.close()
        deployment.close()
