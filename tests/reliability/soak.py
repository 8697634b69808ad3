"""Soak: a bounded mixed load of commands and queries from concurrent clients against the distributed
runtime (three `fedstd serve` processes, a Tansu broker, an nx-27017 server), then the check that the
event stores, the topics and every read model agree exactly, and a table of the figures.

    python -m tests.reliability.soak --seconds 600 --clients 8

tests/reliability/test_soak.py runs the short form in CI and asserts the agreement (never timings).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import grpc

from services.assessment.projections import AssessmentViews, RegistryFacts
from services.common.cloudevents import topic_for
from services.registry.outcomes import AssessmentOutcomes
from services.registry.projections import RegistryViews
from services.reporting.projections import FederationProgress
from tests.support.actors import Actors
from tests.support.agreement import Audit, settled, wait_for
from tests.support.deployments import Distributed
from tests.support.servers import MongoWireServer

PROJECTIONS = (RegistryViews, AssessmentOutcomes, AssessmentViews, RegistryFacts, FederationProgress)
#: Answers a client may get under this load: refusals the API gives on purpose (a report returned before it was
#: submitted, a lifecycle step taken twice, a lost race), never INTERNAL, UNKNOWN or UNAVAILABLE.
EXPECTED_CODES = {grpc.StatusCode.OK, grpc.StatusCode.ABORTED, grpc.StatusCode.ALREADY_EXISTS, grpc.StatusCode.NOT_FOUND,
                  grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.DEADLINE_EXCEEDED}


@dataclass
class SoakReport:
    seconds: float
    clients: int
    requests: Counter = field(default_factory=Counter)  # by kind: command or query
    codes: Counter = field(default_factory=Counter)  # gRPC code name -> calls
    audit: Audit | None = None
    applied: dict[str, int] = field(default_factory=dict)  # consumer group -> records committed

    @property
    def lost(self) -> int:
        assert self.audit is not None
        return sum(s.missing_on_topic for s in self.audit.services.values())

    @property
    def doubled(self) -> int:
        assert self.audit is not None
        return sum(s.doubled_in_store + s.unknown_on_topic for s in self.audit.services.values())

    def table(self) -> str:
        assert self.audit is not None
        lines = [f"soak: {self.clients} clients for {self.seconds:.0f} s against the distributed runtime",
                 f"{'requests served':<34}{sum(self.requests.values()):>10}",
                 *[f"  {kind:<32}{count:>10}" for kind, count in sorted(self.requests.items())],
                 "answers by gRPC code",
                 *[f"  {code:<32}{count:>10}" for code, count in sorted(self.codes.items())],
                 f"{'service':<12}{'stored':>10}{'on topic':>10}{'records':>10}{'streams':>10}{'documents':>11}"
                 f"{'differ':>8}"]
        for service, s in self.audit.services.items():
            lines.append(f"{service:<12}{s.stored:>10}{s.distinct_on_topic:>10}{s.records_on_topic:>10}"
                         f"{s.streams:>10}{s.view_documents:>11}{sum(s.differing_views.values()):>8}")
        lines.append("records applied by consumer group (committed offsets)")
        lines.extend(f"  {group:<32}{count:>10}" for group, count in sorted(self.applied.items()))
        lines.append(f"{'lost':<34}{self.lost:>10}")
        lines.append(f"{'doubled':<34}{self.doubled:>10}")
        problems = self.audit.problems()
        lines.append("agreement: " + ("exact" if not problems else "; ".join(problems)))
        return "\n".join(lines)


class Client:
    """One client of the load: its own channels and random choices, the enterprises it registered."""

    def __init__(self, number: int, actors: Actors, shared: list, report: SoakReport, lock: threading.Lock):
        self.number = number
        self.actors = actors
        self.random = random.Random(number)
        self.shared = shared  # every client's enterprises (name, latest answer): renames of others' collide
        self.report = report
        self.lock = lock
        self.standards: list[str] = []
        self.serial = 0

    def run(self, until: float) -> None:
        operations: list[tuple[int, str, Callable[[], object]]] = [
            (20, "command", self.propose), (10, "command", self.approve), (15, "command", self.register),
            (15, "command", self.rename), (10, "command", self.evaluate), (5, "command", self.report_cycle),
            (10, "query", self.get_standard),
            (5, "query", self.list_standards), (10, "query", self.get_enterprise), (5, "query", self.progress),
        ]
        weights = [w for w, _, _ in operations]
        while time.monotonic() < until:
            _, kind, operation = self.random.choices(operations, weights)[0]
            try:
                operation()
                code = grpc.StatusCode.OK
            except grpc.RpcError as exc:
                code = exc.code()
            except LookupError:  # nothing to act on yet
                continue
            with self.lock:
                self.report.requests[kind] += 1
                self.report.codes[code.name] += 1

    def propose(self) -> None:
        self.serial += 1
        self.standards.append(self.actors.propose_standard(f"soak-{self.number}-{self.serial}").name)

    def approve(self) -> None:
        self.actors.approve_standard_for_drafting(self.random.choice(self.standards))

    def register(self) -> None:
        self.serial += 1
        enterprise = self.actors.register_enterprise(self.number * 1_000_000 + self.serial)
        with self.lock:
            self.shared.append(enterprise)

    def _some_enterprise(self) -> tuple[int, object]:
        with self.lock:
            if not self.shared:
                raise LookupError
            index = self.random.randrange(len(self.shared))
            return index, self.shared[index]

    def rename(self) -> None:
        index, enterprise = self._some_enterprise()
        renamed = self.actors.rename_enterprise(enterprise.name, f"soak {self.number}.{self.random.random():.6f}")
        with self.lock:
            if renamed.version > self.shared[index].version:
                self.shared[index] = renamed

    def evaluate(self) -> None:
        _, enterprise = self._some_enterprise()
        self.actors.evaluate(enterprise, self.random.randrange(600, 950))

    def report_cycle(self) -> None:
        """The league's annual reports: submitted once a year, then returned and resubmitted again and again."""
        year = self.random.choice((2021, 2022, 2023))
        name = f"leagues/150100/annualReports/{year}"
        step = self.random.choice(("submit", "return", "resubmit"))
        if step == "submit":
            self.actors.submit_report(year, self.random.randrange(100, 1000))
        elif step == "return":
            self.actors.return_report(name)
        else:
            self.actors.resubmit_report(name, self.random.randrange(100, 1000))

    def get_standard(self) -> None:
        if not self.standards:
            raise LookupError
        self.actors.standard(self.random.choice(self.standards), min_version=1)

    def list_standards(self) -> None:
        self.actors.standards()

    def get_enterprise(self) -> None:
        _, enterprise = self._some_enterprise()
        self.actors.enterprise(enterprise.name, min_version=enterprise.version)

    def progress(self) -> None:
        self.actors.progress()


def run_soak(seconds: float, clients: int, workdir: Path, mongo_uri: str | None = None) -> SoakReport:
    """Starts the deployment (and an nx-27017 server unless given one), runs the load, and audits."""
    report = SoakReport(seconds, clients)
    with ExitStack() as stack:
        if mongo_uri is None:
            mongo_uri = stack.enter_context(MongoWireServer(workdir / "mongo")).uri
        deployment = Distributed(workdir, mongo_uri)
        stack.callback(deployment.close)
        everyone = [Actors.connect(deployment.issuer, deployment.ports) for _ in range(clients)]
        for actors in everyone:
            stack.callback(actors.close)
        everyone[0].register_federations_and_chamber()
        shared: list = []
        lock = threading.Lock()
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=Client(n, actors, shared, report, lock).run, args=(until,), name=f"client-{n}")
                   for n, actors in enumerate(everyone)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        report.audit = settled(lambda: deployment.audit(workdir / "audit"), 300)
        groups = [(p.name, t) for p in PROJECTIONS for t in p.topics]
        totals = {t: len(deployment.records(t)) for _, t in groups}
        wait_for(lambda: all(deployment.committed(g, t) >= totals[t] for g, t in groups), 120, "the consumer groups")
        for group, topic in groups:
            report.applied[f"{group} <- {topic.removeprefix('fedstd.').removesuffix('.v1')}"] = deployment.committed(group, topic)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600, help="how long the load runs (default 600)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients, one thread each (default 8)")
    parser.add_argument("--workdir", type=Path, help="folder for the servers' data and logs (default: a new temporary one)")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="fedstd-soak-"))
    report = run_soak(args.seconds, args.clients, workdir)
    print(report.table())
    return 0 if not report.audit.problems() and set(report.codes) <= {c.name for c in EXPECTED_CODES} else 1


if __name__ == "__main__":
    sys.exit(main())
