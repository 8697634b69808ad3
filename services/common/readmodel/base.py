"""The read-model contract: keyed JSON documents with a version guard, and indexed queries.

Every document is written by the events of one stream, and stores that stream's version with it
(`_version`). A change is applied only when its version is newer, in the same single-document
write that sets the fields: the change and its tracking mark are written together, so an event
delivered twice changes nothing the second time. Fields are set, never incremented; counts are
answered by indexed queries over the documents.

Queries take a small subset of MongoDB's filter language: `{"field": value}` or
`{"field": {"$gte" | "$gt" | "$lte" | "$lt" | "$ne" | "$in": value}}`, all conditions ANDed.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Filter = Mapping[str, Any]
OPERATORS = ("$gte", "$gt", "$lte", "$lt", "$ne", "$in")


@dataclass(frozen=True)
class Put:
    """Sets `fields` on document `key` of `collection` if `version` is newer than the stored one."""

    collection: str
    key: str
    version: int
    fields: Mapping[str, Any]


def newest_per_document(changes: Sequence[Put], stored_versions: Mapping[tuple[str, str], int]) -> list[Put]:
    """Folds a batch into one change per document, dropping changes already applied.

    Later versions override earlier ones field by field, so the result equals applying the
    remaining changes one by one.
    """
    merged: dict[tuple[str, str], Put] = {}
    for change in sorted(changes, key=lambda c: c.version):
        document = (change.collection, change.key)
        if change.version <= stored_versions.get(document, 0):
            continue
        previous = merged.get(document)
        fields = {**previous.fields, **change.fields} if previous else dict(change.fields)
        merged[document] = Put(change.collection, change.key, change.version, fields)
    return list(merged.values())


class DocumentStore(ABC):
    @abstractmethod
    def apply(self, changes: Sequence[Put]) -> int:
        """Applies the changes that are newer than what is stored; returns how many documents changed."""

    @abstractmethod
    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        """The document with `_key` and `_version` added, or None."""

    @abstractmethod
    def find(
        self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100
    ) -> list[dict[str, Any]]:
        """Matching documents in key order, starting after `after_key` (keyset paging)."""

    @abstractmethod
    def count(self, collection: str, where: Filter | None = None) -> int: ...

    @abstractmethod
    def ensure_index(self, collection: str, fields: Sequence[str]) -> None: ...

    @abstractmethod
    def drop_collections(self, collections: Sequence[str]) -> None:
        """Empties collections before a rebuild."""

    def close(self) -> None: ...
