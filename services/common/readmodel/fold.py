"""Read-model documents folded in memory from a projection's changes, without a store.

A command answers with its resource as the read model will show it. The changes its stream's
events make are folded here by the stores' own rule (`newest_per_document`: later versions set
fields whole; a field set to None is removed), which gives the documents a store would hold after
applying them to an empty collection, without SQL or JSON.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.common.readmodel.base import Filter, Put, newest_per_document


class FoldedDocuments:
    """The documents some changes make, read like a `DocumentStore` (`get`, and `find` by equal fields)."""

    def __init__(self, changes: Sequence[Put]):
        self._documents: dict[tuple[str, str], dict[str, Any]] = {
            (change.collection, change.key): {
                **{field: value for field, value in change.fields.items() if value is not None},
                "_key": change.key, "_version": change.version}
            for change in newest_per_document(changes, {})
        }

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        return self._documents.get((collection, key))

    def find(self, collection: str, where: Filter | None = None, after_key: str = "", limit: int = 100) -> list[dict[str, Any]]:
        """Documents whose fields equal `where`'s values, in key order (operators are not supported here)."""
        conditions = dict(where or {})
        if any(isinstance(value, dict) for value in conditions.values()):
            raise ValueError(f"folded documents are found by equal fields only: {conditions}")
        found = [document for (kind, key), document in self._documents.items()
                 if kind == collection and key > after_key
                 and all(document.get(field) == value for field, value in conditions.items())]
        return sorted(found, key=lambda document: document["_key"])[:limit]
