"""The MongoDB server of the distributed runtime stopped and started again (same port, same data) while
clients keep sending commands: a command during the outage is refused as UNAVAILABLE (retry later),
never INTERNAL, or it succeeds; once the server is back everything converges, nothing is lost or doubled.
"""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import grpc

from tests.support.actors import Actors, Sender
from tests.support.agreement import settled, wait_for
from tests.support.deployments import Distributed
from tests.support.servers import MongoWireServer

SENDERS = 3


def test_commands_during_a_mongodb_restart_are_unavailable_or_succeed_and_everything_converges(tmp_path: Path) -> None:
    with ExitStack() as stack:
        mongo = stack.enter_context(MongoWireServer(tmp_path / "mongo"))  # its own: the session's server stays up
        deployment = Distributed(tmp_path, mongo.uri)
        stack.callback(deployment.close)
        actors = [Actors.connect(deployment.issuer, deployment.ports) for _ in range(SENDERS)]
        for opened in actors:
            stack.callback(opened.close)
        actors[0].register_federations_and_chamber()

        with ExitStack() as load:
            senders = [load.enter_context(Sender(a, prefix=f"client{n}")) for n, a in enumerate(actors)]
            for sender in senders:
                sender.wait_for_acknowledged(10)
            mongo.stop()
            wait_for(lambda: all(sender.failed for sender in senders), 60, "every client to see the outage")
            mongo.start()
            acknowledged = [len(sender.acknowledged) for sender in senders]
            for sender, before in zip(senders, acknowledged):
                sender.wait_for_acknowledged(before + 10)

        for sender in senders:
            assert set(sender.failed) == {grpc.StatusCode.UNAVAILABLE}, sender.failed
        registry = deployment.stores()["registry"]
        for sender in senders:
            for name in sender.acknowledged:
                assert len(registry.read_stream(name)) == 1, name
            for name in sender.unacknowledged:
                assert len(registry.read_stream(name)) <= 1, name
        result = settled(lambda: deployment.audit(tmp_path / "audit"), 120)
        assert result.problems() == []
