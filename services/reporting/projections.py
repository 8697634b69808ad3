"""The federation-progress projection: dated facts from all three services' topics.

Each stream the progress follows has a state document (its history reduced to the facts that
matter, see facts.py) and the documents derived from it. Every one of them is written by the
events of that one stream with the stream's version, so a redelivered event changes nothing;
nothing is counted in place: counts are indexed queries over the documents (progress.py).

A handler needs the stream's state before its event. The read model has it once the batch
before was applied; for events earlier in the same batch the projection remembers the states it
made itself (`_recent`). A stored state newer than the event means the event was applied already;
one at exactly the event's version may have been applied only in part (a document store writes
one collection at a time), so the handler writes that state's documents again (`repair`).

A rebuild replays every event once, in order, into empty collections (`Replay`): its own records
are then the truth, and the store is read only for a stream whose record it has let go of. Each
record keeps the documents derived from its state, so an event derives only the documents after
it, and a batch writes each document it changed once, whole, at its newest version.
"""
from __future__ import annotations

import marshal
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from google.protobuf.message import Message

from services.common.cloudevents import topic_for
from services.common.events import StoredEvent
from services.common.projection import Handler, Projection
from services.common.readmodel import DocumentStore, Put
from services.reporting.facts import (
    FOLDS,
    BRAND_LEVELS,
    CHAMBERS,
    DECLARATIONS,
    ENTERPRISE_PROFILES,
    FORERUNNER_PARTICIPANTS,
    FORERUNNERS,
    GOOD_BEHAVIOUR,
    LEADERS,
    PILOT_ENROLMENTS,
    REPORT_STATES,
    REPORTS,
    STANDARD_REVIEWS,
    STANDARDS,
    TRAINEES,
    TRAINING_BATCHES,
    Documents,
    Fold,
)

__all__ = ["STATES", "STANDARDS", "REPORTS", "FederationProgress", "Replay"]

#: One document per followed stream: its folded state, and the version that last changed each derived document.
STATES = "stream_states"
#: How many streams' recent records to remember: far more than the streams of one batch.
RECENT_STREAMS = 20_000
#: How many streams' records a rebuild remembers (beyond them it reads the stored state back): far more than a batch.
REPLAY_STREAMS = 100_000


class FederationProgress(Projection):
    name = "reporting.progress"
    topics = (topic_for("registry"), topic_for("assessment"), topic_for("reporting"))
    indexes = {
        ENTERPRISE_PROFILES: [["league_code", "is_private", "from"], ["is_private", "from"], ["subject"]],
        PILOT_ENROLMENTS: [["league_code", "from"], ["from"]],
        BRAND_LEVELS: [["evaluated_on", "holds_until"], ["league_code", "first", "evaluated_on"], ["first", "evaluated_on"]],
        CHAMBERS: [["pilot_from"]],
        GOOD_BEHAVIOUR: [["pilot_from", "evaluated_on"]],
        STANDARDS: [["published_on"], ["proposed_on"], ["abolished_on"], ["converted_on"], ["translated_on"]],
        STANDARD_REVIEWS: [["from"]],
        LEADERS: [["recommended_on"], ["listed_on"]],
        DECLARATIONS: [["league_code", "disclosed_on"], ["disclosed_on"]],
        FORERUNNERS: [["listed_on"]],
        FORERUNNER_PARTICIPANTS: [["ranked_on"]],
        TRAINING_BATCHES: [["held_on"]],
        TRAINEES: [["league_code", "held_on"], ["held_on"]],
        REPORTS: [["league_code", "year"], ["year"], ["state"], ["first_submitted_on"]],
        REPORT_STATES: [["from"]],
    }

    def __init__(self) -> None:
        self._docs: DocumentStore | None = None
        #: stream -> version -> (record, the documents derived from its state).
        self._recent: OrderedDict[str, dict[int, tuple[dict[str, Any], Documents]]] = OrderedDict()
        #: The stored states of the batch being applied, loaded with one query (`batch`).
        self._batch_states: dict[str, dict[str, Any] | None] = {}

    @classmethod
    def collections(cls) -> list[str]:
        """Every collection the projection writes, for a rebuild."""
        return [STATES, *cls.indexes]

    def setup(self, docs: DocumentStore) -> None:
        super().setup(docs)
        self._docs = docs

    def handlers(self) -> dict[type[Message], Handler]:
        return {event_type: self._handler(fold) for event_type, fold in FOLDS.items()}

    @contextmanager
    def batch(self, events: Sequence[StoredEvent]) -> Iterator[None]:
        """Loads the stored states of the batch's streams at once instead of one read per event."""
        self._batch_states = self._store().get_many(STATES, sorted({event.stream_id for event in events}))
        try:
            yield
        finally:
            self._batch_states = {}

    def _handler(self, fold: Fold) -> Handler:
        def handle(event: StoredEvent, message: Message) -> list[Put]:
            return self.apply(event, message, fold)

        return handle

    def apply(self, event: StoredEvent, message: Message, fold: Fold) -> list[Put]:
        stream, version = event.stream_id, event.version
        stored = self._stored(stream)
        stored_version = stored["_version"] if stored else 0
        if stored_version > version:
            return []
        if stored_version == version:
            return repair(stream, stored, fold)
        before, documents_before = self._record_before(stream, version, stored, fold)
        state = _copied(before["state"])
        if not fold.apply(state, message):
            return []
        written = _copied(before["written"])
        documents = fold.derive(stream, state)
        puts = changes(documents_before, documents, written, version)
        for put in puts:
            written.setdefault(put.collection, {})[put.key] = version
        record = {"state": state, "written": written}
        self._remember(stream, version, record, documents)
        return [Put(STATES, stream, version, record), *puts]

    def _stored(self, stream: str) -> dict[str, Any] | None:
        if stream in self._batch_states:
            return self._batch_states[stream]
        return self._store().get(STATES, stream)

    def _store(self) -> DocumentStore:
        if self._docs is None:
            raise RuntimeError("FederationProgress.setup(docs) has not been called")
        return self._docs

    def _record_before(self, stream: str, version: int, stored: dict[str, Any] | None,
                       fold: Fold) -> tuple[dict[str, Any], Documents]:
        """The newest record older than `version`: one made earlier (this batch or one that failed), or the stored one.

        Every remembered record is the true state after its version, whether or not it was stored:
        events never change and arrive in stream order.
        """
        stored_version = stored["_version"] if stored else 0
        records = self._recent.get(stream, {})
        for done in [v for v in records if v <= stored_version]:
            del records[done]
        earlier = [v for v in records if v < version]
        if earlier:
            return records[max(earlier)]
        if not stored:
            return {"state": {}, "written": {}}, {}
        return {"state": stored["state"], "written": stored["written"]}, fold.derive(stream, stored["state"])

    def _remember(self, stream: str, version: int, record: dict[str, Any], documents: Documents) -> None:
        self._recent.setdefault(stream, {})[version] = (record, documents)
        self._recent.move_to_end(stream)
        if len(self._recent) > RECENT_STREAMS:
            self._recent.popitem(last=False)


class Replay:
    """A rebuild's pass of the progress projection: every event once, in stream order, into empty collections.

    The same folds and derivations as the live projection, without its guards: no event comes twice
    or out of order, so the replay's own record of a stream is its state, and the store is read only
    for a stream whose record it has let go of (after `capacity` other streams). The documents an
    event changes are kept until `flush`, which gives each of them once, whole, at the version that
    last changed it: what the live projection's field-by-field changes add up to.
    """

    def __init__(self, docs: DocumentStore, capacity: int = REPLAY_STREAMS) -> None:
        self._docs = docs
        self._capacity = capacity
        #: stream -> (record, the documents derived from its state), least recently used first.
        self._records: OrderedDict[str, tuple[dict[str, Any], Documents]] = OrderedDict()
        #: The streams whose records were let go of (all others have no stored state yet).
        self._forgotten: set[str] = set()
        #: (collection, key) -> (version, fields): the newest whole documents not yet written.
        self._pending: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}

    def apply(self, stream: str, version: int, message: Message, fold: Fold) -> None:
        """Folds the stream's next event into its record (raises, changing nothing, when the fold fails)."""
        records = self._records
        before, documents_before = records.get(stream) or self._record_let_go(stream, fold)
        state = _copied(before["state"])  # a fold may change the state and then refuse or fail
        if not fold.apply(state, message):
            return
        documents = fold.derive(stream, state)
        # The old record is replaced below, and a pending write of it too: its `written` can be updated in place.
        written = before["written"]
        pending = self._pending
        for document, fields in documents.items():
            collection, key = document
            keys = written.get(collection)
            if keys is None:
                keys = written[collection] = {}
            if key not in keys or documents_before.get(document) != fields:
                keys[key] = version
                pending[document] = (version, fields)
        record = {"state": state, "written": written}
        pending[(STATES, stream)] = (version, record)
        records[stream] = (record, documents)
        records.move_to_end(stream)
        if len(records) > self._capacity:
            forgotten, _ = records.popitem(last=False)
            self._forgotten.add(forgotten)

    def flush(self) -> list[Put]:
        """The documents changed since the last flush, each once, whole; the caller writes them."""
        pending, self._pending = self._pending, {}
        return [Put(collection, key, version, fields) for (collection, key), (version, fields) in pending.items()]

    def _record_let_go(self, stream: str, fold: Fold) -> tuple[dict[str, Any], Documents]:
        """The record of a stream not remembered: read back if it was let go of, else the empty one of a new stream."""
        if stream in self._forgotten:
            unwritten = self._pending.get((STATES, stream))
            stored = unwritten[1] if unwritten else self._docs.get(STATES, stream)
            if stored:
                return {"state": stored["state"], "written": _copied(stored["written"])}, fold.derive(stream, stored["state"])
        return {"state": {}, "written": {}}, {}


def _copied(value: Any) -> Any:
    """A deep copy of a JSON-shaped value (dicts, lists, strings, numbers, booleans, None), made in C."""
    return marshal.loads(marshal.dumps(value))


def repair(stream: str, stored: dict[str, Any], fold: Fold) -> list[Put]:
    """Every document of a stored state again, each with the version that last changed it.

    A document store writes one collection at a time, so a crash can leave the state written and a
    derived document not; the version guard skips the documents that are complete.
    """
    written = stored["written"]
    return [Put(collection, key, written[collection][key], fields)
            for (collection, key), fields in fold.derive(stream, stored["state"]).items()
            if key in written.get(collection, {})]


def changes(before: Documents, after: Documents, written: dict[str, dict[str, int]], version: int) -> list[Put]:
    """The fields of each derived document that differ from what was written before (all of a new one)."""
    puts = []
    for (collection, key), fields in after.items():
        previous = before.get((collection, key)) if key in written.get(collection, ()) else None
        if previous is None:
            changed = fields
        else:
            changed = {name: value for name, value in fields.items() if name not in previous or previous[name] != value}
        if changed:
            puts.append(Put(collection, key, version, changed))
    return puts
