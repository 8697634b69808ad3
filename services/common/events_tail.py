"""`fedstd events tail`: follows fedstd's topics and prints each record as one JSON line, with its
headers and the event decoded.

Tailing changes nothing for the services: it joins no consumer group and commits nothing. On the
embedded runtime it reads the bus file of the data folder by offset; on Kafka it assigns itself
every partition of the topics (no group id) and seeks.
"""
from __future__ import annotations

import argparse
import base64
import fnmatch
import json
import logging
import os
import sqlite3
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import DecodeError

from services.common import protos
from services.common.bus import Delivery, Record
from services.common.bus.kafka import KafkaSettings
from services.common.cloudevents import topic_for
from services.common.config import SERVICES, Settings, kafka_settings_from_env

DEFAULT_TOPICS = tuple(topic_for(service) for service in SERVICES)
#: How often a follower looks again for topics that did not exist yet.
TOPIC_REFRESH_S = 5.0


@dataclass(frozen=True)
class Start:
    """Where reading starts on every partition: its end (only new records), its beginning, an offset,
    or the first record at or after a time."""

    beginning: bool = False
    offset: int | None = None
    since: datetime | None = None


@dataclass(frozen=True)
class Filters:
    """Which records to print; a record must pass every filter given."""

    #: Full (`fedstd.registry.v1.StandardPublished`) or short (`StandardPublished`) type names.
    types: tuple[str, ...] = ()
    #: Stream ids or shell-style patterns (`chambers/NMB/*`).
    streams: tuple[str, ...] = ()
    #: Only events that occurred at or after this time (`ce_time`).
    since: datetime | None = None

    def accept(self, record: Record) -> bool:
        event_type = record.headers.get("ce_type", "")
        if self.types and not any(event_type == t or event_type.endswith(f".{t}") for t in self.types):
            return False
        if self.streams and not any(fnmatch.fnmatchcase(record.key, pattern) for pattern in self.streams):
            return False
        if self.since is not None:
            occurred = _parse_time(record.headers.get("ce_time", ""))
            return occurred is not None and occurred >= self.since
        return True


class Source(ABC):
    """Records of some topics from a start position, read without a consumer group."""

    @abstractmethod
    def poll(self, timeout: float) -> list[Delivery]: ...

    @abstractmethod
    def caught_up(self) -> bool:
        """True once every partition has been read up to where it ended when reading started."""

    def close(self) -> None: ...


class LocalBusSource(Source):
    """The embedded bus file (`<data-dir>/bus.db`), read-only, by offset (one partition per topic)."""

    def __init__(self, path: Path, topics: Sequence[str], start: Start, poll_interval: float = 0.1):
        if not path.exists():
            raise FileNotFoundError(f"no bus file at {path}: pass the --data-dir of an embedded suite")
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        self._poll_interval = poll_interval
        self._ends = {topic: self._end(topic) for topic in topics}
        if start.beginning or start.since is not None:  # the local bus keeps no record times: scan, then filter
            self._positions = dict.fromkeys(topics, 0)
        elif start.offset is not None:
            self._positions = dict.fromkeys(topics, max(start.offset, 0))
        else:
            self._positions = dict(self._ends)

    def _end(self, topic: str) -> int:
        (last,) = self._db.execute("SELECT MAX(offset) FROM records WHERE topic = ?", (topic,)).fetchone()
        return 0 if last is None else last + 1

    def poll(self, timeout: float) -> list[Delivery]:
        deadline = time.monotonic() + timeout
        while True:
            deliveries: list[Delivery] = []
            for topic, position in self._positions.items():
                rows = self._db.execute(
                    "SELECT offset, key, value, headers FROM records WHERE topic = ? AND offset >= ? ORDER BY offset LIMIT 500",
                    (topic, position),
                ).fetchall()
                for offset, key, value, headers in rows:
                    deliveries.append(Delivery(Record(topic, key, bytes(value), json.loads(headers)), 0, offset))
                if rows:
                    self._positions[topic] = rows[-1][0] + 1
            if deliveries or time.monotonic() >= deadline:
                return deliveries
            time.sleep(min(self._poll_interval, max(deadline - time.monotonic(), 0)))

    def caught_up(self) -> bool:
        return all(self._positions[topic] >= end for topic, end in self._ends.items())

    def close(self) -> None:
        self._db.close()


class KafkaSource(Source):
    """Every partition of the topics, assigned by hand: no group, no commits.

    Where a partition ended when reading started is the larger of its listed end offset and the
    high-water mark of its first fetch: some Kafka-protocol brokers list the start of their last
    batch as the end. Reading from the end skips what lay below that mark.
    """

    def __init__(self, settings: KafkaSettings, topics: Sequence[str], start: Start):
        from kafka import KafkaConsumer

        self._consumer = KafkaConsumer(
            group_id=None,
            enable_auto_commit=False,
            allow_auto_create_topics=False,
            request_timeout_ms=max(settings.request_timeout_ms, settings.session_timeout_ms + 1000),
            **settings.common(),
        )
        self._topics = tuple(topics)
        self._start = start
        self._listed_ends: dict = {}
        self._first_highwater: dict = {}
        self._from_end: set = set()
        self._refreshed = 0.0
        self._assign_new_partitions()

    def _assign_new_partitions(self) -> None:
        """Assigns partitions not assigned yet (of topics made since), positioned at `start`."""
        from kafka import TopicPartition

        self._refreshed = time.monotonic()
        found = [TopicPartition(topic, p) for topic in self._topics
                 for p in sorted(self._consumer.partitions_for_topic(topic) or ())]
        new = [tp for tp in found if tp not in self._listed_ends]
        if not new:
            return
        # A topic that appears after the tail started is read from its beginning: all of it is new.
        start = self._start if not self._listed_ends else Start(beginning=True)
        self._consumer.assign([*self._listed_ends, *new])
        self._listed_ends |= self._consumer.end_offsets(new)
        for tp in new:
            self._seek(tp, start)

    def _seek(self, tp, start: Start) -> None:
        if start.beginning:
            self._consumer.seek_to_beginning(tp)
        elif start.offset is not None:  # past the end, the consumer resets to the end
            self._consumer.seek(tp, max(start.offset, self._consumer.beginning_offsets([tp])[tp]))
        elif start.since is not None:
            found = self._consumer.offsets_for_times({tp: int(start.since.timestamp() * 1000)})[tp]
            self._consumer.seek(tp, found.offset if found is not None else self._listed_ends[tp])
        else:
            self._consumer.seek(tp, self._listed_ends[tp])
            self._from_end.add(tp)

    def poll(self, timeout: float) -> list[Delivery]:
        if time.monotonic() - self._refreshed > TOPIC_REFRESH_S:
            self._assign_new_partitions()
        if not self._listed_ends:
            time.sleep(timeout)
            return []
        batches = self._consumer.poll(timeout_ms=int(timeout * 1000), max_records=500)
        for tp in self._listed_ends:
            if tp not in self._first_highwater and (highwater := self._consumer.highwater(tp)) is not None:
                self._first_highwater[tp] = highwater
        deliveries = []
        for tp, records in batches.items():
            for r in records:
                if tp in self._from_end and r.offset < self._first_highwater.get(tp, 0):
                    continue  # there before the tail started
                headers = {k: v.decode("utf-8", "replace") for k, v in (r.headers or [])}
                key = r.key.decode("utf-8", "replace") if r.key is not None else ""
                deliveries.append(Delivery(Record(r.topic, key, r.value or b"", headers), tp.partition, r.offset))
        return deliveries

    def caught_up(self) -> bool:
        for tp, listed_end in self._listed_ends.items():
            if tp not in self._first_highwater:
                return False
            if self._consumer.position(tp) < max(listed_end, self._first_highwater[tp]):
                return False
        return True

    def close(self) -> None:
        # kafka-python logs the requests a close cancels as errors: not worth showing a reader.
        kafka_log = logging.getLogger("kafka")
        level = kafka_log.level
        kafka_log.setLevel(logging.CRITICAL)
        try:
            self._consumer.close(autocommit=False)
        finally:
            kafka_log.setLevel(level)


def render(delivery: Delivery) -> dict:
    """One record as printed: where it was, its key and headers, and the event decoded to JSON."""
    record = delivery.record
    line: dict = {"topic": record.topic, "partition": delivery.partition, "offset": delivery.offset,
                  "key": record.key, "headers": record.headers, "type": record.headers.get("ce_type", "")}
    try:
        message = protos.decode(line["type"], record.value)
        line["event"] = MessageToDict(message, preserving_proto_field_name=True)
    except (protos.UnknownMessageType, DecodeError) as exc:
        line["event"] = None
        line["error"] = f"cannot decode the value as {line['type'] or 'an event (no ce_type)'}: {exc!r}"
        line["value_base64"] = base64.b64encode(record.value).decode()
    return line


def tail(source: Source, filters: Filters, out: TextIO, follow: bool, limit: int | None = None,
         poll_timeout: float = 0.5) -> int:
    """Prints matching records until the limit, the end of the topics (without `follow`), or forever."""
    printed = 0
    while (limit is None or printed < limit) and (follow or not source.caught_up()):
        for delivery in source.poll(poll_timeout):
            if filters.accept(delivery.record):
                out.write(json.dumps(render(delivery), ensure_ascii=False) + "\n")
                printed += 1
                if limit is not None and printed >= limit:
                    break
        out.flush()
    return printed


def _parse_time(text: str) -> datetime | None:
    """An ISO 8601 date or time; without an offset it is UTC."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def _time_argument(text: str) -> datetime:
    value = _parse_time(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date or time: {text!r}")
    return value


def add_parser(subcommands: argparse._SubParsersAction) -> None:
    """Adds `tail` to the `fedstd events` subcommands."""
    command = subcommands.add_parser(
        "tail", help="follow fedstd's topics and print each event as a JSON line",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("--topic", action="append", dest="topics",
                         help=f"topic to read, repeatable (default: {', '.join(DEFAULT_TOPICS)}); "
                              "dead-letter topics are `<topic>.deadletter`")
    command.add_argument("--kafka-bootstrap", default=os.environ.get("FEDSTD_KAFKA_BOOTSTRAP"),
                         help="read Kafka at host:port[,...] (or FEDSTD_KAFKA_BOOTSTRAP); "
                              "without it, the embedded suite's bus in --data-dir")
    command.add_argument("--data-dir", help="the embedded suite's data folder (default FEDSTD_DATA_DIR or ./data)")
    start = command.add_mutually_exclusive_group()
    start.add_argument("--from-beginning", action="store_true", help="start at the beginning of each topic")
    start.add_argument("--offset", type=int, help="start every partition at this offset (as printed with each event)")
    start.add_argument("--since", type=_time_argument,
                       help="only events that occurred at or after this ISO 8601 time (UTC unless it has an offset)")
    command.add_argument("--type", action="append", dest="types", default=[],
                         help="only this event type, full or short name; repeatable")
    command.add_argument("--stream", action="append", dest="streams", default=[],
                         help="only this stream id (the record key), or a pattern such as 'chambers/NMB/*'; repeatable")
    command.add_argument("--follow", action=argparse.BooleanOptionalAction, default=True,
                         help="keep waiting for new events (default), or stop at the end of the topics")
    command.add_argument("--limit", type=int, help="stop after printing this many events")
    command.set_defaults(run=main)


def open_source(args: argparse.Namespace, topics: Sequence[str], start: Start) -> Source:
    if args.kafka_bootstrap:
        return KafkaSource(kafka_settings_from_env(args.kafka_bootstrap), topics, start)
    data_dir = Path(args.data_dir) if args.data_dir else Settings.from_env().data_dir
    return LocalBusSource(data_dir / "bus.db", topics, start)


def main(args: argparse.Namespace) -> int:
    start = Start(beginning=args.from_beginning, offset=args.offset, since=args.since)
    try:
        source = open_source(args, args.topics or DEFAULT_TOPICS, start)
    except (FileNotFoundError, sqlite3.Error) as exc:
        print(f"fedstd events tail: {exc}", file=sys.stderr)
        return 2
    try:
        tail(source, Filters(tuple(args.types), tuple(args.streams), args.since), sys.stdout, args.follow, args.limit)
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:  # piped into `head`: the reader has what it wanted
        sys.stderr.close()
    finally:
        source.close()
    return 0
