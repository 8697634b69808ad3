"""The walking skeleton end to end: a standard, brand evaluations and an annual report, driven over
gRPC, reach the federation-progress projection, on both runtimes."""
from __future__ import annotations

import uuid
from contextlib import ExitStack
from pathlib import Path

from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from services.common.auth import Role, TokenIssuer
from services.common.config import SERVICES, Settings
from services.common.runtime import Suite
from services.demo import HOHHOT, read_progress, run_slice
from tests.support.fedstd import FedstdService
from tests.support.servers import TansuBroker


def assert_slice_projected(progress: reporting.FederationProgress) -> None:
    hohhot = next(row for row in progress.leagues if row.league_code == HOHHOT)
    for row in (hohhot, progress.total):
        assert row.group_standards_published == 1
        assert row.enterprises_evaluated == 4
        assert row.enterprises_two_star_or_above == 3  # 960, 905 and 712 points; 650 has no level
        assert row.private_enterprises_reported == 30
        assert row.annual_reports_submitted == 1
        assert abs(row.two_star_share - 0.10) < 1e-9 and row.target_met
    others = [row for row in progress.leagues if row.league_code != HOHHOT]
    assert len(others) == 11 and all(row.enterprises_evaluated == 0 for row in others)
    assert progress.target_share == 0.10


def embedded_settings(data_dir: Path, issuer: TokenIssuer) -> Settings:
    return Settings(data_dir=data_dir, ports={s: 0 for s in SERVICES}, auth=issuer.settings(), read_your_writes_timeout=30.0)


def test_slice_embedded_and_state_survives_restart(tmp_path: Path) -> None:
    issuer = TokenIssuer.generate()
    suite = Suite(embedded_settings(tmp_path, issuer)).start()
    try:
        progress = run_slice("127.0.0.1", suite.ports, issuer)
    finally:
        suite.stop()
    assert_slice_projected(progress)

    restarted = Suite(embedded_settings(tmp_path, issuer)).start()
    try:
        again = read_progress("127.0.0.1", restarted.ports["reporting"], issuer.issue(Role.PARTNER))
    finally:
        restarted.stop()
    assert list(again.leagues) == list(progress.leagues) and again.total == progress.total


def test_slice_distributed_over_kafka_and_mongodb(tmp_path: Path, mongo_uri: str) -> None:
    prefix = f"e2e{uuid.uuid4().hex[:8]}"
    issuer = TokenIssuer.generate()
    with ExitStack() as stack:
        broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
        hosts = {
            service: stack.enter_context(FedstdService(tmp_path / service, service, broker.bootstrap, mongo_uri, prefix,
                                                       env=issuer.settings().environment()))
            for service in SERVICES
        }
        progress = run_slice("127.0.0.1", {s: h.port for s, h in hosts.items()}, issuer, timeout=90)
        assert_slice_projected(progress)
