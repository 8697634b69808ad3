"""The examples in examples/ run as an integrator and a provincial system would run them, as separate
processes against a running suite: the consumer against the distributed runtime (Kafka), the gRPC
client against the embedded one."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

from google.protobuf import json_format

from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import events_pb2 as reporting_events
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common import protos
from services.common.auth import Role, TokenIssuer
from services.common.bus import Record
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.client import channel
from services.common.config import SERVICES, Settings
from services.common.runtime import Suite
from services.demo import run_slice
from tests.support.fedstd import FedstdService
from tests.support.servers import TansuBroker

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: What an integrator has: the standard library, the public clients, and fedstd's generated code.
ALLOWED_IMPORTS = {"fedstd", "google", "grpc", "grpc_status", "kafka", *sys.stdlib_module_names}


def imported_packages(example: Path) -> set[str]:
    tree = ast.parse(example.read_text())
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return {name.split(".")[0] for name in names}


def test_examples_use_only_public_clients_and_generated_code() -> None:
    for example in EXAMPLES.glob("*.py"):
        assert imported_packages(example) <= ALLOWED_IMPORTS, f"{example.name}: {imported_packages(example) - ALLOWED_IMPORTS}"


def snapshot(bootstrap: str) -> list[dict]:
    """Every event on the three topics now, by `fedstd events tail`."""
    result = subprocess.run([sys.executable, "-m", "services.cli", "events", "tail", "--kafka-bootstrap", bootstrap,
                             "--from-beginning", "--no-follow"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def settled_snapshot(bootstrap: str, timeout: float = 60.0) -> list[dict]:
    """A snapshot that did not grow in a second: the scenario's reactions have all been published."""
    deadline = time.monotonic() + timeout
    previous = snapshot(bootstrap)
    while True:
        time.sleep(1)
        current = snapshot(bootstrap)
        if len(current) == len(previous) or time.monotonic() > deadline:
            return current
        previous = current


def run_consumer(bootstrap: str, group: str, state: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, str(EXAMPLES / "integrator_consumer.py"), "--bootstrap", bootstrap,
                             "--group", group, "--state", str(state), "--stop-when-idle", "2",
                             # Group timings a Tansu broker needs (as for the services); real clusters keep the defaults.
                             "--kafka-option", "session_timeout_ms=6000", "--kafka-option", "heartbeat_interval_ms=1000"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result


def test_integrator_consumer_processes_each_event_once(tmp_path: Path, mongo_uri: str) -> None:
    issuer = TokenIssuer.generate()
    with ExitStack() as stack:
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
        prefix = f"ex{uuid.uuid4().hex[:8]}"
        hosts = {service: stack.enter_context(FedstdService(tmp_path / service, service, broker.bootstrap, mongo_uri, prefix,
                                                            env=issuer.settings().environment()))
                 for service in SERVICES}
        run_slice("127.0.0.1", {s: h.port for s, h in hosts.items()}, issuer, timeout=90)
        published = settled_snapshot(broker.bootstrap)
        assert published, "the scenario published nothing"

        # A relay that republishes after a crash sends the same event again: same ce_id, same key.
        again = published[0]
        value = json_format.ParseDict(again["event"], protos.message_class(again["type"])()).SerializeToString()
        bus = KafkaBus(KafkaSettings(broker.bootstrap))
        bus.publish([Record(again["topic"], again["key"], value, again["headers"])])
        bus.close()

        state = tmp_path / "integrator.db"
        first = run_consumer(broker.bootstrap, "integrator-a", state)
        processed = [json.loads(line) for line in first.stdout.splitlines()]
        assert sorted(p["ce_id"] for p in processed) == sorted(e["headers"]["ce_id"] for e in published)
        by_id = {e["headers"]["ce_id"]: e for e in published}
        for event in processed:
            original = by_id[event["ce_id"]]
            assert (event["type"], event["subject"], event["event"]) == (original["type"], original["key"], original["event"])
            assert event["version"] == int(original["headers"]["ce_streamversion"])
        assert f"processed {len(published)}, duplicates skipped 1," in first.stderr

        # Another consumer group reading everything again with the same state: all are known ids.
        second = run_consumer(broker.bootstrap, "integrator-b", state)
        assert second.stdout == ""
        assert f"processed 0, duplicates skipped {len(published) + 1}," in second.stderr


def test_provincial_client_pages_reads_watches_and_explains_errors(tmp_path: Path) -> None:
    issuer = TokenIssuer.generate()
    suite = Suite(Settings(data_dir=tmp_path, ports={s: 0 for s in SERVICES}, auth=issuer.settings())).start()
    try:
        run_slice("127.0.0.1", suite.ports, issuer)
        with channel(f"127.0.0.1:{suite.ports['registry']}", issuer.issue(Role.CHAMBER, "NMB")) as chamber:
            chamber_registry = registry_grpc.RegistryServiceStub(chamber)
            for standard_id in ("felt-crafts", "dairy-tea"):  # more standards, so that there are several pages
                proposed = chamber_registry.ProposeGroupStandard(registry.ProposeGroupStandardRequest(
                    parent="chambers/NMB", standard_id=standard_id, title=f"synthetic {standard_id}", scope="synthetic",
                    plan_sectors=[plan.PLAN_SECTOR_MANUFACTURING], proposed_on="2023-09-01"), timeout=10)
                # Lists are eventually consistent: wait until the read model shows the proposal.
                chamber_registry.GetGroupStandard(registry.GetGroupStandardRequest(
                    name=proposed.name, min_version=proposed.version), timeout=30)
        partner = issuer.issue(Role.PARTNER)
        with channel(f"127.0.0.1:{suite.ports['registry']}", partner) as registry_channel:
            standards = registry_grpc.RegistryServiceStub(registry_channel).ListGroupStandards(
                registry.ListGroupStandardsRequest(page_size=1000), timeout=10).group_standards
        assert len(standards) >= 3

        client = subprocess.Popen(
            [sys.executable, str(EXAMPLES / "provincial_client.py"), "--registry", f"127.0.0.1:{suite.ports['registry']}",
             "--reporting", f"127.0.0.1:{suite.ports['reporting']}", "--as-of", "2023-12-31", "--page-size", "1",
             "--watch-updates", "2", "--watch-timeout", "60"],
            env={"FEDSTD_TOKEN": partner, "PATH": ""}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            lines = []
            while not lines or lines[-1]["step"] != "watch":
                line = client.stdout.readline()
                assert line, f"the client stopped early: {client.stderr.read()}"
                lines.append(json.loads(line))
            # While the client watches, a league submits its report: the progress changes, the watch sees it.
            with channel(f"127.0.0.1:{suite.ports['reporting']}", issuer.issue(Role.LEAGUE, "150200")) as league:
                reporting_grpc.ReportingServiceStub(league).SubmitAnnualReport(reporting.SubmitAnnualReportRequest(
                    league_code="150200", year=2023, narrative="synthetic",
                    figures=reporting_events.ReportFigures(private_enterprises=40)), timeout=10)
            output, errors = client.communicate(timeout=90)
            assert client.returncode == 0, errors
            lines += [json.loads(line) for line in output.splitlines()]
        finally:
            if client.poll() is None:
                client.kill()
    finally:
        suite.stop()

    pages = [line for line in lines if line["step"] == "standards"]
    assert [page["page"] for page in pages] == list(range(1, len(standards) + 1))
    assert [s["name"] for page in pages for s in page["standards"]] == [s.name for s in standards]
    (progress,) = [line for line in lines if line["step"] == "progress"]
    assert progress["as_of"] == "2023-12-31" and len(progress["leagues"]) == 12
    watched = [line for line in lines if line["step"] == "watch"]
    assert [w["update"] for w in watched] == [1, 2]
    assert int(watched[1]["total"].get("annual_reports_submitted", 0)) > int(watched[0]["total"].get("annual_reports_submitted", 0))
    (error,) = [line for line in lines if line["step"] == "error"]
    assert error["code"] == "INVALID_ARGUMENT"
    violations = [v for d in error["details"] for v in d.get("bad_request", {}).get("field_violations", [])]
    assert [v["field"] for v in violations] == ["as_of"]
