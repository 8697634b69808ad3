"""Memory of the embedded suite with 100,000 enterprises loaded, and the live catch-up that loads them.

The history of 100,000 enterprises (about 190,000 events) is in the event stores, not yet
published: `fedstd up` starts on it, its relays publish everything to the local bus and every
projection (registry views, assessment's registry feed, the progress) applies it, as after an
import. Once every projection is at the head, queries and writes run for a while (progress in the
FULL view, enterprise lists page by page, registrations). Peak RSS is the kernel's high-water mark
(VmHWM) of the suite's two processes added up (the gRPC process and its worker process, as `fedstd up`
runs by default; their peaks need not coincide, so the sum errs high). Baseline: the same suite started
on an empty data folder and queried alike.
"""
from __future__ import annotations

import asyncio
import re
import time
import urllib.request

import grpc

from benchmarks.harness import INFO, Context, Figure, Measure, Stat, stopwatch
from benchmarks.history import history, seed_sqlite
from benchmarks.load import bearer
from benchmarks.processes import EmbeddedSuite, child_pids, peak_rss_mb
from benchmarks.write_path import LEAGUE, register_request
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services.common.auth import Role, TokenIssuer
from services.common.cloudevents import topic_for
from tests.support.servers import LOCALHOST, free_port

POSITION = re.compile(r'^fedstd_projection_position\{projection="([^"]+)",topic="([^"]+)"\} ([\d.e+]+)$', re.MULTILINE)
RELAY_LAG = re.compile(r'^fedstd_relay_lag\{topic="([^"]+)"\} ([\d.e+-]+)$', re.MULTILINE)


def _metrics(port: int) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"http://{LOCALHOST}:{port}/metrics", timeout=10) as response:
        return response.read().decode()


def wait_caught_up(metrics_port: int, heads: dict[str, int], timeout: float) -> float:
    """Seconds until no relay lags and every projection reports the head position of each topic it follows."""
    with stopwatch() as elapsed:
        steady = 0
        while steady < 3:
            if elapsed() > timeout:
                raise TimeoutError(f"the suite did not catch up in {timeout:.0f}s")
            try:
                text = _metrics(metrics_port)
            except OSError:  # the worker process is still starting
                text = ""
            positions = [(topic, float(value)) for _, topic, value in POSITION.findall(text)]
            lags = [float(value) for _, value in RELAY_LAG.findall(text)]
            done = (positions and all(value >= heads.get(topic, 0) for topic, value in positions)
                    and {topic for topic, _ in positions} >= {t for t, head in heads.items() if head}
                    and all(lag == 0 for lag in lags))
            steady = steady + 1 if done else 0
            time.sleep(0.3)
        return elapsed()


async def _use(suite: EmbeddedSuite, issuer: TokenIssuer, seconds: float) -> None:
    """What a day's users do: the full progress, the enterprise lists page by page, registrations."""
    region, league = bearer(issuer.issue(Role.REGION)), bearer(issuer.issue(Role.LEAGUE, LEAGUE))
    async with grpc.aio.insecure_channel(suite.target("reporting")) as reports, \
            grpc.aio.insecure_channel(suite.target("registry")) as registrations:
        progress = reporting_grpc.ReportingServiceStub(reports)
        enterprises = registry_grpc.RegistryServiceStub(registrations)
        deadline = time.monotonic() + seconds
        serial = 20_000_000
        while True:
            await progress.GetFederationProgress(reporting.GetFederationProgressRequest(), metadata=region, timeout=600)
            token = ""
            for _ in range(20):
                page = await enterprises.ListEnterprises(registry.ListEnterprisesRequest(page_size=1000, page_token=token),
                                                         metadata=region, timeout=60)
                token = page.next_page_token
                if not token:
                    break
            for _ in range(50):
                serial += 1
                await enterprises.RegisterEnterprise(register_request(serial), metadata=league, timeout=60)
            if time.monotonic() > deadline:
                return


def _peak(ctx: Context, folder: str, enterprises: int) -> tuple[float, float, int]:
    """(peak RSS MB, catch-up seconds, events) for the suite on a folder holding `enterprises` enterprises' history."""
    data_dir = ctx.folder(folder) / "data"
    counts = seed_sqlite(data_dir, history(10 * enterprises + 1_000, enterprises=enterprises)) if enterprises else {}
    issuer = TokenIssuer.generate()
    metrics_port = free_port()
    # The worker process's metrics show every relay and projection.
    with EmbeddedSuite(data_dir, issuer, env={"FEDSTD_WORKER_METRICS_PORT": str(metrics_port), "FEDSTD_WORKERS": "process"}) as suite:
        heads = {topic_for(service): count for service, count in counts.items()}
        caught_up = wait_caught_up(metrics_port, heads, timeout=900) if enterprises else 0.0
        asyncio.run(_use(suite, issuer, ctx.scale.query_seconds))
        return sum(peak_rss_mb(pid) for pid in (suite.pid, *child_pids(suite.pid))), caught_up, sum(counts.values())


def run(ctx: Context) -> list[Figure]:
    enterprises = ctx.scale.memory_enterprises
    empty_rss, _, _ = _peak(ctx, "memory-empty", 0)
    loaded_rss, caught_up, events = _peak(ctx, "memory-loaded", enterprises)
    ctx.log(f"  peak RSS: {loaded_rss:,.0f} MB loaded ({events:,} events caught up in {caught_up:.0f}s), "
            f"{empty_rss:,.0f} MB empty")
    memory = Figure("memory", f"memory: embedded suite, {enterprises:,} enterprises loaded and queried", "< 600 MB peak RSS")
    memory.fedstd = Measure("peak RSS", "MB", Stat.of([loaded_rss]))
    memory.baseline = Measure("same suite, empty data folder", "MB", Stat.of([empty_rss]))
    memory.ratio = Stat.of([loaded_rss / empty_rss])
    memory.details = {"events": events, "catch_up_seconds": caught_up}
    memory.judge((loaded_rss < 600, f"{loaded_rss:,.0f} MB ≥ 600 MB"))

    catch_up = Figure("embedded_catch_up", f"embedded live catch-up: relays + 5 projections over {events:,} events",
                      "— (no target; bounds a streaming import)")
    catch_up.fedstd = Measure("events/s to every projection", "events/s", Stat.of([events / caught_up]))
    catch_up.status = INFO
    return [memory, catch_up]
