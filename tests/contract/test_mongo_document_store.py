"""The read-model contract on MongoDB: nx-27017 by default, a real MongoDB via FEDSTD_TEST_MONGO_URI."""
import pytest
from pymongo import MongoClient

from services.common.readmodel.mongo import MongoDocumentStore
from tests.contract.document_store_contract import DocumentStoreContract

pytestmark = pytest.mark.mongo


class TestMongoDocumentStore(DocumentStoreContract):
    @pytest.fixture(autouse=True)
    def _database(self, mongo_client: MongoClient, mongo_database: str) -> None:
        self.make_store = lambda: MongoDocumentStore(mongo_client, mongo_database)
