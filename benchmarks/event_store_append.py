"""Event-store append rate beside its raw baseline, measured in the same run.

fedstd: `SqliteEventStore.append`, one event per call (version check, protobuf serialization, one
transaction). Baseline: a plain SQLite insert of the same bytes, one transaction each, with the same
journal and synchronous settings. Prints medians over several rounds and the ratio.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from fedstd.registry.v1 import events_pb2
from services.common.events import NewEvent
from services.common.eventstore import NO_STREAM
from services.common.eventstore.sqlite import SqliteEventStore, connect


def message(i: int) -> events_pb2.StandardPublished:
    return events_pb2.StandardPublished(group_standard=f"chambers/NMB/groupStandards/{i}-2023", title=f"standard {i}")


def fedstd_rate(folder: Path, count: int) -> float:
    store = SqliteEventStore(folder / "fedstd.db")
    started = time.perf_counter()
    for i in range(count):
        stream = f"s/{i}"
        store.append(stream, NO_STREAM, [NewEvent(stream, message(i))])
    elapsed = time.perf_counter() - started
    store.close()
    return count / elapsed


def raw_rate(folder: Path, count: int) -> float:
    db: sqlite3.Connection = connect(folder / "raw.db")
    db.execute("CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT, data BLOB)")
    payloads = [message(i).SerializeToString() for i in range(count)]
    started = time.perf_counter()
    for i, data in enumerate(payloads):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO events (stream_id, data) VALUES (?, ?)", (f"s/{i}", data))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    fedstd, raw = [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            fedstd.append(fedstd_rate(Path(folder), args.events))
            raw.append(raw_rate(Path(folder), args.events))
    figures = {
        "figure": "event-store append, one event per command (SQLite, WAL, synchronous=NORMAL)",
        "events_per_round": args.events,
        "fedstd_events_per_s": {"median": statistics.median(fedstd), "min": min(fedstd), "max": max(fedstd)},
        "raw_sqlite_events_per_s": {"median": statistics.median(raw), "min": min(raw), "max": max(raw)},
        "ratio_to_raw": statistics.median(f / r for f, r in zip(fedstd, raw)),
    }
    print(f"| figure | fedstd (median) | raw SQLite (median) | ratio |\n|---|---|---|---|\n"
          f"| {figures['figure']} | {figures['fedstd_events_per_s']['median']:,.0f}/s "
          f"| {figures['raw_sqlite_events_per_s']['median']:,.0f}/s | {figures['ratio_to_raw']:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
