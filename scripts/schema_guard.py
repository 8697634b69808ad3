"""The schema guard: `buf lint` and `buf breaking` over proto/, with the pinned buf from npm.

    schema_guard.py lint                     # the rules of buf.yaml
    schema_guard.py breaking                 # proto/ against the baseline below
    schema_guard.py breaking --against IN    # against any buf input (a directory, `.git#tag=...`)
    schema_guard.py install                  # just install the tools (npm ci), print where they are

The tools come from the npm registry, pinned by package.json and package-lock.json: the buf binary
ships in a platform package (`@bufbuild/buf-<os>-<arch>`), so `npm ci --ignore-scripts` installs it
without downloading anything else. They go into node_modules/ (git-ignored), installed again
whenever the lock file names versions other than those installed.

The baseline of `breaking` is the last landed state of the main branch:
- FEDSTD_SCHEMA_BASELINE, when set, is used as it is (any buf input);
- with uncommitted changes under proto/, the commit checked out (HEAD): the change about to land;
- otherwise HEAD~1, the state before the commit checked out: what CI on a fresh clone of main checks;
- the repository's first commit has nothing before it: it is compared with itself;
- a shallow clone that lacks HEAD~1 cannot be judged: the guard fails and says so (clone with
  `--depth 2` or more, run `git fetch --deepen=1`, or set FEDSTD_SCHEMA_BASELINE).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
BUF = NODE_MODULES / ".bin" / ("buf.cmd" if os.name == "nt" else "buf")
ASYNCAPI_SCHEMAS = NODE_MODULES / "@asyncapi" / "specs" / "schemas"


class GuardError(RuntimeError):
    """The guard cannot run (no npm, no history to compare with): a failure with the reason."""


def _installed_version(package: str) -> str | None:
    manifest = NODE_MODULES / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.exists() else None


def ensure_tools() -> Path:
    """Runs `npm ci` unless every package the lock file requires is installed at its locked version."""
    lock = json.loads((ROOT / "package-lock.json").read_text())
    required = {path.removeprefix("node_modules/"): meta["version"]
                for path, meta in lock["packages"].items() if path and not meta.get("optional")}
    if BUF.exists() and all(_installed_version(p) == v for p, v in required.items()):
        return NODE_MODULES
    npm = shutil.which("npm")
    if npm is None:
        raise GuardError("needs npm (Node.js) to install buf from package-lock.json; install Node.js and npm")
    result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0 or not BUF.exists():
        raise GuardError(f"npm ci failed:\n{result.stdout}{result.stderr}")
    return NODE_MODULES


def buf(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    ensure_tools()
    return subprocess.run([str(BUF), *args], cwd=cwd, capture_output=True, text=True)


def baseline(root: Path = ROOT) -> tuple[str, str]:
    """The buf input to compare root/proto with, and why that one (see the module docstring)."""
    if configured := os.environ.get("FEDSTD_SCHEMA_BASELINE"):
        return configured, "FEDSTD_SCHEMA_BASELINE"

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)

    if shutil.which("git") is None or git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        raise GuardError("proto/ is not in a git checkout with a commit: set FEDSTD_SCHEMA_BASELINE to a buf input")
    if git("status", "--porcelain", "--", "proto").stdout.strip():
        ref, why = "HEAD", "HEAD: the uncommitted changes under proto/ against the commit checked out"
    elif git("rev-parse", "--verify", "--quiet", "HEAD~1").returncode == 0:
        ref, why = "HEAD~1", "HEAD~1: the commit checked out against the state it landed on"
    elif git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        raise GuardError("this shallow clone lacks HEAD~1, the state to compare with: clone with --depth 2 or more, "
                         "run `git fetch --deepen=1`, or set FEDSTD_SCHEMA_BASELINE")
    else:
        ref, why = "HEAD", "HEAD: the repository's first commit, with nothing before it"
    commit = git("rev-parse", ref).stdout.strip()
    git_dir = git("rev-parse", "--absolute-git-dir").stdout.strip()
    return f"{git_dir}#ref={commit},subdir=proto", f"{why} ({commit[:12]})"


def lint(cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return buf("lint", "proto", cwd=cwd)


def breaking(against: str, cwd: Path = ROOT, input_dir: str = "proto") -> subprocess.CompletedProcess[str]:
    return buf("breaking", input_dir, "--against", against, cwd=cwd)


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except GuardError as exc:
        print(f"schema guard: {exc}", file=sys.stderr)
        return 2


def run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", choices=["lint", "breaking", "all", "install"], nargs="?", default="all")
    parser.add_argument("--against", help="buf input to compare with (default: the baseline rule above)")
    args = parser.parse_args(argv)
    if args.check == "install":
        print(ensure_tools())
        return 0
    failed = False
    if args.check in ("lint", "all"):
        result = lint()
        print(f"buf lint: {'ok' if result.returncode == 0 else 'FAILED'}\n{result.stdout}{result.stderr}".rstrip())
        failed |= result.returncode != 0
    if args.check in ("breaking", "all"):
        against, why = (args.against, "--against") if args.against else baseline()
        result = breaking(against)
        print(f"buf breaking against {why}: {'ok' if result.returncode == 0 else 'FAILED'}\n"
              f"{result.stdout}{result.stderr}".rstrip())
        failed |= result.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
