"""Settings from flags and FEDSTD_* environment variables, with defaults for the embedded runtime."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from services.common.auth import AuthSettings
from services.common.bus.kafka import KafkaSettings

SERVICES = ("registry", "assessment", "reporting")
DEFAULT_PORTS = {"registry": 50051, "assessment": 50052, "reporting": 50053}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass
class Settings:
    data_dir: Path = Path("data")
    host: str = "127.0.0.1"
    ports: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PORTS))
    kafka: KafkaSettings | None = None
    mongo_uri: str | None = None
    mongo_database_prefix: str = "fedstd"
    #: How long a query with `min_version` waits for the read model to catch up.
    read_your_writes_timeout: float = 5.0
    #: Token keys; the embedded runtime makes a local key in its data folder when none is given.
    auth: AuthSettings | None = None

    @classmethod
    def from_env(cls) -> "Settings":
        settings = cls(
            data_dir=Path(os.environ.get("FEDSTD_DATA_DIR", "data")),
            host=os.environ.get("FEDSTD_HOST", "127.0.0.1"),
            mongo_uri=os.environ.get("FEDSTD_MONGO_URI") or None,
            mongo_database_prefix=os.environ.get("FEDSTD_MONGO_DATABASE_PREFIX", "fedstd"),
            auth=AuthSettings.from_env(),
        )
        for service in SERVICES:
            settings.ports[service] = _env_int(f"FEDSTD_{service.upper()}_PORT", DEFAULT_PORTS[service])
        if bootstrap := os.environ.get("FEDSTD_KAFKA_BOOTSTRAP"):
            settings.kafka = kafka_settings_from_env(bootstrap)
        return settings


def kafka_settings_from_env(bootstrap: str) -> KafkaSettings:
    defaults = KafkaSettings(bootstrap)
    passthrough = {
        key[len("FEDSTD_KAFKA_CLIENT_"):].lower(): value
        for key, value in os.environ.items()
        if key.startswith("FEDSTD_KAFKA_CLIENT_")
    }
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
