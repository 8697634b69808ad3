"""The two runtimes, one code path: the same services over SQLite and the embedded bus (embedded)
or over MongoDB and Kafka (distributed). A service host runs one service's parts: its gRPC server,
its outbox relay and its projections.

The embedded suite runs everything as threads of its own process, or its relays and projections in a
worker process beside it and the reporting API in another (`services/common/workers.py`), over the same
SQLite files: the gRPC servers then have interpreters, and cores, of their own.
"""
from __future__ import annotations

import importlib
import logging
import subprocess
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from services.common.audit import AuditStream, audit_service
from services.common.auth import Authenticator, AuthSettings
from services.common.bus import Bus, BusUnavailable
from services.common.cloudevents import source_for, topic_for
from services.common.config import SERVICES, Settings
from services.common.eventstore import EventStore
from services.common.grpc_server import GrpcServer, GrpcService
from services.common.projection import Projection, ProjectionRunner
from services.common.readmodel import DocumentStore
from services.common.relay import OutboxRelay
from services.common.telemetry import Endpoint, EndpointSettings, MongoErrorListener, acquire, release, use_json_logs

log = logging.getLogger(__name__)

ROLES = ("api", "relay", "projector")
#: The roles of the embedded suite's worker process.
WORKER_ROLES = ("relay", "projector")
#: Where the embedded suite runs its relays and projections: in a worker process, or as threads of its own.
WORKER_MODES = ("process", "threads")
#: The service whose gRPC API the embedded suite runs in a process of its own when it has a worker process:
#: reporting's federation-wide queries then never queue for the interpreter behind the other services' commands.
SEPARATE_API = "reporting"


@dataclass
class ServiceContext:
    """What a service's builder gets: its own store and read models, and the settings."""

    name: str
    store: EventStore
    docs: DocumentStore
    settings: Settings


@dataclass
class ServiceDefinition:
    name: str
    grpc_services: list[GrpcService]
    projections: list[Projection] = field(default_factory=list)
    #: Runs the projections on Kafka instead of the ProjectionRunner threads, until the event is set
    #: (reporting: a faust app); used by the projector role when Kafka is configured.
    kafka_projector: Callable[[Sequence[ProjectionRunner], threading.Event], None] | None = None
    #: Which stream holds a resource of this service (None: not one of its names), for the audit trail
    #: (services/common/audit.py); without it the service's AuditService knows no resource.
    audit_stream: AuditStream = lambda resource: None
    #: Work the API does in the background once it serves (reporting: loading the progress totals from the read
    #: model), so that the first caller after a start does not wait for all of it; readiness does not wait either.
    warm_up: Callable[[], None] | None = None


def builder(service: str) -> Callable[[ServiceContext], ServiceDefinition]:
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}; one of {', '.join(SERVICES)}")
    return importlib.import_module(f"services.{service}.service").build


class Infrastructure(ABC):
    """Where a runtime keeps events and read models and how it carries events between services."""

    bus: Bus

    @abstractmethod
    def event_store(self, service: str) -> EventStore: ...

    @abstractmethod
    def documents(self, service: str) -> DocumentStore: ...

    def close(self) -> None:
        self.bus.close()


class EmbeddedInfrastructure(Infrastructure):
    """SQLite files in one data folder; the bus is a durable log in the same folder."""

    def __init__(self, data_dir: Path):
        from services.common.bus.local import LocalBus

        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self.bus = LocalBus(data_dir / "bus.db")

    def event_store(self, service: str) -> EventStore:
        from services.common.eventstore.sqlite import SqliteEventStore

        return SqliteEventStore(self.data_dir / f"{service}.events.db")

    def documents(self, service: str) -> DocumentStore:
        from services.common.readmodel.sqlite import SqliteDocumentStore

        return SqliteDocumentStore(self.data_dir / f"{service}.views.db")


class DistributedInfrastructure(Infrastructure):
    """MongoDB (one events and one views database per service) and Kafka."""

    def __init__(self, settings: Settings):
        from pymongo import MongoClient

        from services.common.bus.kafka import KafkaBus

        if not settings.mongo_uri or settings.kafka is None:
            raise ValueError("the distributed runtime needs a MongoDB URI and Kafka bootstrap servers")
        self.client: MongoClient = MongoClient(settings.mongo_uri, serverSelectionTimeoutMS=10_000,
                                               event_listeners=[MongoErrorListener()], **dict(settings.mongo_options))
        self.prefix = settings.mongo_database_prefix
        self.bus = KafkaBus(settings.kafka)

    def event_store(self, service: str) -> EventStore:
        from services.common.eventstore.mongo import MongoEventStore

        return MongoEventStore(self.client, f"{self.prefix}_{service}_events")

    def documents(self, service: str) -> DocumentStore:
        from services.common.readmodel.mongo import MongoDocumentStore

        return MongoDocumentStore(self.client, f"{self.prefix}_{service}_views")

    def close(self) -> None:
        super().close()
        self.client.close()


class ServiceHost:
    """Runs one service's roles in this process; `stop` ends them in reverse order."""

    def __init__(self, service: str, infrastructure: Infrastructure, settings: Settings, roles: Sequence[str] = ROLES):
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}; choose from {', '.join(ROLES)}")
        self.service = service
        self.roles = tuple(roles)
        self.settings = settings
        self.store = infrastructure.event_store(service)
        self.docs = infrastructure.documents(service)
        self.bus = infrastructure.bus
        self.definition = builder(service)(ServiceContext(service, self.store, self.docs, settings))
        self.relay = OutboxRelay(self.store, self.bus, topic_for(service), source_for(service), linger=settings.relay_linger)
        self.runners = [ProjectionRunner(p, self.docs, self.bus) for p in self.definition.projections]
        self.server: GrpcServer | None = None
        self.port = 0
        #: The process's metrics and health endpoint, shared with the other hosts of this process.
        self.telemetry: Endpoint | None = None
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> "ServiceHost":
        log.info("%s: starting %s with %r", self.service, ",".join(self.roles), self.settings)
        if "projector" in self.roles:
            self._ensure_subscribed_topics()
        if "relay" in self.roles:
            self._spawn(f"{self.service}-relay", lambda: self.relay.run(self._stop))
        if "projector" in self.roles and self.definition.kafka_projector and self.settings.kafka is not None:
            self._spawn(f"{self.service}-projector", lambda: self.definition.kafka_projector(self.runners, self._stop))
        elif "projector" in self.roles:
            for runner in self.runners:
                self._spawn(runner.projection.name, lambda r=runner: r.run(self._stop))
        if "api" in self.roles:
            auth = self.settings.auth
            if auth is None:
                raise ValueError("no token keys configured: set FEDSTD_AUTH_KEYS (or FEDSTD_AUTH_DISABLED=true on purpose)")
            authenticator = Authenticator(auth) if auth.enabled else None
            services = [*self.definition.grpc_services, audit_service(self.service, self.store, self.definition.audit_stream)]
            self.server = GrpcServer(services, self.settings.host, self.settings.ports[self.service],
                                     authenticator, tls=self.settings.tls, health_port=self.settings.health_port)
            self.port = self.server.start()
            if self.definition.warm_up is not None:
                threading.Thread(target=self._warm_up, name=f"{self.service}-warm-up", daemon=True).start()
            log.info("%s: gRPC on %s:%s (%s)%s", self.service, self.settings.host, self.port,
                     "plaintext" if self.settings.tls is None else
                     "mutual TLS" if self.settings.tls.client_ca_file else "TLS",
                     f", health only on {self.server.health_port}" if self.server.health_port else "")
        if self.settings.log_format == "json":
            use_json_logs()
        self.telemetry = acquire(EndpointSettings(self.settings.host, self.settings.metrics_port,
                                                  self.settings.liveness_timeout))
        return self

    def _warm_up(self) -> None:
        """Not joined on stop: a stop during a long warm-up ends it with the closed store (logged, harmless)."""
        try:
            self.definition.warm_up()
        except Exception as exc:
            log.info("%s: warm-up ended early: %r", self.service, exc)

    def _ensure_subscribed_topics(self) -> None:
        """Creates the topics the projections read before they subscribe: a consumer that subscribes to a
        topic before its producer made it may not see it until its next metadata refresh (minutes)."""
        topics = sorted({topic for projection in self.definition.projections for topic in projection.topics})
        try:
            self.bus.ensure_topics(topics)
        except BusUnavailable as exc:
            log.warning("%s: could not create topics %s yet: %s", self.service, topics, exc)

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self, grace: float = 5.0) -> None:
        if self.server is not None:
            self.server.stop(grace)
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=grace + 10)
        self.store.close()
        self.docs.close()
        release(self.telemetry)
        self.telemetry = None


class ProcessStartError(RuntimeError):
    """A child process of the embedded suite ended before it was ready (it said why on its standard error)."""


class ChildProcess:
    """One of the embedded suite's child processes (`services/common/workers.py`), restarted when it dies: the
    worker (`api=None`: every service's relays and projections) or one service's gRPC API.

    The child reads a pipe from this process and stops when it closes: on `stop`, or when this process
    dies in any way (the system closes the pipe), so that a child never outlives its suite. An API child
    started again serves the port its first start bound.
    """

    #: A child that keeps dying waits longer before each new start, up to this; one that ran this long starts afresh.
    MAX_RESTART_DELAY = 30.0

    def __init__(self, settings: Settings, api: str | None = None, restart_delay: float = 1.0):
        self.settings = settings
        self.api = api
        self.name = f"{api} API" if api else "worker"
        #: The child's gRPC port (0 for the worker, or until an API child said which port it bound).
        self.port = settings.ports[api] if api else 0
        self.restart_delay = restart_delay
        self.process: subprocess.Popen[bytes] | None = None
        #: How often the child died and was started again.
        self.restarts = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._supervisor = threading.Thread(target=self._supervise, name=f"{self.name}-supervisor", daemon=True)

    def start(self) -> "ChildProcess":
        """Starts the child; `wait_ready` waits until it serves (the suite starts its own servers meanwhile)."""
        self._spawn()
        return self

    def wait_ready(self) -> None:
        """Waits for the child's `ready PORT` line; then a dying child is started again."""
        self.port = self._ready(self.process)
        self._supervisor.start()

    def _ready(self, process: subprocess.Popen[bytes]) -> int:
        line = process.stdout.readline().decode()
        process.stdout.close()  # the child writes nothing more there
        if not line.startswith("ready "):
            process.wait()
            raise ProcessStartError(f"the {self.name} process ended before it was ready (exit status {process.returncode})")
        return int(line.split()[1])

    def _spawn(self) -> None:
        level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
        command = [sys.executable, "-m", "services.common.workers", str(self.settings.data_dir), "--log-level", level]
        if self.api:
            command += ["--api", self.api, "--host", self.settings.host, "--port", str(self.port)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        log.info("%s process %d started", self.name, self.process.pid)

    def _supervise(self) -> None:
        delay = self.restart_delay
        while True:
            process = self.process
            assert process is not None
            started = time.monotonic()
            returncode = process.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started > self.MAX_RESTART_DELAY:
                delay = self.restart_delay  # it ran a good while: a single crash, not a crash loop
            log.warning("the %s process %d ended (exit status %s); starting it again in %.1f s",
                        self.name, process.pid, returncode, delay)
            if self._stopping.wait(delay):
                return
            delay = min(delay * 2, self.MAX_RESTART_DELAY)
            with self._lock:
                if self._stopping.is_set():
                    return
                self._spawn()
                self.restarts += 1
            try:
                self._ready(self.process)
            except ProcessStartError as exc:  # it died during its start: the next turn starts it again
                if not self._stopping.is_set():  # (on a stop during a start, the child ends as asked)
                    log.warning("%s", exc)

    def stop(self, grace: float = 5.0) -> None:
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is None:
            return
        process.stdin.close()  # the child's cue to stop
        try:
            process.wait(timeout=grace + 10)
        except subprocess.TimeoutExpired:
            log.warning("the %s process %d did not stop in time; killing it", self.name, process.pid)
            process.kill()
            process.wait()
        if self._supervisor.is_alive():
            self._supervisor.join()


class Suite:
    """Every service of the embedded runtime (`fedstd up`). With `workers="threads"` (the default for library use
    and tests) all of it runs in this process. With `workers="process"` (the default of `fedstd up`) this process
    serves the gRPC APIs of registry and assessment; the reporting API (`SEPARATE_API`) and the relays and
    projections (the worker) run in child processes over the same data folder."""

    def __init__(self, settings: Settings, infrastructure: Infrastructure | None = None, workers: str = "threads"):
        if workers not in WORKER_MODES:
            raise ValueError(f"unknown workers {workers!r}; one of {', '.join(WORKER_MODES)}")
        if workers == "process" and infrastructure is not None:
            raise ValueError("child processes run over the embedded data folder only")
        #: True when this start made the local token key (the CLI then prints a first token, once).
        self.made_local_key = False
        if settings.health_port is not None:
            raise ValueError("a health-only port (FEDSTD_HEALTH_PORT) is for one service per process: fedstd serve")
        if settings.auth is None:
            settings.auth, self.made_local_key = AuthSettings.local(settings.data_dir)
        self.settings = settings
        self.infrastructure = infrastructure or EmbeddedInfrastructure(settings.data_dir)
        #: The child processes: the worker and the separate API's (none with `workers="threads"`).
        self.children: list[ChildProcess] = []
        if workers == "process":
            self.children = [ChildProcess(settings), ChildProcess(settings, SEPARATE_API)]
        roles = ("api",) if self.children else ROLES
        self.hosts = [ServiceHost(s, self.infrastructure, settings, roles) for s in SERVICES
                      if not (self.children and s == SEPARATE_API)]

    def start(self) -> "Suite":
        for child in self.children:  # the children start while this process starts its servers
            child.start()
        try:
            for host in self.hosts:
                host.start()
            for child in self.children:
                child.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    @property
    def ports(self) -> dict[str, int]:
        ports = {host.service: host.port for host in self.hosts}
        ports.update((child.api, child.port) for child in self.children if child.api)
        return {service: ports[service] for service in SERVICES}

    def stop(self, grace: float = 5.0) -> None:
        for host in self.hosts:
            host.stop(grace)
        for child in self.children:
            child.stop(grace)
        self.infrastructure.close()
