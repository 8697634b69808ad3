"""The read-model contract: keyed JSON documents with a version guard, and indexed queries.

Every document is written by the events of one stream, and stores that stream's version with it
(`_version`). A change is applied only when its version is newer, in the same single-document
write that sets the fields: the change and its tracking mark are written together, so an event
delivered twice changes nothing the second time. Fields are set, never incremented; counts are
answered by indexed queries over the documents.

Change feed: every `apply` that writes takes a new, greater stamp and marks the documents it
writes with it. `stamp()` is a watermark: every change stamped at or below it is completely
written. A reader that keeps something derived from the documents (in-memory totals) follows the
store with `changed(collection, since=W)` and then moves W to the `stamp()` it read before; a
document stamped above the watermark may be read twice, so such readers key what they keep by
document.

Queries take a small subset of MongoDB's filter language: `{"field": value}` or
`{"field": {"$gte" | "$gt" | "$lte" | "$lt" | "$ne" | "$in": value}}`, all conditions ANDed.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
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
    for change in sorted(changes, key=attrgetter("version")):
        document = (change.collection, change.key)
        if change.version <= stored_versions.get(document, 0):
            continue
        previous = merged.get(document)
        merged[document] = change if previous is None else Put(
            change.collection, change.key, change.version, {**previous.fields, **change.fields})
    return list(merged.values())


class DocumentStore(ABC):
    @abstractmethod
    def apply(self, changes: Sequence[Put]) -> int:
        """Applies the changes that are newer than what is stored; returns how many documents changed."""

    @abstractmethod
    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        """The document with `_key` and `_version` added, or None."""

    def get_many(self, collection: str, keys: Sequence[str]) -> dict[str, dict[str, Any] | None]:
        """`get` of every key (None for an absent one); stores with round trips answer with one query."""
        return {key: self.get(collection, key) for key in keys}

    @abstractmethod
    def find(
        self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100
    ) -> list[dict[str, Any]]:
        """Matching documents in key order, starting after `after_key` (keyset paging)."""

    @abstractmethod
    def count(self, collection: str, where: Filter | None = None) -> int: ...

    @abstractmethod
    def stamp(self) -> int:
        """The change feed's watermark: every change stamped at or below it is completely written (0: none yet)."""

    @abstractmethod
    def changed(self, collection: str, since: int, after_key: str = "", limit: int = 1000) -> list[dict[str, Any]]:
        """Documents last written by a change stamped after `since`, in key order after `after_key` (keyset paging)."""

    @abstractmethod
    def ensure_index(self, collection: str, fields: Sequence[str]) -> None: ...

    @abstractmethod
    def drop_collections(self, collections: Sequence[str]) -> None:
        """Empties collections (and drops their indexes: a rebuild creates them after the load)."""

    def close(self) -> None: ...
