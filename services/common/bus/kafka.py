"""The Kafka bus (kafka-python): records keyed by stream id, consumer groups, manual commits.

The producer is made on first use and remade after a failure, so a publisher started while the
broker is down keeps its place and succeeds once the broker is back.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from kafka.future import Future

from services.common.auth import redact_options
from services.common.bus.base import Bus, BusUnavailable, Consumer, Delivery, Record

log = logging.getLogger(__name__)

#: How often `close` looks whether the last offset commit has been answered.
COMMIT_WAIT_S = 0.005


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap_servers: str
    partitions: int = 3
    replication_factor: int = 1
    # Group timings: Kafka's defaults are fine on a real cluster; short ones suit test brokers.
    session_timeout_ms: int = 10_000
    heartbeat_interval_ms: int = 3_000
    max_poll_interval_ms: int = 300_000
    # How long a publish may wait for the broker before the caller retries.
    request_timeout_ms: int = 10_000
    # TLS/SASL pass through to the clients unchanged (security_protocol, sasl_mechanism, ...).
    client_options: tuple[tuple[str, str | int | bool], ...] = ()

    def common(self) -> dict:
        return {"bootstrap_servers": self.bootstrap_servers.split(","), **dict(self.client_options)}

    def __repr__(self) -> str:  # never print a SASL password
        return (f"KafkaSettings(bootstrap_servers={self.bootstrap_servers!r}, partitions={self.partitions}, "
                f"replication_factor={self.replication_factor}, client_options={redact_options(self.client_options)})")


class KafkaBus(Bus):
    def __init__(self, settings: KafkaSettings):
        self.settings = settings
        self._producer: KafkaProducer | None = None

    def _producer_or_new(self) -> KafkaProducer:
        if self._producer is None:
            try:
                self._producer = KafkaProducer(
                    acks="all",
                    linger_ms=2,
                    retries=5,
                    max_block_ms=self.settings.request_timeout_ms,
                    request_timeout_ms=self.settings.request_timeout_ms,
                    **self.settings.common(),
                )
            except KafkaError as exc:
                raise BusUnavailable(f"no Kafka broker at {self.settings.bootstrap_servers}: {exc}") from exc
        return self._producer

    def publish(self, records: Sequence[Record]) -> None:
        producer = self._producer_or_new()
        try:
            futures = [
                producer.send(
                    r.topic,
                    key=r.key.encode(),
                    value=r.value,
                    headers=[(k, v.encode()) for k, v in r.headers.items()],
                )
                for r in records
            ]
            producer.flush(timeout=self.settings.request_timeout_ms / 1000)
            for future in futures:
                future.get(timeout=self.settings.request_timeout_ms / 1000)
        except KafkaError as exc:
            self._discard_producer()
            raise BusUnavailable(f"publish to Kafka failed: {exc!r}") from exc

    def _discard_producer(self) -> None:
        if self._producer is not None:
            try:
                self._producer.close(timeout=0)
            except Exception:  # a broken producer may fail to close; it is dropped either way
                log.debug("closing a failed producer", exc_info=True)
            self._producer = None

    def ensure_topics(self, topics: Sequence[str]) -> None:
        try:
            admin = KafkaAdminClient(request_timeout_ms=self.settings.request_timeout_ms, **self.settings.common())
        except KafkaError as exc:
            raise BusUnavailable(f"no Kafka broker at {self.settings.bootstrap_servers}: {exc}") from exc
        try:
            existing = set(admin.list_topics())
            missing = [
                NewTopic(t, self.settings.partitions, self.settings.replication_factor)
                for t in topics
                if t not in existing
            ]
            if missing:
                try:
                    admin.create_topics(missing)
                except TopicAlreadyExistsError:
                    pass
        except KafkaError as exc:
            raise BusUnavailable(f"creating topics failed: {exc!r}") from exc
        finally:
            admin.close()

    def consumer(self, group: str, topics: Sequence[str]) -> Consumer:
        return KafkaGroupConsumer(self.settings, group, topics)

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
            self._producer = None


class KafkaGroupConsumer(Consumer):
    def __init__(self, settings: KafkaSettings, group: str, topics: Sequence[str]):
        self._consumer = KafkaConsumer(
            *topics,
            group_id=group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            session_timeout_ms=settings.session_timeout_ms,
            heartbeat_interval_ms=settings.heartbeat_interval_ms,
            max_poll_interval_ms=settings.max_poll_interval_ms,
            request_timeout_ms=max(settings.request_timeout_ms, settings.session_timeout_ms + 1000),
            **settings.common(),
        )
        self._request_timeout_s = settings.request_timeout_ms / 1000
        self._pending_commit: Future | None = None

    def poll(self, timeout: float, max_records: int = 500) -> list[Delivery]:
        batches = self._consumer.poll(timeout_ms=int(timeout * 1000), max_records=max_records)
        deliveries = []
        for partition, records in batches.items():
            for r in records:
                headers = {k: v.decode("utf-8", "replace") for k, v in (r.headers or [])}
                key = r.key.decode("utf-8", "replace") if r.key is not None else ""
                deliveries.append(Delivery(Record(r.topic, key, r.value or b"", headers), partition.partition, r.offset))
        return deliveries

    def lag(self) -> int | None:
        """From the high-water marks of the last fetches: no request to the broker."""
        total = 0
        for partition in self._consumer.assignment():
            highwater = self._consumer.highwater(partition)
            if highwater is None:
                return None
            total += max(highwater - self._consumer.position(partition), 0)
        return total

    def commit(self) -> None:
        """Sends the offsets of what `poll` returned so far without waiting for the broker's answer.

        The offsets are taken now, and callers commit only what they have applied, so at least once
        holds; a commit the broker refuses means those records come again (harmless to version-guarded
        consumers). Not waiting takes the round trip off every batch. `close` waits for the last commit."""
        self._pending_commit = self._consumer.commit_async(callback=_report_failed_commit)

    def close(self) -> None:
        deadline = time.monotonic() + self._request_timeout_s
        while self._pending_commit is not None and not self._pending_commit.is_done and time.monotonic() < deadline:
            time.sleep(COMMIT_WAIT_S)
        self._consumer.close(autocommit=False)


def _report_failed_commit(offsets, response) -> None:
    if isinstance(response, Exception):
        log.warning("an offset commit failed (those records will be delivered again): %r", response)
