"""TLS and SASL settings of the Kafka and MongoDB clients, from the environment to each client, and
secrets kept out of what the settings print."""
from __future__ import annotations

import ssl
from pathlib import Path

import faust
import pytest
from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

from services.common.auth import TokenIssuer
from services.common.config import Settings, kafka_settings_from_env, server_tls_from_env
from services.common.grpc_server import ServerTls
from services.reporting.faust_projector import broker_credentials
from tests.support.tls import TestCa

PASSWORD = "s3cret-pa55word"


@pytest.fixture
def ca(tmp_path: Path) -> TestCa:
    return TestCa(tmp_path / "ca")


def kafka_from(monkeypatch: pytest.MonkeyPatch, **options: str):
    for option, value in options.items():
        monkeypatch.setenv(f"FEDSTD_KAFKA_CLIENT_{option.upper()}", value)
    return kafka_settings_from_env("broker-1:9093,broker-2:9093")


def test_sasl_over_tls_reaches_faust_as_the_kafka_clients_get_it(monkeypatch: pytest.MonkeyPatch, ca: TestCa) -> None:
    kafka = kafka_from(monkeypatch, security_protocol="SASL_SSL", sasl_mechanism="SCRAM-SHA-512",
                       sasl_plain_username="fedstd-reporting", sasl_plain_password=PASSWORD, ssl_cafile=str(ca.ca_file))
    assert kafka.common()["security_protocol"] == "SASL_SSL" and kafka.common()["sasl_plain_password"] == PASSWORD
    auth = credentials_to_aiokafka_auth(broker_credentials(kafka))
    assert {k: auth[k] for k in ("security_protocol", "sasl_mechanism", "sasl_plain_username", "sasl_plain_password")} == {
        "security_protocol": "SASL_SSL", "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "fedstd-reporting", "sasl_plain_password": PASSWORD}
    context: ssl.SSLContext = auth["ssl_context"]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert [c["subject"] for c in context.get_ca_certs()] == [((("commonName", "fedstd test CA"),),)]


def test_sasl_without_tls_and_mutual_tls_without_sasl(monkeypatch: pytest.MonkeyPatch, ca: TestCa) -> None:
    plain = kafka_from(monkeypatch, security_protocol="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-512",
                       sasl_plain_username="u", sasl_plain_password=PASSWORD)
    auth = credentials_to_aiokafka_auth(broker_credentials(plain))
    assert auth["security_protocol"] == "SASL_PLAINTEXT" and auth["ssl_context"] is None
    monkeypatch.delenv("FEDSTD_KAFKA_CLIENT_SASL_MECHANISM")
    client = ca.client()
    mutual = kafka_from(monkeypatch, security_protocol="SSL", ssl_cafile=str(ca.ca_file), ssl_certfile=str(client.cert_file),
                        ssl_keyfile=str(client.key_file), ssl_check_hostname="false")
    assert mutual.common()["ssl_check_hostname"] is False
    credentials = broker_credentials(mutual)
    assert isinstance(credentials, faust.SSLCredentials) and credentials.context.check_hostname is False
    assert credentials_to_aiokafka_auth(credentials)["security_protocol"] == "SSL"


def test_plaintext_needs_no_credentials_and_an_unknown_protocol_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert broker_credentials(kafka_settings_from_env("broker:9092")) is None
    with pytest.raises(ValueError, match="SASL_SSL"):
        broker_credentials(kafka_from(monkeypatch, security_protocol="KERBEROS"))


def test_mongodb_client_options_pass_through(monkeypatch: pytest.MonkeyPatch, ca: TestCa) -> None:
    from pymongo import MongoClient

    monkeypatch.setenv("FEDSTD_MONGO_URI", "mongodb://fedstd:" + PASSWORD + "@mongo-0:27017/?replicaSet=rs")
    monkeypatch.setenv("FEDSTD_MONGO_CLIENT_TLS", "true")
    monkeypatch.setenv("FEDSTD_MONGO_CLIENT_TLSCAFILE", str(ca.ca_file))
    monkeypatch.setenv("FEDSTD_MONGO_CLIENT_AUTHMECHANISM", "SCRAM-SHA-256")
    settings = Settings.from_env()
    assert dict(settings.mongo_options) == {"tls": "true", "tlscafile": str(ca.ca_file), "authmechanism": "SCRAM-SHA-256"}
    client: MongoClient = MongoClient(settings.mongo_uri, connect=False, **dict(settings.mongo_options))
    try:
        assert client.options.pool_options._credentials.mechanism == "SCRAM-SHA-256"
        assert client.options.pool_options._ssl_context is not None
    finally:
        client.close()


def test_server_tls_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    assert server_tls_from_env() is None
    monkeypatch.setenv("FEDSTD_TLS_CLIENT_CA_FILE", "/tls/ca.crt")
    with pytest.raises(ValueError, match="FEDSTD_TLS_CERT_FILE"):
        server_tls_from_env()
    monkeypatch.setenv("FEDSTD_TLS_CERT_FILE", "/tls/tls.crt")
    with pytest.raises(ValueError, match="both"):
        server_tls_from_env()
    monkeypatch.setenv("FEDSTD_TLS_KEY_FILE", "/tls/tls.key")
    assert Settings.from_env().tls == ServerTls(Path("/tls/tls.crt"), Path("/tls/tls.key"), Path("/tls/ca.crt"))


def test_what_the_settings_print_names_no_password_or_key(monkeypatch: pytest.MonkeyPatch) -> None:
    issuer = TokenIssuer.generate()
    for name, value in {**issuer.settings().environment(),
                        "FEDSTD_KAFKA_BOOTSTRAP": "broker:9093",
                        "FEDSTD_KAFKA_CLIENT_SASL_PLAIN_PASSWORD": PASSWORD,
                        "FEDSTD_KAFKA_CLIENT_SASL_PLAIN_USERNAME": "fedstd-registry",
                        "FEDSTD_MONGO_URI": f"mongodb://fedstd-registry:{PASSWORD}@mongo:27017/admin?tls=true",
                        "FEDSTD_MONGO_CLIENT_PASSWORD": PASSWORD}.items():
        monkeypatch.setenv(name, value)
    settings = Settings.from_env()
    key = issuer.settings().environment()["FEDSTD_AUTH_KEYS"].split(":", 1)[1]
    for printed in (repr(settings), str(settings), repr(settings.kafka)):
        assert PASSWORD not in printed and key not in printed
    assert "mongodb://fedstd-registry:***@mongo:27017" in repr(settings)
    assert "'sasl_plain_username': 'fedstd-registry'" in repr(settings) and "'sasl_plain_password': '***'" in repr(settings)
