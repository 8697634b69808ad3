"""The audit trail over the embedded suite: who did what to a resource, asked of the service that owns it."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from fedstd.audit.v1 import audit_service_pb2 as audit
from fedstd.audit.v1 import audit_service_pb2_grpc as audit_grpc
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import events_pb2 as reporting_events
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services import cli
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.common.config import SERVICES, Settings
from services.common.runtime import Suite
from tests.support.refusals import refusal

ISSUER = TokenIssuer.generate()
TIMEOUT = 30.0
CHAMBER = "chambers/NMB"
REPORT = "leagues/150100/annualReports/2022"


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Suite]:
    """The chamber NMB registered by the league 150100, then changed by itself and by the region; a report."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("audit"), ports={s: 0 for s in SERVICES}, auth=ISSUER.settings())
    running = Suite(settings).start()
    ports = running.ports

    def registry_as(role: Role, scope: str = "") -> registry_grpc.RegistryServiceStub:
        return registry_grpc.RegistryServiceStub(channel(f"127.0.0.1:{ports['registry']}", ISSUER.issue(role, scope)))

    region, league, chamber = registry_as(Role.REGION), registry_as(Role.LEAGUE, "150100"), registry_as(Role.CHAMBER, "NMB")
    for code in ("150000", "150100"):
        region.RegisterFederation(registry.RegisterFederationRequest(division_code=code, registered_on="2021-09-01"),
                                  timeout=TIMEOUT)
    league.RegisterChamber(registry.RegisterChamberRequest(org_code="NMB", display_name="内蒙古品牌促进会",
                                                           federation="federations/150100", registered_on="2021-09-15"),
                           timeout=TIMEOUT)
    chamber.DeclareChamberCommitment(registry.DeclareChamberCommitmentRequest(
        name=CHAMBER, declared_on="2021-10-01", statement="示例 commitment"), timeout=TIMEOUT)
    region.SelectChamberAsPilot(registry.SelectChamberAsPilotRequest(name=CHAMBER, year=2022, selected_on="2022-03-01"),
                                timeout=TIMEOUT)
    reports = reporting_grpc.ReportingServiceStub(channel(f"127.0.0.1:{ports['reporting']}", ISSUER.issue(Role.LEAGUE, "150100")))
    reports.SubmitAnnualReport(reporting.SubmitAnnualReportRequest(
        league_code="150100", year=2022, narrative="示例", figures=reporting_events.ReportFigures(private_enterprises=3)),
        timeout=TIMEOUT)
    yield running
    running.stop(0)


def trail(suite: Suite, service: str, resource: str, role: Role = Role.REGION, scope: str = "",
          page_size: int = 0, page_token: str = "") -> audit.ListResourceEventsResponse:
    with channel(f"127.0.0.1:{suite.ports[service]}", ISSUER.issue(role, scope)) as open_channel:
        return audit_grpc.AuditServiceStub(open_channel).ListResourceEvents(
            audit.ListResourceEventsRequest(resource=resource, page_size=page_size, page_token=page_token), timeout=TIMEOUT)


def test_the_trail_lists_each_actor_in_order_with_its_role(suite: Suite) -> None:
    entries = trail(suite, "registry", CHAMBER).entries
    assert [(e.event_type.rsplit(".", 1)[-1], e.actor, e.actor_role) for e in entries] == [
        ("ChamberRegistered", "federations/150100", "league"),
        ("ChamberCommitmentDeclared", "chambers/NMB", "chamber"),
        ("ChamberSelectedAsPilot", "federations/150000", "region"),
    ]
    assert [e.stream_version for e in entries] == [1, 2, 3]
    assert all(e.stream == CHAMBER and e.event_id and e.correlation_id and e.occurred_at.seconds for e in entries)
    assert entries[0].position < entries[1].position < entries[2].position


def test_pages_follow_the_stream(suite: Suite) -> None:
    seen, token = [], ""
    while True:
        page = trail(suite, "registry", CHAMBER, page_size=2, page_token=token)
        seen.append([e.stream_version for e in page.entries])
        if not (token := page.next_page_token):
            break
    assert seen == [[1, 2], [3]]


def test_each_service_answers_for_its_own_resources(suite: Suite) -> None:
    report = trail(suite, "reporting", REPORT).entries
    assert [(e.actor, e.actor_role) for e in report] == [("federations/150100", "league")]
    assert refusal(lambda: trail(suite, "registry", REPORT)).fields == ["resource"]
    assert refusal(lambda: trail(suite, "reporting", CHAMBER)).fields == ["resource"]


@pytest.mark.parametrize(("role", "scope", "allowed"), [
    (Role.REGION, "", True),
    (Role.LEAGUE, "150100", True),
    (Role.LEAGUE, "150200", False),
    (Role.CHAMBER, "NMB", True),
    (Role.CHAMBER, "ZZB", False),
    (Role.EVALUATOR, "synthetic-brand-body", False),
    (Role.PARTNER, "", False),
])
def test_who_may_read_the_trail_of_a_chamber(suite: Suite, role: Role, scope: str, allowed: bool) -> None:
    if allowed:
        assert len(trail(suite, "registry", CHAMBER, role, scope).entries) == 3
    else:
        assert refusal(lambda: trail(suite, "registry", CHAMBER, role, scope)).code == grpc.StatusCode.PERMISSION_DENIED


def test_bad_requests_name_their_fields(suite: Suite) -> None:
    assert refusal(lambda: trail(suite, "registry", "chambers/")).fields == ["resource"]
    assert refusal(lambda: trail(suite, "registry", "x" * 1000)).fields == ["resource"]
    assert refusal(lambda: trail(suite, "registry", CHAMBER, page_token="not-a-token")).fields == ["page_token"]
    other = trail(suite, "registry", CHAMBER, page_size=1).next_page_token
    assert refusal(lambda: trail(suite, "registry", "federations/150000", page_token=other)).fields == ["page_token"]
    assert refusal(lambda: trail(suite, "registry", CHAMBER, page_size=-1)).fields == ["page_size"]
    assert refusal(lambda: trail(suite, "registry", "chambers/NONE")).code == grpc.StatusCode.NOT_FOUND


def test_the_cli_prints_the_trail(suite: Suite, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ports = [f"--{service}-port={port}" for service, port in suite.ports.items()]
    assert cli.main(["audit", REPORT, "--token", ISSUER.issue(Role.REGION), "--data-dir", str(tmp_path), *ports]) == 0
    table = capsys.readouterr().out.splitlines()
    assert "actor" in table[0] and len(table) == 2 and "ReportSubmitted" in table[1] and "federations/150100" in table[1]
    assert cli.main(["audit", CHAMBER, "--json", "--token", ISSUER.issue(Role.LEAGUE, "150100"), *ports]) == 0
    assert [e["actor"] for e in json.loads(capsys.readouterr().out)] == ["federations/150100", "chambers/NMB",
                                                                       "federations/150000"]
    assert cli.main(["audit", CHAMBER, "--token", ISSUER.issue(Role.PARTNER), *ports]) == 1
    assert "PERMISSION_DENIED" in capsys.readouterr().err
    assert cli.main(["audit", "nothing/here", "--token", ISSUER.issue(Role.REGION), *ports]) == 1
    assert "not the name of a resource of any service" in capsys.readouterr().err
