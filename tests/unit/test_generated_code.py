"""gen/ is committed; this fails when it no longer matches proto/ (run scripts/gen_protos.py)."""
import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_code_is_current(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_protos.py"), "--out", str(tmp_path)], check=True)
    fresh = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    committed = {p.relative_to(ROOT / "gen") for p in (ROOT / "gen").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert fresh == committed, "gen/ has missing or extra files: run scripts/gen_protos.py"
    stale = [str(p) for p in sorted(fresh) if not filecmp.cmp(tmp_path / p, ROOT / "gen" / p, shallow=False)]
    assert not stale, f"stale generated files (run scripts/gen_protos.py): {stale}"
