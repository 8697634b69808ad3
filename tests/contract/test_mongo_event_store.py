"""The event-store contract on MongoDB: nx-27017 by default, a real MongoDB via FEDSTD_TEST_MONGO_URI."""
import time

import pytest
from pymongo import MongoClient

from services.common.eventstore import NO_STREAM
from services.common.eventstore.mongo import MongoEventStore
from tests.contract.event_store_contract import EventStoreContract, event


class TestMongoEventStore(EventStoreContract):
    @pytest.fixture(autouse=True)
    def _database(self, mongo_uri: str, mongo_database: str) -> None:
        self.make_store = lambda: MongoEventStore(MongoClient(mongo_uri), mongo_database, gap_timeout=1.0)

    def test_reader_waits_for_a_late_commit_instead_of_skipping_it(self) -> None:
        store = self.make_store()
        store.append("early", NO_STREAM, [event("early")])
        late_position = store._reserve(1)  # an appender that reserved its position and is slow to commit
        store.append("later", NO_STREAM, [event("later")])
        # The commit after the gap is held back while the gap is young.
        assert [e.stream_id for e in store.read_all(0, 10)] == ["early"]
        assert store.read_all(1, 10) == []
        store._commits.insert_one(store._commit_document(late_position, "late", 1, [event("late")]))
        assert [e.stream_id for e in store.read_all(1, 10)] == ["late", "later"]

    def test_abandoned_gap_is_fenced_and_a_late_appender_retries(self) -> None:
        store = self.make_store()
        store.append("first", NO_STREAM, [event("first")])
        abandoned = store._reserve(1)  # an appender that crashed after reserving
        store.append("after", NO_STREAM, [event("after")])
        assert store.read_all(1, 10) == []
        time.sleep(1.1)
        assert [e.stream_id for e in store.read_all(1, 10)] == ["after"]
        fenced = store._commits.find_one({"_id": abandoned})
        assert fenced["stream_id"].startswith("$void:")
        # Nothing can be committed at a fenced position any more.
        assert store.read_all(0, 10)[-1].stream_id == "after"
