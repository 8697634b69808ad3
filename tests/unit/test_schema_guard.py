"""The schema guard: buf lint and buf breaking over proto/ (scripts/schema_guard.py), and proof that
it refuses what it must: a renumbered field, an enum without its zero value, a breaking commit."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import schema_guard as guard  # noqa: E402

FIELD = re.compile(r"^(?P<indent>\s+)(?:repeated |optional )?[\w.]+ (?P<name>\w+) = (?P<number>\d+);", re.MULTILINE)


def copy_module(destination: Path) -> Path:
    """proto/ and buf.yaml copied into destination: a module laid out as the repository's."""
    shutil.copytree(ROOT / "proto", destination / "proto")
    shutil.copy(ROOT / "buf.yaml", destination / "buf.yaml")
    return destination / "proto"


def renumber_first_event_field(proto_dir: Path) -> tuple[str, str]:
    """Gives the first field of the first events file a new number; returns its name and old number."""
    events = sorted(proto_dir.rglob("events.proto"))[0]
    text = events.read_text()
    field = FIELD.search(text)
    assert field is not None, f"no field found in {events}"
    renumbered = text[:field.start("number")] + "536870911" + text[field.end("number"):]
    events.write_text(renumbered)
    return field["name"], field["number"]


def test_buf_lint_passes() -> None:
    result = guard.lint()
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_breaking_change_against_the_last_landed_state() -> None:
    against, why = guard.baseline()
    result = guard.breaking(against)
    assert result.returncode == 0, f"breaking change against {why}:\n{result.stdout}{result.stderr}"


def test_renumbering_a_field_fails_the_breaking_check(tmp_path: Path) -> None:
    proto = copy_module(tmp_path)
    unchanged = guard.breaking(str(ROOT / "proto"), cwd=tmp_path)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr

    name, number = renumber_first_event_field(proto)
    result = guard.breaking(str(ROOT / "proto"), cwd=tmp_path)
    assert result.returncode != 0
    assert f'Previously present field "{number}" with name "{name}"' in result.stdout, result.stdout


def test_adding_a_field_or_a_new_versioned_package_is_not_breaking(tmp_path: Path) -> None:
    proto = copy_module(tmp_path)
    events = sorted(proto.rglob("events.proto"))[0]
    # A new field at the end of the first message.
    text = events.read_text()
    message_end = text.index("\n}", FIELD.search(text).end())
    events.write_text(text[:message_end] + "\n  string added_in_a_later_release = 536870000;" + text[message_end:])
    # The same file as a v2 package, where renumbering is allowed: nothing compares it with v1.
    v2 = events.parent.parent / "v2" / "events.proto"
    v2.parent.mkdir()
    shutil.copy(events, v2)
    v2.write_text(re.sub(r"^package (\S+)\.v1;", r"package \1.v2;", v2.read_text(), flags=re.MULTILINE))
    renumber_first_event_field(v2.parent)

    result = guard.breaking(str(ROOT / "proto"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_refuses_an_enum_without_an_unspecified_zero_value(tmp_path: Path) -> None:
    proto = copy_module(tmp_path)
    plan = proto / "fedstd" / "type" / "v1" / "plan.proto"
    plan.write_text(plan.read_text() + "\nenum Broken {\n  BROKEN_FIRST = 0;\n}\n")
    result = guard.lint(cwd=tmp_path)
    assert result.returncode != 0
    assert '"BROKEN_FIRST" should be suffixed with "_UNSPECIFIED"' in result.stdout, result.stdout


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.invalid",
                           *args], check=True, capture_output=True, text=True).stdout.strip()


def test_baseline_rule_and_a_breaking_commit_caught_as_ci_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FEDSTD_SCHEMA_BASELINE", raising=False)
    repo = tmp_path / "repo"
    proto = copy_module(repo)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    first = git(repo, "rev-parse", "HEAD")
    assert guard.baseline(repo)[0].endswith(f"#ref={first},subdir=proto")  # nothing before the first commit

    name, number = renumber_first_event_field(proto)
    against, why = guard.baseline(repo)  # an uncommitted change is compared with the commit checked out
    assert why.startswith("HEAD:") and against.endswith(f"#ref={first},subdir=proto")
    assert guard.breaking(against, cwd=repo).returncode != 0

    git(repo, "commit", "-q", "-am", "renumber a field")
    against, why = guard.baseline(repo)  # CI on a fresh clone: the commit against the one before
    assert why.startswith("HEAD~1:") and against.endswith(f"#ref={first},subdir=proto")
    result = guard.breaking(against, cwd=repo)
    assert result.returncode != 0 and f'field "{number}" with name "{name}"' in result.stdout

    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)], check=True)
    with pytest.raises(guard.GuardError, match="shallow"):
        guard.baseline(shallow)
