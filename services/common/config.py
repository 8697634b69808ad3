"""Settings from flags and FEDSTD_* environment variables, with defaults for the embedded runtime."""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient

from services.common.auth import AuthSettings, redact_options
from services.common.bus.kafka import KafkaSettings
from services.common.grpc_server import ServerTls

SERVICES = ("registry", "assessment", "reporting")
DEFAULT_PORTS = {"registry": 50051, "assessment": 50052, "reporting": 50053}

N = TypeVar("N", int, float)


def _env_number(name: str, default: N, parse: Callable[[str], N], minimum: float | None = None) -> N:
    """The variable's number, or `default` when unset; a value that is not one (or below `minimum`) names the variable."""
    value = os.environ.get(name)
    if not value:
        return default
    try:
        number = parse(value)
    except ValueError:
        raise ValueError(f"{name} must be {'a whole number' if parse is int else 'a number'}, not {value[:40]!r}") from None
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value[:40]!r}")
    return number


def _env_int(name: str, default: int, minimum: int | None = None) -> int:
    return _env_number(name, default, int, minimum)


def _env_float(name: str, default: float, minimum: float | None = None) -> float:
    return _env_number(name, default, float, minimum)


def server_tls_from_env() -> ServerTls | None:
    """`FEDSTD_TLS_CERT_FILE` and `FEDSTD_TLS_KEY_FILE` turn TLS on for every gRPC port;
    `FEDSTD_TLS_CLIENT_CA_FILE` adds mutual TLS (clients must present a certificate it signed)."""
    cert, key, client_ca = (os.environ.get(f"FEDSTD_TLS_{name}_FILE") for name in ("CERT", "KEY", "CLIENT_CA"))
    if not cert and not key:
        if client_ca:
            raise ValueError("FEDSTD_TLS_CLIENT_CA_FILE needs FEDSTD_TLS_CERT_FILE and FEDSTD_TLS_KEY_FILE")
        return None
    if not cert or not key:
        raise ValueError("TLS needs both FEDSTD_TLS_CERT_FILE and FEDSTD_TLS_KEY_FILE")
    return ServerTls(Path(cert), Path(key), Path(client_ca) if client_ca else None)


def _prefixed(prefix: str) -> dict[str, str]:
    """`PREFIX_SOME_OPTION=value` variables as {"some_option": value}."""
    return {key.removeprefix(prefix).lower(): value for key, value in os.environ.items() if key.startswith(prefix)}


def redact_uri(uri: str) -> str:
    """`mongodb://user:secret@host` -> `mongodb://user:***@host`, for logs."""
    return re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", uri)


@dataclass
class Settings:
    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    ports: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    kafka: KafkaSettings | None = None
    mongo_uri: str | None = None
    mongo_database_prefix: str = "fedstd"
    #: MongoClient options beyond the URI (TLS, SASL: tls, tlsCAFile, authMechanism, ...), from FEDSTD_MONGO_CLIENT_*.
    mongo_options: tuple[tuple[str, str], ...] = ()
    #: How long a query with `min_version` waits for the read model to catch up.
    read_your_writes_timeout: float = 5.0
    #: Token keys; the embedded runtime makes a local key in its data folder when none is given.
    auth: AuthSettings | None = None
    #: The process's /metrics, /healthz and /readyz endpoint (on `host`); 0 leaves it off.
    metrics_port: int = 0
    #: /healthz fails once a relay or projection loop has made no progress for this long.
    liveness_timeout: float = 120.0
    #: "json" for one JSON object per log line (with correlation id and actor); "text" otherwise.
    log_format: str = "text"
    #: TLS (optionally mutual) on every gRPC port; None serves plaintext.
    tls: ServerTls | None = None
    #: A plaintext port serving only gRPC health, for probes that cannot speak TLS (one service per process;
    #: 0 picks a free one; from FEDSTD_HEALTH_PORT, where 0 or unset leaves it off).
    health_port: int | None = None
    #: How long a relay waits after publishing a batch that was not full before reading the next one, so that
    #: under load a batch carries what came in meanwhile (Kafka's linger). A lone event is published at once.
    relay_linger: float = 0.02
    #: Embedded: how much lower the worker process's scheduling priority is than the API process's (`nice`), so
    #: that callers are answered first and the relays and projections catch up in larger batches.
    worker_nice: int = 10
    #: Embedded: the worker process's /metrics, /healthz and /readyz (its relays and projections); 0 leaves it off.
    worker_metrics_port: int = 0
    #: Embedded: the reporting API process's /metrics, /healthz and /readyz; 0 leaves it off.
    reporting_metrics_port: int = 0

    def __repr__(self) -> str:  # logged at start: never with a password or key
        mongo = redact_uri(self.mongo_uri) if self.mongo_uri else None
        return (f"Settings(data_dir={str(self.data_dir)!r}, host={self.host!r}, ports={self.ports}, kafka={self.kafka!r}, "
                f"mongo_uri={mongo!r}, mongo_database_prefix={self.mongo_database_prefix!r}, "
                f"mongo_options={redact_options(self.mongo_options)}, auth={self.auth!r}, "
                f"tls={self.tls!r}, health_port={self.health_port}, metrics_port={self.metrics_port})")

    @classmethod
    def from_env(cls) -> "Settings":
        settings = cls(
            data_dir=Path(os.environ.get("FEDSTD_DATA_DIR", "data")),
            host=os.environ.get("FEDSTD_HOST", "127.0.0.1"),
            mongo_uri=os.environ.get("FEDSTD_MONGO_URI") or None,
            mongo_database_prefix=os.environ.get("FEDSTD_MONGO_DATABASE_PREFIX", "fedstd"),
            mongo_options=tuple(sorted(_prefixed("FEDSTD_MONGO_CLIENT_").items())),
            auth=AuthSettings.from_env(),
            metrics_port=_env_int("FEDSTD_METRICS_PORT", 0),
            liveness_timeout=_env_float("FEDSTD_LIVENESS_TIMEOUT_S", 120.0, minimum=0),
            log_format=os.environ.get("FEDSTD_LOG_FORMAT", "text"),
            read_your_writes_timeout=_env_float("FEDSTD_READ_YOUR_WRITES_TIMEOUT_S", 5.0, minimum=0),
            tls=server_tls_from_env(),
            health_port=_env_int("FEDSTD_HEALTH_PORT", 0) or None,
            relay_linger=_env_int("FEDSTD_RELAY_LINGER_MS", 20, minimum=0) / 1000,
            worker_nice=_env_int("FEDSTD_WORKER_NICE", 10, minimum=0),
            worker_metrics_port=_env_int("FEDSTD_WORKER_METRICS_PORT", 0),
            reporting_metrics_port=_env_int("FEDSTD_REPORTING_METRICS_PORT", 0),
        )
        for service in SERVICES:
            settings.ports[service] = _env_int(f"FEDSTD_{service.upper()}_PORT", DEFAULT_PORTS[service])
        if bootstrap := os.environ.get("FEDSTD_KAFKA_BOOTSTRAP"):
            settings.kafka = kafka_settings_from_env(bootstrap)
        return settings


def _client_option(option: str, value: str) -> str | int | bool:
    """Typed as kafka-python's default for the option: "2000" -> 2000, "false" -> False; text otherwise."""
    default = next((c.DEFAULT_CONFIG[option] for c in (KafkaConsumer, KafkaProducer, KafkaAdminClient)
                    if option in c.DEFAULT_CONFIG), None)
    if isinstance(default, bool):
        return value.lower() in ("1", "true", "yes")
    if isinstance(default, int):
        return int(value)
    return value


def kafka_settings_from_env(bootstrap: str) -> KafkaSettings:
    defaults = KafkaSettings(bootstrap)
    passthrough = {option: _client_option(option, value) for option, value in _prefixed("FEDSTD_KAFKA_CLIENT_").items()}
    return KafkaSettings(
        bootstrap_servers=bootstrap,
        partitions=_env_int("FEDSTD_KAFKA_PARTITIONS", defaults.partitions),
        replication_factor=_env_int("FEDSTD_KAFKA_REPLICATION_FACTOR", defaults.replication_factor),
        session_timeout_ms=_env_int("FEDSTD_KAFKA_SESSION_TIMEOUT_MS", defaults.session_timeout_ms),
        heartbeat_interval_ms=_env_int("FEDSTD_KAFKA_HEARTBEAT_INTERVAL_MS", defaults.heartbeat_interval_ms),
        max_poll_interval_ms=_env_int("FEDSTD_KAFKA_MAX_POLL_INTERVAL_MS", defaults.max_poll_interval_ms),
        request_timeout_ms=_env_int("FEDSTD_KAFKA_REQUEST_TIMEOUT_MS", defaults.request_timeout_ms),
        client_options=tuple(sorted(passthrough.items())),
    )
