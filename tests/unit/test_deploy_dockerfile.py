"""The Dockerfile, read statically (no container engine is needed): multi-stage, bases pinned by exact
tag and digest, a final stage without build tools that runs `fedstd` as a non-root user, and a
.dockerignore that lets in only what the build copies."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import pytest

from scripts.validate_k8s import OVERLAYS, render

ROOT = Path(__file__).resolve().parents[2]
BUILD_TOOLS = re.compile(r"\b(apt-get|apt|apk|yum|dnf|gcc|g\+\+|cc|make|build-essential|pip|uv)\b")


@dataclass
class Stage:
    base: str
    name: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for key, args in self.instructions if key == keyword]


def instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction, continuation lines joined and comments dropped."""
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip()) for line in joined.splitlines() if line.strip()]


def stages(text: str) -> list[Stage]:
    args: dict[str, str] = {}
    found: list[Stage] = []
    for keyword, rest in instructions(text):
        if keyword == "ARG" and not found:
            name, _, default = rest.partition("=")
            args[name] = default
        elif keyword == "FROM":
            image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], rest.split()[0])
            alias = rest.split()[2] if len(rest.split()) == 3 and rest.split()[1].upper() == "AS" else str(len(found))
            found.append(Stage(image, alias))
        else:
            found[-1].instructions.append((keyword, rest))
    return found


@pytest.fixture(scope="module")
def dockerfile() -> list[Stage]:
    return stages((ROOT / "Dockerfile").read_text())


def test_the_parser_reads_stages_args_and_continuations() -> None:
    parsed = stages("ARG BASE=img:1.2.3@sha256:" + "a" * 64 + "\nFROM ${BASE} AS b\n# note\nRUN a \\\n  && b\nFROM b\nUSER 1\n")
    assert [(s.base, s.name) for s in parsed] == [("img:1.2.3@sha256:" + "a" * 64, "b"), ("b", "1")]
    assert parsed[0].all("RUN") == ["a    && b"] and parsed[1].all("USER") == ["1"]


def test_it_is_multi_stage_with_every_base_pinned_by_exact_tag_and_digest(dockerfile: list[Stage]) -> None:
    assert len(dockerfile) >= 2
    names = {s.name for s in dockerfile}
    for stage in dockerfile:
        if stage.base in names:
            continue
        assert re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+[\w.-]*@sha256:[0-9a-f]{64}", stage.base), stage.base


def test_the_final_stage_runs_fedstd_as_non_root_without_build_tools(dockerfile: list[Stage]) -> None:
    final, build = dockerfile[-1], dockerfile[0]
    users = final.all("USER")
    assert users and users[-1].split(":")[0].isdigit() and int(users[-1].split(":")[0]) > 0
    assert final.all("ENTRYPOINT") == ['["fedstd"]']
    assert final.all("RUN") == [], "the final stage installs nothing"
    assert not any(BUILD_TOOLS.search(args) for key, args in final.instructions if key in ("RUN", "ENV")), final.instructions
    assert [args for args in final.all("COPY") if f"--from={build.name}" in args] == [f"--from={build.name} /opt/fedstd /opt/fedstd"]
    # Dependencies come as binary wheels only: the build stage needs no compilers either.
    assert any("--only-binary=:all:" in args for args in build.all("RUN"))


def test_the_exposed_ports_are_the_ones_the_manifests_use(dockerfile: list[Stage]) -> None:
    exposed = {int(p) for args in dockerfile[-1].all("EXPOSE") for p in args.split()}
    container_ports = {p["containerPort"] for d in render(OVERLAYS["dev"]) if d["kind"] == "Deployment"
                       for c in d["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
    assert exposed == container_ports == {50051, 9464}


def test_dockerignore_lets_in_exactly_what_the_build_copies(dockerfile: list[Stage]) -> None:
    rules = [line for line in (ROOT / ".dockerignore").read_text().splitlines() if line and not line.startswith("#")]
    assert rules[0] == "*", "deny everything, then allow what the build needs"
    allowed = {rule[1:].rstrip("/") for rule in rules if rule.startswith("!")}
    sources = {src.rstrip("/").removeprefix("./") for stage in dockerfile for args in stage.all("COPY")
               if "--from=" not in args for src in [a for a in args.split() if not a.startswith("--")][:-1]}
    assert sources == allowed
    assert all((ROOT / source).exists() for source in sources)
    assert not any(fnmatch(path, f"{rule}*") for path in ("tests", ".venv", ".git", "data") for rule in allowed)
