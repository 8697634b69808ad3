"""MongoDB event store for the distributed runtime (pymongo).

Each append is one document (a "commit") holding all its events, so it is written whole or not at
all without multi-document transactions. A unique index on (stream_id, from_version) refuses a
second append after the same version.

Global positions come from a counter (`$inc` reserves one position per event) and the commit's
`_id` is its first position. A commit may become visible after a later one, so a reader that finds
a gap waits; when the gap is older than `gap_timeout` it fences it by inserting a void document at
that position. The `_id` is unique, so either the late commit or the void wins: a late commit that
loses takes fresh positions and retries. A reader therefore never skips an event, and never waits
forever for an append that crashed after reserving its positions.

A batch append reserves the positions of all its commits at once and inserts them in one
unordered bulk write; a commit the unique indexes refuse gives its positions back (voids them)
and goes through `append` alone, which either stores it after all or refuses it.
"""
from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime, timezone

from pymongo import ASCENDING, DESCENDING, MongoClient, ReturnDocument
from pymongo.errors import BulkWriteError, DuplicateKeyError

from services.common.errors import ConcurrencyError
from services.common.events import Metadata, NewEvent, StoredEvent
from services.common.eventstore.base import (
    ANY_VERSION,
    NO_STREAM,
    Append,
    EventStore,
    Outcome,
    check_expected,
    distinct_streams,
)

VOID_STREAM_PREFIX = "$void:"
DUPLICATE_KEY = 11000


class MongoEventStore(EventStore):
    def __init__(self, client: MongoClient, database: str, gap_timeout: float = 5.0):
        super().__init__()
        db = client[database]
        self._commits = db["events"]
        self._counters = db["counters"]
        self._checkpoints = db["checkpoints"]
        self._gap_timeout = gap_timeout
        self._gaps_seen: dict[int, float] = {}
        self._commits.create_index([("stream_id", ASCENDING), ("from_version", ASCENDING)], unique=True)
        # Followers range over `last` (a commit's last position), not `_id`: servers such as nx-27017
        # answer a range on `_id` by scanning every commit, and use no compound index for its first field.
        self._commits.create_index([("last", ASCENDING)])
        self._commits.create_index([("stream_id", ASCENDING)])
        for commit in self._commits.find({"last": {"$exists": False}}, {"count": 1}):  # written before `last`
            self._commits.update_one({"_id": commit["_id"]}, {"$set": {"last": commit["_id"] + commit["count"] - 1}})

    # -- writing -----------------------------------------------------------------------------

    def append(self, stream_id: str, expected_version: int, events: Sequence[NewEvent]) -> list[StoredEvent]:
        if not events:
            return []
        # A new stream needs no read: its first commit starts at version 1, which the unique index
        # gives to one append only (a later version could sit inside a commit of several events).
        current = 0 if expected_version == NO_STREAM else self._stream_version(stream_id)
        check_expected(stream_id, expected_version, current)
        while True:
            first = self._reserve(len(events))
            document = self._commit_document(first, stream_id, current + 1, events)
            try:
                self._commits.insert_one(document)
            except DuplicateKeyError:
                fenced = self._commits.find_one({"_id": first}, {"stream_id": 1})
                if fenced is not None and fenced["stream_id"].startswith(VOID_STREAM_PREFIX):
                    # A reader fenced our first position while we were slow: take new positions.
                    self._void(range(first + 1, first + len(events)))
                    continue
                self._void(range(first, first + len(events)))
                if expected_version == ANY_VERSION:
                    current = self._stream_version(stream_id)
                    continue
                raise ConcurrencyError(
                    f"stream {stream_id} moved past version {current} while appending"
                ) from None
            self.notify_appended()
            return self._expand(document)

    def append_batch(self, appends: Sequence[Append]) -> list[Outcome]:
        distinct_streams(appends)
        heads = self._stream_versions([a.stream_id for a in appends if a.expected_version != NO_STREAM])
        outcomes: list[Outcome] = [[] for _ in appends]
        planned: list[tuple[int, dict]] = []
        first = self._reserve(sum(len(a.events) for a in appends)) if any(a.events for a in appends) else 0
        for index, append in enumerate(appends):
            current = heads.get(append.stream_id, 0)
            try:
                check_expected(append.stream_id, append.expected_version, current)
            except ConcurrencyError as refused:
                outcomes[index] = refused
                self._void(range(first, first + len(append.events)))
            else:
                if append.events:
                    planned.append((index, self._commit_document(first, append.stream_id, current + 1, append.events)))
            first += len(append.events)
        failed: set[int] = set()
        if planned:
            try:
                self._commits.insert_many([document for _, document in planned], ordered=False)
            except BulkWriteError as exc:
                errors = exc.details.get("writeErrors", [])
                if any(error.get("code") != DUPLICATE_KEY for error in errors):
                    raise
                failed = {error["index"] for error in errors}
        for number, (index, document) in enumerate(planned):
            if number not in failed:
                outcomes[index] = self._expand(document)
                continue
            # Another writer took the stream's version, or a reader fenced the first position: alone again.
            self._void(range(document["_id"], document["_id"] + document["count"]))
            append = appends[index]
            try:
                outcomes[index] = self.append(append.stream_id, append.expected_version, append.events)
            except ConcurrencyError as refused:
                outcomes[index] = refused
        self.notify_appended()
        return outcomes

    def _reserve(self, count: int) -> int:
        counter = self._counters.find_one_and_update(
            {"_id": "position"}, {"$inc": {"value": count}}, upsert=True, return_document=ReturnDocument.AFTER
        )
        return counter["value"] - count + 1

    def _void(self, positions: range) -> None:
        for position in positions:
            try:
                self._commits.insert_one(
                    {"_id": position, "last": position, "count": 1, "stream_id": f"{VOID_STREAM_PREFIX}{position}",
                     "from_version": 0}
                )
            except DuplicateKeyError:
                pass  # already fenced by a reader

    @staticmethod
    def _commit_document(first: int, stream_id: str, from_version: int, events: Sequence[NewEvent]) -> dict:
        return {
            "_id": first,
            "last": first + len(events) - 1,
            "count": len(events),
            "stream_id": stream_id,
            "from_version": from_version,
            "events": [
                {
                    "event_id": e.event_id,
                    "type": e.type,
                    "data": e.message.SerializeToString(),
                    "occurred_at": e.occurred_at,
                    "metadata": e.metadata.as_dict(),
                }
                for e in events
            ],
        }

    # -- reading -----------------------------------------------------------------------------

    def _stream_versions(self, stream_ids: Sequence[str]) -> dict[str, int]:
        """The versions of the streams that have events, in one query."""
        versions: dict[str, int] = {}
        if stream_ids:
            commits = self._commits.find({"stream_id": {"$in": list(stream_ids)}}, {"stream_id": 1, "from_version": 1, "count": 1})
            for commit in commits:
                head = commit["from_version"] + commit["count"] - 1
                versions[commit["stream_id"]] = max(head, versions.get(commit["stream_id"], 0))
        return versions

    def _stream_version(self, stream_id: str) -> int:
        head = self._commits.find_one({"stream_id": stream_id}, sort=[("from_version", DESCENDING)])
        return head["from_version"] + head["count"] - 1 if head else 0

    @staticmethod
    def _expand(document: dict) -> list[StoredEvent]:
        return [
            StoredEvent(
                position=document["_id"] + offset,
                stream_id=document["stream_id"],
                version=document["from_version"] + offset,
                event_id=event["event_id"],
                type=event["type"],
                data=bytes(event["data"]),
                occurred_at=_aware(event["occurred_at"]),
                metadata=Metadata.from_dict(event.get("metadata", {})),
            )
            for offset, event in enumerate(document.get("events", []))
        ]

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[StoredEvent]:
        documents = self._commits.find({"stream_id": stream_id}).sort("from_version", ASCENDING)
        return [e for d in documents for e in self._expand(d) if e.version > after_version]

    def read_all(self, after_position: int = 0, limit: int = 1000) -> list[StoredEvent]:
        expected = after_position + 1
        # Commits never overlap, so ordered by their last position they are in global order; the first
        # may have started at or before `after_position` (a commit of several events).
        documents = self._commits.find({"last": {"$gt": after_position}}).sort("last", ASCENDING).limit(limit)
        result: list[StoredEvent] = []
        for document in documents:
            if document["_id"] > expected:
                if not result and self._fence_if_abandoned(expected):
                    return self.read_all(after_position, limit)
                break
            result.extend(e for e in self._expand(document) if e.position >= expected)
            expected = document["_id"] + document["count"]
            if len(result) >= limit:
                break
        return result[:limit]

    def _fence_if_abandoned(self, position: int) -> bool:
        """True when the gap at `position` was fenced (or filled) and the read should be retried."""
        first_seen = self._gaps_seen.setdefault(position, time.monotonic())
        if time.monotonic() - first_seen < self._gap_timeout:
            return False
        self._void(range(position, position + 1))
        self._gaps_seen.pop(position, None)
        return True

    def last_position(self) -> int:
        # The explicit numeric range keeps the sort numeric on servers that order an unfiltered field as text.
        head = self._commits.find_one({"last": {"$gte": 0}}, sort=[("last", DESCENDING)])
        return head["last"] if head else 0

    def get_checkpoint(self, name: str) -> int:
        document = self._checkpoints.find_one({"_id": name})
        return document["position"] if document else 0

    def set_checkpoint(self, name: str, position: int) -> None:
        self._checkpoints.update_one({"_id": name}, {"$max": {"position": position}}, upsert=True)


def _aware(value: datetime) -> datetime:
    """BSON dates come back naive in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
