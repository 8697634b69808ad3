"""A bulk import of enterprises: records checked one by one, stored many streams per append.

The client streams chunks of records (up to 1,000 per message: one message per record would cost
gRPC more than fedstd's work); a record's index counts over the whole import. Each accepted record
is a new enterprise stream, appended with NO_STREAM in a batch append (`EventStore.append_batch`:
one transaction for a few hundred streams). The event store refuses a stream that exists, so a
USCC that is already registered, or repeated in the import, is refused as ALREADY_EXISTS, as
RegisterEnterprise refuses it, without a read per record and without failing the rest of its
batch. The events of one batch share the call's metadata and their time (when the batch was
decided), so that the store encodes each once; their ids come from one draw of randomness.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from google.protobuf.message import Message

from fedstd.registry.v1 import registry_service_pb2 as api
from services.common.errors import AlreadyExistsError, FedstdError, ValidationError, Violations
from services.common.events import Metadata, NewEvent, new_event_ids, utcnow
from services.common.eventstore import NO_STREAM, Append, EventStore
from services.registry.domain import Enterprise

#: Streams per batch append: large enough to amortise a transaction, small enough to keep the
#: store's write lock (which every command shares) for a few milliseconds only.
BATCH_STREAMS = 500
#: Refusals listed in the response; `refused_count` counts them all.
MAX_LISTED_REFUSALS = 1000
#: Records one message may carry: a few hundred amortise a message, and the server holds one at a time.
MAX_RECORDS_PER_MESSAGE = 1000


class EnterpriseImport:
    """Collects registered enterprises and appends them in batches; tallies the outcome."""

    def __init__(self, store: EventStore, metadata: Metadata, batch_streams: int = BATCH_STREAMS):
        self._store = store
        self._metadata = metadata
        self._batch_streams = batch_streams
        #: Per stream, its record and events: the aggregate itself is let go at once (thousands of objects that
        #: would outlive a few garbage collections and make the collector sweep the whole heap more often).
        self._pending: dict[str, tuple[int, api.EnterpriseImportRecord, list[Message]]] = {}
        self.outcome = api.ImportEnterprisesResponse()
        self._received = 0

    def records(self, requests: Iterable[api.ImportEnterprisesRequest]) -> Iterator[tuple[int, api.EnterpriseImportRecord]]:
        """The streamed records in order, each with its index in the whole import; a message of too many
        records ends the import (INVALID_ARGUMENT) after storing what came before it."""
        for request in requests:
            if len(request.records) > MAX_RECORDS_PER_MESSAGE:
                self.flush()
                violations = Violations()
                violations.add("records", f"at most {MAX_RECORDS_PER_MESSAGE} records per message, "
                                          f"not {len(request.records)}")
                violations.raise_if_any()
            for record in request.records:
                yield self._received, record
                self._received += 1

    def add(self, index: int, record: api.EnterpriseImportRecord, enterprise: Enterprise) -> None:
        """Queues a new enterprise (its registration pending) for the next batch append."""
        if enterprise.stream_id in self._pending or len(self._pending) >= self._batch_streams:
            self.flush()  # a batch names each stream once: a repeat goes to the next one, which refuses it
        self._pending[enterprise.stream_id] = (index, record, enterprise.collect_pending())

    def refuse(self, index: int, record: api.EnterpriseImportRecord, error: FedstdError) -> None:
        self.outcome.refused_count += 1
        if len(self.outcome.refusals) >= MAX_LISTED_REFUSALS:
            return
        refusal = self.outcome.refusals.add(index=index, request_id=record.request_id, uscc=record.enterprise.uscc[:64],
                                            reason=error.reason, message=str(error))
        if isinstance(error, ValidationError):
            refusal.field_violations.extend(
                api.FieldViolation(field=v.field, description=v.description) for v in error.violations)

    def finish(self) -> api.ImportEnterprisesResponse:
        """Appends what is still queued; the outcome, its refusals in the order received."""
        self.flush()
        self.outcome.received_count = self._received
        self.outcome.refusals.sort(key=lambda refusal: refusal.index)
        return self.outcome

    def flush(self) -> None:
        """Appends the queued enterprises in one batch; a stream that exists is refused alone."""
        pending, self._pending = list(self._pending.items()), {}
        if not pending:
            return
        event_ids = iter(new_event_ids(sum(len(events) for _, (_, _, events) in pending)))
        occurred_at = utcnow()
        appends = [Append(stream_id, NO_STREAM, [NewEvent(stream_id, event, self._metadata, next(event_ids), occurred_at)
                                                  for event in events])
                   for stream_id, (_, _, events) in pending]
        for (stream_id, (index, record, _)), outcome in zip(pending, self._store.append_batch(appends)):
            if isinstance(outcome, Exception):
                self.refuse(index, record, AlreadyExistsError(f"{stream_id} already exists"))
            else:
                self.outcome.imported_count += 1
