"""Runs every benchmark and writes the table: `python -m benchmarks [--smoke] [--only NAME ...]`.

Full scale fits 15 minutes on 2 cores and writes benchmarks/results/latest.md and latest.json;
it runs one benchmark at a time, so that none disturbs another's figures. `--smoke` runs every
benchmark on tiny inputs and writes smoke.md/json, to prove the commands work; its figures mean
nothing, so it runs the distributed benchmarks in a second process beside the embedded ones. A
benchmark that fails leaves a `failed` row with its error, and the run goes on.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.harness import (
    FAILED,
    FULL,
    SMOKE,
    Context,
    Figure,
    figure_from_dict,
    machine_facts,
    markdown,
    write_results,
)
from benchmarks.processes import SharedServers

#: In this order: the projection rebuild prepares the large history the progress queries reuse.
BENCHMARKS = ("event_store", "write_path", "bulk_ingestion", "rebuild", "progress", "memory", "demo", "kafka_bus",
              "faust_projection", "distributed")
#: Those that need the broker and the MongoDB-protocol server: a smoke run gives them a process of their own.
DISTRIBUTED = ("kafka_bus", "faust_projection", "distributed")
RESULTS = Path(__file__).resolve().parent / "results"


def run_each(names: list[str], ctx: Context) -> list[Figure]:
    figures: list[Figure] = []
    for name in names:
        print(f"== {name}", flush=True)
        began = time.perf_counter()
        module = importlib.import_module(f"benchmarks.{name}")
        try:
            made = module.run(ctx)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            summary = (module.__doc__ or name).strip().splitlines()[0]
            made = [Figure(name, summary, "-", status=FAILED, gap=f"{type(exc).__name__}: {exc}"[:500])]
        for figure in made:
            figure.benchmark = name
        figures.extend(made)
        print(f"   ({time.perf_counter() - began:.0f}s)", flush=True)
    return figures


def run(names: list[str], smoke: bool, out: Path, keep: bool, full_history: bool = False) -> list[Figure]:
    scale = SMOKE if smoke else FULL
    if full_history:
        scale = dataclasses.replace(scale, rebuild_budget_s=float("inf"))
    workdir = Path(tempfile.mkdtemp(prefix="fedstd-bench-"))
    servers = SharedServers(workdir)
    ctx = Context(scale, workdir, servers, lambda line: print(line, flush=True))
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    embedded = [name for name in names if name not in DISTRIBUTED]
    beside = [name for name in names if name in DISTRIBUTED] if smoke and embedded else []
    try:
        lane = _start_lane(beside, workdir) if beside else None
        figures = run_each([name for name in names if name not in beside], ctx)
        if lane is not None:
            figures += _finish_lane(*lane)
        figures.sort(key=lambda figure: names.index(figure.benchmark))  # stable: each benchmark's rows keep their order
    finally:
        servers.close()
        if keep:
            print(f"scratch folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    machine = machine_facts(scale, time.perf_counter() - started, load_before)
    md, js = write_results(out, scale.name if smoke else "latest", figures, machine)
    print(markdown(figures, machine))
    print(f"wrote {md} and {js}")
    return figures


def _start_lane(names: list[str], workdir: Path) -> tuple[subprocess.Popen, Path, Path]:
    """The given smoke benchmarks in a process of their own, writing their table into the scratch folder."""
    out, log = workdir / "lane", workdir / "lane.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "benchmarks", "--smoke", "--only", *names, "--out", str(out)],
                                   stdout=sink, stderr=subprocess.STDOUT)
    return process, out, log


def _finish_lane(process: subprocess.Popen, out: Path, log: Path) -> list[Figure]:
    process.wait()
    print(log.read_text(errors="replace").split("\n# fedstd benchmarks")[0], flush=True)
    table = out / "smoke.json"
    if not table.exists():
        return [Figure("smoke_lane", "the distributed smoke benchmarks", "-", status=FAILED,
                       gap=f"their process exited with {process.returncode} and wrote no table")]
    return [figure_from_dict(figure) for figure in json.loads(table.read_text())["figures"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny inputs: checks that every benchmark runs")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run these benchmarks only")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"folder for the table (default {RESULTS})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (logs, data) for a look")
    parser.add_argument("--full-history", action="store_true",
                        help="rebuild and query the whole large history even when its rebuild would break the time budget")
    args = parser.parse_args(argv)
    figures = run(list(args.only or BENCHMARKS), args.smoke, args.out, args.keep, args.full_history)
    return 1 if any(f.status == FAILED for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
