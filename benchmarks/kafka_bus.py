"""The Kafka bus beside raw kafka-python and aiokafka, against a Tansu broker over loopback.

The records are fedstd events as the relay publishes them (CloudEvents binary mode: protobuf
value, `ce_*` headers, stream id as key), each client on a fresh topic of 3 partitions.

* produce: fedstd's `KafkaBus.publish` in the relay's batches of 500 (acks=all, it waits for every
  acknowledgement of a batch before the next); raw kafka-python with the same producer settings,
  all records sent then one flush; aiokafka likewise.
* consume: fedstd's `KafkaGroupConsumer` (poll of up to 500, commit after each batch, as the
  projection runner does; the commit is sent without waiting for its answer); raw kafka-python
  polling and committing once at the end; aiokafka `getmany` likewise. Counted from the first
  batch received: joining the group is not consuming.
"""
from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Sequence

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from benchmarks.harness import INFO, Context, Figure, Measure, Stat, ratio_of, stopwatch
from benchmarks.history import history, stored_events
from services.common.bus import Record
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.cloudevents import source_for, to_record
from tests.support.fedstd import TEST_KAFKA_ENV

BATCH = 500
_topics = itertools.count()


def records(count: int, topic: str) -> list[Record]:
    return [to_record(event, topic, source_for(service)) for service, event in stored_events(history(count))]


def _headers(record: Record) -> list[tuple[str, bytes]]:
    return [(k, v.encode()) for k, v in record.headers.items()]


def fedstd_produce(bus: KafkaBus, batch: Sequence[Record]) -> float:
    with stopwatch() as elapsed:
        for start in range(0, len(batch), BATCH):
            bus.publish(batch[start:start + BATCH])
    return len(batch) / elapsed()


def kafka_python_produce(bootstrap: str, batch: Sequence[Record]) -> float:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=2, retries=5)
    with stopwatch() as elapsed:
        for r in batch:
            producer.send(r.topic, key=r.key.encode(), value=r.value, headers=_headers(r))
        producer.flush()
    producer.close()
    return len(batch) / elapsed()


async def _aiokafka_produce(bootstrap: str, batch: Sequence[Record]) -> float:
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=2)
    await producer.start()
    try:
        with stopwatch() as elapsed:
            sent = [await producer.send(r.topic, key=r.key.encode(), value=r.value, headers=_headers(r)) for r in batch]
            await asyncio.gather(*sent)
    finally:
        await producer.stop()
    return len(batch) / elapsed()


class Steady:
    """A consume rate counted from the first batch on: joining the group is not consuming."""

    def __init__(self, count: int):
        self.count = count
        self.seen = 0
        self.first = 0
        self.started = 0.0
        self.created = time.perf_counter()

    def add(self, records: int) -> None:
        if records and not self.seen:
            self.first, self.started = records, time.perf_counter()
        self.seen += records

    @property
    def done(self) -> bool:
        return self.seen >= self.count

    def rate(self) -> float:
        if self.seen == self.first:  # everything came in one batch: join time included, nothing better to go by
            return self.seen / (time.perf_counter() - self.created)
        return (self.seen - self.first) / (time.perf_counter() - self.started)


def fedstd_consume(bus: KafkaBus, topic: str, count: int) -> float:
    consumer = bus.consumer(f"{topic}.fedstd", [topic])
    progress = Steady(count)
    while not progress.done:
        progress.add(len(deliveries := consumer.poll(1.0, BATCH)))
        if deliveries:
            consumer.commit()
    rate = progress.rate()
    consumer.close()
    return rate


def kafka_python_consume(bootstrap: str, topic: str, count: int, settings: KafkaSettings) -> float:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"{topic}.kafka-python", enable_auto_commit=False,
                             auto_offset_reset="earliest", session_timeout_ms=settings.session_timeout_ms,
                             heartbeat_interval_ms=settings.heartbeat_interval_ms,
                             request_timeout_ms=settings.session_timeout_ms + 1000)
    progress = Steady(count)
    while not progress.done:
        progress.add(sum(len(batch) for batch in consumer.poll(timeout_ms=1000, max_records=BATCH).values()))
    consumer.commit()
    rate = progress.rate()
    consumer.close(autocommit=False)
    return rate


async def _aiokafka_consume(bootstrap: str, topic: str, count: int, settings: KafkaSettings) -> float:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"{topic}.aiokafka", enable_auto_commit=False,
                                auto_offset_reset="earliest", session_timeout_ms=settings.session_timeout_ms,
                                heartbeat_interval_ms=settings.heartbeat_interval_ms)
    await consumer.start()
    progress = Steady(count)
    try:
        while not progress.done:
            progress.add(sum(len(batch) for batch in (await consumer.getmany(timeout_ms=1000, max_records=BATCH)).values()))
        await consumer.commit()
        return progress.rate()
    finally:
        await consumer.stop()


def committed(admin: KafkaAdminClient, group: str) -> int:
    """Records the consumer group has committed, over all its partitions."""
    offsets = admin.list_group_offsets(group).get(group, {})
    return sum(meta.offset for meta in offsets.values() if meta.offset > 0)


def tansu_settings(bootstrap: str) -> KafkaSettings:
    """The group timings a Tansu broker needs (as the tests and `fedstd serve` under test use)."""
    env = TEST_KAFKA_ENV
    return KafkaSettings(bootstrap, session_timeout_ms=int(env["FEDSTD_KAFKA_SESSION_TIMEOUT_MS"]),
                         heartbeat_interval_ms=int(env["FEDSTD_KAFKA_HEARTBEAT_INTERVAL_MS"]),
                         max_poll_interval_ms=int(env["FEDSTD_KAFKA_MAX_POLL_INTERVAL_MS"]),
                         request_timeout_ms=int(env["FEDSTD_KAFKA_REQUEST_TIMEOUT_MS"]))


def run(ctx: Context) -> list[Figure]:
    count = ctx.scale.kafka_records
    broker = ctx.servers.broker("kafka")
    settings = tansu_settings(broker.bootstrap)
    bus = KafkaBus(settings)
    payload = records(count, "placeholder")
    produced = {"fedstd": [], "kafka-python": [], "aiokafka": []}
    consumed = {"fedstd": [], "kafka-python": [], "aiokafka": []}
    try:
        for round_ in range(ctx.scale.rounds):
            topics = {client: f"bench.{client}.{next(_topics)}" for client in produced}
            bus.ensure_topics(list(topics.values()))
            batches = {client: [Record(topic, r.key, r.value, r.headers) for r in payload] for client, topic in topics.items()}
            produced["fedstd"].append(fedstd_produce(bus, batches["fedstd"]))
            produced["kafka-python"].append(kafka_python_produce(broker.bootstrap, batches["kafka-python"]))
            produced["aiokafka"].append(asyncio.run(_aiokafka_produce(broker.bootstrap, batches["aiokafka"])))
            consumed["fedstd"].append(fedstd_consume(bus, topics["fedstd"], count))
            consumed["kafka-python"].append(kafka_python_consume(broker.bootstrap, topics["kafka-python"], count, settings))
            consumed["aiokafka"].append(asyncio.run(_aiokafka_consume(broker.bootstrap, topics["aiokafka"], count, settings)))
            ctx.log(f"  round {round_ + 1}: produce " + ", ".join(f"{k} {v[-1]:,.0f}/s" for k, v in produced.items())
                    + "; consume " + ", ".join(f"{k} {v[-1]:,.0f}/s" for k, v in consumed.items()))
    finally:
        bus.close()
    figures = []
    for key, verb, rates, fedstd_name in (
            ("kafka_produce", "publish", produced, "KafkaBus.publish, batches of 500"),
            ("kafka_consume", "consume + commit", consumed, "KafkaGroupConsumer, async commit per batch")):
        figure = Figure(key, f"bus: {verb} {count:,} fedstd events on Tansu", "— (bounds the relay and projectors)")
        figure.fedstd = Measure(fedstd_name, "records/s", Stat.of(rates["fedstd"]))
        figure.baseline = Measure("raw kafka-python", "records/s", Stat.of(rates["kafka-python"]))
        figure.ratio = ratio_of(rates["fedstd"], rates["kafka-python"])
        figure.extra = [Measure("raw aiokafka", "records/s", Stat.of(rates["aiokafka"]))]
        figure.status = INFO
        figures.append(figure)
    return figures
