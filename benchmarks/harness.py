"""What every benchmark shares: the scale it runs at, its figures with their spreads and ratios, and the table.

A figure is measured in rounds (or as many latency samples) beside the baseline it rests on, in
the same run; its spread is the lowest and highest round. A figure that cannot be measured with
the current APIs says so (`not measured: <reason>`) instead of disappearing from the table.
"""
from __future__ import annotations

import json
import math
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: Verdicts: a target met, missed (with the gap), not measurable with the current APIs, broken, or a figure without a target.
MET, GAP, NOT_MEASURED, FAILED, INFO = "met", "gap", "not measured", "failed", "info"


@dataclass(frozen=True)
class Scale:
    """How much each benchmark does: `FULL` fits the 15-minute budget on 2 cores, `SMOKE` only proves the commands work."""

    name: str
    rounds: int
    #: Rounds of the figures whose rounds take long (the faust projector, the distributed end to end).
    slow_rounds: int
    #: Seconds of load per round for the gRPC throughput figures.
    load_seconds: float
    appends: int
    #: Events replayed by the projection-rebuild figure; the largest history of the query figures.
    large_history: int
    small_history: int
    #: Seconds the large history's rebuild may take, judged from the small one's rate: a slower rebuild gets a
    #: smaller large history (the rows say so), so that the run keeps its time budget.
    rebuild_budget_s: float
    #: Seconds of queries per round and history size (and per query kind).
    query_seconds: float
    memory_enterprises: int
    kafka_records: int
    faust_records: int
    e2e_seconds: float
    #: Commands/s of the latency phase of the distributed end to end (half the 1,000/s target).
    e2e_latency_rate: float
    progress_write_rate: float


FULL = Scale("full", rounds=3, slow_rounds=2, load_seconds=5.0, appends=3_000, large_history=1_000_000,
             small_history=10_000, rebuild_budget_s=150.0, query_seconds=6.0, memory_enterprises=100_000,
             kafka_records=10_000, faust_records=5_000, e2e_seconds=8.0, e2e_latency_rate=500.0,
             progress_write_rate=500.0)
SMOKE = Scale("smoke", rounds=1, slow_rounds=1, load_seconds=0.5, appends=50, large_history=2_000, small_history=500,
              rebuild_budget_s=60.0, query_seconds=0.5, memory_enterprises=300, kafka_records=200, faust_records=200,
              e2e_seconds=1.0, e2e_latency_rate=20.0, progress_write_rate=20.0)


@dataclass(frozen=True)
class Stat:
    """The median of rounds (or samples) and their spread."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> "Stat":
        if not values:
            raise ValueError("no values to summarise")
        return cls(statistics.median(values), min(values), max(values), len(values))


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (`share` 0.99 for p99): a value that was actually observed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class Measure:
    """A measured quantity: what it is, its unit and its rounds."""

    name: str
    unit: str
    value: Stat


@dataclass
class Figure:
    """One row of the table: a fedstd figure, the baseline it rests on, the ratio, the target and the verdict."""

    key: str
    title: str
    target: str
    status: str = NOT_MEASURED
    fedstd: Measure | None = None
    baseline: Measure | None = None
    ratio: Stat | None = None
    #: Further baselines measured in the same rounds (shown in the second table).
    extra: list[Measure] = field(default_factory=list)
    #: Why it falls short, or why it was not measured.
    gap: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    #: The benchmark (module of benchmarks/) that made the row.
    benchmark: str = ""

    def judge(self, *checks: tuple[bool, str]) -> "Figure":
        """Met when every check holds; otherwise a gap naming the checks that failed."""
        failed = [text for ok, text in checks if not ok]
        self.status = GAP if failed else MET
        if failed:
            self.gap = "; ".join(failed + ([self.gap] if self.gap else []))
        return self

    def not_measured(self, reason: str) -> "Figure":
        self.status, self.gap = NOT_MEASURED, reason
        return self


def figure_from_dict(values: dict[str, Any]) -> Figure:
    """A figure as `write_results` wrote it to JSON."""
    def measure(m: dict[str, Any] | None) -> Measure | None:
        return None if m is None else Measure(m["name"], m["unit"], Stat(**m["value"]))

    return Figure(**{**values, "fedstd": measure(values["fedstd"]), "baseline": measure(values["baseline"]),
                     "ratio": None if values["ratio"] is None else Stat(**values["ratio"]),
                     "extra": [measure(m) for m in values["extra"]]})


def ratio_of(figures: Sequence[float], baselines: Sequence[float]) -> Stat:
    """Ratios of rounds measured side by side (round i of fedstd over round i of the baseline)."""
    return Stat.of([f / b for f, b in zip(figures, baselines) if b])


@dataclass
class Context:
    """What a benchmark gets: the scale, a scratch folder of its own, shared servers, and a log."""

    scale: Scale
    workdir: Path
    servers: Any
    log: Callable[[str], None]
    #: What one benchmark prepares and another reuses (a seeded and rebuilt history), by name.
    cache: dict[str, Any] = field(default_factory=dict)

    def folder(self, name: str) -> Path:
        path = self.workdir / name
        path.mkdir(parents=True, exist_ok=True)
        return path


@contextmanager
def stopwatch() -> Iterator[Callable[[], float]]:
    """`with stopwatch() as elapsed: ...; elapsed()` in seconds."""
    started = time.perf_counter()
    stopped: list[float] = []
    yield lambda: (stopped[0] if stopped else time.perf_counter()) - started
    stopped.append(time.perf_counter())


# ---------------------------------------------------------------------------------------------- the table


def _number(value: float, unit: str) -> str:
    if unit == "ratio":
        return f"{value:.2f}"
    if unit in ("ms", "s", "MB"):
        return f"{value:,.1f} {unit}" if value < 100 else f"{value:,.0f} {unit}"
    return f"{value:,.0f} {unit}"


def _measure(measure: Measure | None) -> str:
    if measure is None:
        return "-"
    value = measure.value
    text = f"{_number(value.median, measure.unit)}"
    if value.n > 1 and value.low != value.high:
        text += f" ({_number(value.low, measure.unit).split()[0]}–{_number(value.high, measure.unit).split()[0]})"
    return f"{measure.name}: {text}"


def markdown(figures: Sequence[Figure], machine: dict[str, Any]) -> str:
    lines = [
        f"# fedstd benchmarks ({machine['scale']})",
        "",
        f"{machine['when']}, {machine['cores']} cores, Python {machine['python']}, {machine['system']}; "
        f"whole run {machine['seconds']:.0f} s; 1-minute load average {machine['load_average_before']:.1f} before, "
        f"{machine['load_average_after']:.1f} after (a shared machine: other work competes for the cores). Values are medians of rounds with (lowest–highest) round; "
        "latencies are percentiles of all samples, with the spread of the per-round percentile. "
        "Ratio = fedstd / baseline, round by round.",
        "",
        "| figure | fedstd | baseline (same run) | ratio | target | status |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        ratio = "-" if f.ratio is None else f"{f.ratio.median:.2f}"
        status = f.status if not f.gap else f"{f.status}: {' '.join(f.gap.split())}"
        lines.append(f"| {f.title} | {_measure(f.fedstd)} | {_measure(f.baseline)} | {ratio} | {f.target} "
                     f"| {status.replace('|', '/')} |")
    extra = [(f, m) for f in figures for m in f.extra]
    if extra:
        lines += ["", "Further baselines and figures measured in the same rounds:", "",
                  "| row | measured | ratio of the row's fedstd figure to it |", "|---|---|---|"]
        for f, m in extra:
            ratio = f"{f.fedstd.value.median / m.value.median:.2f}" if f.fedstd and m.unit == f.fedstd.unit else "-"
            lines.append(f"| {f.title} | {_measure(m)} | {ratio} |")
    return "\n".join(lines) + "\n"


def machine_facts(scale: Scale, seconds: float, load_before: float) -> dict[str, Any]:
    """What the figures were measured on; the load averages say how much else the machine was doing."""
    return {
        "scale": scale.name,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.machine()}",
        "seconds": seconds,
    }


def write_results(out: Path, stem: str, figures: Sequence[Figure], machine: dict[str, Any]) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    md, js = out / f"{stem}.md", out / f"{stem}.json"
    md.write_text(markdown(figures, machine), encoding="utf-8")
    js.write_text(json.dumps({"machine": machine, "figures": [asdict(f) for f in figures]}, indent=2,
                             ensure_ascii=False) + "\n", encoding="utf-8")
    return md, js
