"""The benchmark commands keep working (tiny inputs; no timing is asserted)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_event_store_append_benchmark_runs(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "event_store_append.py"), "--events", "20", "--rounds", "1",
                    "--json", str(out)], check=True, capture_output=True, timeout=120)
    figures = json.loads(out.read_text())
    assert figures["events_per_round"] == 20
    assert figures["fedstd_events_per_s"]["median"] > 0 and figures["ratio_to_raw"] > 0
