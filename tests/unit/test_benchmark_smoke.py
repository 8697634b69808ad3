"""`python -m benchmarks --smoke` keeps working: every benchmark runs on tiny inputs and the table has every row.

No figure or timing is asserted: a smoke run's numbers mean nothing. The benchmarks themselves run
only by hand (`make bench`), never as timed tests.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ROWS = [
    "event_store_append", "event_store_append_full", "write_path", "bulk_ingestion", "projection_rebuild",
    "progress_query_small", "progress_query_large", "progress_query_flat", "as_of_query", "memory",
    "embedded_catch_up", "demo", "kafka_produce", "kafka_consume", "faust_projector", "e2e_sustained", "e2e_latency",
]


def test_the_smoke_run_writes_every_row(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "benchmarks", "--smoke", "--out", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=280)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]

    table = json.loads((tmp_path / "smoke.json").read_text())
    figures = {figure["key"]: figure for figure in table["figures"]}
    assert list(figures) == ROWS
    assert table["machine"]["scale"] == "smoke"
    for key, figure in figures.items():
        assert figure["status"] in ("met", "gap", "info"), (key, figure["gap"])
        assert figure["fedstd"]["value"]["median"] > 0, key
    markdown = (tmp_path / "smoke.md").read_text()
    assert all(figure["title"] in markdown for figure in figures.values())


def test_a_synthetic_history_is_exact_reproducible_and_in_stream_order() -> None:
    from benchmarks.history import history

    events = list(history(3_000))
    assert events == list(history(3_000)) and len(events) == 3_000
    versions: dict[str, int] = {}
    for event in events:
        assert event.version == versions.get(event.stream_id, 0) + 1, event.stream_id
        versions[event.stream_id] = event.version
    assert {e.type for e in events[-36:]} == {"fedstd.reporting.v1.ReportSubmitted"}  # the 12 leagues' reports, 3 years
    assert len(list(history(10_000, enterprises=100))) < 10_000


def test_percentiles_are_observed_values_and_verdicts_name_what_failed() -> None:
    from benchmarks.harness import GAP, MET, Figure, percentile

    samples = [float(n) for n in range(1, 101)]
    assert (percentile(samples, 0.5), percentile(samples, 0.99), percentile(samples, 1.0)) == (50.0, 99.0, 100.0)
    assert Figure("k", "title", "target").judge((True, "fine")).status == MET
    missed = Figure("k", "title", "target").judge((True, "fine"), (False, "too slow"))
    assert (missed.status, missed.gap) == (GAP, "too slow")
