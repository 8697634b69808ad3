"""Load over gRPC (grpc.aio, one event loop): closed-loop callers for throughput, paced calls for a fixed rate.

The same client drives fedstd and its baselines, so the client's own cost is in both sides of a ratio.
"""
from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import grpc

Call = Callable[[int], Awaitable[object]]


@dataclass
class LoadResult:
    calls: int = 0
    errors: int = 0
    #: Paced calls not sent because too many were still unanswered.
    skipped: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    first_error: str = ""

    @property
    def rate(self) -> float:
        return self.calls / self.seconds if self.seconds else 0.0

    def failed(self, exc: BaseException) -> None:
        self.errors += 1
        if not self.first_error:
            self.first_error = f"{exc.code().name}: {exc.details()}" if isinstance(exc, grpc.RpcError) else repr(exc)


async def closed_loop(call: Call, callers: int, seconds: float, counter: itertools.count | None = None) -> LoadResult:
    """`callers` concurrent callers, each sending its next call as soon as the last one is answered."""
    counter = counter or itertools.count()
    result = LoadResult()
    deadline = time.perf_counter() + seconds

    async def caller() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                await call(next(counter))
            except Exception as exc:  # counted; a run with errors is reported as failed
                result.failed(exc)
                continue
            result.latencies_ms.append((time.perf_counter() - started) * 1000)
            result.calls += 1

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(callers)))
    result.seconds = time.perf_counter() - started
    return result


async def paced(call: Call, rate: float, seconds: float, counter: itertools.count | None = None,
                max_in_flight: int | None = None) -> LoadResult:
    """Calls started at `rate` per second whatever the answers take (an open loop), for `seconds`.

    With `max_in_flight`, a tick that finds that many calls unanswered is skipped (`skipped`), so a
    server slower than the rate is measured at what it sustains instead of behind a growing queue.
    """
    counter = counter or itertools.count()
    result = LoadResult()
    pending: set[asyncio.Task] = set()

    async def one(i: int) -> None:
        started = time.perf_counter()
        try:
            await call(i)
        except Exception as exc:
            result.failed(exc)
            return
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        result.calls += 1

    started = time.perf_counter()
    for n in range(int(rate * seconds)):
        delay = started + n / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if max_in_flight is not None and len(pending) >= max_in_flight:
            result.skipped += 1
            continue
        task = asyncio.ensure_future(one(next(counter)))
        pending.add(task)
        task.add_done_callback(pending.discard)
    if pending:
        await asyncio.gather(*pending)
    result.seconds = time.perf_counter() - started
    return result


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)
