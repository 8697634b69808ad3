"""TLS and mutual TLS on the gRPC ports, over real connections: the embedded suite, the CLI, and a
`fedstd serve` process with a plaintext health-only port; secrets stay out of its logs."""
from __future__ import annotations

import base64
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services import cli
from services.common.auth import Role, TokenIssuer
from services.common.client import ClientTls, channel
from services.common.config import SERVICES, Settings
from services.common.grpc_server import ServerTls
from services.common.runtime import Suite
from tests.support.fedstd import FedstdService, wait_serving
from tests.support.servers import LOCALHOST, ServerStartError, free_port
from tests.support.tls import TestCa

ISSUER = TokenIssuer.generate()
TIMEOUT = 10.0


def progress(target: str, token: str | None, tls: ClientTls | None) -> reporting.FederationProgress:
    with channel(target, token, tls) as open_channel:
        return reporting_grpc.ReportingServiceStub(open_channel).GetFederationProgress(
            reporting.GetFederationProgressRequest(view=reporting.FEDERATION_PROGRESS_VIEW_BASIC), timeout=TIMEOUT)


def refused(target: str, token: str | None, tls: ClientTls | None) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as error:
        progress(target, token, tls)
    return error.value.code()


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> TestCa:
    return TestCa(tmp_path_factory.mktemp("ca"))


def start_suite(data_dir: Path, tls: ServerTls) -> Suite:
    return Suite(Settings(data_dir=data_dir, ports={s: 0 for s in SERVICES}, auth=ISSUER.settings(), tls=tls)).start()


@pytest.fixture(scope="module")
def mutual(ca: TestCa, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The embedded suite with mutual TLS: the reporting target."""
    server = ca.server("mutual-server")
    suite = start_suite(tmp_path_factory.mktemp("mutual"), ServerTls(server.cert_file, server.key_file, ca.ca_file))
    yield f"{LOCALHOST}:{suite.ports['reporting']}"
    suite.stop(0)


def test_tls_serves_clients_that_trust_the_ca_and_still_needs_a_token(ca: TestCa, tmp_path: Path) -> None:
    server = ca.server("tls-server")
    suite = start_suite(tmp_path / "data", ServerTls(server.cert_file, server.key_file))
    try:
        target = f"{LOCALHOST}:{suite.ports['reporting']}"
        trusted = ClientTls(ca_file=ca.ca_file)
        assert progress(target, ISSUER.issue(Role.REGION), trusted).as_of
        assert refused(target, None, trusted) == grpc.StatusCode.UNAUTHENTICATED
        assert refused(target, ISSUER.issue(Role.REGION), None) == grpc.StatusCode.UNAVAILABLE  # plaintext
        stranger = TestCa(tmp_path / "other-ca")
        assert refused(target, ISSUER.issue(Role.REGION), ClientTls(ca_file=stranger.ca_file)) == grpc.StatusCode.UNAVAILABLE
    finally:
        suite.stop(0)


def test_mutual_tls_refuses_clients_without_a_certificate_of_the_ca(mutual: str, ca: TestCa, tmp_path: Path) -> None:
    token = ISSUER.issue(Role.REGION)
    client = ca.client()
    assert progress(mutual, token, ClientTls(ca.ca_file, client.cert_file, client.key_file)).as_of
    assert refused(mutual, token, ClientTls(ca_file=ca.ca_file)) == grpc.StatusCode.UNAVAILABLE
    foreign = TestCa(tmp_path / "other-ca").client()
    assert refused(mutual, token, ClientTls(ca.ca_file, foreign.cert_file, foreign.key_file)) == grpc.StatusCode.UNAVAILABLE
    # The certificate adds to the token; it does not replace it.
    assert refused(mutual, None, ClientTls(ca.ca_file, client.cert_file, client.key_file)) == grpc.StatusCode.UNAUTHENTICATED


def test_the_cli_calls_over_mutual_tls(mutual: str, ca: TestCa, capsys: pytest.CaptureFixture[str]) -> None:
    client = ca.client(stem="cli")
    argv = ["progress", "--target", mutual, "--token", ISSUER.issue(Role.REGION), "--json"]
    assert cli.main(argv + ["--tls-ca-file", str(ca.ca_file)]) == 1
    assert "UNAVAILABLE" in capsys.readouterr().err
    assert cli.main(argv + ["--tls-ca-file", str(ca.ca_file), "--tls-cert-file", str(client.cert_file),
                            "--tls-key-file", str(client.key_file)]) == 0
    assert '"as_of"' in capsys.readouterr().out


def test_a_renewed_certificate_serves_new_connections_without_a_restart(tmp_path: Path) -> None:
    old_ca, new_ca = TestCa(tmp_path / "old"), TestCa(tmp_path / "new")
    live = TestCa(tmp_path / "live")  # only its folder: the files the server reads
    first = old_ca.server()
    shutil.copy(first.cert_file, live.folder / "tls.crt")
    shutil.copy(first.key_file, live.folder / "tls.key")
    suite = start_suite(tmp_path / "data", ServerTls(live.folder / "tls.crt", live.folder / "tls.key"))
    try:
        target, token = f"{LOCALHOST}:{suite.ports['reporting']}", ISSUER.issue(Role.REGION)
        assert progress(target, token, ClientTls(ca_file=old_ca.ca_file)).as_of
        renewed = new_ca.server()
        for source, name in ((renewed.key_file, "tls.key"), (renewed.cert_file, "tls.crt")):
            staged = live.folder / f"{name}.new"
            shutil.copy(source, staged)
            os.replace(staged, live.folder / name)  # atomically, as a Secret volume does
        assert progress(target, token, ClientTls(ca_file=new_ca.ca_file)).as_of
        assert refused(target, token, ClientTls(ca_file=old_ca.ca_file)) == grpc.StatusCode.UNAVAILABLE
    finally:
        suite.stop(0)


class HealthPortService(FedstdService):
    """`fedstd serve` whose readiness is read, as kubelet would, on its plaintext health-only port."""

    def __init__(self, *args, health_port: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.health_port = health_port

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while "is serving" not in self.log_tail(400):
            if not self.is_running or time.monotonic() > deadline:
                raise ServerStartError(f"{self.name} did not start:\n{self.log_tail()}")
            time.sleep(0.05)
        wait_serving(self.health_port, max(1.0, deadline - time.monotonic()))


def test_fedstd_serve_with_mutual_tls_and_a_health_only_port(ca: TestCa, tmp_path: Path, mongo_uri: str) -> None:
    """The process reads the TLS settings from its environment; probes use the plaintext health port, which
    answers nothing else; the startup logs name no password or key. (The API role of reporting answers this
    query from MongoDB alone: no broker is needed.)"""
    server, client = ca.server("serve"), ca.client(stem="serve-client")
    health_port = free_port()
    kafka_password = "kafka-password-" + os.urandom(10).hex()
    service = HealthPortService(
        tmp_path / "reporting", "reporting", f"{LOCALHOST}:{free_port()}", mongo_uri, f"tls_{os.urandom(4).hex()}",
        roles="api", health_port=health_port, env={
            **ISSUER.settings().environment(),
            "FEDSTD_TLS_CERT_FILE": str(server.cert_file),
            "FEDSTD_TLS_KEY_FILE": str(server.key_file),
            "FEDSTD_TLS_CLIENT_CA_FILE": str(ca.ca_file),
            "FEDSTD_HEALTH_PORT": str(health_port),
            "FEDSTD_KAFKA_CLIENT_SASL_PLAIN_PASSWORD": kafka_password})
    with service:
        target = f"{LOCALHOST}:{service.port}"
        with grpc.insecure_channel(f"{LOCALHOST}:{health_port}") as plain:
            with pytest.raises(grpc.RpcError) as error:
                reporting_grpc.ReportingServiceStub(plain).GetFederationProgress(
                    reporting.GetFederationProgressRequest(), timeout=TIMEOUT)
            assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED
        assert progress(target, ISSUER.issue(Role.REGION), ClientTls(ca.ca_file, client.cert_file, client.key_file)).as_of
        assert refused(target, ISSUER.issue(Role.REGION), ClientTls(ca_file=ca.ca_file)) == grpc.StatusCode.UNAVAILABLE
        logs = service.log_tail(100_000)
    assert "mutual TLS" in logs and f"health only on {health_port}" in logs
    assert "client_options={'sasl_plain_password': '***'}" in logs
    secrets = [kafka_password, *(base64.urlsafe_b64encode(key).rstrip(b"=").decode()
                                 for key in ISSUER.settings().keys.values())]
    assert not [secret for secret in secrets if secret in logs]
