"""The distributed projector (faust) beside a raw faust agent updating a table, on the same records.

Each round a synthetic history is published on fedstd's three topics of a fresh Tansu broker.
Then, one after the other, each consumer group reads all of it from the start, as its own process:

* fedstd: `fedstd serve reporting --roles projector`: the progress projection in its faust app,
  batches of 500 applied to the read models in nx-27017 (MongoDB protocol), then acked;
* baseline: `benchmarks/faust_table_app.py`: one faust agent counting events per stream in a faust
  table (changelog on the broker), nothing else.

The rate is read from the group's committed offsets, from the first commit to the last record:
starting a faust app and joining the group is not projecting.
"""
from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path

from kafka import KafkaAdminClient

from benchmarks.harness import Context, Figure, Measure, Stat, ratio_of
from benchmarks.history import history, stored_events
from benchmarks.kafka_bus import committed, tansu_settings
from services.common.bus.kafka import KafkaBus
from services.common.cloudevents import source_for, to_record, topic_for
from services.common.config import SERVICES
from services.reporting.projections import FederationProgress
from tests.support.fedstd import TEST_KAFKA_ENV, FedstdService
from tests.support.servers import ManagedProcess, TansuBroker

#: The progress projection's consumer group (its faust app id), and the baseline's.
FEDSTD_GROUP = FederationProgress.name
RAW_GROUP = "bench-faust-table"


class FaustTableApp(ManagedProcess):
    name = "faust-table"
    start_timeout = 60.0

    def __init__(self, workdir: Path, bootstrap: str, group: str, topics: list[str]):
        super().__init__([sys.executable, str(Path(__file__).with_name("faust_table_app.py")), bootstrap, group, *topics],
                         env=TEST_KAFKA_ENV, workdir=workdir)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while "is serving" not in self.log_tail(200):
            if not self.is_running or time.monotonic() > deadline:
                raise RuntimeError(f"the faust table app did not start:\n{self.log_tail()}")
            time.sleep(0.1)


def steady_rate(admin: KafkaAdminClient, group: str, total: int, timeout: float) -> float:
    """Records/s from the group's first commit to its commit of the last record."""
    started = time.perf_counter()
    first: tuple[float, int] | None = None
    while (done := committed(admin, group)) < total:
        now = time.perf_counter()
        if done and first is None:
            first = (now, done)
        if now - started > timeout:
            raise TimeoutError(f"group {group} committed {done:,} of {total:,} records in {timeout:.0f}s")
        time.sleep(0.2)
    finished = time.perf_counter()
    if first is None or finished == first[0]:  # everything came in the first commit
        return total / (finished - started)
    return (total - first[1]) / (finished - first[0])


def publish_history(bootstrap: str, count: int) -> int:
    bus = KafkaBus(tansu_settings(bootstrap))
    try:
        topics = [topic_for(service) for service in SERVICES]
        bus.ensure_topics(topics)
        records = [to_record(event, topic_for(service), source_for(service)) for service, event in stored_events(history(count))]
        for start in range(0, len(records), 500):
            bus.publish(records[start:start + 500])
        return len(records)
    finally:
        bus.close()


def run(ctx: Context) -> list[Figure]:
    figure = Figure("faust_projector", f"distributed projector (faust), {ctx.scale.faust_records:,} events, "
                    "read models in nx-27017", "≥ 80 % of raw faust with a table")
    topics = [topic_for(service) for service in SERVICES]
    fedstd, raw = [], []
    for round_ in range(ctx.scale.slow_rounds):
        # A fresh broker and read model each round: both groups read the whole history from the start.
        with TansuBroker(ctx.folder(f"faust-{round_}") / "tansu") as broker:
            total = publish_history(broker.bootstrap, ctx.scale.faust_records)
            admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap, request_timeout_ms=10_000)
            try:
                timeout = 60 + total / 50
                with FaustTableApp(ctx.folder(f"faust-{round_}/table"), broker.bootstrap, RAW_GROUP, topics):
                    raw.append(steady_rate(admin, RAW_GROUP, total, timeout))
                with FedstdService(ctx.folder(f"faust-{round_}/fedstd"), "reporting", broker.bootstrap,
                                   ctx.servers.mongo.uri, f"bench{uuid.uuid4().hex[:8]}", roles="projector"):
                    fedstd.append(steady_rate(admin, FEDSTD_GROUP, total, timeout))
            finally:
                admin.close()
        ctx.log(f"  round {round_ + 1}: fedstd projector {fedstd[-1]:,.0f}/s, raw faust table {raw[-1]:,.0f}/s")
    figure.fedstd = Measure("fedstd serve reporting --roles projector", "events/s", Stat.of(fedstd))
    figure.baseline = Measure("raw faust agent + table", "events/s", Stat.of(raw))
    figure.ratio = ratio_of(fedstd, raw)
    figure.details = {"records": total}
    return [figure.judge((figure.ratio.median >= 0.8, f"{figure.ratio.median:.0%} of raw faust < 80 %"))]
