"""MongoDB read models for the distributed runtime: one collection per read-model collection."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pymongo import ASCENDING, MongoClient, UpdateOne
from pymongo.errors import BulkWriteError

from services.common.readmodel.base import DocumentStore, Filter, Put, newest_per_document

DUPLICATE_KEY = 11000


class MongoDocumentStore(DocumentStore):
    def __init__(self, client: MongoClient, database: str):
        self._db = client[database]

    def apply(self, changes: Sequence[Put]) -> int:
        by_collection: dict[str, list[Put]] = defaultdict(list)
        for change in changes:
            by_collection[change.collection].append(change)
        applied = 0
        for collection, group in by_collection.items():
            keys = list({c.key for c in group})
            stored = {
                (collection, d["_id"]): d["_version"]
                for d in self._db[collection].find({"_id": {"$in": keys}}, {"_version": 1})
            }
            fresh = newest_per_document(group, stored)
            if not fresh:
                continue
            operations = [_guarded_upsert(change) for change in fresh]
            try:
                result = self._db[collection].bulk_write(operations, ordered=False)
                applied += result.upserted_count + result.modified_count
            except BulkWriteError as exc:
                # A duplicate key here means a newer version won a race: the guard did its job.
                if any(e["code"] != DUPLICATE_KEY for e in exc.details["writeErrors"]):
                    raise
                applied += exc.details.get("nUpserted", 0) + exc.details.get("nModified", 0)
        return applied

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        document = self._db[collection].find_one({"_id": key})
        return _document(document) if document else None

    def find(self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100) -> list[dict[str, Any]]:
        query = {**(where or {}), "_id": {"$gt": after_key}}
        return [_document(d) for d in self._db[collection].find(query).sort("_id", ASCENDING).limit(limit)]

    def count(self, collection: str, where: Filter | None = None) -> int:
        return self._db[collection].count_documents(dict(where or {}))

    def ensure_index(self, collection: str, fields: Sequence[str]) -> None:
        self._db[collection].create_index([(f, ASCENDING) for f in fields])

    def drop_collections(self, collections: Sequence[str]) -> None:
        for collection in collections:
            self._db[collection].delete_many({})


def _guarded_upsert(change: Put) -> UpdateOne:
    to_set = {k: v for k, v in change.fields.items() if v is not None}
    update: dict[str, Any] = {"$set": {**to_set, "_version": change.version}}
    if to_unset := [k for k, v in change.fields.items() if v is None]:
        update["$unset"] = {k: "" for k in to_unset}
    return UpdateOne({"_id": change.key, "_version": {"$lt": change.version}}, update, upsert=True)


def _document(document: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in document.items() if k != "_id"}
    return {**body, "_key": document["_id"]}
