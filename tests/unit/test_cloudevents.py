"""CloudEvents Kafka binding (binary mode): round trip and every malformation a consumer must refuse."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from fedstd.registry.v1 import events_pb2 as registry_events
from services.common.bus import Record
from services.common.cloudevents import (
    CONTENT_TYPE,
    MalformedRecord,
    dead_letter_topic,
    from_record,
    source_for,
    to_record,
    topic_for,
)
from services.common.events import Metadata, StoredEvent

TOPIC = topic_for("registry")
SOURCE = source_for("registry")
STREAM = "chambers/NMB/groupStandards/14-2023"


def _event(metadata: Metadata = Metadata(correlation_id="corr-1", causation_id="cause-1", actor="alice")) -> StoredEvent:
    message = registry_events.StandardPublished(
        group_standard=STREAM, number="T/NMB 14—2023", org_code="NMB", title="呼和浩特老字号评定规范",
        league_code="150100", published_on="2023-07-24", effective_on="2023-08-01",
    )
    return StoredEvent(
        position=41,
        stream_id=STREAM,
        version=3,
        event_id="6f1c1f0e-5b7a-4a53-9d0e-2f3f2b0f4c11",
        type="fedstd.registry.v1.StandardPublished",
        data=message.SerializeToString(),
        occurred_at=datetime(2023, 7, 24, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=8))),
        metadata=metadata,
    )


def _record(**header_changes: str | None) -> Record:
    record = to_record(_event(), TOPIC, SOURCE)
    headers = dict(record.headers)
    for name, value in header_changes.items():
        name = name.replace("__", "-")
        if value is None:
            headers.pop(name, None)
        else:
            headers[name] = value
    return replace(record, headers=headers)


def test_names() -> None:
    assert TOPIC == "fedstd.registry.v1"
    assert SOURCE == "/fedstd/registry"
    assert dead_letter_topic(TOPIC) == "fedstd.registry.v1.deadletter"


def test_to_record_sets_every_header_and_keys_by_stream() -> None:
    event = _event()
    record = to_record(event, TOPIC, SOURCE)
    assert record.topic == TOPIC
    assert record.key == STREAM
    assert record.value == event.data
    assert record.headers == {
        "ce_specversion": "1.0",
        "ce_id": event.event_id,
        "ce_source": "/fedstd/registry",
        "ce_type": "fedstd.registry.v1.StandardPublished",
        "ce_time": "2023-07-24T09:30:15.123456+08:00",
        "ce_subject": STREAM,
        "ce_dataschema": "urn:fedstd:proto:fedstd.registry.v1.StandardPublished",
        "content-type": CONTENT_TYPE,
        "ce_sequence": "41",
        "ce_streamversion": "3",
        "ce_correlationid": "corr-1",
        "ce_causationid": "cause-1",
        "ce_actor": "alice",
    }
    assert all(isinstance(v, str) for v in record.headers.values())


def test_round_trip_restores_the_event() -> None:
    event = _event()
    back = from_record(to_record(event, TOPIC, SOURCE))
    assert back == event
    assert back.occurred_at.utcoffset() == timedelta(hours=8)
    assert back.message().number == "T/NMB 14—2023"


def test_empty_metadata_is_left_out_and_comes_back_empty() -> None:
    event = _event(Metadata(correlation_id="only-this"))
    record = to_record(event, TOPIC, SOURCE)
    assert record.headers["ce_correlationid"] == "only-this"
    assert "ce_causationid" not in record.headers and "ce_actor" not in record.headers
    assert from_record(record).metadata == Metadata(correlation_id="only-this")


@pytest.mark.parametrize(
    "header",
    ["ce_id", "ce_source", "ce_type", "ce_specversion", "ce_subject", "ce_time", "ce_sequence", "ce_streamversion"],
)
def test_a_missing_required_header_is_malformed(header: str) -> None:
    with pytest.raises(MalformedRecord, match=f"missing headers: {header}$"):
        from_record(_record(**{header: None}))


def test_an_empty_required_header_counts_as_missing_and_all_are_named() -> None:
    with pytest.raises(MalformedRecord) as caught:
        from_record(_record(ce_id="", ce_time=None))
    assert str(caught.value) == "missing headers: ce_id, ce_time"


def test_wrong_specversion() -> None:
    with pytest.raises(MalformedRecord, match=r"unsupported ce_specversion '0\.3'"):
        from_record(_record(ce_specversion="0.3"))


@pytest.mark.parametrize("content_type", ["application/json", "application/cloudevents+json", None])
def test_wrong_or_missing_content_type(content_type: str | None) -> None:
    with pytest.raises(MalformedRecord, match="content-type must be application/protobuf"):
        from_record(_record(content__type=content_type))


def test_subject_must_equal_the_key() -> None:
    with pytest.raises(MalformedRecord, match="ce_subject differs from the record key"):
        from_record(_record(ce_subject="chambers/NMB/groupStandards/15-2023"))
    record = to_record(_event(), TOPIC, SOURCE)
    with pytest.raises(MalformedRecord, match="ce_subject differs from the record key"):
        from_record(replace(record, key="another-key"))


@pytest.mark.parametrize(
    "changes",
    [{"ce_sequence": "forty-one"}, {"ce_sequence": "4.1"}, {"ce_streamversion": "3a"}, {"ce_time": "yesterday"}],
)
def test_non_integer_sequence_version_or_bad_time(changes: dict) -> None:
    with pytest.raises(MalformedRecord, match="bad attribute value"):
        from_record(_record(**changes))


@pytest.mark.parametrize("type_name", ["fedstd.registry.v1.NoSuchEvent", "com.example.Order", "StandardPublished"])
def test_unknown_event_type(type_name: str) -> None:
    with pytest.raises(MalformedRecord, match="unknown event type"):
        from_record(_record(ce_type=type_name))


@pytest.mark.parametrize(
    "value",
    [
        b"\xff\xff\xff",  # not a valid tag
        b"\x0a\x05ab",  # length-delimited field longer than the bytes left
        b"\x08",  # a tag with its varint missing
        b"\x12\x02\xff\xfe",  # a string field that is not UTF-8
    ],
)
def test_value_that_does_not_parse_as_the_type(value: bytes) -> None:
    record = replace(to_record(_event(), TOPIC, SOURCE), value=value)
    with pytest.raises(MalformedRecord, match=r"value does not parse as fedstd\.registry\.v1\.StandardPublished"):
        from_record(record)


def test_malformed_record_is_a_value_error() -> None:
    # Consumers that only know ValueError still catch it.
    assert issubclass(MalformedRecord, ValueError)
