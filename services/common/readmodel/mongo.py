"""MongoDB read models for the distributed runtime: one collection per read-model collection.

The change feed: MongoDB writes one document at a time, so a change's stamp cannot commit with
its documents. A writer takes the next stamp and registers itself as writing (one atomic update
of the `readmodel_stamp` document), writes its documents marked `_stamp`, then unregisters; the
one that leaves no writer behind raises `settled` to the stamps issued so far, which is the
watermark. A writer that died while writing is forgotten after `ABANDONED_S`, so the watermark
moves on; what it wrote is read again by readers, which is harmless.
"""
from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pymongo import ASCENDING, MongoClient, ReturnDocument, UpdateOne
from pymongo.errors import BulkWriteError

from services.common.failpoints import failpoint
from services.common.readmodel.base import DocumentStore, Filter, Put, newest_per_document

DUPLICATE_KEY = 11000
STAMP_COLLECTION, STAMP_ID = "readmodel_stamp", "stamp"
#: A writer registered longer ago than this died while writing: far longer than a batch takes.
ABANDONED_S = 300.0


class MongoDocumentStore(DocumentStore):
    def __init__(self, client: MongoClient, database: str):
        self._db = client[database]

    def apply(self, changes: Sequence[Put]) -> int:
        if not changes:
            return 0
        token = uuid.uuid4().hex
        stamp = self._meta().find_one_and_update(
            {"_id": STAMP_ID}, {"$inc": {"issued": 1}, "$push": {"writing": {"token": token, "at": time.time()}}},
            upsert=True, return_document=ReturnDocument.AFTER)["issued"]
        try:
            return self._apply(changes, stamp)
        finally:
            meta = self._meta().find_one_and_update({"_id": STAMP_ID}, {"$pull": {"writing": {"token": token}}},
                                                    return_document=ReturnDocument.AFTER)
            abandoned = time.time() - ABANDONED_S
            if all(writer["at"] < abandoned for writer in meta.get("writing", [])):
                self._meta().update_one({"_id": STAMP_ID}, {"$max": {"settled": meta["issued"]}})

    def _meta(self):
        return self._db[STAMP_COLLECTION]

    def _apply(self, changes: Sequence[Put], stamp: int) -> int:
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
            operations = [_guarded_upsert(change, stamp) for change in fresh]
            try:
                result = self._db[collection].bulk_write(operations, ordered=False)
                applied += result.upserted_count + result.modified_count
            except BulkWriteError as exc:
                # A duplicate key here means a newer version won a race: the guard did its job.
                if any(e["code"] != DUPLICATE_KEY for e in exc.details["writeErrors"]):
                    raise
                applied += exc.details.get("nUpserted", 0) + exc.details.get("nModified", 0)
            failpoint("readmodel.after_collection")
        return applied

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        document = self._db[collection].find_one({"_id": key})
        return _document(document) if document else None

    def get_many(self, collection: str, keys: Sequence[str]) -> dict[str, dict[str, Any] | None]:
        found = {d["_id"]: _document(d) for d in self._db[collection].find({"_id": {"$in": list(keys)}})}
        return {key: found.get(key) for key in keys}

    def find(self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100) -> list[dict[str, Any]]:
        query = {**(where or {}), "_id": {"$gt": after_key}}
        return [_document(d) for d in self._db[collection].find(query).sort("_id", ASCENDING).limit(limit)]

    def count(self, collection: str, where: Filter | None = None) -> int:
        return self._db[collection].count_documents(dict(where or {}))

    def stamp(self) -> int:
        meta = self._meta().find_one({"_id": STAMP_ID}) or {}
        return meta.get("settled", 0)

    def changed(self, collection: str, since: int, after_key: str = "", limit: int = 1000) -> list[dict[str, Any]]:
        query = {"_stamp": {"$gt": since}, "_id": {"$gt": after_key}}
        return [_document(d) for d in self._db[collection].find(query).sort("_id", ASCENDING).limit(limit)]

    def ensure_index(self, collection: str, fields: Sequence[str]) -> None:
        self._db[collection].create_index([(f, ASCENDING) for f in fields])
        self._db[collection].create_index([("_stamp", ASCENDING)])

    def drop_collections(self, collections: Sequence[str]) -> None:
        for collection in collections:
            self._db[collection].drop()


def _guarded_upsert(change: Put, stamp: int) -> UpdateOne:
    to_set = {k: v for k, v in change.fields.items() if v is not None}
    update: dict[str, Any] = {"$set": {**to_set, "_version": change.version, "_stamp": stamp}}
    if to_unset := [k for k, v in change.fields.items() if v is None]:
        update["$unset"] = {k: "" for k in to_unset}
    return UpdateOne({"_id": change.key, "_version": {"$lt": change.version}}, update, upsert=True)


def _document(document: dict[str, Any]) -> dict[str, Any]:
    body = {k: v for k, v in document.items() if k not in ("_id", "_stamp")}
    return {**body, "_key": document["_id"]}
