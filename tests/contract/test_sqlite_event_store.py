from pathlib import Path

import pytest

from services.common.eventstore.sqlite import SqliteEventStore
from tests.contract.event_store_contract import EventStoreContract


class TestSqliteEventStore(EventStoreContract):
    @pytest.fixture(autouse=True)
    def _database(self, tmp_path: Path) -> None:
        path = tmp_path / "events.db"
        self.make_store = lambda: SqliteEventStore(path)
