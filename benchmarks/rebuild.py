"""Projection rebuild, embedded: `fedstd rebuild reporting` over a synthetic history, beside raw SQLite.

fedstd: the command as an operator runs it, as its own process, over a data folder holding the
history in the three services' event stores: it replays every event through the progress
projection into fresh read models, with its default workers (one process per core, each replaying
the streams that hash to it; fewer on a short history). Baseline in the same run: raw SQLite
reading the same event rows page by page and writing one JSON document per event, one transaction
per page, same journal settings: the most one process over SQLite could do without any projection
logic.

The rebuilt folder is kept (in the run's cache) for the progress-query figures.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import Context, Figure, Measure, Stat, stopwatch
from benchmarks.history import history, mark_published, seed_sqlite
from benchmarks.processes import Finished, run_measured
from services.common.config import SERVICES
from services.common.eventstore.sqlite import connect

PAGE = 1000
#: A large history cut to fit the time budget is a multiple of this.
STEP = 50_000


@dataclass(frozen=True)
class PreparedHistory:
    data_dir: Path
    events: int
    seed_seconds: float
    rebuild: Finished


def prepared_history(ctx: Context, events: int) -> PreparedHistory:
    """A data folder with `events` events in its stores and the reporting read models rebuilt from them."""
    key = f"history-{events}"
    if key not in ctx.cache:
        data_dir = ctx.folder(key) / "data"
        with stopwatch() as seeding:
            counts = seed_sqlite(data_dir, history(events))
        ctx.log(f"  seeded {sum(counts.values()):,} events in {seeding():.1f}s: {counts}")
        rebuilt = run_measured([sys.executable, "-m", "services.cli", "rebuild", "reporting", "--data-dir", str(data_dir)],
                               data_dir.parent / "rebuild.log")
        if rebuilt.returncode != 0:
            raise RuntimeError(f"fedstd rebuild failed ({rebuilt.returncode}): {rebuilt.output[-2000:]}")
        mark_published(data_dir)  # a suite started on it publishes only what comes after
        ctx.cache[key] = PreparedHistory(data_dir, events, seeding(), rebuilt)
    return ctx.cache[key]


def large_history(ctx: Context) -> int:
    """The large history's size: the scale's, or less when rebuilding that many would not fit the time budget
    at the rate the small history was rebuilt, beyond the command's fixed cost (its start, timed on an empty
    folder; at most half the probe's time, so that a noisy empty run cannot inflate the estimate)."""
    if "large_history" not in ctx.cache:
        probe = prepared_history(ctx, ctx.scale.small_history)
        fixed = min(prepared_history(ctx, 0).rebuild.seconds, probe.rebuild.seconds / 2)
        per_event = (probe.rebuild.seconds - fixed) / probe.events
        fits = int((ctx.scale.rebuild_budget_s - fixed) / per_event) // STEP * STEP
        ctx.cache["large_history"] = min(ctx.scale.large_history, max(fits, 10 * ctx.scale.small_history))
    return ctx.cache["large_history"]


def raw_rate(data_dir: Path, scratch: Path) -> float:
    """Reads every event row in pages and writes a JSON document per event, one transaction per page."""
    out = connect(scratch)
    out.execute("CREATE TABLE documents (key TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL)")
    out.execute("CREATE INDEX documents_type ON documents (json_extract(body, '$.type'))")
    copied = 0
    with stopwatch() as elapsed:
        for service in SERVICES:
            source = connect(data_dir / f"{service}.events.db")
            position = 0
            while rows := source.execute("SELECT position, stream_id, version, type, data FROM events WHERE position > ?"
                                         " ORDER BY position LIMIT ?", (position, PAGE)).fetchall():
                documents = [(f"{service}/{p}", v, json.dumps({"stream": s, "type": t, "size": len(d)}))
                             for p, s, v, t, d in rows]
                out.execute("BEGIN IMMEDIATE")
                out.executemany("INSERT INTO documents VALUES (?, ?, ?)", documents)
                out.execute("COMMIT")
                position, copied = rows[-1][0], copied + len(rows)
            source.close()
    out.close()
    return copied / elapsed()


def run(ctx: Context) -> list[Figure]:
    events = large_history(ctx)
    figure = Figure("projection_rebuild", f"projection rebuild, embedded: fedstd rebuild reporting, {events:,} events",
                    "≥ 20,000 events/s (1,000,000 in < 60 s)")
    prepared = prepared_history(ctx, events)
    rate = events / prepared.rebuild.seconds
    ctx.log(f"  fedstd rebuild: {events:,} events in {prepared.rebuild.seconds:.1f}s ({rate:,.0f}/s), "
            f"peak RSS {prepared.rebuild.peak_rss_mb:.0f} MB")
    baseline = raw_rate(prepared.data_dir, ctx.folder("rebuild-raw") / "raw.db")
    ctx.log(f"  raw SQLite read+write: {baseline:,.0f} events/s")
    figure.fedstd = Measure("fedstd rebuild reporting", "events/s", Stat.of([rate]))
    figure.baseline = Measure("raw SQLite read + JSON write", "events/s", Stat.of([baseline]))
    figure.ratio = Stat.of([rate / baseline])
    figure.details = {"events": events, "seconds": prepared.rebuild.seconds, "peak_rss_mb": prepared.rebuild.peak_rss_mb,
                      "cores": os.cpu_count(),
                      "seeding_seconds": prepared.seed_seconds, "projected_seconds_for_1m": 1_000_000 / rate}
    cut = (f"; measured on {events:,} events: at the {ctx.scale.small_history:,}-event probe's rate "
           f"{ctx.scale.large_history:,} would not fit the run's time budget (--full-history runs it all)"
           if events < ctx.scale.large_history else "")
    return [figure.judge((rate >= 20_000, f"{rate:,.0f} events/s < 20,000/s "
                                          f"(1,000,000 events would take {1_000_000 / rate:,.0f} s){cut}"))]
