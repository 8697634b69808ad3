"""Shared fixtures: real wire-protocol servers as processes on 127.0.0.1, started once per session."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from pymongo import MongoClient

from tests.support.servers import MongoWireServer, TansuBroker


@pytest.fixture(scope="session")
def mongo_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The nx-27017 MongoDB-protocol server, or a real MongoDB named by FEDSTD_TEST_MONGO_URI."""
    if uri := os.environ.get("FEDSTD_TEST_MONGO_URI"):
        yield uri
        return
    with MongoWireServer(tmp_path_factory.mktemp("mongo")) as server:
        yield server.uri


@pytest.fixture(scope="session")
def mongo_client(mongo_uri: str) -> Iterator[MongoClient]:
    client: MongoClient = MongoClient(mongo_uri, serverSelectionTimeoutMS=10_000)
    yield client
    client.close()


@pytest.fixture
def mongo_database(mongo_client: MongoClient) -> Iterator[str]:
    """A database name of its own for one test, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    yield name
    mongo_client.drop_database(name)


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TansuBroker]:
    """A Tansu Kafka-protocol broker with in-memory storage, shared by the session."""
    with TansuBroker(tmp_path_factory.mktemp("tansu")) as broker:
        yield broker
