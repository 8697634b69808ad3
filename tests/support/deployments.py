"""A whole fedstd deployment for reliability tests, on either runtime, with the same questions for both:
its ports, its event stores, its read models, the records on its topics, and a way to put records
onto a topic as a foreign producer would.

* `EmbeddedSuite`: the embedded runtime in this process (`Suite`, SQLite, the local bus).
* `EmbeddedProcess`: `fedstd up` as a process, which a test may `kill -9` and start again.
* `Distributed`: three `fedstd serve` processes over a Tansu broker and a MongoDB-protocol server.
"""
from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from pymongo import MongoClient

from services.common.auth import TokenIssuer
from services.common.bus import Record
from services.common.cloudevents import topic_for
from services.common.config import SERVICES, Settings
from services.common.eventstore import EventStore
from services.common.eventstore.mongo import MongoEventStore
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.readmodel import DocumentStore
from services.common.readmodel.mongo import MongoDocumentStore
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.common.runtime import Suite
from tests.support.agreement import Audit, audit, kafka_records, local_committed, local_records
from tests.support.fedstd import FedstdService, FedstdUp
from tests.support.servers import TansuBroker


ALL_ROLES = "api,relay,projector"


class Deployment(ABC):
    runtime: str
    issuer: TokenIssuer
    ports: dict[str, int]

    @abstractmethod
    def stores(self) -> dict[str, EventStore]: ...

    @abstractmethod
    def views(self) -> dict[str, DocumentStore]: ...

    @abstractmethod
    def records(self, topic: str) -> list[Record]:
        """Every record on `topic` now, dead-letter topics included."""

    @abstractmethod
    def inject(self, records: Sequence[Record]) -> None:
        """Puts records onto their topics as another producer would (not through fedstd)."""

    @abstractmethod
    def committed(self, group: str, topic: str) -> int:
        """How many records of `topic` the consumer group has committed as done (over all partitions)."""

    @abstractmethod
    def close(self) -> None: ...

    def target(self, service: str) -> str:
        return f"127.0.0.1:{self.ports[service]}"

    def audit(self, workdir: Path) -> Audit:
        return audit(self.stores(), {s: self.records(topic_for(s)) for s in SERVICES}, self.views(), workdir)


class EmbeddedFolder(Deployment):
    """What both embedded forms share: one data folder, whose bus file any process may read."""

    runtime = "embedded"
    data_dir: Path

    def records(self, topic: str) -> list[Record]:
        return local_records(self.data_dir / "bus.db", topic)

    def committed(self, group: str, topic: str) -> int:
        return local_committed(self.data_dir / "bus.db", group, topic)


class EmbeddedSuite(EmbeddedFolder):
    """The embedded runtime in this process."""

    def __init__(self, data_dir: Path) -> None:
        self.issuer = TokenIssuer.generate()
        self.data_dir = data_dir
        self.suite = Suite(Settings(data_dir=data_dir, ports={s: 0 for s in SERVICES}, auth=self.issuer.settings(),
                                    read_your_writes_timeout=30.0)).start()
        self.ports = self.suite.ports

    def stores(self) -> dict[str, EventStore]:
        return {host.service: host.store for host in self.suite.hosts}

    def views(self) -> dict[str, DocumentStore]:
        return {host.service: host.docs for host in self.suite.hosts}

    def inject(self, records: Sequence[Record]) -> None:
        self.suite.infrastructure.bus.publish(records)

    def close(self) -> None:
        self.suite.stop()


class EmbeddedProcess(EmbeddedFolder):
    """`fedstd up` on a data folder; a test may `kill` and `start` its `process`: the folder keeps the state."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.issuer = TokenIssuer.generate()
        self.data_dir = data_dir
        self.process = FedstdUp(data_dir, env={**self.issuer.settings().environment(),
                                               "FEDSTD_READ_YOUR_WRITES_TIMEOUT_S": "30", **(env or {})})
        self.ports = self.process.ports
        self.process.start()
        self._stores = {s: SqliteEventStore(self.data_dir / f"{s}.events.db") for s in SERVICES}
        self._views = {s: SqliteDocumentStore(self.data_dir / f"{s}.views.db") for s in SERVICES}

    def stores(self) -> dict[str, EventStore]:
        return dict(self._stores)

    def views(self) -> dict[str, DocumentStore]:
        return dict(self._views)

    def inject(self, records: Sequence[Record]) -> None:
        raise NotImplementedError("the embedded bus takes records only from the process that runs it")

    def close(self) -> None:
        for opened in [*self._stores.values(), *self._views.values()]:
            opened.close()
        self.process.stop()


class Distributed(Deployment):
    """A Tansu broker of its own and one `fedstd serve` process per service (every role, unless `roles` says
    otherwise for a service) on `mongo_uri`."""

    runtime = "distributed"

    def __init__(self, workdir: Path, mongo_uri: str, env: dict[str, str] | None = None,
                 roles: dict[str, str] | None = None) -> None:
        self.issuer = TokenIssuer.generate()
        self.workdir = workdir
        self.mongo_uri = mongo_uri
        self.prefix = f"rel{uuid.uuid4().hex[:8]}"
        self._stack = ExitStack()
        self.client: MongoClient = MongoClient(mongo_uri, serverSelectionTimeoutMS=30_000)
        self._stack.callback(self.client.close)
        self._stack.callback(self._drop_databases)
        try:
            self.broker = self._stack.enter_context(TansuBroker(workdir / "tansu"))
            self.env = {**self.issuer.settings().environment(), **(env or {})}
            self.hosts = {service: self._stack.enter_context(self.service(service, (roles or {}).get(service, ALL_ROLES)))
                          for service in SERVICES}
        except BaseException:
            self._stack.close()
            raise
        self.ports = {service: host.port for service, host in self.hosts.items()}

    def service(self, service: str, roles: str = ALL_ROLES, env: dict[str, str] | None = None,
                name: str | None = None) -> FedstdService:
        """A `fedstd serve` process of this deployment (not started)."""
        return FedstdService(self.workdir / (name or service), service, self.broker.bootstrap, self.mongo_uri, self.prefix,
                             roles=roles, env={**self.env, **(env or {})})

    def _drop_databases(self) -> None:
        for name in self.client.list_database_names():
            if name.startswith(f"{self.prefix}_"):
                self.client.drop_database(name)

    def stores(self) -> dict[str, EventStore]:
        return {s: MongoEventStore(self.client, f"{self.prefix}_{s}_events") for s in SERVICES}

    def views(self) -> dict[str, DocumentStore]:
        return {s: MongoDocumentStore(self.client, f"{self.prefix}_{s}_views") for s in SERVICES}

    def records(self, topic: str) -> list[Record]:
        return kafka_records(self.broker.bootstrap, topic)

    def inject(self, records: Sequence[Record]) -> None:
        producer = KafkaProducer(bootstrap_servers=self.broker.bootstrap, acks="all")
        try:
            for record in records:
                producer.send(record.topic, key=record.key.encode(), value=record.value,
                              headers=[(k, v.encode()) for k, v in record.headers.items()])
            producer.flush(30)
        finally:
            producer.close(5)

    def committed(self, group: str, topic: str) -> int:
        consumer = KafkaConsumer(bootstrap_servers=self.broker.bootstrap, group_id=group, enable_auto_commit=False)
        try:
            partitions = consumer.partitions_for_topic(topic) or set()
            return sum(consumer.committed(TopicPartition(topic, p)) or 0 for p in partitions)
        finally:
            consumer.close(autocommit=False)

    def close(self) -> None:
        self._stack.close()
