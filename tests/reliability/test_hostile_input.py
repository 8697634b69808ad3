"""Hostile input over real gRPC: random, malformed and oversized requests to every method of every
service. Whatever arrives, the answer is a deliberate status (never INTERNAL or UNKNOWN), the
server keeps serving, and the event stores stay consistent.

Requests are generated from the services' own descriptors, so new methods are covered as they appear.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

import grpc
import pytest
from google.protobuf import descriptor as d
from google.protobuf.message import Message
from grpc_health.v1 import health_pb2, health_pb2_grpc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fedstd.assessment.v1 import assessment_service_pb2
from fedstd.registry.v1 import registry_service_pb2
from fedstd.reporting.v1 import reporting_service_pb2
from services.common.auth import Role, TokenIssuer
from services.common.config import SERVICES, Settings
from services.common.eventstore.sqlite import SqliteEventStore
from services.common.protos import message_class
from services.common.runtime import Suite

API_MODULES = {"registry": registry_service_pb2, "assessment": assessment_service_pb2, "reporting": reporting_service_pb2}
#: Deliberate answers to bad input. INTERNAL and UNKNOWN mean the server did not handle it.
ACCEPTABLE = {
    grpc.StatusCode.OK, grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.ALREADY_EXISTS,
    grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.ABORTED,
    grpc.StatusCode.OUT_OF_RANGE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.RESOURCE_EXHAUSTED,
}

TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "150100", "150102", "999999", "NMB", "T/NMB 14—2023", "Q/ABC 0001—2021",
                     "91150100000000001 7", "911501000000000017", "2023-02-30", "2023-07-24", "leagues/150100",
                     "enterprises/-/x", "../../etc", "chambers/NMB/groupStandards/1", "\x00", "𝔉𝔢𝔡", "\u202e"]),
    st.text(min_size=1000, max_size=5000),
)
SCALARS = {
    d.FieldDescriptor.TYPE_STRING: TEXT,
    d.FieldDescriptor.TYPE_BYTES: st.binary(max_size=64),
    d.FieldDescriptor.TYPE_BOOL: st.booleans(),
    d.FieldDescriptor.TYPE_DOUBLE: st.floats(allow_nan=True, allow_infinity=True),
    d.FieldDescriptor.TYPE_FLOAT: st.floats(width=32, allow_nan=True, allow_infinity=True),
    d.FieldDescriptor.TYPE_INT32: st.one_of(st.integers(-(2**31), 2**31 - 1), st.integers(-3, 3000)),
    d.FieldDescriptor.TYPE_INT64: st.one_of(st.integers(-(2**63), 2**63 - 1), st.integers(-3, 3000)),
    d.FieldDescriptor.TYPE_UINT32: st.integers(0, 2**32 - 1),
    d.FieldDescriptor.TYPE_UINT64: st.integers(0, 2**64 - 1),
    d.FieldDescriptor.TYPE_SINT32: st.integers(-(2**31), 2**31 - 1),
    d.FieldDescriptor.TYPE_SINT64: st.integers(-(2**63), 2**63 - 1),
}


def field_values(field: d.FieldDescriptor, depth: int) -> st.SearchStrategy:
    if field.type == d.FieldDescriptor.TYPE_MESSAGE:
        return messages(field.message_type, depth + 1)
    if field.type == d.FieldDescriptor.TYPE_ENUM:
        return st.one_of(st.sampled_from([v.number for v in field.enum_type.values]), st.integers(-5, 1000))
    return SCALARS.get(field.type, st.nothing())


def messages(descriptor: d.Descriptor, depth: int = 0) -> st.SearchStrategy[Message]:
    """Random messages of this type: each field absent or filled with awkward values."""
    cls = message_class(descriptor.full_name)
    if depth > 3 or descriptor.full_name.startswith("google.protobuf."):
        return st.just(cls())
    parts = {}
    for field in descriptor.fields:
        values = field_values(field, depth)
        parts[field.name] = st.lists(values, max_size=3) if field.is_repeated \
            else st.one_of(st.none(), values)

    @st.composite
    def build(draw) -> Message:
        message = cls()
        for name, strategy in parts.items():
            value = draw(strategy)
            if value is None or value == []:
                continue
            field = descriptor.fields_by_name[name]
            target = getattr(message, name)
            try:
                if field.is_repeated:
                    (target.extend(value) if field.type != d.FieldDescriptor.TYPE_MESSAGE
                     else [target.add().CopyFrom(v) for v in value])
                elif field.type == d.FieldDescriptor.TYPE_MESSAGE:
                    target.CopyFrom(value)
                else:
                    setattr(message, name, value)
            except (ValueError, TypeError):
                pass  # e.g. an enum value the runtime refuses locally; the field stays unset
        return message

    return build()


def methods() -> list[tuple[str, d.MethodDescriptor]]:
    return [(service, method) for service, module in API_MODULES.items()
            for svc in module.DESCRIPTOR.services_by_name.values() for method in svc.methods]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory):
    issuer = TokenIssuer.generate()
    data_dir: Path = tmp_path_factory.mktemp("hostile")
    suite = Suite(Settings(data_dir=data_dir, ports={s: 0 for s in SERVICES}, auth=issuer.settings(),
                           read_your_writes_timeout=0.2)).start()
    channels = {s: grpc.insecure_channel(f"127.0.0.1:{p}") for s, p in suite.ports.items()}
    yield suite, channels, issuer, data_dir
    for channel in channels.values():
        channel.close()
    suite.stop()


TOKENS_FOR = [(Role.REGION, ""), (Role.LEAGUE, "150100"), (Role.CHAMBER, "NMB"), (Role.EVALUATOR, "b1"), (Role.PARTNER, "")]


def call(channel: grpc.Channel, method: d.MethodDescriptor, request: bytes, token: str) -> grpc.StatusCode:
    path = f"/{method.containing_service.full_name}/{method.name}"
    metadata = [("authorization", f"Bearer {token}")]
    try:
        if method.server_streaming:
            stream = channel.unary_stream(path)(request, metadata=metadata, timeout=0.5)
            for _ in itertools.islice(stream, 2):
                pass
        else:
            channel.unary_unary(path)(request, metadata=metadata, timeout=10)
    except grpc.RpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


@pytest.mark.parametrize(("service", "method"), methods(), ids=lambda v: getattr(v, "name", v))
def test_random_requests_get_deliberate_answers(running, service: str, method: d.MethodDescriptor) -> None:
    suite, channels, issuer, _ = running
    tokens = [issuer.issue(role, scope) for role, scope in TOKENS_FOR]
    seen: dict[grpc.StatusCode, int] = defaultdict(int)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(request=messages(method.input_type), token=st.sampled_from(tokens))
    def check(request: Message, token: str) -> None:
        code = call(channels[service], method, request.SerializeToString(), token)
        seen[code] += 1
        assert code in ACCEPTABLE, f"{method.full_name} answered {code} to {request!r:.300}"

    check()
    assert sum(seen.values()) >= 25


@pytest.mark.parametrize("payload", [b"\xff\xff\xff\xff", b"\x0a\xff\xff\xff\xff\x0f", b"\x08", b"\x12\x05ab"])
def test_undecodable_bytes_are_invalid_argument(running, payload: bytes) -> None:
    suite, channels, issuer, _ = running
    token = issuer.issue(Role.REGION)
    for service, method in methods():
        code = call(channels[service], method, payload, token)
        assert code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.DEADLINE_EXCEEDED), (method.full_name, code)


def test_oversized_messages_are_refused_and_the_server_keeps_serving(running) -> None:
    suite, channels, issuer, _ = running
    token = issuer.issue(Role.REGION)
    service, method = methods()[0]
    # Field 1, length 6 MiB, and the bytes: over the 4 MiB limit, refused before decoding.
    code = call(channels[service], method, b"\x0a\x80\x80\x80\x03" + b"x" * (6 * 1024 * 1024), token)
    assert code == grpc.StatusCode.RESOURCE_EXHAUSTED


def test_after_the_storm_every_server_serves_and_stores_are_consistent(running) -> None:
    suite, channels, issuer, data_dir = running
    for channel in channels.values():
        status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5).status
        assert status == health_pb2.HealthCheckResponse.SERVING
    for service in SERVICES:
        store = SqliteEventStore(data_dir / f"{service}.events.db")
        events = store.read_all(0, 1_000_000)
        positions = [e.position for e in events]
        assert positions == sorted(set(positions))
        versions: dict[str, list[int]] = defaultdict(list)
        for event in events:
            versions[event.stream_id].append(event.version)
            event.message()  # every stored event decodes
        assert all(v == list(range(1, len(v) + 1)) for v in versions.values())
        store.close()
