"""The progress query under load, on a small and a large history, beside a no-op gRPC call.

`fedstd up` runs on a data folder holding the history (its reporting read models rebuilt from
it). First one caller alone measures the query's own cost; then eight callers send
`GetFederationProgress` (BASIC view, today) back to back while a league federation registers
enterprises at 500/s through the write path, so the progress projection writes while it is read.
Then the same with `as_of` a past date on the large history. Baseline: the no-op gRPC server's
latency at the same concurrency. The first query after the start loads the in-memory totals from
the read model (once per process): it is timed on its own (`first_query_ms`) before the rounds. Flatness: the one-caller median on the large history over the
one on the small one. When one query alone already takes so long that the loaded rounds would
take minutes, they are not run and the row shows the one-caller figure as a lower bound.
"""
from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass

import grpc

from benchmarks.harness import Context, Figure, Measure, Stat, percentile, stopwatch
from benchmarks.load import LoadResult, bearer, closed_loop, paced
from benchmarks.processes import EmbeddedSuite, NoopGrpcServer
from benchmarks.rebuild import large_history, prepared_history
from benchmarks.write_path import LEAGUE, register_request
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services.common.auth import Role, TokenIssuer

CALLERS = 8
#: Registrations in flight at most: beyond what the write path sustains, ticks are skipped (and counted).
WRITERS = 8
AS_OF = "2022-12-31"
METHOD = "/fedstd.reporting.v1.ReportingService/GetFederationProgress"


@dataclass
class QueryRun:
    rounds: list[LoadResult]
    writes: list[LoadResult]

    @property
    def latencies(self) -> list[float]:
        return [latency for result in self.rounds for latency in result.latencies_ms]

    def p99(self) -> Stat:
        per_round = [percentile(r.latencies_ms, 0.99) for r in self.rounds]
        return Stat(percentile(self.latencies, 0.99), min(per_round), max(per_round), len(per_round))

    def details(self) -> dict:
        writes = sum(w.calls for w in self.writes)
        seconds = sum(w.seconds for w in self.writes)
        return {"queries": len(self.latencies), "p50_ms": percentile(self.latencies, 0.5),
                "max_ms": max(self.latencies), "writes": writes, "write_errors": sum(w.errors for w in self.writes),
                "writes_per_s": writes / seconds if seconds else 0.0, "write_ticks_skipped": sum(w.skipped for w in self.writes),
                "write_p99_ms": percentile([x for w in self.writes for x in w.latencies_ms] or [0.0], 0.99)}


async def _round(suite: EmbeddedSuite, reader: str, writer: str, request: reporting.GetFederationProgressRequest,
                 seconds: float, write_rate: float, serials: itertools.count) -> tuple[LoadResult, LoadResult]:
    async with grpc.aio.insecure_channel(suite.target("reporting")) as queries, \
            grpc.aio.insecure_channel(suite.target("registry")) as commands:
        progress = reporting_grpc.ReportingServiceStub(queries).GetFederationProgress
        register = registry_grpc.RegistryServiceStub(commands).RegisterEnterprise
        read_metadata, write_metadata = bearer(reader), bearer(writer)

        async def query(_: int) -> object:
            return await progress(request, metadata=read_metadata, timeout=120)

        async def write(i: int) -> object:
            return await register(register_request(i), metadata=write_metadata, timeout=120)

        read, written = await asyncio.gather(closed_loop(query, CALLERS, seconds),
                                             paced(write, write_rate, seconds, serials, max_in_flight=WRITERS))
    if read.errors:
        raise RuntimeError(f"{read.errors} progress queries failed, first: {read.first_error}")
    return read, written


def _first(suite: EmbeddedSuite, reader: str, request: reporting.GetFederationProgressRequest) -> float:
    """The first query after the start, in ms: it loads the totals from the documents."""
    async def once() -> float:
        async with grpc.aio.insecure_channel(suite.target("reporting")) as channel:
            with stopwatch() as elapsed:
                await reporting_grpc.ReportingServiceStub(channel).GetFederationProgress(
                    request, metadata=bearer(reader), timeout=600)
            return elapsed() * 1000

    return asyncio.run(once())


def _solo(ctx: Context, suite: EmbeddedSuite, reader: str, request: reporting.GetFederationProgressRequest) -> Stat:
    """One caller, no writes: the query's own cost. Time-boxed: at least one sample, at most ten."""
    async def sample() -> list[float]:
        async with grpc.aio.insecure_channel(suite.target("reporting")) as channel:
            progress = reporting_grpc.ReportingServiceStub(channel).GetFederationProgress
            latencies: list[float] = []
            with stopwatch() as elapsed:
                while not latencies or (len(latencies) < 10 and elapsed() < ctx.scale.query_seconds):
                    with stopwatch() as one:
                        await progress(request, metadata=bearer(reader), timeout=600)
                    latencies.append(one() * 1000)
            return latencies

    return Stat.of(asyncio.run(sample()))


def _loaded(ctx: Context, suite: EmbeddedSuite, issuer: TokenIssuer, request: reporting.GetFederationProgressRequest,
            serials: itertools.count) -> QueryRun:
    """Rounds of 8 callers while the writer registers enterprises at the configured rate."""
    reader, writer = issuer.issue(Role.REGION), issuer.issue(Role.LEAGUE, LEAGUE)
    run = QueryRun([], [])
    for _ in range(ctx.scale.rounds):
        read, written = asyncio.run(_round(suite, reader, writer, request, ctx.scale.query_seconds,
                                           ctx.scale.progress_write_rate, serials))
        run.rounds.append(read)
        run.writes.append(written)
    return run


def _affordable(solo: Stat, ctx: Context) -> bool:
    """A round lasts about 8 queries' time at least when the queries cannot overlap."""
    return solo.median / 1000 * CALLERS <= 2 * ctx.scale.query_seconds


def _noop_latency(ctx: Context, token: str) -> Stat:
    async def measure(target: str) -> LoadResult:
        async with grpc.aio.insecure_channel(target) as channel:
            noop = channel.unary_unary(METHOD, request_serializer=reporting.GetFederationProgressRequest.SerializeToString)
            request, metadata = reporting.GetFederationProgressRequest(view=reporting.FEDERATION_PROGRESS_VIEW_BASIC), bearer(token)

            async def call(_: int) -> object:
                return await noop(request, metadata=metadata, timeout=30)

            return await closed_loop(call, CALLERS, max(0.5, ctx.scale.query_seconds / 2))

    with NoopGrpcServer(ctx.folder("progress-noop")) as server:
        rounds = [asyncio.run(measure(server.target)) for _ in range(ctx.scale.rounds)]
    per_round = [percentile(r.latencies_ms, 0.99) for r in rounds]
    return Stat(percentile([x for r in rounds for x in r.latencies_ms], 0.99), min(per_round), max(per_round), len(rounds))


def _figure(key: str, title: str, target_ms: float, solo: Stat, loaded: QueryRun | None, noop: Measure,
            write_rate: float) -> Figure:
    figure = Figure(key, title, f"p99 < {target_ms:,.0f} ms")
    figure.baseline = noop
    if loaded is None:
        figure.fedstd = Measure("one caller alone (a lower bound)", "ms", solo)
        figure.details = {"solo_ms": solo.__dict__}
        figure.ratio = Stat.of([solo.median / noop.value.median])
        return figure.judge((False, f"one query alone takes {solo.median:,.0f} ms, so 8 callers wait longer still "
                                    "(the loaded rounds were not run: they would take minutes)"))
    figure.fedstd = Measure("GetFederationProgress p99", "ms", loaded.p99())
    figure.ratio = Stat.of([figure.fedstd.value.median / noop.value.median])
    figure.details = {**loaded.details(), "solo_ms": solo.__dict__}
    p99 = figure.fedstd.value.median
    writes = figure.details["writes_per_s"]
    return figure.judge((p99 < target_ms, f"p99 {p99:,.0f} ms ≥ {target_ms:,.0f} ms (one query alone: {solo.median:,.0f} ms)"),
                        (writes >= 0.9 * write_rate, f"the writes reached {writes:,.0f}/s of the {write_rate:,.0f}/s asked"))


def run(ctx: Context) -> list[Figure]:
    issuer = TokenIssuer.generate()
    reader = issuer.issue(Role.REGION)
    today = reporting.GetFederationProgressRequest(view=reporting.FEDERATION_PROGRESS_VIEW_BASIC)
    past = reporting.GetFederationProgressRequest(as_of=AS_OF, view=reporting.FEDERATION_PROGRESS_VIEW_BASIC)
    serials = itertools.count(10_000_000)
    noop = Measure("no-op gRPC p99, 8 callers", "ms", _noop_latency(ctx, reader))
    sizes = {"small": ctx.scale.small_history, "large": large_history(ctx)}
    solo: dict[str, Stat] = {}
    loaded: dict[str, QueryRun | None] = {}
    first: dict[str, float] = {}
    for size, events in sizes.items():
        prepared = prepared_history(ctx, events)
        with EmbeddedSuite(prepared.data_dir, issuer) as suite:
            first[size] = _first(suite, reader, today)
            ctx.log(f"  progress, {events:,} events: the first query (loading the totals) {first[size]:,.0f} ms")
            for kind, request in (("today", today), ("as_of", past)) if size == "large" else (("today", today),):
                name = f"{size}_{kind}"
                solo[name] = _solo(ctx, suite, reader, request)
                loaded[name] = _loaded(ctx, suite, issuer, request, serials) if _affordable(solo[name], ctx) else None
                ctx.log(f"  progress {kind}, {events:,} events: alone {solo[name].median:,.1f} ms, 8 callers p99 "
                        + (f"{loaded[name].p99().median:,.1f} ms" if loaded[name] else "not run"))

    load = f"8 callers, writes at {ctx.scale.progress_write_rate:,.0f}/s"
    figures = [_figure(f"progress_query_{size}", f"progress query p99 (BASIC, today), {load}, {events:,} events", 10,
                       solo[f"{size}_today"], loaded[f"{size}_today"], noop,
                       ctx.scale.progress_write_rate) for size, events in sizes.items()]
    for figure, size in zip(figures, sizes):
        figure.details["first_query_ms"] = first[size]
    flat = Figure("progress_query_flat", f"progress query cost, {sizes['large']:,} vs {sizes['small']:,} events "
                  "(one caller, median)", "ratio ≤ 1.5")
    flat.fedstd = Measure(f"at {sizes['large']:,}", "ms", solo["large_today"])
    flat.baseline = Measure(f"at {sizes['small']:,}", "ms", solo["small_today"])
    flat.ratio = Stat.of([solo["large_today"].median / solo["small_today"].median])
    figures.append(flat.judge((flat.ratio.median <= 1.5, f"{flat.ratio.median:,.1f}× the cost on the larger history")))
    figures.append(_figure("as_of_query", f"'as of' query p99 ({AS_OF}, BASIC), {load}, {sizes['large']:,} events",
                           50, solo["large_as_of"], loaded["large_as_of"], noop,
                           ctx.scale.progress_write_rate))
    return figures
