"""Event-store append, one event per command, beside raw SQLite and the `eventsourcing` library.

fedstd: `SqliteEventStore.append` of one `EnterpriseRegistered` to a new stream per call (version
check, protobuf serialization, one `BEGIN IMMEDIATE` transaction, global position). Baselines in the
same rounds: plain SQLite inserts of the same bytes, one transaction each, with the same journal and
synchronous settings; and the `eventsourcing` library (its SQLite application recorder) saving a
one-event aggregate per call, with the same fields.

Durability: fedstd's default is WAL with synchronous=NORMAL (a committed append survives a crash of
the process; a power cut may lose the last transactions). `eventsourcing` runs WAL with SQLite's
default synchronous=FULL (an fsync per commit, which survives a power cut). So the table has both:
fedstd at its default against `eventsourcing` (the target), and fedstd at FULL, the same durability.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from benchmarks.harness import INFO, Context, Figure, Measure, Stat, ratio_of, stopwatch
from fedstd.registry.v1 import events_pb2
from services.common.events import NewEvent
from services.common.eventstore import NO_STREAM
from services.common.eventstore.sqlite import SqliteEventStore, connect
from services.demo import synthetic_uscc

LEAGUE = "150100"


def message(i: int) -> events_pb2.EnterpriseRegistered:
    code = synthetic_uscc(LEAGUE, i)
    return events_pb2.EnterpriseRegistered(
        enterprise=f"enterprises/{code}", uscc=code, name=f"enterprise {i}", division_code="150102",
        league_code=LEAGUE, is_private=True, industry_section="H", registered_on="2022-01-10")


def fedstd_rate(path: Path, messages: list[events_pb2.EnterpriseRegistered], synchronous: str) -> float:
    store = SqliteEventStore(path, synchronous)
    with stopwatch() as elapsed:
        for m in messages:
            store.append(m.enterprise, NO_STREAM, [NewEvent(m.enterprise, m)])
    store.close()
    return len(messages) / elapsed()


def raw_rate(path: Path, messages: list[events_pb2.EnterpriseRegistered], synchronous: str) -> float:
    db: sqlite3.Connection = connect(path, synchronous)
    db.execute("CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT, data BLOB)")
    rows = [(m.enterprise, m.SerializeToString()) for m in messages]
    with stopwatch() as elapsed:
        for row in rows:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO events (stream_id, data) VALUES (?, ?)", row)
            db.execute("COMMIT")
    db.close()
    return len(rows) / elapsed()


class Enterprise(Aggregate):
    """The peer's aggregate: created by one event with the same fields as fedstd's EnterpriseRegistered."""

    @event("Registered")
    def __init__(self, uscc: str, name: str, division_code: str, league_code: str, is_private: bool,
                 industry_section: str, registered_on: str):
        self.uscc, self.name, self.division_code, self.league_code = uscc, name, division_code, league_code
        self.is_private, self.industry_section, self.registered_on = is_private, industry_section, registered_on


def eventsourcing_rate(path: Path, messages: list[events_pb2.EnterpriseRegistered]) -> float:
    app = Application(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": os.fspath(path)})
    with stopwatch() as elapsed:
        for m in messages:
            app.save(Enterprise(uscc=m.uscc, name=m.name, division_code=m.division_code, league_code=m.league_code,
                                is_private=m.is_private, industry_section=m.industry_section,
                                registered_on=m.registered_on))
    app.close()
    return len(messages) / elapsed()


def run(ctx: Context) -> list[Figure]:
    count = ctx.scale.appends
    messages = [message(i) for i in range(count)]
    rates: dict[str, list[float]] = {name: [] for name in ("normal", "full", "raw_normal", "raw_full", "eventsourcing")}
    for round_ in range(ctx.scale.rounds):
        folder = ctx.folder(f"event-store/{round_}")
        rates["normal"].append(fedstd_rate(folder / "fedstd-normal.db", messages, "NORMAL"))
        rates["raw_normal"].append(raw_rate(folder / "raw-normal.db", messages, "NORMAL"))
        rates["eventsourcing"].append(eventsourcing_rate(folder / "eventsourcing.db", messages))
        rates["full"].append(fedstd_rate(folder / "fedstd-full.db", messages, "FULL"))
        rates["raw_full"].append(raw_rate(folder / "raw-full.db", messages, "FULL"))
        ctx.log("  round {}: ".format(round_ + 1) + ", ".join(f"{k} {v[-1]:,.0f}/s" for k, v in rates.items()))
    es = Measure("eventsourcing (WAL, synchronous=FULL)", "events/s", Stat.of(rates["eventsourcing"]))

    default = Figure("event_store_append", "event-store append, 1 event per command (WAL, synchronous=NORMAL)",
                     "≥ 2× eventsourcing's save rate")
    default.fedstd = Measure("SqliteEventStore.append", "events/s", Stat.of(rates["normal"]))
    default.baseline = es
    default.ratio = ratio_of(rates["normal"], rates["eventsourcing"])
    default.extra = [Measure("raw SQLite insert, same settings (NORMAL)", "events/s", Stat.of(rates["raw_normal"]))]
    default.details = {"events_per_round": count,
                       "durability": "NORMAL: survives a process crash, a power cut may lose the last commits; "
                                     "eventsourcing's default FULL fsyncs every commit"}
    default.judge((default.ratio.median >= 2, f"{default.ratio.median:.1f}× eventsourcing < 2×"))

    same = Figure("event_store_append_full", "event-store append, synchronous=FULL (eventsourcing's durability)",
                  "— (the durability trade-off)")
    same.fedstd = Measure("SqliteEventStore.append", "events/s", Stat.of(rates["full"]))
    same.baseline = es
    same.ratio = ratio_of(rates["full"], rates["eventsourcing"])
    same.extra = [Measure("raw SQLite insert, same settings (FULL)", "events/s", Stat.of(rates["raw_full"]))]
    same.status = INFO
    return [default, same]
