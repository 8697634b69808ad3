"""Embedded write path: `RegisterEnterprise` over gRPC from 8 concurrent callers, beside a no-op gRPC server.

fedstd: `fedstd up` as its own process (all three services, their relays and projections running, in
its worker process unless FEDSTD_WORKERS=threads), one new enterprise per command (one event on a new
stream), a league federation's token; its CPU per command counts the worker process too. Baseline:
a no-op grpcio server (same thread pool) answering the same requests with the same metadata, at the
same concurrency, from the same client. Rounds alternate between the two.
"""
from __future__ import annotations

import asyncio
import itertools

import grpc

from benchmarks.harness import Context, Figure, Measure, Stat, ratio_of
from benchmarks.history import FRESH_SERIALS
from benchmarks.load import LoadResult, bearer, closed_loop
from benchmarks.processes import EmbeddedSuite, NoopGrpcServer, child_pids, cpu_seconds
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.auth import Role, TokenIssuer
from services.demo import synthetic_uscc

CALLERS = 8
LEAGUE = "150100"
METHOD = "/fedstd.registry.v1.RegistryService/RegisterEnterprise"


def suite_cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds so far of `fedstd up`: its own process (the registry and assessment gRPC servers), and with its
    child processes (the worker's relays and projections; the reporting API, idle here)."""
    own = cpu_seconds(pid)
    return own, own + sum(cpu_seconds(child) for child in child_pids(pid))


def register_request(serial: int, league: str = LEAGUE, county: str = "150102") -> registry.RegisterEnterpriseRequest:
    """A new private enterprise of Hohhot's Xincheng district; serials never collide with a seeded history."""
    return registry.RegisterEnterpriseRequest(
        uscc=synthetic_uscc(league, FRESH_SERIALS + serial), display_name=f"benchmark enterprise {serial}",
        division_code=county, is_private=True, industry_section="H",
        plan_sectors=[plan.PLAN_SECTOR_ACCOMMODATION_CATERING], size_class=registry_events.SIZE_CLASS_SMALL,
        registered_on="2022-01-10")


async def _drive(target: str, token: str, seconds: float, serials: itertools.count, fedstd: bool) -> LoadResult:
    metadata = bearer(token)
    async with grpc.aio.insecure_channel(target) as channel:
        if fedstd:
            stub = registry_grpc.RegistryServiceStub(channel)

            async def call(i: int) -> object:
                return await stub.RegisterEnterprise(register_request(i), metadata=metadata, timeout=30)
        else:
            noop = channel.unary_unary(METHOD, request_serializer=registry.RegisterEnterpriseRequest.SerializeToString)

            async def call(i: int) -> object:
                return await noop(register_request(i), metadata=metadata, timeout=30)

        return await closed_loop(call, CALLERS, seconds, serials)


def run(ctx: Context) -> list[Figure]:
    figure = Figure("write_path", "embedded write path: RegisterEnterprise over gRPC, 8 callers",
                    "≥ 1,500 commands/s and ≥ 40 % of no-op gRPC")
    issuer = TokenIssuer.generate()
    token = issuer.issue(Role.LEAGUE, LEAGUE)
    serials = itertools.count()
    fedstd_rates, noop_rates, latencies, cpu_ms, api_cpu_ms = [], [], [], [], []
    with NoopGrpcServer(ctx.folder("grpc-noop")) as noop, EmbeddedSuite(ctx.folder("write-path") / "data", issuer) as suite:
        target = suite.target("registry")
        warm = min(1.0, ctx.scale.load_seconds)
        asyncio.run(_drive(noop.target, token, warm, serials, fedstd=False))
        asyncio.run(_drive(target, token, warm, serials, fedstd=True))
        for round_ in range(ctx.scale.rounds):
            baseline = asyncio.run(_drive(noop.target, token, ctx.scale.load_seconds, serials, fedstd=False))
            api_before, cpu_before = suite_cpu_seconds(suite.pid)
            measured = asyncio.run(_drive(target, token, ctx.scale.load_seconds, serials, fedstd=True))
            api_after, cpu_after = suite_cpu_seconds(suite.pid)
            cpu_ms.append((cpu_after - cpu_before) * 1000 / max(1, measured.calls))
            api_cpu_ms.append((api_after - api_before) * 1000 / max(1, measured.calls))
            for result in (baseline, measured):
                if result.errors:
                    raise RuntimeError(f"{result.errors} calls failed, first: {result.first_error}")
            noop_rates.append(baseline.rate)
            fedstd_rates.append(measured.rate)
            latencies.extend(measured.latencies_ms)
            ctx.log(f"  round {round_ + 1}: fedstd {measured.rate:,.0f}/s, no-op gRPC {baseline.rate:,.0f}/s")
    figure.fedstd = Measure("RegisterEnterprise", "commands/s", Stat.of(fedstd_rates))
    figure.baseline = Measure("no-op grpcio", "calls/s", Stat.of(noop_rates))
    figure.ratio = ratio_of(fedstd_rates, noop_rates)
    latencies.sort()
    figure.details = {"callers": CALLERS, "seconds_per_round": ctx.scale.load_seconds,
                      "suite_cpu_ms_per_command": Stat.of(cpu_ms).__dict__,
                      "api_process_cpu_ms_per_command": Stat.of(api_cpu_ms).__dict__,
                      "latency_ms_p50": latencies[len(latencies) // 2], "latency_ms_p99": latencies[int(len(latencies) * 0.99)]}
    return [figure.judge((figure.fedstd.value.median >= 1500, f"{figure.fedstd.value.median:,.0f}/s < 1,500/s"),
                         (figure.ratio.median >= 0.40, f"{figure.ratio.median:.0%} of no-op gRPC < 40 %"))]
