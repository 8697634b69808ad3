"""`fedstd events tail` as a user runs it, against the embedded bus file and against Kafka (Tansu):
positions, filters, following, undecodable records, and a running suite's own events."""
from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from google.protobuf.json_format import MessageToDict

from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.reporting.v1 import events_pb2 as reporting_events
from services.common.auth import TokenIssuer
from services.common.bus import Bus, Record
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.bus.local import LocalBus
from services.common.cloudevents import source_for, to_record
from services.common.config import SERVICES, Settings
from services.common.events import Metadata, StoredEvent
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.runtime import Suite
from services.demo import run_slice
from tests.support.servers import TansuBroker

ROOT = Path(__file__).resolve().parents[2]
DAY0 = datetime(2022, 3, 1, tzinfo=timezone.utc)


def sample_records(registry_topic: str, reporting_topic: str) -> list[Record]:
    """Two federations with two events each and one report, a day apart, in the order a relay would publish."""
    records = []
    for day, (stream, version) in enumerate([("federations/150100", 1), ("federations/150200", 1),
                                             ("federations/150100", 2), ("federations/150200", 2)]):
        message = registry_events.FederationRegistered(federation=stream, division_code=stream[-6:], name=f"v{version}")
        event = StoredEvent(day + 1, stream, version, str(uuid.uuid4()), message.DESCRIPTOR.full_name,
                            message.SerializeToString(), DAY0 + timedelta(days=day), Metadata(actor="tester"))
        records.append(to_record(event, registry_topic, source_for("registry")))
    report = reporting_events.ReportSubmitted(report="leagues/150100/annualReports/2022", league_code="150100", year=2022)
    event = StoredEvent(1, report.report, 1, str(uuid.uuid4()), report.DESCRIPTOR.full_name, report.SerializeToString(),
                        DAY0 + timedelta(days=4))
    return records + [to_record(event, reporting_topic, source_for("reporting"))]


def tail(*args: str, timeout: float = 60) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "services.cli", "events", "tail", *args],
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def ids(lines: list[dict]) -> list[str]:
    return [line["headers"]["ce_id"] for line in lines]


def assert_positions_and_filters(source: list[str], records: list[Record], bus: Bus, registry_topic: str,
                                 reporting_topic: str) -> None:
    """The same checks for both buses; `source` selects the bus on the command line."""
    topics = ["--topic", registry_topic, "--topic", reporting_topic]
    everything = tail(*source, *topics, "--from-beginning", "--no-follow")
    assert sorted(ids(everything)) == sorted(r.headers["ce_id"] for r in records)
    by_id = {r.headers["ce_id"]: r for r in records}
    for line in everything:
        record = by_id[line["headers"]["ce_id"]]
        assert line["key"] == record.key and line["headers"] == record.headers and line["topic"] == record.topic
        message = registry_events.FederationRegistered if record.topic == registry_topic else reporting_events.ReportSubmitted
        assert line["event"] == MessageToDict(message.FromString(record.value), preserving_proto_field_name=True)
    # Per stream, the order of the versions holds.
    versions = [int(line["headers"]["ce_streamversion"]) for line in everything if line["key"] == "federations/150100"]
    assert versions == [1, 2]

    assert tail(*source, *topics, "--no-follow") == []  # by default only what comes next
    since = tail(*source, *topics, "--since", (DAY0 + timedelta(days=2)).isoformat(), "--no-follow")
    assert sorted(ids(since)) == sorted(r.headers["ce_id"] for r in records[2:])  # ce_time from day 2 on
    from_offset_1 = tail(*source, *topics, "--offset", "1", "--no-follow")
    assert from_offset_1 and all(line["offset"] >= 1 for line in from_offset_1)
    assert len(from_offset_1) < len(everything)

    reports = tail(*source, *topics, "--from-beginning", "--no-follow", "--type", "ReportSubmitted")
    assert [line["type"] for line in reports] == ["fedstd.reporting.v1.ReportSubmitted"]
    one_stream = tail(*source, *topics, "--from-beginning", "--no-follow", "--stream", "federations/1502*",
                      "--type", "fedstd.registry.v1.FederationRegistered")
    assert sorted(ids(one_stream)) == sorted(r.headers["ce_id"] for r in records if r.key == "federations/150200")

    # An undecodable record is shown with its bytes and the reason rather than stopping the tail.
    bus.publish([Record(reporting_topic, "streams/broken", b"\xff\xff", {"ce_type": "fedstd.reporting.v1.ReportSubmitted"})])
    broken = tail(*source, "--topic", reporting_topic, "--from-beginning", "--no-follow", "--stream", "streams/broken")
    assert len(broken) == 1 and broken[0]["event"] is None and broken[0]["value_base64"] == "//8="
    assert "cannot decode" in broken[0]["error"]

    # Following: a tail started before new records prints them as they come, up to --limit.
    follower = subprocess.Popen([sys.executable, "-m", "services.cli", "events", "tail", *source,
                                 "--topic", reporting_topic, "--limit", "2", "--stream", "leagues/*", "--from-beginning"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = json.loads(follower.stdout.readline())
        assert first["key"] == "leagues/150100/annualReports/2022"
        later = sample_records(registry_topic, reporting_topic)[-1]
        bus.publish([later])
        output, errors = follower.communicate(timeout=60)
        assert follower.returncode == 0, errors
        assert [json.loads(line)["headers"]["ce_id"] for line in output.splitlines()] == [later.headers["ce_id"]]
    finally:
        if follower.poll() is None:
            follower.kill()


def test_tail_on_the_embedded_bus_file(tmp_path: Path) -> None:
    bus = LocalBus(tmp_path / "bus.db")
    records = sample_records("fedstd.registry.v1", "fedstd.reporting.v1")
    bus.publish(records)
    assert_positions_and_filters(["--data-dir", str(tmp_path)], records, bus, "fedstd.registry.v1", "fedstd.reporting.v1")
    missing = subprocess.run([sys.executable, "-m", "services.cli", "events", "tail", "--data-dir", str(tmp_path / "nothing")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no bus file" in missing.stderr


def test_tail_on_kafka(kafka_broker: TansuBroker) -> None:
    suffix = uuid.uuid4().hex[:8]
    registry_topic, reporting_topic = f"fedstd.registry{suffix}.v1", f"fedstd.reporting{suffix}.v1"
    bus = KafkaBus(KafkaSettings(kafka_broker.bootstrap))
    try:
        bus.ensure_topics([registry_topic, reporting_topic])
        records = sample_records(registry_topic, reporting_topic)
        bus.publish(records)
        assert_positions_and_filters(["--kafka-bootstrap", kafka_broker.bootstrap], records, bus,
                                     registry_topic, reporting_topic)
    finally:
        bus.close()


@pytest.fixture
def running_suite(tmp_path: Path):
    issuer = TokenIssuer.generate()
    suite = Suite(Settings(data_dir=tmp_path, ports={s: 0 for s in SERVICES}, auth=issuer.settings())).start()
    yield suite, issuer
    suite.stop()


def test_tail_follows_a_running_embedded_suite_and_every_type_is_catalogued(tmp_path: Path, running_suite) -> None:
    suite, issuer = running_suite
    follower = subprocess.Popen([sys.executable, "-m", "services.cli", "events", "tail", "--data-dir", str(tmp_path),
                                 "--from-beginning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        run_slice("127.0.0.1", suite.ports, issuer)
        stored = {}
        for service in SERVICES:
            store = SqliteEventStore(tmp_path / f"{service}.events.db")
            stored |= {e.event_id: (service, e) for e in store.read_all(0, 1_000_000)}
            store.close()
        assert stored, "the scenario stored no events"
        seen: dict[str, dict] = {}
        while not stored.keys() <= seen.keys():
            line = follower.stdout.readline()
            assert line, f"the tail ended early: {follower.stderr.read()}"
            event = json.loads(line)
            seen[event["headers"]["ce_id"]] = event
    finally:
        follower.kill()
        follower.wait()
    catalogue = yaml.safe_load((ROOT / "docs" / "asyncapi.yaml").read_text())
    channels = {c["address"]: c["messages"] for c in catalogue["channels"].values()}
    for event_id, (service, event) in stored.items():
        line = seen[event_id]
        assert line["topic"] == f"fedstd.{service}.v1" and line["key"] == event.stream_id and line["type"] == event.type
        assert line["event"] == MessageToDict(event.message(), preserving_proto_field_name=True)
        assert event.type.rsplit(".", 1)[1] in channels[line["topic"]], f"{event.type} is missing from the catalogue"
