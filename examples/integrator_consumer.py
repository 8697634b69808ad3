"""A minimal integrator: consumes fedstd's events from Kafka with kafka-python and fedstd's generated
protobuf code, and nothing else of fedstd.

    pip install kafka-python protobuf       # plus fedstd's generated code (gen/ or protoc over proto/)
    python integrator_consumer.py --bootstrap kafka:9092 --group my-integration --state state.db

What it shows:
- a record is a CloudEvent in binary mode: the value is the protobuf message named by the `ce_type`
  header, and the other `ce_*` headers are its attributes (docs/catalogue/events.md);
- delivery is at least once, so the consumer keeps the `ce_id` of every event it processed, in the
  same transaction as the effect of processing it, and skips an id it has seen: a redelivered event
  changes nothing;
- offsets are committed only after processing: a crash repeats work, it never loses any;
- an event type this code does not know (one added to v1 later) is skipped, not fatal.

Each processed event is printed as one JSON line; the effect here is a table of the latest event per
stream, standing in for whatever the integration really does.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time

from google.protobuf import descriptor_pool, json_format, message_factory
from google.protobuf.message import Message
from kafka import KafkaConsumer

# Importing the generated modules registers every event type, so `ce_type` can be looked up by name.
import fedstd.assessment.v1.events_pb2  # noqa: F401
import fedstd.registry.v1.events_pb2  # noqa: F401
import fedstd.reporting.v1.events_pb2  # noqa: F401

TOPICS = ("fedstd.registry.v1", "fedstd.assessment.v1", "fedstd.reporting.v1")

STATE = """
CREATE TABLE IF NOT EXISTS processed (ce_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS latest (stream TEXT PRIMARY KEY, version INTEGER, type TEXT, event TEXT);
"""


def decode(event_type: str, value: bytes) -> Message | None:
    """The event as its generated class, or None for a type this code does not know."""
    try:
        descriptor = descriptor_pool.Default().FindMessageTypeByName(event_type)
    except KeyError:
        return None
    message = message_factory.GetMessageClass(descriptor)()
    message.ParseFromString(value)
    return message


def process(state: sqlite3.Connection, headers: dict[str, str], event: Message) -> bool:
    """Applies the event once: False when its ce_id was processed before (a redelivery)."""
    event_json = json_format.MessageToDict(event, preserving_proto_field_name=True)
    with state:  # one transaction: the dedupe mark and the effect commit together
        if state.execute("INSERT OR IGNORE INTO processed VALUES (?)", (headers["ce_id"],)).rowcount == 0:
            return False
        state.execute(
            "INSERT INTO latest VALUES (?, ?, ?, ?) ON CONFLICT (stream) DO UPDATE SET version = excluded.version, "
            "type = excluded.type, event = excluded.event WHERE excluded.version > latest.version",
            (headers["ce_subject"], int(headers["ce_streamversion"]), headers["ce_type"], json.dumps(event_json)),
        )
    print(json.dumps({"ce_id": headers["ce_id"], "type": headers["ce_type"], "subject": headers["ce_subject"],
                      "version": int(headers["ce_streamversion"]), "time": headers["ce_time"], "event": event_json},
                     ensure_ascii=False), flush=True)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers, host:port[,host:port]")
    parser.add_argument("--group", required=True, help="this integration's consumer group")
    parser.add_argument("--state", default="integrator-state.db", help="SQLite file of processed ids and effects")
    parser.add_argument("--topic", action="append", dest="topics", help=f"default: {', '.join(TOPICS)}")
    parser.add_argument("--kafka-option", action="append", default=[], metavar="NAME=VALUE",
                        help="passed to KafkaConsumer, e.g. security_protocol=SSL or session_timeout_ms=6000; repeatable")
    parser.add_argument("--stop-when-idle", type=float, metavar="SECONDS",
                        help="stop after this long without new records (default: run until interrupted)")
    args = parser.parse_args()

    state = sqlite3.connect(args.state)
    state.executescript(STATE)
    options = {name: int(value) if value.isdigit() else value
               for name, value in (option.split("=", 1) for option in args.kafka_option)}
    consumer = KafkaConsumer(*(args.topics or TOPICS), bootstrap_servers=args.bootstrap.split(","), group_id=args.group,
                             enable_auto_commit=False, auto_offset_reset="earliest", **options)
    counts = {"processed": 0, "duplicates": 0, "unknown": 0}
    idle_since = time.monotonic()
    try:
        while args.stop_when_idle is None or time.monotonic() - idle_since < args.stop_when_idle:
            batches = consumer.poll(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    headers = {key: value.decode() for key, value in record.headers}
                    event = decode(headers["ce_type"], record.value)
                    if event is None:
                        counts["unknown"] += 1
                    elif process(state, headers, event):
                        counts["processed"] += 1
                    else:
                        counts["duplicates"] += 1
            if batches:
                consumer.commit()  # after processing: what was not committed is delivered again
            if batches or not consumer.assignment():  # joining the group is not idleness
                idle_since = time.monotonic()
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close(autocommit=False)
        state.close()
    print(f"processed {counts['processed']}, duplicates skipped {counts['duplicates']}, "
          f"unknown types skipped {counts['unknown']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
