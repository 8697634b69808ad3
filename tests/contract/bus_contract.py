"""The contract every bus adapter keeps. Adapter tests inherit `BusContract`.

Polls go through `drain`, which polls until the expected number of records arrived or a deadline
passed: a Kafka consumer returns nothing until it has joined its group (seconds on a test broker).
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Sequence

import pytest

from services.common.bus import Bus, Consumer, Delivery, Record


def new_group() -> str:
    return f"g-{uuid.uuid4().hex[:12]}"


def values(deliveries: Sequence[Delivery]) -> list[bytes]:
    return [d.record.value for d in deliveries]


class BusContract:
    """Subclasses provide `make_bus`, a factory of buses that share one backing log, and
    `new_topic`, which names a topic no other test uses."""

    make_bus: Callable[[], Bus]
    new_topic: Callable[[], str]

    #: How long `drain` waits for the expected records (a Kafka group join takes a few seconds).
    deadline: float = 5.0
    #: How long a poll that must find nothing more waits.
    quiet: float = 0.5

    @pytest.fixture
    def bus(self) -> Iterator[Bus]:
        bus = self.make_bus()
        self._consumers: list[Consumer] = []
        yield bus
        for consumer in self._consumers:
            consumer.close()
        bus.close()

    @pytest.fixture
    def topic(self, bus: Bus) -> str:
        topic = self.new_topic()
        bus.ensure_topics([topic])
        return topic

    def consumer(self, bus: Bus, group: str, topics: Sequence[str]) -> Consumer:
        """A consumer that is closed at the end of the test (closing twice is harmless)."""
        consumer = bus.consumer(group, topics)
        self._consumers.append(consumer)
        return consumer

    def drain(self, consumer: Consumer, count: int, max_records: int = 500) -> list[Delivery]:
        """Polls until `count` records arrived, then checks nothing more is there."""
        deliveries: list[Delivery] = []
        deadline = time.monotonic() + self.deadline
        while len(deliveries) < count and time.monotonic() < deadline:
            batch = consumer.poll(0.5, max_records=max_records)
            assert len(batch) <= max_records
            deliveries.extend(batch)
        assert len(deliveries) == count, f"expected {count} records, got {len(deliveries)}"
        assert consumer.poll(self.quiet) == [], "more records than expected"
        return deliveries

    @staticmethod
    def records(topic: str, count: int, prefix: str = "v", keys: int = 3) -> list[Record]:
        return [Record(topic, f"key-{i % keys}", f"{prefix}{i}".encode(), {"seq": str(i)}) for i in range(count)]

    # -- the contract -------------------------------------------------------

    def test_records_come_back_with_key_value_and_headers_intact(self, bus: Bus, topic: str) -> None:
        published = [
            Record(topic, "标准/1", "中国团体标准".encode(), {"type": "fedstd.registry.v1.StandardPublished"}),
            Record(topic, "plain", b"\x00\x01\xfe\xff binary", {"correlation-id": "c-1", "actor": "leagues/150100", "说明": "中文"}),
            Record(topic, "no-headers", b'{"json": true}', {}),
            Record(topic, "empty-value", b"", {"h": ""}),
        ]
        bus.publish(published)
        deliveries = self.drain(self.consumer(bus, new_group(), [topic]), len(published))
        by_key = {d.record.key: d.record for d in deliveries}
        assert by_key == {r.key: r for r in published}
        assert all(d.offset >= 0 and d.partition >= 0 for d in deliveries)
        assert len({(d.partition, d.offset) for d in deliveries}) == len(published)

    def test_records_with_the_same_key_keep_their_order(self, bus: Bus, topic: str) -> None:
        keys = [f"stream-{i}" for i in range(5)]
        published: list[Record] = []
        for burst in range(4):  # several publishes, keys interleaved within each
            batch = [Record(topic, keys[(i + burst) % 5], f"{keys[(i + burst) % 5]}:{burst}:{i}".encode()) for i in range(10)]
            bus.publish(batch)
            published.extend(batch)
        deliveries = self.drain(self.consumer(bus, new_group(), [topic]), len(published), max_records=7)
        for key in keys:
            sent = [r.value for r in published if r.key == key]
            received = [d for d in deliveries if d.record.key == key]
            assert values(received) == sent
            assert len({d.partition for d in received}) == 1  # one key, one partition
            offsets = [d.offset for d in received]
            assert offsets == sorted(offsets)

    def test_uncommitted_records_are_delivered_again_to_the_group(self, bus: Bus, topic: str) -> None:
        group = new_group()
        published = self.records(topic, 6)
        bus.publish(published)
        first = self.consumer(bus, group, [topic])
        seen = self.drain(first, len(published))
        first.close()  # stops without committing, e.g. a crash
        again = self.drain(self.consumer(bus, group, [topic]), len(published))
        assert sorted(values(again)) == sorted(values(seen)) == sorted(r.value for r in published)
        assert {(d.partition, d.offset) for d in again} == {(d.partition, d.offset) for d in seen}

    def test_after_commit_the_group_gets_only_newer_records(self, bus: Bus, topic: str) -> None:
        group = new_group()
        older = self.records(topic, 6, prefix="old")
        bus.publish(older)
        first = self.consumer(bus, group, [topic])
        self.drain(first, len(older))
        first.commit()
        newer = self.records(topic, 4, prefix="new")
        bus.publish(newer)
        # The first consumer reads the newer records too, but stops before committing them.
        assert sorted(values(self.drain(first, len(newer)))) == sorted(r.value for r in newer)
        first.close()
        second = self.consumer(bus, group, [topic])
        resumed = self.drain(second, len(newer))
        assert sorted(values(resumed)) == sorted(r.value for r in newer)
        second.commit()
        latest = self.records(topic, 2, prefix="latest")
        bus.publish(latest)
        assert sorted(values(self.drain(second, len(latest)))) == sorted(r.value for r in latest)

    def test_two_groups_each_get_everything(self, bus: Bus, topic: str) -> None:
        published = self.records(topic, 8)
        bus.publish(published)
        one = self.consumer(bus, new_group(), [topic])
        got_one = self.drain(one, len(published))
        one.commit()  # one group's commit does not move the other's offsets
        got_two = self.drain(self.consumer(bus, new_group(), [topic]), len(published))
        expected = sorted(r.value for r in published)
        assert sorted(values(got_one)) == expected
        assert sorted(values(got_two)) == expected

    def test_a_consumer_reads_every_topic_it_subscribed_to(self, bus: Bus, topic: str) -> None:
        other = self.new_topic()
        bus.ensure_topics([other])
        bus.publish(self.records(topic, 3, prefix="a") + self.records(other, 2, prefix="b"))
        deliveries = self.drain(self.consumer(bus, new_group(), [topic, other]), 5)
        assert sorted((d.record.topic, d.record.value) for d in deliveries) == sorted(
            [(topic, b"a0"), (topic, b"a1"), (topic, b"a2"), (other, b"b0"), (other, b"b1")]
        )

    def test_poll_on_an_empty_topic_returns_nothing_after_its_timeout(self, bus: Bus, topic: str) -> None:
        consumer = self.consumer(bus, new_group(), [topic])
        for timeout in (1.0, 0.3):
            started = time.monotonic()
            assert consumer.poll(timeout) == []
            elapsed = time.monotonic() - started
            assert timeout * 0.9 <= elapsed < timeout + 5
        # Once caught up, an empty poll waits again and returns nothing.
        bus.publish([Record(topic, "k", b"only")])
        assert values(self.drain(consumer, 1)) == [b"only"]
        started = time.monotonic()
        assert consumer.poll(0.5) == []
        assert time.monotonic() - started >= 0.45
