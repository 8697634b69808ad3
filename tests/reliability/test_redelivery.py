"""What the bus may do to consumers, and what clients may do to one aggregate, on both runtimes:
duplicated and out-of-order copies of real events, malformed and unknown records on a topic, and
concurrent conflicting commands. One deployment per runtime serves the whole module; every test
ends with the stores, the topics and the read models agreeing (tests/support/agreement.py).
"""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from services.assessment.projections import AssessmentViews, RegistryFacts
from services.common.bus import Record
from services.common.cloudevents import dead_letter_topic, topic_for
from services.common.config import SERVICES
from services.registry.outcomes import AssessmentOutcomes
from services.registry.projections import RegistryViews
from services.reporting.projections import FederationProgress
from tests.support.actors import Actors
from tests.support.agreement import collections, contents, settled, wait_for
from tests.support.deployments import Deployment, Distributed, EmbeddedSuite

REGISTRY_TOPIC = topic_for("registry")
#: Every consumer group of the suite and the topics it reads.
GROUPS = [(projection.name, topic) for projection in (RegistryViews, AssessmentOutcomes, AssessmentViews, RegistryFacts,
                                                      FederationProgress) for topic in projection.topics]
SETTLE_TIMEOUT = 90.0


@pytest.fixture(scope="module", params=["embedded", "distributed"])
def deployment(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    workdir = tmp_path_factory.mktemp(request.param)
    made = (EmbeddedSuite(workdir / "data") if request.param == "embedded"
            else Distributed(workdir, request.getfixturevalue("mongo_uri")))
    actors = Actors.connect(made.issuer, made.ports)
    try:
        actors.register_federations_and_chamber()
        yield made
    finally:
        actors.close()
        made.close()


@pytest.fixture
def actors(deployment: Deployment) -> Iterator[Actors]:
    made = Actors.connect(deployment.issuer, deployment.ports)
    yield made
    made.close()


def agree(deployment: Deployment, workdir: Path) -> None:
    result = settled(lambda: deployment.audit(workdir), SETTLE_TIMEOUT)
    assert result.problems() == []


def consumed_everything(deployment: Deployment) -> bool:
    """Every consumer group has committed every record now on the topics it reads."""
    totals = {topic: len(deployment.records(topic)) for topic in {t for _, t in GROUPS}}
    return all(deployment.committed(group, topic) >= totals[topic] for group, topic in GROUPS)


def every_view(deployment: Deployment) -> dict[str, dict[str, list[dict]]]:
    return {service: contents(docs, collections(docs)) for service, docs in deployment.views().items()}


def changed_documents(before: dict, after: dict) -> list[tuple]:
    """(service, collection, key, before, after) of each document that differs."""
    changed = []
    for service, views in after.items():
        for collection, documents in views.items():
            old = {d["_key"]: d for d in before.get(service, {}).get(collection, [])}
            new = {d["_key"]: d for d in documents}
            changed.extend((service, collection, key, old.get(key), new.get(key))
                           for key in sorted(old.keys() | new.keys()) if old.get(key) != new.get(key))
    return changed


def test_duplicated_and_out_of_order_copies_of_real_events_change_no_read_model(
        deployment: Deployment, actors: Actors, tmp_path: Path) -> None:
    # Real events first: enterprises renamed several times (streams of several versions), standards, an evaluation.
    for serial in range(1, 4):
        enterprise = actors.register_enterprise(serial)
        for n in range(3):
            enterprise = actors.rename_enterprise(enterprise.name, f"synthetic enterprise {serial} renamed {n}")
        actors.evaluate(enterprise, 880 + serial)
        actors.approve_standard_for_drafting(actors.propose_standard(f"redelivered-{serial}").name)
    agree(deployment, tmp_path / "before")
    wait_for(lambda: consumed_everything(deployment), SETTLE_TIMEOUT, "the consumers to commit everything")
    before = every_view(deployment)

    # Each event again, then all of them newest first: each stream's old versions arrive after its newest.
    copies = [r for service in SERVICES for r in deployment.records(topic_for(service))]
    assert len({r.key for r in copies}) < len(copies), "no stream with several versions to reorder"
    deployment.inject(copies + copies[::-1])
    wait_for(lambda: consumed_everything(deployment), SETTLE_TIMEOUT, "the consumers to take the copies")

    assert changed_documents(before, every_view(deployment)) == []
    result = settled(lambda: deployment.audit(tmp_path / "after"), SETTLE_TIMEOUT)
    assert result.problems() == []
    assert result.records_on_topic == 3 * result.distinct_on_topic  # each event once, then twice more


def cloud_event_headers(event_type: str, subject: str) -> dict[str, str]:
    return {"ce_specversion": "1.0", "ce_id": f"foreign-{event_type}", "ce_source": "/elsewhere", "ce_type": event_type,
            "ce_time": "2023-01-01T00:00:00+00:00", "ce_subject": subject, "content-type": "application/protobuf",
            "ce_sequence": "1", "ce_streamversion": "1"}


def test_malformed_and_unknown_records_go_to_the_dead_letter_topic_and_consumers_go_on(
        deployment: Deployment, actors: Actors, tmp_path: Path) -> None:
    bad = {
        "no headers": Record(REGISTRY_TOPIC, "chambers/NMB", b"\xff\xfe not an event", {}),
        "unknown type": Record(REGISTRY_TOPIC, "chambers/NMB", b"",
                               cloud_event_headers("fedstd.registry.v1.NoSuchEvent", "chambers/NMB")),
        "foreign type": Record(REGISTRY_TOPIC, "chambers/NMB", b"{}", cloud_event_headers("com.example.Other", "chambers/NMB")),
    }
    dead_before = len(deployment.records(dead_letter_topic(REGISTRY_TOPIC)))
    deployment.inject(list(bad.values()))
    # Consumers go on: a command after the bad records reaches the registry's read model ...
    standard = actors.propose_standard("after-dead-letters")
    assert actors.standard(standard.name, min_version=standard.version).title == "synthetic standard after-dead-letters"

    # ... and every group that reads the topic dead-letters each bad record once, with the reason.
    readers = sorted(group for group, topic in GROUPS if topic == REGISTRY_TOPIC)

    def dead_letters() -> list[Record]:
        return deployment.records(dead_letter_topic(REGISTRY_TOPIC))[dead_before:]

    wait_for(lambda: len(dead_letters()) >= len(bad) * len(readers), SETTLE_TIMEOUT, "the dead letters")
    dead = dead_letters()
    assert sorted(Counter(r.headers["dlq_group"] for r in dead).items()) == [(group, len(bad)) for group in readers]
    for record in dead:
        assert record.headers["dlq_topic"] == REGISTRY_TOPIC
        assert (record.key, record.value) in {(b.key, b.value) for b in bad.values()}
    reasons = {r.headers["dlq_reason"] for r in dead}
    assert any("missing headers" in reason for reason in reasons)
    assert any("fedstd.registry.v1.NoSuchEvent" in reason for reason in reasons)
    assert any("not a fedstd event" in reason for reason in reasons)
    wait_for(lambda: consumed_everything(deployment), SETTLE_TIMEOUT, "the consumers to commit past the bad records")
    result = settled(lambda: deployment.audit(tmp_path), SETTLE_TIMEOUT)
    assert result.problems() == []
    assert result.services["registry"].foreign_on_topic >= len(bad)


CLIENTS = 8


def test_concurrent_changes_of_one_enterprise_abort_the_losers_and_corrupt_nothing(
        deployment: Deployment, actors: Actors, tmp_path: Path) -> None:
    enterprise = actors.register_enterprise(900)
    codes: Counter[grpc.StatusCode] = Counter()
    answers: list = []
    lock = threading.Lock()
    for round_ in range(20):
        start = threading.Barrier(CLIENTS)

        def rename(client: int) -> None:
            start.wait()
            try:
                answer = actors.rename_enterprise(enterprise.name, f"renamed {round_}.{client}")
            except grpc.RpcError as exc:
                with lock:
                    codes[exc.code()] += 1
                return
            with lock:
                codes[grpc.StatusCode.OK] += 1
                answers.append(answer)

        threads = [threading.Thread(target=rename, args=(client,)) for client in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if codes[grpc.StatusCode.ABORTED] and round_ >= 2:
            break

    assert set(codes) == {grpc.StatusCode.OK, grpc.StatusCode.ABORTED}, codes
    events = deployment.stores()["registry"].read_stream(enterprise.name)
    assert [e.version for e in events] == list(range(1, len(events) + 1))
    assert len(events) == 1 + codes[grpc.StatusCode.OK]  # the registration and one event per success, no more
    for answer in answers:  # each success is the event at the version it answered with
        assert events[answer.version - 1].message().name == answer.display_name
    final = actors.enterprise(enterprise.name, min_version=len(events))
    assert (final.version, final.display_name) == (len(events), events[-1].message().name)
    agree(deployment, tmp_path)
