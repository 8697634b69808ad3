"""The default `fedstd demo`, as a user runs it, from start to exit; beside a bare start and stop of the suite."""
from __future__ import annotations

import sys

from benchmarks.harness import Context, Figure, Measure, Stat, stopwatch
from benchmarks.processes import EmbeddedSuite, run_measured
from services.common.auth import TokenIssuer


#: The demo is stopped after this long: the row then shows the gap rather than waiting on.
TIMEOUT_S = 150.0
#: Smoke runs use the smallest programme the demo accepts.
SMOKE_ENTERPRISES = "100"


def run(ctx: Context) -> list[Figure]:
    figure = Figure("demo", "the default fedstd demo, start to exit", "< 120 s")
    folder = ctx.folder("demo")
    argv = [sys.executable, "-m", "services.cli", "demo", "--data-dir", str(folder / "data")]
    if ctx.scale.name == "smoke":
        argv += ["--enterprises", SMOKE_ENTERPRISES]
        figure.title += f" (smoke: --enterprises {SMOKE_ENTERPRISES})"
    demo = run_measured(argv, folder / "demo.log", timeout=TIMEOUT_S)
    if demo.returncode != 0 and demo.seconds < TIMEOUT_S:
        raise RuntimeError(f"fedstd demo exited with {demo.returncode}: {demo.output[-500:]}")
    with stopwatch() as bare:
        with EmbeddedSuite(folder / "bare", TokenIssuer.generate()):
            pass
    ctx.log(f"  fedstd demo: {demo.seconds:.1f}s, peak RSS {demo.peak_rss_mb:.0f} MB; bare start+stop {bare():.1f}s")
    figure.fedstd = Measure("fedstd demo", "s", Stat.of([demo.seconds]))
    figure.baseline = Measure("fedstd up: start until serving, then stop", "s", Stat.of([bare()]))
    figure.ratio = Stat.of([demo.seconds / bare()])
    figure.details = {"peak_rss_mb": demo.peak_rss_mb}
    if demo.seconds >= TIMEOUT_S:
        return [figure.judge((False, f"stopped after {TIMEOUT_S:,.0f} s unfinished; its log's last line: "
                                     f"{demo.output.strip().splitlines()[-1][:200]!r}"))]
    return [figure.judge((demo.seconds < 120, f"{demo.seconds:,.0f} s ≥ 120 s"))]
