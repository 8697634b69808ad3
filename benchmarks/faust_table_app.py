"""The raw faust baseline: one agent over fedstd's topics updating a table (events seen per stream), nothing else.

Run as its own process until SIGTERM:

    python benchmarks/faust_table_app.py BOOTSTRAP GROUP TOPIC [TOPIC ...]

Group timings come from the same FEDSTD_KAFKA_* variables as fedstd's projector, and it commits
as often (every second), so the two differ only in what they do with a record.
"""
from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile

import faust


def seconds(name: str, default_ms: int) -> float:
    return int(os.environ.get(name) or default_ms) / 1000


async def serve(bootstrap: str, group: str, topics: list[str]) -> None:
    session = seconds("FEDSTD_KAFKA_SESSION_TIMEOUT_MS", 10_000)
    app = faust.App(group, broker=f"kafka://{bootstrap}", datadir=tempfile.mkdtemp(prefix="faust-table-"),
                    web_enabled=False, key_serializer="raw", value_serializer="raw",
                    consumer_auto_offset_reset="earliest", broker_session_timeout=session,
                    broker_heartbeat_interval=seconds("FEDSTD_KAFKA_HEARTBEAT_INTERVAL_MS", 3_000),
                    broker_rebalance_timeout=seconds("FEDSTD_KAFKA_MAX_POLL_INTERVAL_MS", 300_000),
                    broker_request_timeout=max(seconds("FEDSTD_KAFKA_REQUEST_TIMEOUT_MS", 10_000), session + 1),
                    broker_commit_interval=1.0, producer_acks=-1, loop=asyncio.get_running_loop())
    seen = app.Table("events_per_stream", default=int, partitions=3,
                     schema=faust.Schema(key_serializer="raw", value_serializer="json"))
    topic = app.topic(*topics, key_serializer="raw", value_serializer="raw")

    async def count(stream) -> None:
        async for key, _ in stream.items():
            seen[key] += 1

    app.agent(topic, name=f"{group}.agent")(count)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await app.start()
    print("faust table app is serving", flush=True)
    await stop.wait()
    await app.stop()


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1], sys.argv[2], sys.argv[3:]))
