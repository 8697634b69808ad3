from pathlib import Path

import pytest

from services.common.readmodel.sqlite import SqliteDocumentStore
from tests.contract.document_store_contract import DocumentStoreContract


class TestSqliteDocumentStore(DocumentStoreContract):
    @pytest.fixture(autouse=True)
    def _database(self, tmp_path: Path) -> None:
        path = tmp_path / "readmodels.db"
        self.make_store = lambda: SqliteDocumentStore(path)
