"""Events on the wire: the CloudEvents Kafka protocol binding, binary mode.

The record value is the protobuf event; the attributes travel as `ce_*` headers. Besides the
required attributes, records carry the extensions `ce_sequence` (the event's position in its
service's store), `ce_streamversion`, `ce_correlationid`, `ce_causationid` and `ce_actor`.
"""
from __future__ import annotations

from datetime import datetime

from google.protobuf.message import DecodeError

from services.common import protos
from services.common.bus import Record
from services.common.events import Metadata, StoredEvent

CONTENT_TYPE = "application/protobuf"
SPEC_VERSION = "1.0"
METADATA_HEADERS = {"correlation_id": "ce_correlationid", "causation_id": "ce_causationid", "actor": "ce_actor"}
REQUIRED_HEADERS = ("ce_id", "ce_source", "ce_type", "ce_specversion", "ce_subject", "ce_time", "ce_sequence", "ce_streamversion")


class MalformedRecord(ValueError):
    """A record that is not a fedstd event: it goes to the dead-letter topic with this reason."""


def topic_for(service: str) -> str:
    return f"fedstd.{service}.v1"


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.deadletter"


def source_for(service: str) -> str:
    return f"/fedstd/{service}"


def to_record(event: StoredEvent, topic: str, source: str) -> Record:
    headers = {
        "ce_specversion": SPEC_VERSION,
        "ce_id": event.event_id,
        "ce_source": source,
        "ce_type": event.type,
        "ce_time": event.occurred_at.isoformat(),
        "ce_subject": event.stream_id,
        "ce_dataschema": f"urn:fedstd:proto:{event.type}",
        "content-type": CONTENT_TYPE,
        "ce_sequence": str(event.position),
        "ce_streamversion": str(event.version),
    }
    for attribute, header in METADATA_HEADERS.items():
        if value := getattr(event.metadata, attribute):
            headers[header] = value
    return Record(topic=topic, key=event.stream_id, value=event.data, headers=headers)


def from_record(record: Record) -> StoredEvent:
    """Reads a record back into an event, checking everything a consumer relies on."""
    headers = record.headers
    missing = [h for h in REQUIRED_HEADERS if not headers.get(h)]
    if missing:
        raise MalformedRecord(f"missing headers: {', '.join(missing)}")
    if headers["ce_specversion"] != SPEC_VERSION:
        raise MalformedRecord(f"unsupported ce_specversion {headers['ce_specversion']!r}")
    if headers.get("content-type") != CONTENT_TYPE:
        raise MalformedRecord(f"content-type must be {CONTENT_TYPE}, got {headers.get('content-type')!r}")
    if headers["ce_subject"] != record.key:
        raise MalformedRecord("ce_subject differs from the record key")
    try:
        position, version = int(headers["ce_sequence"]), int(headers["ce_streamversion"])
        occurred_at = datetime.fromisoformat(headers["ce_time"])
    except ValueError as exc:
        raise MalformedRecord(f"bad attribute value: {exc}") from exc
    if not headers["ce_type"].startswith("fedstd."):
        raise MalformedRecord(f"unknown event type {headers['ce_type']!r}: not a fedstd event")
    try:
        protos.decode(headers["ce_type"], record.value)
    except protos.UnknownMessageType:
        raise MalformedRecord(f"unknown event type {headers['ce_type']!r}") from None
    except DecodeError as exc:
        raise MalformedRecord(f"value does not parse as {headers['ce_type']}: {exc}") from None
    return StoredEvent(
        position=position,
        stream_id=record.key,
        version=version,
        event_id=headers["ce_id"],
        type=headers["ce_type"],
        data=record.value,
        occurred_at=occurred_at,
        metadata=Metadata.from_dict({a: headers.get(h, "") for a, h in METADATA_HEADERS.items()}),
    )
