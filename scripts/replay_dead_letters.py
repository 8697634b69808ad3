#!/usr/bin/env python3
"""Replays the dead letters of one fedstd topic: each record goes back to the topic it came from,
as it was published (the dlq_* headers removed), and the replay's consumer group commits it.

Replay after fixing what made the projection refuse the records: every consumer group of the
topic gets them again, and the read models' version guard makes a second application harmless. A
record that fails again returns to the dead-letter topic; the replay stops at the records that
were there when it started, so it never loops.

In the image it is `fedstd-replay-dead-letters`; it reads the same FEDSTD_KAFKA_* settings as the
services (run it in the worker pod of the service that owns the topic: only it may write there).

    fedstd-replay-dead-letters fedstd.registry.v1.deadletter --dry-run   # list them, change nothing
    fedstd-replay-dead-letters fedstd.registry.v1.deadletter             # replay them
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable

from services.common.bus import Bus, Delivery, Record
from services.common.config import kafka_settings_from_env

DLQ_HEADER_PREFIX = "dlq_"


def original(delivery: Delivery) -> Record:
    """The record as the relay published it, back on its own topic."""
    record = delivery.record
    headers = {k: v for k, v in record.headers.items() if not k.startswith(DLQ_HEADER_PREFIX)}
    return Record(record.headers["dlq_topic"], record.key, record.value, headers)


def replay(bus: Bus, dead_letter_topic: str, group: str, dry_run: bool = False,
           report: Callable[[str], None] = print, poll_timeout: float = 2.0) -> Counter:
    """Replays what is on `dead_letter_topic` past `group`'s committed offset; returns counts by reason."""
    reasons: Counter = Counter()
    consumer = bus.consumer(group, [dead_letter_topic])
    try:
        remaining: int | None = None
        while remaining is None or remaining > 0:
            deliveries = consumer.poll(poll_timeout)
            if not deliveries:
                break
            if remaining is None:  # what was there at the start: this batch and what is behind it
                lag = consumer.lag()
                remaining = len(deliveries) + (lag if lag is not None else 0)
            deliveries = deliveries[:remaining]
            remaining -= len(deliveries)
            for delivery in deliveries:
                headers = delivery.record.headers
                reasons[headers.get("dlq_reason", "?")] += 1
                report(f"{headers.get('dlq_topic')} {headers.get('dlq_partition')}:{headers.get('dlq_offset')} "
                       f"{headers.get('ce_type', '?')} {delivery.record.key} [{headers.get('dlq_group')}] "
                       f"{headers.get('dlq_reason')}")
            if not dry_run:
                bus.publish([original(d) for d in deliveries])
                consumer.commit()
    finally:
        consumer.close()
    return reasons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fedstd-replay-dead-letters", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topic", help="the dead-letter topic, e.g. fedstd.registry.v1.deadletter")
    parser.add_argument("--group", help="consumer group of the replay (default SERVICE.deadletter-replay, "
                                        "within the service's ACLs)")
    parser.add_argument("--dry-run", action="store_true", help="list the dead letters; publish and commit nothing")
    parser.add_argument("--kafka-bootstrap", default=os.environ.get("FEDSTD_KAFKA_BOOTSTRAP"))
    args = parser.parse_args(argv)
    if not args.kafka_bootstrap:
        parser.error("needs --kafka-bootstrap or FEDSTD_KAFKA_BOOTSTRAP")
    if not args.topic.endswith(".deadletter"):
        parser.error("the topic must be a dead-letter topic (….deadletter)")
    from services.common.bus.kafka import KafkaBus

    service = args.topic.split(".")[1]
    # A dry run reads under its own group so that it leaves the replay's committed offset alone.
    group = args.group or f"{service}.deadletter-{'inspect' if args.dry_run else 'replay'}"
    bus = KafkaBus(kafka_settings_from_env(args.kafka_bootstrap))
    try:
        reasons = replay(bus, args.topic, group, dry_run=args.dry_run)
    finally:
        bus.close()
    verb = "found" if args.dry_run else "replayed"
    print(f"{verb} {sum(reasons.values())} dead letters")
    for reason, count in reasons.most_common():
        print(f"  {count:>6}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
